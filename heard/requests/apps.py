"""Stakeholders' requests: reasoned requests for information (EU CSDDD art. 13(2)) and
requests about their own data (export, erasure, correction)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "heard.requests"
    label = "requests"
    verbose_name = _("Information requests")
