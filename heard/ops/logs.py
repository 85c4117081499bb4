"""Structured logs: one JSON object per line, with the request id of the request being served.

What a line may hold is an allow-list (timestamp, level, logger, message, request id, method,
path, status, duration, user id): never emails, names, query strings or bodies, because
Heard's logs go to places (log shippers, support tickets) that must not learn who spoke to the
company. URL parts that are secrets (magic-link tokens, password-reset tokens, concern
reference codes) are replaced by their name.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import traceback

# The request being served in this thread or task, for every log line written meanwhile.
request_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "heard_request_context", default=None
)

# URL keyword arguments that are safe to log; any other one is replaced by `<name>`.
SAFE_URL_KWARGS = {"pk", "slug", "workspace_slug", "public_slug"}
MAX_PATH_LENGTH = 200
# Exceptions whose messages describe the system, not the data being written ("no such table",
# "connection refused", a template name): their first line is logged. Any other exception's
# message may quote a row (an IntegrityError names the duplicate email), so it is left out.
MESSAGE_SAFE_EXCEPTIONS = {
    "OperationalError",
    "ImproperlyConfigured",
    "TemplateDoesNotExist",
    "TemplateSyntaxError",
    "ImportError",
    "ModuleNotFoundError",
    "TimeoutError",
    "ConnectionError",
    "ConnectionRefusedError",
}
REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


def install_record_factory() -> None:
    """Stamp every log record created while a request is served with its request id and
    method, whichever handler formats it later (and however much later)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "heard_request_context", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        for key, value in (request_context.get() or {}).items():
            setattr(record, key, value)
        return record

    factory.heard_request_context = True
    logging.setLogRecordFactory(factory)


def _is_safe_kwarg(name: str) -> bool:
    return name in SAFE_URL_KWARGS or name.endswith("_pk")


def safe_path(request) -> str:
    """The request's path without its query string, secret URL parts replaced by `<name>`."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if not _is_safe_kwarg(name) and str(value):
                path = path.replace(str(value), f"<{name}>")
    return path[:MAX_PATH_LENGTH]


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON with only the allowed keys."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "timestamp": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._message(record),
        }
        request = getattr(record, "request", None)  # Django's django.request records
        for key in REQUEST_FIELDS:
            value = getattr(record, key, None)
            if value is None and key in ("request_id", "method"):
                # Django logs some responses after the middleware has finished with them.
                value = getattr(request, key, None)
            if value is not None:
                data[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # The exception's type and where it happened, not its message: messages of
            # database and validation errors quote the values that were being written.
            data["exception"] = record.exc_info[0].__name__
            if data["exception"] in MESSAGE_SAFE_EXCEPTIONS:
                data["exception_message"] = str(record.exc_info[1]).split("\n")[0][:300]
            data["traceback"] = "".join(traceback.format_tb(record.exc_info[2])).strip()
        return json.dumps(data, ensure_ascii=False, default=str)

    @staticmethod
    def _message(record: logging.LogRecord) -> str:
        message = record.getMessage()
        request = getattr(record, "request", None)  # Django's django.request records
        path = getattr(request, "path", None)
        if path:
            message = message.replace(path, safe_path(request))
        return message


class TextFormatter(logging.Formatter):
    """The human-readable format for development (HEARD_LOG_FORMAT=text)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None) or getattr(
            getattr(record, "request", None), "request_id", None
        )
        return f"{line} [{request_id}]" if request_id else line
