"""Operations data: the worker heartbeat that `/health` reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per `heard worker` process, touched every few seconds while it lives."""

    worker_id = models.CharField(
        verbose_name=_("worker id"),
        max_length=64,
        unique=True,
    )
    started_at = models.DateTimeField(
        verbose_name=_("started at"),
    )
    seen_at = models.DateTimeField(
        verbose_name=_("last seen at"),
        db_index=True,
    )

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.seen_at:%Y-%m-%d %H:%M:%S})"
