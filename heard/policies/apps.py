"""Policies with versions, consultation and the policy forum."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "heard.policies"
    label = "policies"
    verbose_name = _("Policies")
