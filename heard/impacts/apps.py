"""Initiatives across the lifecycle, the rights catalogue, impacts and their salience."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactsConfig(AppConfig):
    name = "heard.impacts"
    label = "impacts"
    verbose_name = _("Impacts")
