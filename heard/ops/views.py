"""`/health`: is the database answering, has a worker shown life lately? For load balancers and
uptime monitors, so it needs no login and says nothing about the installation (no versions,
paths or host names)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from heard.ops import heartbeat

logger = logging.getLogger(__name__)


def worker_state(seen_at: datetime.datetime | None) -> str:
    """'ok' if a worker beat within HEARD_HEALTH_WORKER_MINUTES, 'stale' if longer ago,
    'never' if no worker ever ran against this database."""
    if seen_at is None:
        return "never"
    limit = datetime.timedelta(minutes=settings.HEARD_HEALTH_WORKER_MINUTES)
    return "ok" if timezone.now() - seen_at <= limit else "stale"


@never_cache
@require_GET
def health(request):
    """200 when the database answers and a worker is alive (or not required), else 503."""
    try:
        worker = worker_state(heartbeat.last_seen())  # one query: it also proves the database
        database = "ok"
    except Exception:  # any failure to read is "database down"; the log has the details
        logger.exception("Health check: the database did not answer")
        database, worker = "error", "unknown"
    healthy = database == "ok" and (worker == "ok" or not settings.HEARD_HEALTH_REQUIRE_WORKER)
    body = {"status": "ok" if healthy else "error", "database": database, "worker": worker}
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request):
    """The 500 page: rendered without context processors or the database (either may be what
    failed), with nothing from the request but its id, for the administrator to find the log."""
    try:
        html = loader.get_template("500.html").render(
            {"request_id": getattr(request, "request_id", "")}
        )
    except Exception:  # the page of last resort must not fail in its turn
        logger.exception("Could not render the 500 page")
        html = "<!doctype html><title>Server error</title><h1>Server error (500)</h1>"
    return HttpResponseServerError(html)
