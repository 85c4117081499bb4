"""A workspace's concern channel: on or off, deadlines per step, the public introduction."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_INTRO_LENGTH = 4000


class ConcernChannelSettings(models.Model):
    """One row per workspace (made on first save; until then the defaults apply, channel off).

    Deadlines count in days from the day a concern is raised, so the person can be told all
    three dates on the first day (UNGP 31 "predictable").
    """

    workspace = models.OneToOneField(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="concern_channel",
    )
    is_enabled = models.BooleanField(
        verbose_name=_("public concern form open"),
        default=False,
        help_text=_("Anyone with the address can raise a concern, without an account."),
    )
    acknowledgement_days = models.PositiveSmallIntegerField(
        verbose_name=_("acknowledge within (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    assessment_days = models.PositiveSmallIntegerField(
        verbose_name=_("start the assessment within (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    outcome_days = models.PositiveSmallIntegerField(
        verbose_name=_("decide the outcome within (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    intro_text = models.TextField(
        verbose_name=_("introduction on the public form"),
        max_length=MAX_INTRO_LENGTH,
        blank=True,
        help_text=_("A few plain sentences on what this channel is for (plain text)."),
    )
    updated_at = models.DateTimeField(
        verbose_name=_("updated at"),
        auto_now=True,
    )

    class Meta:
        verbose_name = _("concern channel settings")
        verbose_name_plural = _("concern channel settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(acknowledgement_days__lte=models.F("assessment_days"))
                & models.Q(assessment_days__lte=models.F("outcome_days")),
                name="%(app_label)s_%(class)s_deadlines_in_order",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Concern channel"))

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.acknowledgement_days
            and self.assessment_days
            and self.acknowledgement_days > self.assessment_days
        ):
            raise ValidationError(
                {"assessment_days": _("The assessment cannot start before the acknowledgement.")}
            )
        if self.assessment_days and self.outcome_days and self.assessment_days > self.outcome_days:
            raise ValidationError(
                {"outcome_days": _("The outcome cannot be due before the assessment starts.")}
            )
