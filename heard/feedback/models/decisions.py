"""Decisions: what was done with an input and why, every version kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.feedback.models.choices import NOT_FOLLOWED, Outcome


class Decision(WorkspaceScopedModel):
    """One version of the decision on an input; revising adds a version, never overwrites."""

    input = models.ForeignKey(
        "feedback.Input",
        verbose_name=_("input"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    version = models.PositiveIntegerField(
        verbose_name=_("version"),
        default=1,
        editable=False,
    )
    outcome = models.CharField(
        verbose_name=_("outcome"),
        max_length=20,
        choices=Outcome.choices,
    )
    rationale = models.TextField(
        verbose_name=_("rationale"),
        blank=True,
        help_text=_("Required for every outcome other than adopted."),
    )
    risk_management = models.TextField(
        verbose_name=_("how the risk is still managed"),
        blank=True,
        help_text=_("Required when the input is not followed in full."),
    )
    referred_to_team = models.CharField(
        verbose_name=_("referred to team"),
        max_length=200,
        blank=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        verbose_name=_("decided at"),
        default=timezone.now,
        editable=False,
    )
    is_current = models.BooleanField(
        verbose_name=_("current"),
        default=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ("input", "-version")
        constraints = [
            models.UniqueConstraint(
                fields=("input", "version"), name="%(app_label)s_%(class)s_unique_version"
            ),
            models.UniqueConstraint(
                fields=("input",),
                condition=Q(is_current=True),
                name="%(app_label)s_%(class)s_one_current",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "outcome", "is_current"), name="dec_ws_outcome_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} (v{self.version})"

    def get_absolute_url(self) -> str:
        return self.input.get_absolute_url()

    @property
    def is_followed(self) -> bool:
        """Whether the input was followed in full (adopted or referred on)."""
        return self.outcome not in NOT_FOLLOWED
