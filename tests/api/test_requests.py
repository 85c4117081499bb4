"""Information and data requests through the API: list/read/answer as the pages do."""

from __future__ import annotations

import json

import pytest

from heard.core.models import Role
from heard.requests.models import DataRequest, InformationRequest
from tests.api.conftest import api_client
from tests.factories import DataRequestFactory, InformationRequestFactory, StakeholderFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def test_information_list_filters_and_query_count(workspace, api, django_assert_max_num_queries):
    InformationRequestFactory(workspace=workspace, preferred_format="meeting")
    InformationRequestFactory(workspace=workspace, preferred_format="written")
    rows = api.get("/api/v1/requests?format=meeting").json()["results"]
    assert [r["preferred_format"] for r in rows] == ["meeting"]
    response = api.get("/api/v1/requests?status=bogus")
    assert response.status_code == 422 and "status" in _error(response)["fields"]
    with django_assert_max_num_queries(15) as few:
        api.get("/api/v1/requests")
    for _ in range(8):
        InformationRequestFactory(workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/requests").json()["results"]) == 10


def test_answer_and_refuse(workspace, api):
    asked = InformationRequestFactory(workspace=workspace)
    url = f"/api/v1/requests/{asked.pk}"
    assert api.get(url).json()["status"] == "open"
    empty = api.post(f"{url}/answer", {"answer": ""}, content_type=JSON)
    assert empty.status_code == 422 and "answer" in _error(empty)["fields"]
    answered = api.post(
        f"{url}/answer", {"answer": "We review every appeal.", "notify": False}, content_type=JSON
    )
    assert answered.status_code == 200, answered.content
    body = answered.json()
    assert body["status"] == "answered" and body["answered_by"] == api.membership.user_id
    again = api.post(f"{url}/answer", {"answer": "Twice"}, content_type=JSON)
    assert again.status_code == 422
    other = InformationRequestFactory(workspace=workspace)
    no_reasons = api.post(
        f"/api/v1/requests/{other.pk}/refuse",
        {"refusal_ground": "confidential", "refusal_reasons": ""},
        content_type=JSON,
    )
    assert no_reasons.status_code == 422 and "refusal_reasons" in _error(no_reasons)["fields"]
    refused = api.post(
        f"/api/v1/requests/{other.pk}/refuse",
        {"refusal_ground": "confidential", "refusal_reasons": "Trade secret."},
        content_type=JSON,
    )
    assert refused.json()["status"] == "refused", refused.content


def test_data_requests_done_and_declined(workspace, api, django_assert_max_num_queries):
    asked = DataRequestFactory(workspace=workspace, kind="erasure")
    DataRequestFactory(workspace=workspace, kind="export")
    rows = api.get("/api/v1/requests/data?kind=erasure").json()["results"]
    assert [r["id"] for r in rows] == [asked.pk]
    assert api.get("/api/v1/requests/data?kind=bogus").status_code == 422
    with django_assert_max_num_queries(15) as few:
        api.get("/api/v1/requests/data")
    for _ in range(6):
        DataRequestFactory(workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get("/api/v1/requests/data")
    done = api.post(
        f"/api/v1/requests/data/{asked.pk}/done", {"note": "Erased."}, content_type=JSON
    )
    assert done.status_code == 200 and done.json()["status"] == "done", done.content
    other = DataRequestFactory(workspace=workspace)
    url = f"/api/v1/requests/data/{other.pk}/decline"
    assert api.post(url, {"note": ""}, content_type=JSON).status_code == 422
    declined = api.post(url, {"note": "Not our data."}, content_type=JSON)
    assert declined.json()["status"] == "declined"


def test_a_high_risk_requester_is_pseudonymised(workspace):
    person = StakeholderFactory(workspace=workspace, safety_level="high_risk", name="Zyxw Q")
    asked = InformationRequestFactory(workspace=workspace, stakeholder=person)
    wanted = DataRequestFactory(workspace=workspace, stakeholder=person)
    viewer = api_client(workspace, Role.VIEWER)
    for url in (
        f"/api/v1/requests/{asked.pk}",
        "/api/v1/requests",
        f"/api/v1/requests/data/{wanted.pk}",
        "/api/v1/requests/data",
    ):
        response = viewer.get(url)
        assert response.status_code == 200
        assert "Zyxw" not in json.dumps(response.json()), url
    assert viewer.get(f"/api/v1/requests/{asked.pk}").json()["identity_hidden"] is True
    # A name search must not find a pseudonymised row either.
    assert viewer.get("/api/v1/requests?q=Zyxw").json()["results"] == []
    editor = api_client(workspace, Role.EDITOR)
    assert editor.get(f"/api/v1/requests/{asked.pk}").json()["stakeholder_name"] == "Zyxw Q"


@pytest.mark.parametrize(
    "path,body",
    [
        ("/api/v1/requests/{info}/answer", {"answer": "x"}),
        ("/api/v1/requests/{info}/refuse", {"refusal_ground": "other", "refusal_reasons": "x"}),
        ("/api/v1/requests/data/{data}/done", {}),
        ("/api/v1/requests/data/{data}/decline", {"note": "x"}),
    ],
)
def test_a_role_lacking_edit_gets_403(workspace, path, body):
    info = InformationRequestFactory(workspace=workspace)
    data = DataRequestFactory(workspace=workspace)
    client = api_client(workspace, Role.CONTRIBUTOR)
    response = client.post(path.format(info=info.pk, data=data.pk), body, content_type=JSON)
    assert response.status_code == 403 and _error(response)["code"] == "permission_denied"
    assert InformationRequest.objects.get(pk=info.pk).status == "open"
    assert DataRequest.objects.get(pk=data.pk).status == "open"


def test_another_workspaces_requests_are_404(workspace, other_workspace, api):
    info = InformationRequestFactory(workspace=other_workspace)
    data = DataRequestFactory(workspace=other_workspace)
    assert api.get(f"/api/v1/requests/{info.pk}").status_code == 404
    assert api.get(f"/api/v1/requests/data/{data.pk}").status_code == 404
    response = api.post(f"/api/v1/requests/{info.pk}/answer", {"answer": "x"}, content_type=JSON)
    assert response.status_code == 404 and _error(response)["code"] == "not_found"
    assert (
        api.post(f"/api/v1/requests/data/{data.pk}/done", {}, content_type=JSON).status_code == 404
    )
    assert InformationRequest.objects.get(pk=info.pk).status == "open"
