"""The public transparency centre: published policies, minutes, figures and commitments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "heard.transparency"
    label = "transparency"
    verbose_name = _("Transparency centre")
