"""Shared parts of insights and reporting: charts and PDF rendering, with their templates."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "heard.insights"
    label = "insights"
    verbose_name = _("Insights and reporting")
