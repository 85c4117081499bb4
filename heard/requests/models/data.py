"""Requests about a stakeholder's own data: export, erasure, correction (GDPR-style)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.requests.models.choices import DataRequestKind, DataRequestStatus

MAX_DETAILS = 5_000
MAX_NOTE = 5_000


class DataRequest(WorkspaceScopedModel):
    """A stakeholder's request to export, erase or correct their data; staff record what was
    done (the export and erasure tools themselves come later)."""

    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        # An erasure must not erase the record that it was asked for and done.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_requests",
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=DataRequestKind.choices,
    )
    details = models.TextField(
        verbose_name=_("details"),
        max_length=MAX_DETAILS,
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
        choices=DataRequestStatus.choices,
        default=DataRequestStatus.OPEN,
    )
    note = models.TextField(
        verbose_name=_("note"),
        max_length=MAX_NOTE,
        blank=True,
        help_text=_("What was done, or why the request was declined."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    handled_at = models.DateTimeField(
        verbose_name=_("handled at"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ("-received_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=DataRequestStatus.DECLINED) | ~Q(note=""),
                name="%(app_label)s_%(class)s_declined_has_reasons",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "status", "due_on"), name="dreq_ws_status_due_idx"),
            models.Index(fields=("workspace", "kind"), name="dreq_ws_kind_idx"),
            models.Index(fields=("workspace", "received_at"), name="dreq_ws_received_idx"),
            models.Index(fields=("workspace", "stakeholder"), name="dreq_ws_stakeholder_idx"),
        ]

    def __str__(self) -> str:
        return _("Data request #%(n)s") % {"n": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("requests:data_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == DataRequestStatus.OPEN

    def is_overdue(self, today) -> bool:
        """Open past its due date."""
        return self.is_open and self.due_on < today

    def is_identity_hidden_for(self, membership) -> bool:
        """History masks identity fields when the stakeholder's identity is protected."""
        return bool(self.stakeholder and self.stakeholder.is_identity_hidden_for(membership))
