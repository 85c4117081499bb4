"""The councils API: councils, members' terms, meetings."""

from __future__ import annotations

import datetime
import json

import pytest

from heard.core.models import Role
from heard.councils.models import Council, CouncilMember
from tests.api.conftest import api_client
from tests.factories import (
    CouncilFactory,
    CouncilMemberFactory,
    EngagementFactory,
    InitiativeFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def test_list_filter_and_constant_queries(workspace, api, django_assert_max_num_queries):
    initiative = InitiativeFactory(workspace=workspace)
    CouncilFactory(workspace=workspace, initiative=initiative)
    CouncilFactory(workspace=workspace)
    rows = api.get(f"/api/v1/councils?initiative={initiative.pk}").json()["results"]
    assert [r["initiative"] for r in rows] == [initiative.pk]
    assert "initiative" in _error(api.get("/api/v1/councils?initiative=999999"))["fields"]
    with django_assert_max_num_queries(12) as few:
        api.get("/api/v1/councils")
    for _ in range(10):
        CouncilMemberFactory(council=CouncilFactory(workspace=workspace))
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = api.get("/api/v1/councils").json()["results"]
    assert len(rows) == 12 and sum(r["member_count"] for r in rows) == 10


def test_create_update_with_version_archive(workspace, api):
    response = api.post(
        "/api/v1/councils",
        {"name": "Youth council", "terms_of_reference": "Advise on teen safety"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["convener"] == api.membership.user_id and created["reminder_days"] == 60
    url = f"/api/v1/councils/{created['id']}"
    changed = api.patch(
        url, {"reminder_days": 30, "version": created["version"]}, content_type=JSON
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["terms_of_reference"] == "Advise on teen safety"
    stale = api.patch(url, {"name": "Lost", "version": created["version"]}, content_type=JSON)
    assert stale.status_code == 409
    assert Council.objects.get(pk=created["id"]).name == "Youth council"
    duplicate = api.post("/api/v1/councils", {"name": "youth council"}, content_type=JSON)
    assert duplicate.status_code == 422
    assert "name" in _error(duplicate)["fields"]
    assert api.post(f"{url}/archive").json()["archived_at"]
    assert api.post(f"{url}/restore").json()["archived_at"] is None


def test_ids_of_another_workspace_are_refused(workspace, other_workspace, api):
    foreign_initiative = InitiativeFactory(workspace=other_workspace)
    outsider = api_client(other_workspace).membership.user_id
    for body, field in [
        ({"name": "A", "initiative": foreign_initiative.pk}, "initiative"),
        ({"name": "B", "convener": outsider}, "convener"),
        ({"name": "C", "reminder_days": 0}, "reminder_days"),
    ]:
        response = api.post("/api/v1/councils", body, content_type=JSON)
        assert response.status_code == 422, body
        assert field in _error(response)["fields"]
    assert not Council.objects.for_workspace(workspace).exists()


def test_members_terms(workspace, other_workspace, api):
    council = CouncilFactory(workspace=workspace)
    person = StakeholderFactory(workspace=workspace)
    url = f"/api/v1/councils/{council.pk}/members"
    term = {"stakeholder": person.pk, "term_start": "2030-01-01", "term_end": "2031-12-31"}
    response = api.post(url, {**term, "role": "chair"}, content_type=JSON)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["role"] == "chair" and created["stakeholder"] == person.pk
    overlap = api.post(
        url, {**term, "term_start": "2031-01-01", "term_end": "2032-01-01"}, content_type=JSON
    )
    assert overlap.status_code == 422
    assert "term_start" in _error(overlap)["fields"]
    backwards = api.post(url, {**term, "term_end": "2029-01-01"}, content_type=JSON)
    assert "term_end" in _error(backwards)["fields"]
    foreign = StakeholderFactory(workspace=other_workspace)
    response = api.post(url, {**term, "stakeholder": foreign.pk}, content_type=JSON)
    assert response.status_code == 422
    assert "stakeholder" in _error(response)["fields"]

    murl = f"/api/v1/council-members/{created['id']}"
    changed = api.patch(
        murl, {"term_end": "2032-06-30", "version": created["version"]}, content_type=JSON
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["role"] == "chair" and changed.json()["term_end"] == "2032-06-30"
    stale = api.patch(murl, {"notes": "Lost", "version": created["version"]}, content_type=JSON)
    assert stale.status_code == 409
    assert [m["id"] for m in api.get(url).json()["results"]] == [created["id"]]
    assert api.post(f"{murl}/archive").json()["archived_at"]
    assert api.post(f"{murl}/restore").json()["archived_at"] is None
    assert CouncilMember.objects.get(pk=created["id"]).term_end == datetime.date(2032, 6, 30)


def test_meetings_are_council_engagements(workspace, other_workspace, api):
    council = CouncilFactory(workspace=workspace)
    meeting = EngagementFactory(workspace=workspace, format="advisory_council")
    roundtable = EngagementFactory(workspace=workspace, format="roundtable")
    url = f"/api/v1/councils/{council.pk}/meetings"
    response = api.post(url, {"engagement": meeting.pk}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["meetings"] == [meeting.pk]
    wrong = api.post(url, {"engagement": roundtable.pk}, content_type=JSON)
    assert wrong.status_code == 422
    assert "engagement" in _error(wrong)["fields"]
    foreign = EngagementFactory(workspace=other_workspace, format="advisory_council")
    assert api.post(url, {"engagement": foreign.pk}, content_type=JSON).status_code == 422
    response = api.post(f"{url}/{meeting.pk}/unlink")
    assert response.status_code == 200
    assert response.json()["meetings"] == []


def test_high_risk_members_are_pseudonymised(workspace):
    person = StakeholderFactory(workspace=workspace, safety_level="high_risk", name="Zyxw Defender")
    member = CouncilMemberFactory(
        council=CouncilFactory(workspace=workspace), stakeholder=person, notes="Lives in exile"
    )
    viewer = api_client(workspace, Role.VIEWER)
    row = viewer.get(f"/api/v1/council-members/{member.pk}").json()
    assert row["identity_hidden"] is True and row["notes"] is None
    rows = viewer.get(f"/api/v1/councils/{member.council_id}/members").json()["results"]
    assert "Zyxw" not in json.dumps([row, rows]) and "exile" not in json.dumps(rows)
    editor = api_client(workspace, Role.EDITOR)
    assert editor.get(f"/api/v1/council-members/{member.pk}").json()["stakeholder_name"] == (
        "Zyxw Defender"
    )


def test_roles_without_the_action_get_403(workspace):
    council = CouncilFactory(workspace=workspace)
    member = CouncilMemberFactory(council=council)
    client = api_client(workspace, Role.CONTRIBUTOR)
    assert client.get(f"/api/v1/councils/{council.pk}").status_code == 200
    term = {
        "stakeholder": member.stakeholder_id,
        "term_start": "2040-01-01",
        "term_end": "2041-01-01",
    }
    for method, url, body in [
        ("post", "/api/v1/councils", {"name": "X"}),
        ("patch", f"/api/v1/councils/{council.pk}", {"name": "Y"}),
        ("post", f"/api/v1/councils/{council.pk}/archive", {}),
        ("post", f"/api/v1/councils/{council.pk}/members", term),
        ("post", f"/api/v1/councils/{council.pk}/meetings", {"engagement": 1}),
        ("patch", f"/api/v1/council-members/{member.pk}", {"notes": "Y"}),
        ("post", f"/api/v1/council-members/{member.pk}/archive", {}),
    ]:
        response = getattr(client, method)(url, body, content_type=JSON)
        assert response.status_code == 403, (method, url, response.content)
        assert _error(response)["code"] == "permission_denied"


def test_another_workspaces_records_are_404(workspace, other_workspace, api):
    council = CouncilFactory(workspace=other_workspace)
    member = CouncilMemberFactory(council=council)
    for url in [
        f"/api/v1/councils/{council.pk}",
        f"/api/v1/councils/{council.pk}/members",
        f"/api/v1/council-members/{member.pk}",
    ]:
        response = api.get(url)
        assert response.status_code == 404, url
        assert _error(response)["code"] == "not_found"
    for url in [
        f"/api/v1/councils/{council.pk}/archive",
        f"/api/v1/council-members/{member.pk}/archive",
    ]:
        assert api.post(url).status_code == 404
    assert (
        api.patch(f"/api/v1/councils/{council.pk}", {"name": "X"}, content_type=JSON).status_code
        == 404
    )
