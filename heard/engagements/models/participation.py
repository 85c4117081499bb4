"""Participation: who takes part in an engagement, how, and on what terms."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.engagements.models.choices import (
    CompensationStatus,
    InvitationState,
    ParticipationRole,
    Representation,
)


class Participation(WorkspaceScopedModel):
    """One stakeholder's place in one engagement."""

    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    # When the same session runs at several times (10:00 CET and 09:00 PDT), the one this
    # person attends; blank means every session of the engagement.
    session = models.ForeignKey(
        "engagements.Session",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )
    role = models.CharField(
        verbose_name=_("role"),
        max_length=20,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTICIPANT,
    )
    representation = models.CharField(
        verbose_name=_("how the affected group is engaged"),
        max_length=30,
        choices=Representation.choices,
        default=Representation.DIRECT,
    )
    representation_basis = models.TextField(
        verbose_name=_("basis of legitimacy"),
        blank=True,
        help_text=_("On what basis the representative or proxy speaks for the affected group."),
    )
    invitation_state = models.CharField(
        verbose_name=_("invitation"),
        max_length=10,
        choices=InvitationState.choices,
        default=InvitationState.DRAFT,
    )
    invitation_sent_at = models.DateTimeField(
        verbose_name=_("invitation sent at"),
        null=True,
        blank=True,
        editable=False,
    )
    invitation_language = models.CharField(
        verbose_name=_("invitation language"),
        max_length=12,
        blank=True,
        editable=False,
    )
    attended = models.BooleanField(
        verbose_name=_("attended"),
        null=True,
        blank=True,
    )
    needs_interpretation = models.BooleanField(
        verbose_name=_("needs interpretation"),
        default=False,
    )
    interpretation_language = models.CharField(
        verbose_name=_("interpretation into"),
        max_length=12,
        blank=True,
    )
    accessibility_needs = models.TextField(
        verbose_name=_("accessibility needs"),
        blank=True,
    )
    compensation_status = models.CharField(
        verbose_name=_("compensation"),
        max_length=10,
        choices=CompensationStatus.choices,
        blank=True,
    )
    compensation_amount = models.DecimalField(
        verbose_name=_("compensation amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    compensation_currency = models.CharField(
        verbose_name=_("currency"),
        max_length=3,
        blank=True,
        help_text=_("ISO 4217 code, e.g. EUR."),
    )
    compensation_in_kind = models.CharField(
        verbose_name=_("compensation in kind"),
        max_length=300,
        blank=True,
    )
    notes = models.TextField(
        verbose_name=_("notes"),
        blank=True,
    )
    # Copy of the engagement's `starts_on`, kept in sync by services: the fatigue check
    # counts a stakeholder's engagements in a rolling window from one index.
    engaged_on = models.DateField(
        verbose_name=_("engagement date"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ("engagement", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("engagement", "stakeholder"),
                name="%(app_label)s_%(class)s_unique_stakeholder",
            ),
            models.CheckConstraint(
                condition=Q(compensation_amount__isnull=True) | Q(compensation_amount__gte=0),
                name="%(app_label)s_%(class)s_amount_not_negative",
            ),
        ]
        indexes = [
            models.Index(
                fields=("workspace", "stakeholder", "engaged_on"), name="eng_part_ws_sh_date_idx"
            ),
            models.Index(fields=("workspace", "engaged_on"), name="eng_part_ws_date_idx"),
            models.Index(fields=("engagement", "invitation_state"), name="eng_part_state_idx"),
            # An engagement's participant list: two equality columns, so SQLite prefers it to
            # the workspace-wide indexes (which match only one).
            models.Index(fields=("engagement", "archived_at"), name="eng_part_eng_arch_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder} @ {self.engagement}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("engagements:participation_edit", args=[self.workspace.slug, self.pk])

    @property
    def is_compensated(self) -> bool:
        """Compensation offered and not declined: one of the seed's fatigue exceptions."""
        return self.compensation_status in {
            CompensationStatus.OFFERED,
            CompensationStatus.ACCEPTED,
            CompensationStatus.PAID,
        }
