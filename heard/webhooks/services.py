"""Managing endpoints (create, edit, (de)activate, rotate the secret) and sending by hand
(a test event, a redelivery). Every write is audited; the secret never is in clear."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.webhooks import payloads, signing
from heard.webhooks.events import create_deliveries
from heard.webhooks.models import PING, Event, WebhookDelivery, WebhookEndpoint
from heard.webhooks.safety import check_url

MAX_ENDPOINTS = 20


def _clean(url: str, description: str, events) -> dict:
    url = (url or "").strip()
    check_url(url)
    events = [str(e) for e in events or ()]
    unknown = sorted(set(events) - set(Event.values))
    if unknown:
        raise DomainError(
            _("Unknown event: %(events)s.") % {"events": ", ".join(unknown)}, field="events"
        )
    if not events:
        raise DomainError(_("Choose at least one event."), field="events")
    ordered = [e for e in Event.values if e in events]
    return {"url": url, "description": (description or "").strip(), "events": ordered}


def _validate(endpoint: WebhookEndpoint) -> None:
    from django.core.exceptions import ValidationError

    try:
        endpoint.full_clean(exclude=("workspace", "secret"))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error


@transaction.atomic
def create_endpoint(
    *, workspace: Workspace, actor: User | None, url: str, events, description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """Add an endpoint; returns it with its new secret (shown once, stored encrypted)."""
    values = _clean(url, description, events)
    if WebhookEndpoint.objects.for_workspace(workspace).count() >= MAX_ENDPOINTS:
        raise DomainError(_("A workspace can have at most %(n)d endpoints.") % {"n": MAX_ENDPOINTS})
    secret = signing.new_secret()
    endpoint = WebhookEndpoint(workspace=workspace, secret=secret, **values)
    _validate(endpoint)
    endpoint.save()
    audit.record_create(workspace=workspace, actor=actor, obj=endpoint)
    return endpoint, secret


@transaction.atomic
def update_endpoint(
    *,
    workspace: Workspace,
    actor: User | None,
    endpoint: WebhookEndpoint,
    url: str,
    events,
    description: str = "",
    is_active: bool | None = None,
) -> WebhookEndpoint:
    """Change an endpoint's URL, description, events (and, when given, whether it is active)."""
    _check_workspace(workspace, endpoint)
    values = _clean(url, description, events)
    before = audit.snapshot(endpoint)
    for name, value in values.items():
        setattr(endpoint, name, value)
    if is_active is not None:
        endpoint.is_active = is_active
    _validate(endpoint)
    endpoint.save()
    audit.record_update(workspace=workspace, actor=actor, obj=endpoint, before=before)
    return endpoint


@transaction.atomic
def set_endpoint_active(
    *, workspace: Workspace, actor: User | None, endpoint: WebhookEndpoint, is_active: bool
) -> WebhookEndpoint:
    """Deactivate (nothing more is sent; pending retries are given up) or reactivate."""
    _check_workspace(workspace, endpoint)
    if endpoint.is_active == is_active:
        return endpoint
    before = audit.snapshot(endpoint)
    endpoint.is_active = is_active
    endpoint.save(update_fields=["is_active", "updated_at"])
    audit.record_update(workspace=workspace, actor=actor, obj=endpoint, before=before)
    return endpoint


@transaction.atomic
def rotate_secret(*, workspace: Workspace, actor: User | None, endpoint: WebhookEndpoint) -> str:
    """Give the endpoint a new secret (returned, to show once); the old one stops at once."""
    _check_workspace(workspace, endpoint)
    before = audit.snapshot(endpoint)
    secret = signing.new_secret()
    endpoint.secret = secret
    endpoint.save(update_fields=["secret", "updated_at"])
    audit.record_update(workspace=workspace, actor=actor, obj=endpoint, before=before)
    return secret


@transaction.atomic
def send_test_event(
    *, workspace: Workspace, actor: User | None, endpoint: WebhookEndpoint
) -> WebhookDelivery:
    """Send a `ping` event to the endpoint (active or not: it is how one checks it)."""
    _check_workspace(workspace, endpoint)
    if not endpoint.is_active:
        raise DomainError(_("Activate the endpoint before sending it a test event."))
    message = payloads.envelope(workspace, PING, payloads.ping())
    (delivery,) = create_deliveries(workspace, message, endpoints=[endpoint])
    _audit_delivery(workspace, actor, delivery)
    return delivery


@transaction.atomic
def redeliver(
    *, workspace: Workspace, actor: User | None, delivery: WebhookDelivery
) -> WebhookDelivery:
    """Send a past delivery's event again, as a new delivery with the same event id (so the
    receiver can tell it is the same event)."""
    _check_workspace(workspace, delivery)
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        raise DomainError(_("Activate the endpoint before redelivering to it."))
    (again,) = create_deliveries(workspace, delivery.payload, endpoints=[endpoint])
    _audit_delivery(workspace, actor, again)
    return again


def _audit_delivery(workspace: Workspace, actor: User | None, delivery: WebhookDelivery) -> None:
    """A delivery someone asked for (test event, redelivery), without its payload."""
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        obj=delivery,
        changes={
            "endpoint": [None, delivery.endpoint_id],
            "event": [None, delivery.event],
            "event_id": [None, str(delivery.event_id)],
        },
    )


def _check_workspace(workspace: Workspace, obj) -> None:
    if obj.workspace_id != workspace.pk:
        raise DomainError(_("That belongs to another workspace."))
