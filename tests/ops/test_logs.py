"""Structured logs: one JSON line per request with the allowed keys, and no personal data."""

from __future__ import annotations

import json
import logging

import pytest
from django.conf import settings
from django.test import Client

from heard.ops.logs import JsonFormatter, TextFormatter

pytestmark = pytest.mark.django_db

KEYS = {
    "timestamp",
    "level",
    "logger",
    "message",
    "request_id",
    "method",
    "path",
    "status",
    "duration_ms",
    "user_id",
}


def request_lines(caplog) -> list[dict]:
    """The heard.request records, formatted as production formats them."""
    formatter = JsonFormatter()
    lines = [formatter.format(r) for r in caplog.records if r.name == "heard.request"]
    assert all("\n" not in line for line in lines)
    return [json.loads(line) for line in lines]


def test_production_logs_are_json():
    assert settings.HEARD_LOG_FORMAT == "json"
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"


def test_a_request_logs_one_json_line_without_personal_data(owner_client, workspace, caplog):
    user = owner_client.user
    caplog.set_level(logging.INFO, logger="heard.request")
    url = f"/w/{workspace.slug}/?q={user.email}&name=Secret"
    response = owner_client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 200
    [line] = request_lines(caplog)
    assert set(line) == KEYS
    assert line["method"] == "GET"
    assert line["path"] == f"/w/{workspace.slug}/"
    assert line["status"] == 200
    assert line["user_id"] == user.pk
    assert line["level"] == "INFO"
    assert line["logger"] == "heard.request"
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]
    text = json.dumps(line)
    for personal in (user.email, user.full_name, "Secret", "q=", "203.0.113.9"):
        assert personal not in text


def test_anonymous_requests_have_no_user_and_errors_are_warnings(caplog):
    caplog.set_level(logging.INFO, logger="heard.request")
    Client().get("/no-such-page/")
    [line] = request_lines(caplog)
    assert line["status"] == 404 and line["level"] == "WARNING"
    assert "user_id" not in line


def test_secret_url_parts_are_not_logged(caplog):
    caplog.set_level(logging.INFO, logger="heard.request")
    Client().get("/portal/open/SECRET-MAGIC-TOKEN/")
    Client().get("/invitations/SECRET-INVITATION/")
    lines = request_lines(caplog)
    assert [line["path"] for line in lines] == ["/portal/open/<token>/", "/invitations/<token>/"]
    assert "SECRET" not in json.dumps(lines)


def test_request_id_is_taken_from_the_proxy_when_it_looks_like_one(caplog):
    caplog.set_level(logging.INFO, logger="heard.request")
    response = Client().get("/health", HTTP_X_REQUEST_ID="lb-1234567890abcdef")
    assert response["X-Request-ID"] == "lb-1234567890abcdef"
    response = Client().get("/health", HTTP_X_REQUEST_ID='evil"\n{"level":"INFO"}')
    assert response["X-Request-ID"] != 'evil"\n{"level":"INFO"}'
    assert len(response["X-Request-ID"]) == 32
    ids = [line["request_id"] for line in request_lines(caplog)]
    assert ids == ["lb-1234567890abcdef", response["X-Request-ID"]]


def test_exceptions_are_logged_without_their_message():
    email = "ada@example.org"
    try:
        raise ValueError(f"{email} said something")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), None)
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["exception"] == "ValueError"
    assert "exception_message" not in line
    assert "test_logs.py" in line["traceback"]
    assert email not in json.dumps(line)


def test_text_format_for_development():
    record = logging.LogRecord("heard.x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    assert TextFormatter().format(record).endswith("INFO heard.x hello world")


def test_system_exceptions_keep_their_message():
    import sys

    from django.db import OperationalError

    try:
        raise OperationalError("no such table: privacy_retentionpolicy")
    except OperationalError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), None)
        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["exception_message"] == "no such table: privacy_retentionpolicy"
