"""Responses that told stakeholders the decisions, and published engagement summaries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.feedback.models.choices import ResponseChannel


class Response(WorkspaceScopedModel):
    """One message to one stakeholder covering their inputs from an engagement."""

    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    inputs = models.ManyToManyField(
        "feedback.Input",
        verbose_name=_("inputs covered"),
        related_name="responses",
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=12,
        blank=True,
    )
    channel = models.CharField(
        verbose_name=_("channel"),
        max_length=10,
        choices=ResponseChannel.choices,
        default=ResponseChannel.EMAIL,
    )
    subject = models.CharField(
        verbose_name=_("subject"),
        max_length=200,
        blank=True,
    )
    body = models.TextField(
        verbose_name=_("message"),
    )
    sent_at = models.DateTimeField(
        verbose_name=_("sent or given at"),
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
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ("-sent_at", "-id")
        indexes = [
            models.Index(fields=("workspace", "sent_at"), name="resp_ws_sent_idx"),
            models.Index(fields=("stakeholder", "sent_at"), name="resp_stakeholder_idx"),
            models.Index(fields=("engagement", "stakeholder"), name="resp_engagement_idx"),
        ]

    def __str__(self) -> str:
        return self.subject or f"{self.get_channel_display()} {self.sent_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("feedback:response_detail", args=[self.workspace.slug, self.pk])


class EngagementSummary(WorkspaceScopedModel):
    """ "What we heard, what we did": closes the loop of anonymous and Chatham House inputs."""

    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="feedback_summaries",
    )
    what_we_heard = models.TextField(
        verbose_name=_("what we heard"),
    )
    what_we_did = models.TextField(
        verbose_name=_("what we did"),
    )
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
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

    class Meta:
        verbose_name = _("engagement summary")
        verbose_name_plural = _("engagement summaries")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("engagement",), name="%(app_label)s_%(class)s_one_per_engagement"
            ),
        ]

    def __str__(self) -> str:
        return str(_("What we heard, what we did"))

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("feedback:summary_edit", args=[self.workspace.slug, self.engagement_id])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
