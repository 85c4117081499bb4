"""Themes (read-only) and disclosure reports through the API."""

from __future__ import annotations

import pytest
from django.utils import timezone

from heard.core.models import Role
from heard.insights.disclosure.models import DisclosureReport
from heard.insights.themes.models import ThemeMembership
from tests.api.conftest import api_client
from tests.factories import (
    DisclosureReportFactory,
    InputFactory,
    StakeholderFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def _place(theme, input):
    ThemeMembership.objects.create(
        workspace=theme.workspace, theme=theme, input=input, placed_at=timezone.now()
    )


# --- themes


def test_themes_with_input_counts(workspace, api, django_assert_max_num_queries):
    big = ThemeFactory(workspace=workspace, name="Appeals", input_count=2)
    ThemeFactory(workspace=workspace, name="Languages", input_count=1, top_terms=["swahili"])
    ThemeFactory(workspace=workspace, name="Old", archived_at=timezone.now())
    rows = api.get("/api/v1/insights/themes").json()["results"]
    assert {r["name"]: r["input_count"] for r in rows} == {"Appeals": 2, "Languages": 1}
    rows = api.get("/api/v1/insights/themes?q=appeal").json()["results"]
    assert [r["id"] for r in rows] == [big.pk]
    with django_assert_max_num_queries(10) as few:
        api.get("/api/v1/insights/themes")
    for _ in range(8):
        ThemeFactory(workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get("/api/v1/insights/themes")


def test_a_theme_counts_regions_and_outcomes_without_names(workspace):
    theme = ThemeFactory(workspace=workspace, input_count=2)
    person = StakeholderFactory(workspace=workspace, name="Zyxw Q", country="KE")
    _place(theme, InputFactory(workspace=workspace, stakeholder=person, outcome="adopted"))
    _place(theme, InputFactory(workspace=workspace))
    viewer = api_client(workspace, Role.VIEWER)
    response = viewer.get(f"/api/v1/insights/themes/{theme.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert sum(r["count"] for r in body["regions"]) == 2
    assert {o["key"]: o["count"] for o in body["outcomes"]} == {"adopted": 1, "": 1}
    assert b"Zyxw" not in response.content


def test_another_workspaces_theme_is_404(workspace, other_workspace, api):
    theme = ThemeFactory(workspace=other_workspace)
    response = api.get(f"/api/v1/insights/themes/{theme.pk}")
    assert response.status_code == 404 and _error(response)["code"] == "not_found"
    assert api.get("/api/v1/insights/themes").json()["results"] == []


# --- disclosure reports


def test_list_and_read_reports(workspace, other_workspace, django_assert_max_num_queries):
    report = DisclosureReportFactory(workspace=workspace)
    viewer = api_client(workspace, Role.VIEWER)
    rows = viewer.get("/api/v1/insights/disclosure").json()["results"]
    assert [r["id"] for r in rows] == [report.pk]
    body = viewer.get(f"/api/v1/insights/disclosure/{report.pk}").json()
    assert body["status"] == "queued" and body["files"] == []
    with django_assert_max_num_queries(10) as few:
        viewer.get("/api/v1/insights/disclosure")
    for _ in range(5):
        DisclosureReportFactory(workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        viewer.get("/api/v1/insights/disclosure")
    foreign = DisclosureReportFactory(workspace=other_workspace)
    assert viewer.get(f"/api/v1/insights/disclosure/{foreign.pk}").status_code == 404


def test_request_a_report_queues_the_worker_task(
    workspace, api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = api.post(
            "/api/v1/insights/disclosure",
            {
                "preset": "custom",
                "starts_on": "2025-01-01",
                "ends_on": "2025-06-30",
                "frameworks": ["csddd"],
            },
            content_type=JSON,
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "queued" and body["frameworks"] == ["csddd"]
    assert body["requested_by"] == api.membership.user_id
    assert len(callbacks) == 1  # the worker task, enqueued after the commit as from the page


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"preset": "custom"}, "__all__"),
        ({"frameworks": ["bogus"]}, "frameworks"),
        ({"preset": "custom", "starts_on": "2025-06-30", "ends_on": "2025-01-01"}, None),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_report_requests_are_422(workspace, api, payload, field):
    response = api.post("/api/v1/insights/disclosure", payload, content_type=JSON)
    assert response.status_code == 422, response.content
    if field:
        assert field in _error(response)["fields"]
    assert not DisclosureReport.objects.exists()


def test_only_who_may_generate(workspace):
    editor = api_client(workspace, Role.EDITOR)
    response = editor.post("/api/v1/insights/disclosure", {}, content_type=JSON)
    assert response.status_code == 403 and _error(response)["code"] == "permission_denied"
    assert not DisclosureReport.objects.exists()
