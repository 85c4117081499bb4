"""Operations: health checks, worker liveness, backups."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "heard.ops"
    label = "ops"
    verbose_name = _("Ops")

    def ready(self) -> None:
        from heard.ops.logs import install_record_factory

        install_record_factory()
