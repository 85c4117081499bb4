"""Inputs: what stakeholders said, never deleted, linked when they conflict."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.feedback.models.choices import InputKind, InputSource, Outcome

MAX_INPUT_LENGTH = 10_000


class Input(WorkspaceScopedModel):
    """One piece of feedback: a concern, recommendation, question, evidence, lived experience
    or grievance, given by a stakeholder, an organisation or anonymously."""

    text = models.TextField(
        verbose_name=_("text"),
        max_length=MAX_INPUT_LENGTH,
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=InputKind.choices,
        default=InputKind.CONCERN,
    )
    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
    )
    is_anonymous = models.BooleanField(
        verbose_name=_("anonymous"),
        default=False,
        help_text=_("The person asked not to be named, even to the core team."),
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
    )
    session = models.ForeignKey(
        "engagements.Session",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=12,
        blank=True,
        help_text=_("ISO 639 code; detected from the text unless you choose one."),
    )
    impacts = models.ManyToManyField(
        "impacts.Impact",
        verbose_name=_("impacts"),
        blank=True,
        related_name="inputs",
    )
    initiatives = models.ManyToManyField(
        "impacts.Initiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="inputs",
    )
    topics = models.ManyToManyField(
        "stakeholders.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="inputs",
    )
    source = models.CharField(
        verbose_name=_("source"),
        max_length=10,
        choices=InputSource.choices,
        default=InputSource.SESSION,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The current decision's outcome, kept in sync by services: lists filter on it at scale.
    outcome = models.CharField(
        verbose_name=_("decision"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        editable=False,
    )
    # Set when the stakeholder was told (or the engagement summary published); kept by services.
    # Indexed through the partial indexes on open loops below: a plain index on either column
    # tempts SQLite's planner into reading every open loop of every workspace.
    loop_closed_at = models.DateTimeField(
        verbose_name=_("loop closed at"),
        null=True,
        blank=True,
        editable=False,
    )
    loop_due_on = models.DateField(
        verbose_name=_("loop due on"),
        null=True,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(
        verbose_name=_("search text"),
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("workspace", "created_at", "id"), name="inp_ws_created_idx"),
            # The default list (active, not merged, newest first) and its count read this
            # index alone.
            models.Index(
                fields=("workspace", "created_at", "id"),
                condition=Q(archived_at__isnull=True, merged_into__isnull=True),
                name="inp_ws_active_idx",
            ),
            models.Index(fields=("workspace", "kind"), name="inp_ws_kind_idx"),
            models.Index(fields=("workspace", "outcome"), name="inp_ws_outcome_idx"),
            models.Index(fields=("engagement", "created_at"), name="inp_engagement_idx"),
            models.Index(fields=("stakeholder", "created_at"), name="inp_stakeholder_idx"),
            # A stakeholder's shown inputs per engagement (the portal's counts), index-only.
            models.Index(
                fields=("stakeholder", "workspace", "engagement"),
                condition=Q(archived_at__isnull=True, merged_into__isnull=True),
                name="inp_stakeholder_shown_idx",
            ),
            # A stakeholder's inputs merged into another (the portal still shows them): few.
            models.Index(
                fields=("stakeholder", "engagement"),
                condition=Q(merged_into__isnull=False),
                name="inp_stakeholder_merged_idx",
            ),
            # The to-do list of overdue loops reads only open, unmerged inputs.
            models.Index(
                fields=("workspace", "loop_due_on"),
                condition=Q(
                    loop_closed_at__isnull=True,
                    merged_into__isnull=True,
                    archived_at__isnull=True,
                ),
                name="inp_ws_open_loop_idx",
            ),
            # A member's overdue loops, per engagement they lead or input they recorded: the
            # conditions match `queries.open_loops`, so the to-do reads these indexes alone.
            models.Index(
                fields=("engagement", "loop_due_on"),
                condition=Q(
                    loop_closed_at__isnull=True,
                    merged_into__isnull=True,
                    archived_at__isnull=True,
                ),
                name="inp_eng_open_loop_idx",
            ),
            models.Index(
                fields=("recorded_by", "loop_due_on"),
                condition=Q(
                    loop_closed_at__isnull=True,
                    merged_into__isnull=True,
                    archived_at__isnull=True,
                ),
                name="inp_rec_open_loop_idx",
            ),
        ]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("feedback:input_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    @property
    def is_loop_closed(self) -> bool:
        return self.loop_closed_at is not None


class InputConflict(WorkspaceScopedModel):
    """Two inputs that pull in different directions: both kept, shown side by side."""

    first = models.ForeignKey(
        Input,
        verbose_name=_("input"),
        on_delete=models.CASCADE,
        related_name="conflicts_as_first",
    )
    second = models.ForeignKey(
        Input,
        verbose_name=_("conflicting input"),
        on_delete=models.CASCADE,
        related_name="conflicts_as_second",
    )
    note = models.TextField(
        verbose_name=_("note"),
        blank=True,
        help_text=_("How the two inputs conflict."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("conflicting inputs")
        verbose_name_plural = _("conflicting inputs")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("first", "second"), name="%(app_label)s_%(class)s_unique_pair"
            ),
            # Stored in one order (lower id first) so a pair cannot be linked twice.
            models.CheckConstraint(
                condition=Q(first__lt=F("second")),
                name="%(app_label)s_%(class)s_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.first_id} ↔ #{self.second_id}"

    def get_absolute_url(self) -> str:
        return self.first.get_absolute_url()
