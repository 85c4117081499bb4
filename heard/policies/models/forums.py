"""The policy forum (the seed's three steps), the meetings it is held in, and its minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.policies.models.choices import ForumStage, MinutesStatus


def _empty_list() -> list:
    return []


class PolicyForum(WorkspaceScopedModel):
    """A forum on one policy (and the version under discussion): pre-consultation, the
    internal meeting with observers and its minutes, then a post-engagement debrief."""

    policy = models.ForeignKey(
        "policies.Policy",
        verbose_name=_("policy"),
        on_delete=models.CASCADE,
        related_name="forums",
    )
    version = models.ForeignKey(
        "policies.PolicyVersion",
        verbose_name=_("version discussed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forums",
    )
    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_policy_forums",
        help_text=_("Runs the forum; owns every checklist step nobody else owns."),
    )
    purpose = models.TextField(
        verbose_name=_("purpose"),
        blank=True,
    )
    glossary = models.JSONField(
        verbose_name=_("glossary of legal and technical terms"),
        default=_empty_list,
        blank=True,
        help_text=_(
            "Term and plain-language definition pairs, reviewed at the post-engagement "
            "meeting: stakeholders can feel overwhelmed by legal and technical jargon."
        ),
    )

    class Meta:
        verbose_name = _("policy forum")
        verbose_name_plural = _("policy forums")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(
                "workspace", "archived_at", Lower("title"), "id", name="forum_ws_title_idx"
            ),
            models.Index(fields=("workspace", "policy"), name="forum_ws_policy_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:forum_detail", args=[self.workspace.slug, self.pk])


class ForumMeeting(WorkspaceScopedModel):
    """An engagement held as one stage of a forum (a roundtable, the internal meeting…)."""

    forum = models.ForeignKey(
        PolicyForum,
        verbose_name=_("forum"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="forum_meetings",
    )
    stage = models.CharField(
        verbose_name=_("stage"),
        max_length=20,
        choices=ForumStage.choices,
    )

    audit_ignored_fields = ("updated_at", "created_at")

    class Meta:
        verbose_name = _("forum meeting")
        verbose_name_plural = _("forum meetings")
        ordering = ("forum", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("forum", "engagement"), name="%(app_label)s_%(class)s_unique_engagement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.engagement}"

    def get_absolute_url(self) -> str:
        return reverse("policies:forum_detail", args=[self.workspace.slug, self.forum_id])


class ForumMinutes(WorkspaceScopedModel):
    """Minutes of a forum's internal meeting: recorded, redacted of attribution, approved by
    someone other than their author, then published to the transparency centre."""

    forum = models.OneToOneField(
        PolicyForum,
        verbose_name=_("forum"),
        on_delete=models.CASCADE,
        related_name="minutes",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=MinutesStatus.choices,
        default=MinutesStatus.RECORDED,
        editable=False,
    )
    # As taken in the room: may name people and organisations. Never leaves the core team.
    recorded_text = models.TextField(
        verbose_name=_("minutes as recorded"),
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
    recorded_at = models.DateTimeField(
        verbose_name=_("recorded at"),
        null=True,
        blank=True,
        editable=False,
    )
    # What the public sees: no participant's name or organisation (checked by the service).
    redacted_text = models.TextField(
        verbose_name=_("redacted minutes"),
        blank=True,
        editable=False,
    )
    redactions = models.JSONField(
        verbose_name=_("redacted terms"),
        default=_empty_list,
        blank=True,
        editable=False,
    )
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redacted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    redacted_at = models.DateTimeField(
        verbose_name=_("redacted at"),
        null=True,
        blank=True,
        editable=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_at = models.DateTimeField(
        verbose_name=_("approved at"),
        null=True,
        blank=True,
        editable=False,
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        null=True,
        blank=True,
        editable=False,
    )

    # The record names people: the audit log (kept forever, read more widely) says only that
    # it changed, never what it said.
    audit_masked_fields = ("recorded_text", "redactions")

    class Meta:
        verbose_name = _("forum minutes")
        verbose_name_plural = _("forum minutes")
        ordering = ("-published_at", "-id")
        indexes = [
            models.Index(
                fields=("workspace", "status", "published_at"), name="forum_minutes_public_idx"
            ),
        ]

    def __str__(self) -> str:
        return _("Minutes of %(forum)s") % {"forum": self.forum.title}

    def get_absolute_url(self) -> str:
        return reverse("policies:minutes_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == MinutesStatus.PUBLISHED
