"""Disclosure reports: ESRS, EU CSDDD, the UNGP Reporting Framework and GRI."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "heard.insights.disclosure"
    label = "disclosure"
    verbose_name = _("Disclosure reports")
