"""Webhook endpoints (where a workspace wants its events sent) and the log of deliveries."""

from __future__ import annotations

import json
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.crypto import EncryptedTextField
from heard.core.models.scoped import WorkspaceScopedModel


class Event(models.TextChoices):
    """The events an endpoint can subscribe to (`ping` is only sent by "send test event")."""

    INPUT_RECORDED = "input.recorded", _("Input recorded")
    DECISION_MADE = "decision.made", _("Decision made (or revised)")
    LOOP_CLOSED = "loop.closed", _("Loop closed")
    COMMITMENT_UPDATED = "commitment.updated", _("Commitment updated")


PING = "ping"


class DeliveryStatus(models.TextChoices):
    """Where one delivery stands."""

    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed, will retry")
    GIVEN_UP = "given_up", _("Given up")


class WebhookEndpoint(WorkspaceScopedModel):
    """A URL that receives this workspace's events, signed with its own secret."""

    url = models.URLField(
        verbose_name=_("URL"),
        max_length=500,
    )
    description = models.CharField(
        verbose_name=_("description"),
        max_length=200,
        blank=True,
    )
    events = models.JSONField(
        verbose_name=_("events"),
        default=list,
        blank=True,
    )
    # The signing secret, encrypted at rest; shown once, on creation and on rotation.
    secret = EncryptedTextField(
        verbose_name=_("signing secret"),
        editable=False,
    )
    is_active = models.BooleanField(
        verbose_name=_("active"),
        default=True,
    )

    audit_masked_fields = ("secret",)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=("workspace", "is_active"), name="webhooks_endpoint_ws_active"),
        ]

    def __str__(self) -> str:
        return self.url

    def event_labels(self) -> list[str]:
        """The subscribed events' labels, for lists."""
        labels = dict(Event.choices)
        return [str(labels.get(e, e)) for e in self.events]


class WebhookDelivery(WorkspaceScopedModel):
    """One event sent (or being sent) to one endpoint: the payload, attempts and outcome."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    uuid = models.UUIDField(
        verbose_name=_("delivery id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
    )
    event = models.CharField(
        verbose_name=_("event"),
        max_length=40,
    )
    event_id = models.UUIDField(
        verbose_name=_("event id"),
    )
    payload = models.JSONField(
        verbose_name=_("payload"),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempt_count = models.PositiveSmallIntegerField(
        verbose_name=_("attempts"),
        default=0,
    )
    last_status_code = models.PositiveSmallIntegerField(
        verbose_name=_("last status code"),
        null=True,
        blank=True,
    )
    last_error = models.CharField(
        verbose_name=_("last error"),
        max_length=600,
        blank=True,
    )
    last_attempt_at = models.DateTimeField(
        verbose_name=_("last attempt at"),
        null=True,
        blank=True,
    )
    next_attempt_at = models.DateTimeField(
        verbose_name=_("next attempt at"),
        null=True,
        blank=True,
    )
    delivered_at = models.DateTimeField(
        verbose_name=_("delivered at"),
        null=True,
        blank=True,
    )

    audit_ignored_fields = ("updated_at", "payload")

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ("-created_at", "-pk")
        indexes = [
            # The delivery log: one endpoint's deliveries, newest first, by status or event.
            models.Index(
                fields=("endpoint", "-created_at"),
                name="webhooks_delivery_log",
            ),
            models.Index(
                fields=("endpoint", "status", "-created_at"),
                name="webhooks_delivery_status",
            ),
            models.Index(
                fields=("endpoint", "event", "-created_at"),
                name="webhooks_delivery_event",
            ),
            # Deliveries due for an attempt (a sweep after an outage).
            models.Index(
                fields=("status", "next_attempt_at"),
                name="webhooks_delivery_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status})"

    def payload_json(self) -> str:
        """The payload as indented JSON, for the delivery log."""
        return json.dumps(self.payload, indent=2, ensure_ascii=False)
