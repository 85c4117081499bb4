"""The stakeholder portal: magic-link access to what a stakeholder said and what came of it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "heard.portal"
    label = "portal"
    verbose_name = _("Stakeholder portal")
