"""Sending one delivery: a signed POST, success on 2xx, otherwise a retry with back-off.

Run by the `deliver_webhook` task (heard/webhooks/tasks.py). Nothing of the receiver's answer is
kept but its status code and at most 500 characters of its body, in `last_error`.
"""

from __future__ import annotations

import datetime
import http.client
import json
import logging
import ssl
from urllib.parse import urlsplit

from django.utils import timezone

from heard.core.errors import DomainError
from heard.webhooks import signing
from heard.webhooks.models import DeliveryStatus, WebhookDelivery
from heard.webhooks.safety import (
    PublicHTTPConnection,
    PublicHTTPSConnection,
    RefusedAddress,
    check_url,
)

logger = logging.getLogger(__name__)

TIMEOUT = 10  # seconds, for connecting and for each read
ERROR_LENGTH = 500
# Waits after the 1st, 2nd … failed attempt; after the last one the delivery is given up.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
USER_AGENT = "Heard-Webhooks/1"


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes sent (and signed): compact JSON of the stored payload."""
    return json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()


def headers_of(delivery: WebhookDelivery, body: bytes, secret: str) -> dict[str, str]:
    """The request headers, the signature among them."""
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "Heard-Event": delivery.event,
        "Heard-Delivery": str(delivery.uuid),
        "Heard-Signature": signing.header(secret, body),
    }


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    """POST `body` to `url`; (status code, error text). Redirects are not followed: a 3xx is
    a failed attempt like any other non-2xx answer."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if parts.scheme == "https":
        connection = PublicHTTPSConnection(
            parts.hostname, parts.port, timeout=TIMEOUT, context=ssl.create_default_context()
        )
    else:
        connection = PublicHTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        if 200 <= response.status < 300:
            return response.status, ""
        snippet = response.read(ERROR_LENGTH).decode("utf-8", "replace")
        return response.status, f"HTTP {response.status} {response.reason}: {snippet}".strip()
    except RefusedAddress:
        raise
    except (OSError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"
    finally:
        connection.close()


def _finish(delivery: WebhookDelivery, code: int | None, error: str, *, retry: bool) -> None:
    now = timezone.now()
    delivery.attempt_count += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = code
    delivery.last_error = error[:ERROR_LENGTH]
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.SUCCEEDED,
            now,
            None,
        )
    elif retry and delivery.attempt_count < MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = now + BACKOFF[delivery.attempt_count - 1]
    else:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.GIVEN_UP, None
    delivery.save(
        update_fields=[
            "attempt_count",
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
            "updated_at",
        ]
    )


def attempt(delivery: WebhookDelivery) -> str:
    """Make one attempt at `delivery` and record its outcome; returns the new status."""
    endpoint = delivery.endpoint
    if not endpoint.is_active or endpoint.archived_at is not None:
        _finish(delivery, None, "The endpoint was deactivated.", retry=False)
        return delivery.status
    try:
        check_url(endpoint.url)
    except DomainError as error:
        # Refused addresses are a configuration problem: retrying would only knock again.
        _finish(delivery, None, f"Refused: {error.message}", retry=False)
        return delivery.status
    body = body_of(delivery)
    try:
        code, error = post(endpoint.url, body, headers_of(delivery, body, endpoint.secret))
    except RefusedAddress as refused:
        _finish(delivery, None, f"Refused: {refused}", retry=False)
        return delivery.status
    _finish(delivery, code, error, retry=True)
    if delivery.status == DeliveryStatus.FAILED:
        from heard.webhooks.tasks import schedule_retry

        schedule_retry(delivery)
    return delivery.status
