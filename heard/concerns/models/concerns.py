"""Concerns (grievances) about the company's products, their timeline and the remedies."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heard.concerns.models.choices import (
    ConcernChannel,
    ConcernOutcome,
    ConcernStatus,
    EventKind,
    RemedyKind,
    RemedyStatus,
)
from heard.core.crypto import EncryptedTextField
from heard.core.models import WorkspaceScopedModel

MAX_DESCRIPTION_LENGTH = 10_000
MAX_TEXT_LENGTH = 5_000
REFERENCE_LENGTH = 10


def format_reference(code: str) -> str:
    """“ABCDE-23456”: the reference as shown to people (easier to read out on a phone)."""
    return f"{code[:5]}-{code[5:]}" if len(code) == REFERENCE_LENGTH else code


class Concern(WorkspaceScopedModel):
    """A concern or grievance raised with the company, from receipt to closure (UNGP 29–31)."""

    reference = models.CharField(
        verbose_name=_("reference code"),
        max_length=REFERENCE_LENGTH,
        unique=True,
        editable=False,
    )
    description = models.TextField(
        verbose_name=_("what happened"),
        max_length=MAX_DESCRIPTION_LENGTH,
    )
    product_named = models.CharField(
        verbose_name=_("product or service named"),
        max_length=200,
        blank=True,
        help_text=_("In the person's own words."),
    )
    initiative = models.ForeignKey(
        "impacts.Initiative",
        verbose_name=_("product or initiative concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
    )
    right_codes = models.JSONField(
        verbose_name=_("rights possibly affected"),
        default=list,
        blank=True,
    )
    channel = models.CharField(
        verbose_name=_("channel"),
        max_length=20,
        choices=ConcernChannel.choices,
    )
    raised_at = models.DateTimeField(
        verbose_name=_("raised at"),
    )
    is_anonymous = models.BooleanField(
        verbose_name=_("anonymous"),
        default=False,
        help_text=_("The person did not give their name."),
    )
    # Contact details: encrypted at rest, as stakeholders' are.
    contact_name = EncryptedTextField(
        verbose_name=_("name"),
        blank=True,
    )
    contact_email = EncryptedTextField(
        verbose_name=_("email"),
        blank=True,
    )
    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
    )
    language = models.CharField(
        verbose_name=_("preferred language"),
        max_length=10,
        default="en",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=ConcernStatus.choices,
        default=ConcernStatus.RECEIVED,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_concerns",
    )
    # Deadlines, fixed when the concern is raised; `due_on` is the current step's.
    acknowledge_due_on = models.DateField(
        verbose_name=_("acknowledge by"),
    )
    assessment_due_on = models.DateField(
        verbose_name=_("start the assessment by"),
    )
    outcome_due_on = models.DateField(
        verbose_name=_("decide the outcome by"),
    )
    due_on = models.DateField(
        verbose_name=_("current step due on"),
        null=True,
        blank=True,
    )
    acknowledged_at = models.DateTimeField(
        verbose_name=_("acknowledged at"),
        null=True,
        blank=True,
    )
    assessment_started_at = models.DateTimeField(
        verbose_name=_("assessment started at"),
        null=True,
        blank=True,
    )
    assessment_notes = models.TextField(
        verbose_name=_("assessment notes"),
        max_length=MAX_DESCRIPTION_LENGTH,
        blank=True,
        help_text=_("Internal: never shown to the person."),
    )
    outcome = models.CharField(
        verbose_name=_("outcome"),
        max_length=20,
        choices=ConcernOutcome.choices,
        blank=True,
    )
    outcome_reasons = models.TextField(
        verbose_name=_("reasons for the outcome"),
        max_length=MAX_TEXT_LENGTH,
        blank=True,
    )
    outcome_decided_at = models.DateTimeField(
        verbose_name=_("outcome decided at"),
        null=True,
        blank=True,
    )
    inadmissible_reasons = models.TextField(
        verbose_name=_("why it is not admissible"),
        max_length=MAX_TEXT_LENGTH,
        blank=True,
    )
    closed_at = models.DateTimeField(
        verbose_name=_("closed at"),
        null=True,
        blank=True,
    )
    satisfaction_rating = models.PositiveSmallIntegerField(
        verbose_name=_("was this fair? (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    satisfaction_comment = models.TextField(
        verbose_name=_("comment on the process"),
        max_length=MAX_TEXT_LENGTH,
        blank=True,
    )
    satisfaction_given_at = models.DateTimeField(
        verbose_name=_("feedback given at"),
        null=True,
        blank=True,
    )
    search_text = models.TextField(
        verbose_name=_("search text"),
        blank=True,
        editable=False,
    )

    audit_masked_fields = ("contact_name", "contact_email")

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ("-raised_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction_rating__isnull=True)
                | Q(satisfaction_rating__gte=1, satisfaction_rating__lte=5),
                name="%(app_label)s_%(class)s_rating_range",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "raised_at", "id"), name="con_ws_raised_idx"),
            models.Index(fields=("workspace", "status"), name="con_ws_status_idx"),
            models.Index(fields=("workspace", "channel"), name="con_ws_channel_idx"),
            models.Index(fields=("workspace", "initiative"), name="con_ws_initiative_idx"),
            models.Index(fields=("stakeholder", "raised_at"), name="con_stakeholder_idx"),
            # The overdue filter and the to-do list read open concerns by their current due date.
            models.Index(
                fields=("workspace", "due_on"),
                condition=Q(due_on__isnull=False),
                name="con_ws_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Concern %(reference)s") % {"reference": self.reference_display})

    @property
    def reference_display(self) -> str:
        return format_reference(self.reference)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("concerns:concern_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in (ConcernStatus.CLOSED, ConcernStatus.NOT_ADMISSIBLE)

    def is_overdue(self, today) -> bool:
        """Whether the current step's deadline has passed."""
        return self.due_on is not None and self.due_on < today

    @property
    def reply_address(self) -> str:
        """Where updates go: the contact email given, else the linked stakeholder's."""
        if self.contact_email:
            return self.contact_email
        if self.stakeholder_id and self.stakeholder.email:
            return self.stakeholder.email
        return ""


