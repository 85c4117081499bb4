"""The insight cycle: internal teams ask what stakeholders said, and get a brief."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "heard.insights.briefs"
    label = "briefs"
    verbose_name = _("Insight requests")
