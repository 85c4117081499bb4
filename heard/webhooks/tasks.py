"""Background work of webhooks, run by `heard worker`: one task per delivery attempt."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Attempt one delivery (a retry re-queues this task with `run_after`)."""
    from heard.webhooks.delivery import attempt
    from heard.webhooks.models import DeliveryStatus, WebhookDelivery

    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    if delivery.status not in (DeliveryStatus.PENDING, DeliveryStatus.FAILED):
        return delivery.status  # already done (a duplicate run does not send twice)
    return attempt(delivery)


# A delivery due for this long has lost its task (e.g. a crash between commit and enqueue):
# far beyond any queue backlog, so re-queueing it cannot send the same attempt twice.
STUCK_AFTER = datetime.timedelta(days=1)


@task()
def requeue_stuck_deliveries() -> int:
    """Daily safety net: queue again the deliveries long due whose task was lost."""
    from heard.webhooks.models import DeliveryStatus, WebhookDelivery

    cutoff = timezone.now() - STUCK_AFTER
    ids = list(
        WebhookDelivery.objects.filter(
            status__in=(DeliveryStatus.PENDING, DeliveryStatus.FAILED),
            next_attempt_at__lte=cutoff,
        ).values_list("pk", flat=True)[:10_000]
    )
    for delivery_id in ids:
        deliver_webhook.enqueue(delivery_id)
    if ids:
        logger.warning("Re-queued %d stuck webhook deliveries", len(ids))
    return len(ids)


def enqueue_delivery(delivery_id: int) -> None:
    """Queue the first attempt of a delivery once the transaction that created it commits."""
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery_id), robust=True)


def schedule_retry(delivery) -> None:
    """Queue the next attempt at `delivery.next_attempt_at`.

    A backend that cannot defer (the immediate backend of the tests) is not asked: it would
    run the retry at once, in a loop; the delivery stays FAILED with its `next_attempt_at`.
    """
    backend = deliver_webhook.get_backend()
    if not backend.supports_defer:
        logger.info("Task backend cannot defer; webhook delivery %s not re-queued", delivery.pk)
        return
    deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
