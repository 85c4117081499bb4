"""Emitting events: a delivery per subscribed active endpoint, created and queued on commit.

Services call `emit(workspace, "input.recorded", payloads.input_recorded(row))` inside their
transaction; nothing is sent for a write that rolls back, and a webhook problem can never
break the write (the callback is robust: errors are logged).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from heard.webhooks.models import WebhookDelivery, WebhookEndpoint
from heard.webhooks.payloads import envelope

logger = logging.getLogger(__name__)


def emit(workspace, event: str, payload: dict) -> None:
    """Send `event` with `payload` (its `data`) to the workspace's subscribed endpoints, once
    the current transaction commits."""
    message = envelope(workspace, str(event), payload)
    transaction.on_commit(partial(create_deliveries, workspace, message), robust=True)


def emit_many(workspace, event: str, payloads: Iterable[dict]) -> None:
    """`emit` for each payload (e.g. one per input whose loop closed)."""
    for payload in payloads:
        emit(workspace, event, payload)


def create_deliveries(workspace, message: dict, endpoints=None) -> list[WebhookDelivery]:
    """Create and queue one delivery of `message` per matching active endpoint (or for the
    given `endpoints`, whatever their subscriptions: test events and redeliveries)."""
    if endpoints is None:
        candidates = (
            WebhookEndpoint.objects.for_workspace(workspace)
            .filter(is_active=True, archived_at__isnull=True)
            .only("pk", "events")
        )
        # Filtered here, not in SQL: SQLite has no JSON "contains"; a workspace has few.
        endpoints = [e for e in candidates if message["event"] in e.events]
    if not endpoints:
        return []
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            workspace=workspace,
            endpoint_id=endpoint.pk,
            event=message["event"],
            event_id=message["id"],
            payload=message,
            next_attempt_at=now,
        )
        for endpoint in endpoints
    )
    from heard.webhooks.tasks import enqueue_delivery

    for delivery in deliveries:
        enqueue_delivery(delivery.pk)
    return deliveries
