"""The API's frame: tokens, scopes, the error format, pagination, tenancy."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from heard.api.models import AccessToken
from heard.api.tokens import hash_secret
from heard.core.models import Role
from heard.stakeholders.models import Stakeholder
from tests.api.conftest import api_client
from tests.factories import OrganisationFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def test_no_token_is_401_in_the_error_format():
    response = Client().get("/api/v1/stakeholders")
    assert response.status_code == 401
    assert _error(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_wrong_token_is_401(workspace):
    response = Client(headers={"Authorization": "Bearer heard_nope"}).get("/api/v1/stakeholders")
    assert response.status_code == 401


def test_only_the_hash_of_a_token_is_stored(api):
    row = AccessToken.objects.get(pk=api.token.pk)
    assert row.token_hash == hash_secret(api.secret)
    assert api.secret not in json.dumps(list(AccessToken.objects.values()), default=str)


def test_revoked_and_expired_tokens_stop_working(workspace, api):
    assert api.get("/api/v1/stakeholders").status_code == 200
    AccessToken.objects.filter(pk=api.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert api.get("/api/v1/stakeholders").status_code == 401
    AccessToken.objects.filter(pk=api.token.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1), revoked_at=timezone.now()
    )
    assert api.get("/api/v1/stakeholders").status_code == 401


def test_a_token_dies_with_its_owners_membership(api):
    api.membership.delete()
    assert api.get("/api/v1/stakeholders").status_code == 401


def test_a_read_token_cannot_write(workspace):
    client = api_client(workspace, Role.OWNER, scope="read")
    response = client.post("/api/v1/organisations", {"name": "X"}, content_type="application/json")
    assert response.status_code == 403
    assert _error(response)["code"] == "insufficient_scope"
    assert not workspace.pk or not client.get("/api/v1/organisations").json()["results"]


def test_the_role_still_decides_with_a_write_token(workspace):
    client = api_client(workspace, Role.CONTRIBUTOR)
    organisation = OrganisationFactory(workspace=workspace)
    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}",
        {"name": "Renamed"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert _error(response)["code"] == "permission_denied"
    organisation.refresh_from_db()
    assert organisation.name != "Renamed"


def test_validation_errors_name_the_field(api):
    response = api.post("/api/v1/organisations", {"name": ""}, content_type="application/json")
    assert response.status_code == 422
    assert "name" in _error(response)["fields"]
    response = api.post(
        "/api/v1/organisations", {"name": "X", "type": "bogus"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "type" in _error(response)["fields"]


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe\x00", b'{"name": ' + b'"x' * 10 + b"}", b"[]", b"null"],
)
def test_unreadable_bodies_are_4xx_in_the_error_format(api, body):
    response = api.post("/api/v1/organisations", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    _error(response)


def test_another_workspaces_object_is_404(workspace, other_workspace, api):
    foreign = StakeholderFactory(workspace=other_workspace)
    for method in ("get", "patch"):
        response = getattr(api, method)(
            f"/api/v1/stakeholders/{foreign.pk}", {}, content_type="application/json"
        )
        assert response.status_code == 404
        assert _error(response)["code"] == "not_found"
    assert api.post(f"/api/v1/stakeholders/{foreign.pk}/archive").status_code == 404


def test_cursor_pagination_walks_every_row_once(workspace, api):
    made = {StakeholderFactory(workspace=workspace).pk for _ in range(7)}
    seen, url = [], "/api/v1/stakeholders?limit=3"
    while True:
        page = api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        if not page["next"]:
            break
        url = f"/api/v1/stakeholders?limit=3&cursor={page['next']}"
    assert sorted(seen) == sorted(made)
    assert len(seen) == len(made)


def test_a_bad_cursor_or_limit_is_422(api):
    assert api.get("/api/v1/stakeholders?cursor=%%%").status_code == 422
    assert "cursor" in _error(api.get("/api/v1/stakeholders?cursor=Zm9v"))["fields"]
    assert api.get("/api/v1/stakeholders?limit=0").status_code == 422
    assert api.get("/api/v1/stakeholders?limit=100000").status_code == 422


def test_list_filters_are_the_pages_filters(workspace, api):
    StakeholderFactory(workspace=workspace, country="KE")
    StakeholderFactory(workspace=workspace, country="FR")
    rows = api.get("/api/v1/stakeholders?country=KE").json()["results"]
    assert [r["country"] for r in rows] == ["KE"]
    response = api.get("/api/v1/stakeholders?safety_level=bogus")
    assert response.status_code == 422
    assert "safety_level" in _error(response)["fields"]


def test_list_query_count_does_not_grow_with_rows(workspace, api, django_assert_max_num_queries):
    for _ in range(3):
        StakeholderFactory(workspace=workspace)
    with django_assert_max_num_queries(12) as few:
        api.get("/api/v1/stakeholders")
    for _ in range(20):
        StakeholderFactory(workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get("/api/v1/stakeholders")


def test_high_risk_identity_is_hidden_from_roles_without_identity_access(workspace):
    person = StakeholderFactory(
        workspace=workspace, safety_level="high_risk", name="Zyxw Defender", email="z@x.example"
    )
    viewer = api_client(workspace, Role.VIEWER)
    row = viewer.get(f"/api/v1/stakeholders/{person.pk}").json()
    assert row["identity_hidden"] is True
    assert "Zyxw" not in json.dumps(row) and row["email"] is None
    editor = api_client(workspace, Role.EDITOR)
    assert editor.get(f"/api/v1/stakeholders/{person.pk}").json()["name"] == "Zyxw Defender"


def test_create_update_archive_a_stakeholder_with_its_version(workspace, api):
    response = api.post(
        "/api/v1/stakeholders",
        {"name": "Amina K", "country": "KE", "languages": ["sw", "en"], "topics": ["Privacy"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["region"] and created["languages"] == ["en", "sw"]
    url = f"/api/v1/stakeholders/{created['id']}"
    changed = api.patch(
        url,
        {"role_at_organisation": "Lead", "version": created["version"]},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["languages"] == ["en", "sw"]  # untouched fields stay
    stale = api.patch(
        url,
        {"name": "Lost write", "version": created["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert _error(stale)["code"] == "conflict"
    assert Stakeholder.objects.get(pk=created["id"]).name == "Amina K"
    assert api.post(f"{url}/archive").json()["archived_at"]


def test_likely_duplicates_need_create_anyway(workspace, api):
    first = {"name": "Maria Lopez", "email": "maria@example.org"}
    assert (
        api.post("/api/v1/stakeholders", first, content_type="application/json").status_code == 201
    )
    payload = {"name": "M. Lopez", "email": "maria@example.org"}
    response = api.post("/api/v1/stakeholders", payload, content_type="application/json")
    assert response.status_code == 409
    assert _error(response)["code"] == "likely_duplicate"
    payload["create_anyway"] = True
    assert (
        api.post("/api/v1/stakeholders", payload, content_type="application/json").status_code
        == 201
    )


def test_schema_and_docs_are_served():
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/stakeholders" in schema["paths"]
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
