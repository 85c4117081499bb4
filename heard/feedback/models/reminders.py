"""A record of each loop digest or escalation sent, so a second run the same day sends nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoopReminderKind(models.TextChoices):
    """Who the reminder is for."""

    DIGEST = "digest", _("Daily digest to the loop owner")
    ESCALATION = "escalation", _("Escalation to managers")


class LoopReminder(models.Model):
    """One email about overdue loops to one member on one day (the claim before sending)."""

    workspace = models.ForeignKey(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=12,
        choices=LoopReminderKind.choices,
    )
    sent_on = models.DateField(
        verbose_name=_("sent on"),
    )
    input_count = models.PositiveIntegerField(
        verbose_name=_("overdue inputs"),
        default=0,
    )

    class Meta:
        verbose_name = _("loop reminder")
        verbose_name_plural = _("loop reminders")
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "recipient", "kind", "sent_on"),
                name="%(app_label)s_%(class)s_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_on}"
