"""Concerns through the API: identity access to read, the procedure's steps through the
pages' forms and services, tenancy."""

from __future__ import annotations

import pytest

from heard.concerns.models import Concern
from heard.core.models import Role
from tests.api.conftest import api_client
from tests.factories import ConcernFactory, InitiativeFactory, RemedyFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def _record(api, **extra) -> dict:
    payload = {
        "description": "My post was removed and nobody told me why.",
        "channel": "email",
        "contact_name": "Rosa P",
        "contact_email": "rosa@example.org",
        **extra,
    }
    response = api.post("/api/v1/concerns", payload, content_type=JSON)
    assert response.status_code == 201, response.content
    return response.json()


def test_list_filters_and_query_count(workspace, api, django_assert_max_num_queries):
    ConcernFactory(workspace=workspace, channel="email")
    ConcernFactory(workspace=workspace, channel="phone")
    rows = api.get("/api/v1/concerns?channel=phone").json()["results"]
    assert [r["channel"] for r in rows] == ["phone"]
    response = api.get("/api/v1/concerns?status=bogus")
    assert response.status_code == 422 and "status" in _error(response)["fields"]
    with django_assert_max_num_queries(15) as few:
        api.get("/api/v1/concerns")
    for _ in range(10):
        ConcernFactory(workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/concerns").json()["results"]) == 12


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_reading_needs_identity_access(workspace, role):
    concern = ConcernFactory(workspace=workspace, contact_name="Rosa P")
    client = api_client(workspace, role)
    for url in ("/api/v1/concerns", f"/api/v1/concerns/{concern.pk}"):
        response = client.get(url)
        assert response.status_code == 403
        assert _error(response)["code"] == "permission_denied"
        assert b"Rosa" not in response.content


def test_an_auditor_reads_but_takes_no_step(workspace):
    concern = ConcernFactory(workspace=workspace, contact_name="Rosa P")
    auditor = api_client(workspace, Role.AUDITOR)
    assert auditor.get(f"/api/v1/concerns/{concern.pk}").json()["contact_name"] == "Rosa P"
    # A write token of a role without the step is refused by the role check.
    contributor = api_client(workspace, Role.CONTRIBUTOR)
    response = contributor.post(f"/api/v1/concerns/{concern.pk}/acknowledge", {}, content_type=JSON)
    assert response.status_code == 403
    assert _error(response)["code"] == "permission_denied"
    assert Concern.objects.get(pk=concern.pk).status == "received"


def test_record_validates_through_the_form(workspace, api):
    response = api.post(
        "/api/v1/concerns",
        {"description": "x", "channel": "portal", "is_anonymous": True, "contact_name": "N"},
        content_type=JSON,
    )
    assert response.status_code == 422
    fields = _error(response)["fields"]
    assert "channel" in fields and "contact_name" in fields
    assert not Concern.objects.exists()


def test_the_whole_procedure(workspace, api):
    created = _record(api)
    assert created["status"] == "received" and created["reference"]
    assert [e["kind"] for e in created["events"]] == ["received"]
    url = f"/api/v1/concerns/{created['id']}"
    # Steps out of order are refused with the service's message.
    response = api.post(f"{url}/outcome", {"outcome": "upheld", "reasons": "x"}, content_type=JSON)
    assert response.status_code == 422
    acked = api.post(f"{url}/acknowledge", {"message": "We have it."}, content_type=JSON)
    assert acked.status_code == 200, acked.content
    assert acked.json()["status"] == "acknowledged"
    assert acked.json()["handler"] == api.membership.user_id
    initiative = InitiativeFactory(workspace=workspace)
    assessed = api.post(
        f"{url}/assess",
        {"notes": "Looks right.", "initiative": initiative.pk, "right_codes": []},
        content_type=JSON,
    )
    assert assessed.status_code == 200, assessed.content
    assert assessed.json()["status"] == "assessing"
    assert assessed.json()["initiative"] == initiative.pk
    no_reasons = api.post(f"{url}/outcome", {"outcome": "upheld", "reasons": ""}, content_type=JSON)
    assert no_reasons.status_code == 422 and _error(no_reasons)["fields"]
    decided = api.post(
        f"{url}/outcome", {"outcome": "upheld", "reasons": "We got it wrong."}, content_type=JSON
    )
    assert decided.json()["status"] == "outcome_decided"
    remedy = api.post(
        f"{url}/remedies",
        {"kind": "apology", "description": "A written apology.", "due_on": "2030-01-31"},
        content_type=JSON,
    )
    assert remedy.status_code == 201, remedy.content
    body = remedy.json()
    assert body["status"] == "remedy_in_progress"
    [planned] = body["remedies"]
    assert planned["due_on"] == "2030-01-31"
    blocked = api.post(f"{url}/close", {}, content_type=JSON)
    assert blocked.status_code == 422
    moved = api.patch(
        f"/api/v1/concerns/remedies/{planned['id']}", {"status": "provided"}, content_type=JSON
    )
    assert moved.status_code == 200 and moved.json()["remedies"][0]["status"] == "provided"
    said = api.post(f"{url}/message", {"message": "Done."}, content_type=JSON)
    assert said.status_code == 200
    closed = api.post(f"{url}/close", {"message": "Thank you."}, content_type=JSON)
    assert closed.json()["status"] == "closed", closed.content
    kinds = [e["kind"] for e in closed.json()["events"]]
    assert kinds[:4] == ["received", "acknowledged", "assessing", "outcome"]
    assert kinds[-1] == "closed"


def test_not_admissible_needs_reasons(workspace, api):
    concern = ConcernFactory(workspace=workspace)
    url = f"/api/v1/concerns/{concern.pk}/not-admissible"
    assert api.post(url, {"reasons": ""}, content_type=JSON).status_code == 422
    done = api.post(url, {"reasons": "Not about our products."}, content_type=JSON)
    assert done.json()["status"] == "not_admissible"


def test_foreign_ids_in_payloads_are_refused(workspace, other_workspace, api):
    concern = ConcernFactory(workspace=workspace)
    outsider = api_client(other_workspace).membership.user
    response = api.post(
        f"/api/v1/concerns/{concern.pk}/acknowledge", {"handler": outsider.pk}, content_type=JSON
    )
    assert response.status_code == 422 and "handler" in _error(response)["fields"]
    viewer = api_client(workspace, Role.VIEWER).membership.user  # may not handle concerns
    response = api.post(
        f"/api/v1/concerns/{concern.pk}/acknowledge", {"handler": viewer.pk}, content_type=JSON
    )
    assert response.status_code == 422
    api.post(f"/api/v1/concerns/{concern.pk}/acknowledge", {}, content_type=JSON)
    foreign_initiative = InitiativeFactory(workspace=other_workspace)
    response = api.post(
        f"/api/v1/concerns/{concern.pk}/assess",
        {"initiative": foreign_initiative.pk},
        content_type=JSON,
    )
    assert response.status_code == 422 and "initiative" in _error(response)["fields"]
    assert Concern.objects.get(pk=concern.pk).status == "acknowledged"


def test_another_workspaces_concern_is_404(workspace, other_workspace, api):
    concern = ConcernFactory(workspace=other_workspace)
    remedy = RemedyFactory(workspace=other_workspace, concern__workspace=other_workspace)
    assert api.get(f"/api/v1/concerns/{concern.pk}").status_code == 404
    response = api.post(f"/api/v1/concerns/{concern.pk}/acknowledge", {}, content_type=JSON)
    assert response.status_code == 404 and _error(response)["code"] == "not_found"
    response = api.patch(
        f"/api/v1/concerns/remedies/{remedy.pk}", {"status": "provided"}, content_type=JSON
    )
    assert response.status_code == 404
    assert Concern.objects.get(pk=concern.pk).status == "received"
