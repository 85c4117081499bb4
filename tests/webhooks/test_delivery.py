"""Delivering: a signed POST to a real local server, retries with back-off, the worker."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from heard.feedback import services as feedback
from heard.webhooks import delivery as sending
from heard.webhooks import signing
from heard.webhooks.models import DeliveryStatus, WebhookDelivery
from heard.webhooks.tasks import deliver_webhook

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def record(workspace, text="The appeal process needs a human reviewer."):
    return feedback.record_input(workspace=workspace, actor=None, text=text)


def verify_like_a_receiver(secret: str, body: bytes, header: str) -> bool:
    """The check docs/webhooks.md tells receivers to make, written out by hand."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(
        secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    fresh = abs(int(datetime.datetime.now().timestamp()) - int(parts["t"])) < 300
    return fresh and hmac.compare_digest(expected, parts["v1"])


def test_a_signed_post_reaches_the_receiver(
    workspace, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint, secret = make_endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        row = record(workspace)
    [request] = receiver.requests
    assert request["path"] == "/hooks/heard?source=test"
    headers, body = request["headers"], request["body"]
    assert headers["Content-Type"].startswith("application/json")
    assert headers["Heard-Event"] == "input.recorded"
    delivery = WebhookDelivery.objects.get()
    assert headers["Heard-Delivery"] == str(delivery.uuid)
    assert verify_like_a_receiver(secret, body, headers["Heard-Signature"])
    assert signing.verify(secret, body, headers["Heard-Signature"])
    assert not signing.verify("whsec_wrong", body, headers["Heard-Signature"])
    assert not signing.verify(secret, body + b" ", headers["Heard-Signature"])
    payload = json.loads(body)
    assert payload == delivery.payload
    assert payload["event"] == "input.recorded"
    assert payload["id"] == str(delivery.event_id)
    assert payload["workspace"] == workspace.slug
    assert payload["data"]["input"]["id"] == row.pk
    assert payload["data"]["input"]["url"].endswith(f"/api/v1/inputs/{row.pk}")
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempt_count == 1
    assert delivery.last_status_code == 200
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None
    assert delivery.endpoint == endpoint


def test_old_signatures_are_refused():
    body = b'{"a":1}'
    old = signing.header("whsec_x", body, timestamp=int(timezone.now().timestamp()) - 3600)
    assert not signing.verify("whsec_x", body, old)
    assert not signing.verify("whsec_x", body, "garbage")


def test_failures_are_retried_with_back_off_then_given_up(
    workspace, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    receiver.status, receiver.body = 500, b"Internal error " + b"x" * 2000
    make_endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        record(workspace)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempt_count == 1
    assert delivery.last_status_code == 500
    assert delivery.last_error.startswith("HTTP 500")
    assert len(delivery.last_error) <= 500
    waits = [datetime.timedelta(minutes=1)]
    assert abs(delivery.next_attempt_at - delivery.last_attempt_at - waits[0]).total_seconds() < 1
    # The task function itself, as the worker calls it at each `run_after`.
    for attempt, wait in enumerate(
        [
            datetime.timedelta(minutes=5),
            datetime.timedelta(minutes=30),
            datetime.timedelta(hours=2),
            datetime.timedelta(hours=12),
        ],
        start=2,
    ):
        assert deliver_webhook.call(delivery.pk) == DeliveryStatus.FAILED
        delivery.refresh_from_db()
        assert delivery.attempt_count == attempt
        assert delivery.next_attempt_at - delivery.last_attempt_at == wait
    assert deliver_webhook.call(delivery.pk) == DeliveryStatus.GIVEN_UP
    delivery.refresh_from_db()
    assert delivery.attempt_count == sending.MAX_ATTEMPTS == 6
    assert delivery.next_attempt_at is None
    assert len(receiver.requests) == 6
    # A given-up (or succeeded) delivery is not sent again by a stray task run.
    assert deliver_webhook.call(delivery.pk) == DeliveryStatus.GIVEN_UP
    assert len(receiver.requests) == 6


def test_a_retry_that_succeeds(
    workspace, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    receiver.status = 503
    make_endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        record(workspace)
    receiver.status = 204
    delivery = WebhookDelivery.objects.get()
    assert deliver_webhook.call(delivery.pk) == DeliveryStatus.SUCCEEDED
    delivery.refresh_from_db()
    assert (delivery.attempt_count, delivery.last_status_code, delivery.last_error) == (2, 204, "")


def test_redirects_are_not_followed(
    workspace, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    receiver.status, receiver.headers = 302, {"Location": "http://169.254.169.254/latest"}
    make_endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        record(workspace)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code == 302
    assert len(receiver.requests) == 1


def test_a_slow_receiver_times_out(
    workspace, receiver, make_endpoint, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(sending, "TIMEOUT", 0.2)
    receiver.delay = 1
    make_endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        record(workspace)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code is None
    assert "timed out" in delivery.last_error


def test_nobody_listening_is_a_failed_attempt(
    workspace, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint("http://127.0.0.1:9/nothing-here")
    with django_capture_on_commit_callbacks(execute=True):
        record(workspace)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert "Connection" in delivery.last_error or "refused" in delivery.last_error.lower()


def test_a_deactivated_endpoint_gets_nothing_more(
    workspace, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    from heard.webhooks import services

    receiver.status = 500
    endpoint, _ = make_endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        record(workspace)
    services.set_endpoint_active(
        workspace=workspace, actor=None, endpoint=endpoint, is_active=False
    )
    delivery = WebhookDelivery.objects.get()
    assert deliver_webhook.call(delivery.pk) == DeliveryStatus.GIVEN_UP
    assert len(receiver.requests) == 1
    with django_capture_on_commit_callbacks(execute=True):
        record(workspace)
    assert WebhookDelivery.objects.count() == 1


# --- through the real worker, as in production


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_and_queues_the_retry_with_run_after(
    workspace, receiver, make_endpoint
):
    from django_tasks_db.models import DBTaskResult

    receiver.status = 500
    make_endpoint(receiver.url)
    with override_settings(TASKS=DB_TASKS):
        record(workspace)
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING
        assert receiver.requests == []  # queued, not sent
        assert DBTaskResult.objects.count() == 1
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.FAILED
        assert delivery.attempt_count == 1
        assert len(receiver.requests) == 1
        first, retry = DBTaskResult.objects.order_by("enqueued_at")
        assert first.status == "SUCCESSFUL", first.traceback
        assert retry.status == "READY"
        assert retry.args_kwargs["args"] == [delivery.pk]
        assert retry.run_after == delivery.next_attempt_at
        assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
        # Not due yet: a second batch run sends nothing.
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        assert len(receiver.requests) == 1
        # Once due, the worker makes the second attempt.
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        receiver.status = 200
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempt_count == 2
    assert len(receiver.requests) == 2


def test_the_daily_sweep_requeues_deliveries_whose_task_was_lost(
    workspace, receiver, make_endpoint
):
    from heard.core.schedule import DAILY_TASKS
    from heard.webhooks.tasks import requeue_stuck_deliveries
    from tests.factories import WebhookDeliveryFactory

    assert "heard.webhooks.tasks.requeue_stuck_deliveries" in DAILY_TASKS
    endpoint, _ = make_endpoint(receiver.url)
    long_ago = timezone.now() - datetime.timedelta(days=2)
    lost = WebhookDeliveryFactory(workspace=workspace, endpoint=endpoint, next_attempt_at=long_ago)
    recent = WebhookDeliveryFactory(
        workspace=workspace, endpoint=endpoint, next_attempt_at=timezone.now()
    )
    done = WebhookDeliveryFactory(
        workspace=workspace,
        endpoint=endpoint,
        next_attempt_at=long_ago,
        status=DeliveryStatus.SUCCEEDED,
    )
    assert requeue_stuck_deliveries.call() == 1
    for delivery in (lost, recent, done):
        delivery.refresh_from_db()
    assert lost.status == DeliveryStatus.SUCCEEDED and lost.attempt_count == 1
    assert recent.attempt_count == 0 and done.attempt_count == 0
    assert len(receiver.requests) == 1
