"""Insight requests: an internal team asks what stakeholders said; the answer is a brief."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel

MAX_QUESTION = 2_000
MAX_CONTEXT = 5_000
MAX_SUMMARY = 20_000


class RequestingTeam(models.TextChoices):
    """The internal team that asks."""

    PRODUCT = "product", _("Product")
    POLICY = "policy", _("Policy")
    TRUST_SAFETY = "trust_safety", _("Trust & safety")
    RESEARCH = "research", _("Research")
    LEGAL = "legal", _("Legal and compliance")
    OTHER = "other", _("Other")


class RequestStatus(models.TextChoices):
    """submitted → in progress → answered → closed; or declined with a reason."""

    SUBMITTED = "submitted", _("Submitted")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")


OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)
# A brief exists (and other teams may read it) once a request is answered.
ANSWERED_STATUSES = (RequestStatus.ANSWERED, RequestStatus.CLOSED)


class InsightRequest(WorkspaceScopedModel):
    """ "What have stakeholders said about X?" — from a product, policy or trust & safety team,
    answered by the engagement team with themes, inputs and a written summary."""

    question = models.CharField(
        verbose_name=_("question"),
        max_length=MAX_QUESTION,
        help_text=_(
            "What do you want to know? For example “What have stakeholders said about "
            "appeals of suspended accounts?”"
        ),
    )
    context = models.TextField(
        verbose_name=_("context"),
        max_length=MAX_CONTEXT,
        blank=True,
        help_text=_("Why you ask and what you will decide with the answer."),
    )
    team = models.CharField(
        verbose_name=_("requesting team"),
        max_length=20,
        choices=RequestingTeam.choices,
        default=RequestingTeam.PRODUCT,
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="insight_requests",
    )
    cycle = models.ForeignKey(
        "briefs.PlanningCycle",
        verbose_name=_("planning cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    initiative = models.ForeignKey(
        "impacts.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insight_requests",
    )
    policy = models.ForeignKey(
        "policies.Policy",
        verbose_name=_("policy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insight_requests",
    )
    impact = models.ForeignKey(
        "impacts.Impact",
        verbose_name=_("impact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insight_requests",
    )
    needed_by = models.DateField(
        verbose_name=_("needed by"),
        null=True,
        blank=True,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.SUBMITTED,
        editable=False,
    )
    decline_reason = models.TextField(
        verbose_name=_("reason for declining"),
        max_length=MAX_CONTEXT,
        blank=True,
        editable=False,
    )
    summary = models.TextField(
        verbose_name=_("summary"),
        max_length=MAX_SUMMARY,
        blank=True,
        editable=False,
    )
    themes = models.ManyToManyField(
        "themes.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="insight_requests",
    )
    inputs = models.ManyToManyField(
        "feedback.Input",
        verbose_name=_("inputs"),
        blank=True,
        related_name="insight_requests",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    answered_at = models.DateTimeField(
        verbose_name=_("answered at"),
        null=True,
        blank=True,
        editable=False,
    )
    requester_notified_at = models.DateTimeField(
        verbose_name=_("requester told at"),
        null=True,
        blank=True,
        editable=False,
    )
    closed_at = models.DateTimeField(
        verbose_name=_("closed at"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("insight request")
        verbose_name_plural = _("insight requests")
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.DECLINED) | ~Q(decline_reason=""),
                name="%(app_label)s_%(class)s_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=ANSWERED_STATUSES) | ~Q(summary=""),
                name="%(app_label)s_%(class)s_answered_has_summary",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "created_at", "id"), name="insreq_ws_created_idx"),
            models.Index(fields=("workspace", "status"), name="insreq_ws_status_idx"),
            models.Index(fields=("workspace", "requester"), name="insreq_ws_requester_idx"),
            models.Index(fields=("cycle", "status"), name="insreq_cycle_status_idx"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.question.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def get_absolute_url(self) -> str:
        return reverse("briefs:request_detail", args=[self.workspace.slug, self.pk])

    @property
    def has_brief(self) -> bool:
        return self.status in ANSWERED_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
