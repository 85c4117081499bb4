"""Outgoing webhooks: signed event deliveries, retried by the worker, with a delivery log."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "heard.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
