"""Friendly 400/403/404/500 pages that leak nothing: no exception text, no path, no settings."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.ops.error_urls import SECRET

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.ops.error_urls"),
]

LEAKS = ("SECRET", "hunter2", "/srv/heard", "Traceback", "settings.py", "RuntimeError")


def assert_leaks_nothing(response, path: str) -> str:
    html = response.content.decode()
    for leak in (*LEAKS, path):
        assert leak not in html, leak
    return html


@override_settings(DEBUG=False)
def test_500_page_hides_the_exception_and_works_without_the_database(django_db_blocker):
    client = Client(raise_request_exception=False)
    with django_db_blocker.block():  # the database may be what failed
        response = client.get("/crash/?email=ada@example.org")
    assert response.status_code == 500
    html = assert_leaks_nothing(response, "/crash/")
    assert "Something went wrong on our side" in html
    assert "ada@example.org" not in html
    # The request id, which the log line carries too, is the one thing shown.
    assert response["X-Request-ID"] in html


@override_settings(DEBUG=False)
def test_500_page_is_translated():
    client = Client(raise_request_exception=False, headers={"accept-language": "fr"})
    html = client.get("/crash/").content.decode()
    assert 'lang="fr"' in html
    assert "Une erreur s’est produite de notre côté" in html


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/missing/", 404, "Page not found"),
        ("/no/such/page/", 404, "Page not found"),
        ("/forbidden/", 403, "You cannot do this"),
        ("/suspicious/", 400, "Heard could not understand this request"),
    ],
)
def test_client_error_pages(path, status, heading):
    response = Client().get(path)
    assert response.status_code == status
    html = assert_leaks_nothing(response, path)
    assert heading in html
    assert SECRET not in html


@override_settings(DEBUG=False)
def test_404_is_translated_and_right_to_left(owner_client):
    response = owner_client.get("/no/such/page/", headers={"accept-language": "ar"})
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "الصفحة غير موجودة" in html


@override_settings(DEBUG=False)
def test_another_workspace_is_a_404_that_names_nothing(outsider_client, workspace):
    response = outsider_client.get(f"/w/{workspace.slug}/")
    assert response.status_code == 404
    html = assert_leaks_nothing(response, f"/w/{workspace.slug}/")
    assert workspace.name not in html


@override_settings(DEBUG=False)
def test_csrf_failure_explains_what_to_do():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert "CSRF" not in html


@override_settings(DEBUG=False)
def test_a_server_error_is_logged_with_its_request_id_but_not_its_message(caplog):
    import json

    from heard.ops.logs import JsonFormatter

    response = Client(raise_request_exception=False).get("/crash/")
    [record] = [r for r in caplog.records if r.name == "django.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["exception"] == "RuntimeError"
    assert "crash" in line["traceback"]
    assert "hunter2" not in json.dumps(line)
    assert "SECRET-EXCEPTION-TEXT" not in json.dumps(line)
