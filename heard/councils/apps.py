"""Advisory councils: members with terms, terms of reference, rotation reminders."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "heard.councils"
    label = "councils"
    verbose_name = _("Advisory councils")
