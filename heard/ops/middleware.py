"""Request logging and request ids."""

from __future__ import annotations

import logging
import re
import time
import uuid

from heard.ops.logs import request_context, safe_path

logger = logging.getLogger("heard.request")

HEADER = "X-Request-ID"
# A request id given by the proxy in front is kept if it looks like one (no log injection).
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _user_id(request) -> int | None:
    """The signed-in user's id, if the request already looked the user up (no extra query)."""
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return user.pk
    return None


class RequestLogMiddleware:
    """Gives each request an id (`X-Request-ID`, also on every log line written while it is
    served) and logs one line per request: method, path, status, duration, user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_context.set({"request_id": request_id, "method": request.method})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            status = response.status_code
            level = (
                logging.ERROR
                if status >= 500
                else logging.WARNING
                if status >= 400
                else logging.INFO
            )
            path = safe_path(request)
            logger.log(
                level,
                "%s %s %s",
                request.method,
                path,
                status,
                extra={
                    "path": path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            request_context.reset(token)
