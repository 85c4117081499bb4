"""Worker liveness: each `heard worker` process writes a heartbeat row every few seconds, and
`/health` reads the newest one. A thread beats beside the worker loop, so a long task (a large
import) does not make a live worker look dead."""

from __future__ import annotations

import datetime
import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Max
from django.utils import timezone

from heard.ops.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Rows of workers not seen for this long are deleted when a worker starts.
FORGET_AFTER = datetime.timedelta(days=7)


def interval() -> float:
    """Seconds between two heartbeats."""
    return float(getattr(settings, "HEARD_HEARTBEAT_SECONDS", 30))


def beat(worker_id: str, *, started_at: datetime.datetime | None = None) -> None:
    """Record that `worker_id` is alive now."""
    now = timezone.now()
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now):
        WorkerHeartbeat.objects.create(
            worker_id=worker_id, started_at=started_at or now, seen_at=now
        )


def _beat_forever(worker_id: str, started_at: datetime.datetime, seconds: float) -> None:
    while True:
        time.sleep(seconds)
        try:
            close_old_connections()
            beat(worker_id, started_at=started_at)
        except Exception:  # a database hiccup must not stop the heartbeat for good
            logger.exception("Could not record the worker heartbeat; trying again later")
        finally:
            connection.close()


def start(worker_id: str, *, forever: bool = True) -> None:
    """Beat once now and, unless `forever` is false (a `--batch` run), every `interval()`
    seconds from a daemon thread until the process ends."""
    started_at = timezone.now()
    WorkerHeartbeat.objects.filter(seen_at__lt=started_at - FORGET_AFTER).delete()
    beat(worker_id, started_at=started_at)
    if forever:
        threading.Thread(
            target=_beat_forever,
            args=(worker_id, started_at, interval()),
            name="heard-heartbeat",
            daemon=True,
        ).start()


def last_seen() -> datetime.datetime | None:
    """When any worker last showed life (one query)."""
    return WorkerHeartbeat.objects.aggregate(latest=Max("seen_at"))["latest"]
