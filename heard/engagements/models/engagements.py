"""Engagements and their sessions: one consultation, planned in advance, held across time zones."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.engagements.models.choices import (
    AttributionRule,
    EngagementFormat,
    EngagementStatus,
    Mode,
)
from heard.impacts.models.choices import LifecycleStage


def _empty_list() -> list:
    return []


class Engagement(WorkspaceScopedModel):
    """One consultation, interview, roundtable, workshop, council meeting, forum or survey."""

    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=EngagementStatus.choices,
        default=EngagementStatus.PLANNED,
        editable=False,
    )
    format = models.CharField(
        verbose_name=_("format"),
        max_length=20,
        choices=EngagementFormat.choices,
        default=EngagementFormat.ROUNDTABLE,
    )
    mode = models.CharField(
        verbose_name=_("mode"),
        max_length=10,
        choices=Mode.choices,
        default=Mode.REMOTE,
    )
    purpose = models.TextField(
        verbose_name=_("purpose"),
        blank=True,
    )
    learning_goals = models.TextField(
        verbose_name=_("what the company wants to learn"),
        blank=True,
    )
    cannot_share = models.TextField(
        verbose_name=_("what the company cannot share, and why"),
        blank=True,
        help_text=_("Shown to participants: be transparent about limits (BSR)."),
    )
    barriers = models.TextField(
        verbose_name=_("other barriers or internal restrictions"),
        blank=True,
        help_text=_("Shown to participants."),
    )
    hrdd_steps = models.ManyToManyField(
        "engagements.HrddStep",
        verbose_name=_("HRDD steps served"),
        blank=True,
        related_name="engagements",
    )
    accountable_function = models.CharField(
        verbose_name=_("accountable function"),
        max_length=200,
        blank=True,
    )
    senior_responsible_role = models.CharField(
        verbose_name=_("most senior role responsible"),
        max_length=200,
        blank=True,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("engagement lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_engagements",
    )
    lifecycle_stage = models.CharField(
        verbose_name=_("lifecycle stage"),
        max_length=20,
        choices=LifecycleStage.choices,
        blank=True,
    )
    initiative = models.ForeignKey(
        "impacts.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements",
    )
    impacts = models.ManyToManyField(
        "impacts.Impact",
        verbose_name=_("impacts addressed"),
        blank=True,
        related_name="engagements",
    )
    languages = models.JSONField(
        verbose_name=_("languages"),
        default=_empty_list,
        blank=True,
        help_text=_("ISO 639 codes of the languages the engagement is held in."),
    )
    interpretation_languages = models.JSONField(
        verbose_name=_("interpretation into"),
        default=_empty_list,
        blank=True,
        help_text=_("ISO 639 codes of the languages interpretation is planned for."),
    )
    accessibility_accommodations = models.TextField(
        verbose_name=_("accessibility accommodations"),
        blank=True,
    )
    briefing_materials = models.TextField(
        verbose_name=_("briefing materials"),
        blank=True,
        help_text=_("What participants receive beforehand: links, documents, summaries."),
    )
    glossary = models.JSONField(
        verbose_name=_("plain-language glossary"),
        default=_empty_list,
        blank=True,
        help_text=_("Term and definition pairs for technical topics."),
    )
    attribution_rule = models.CharField(
        verbose_name=_("attribution rule"),
        max_length=30,
        choices=AttributionRule.choices,
        default=AttributionRule.CHATHAM_HOUSE,
    )
    is_compensation_offered = models.BooleanField(
        verbose_name=_("compensation offered"),
        default=False,
    )
    compensation_details = models.TextField(
        verbose_name=_("compensation details"),
        blank=True,
        help_text=_("What is offered, to whom, and how it is paid."),
    )
    # Date of the first session that is not cancelled, in that session's own time zone. Kept
    # in sync by services: lists sort by it and the fatigue check counts by it.
    starts_on = models.DateField(
        verbose_name=_("starts on"),
        null=True,
        blank=True,
        editable=False,
    )
    invitations_sent_at = models.DateTimeField(
        verbose_name=_("invitations sent at"),
        null=True,
        blank=True,
        editable=False,
    )
    held_at = models.DateTimeField(
        verbose_name=_("held at"),
        null=True,
        blank=True,
        editable=False,
    )
    debriefed_at = models.DateTimeField(
        verbose_name=_("debriefed at"),
        null=True,
        blank=True,
        editable=False,
    )
    loop_closed_at = models.DateTimeField(
        verbose_name=_("loop closed at"),
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
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ("-starts_on", "-id")
        indexes = [
            models.Index(
                fields=("workspace", "archived_at", "starts_on", "id"), name="eng_ws_start_idx"
            ),
            models.Index(
                fields=("workspace", "archived_at", "title", "id"), name="eng_ws_title_idx"
            ),
            models.Index(fields=("workspace", "status"), name="eng_ws_status_idx"),
            models.Index(fields=("workspace", "format"), name="eng_ws_format_idx"),
            models.Index(fields=("workspace", "mode"), name="eng_ws_mode_idx"),
            models.Index(fields=("workspace", "lifecycle_stage"), name="eng_ws_stage_idx"),
            models.Index(fields=("workspace", "initiative"), name="eng_ws_initiative_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("engagements:engagement_detail", args=[self.workspace.slug, self.pk])


class Session(WorkspaceScopedModel):
    """One meeting of an engagement, with its own start, end and time zone."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    label = models.CharField(
        verbose_name=_("label"),
        max_length=120,
        blank=True,
        help_text=_("E.g. “Europe and Africa” when the same session runs twice."),
    )
    starts_at = models.DateTimeField(
        verbose_name=_("starts at"),
    )
    ends_at = models.DateTimeField(
        verbose_name=_("ends at"),
    )
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        help_text=_("IANA name, e.g. Europe/Berlin or America/Los_Angeles."),
    )
    location = models.CharField(
        verbose_name=_("location"),
        max_length=300,
        blank=True,
    )
    remote_url = models.URLField(
        verbose_name=_("remote link"),
        max_length=500,
        blank=True,
    )
    # Stable across updates so calendar clients replace, not duplicate, the event.
    ics_uid = models.UUIDField(
        verbose_name=_("calendar UID"),
        default=uuid.uuid4,
        editable=False,
        unique=True,
    )
    # RFC 5545 SEQUENCE: incremented on every change calendar clients must notice.
    sequence = models.PositiveIntegerField(
        verbose_name=_("calendar sequence"),
        default=0,
        editable=False,
    )
    cancelled_at = models.DateTimeField(
        verbose_name=_("cancelled at"),
        null=True,
        blank=True,
        editable=False,
    )

    # The calendar UID never changes and is not a fact worth a history line.
    audit_ignored_fields = ("updated_at", "ics_uid")

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ("starts_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=("engagement", "starts_at"), name="eng_session_start_idx"),
            models.Index(fields=("workspace", "starts_at"), name="eng_session_ws_start_idx"),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.engagement.title} — {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        url = reverse(
            "engagements:engagement_detail", args=[self.workspace.slug, self.engagement_id]
        )
        return f"{url}#session-{self.pk}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def local_starts_at(self):
        """The start in the session's own time zone."""
        from zoneinfo import ZoneInfo

        return self.starts_at.astimezone(ZoneInfo(self.time_zone))

    @property
    def local_ends_at(self):
        """The end in the session's own time zone."""
        from zoneinfo import ZoneInfo

        return self.ends_at.astimezone(ZoneInfo(self.time_zone))