class ConcernEvent(WorkspaceScopedModel):
    """One step in a concern's timeline: who did what, when, and what the person was told."""

    concern = models.ForeignKey(
        Concern,
        verbose_name=_("concern"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(
        verbose_name=_("what happened"),
        max_length=20,
        choices=EventKind.choices,
    )
    at = models.DateTimeField(
        verbose_name=_("at"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(
        verbose_name=_("by (label)"),
        max_length=200,
        blank=True,
    )
    message = models.TextField(
        verbose_name=_("message to the person"),
        max_length=MAX_TEXT_LENGTH,
        blank=True,
        help_text=_("Shown on the status page and sent by email where there is an address."),
    )
    internal_note = models.TextField(
        verbose_name=_("internal note"),
        max_length=MAX_TEXT_LENGTH,
        blank=True,
    )
    is_person_emailed = models.BooleanField(
        verbose_name=_("person emailed"),
        default=False,
    )

    class Meta:
        verbose_name = _("concern event")
        verbose_name_plural = _("concern events")
        ordering = ("at", "id")
        indexes = [models.Index(fields=("concern", "at"), name="con_event_concern_idx")]

    def __str__(self) -> str:
        return f"{self.concern} — {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return self.concern.get_absolute_url()


class Remedy(WorkspaceScopedModel):
    """A remedy provided for an upheld concern (UNGP 22, 25)."""

    concern = models.ForeignKey(
        Concern,
        verbose_name=_("concern"),
        on_delete=models.CASCADE,
        related_name="remedies",
    )
    kind = models.CharField(
        verbose_name=_("kind of remedy"),
        max_length=20,
        choices=RemedyKind.choices,
    )
    description = models.TextField(
        verbose_name=_("description"),
        max_length=MAX_TEXT_LENGTH,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=RemedyStatus.choices,
        default=RemedyStatus.PLANNED,
    )
    due_on = models.DateField(
        verbose_name=_("due on"),
        null=True,
        blank=True,
    )
    provided_at = models.DateTimeField(
        verbose_name=_("provided at"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")
        ordering = ("created_at", "id")
        indexes = [
            models.Index(fields=("concern", "status"), name="con_remedy_concern_idx"),
            models.Index(fields=("workspace", "kind"), name="con_remedy_ws_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.concern}"

    def get_absolute_url(self) -> str:
        return self.concern.get_absolute_url() + "#remedies"
