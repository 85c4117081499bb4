"""The transparency centre through the API: read, change, publish and unpublish, as the
settings page does and for the same roles."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.core.models import Role
from heard.transparency.models import TransparencyCentre
from tests.api.conftest import api_client
from tests.factories import TransparencyCentreFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def test_read_before_anything_is_saved(workspace, api):
    body = api.get("/api/v1/transparency").json()
    assert body["exists"] is False and body["is_published"] is False
    assert body["public_slug"] == workspace.slug
    assert body["sections"] == {"policies": 0, "minutes": 0, "summaries": 0, "commitments": 0}


def test_publish_change_and_unpublish(workspace, api):
    published = api.post("/api/v1/transparency/publish")
    assert published.status_code == 200, published.content
    body = published.json()
    assert body["exists"] and body["is_published"] and body["published_by"]
    assert Client().get(body["public_url"]).status_code == 200
    changed = api.patch(
        "/api/v1/transparency",
        {"title": "What we heard", "contact": "team@example.org", "version": body["version"]},
        content_type=JSON,
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "What we heard"
    assert changed.json()["is_published"] is True  # a change keeps the switch
    stale = api.patch(
        "/api/v1/transparency", {"title": "Lost", "version": body["version"]}, content_type=JSON
    )
    assert stale.status_code == 409 and _error(stale)["code"] == "conflict"
    off = api.post("/api/v1/transparency/unpublish")
    assert off.json()["is_published"] is False
    assert Client().get(body["public_url"]).status_code == 404
    assert TransparencyCentre.objects.get(workspace=workspace).title == "What we heard"


def test_bad_values_name_the_field(workspace, other_workspace, api):
    TransparencyCentreFactory(workspace=other_workspace, public_slug="taken-slug")
    response = api.patch("/api/v1/transparency", {"contact": "not a contact"}, content_type=JSON)
    assert response.status_code == 422 and "contact" in _error(response)["fields"]
    response = api.patch("/api/v1/transparency", {"public_slug": "taken-slug"}, content_type=JSON)
    assert response.status_code == 422 and "public_slug" in _error(response)["fields"]
    response = api.patch("/api/v1/transparency", {"public_slug": "Bad slug!"}, content_type=JSON)
    assert response.status_code == 422 and "public_slug" in _error(response)["fields"]
    assert not TransparencyCentre.objects.filter(workspace=workspace).exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_only_who_may_manage_transparency(workspace, role):
    TransparencyCentreFactory(workspace=workspace, is_published=False)
    client = api_client(workspace, role)
    for method, url in (
        ("get", "/api/v1/transparency"),
        ("post", "/api/v1/transparency/publish"),
        ("patch", "/api/v1/transparency"),
    ):
        response = getattr(client, method)(url, {}, content_type=JSON)
        assert response.status_code == 403, (role, url)
        assert _error(response)["code"] in ("permission_denied", "insufficient_scope")
    assert TransparencyCentre.objects.get(workspace=workspace).is_published is False
    assert api_client(workspace, Role.MANAGER).get("/api/v1/transparency").status_code == 200


def test_another_workspaces_centre_is_never_touched(workspace, other_workspace, api):
    theirs = TransparencyCentreFactory(workspace=other_workspace, is_published=True)
    api.post("/api/v1/transparency/unpublish")
    assert api.get("/api/v1/transparency").json()["exists"] is False
    theirs.refresh_from_db()
    assert theirs.is_published is True


def test_publish_checks_a_given_version(workspace, api):
    centre = TransparencyCentreFactory(workspace=workspace, is_published=False)
    response = api.post("/api/v1/transparency/publish?version=123")
    assert response.status_code == 409
    centre.refresh_from_db()
    assert centre.is_published is False
    current = api.get("/api/v1/transparency").json()["version"]
    assert api.post(f"/api/v1/transparency/publish?version={current}").status_code == 200
