"""The REST API: assembles each app's router into /api/v1/, with personal access tokens."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "heard.api"
    label = "api"
    verbose_name = _("API")
