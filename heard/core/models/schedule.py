"""Daily background work: which task was queued on which day, so it is queued once a day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One daily task queued on one day. The unique pair makes several workers queue it once."""

    task_path = models.CharField(_("task"), max_length=200)
    day = models.DateField(_("day"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["task_path", "day"], name="scheduled_run_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.task_path} {self.day}"
