"""Concerns and grievances about the company's products, and the remedy that follows."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "heard.concerns"
    label = "concerns"
    verbose_name = _("Concerns and remedy")
