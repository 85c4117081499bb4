"""Themes across inputs: clustered automatically, curated by people."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "heard.insights.themes"
    label = "themes"
    verbose_name = _("Themes")
