"""`heard worker`: the database task worker, which also queues the daily tasks itself."""

from __future__ import annotations

import logging
import os
import threading
import time

from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from heard.core.schedule import enqueue_daily_tasks
from heard.ops import heartbeat

logger = logging.getLogger(__name__)

SCHEDULE_INTERVAL = 300  # seconds between two looks at the daily schedule


def _schedule_forever(interval: float) -> None:
    """Look at the schedule every `interval` seconds (the first look is done at start-up)."""
    while True:
        time.sleep(interval)
        try:
            close_old_connections()
            enqueue_daily_tasks()
        except Exception:  # a database hiccup must not stop the schedule for good
            logger.exception("Could not queue the daily tasks; trying again later")
        finally:
            connection.close()


class Command(DBWorkerCommand):
    help = (
        "Run background tasks (imports, emails, reminders) and queue the daily ones "
        "(overdue-loop digests, council rotation reminders) once a day."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run queued tasks; do not queue the daily ones.",
        )

    def handle(self, *args, no_schedule: bool = False, **options) -> None:
        if not no_schedule:
            enqueue_daily_tasks()  # before the first look for work: --batch runs them too
            if not options.get("batch"):
                threading.Thread(
                    target=_schedule_forever,
                    args=(SCHEDULE_INTERVAL,),
                    name="heard-schedule",
                    daemon=True,
                ).start()
        # /health reads the heartbeat; under --reload only the child process (RUN_MAIN) works.
        if not options.get("reload") or os.environ.get("RUN_MAIN") == "true":
            heartbeat.start(options["worker_id"], forever=not options.get("batch"))
        super().handle(*args, **options)
