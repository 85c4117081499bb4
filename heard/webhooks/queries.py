"""Reads of the webhook pages: endpoints with their latest outcome, a filtered delivery log."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from heard.core.models import Workspace
from heard.webhooks.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint

LOG_EVENTS = [*Event.values, "ping"]


def endpoints(workspace: Workspace) -> QuerySet[WebhookEndpoint]:
    """The workspace's endpoints, with counts of failing and given-up deliveries."""
    return (
        WebhookEndpoint.objects.for_workspace(workspace)
        .defer("secret")
        .annotate(
            delivery_count=Count("deliveries"),
            failing_count=Count(
                "deliveries",
                filter=Q(deliveries__status__in=(DeliveryStatus.FAILED, DeliveryStatus.GIVEN_UP)),
            ),
            last_delivery_at=Max("deliveries__created_at"),
        )
        .order_by("-created_at", "-pk")
    )


def deliveries(endpoint: WebhookEndpoint, params) -> tuple[QuerySet[WebhookDelivery], dict]:
    """One endpoint's delivery log, newest first, filtered by `status` and `event` (unknown
    values are ignored); returns the queryset and the filters applied."""
    rows = WebhookDelivery.objects.for_workspace(endpoint.workspace_id).filter(endpoint=endpoint)
    applied = {}
    status = params.get("status", "")
    if status in DeliveryStatus.values:
        rows, applied["status"] = rows.filter(status=status), status
    event = params.get("event", "")
    if event in LOG_EVENTS:
        rows, applied["event"] = rows.filter(event=event), event
    return rows.order_by("-created_at", "-pk"), applied
