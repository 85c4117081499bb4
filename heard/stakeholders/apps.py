"""Organisations, stakeholders, consent, relationships, import/export of the registry."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "heard.stakeholders"
    label = "stakeholders"
    verbose_name = _("Stakeholders")
