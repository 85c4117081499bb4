"""Workspace and initiative dashboards: figures that link to the records behind them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "heard.insights.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")
