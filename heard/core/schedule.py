"""The daily tasks `heard worker` queues by itself: no cron needed.

Each task is queued once per day (local to the installation's time zone), however many workers
run: the first to record the day in `ScheduledRun` queues it. The tasks are idempotent
(a loop or a council term is reminded once), so a run missed while no worker was up is simply
done on the next day the worker runs.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from heard.core.models import ScheduledRun

logger = logging.getLogger(__name__)

DAILY_TASKS: list[str] = [
    "heard.feedback.tasks.send_overdue_loop_digests",
    "heard.councils.tasks.send_rotation_reminders",
    "heard.insights.briefs.tasks.open_insight_cycles",
    "heard.insights.dashboards.tasks.refresh_dashboards",
    "heard.portal.tasks.forget_used_links",
    "heard.privacy.tasks.apply_retention_rules",
    "heard.webhooks.tasks.requeue_stuck_deliveries",
]


def enqueue_daily_tasks(today: datetime.date | None = None) -> list[str]:
    """Queue every daily task not yet queued `today`; return the paths queued."""
    today = today or timezone.localdate()
    queued = []
    for path in DAILY_TASKS:
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(task_path=path, day=today)
        except IntegrityError:
            continue  # another worker (or an earlier pass) queued it today
        import_string(path).enqueue()
        logger.info("Queued the daily task %s for %s", path, today)
        queued.append(path)
    return queued
