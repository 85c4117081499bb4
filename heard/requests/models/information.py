"""Reasoned requests for information (EU CSDDD art. 13(2)) and the company's reply."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.requests.models.choices import AnswerFormat, RefusalGround, RequestStatus

MAX_QUESTION = 5_000
MAX_REASONS = 5_000
MAX_ANSWER = 20_000


class InformationRequest(WorkspaceScopedModel):
    """A stakeholder's reasoned request for more information, answered within a deadline or
    refused in writing with reasons."""

    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        # Kept when the person is erased: the record that a request was made and answered is
        # part of the company's accountability, the identity is not.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    policy = models.ForeignKey(
        "policies.Policy",
        verbose_name=_("policy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    initiative = models.ForeignKey(
        "impacts.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    question = models.TextField(
        verbose_name=_("question"),
        max_length=MAX_QUESTION,
    )
    reasons = models.TextField(
        verbose_name=_("reasons for the request"),
        max_length=MAX_REASONS,
    )
    preferred_format = models.CharField(
        verbose_name=_("preferred format"),
        max_length=20,
        choices=AnswerFormat.choices,
        default=AnswerFormat.WRITTEN,
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=12,
        blank=True,
    )
    received_at = models.DateTimeField(
        verbose_name=_("received at"),
    )
    due_on = models.DateField(
        verbose_name=_("due on"),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.OPEN,
    )
    answer = models.TextField(
        verbose_name=_("answer"),
        max_length=MAX_ANSWER,
        blank=True,
    )
    answer_format = models.CharField(
        verbose_name=_("answer format"),
        max_length=20,
        choices=AnswerFormat.choices,
        blank=True,
    )
    refusal_ground = models.CharField(
        verbose_name=_("ground for refusal"),
        max_length=20,
        choices=RefusalGround.choices,
        blank=True,
    )
    refusal_reasons = models.TextField(
        verbose_name=_("reasons for refusal"),
        max_length=MAX_ANSWER,
        blank=True,
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
    withdrawn_at = models.DateTimeField(
        verbose_name=_("withdrawn at"),
        null=True,
        blank=True,
        editable=False,
    )
    notified_at = models.DateTimeField(
        verbose_name=_("stakeholder notified at"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ("-received_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.ANSWERED) | ~Q(answer=""),
                name="%(app_label)s_%(class)s_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.REFUSED)
                | (~Q(refusal_reasons="") & ~Q(refusal_ground="")),
                name="%(app_label)s_%(class)s_refused_has_reasons",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "status", "due_on"), name="ireq_ws_status_due_idx"),
            models.Index(fields=("workspace", "received_at"), name="ireq_ws_received_idx"),
            models.Index(fields=("workspace", "stakeholder"), name="ireq_ws_stakeholder_idx"),
        ]

    def __str__(self) -> str:
        # No name here: the audit log and History show this to roles that may not see who.
        return _("Information request #%(n)s") % {"n": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("requests:request_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    def is_overdue(self, today) -> bool:
        """Open past its due date."""
        return self.is_open and self.due_on < today

    def is_identity_hidden_for(self, membership) -> bool:
        """History masks identity fields when the stakeholder's identity is protected."""
        return bool(self.stakeholder and self.stakeholder.is_identity_hidden_for(membership))
