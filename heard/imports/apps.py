"""Import jobs and saved column mappings: upload → map → preview → apply all-or-nothing."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "heard.imports"
    label = "imports"
    verbose_name = _("Imports")
