"""Policies through the API: the pages' forms, services, permissions and tenancy."""

from __future__ import annotations

import pytest

from heard.core.models import Role
from heard.policies import services
from heard.policies.models import Policy, PolicyVersion
from tests.api.conftest import api_client
from tests.factories import (
    DecisionFactory,
    InputFactory,
    PolicyFactory,
    PolicyForumFactory,
    PolicyVersionFactory,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def _policy(workspace, title="Appeals", text="# Scope\nAll appeals.") -> Policy:
    return services.create_policy(workspace=workspace, actor=None, title=title, text=text)


def test_list_filters_and_query_count(workspace, api, django_assert_max_num_queries):
    _policy(workspace, "Privacy")
    services.create_policy(workspace=workspace, actor=None, title="AI", text="x", area="ai")
    rows = api.get("/api/v1/policies?area=ai").json()["results"]
    assert [r["title"] for r in rows] == ["AI"]
    response = api.get("/api/v1/policies?area=bogus")
    assert response.status_code == 422
    assert "area" in _error(response)["fields"]
    with django_assert_max_num_queries(15) as few:
        assert api.get("/api/v1/policies").status_code == 200
    for n in range(10):
        _policy(workspace, f"P{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/policies").json()["results"]) == 12


def test_create_read_update_with_version_and_conflict(workspace, api):
    response = api.post(
        "/api/v1/policies",
        {"title": "Appeals", "area": "content", "text": "# Scope\nEvery appeal."},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["current_number"] == 1
    url = f"/api/v1/policies/{created['id']}"
    assert api.get(url).json()["title"] == "Appeals"
    changed = api.patch(
        url, {"description": "How appeals work.", "version": created["version"]}, content_type=JSON
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Appeals"  # untouched fields stay
    stale = api.patch(url, {"title": "Lost", "version": created["version"]}, content_type=JSON)
    assert stale.status_code == 409
    assert _error(stale)["code"] == "conflict"
    assert Policy.objects.get(pk=created["id"]).title == "Appeals"


def test_create_validates_through_the_form_and_service(workspace, api):
    response = api.post("/api/v1/policies", {"title": "X", "text": ""}, content_type=JSON)
    assert response.status_code == 422 and "text" in _error(response)["fields"]
    _policy(workspace, "Taken")
    response = api.post("/api/v1/policies", {"title": "taken", "text": "x"}, content_type=JSON)
    assert response.status_code == 422 and "title" in _error(response)["fields"]


def test_owner_must_be_a_member(workspace, other_workspace, api):
    outsider = api_client(other_workspace).membership.user
    response = api.post(
        "/api/v1/policies", {"title": "X", "text": "x", "owner": outsider.pk}, content_type=JSON
    )
    assert response.status_code == 422 and "owner" in _error(response)["fields"]


def test_version_moves_consult_publish_reopen(workspace, api):
    policy = _policy(workspace)
    version = policy.versions.get()
    base = f"/api/v1/policies/versions/{version.pk}"
    assert api.post(f"{base}/consult").json()["status"] == "in_consultation"
    again = api.post(f"{base}/consult")
    assert again.status_code == 422
    published = api.post(f"{base}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert api.patch(base, {"text": "changed"}, content_type=JSON).status_code == 422
    no_reason = api.post(f"/api/v1/policies/{policy.pk}/reopen", {"reason": ""}, content_type=JSON)
    assert no_reason.status_code == 422 and "reason" in _error(no_reason)["fields"]
    reopened = api.post(
        f"/api/v1/policies/{policy.pk}/reopen", {"reason": "New input"}, content_type=JSON
    )
    assert reopened.status_code == 201, reopened.content
    draft = reopened.json()
    assert draft["number"] == 2 and draft["status"] == "draft"
    version.refresh_from_db()
    assert version.status == "reopened" and version.reopen_reason == "New input"
    # Version 2 needs its summary of changes before it can be published.
    response = api.post(f"/api/v1/policies/versions/{draft['id']}/publish")
    assert response.status_code == 422 and "summary_of_changes" in _error(response)["fields"]
    url = f"/api/v1/policies/versions/{draft['id']}"
    edited = api.patch(
        url, {"summary_of_changes": "Clearer.", "version": draft["version"]}, content_type=JSON
    )
    assert edited.status_code == 200 and edited.json()["text"] == draft["text"]
    stale = api.patch(url, {"text": "Lost", "version": draft["version"]}, content_type=JSON)
    assert stale.status_code == 409
    assert api.post(f"{url}/publish").json()["status"] == "published"
    versions = api.get(f"/api/v1/policies/{policy.pk}/versions").json()["results"]
    assert [v["number"] for v in versions] == [2, 1]


def test_inputs_considered_with_decisions(workspace, other_workspace, api):
    policy = _policy(workspace)
    version = policy.versions.get()
    said = InputFactory(workspace=workspace, text="Add a human reviewer.")
    DecisionFactory(input=said, outcome="adopted", rationale="Done in v2", is_current=True)
    foreign = InputFactory(workspace=other_workspace)
    base = f"/api/v1/policies/versions/{version.pk}"
    response = api.post(f"{base}/inputs", {"inputs": [said.pk, foreign.pk]}, content_type=JSON)
    assert response.status_code == 422 and "inputs" in _error(response)["fields"]
    assert not version.considered_inputs.exists()
    response = api.post(f"{base}/inputs", {"inputs": [said.pk]}, content_type=JSON)
    assert response.status_code == 200, response.content
    [row] = response.json()["considered_inputs"]
    assert row["id"] == said.pk and row["decision"]["outcome"] == "adopted"
    assert set(row) == {"id", "kind", "text", "engagement", "created_at", "decision"}
    assert policy.related_inputs.filter(pk=said.pk).exists()
    removed = api.delete(f"{base}/inputs/{said.pk}")
    assert removed.status_code == 200 and removed.json()["considered_inputs"] == []
    assert api.delete(f"{base}/inputs/{foreign.pk}").status_code == 404


def test_archive_and_restore(workspace, api):
    policy = _policy(workspace)
    assert api.post(f"/api/v1/policies/{policy.pk}/archive").json()["archived_at"]
    assert api.get("/api/v1/policies").json()["results"] == []
    assert api.get("/api/v1/policies?archived=archived").json()["results"][0]["id"] == policy.pk
    assert api.post(f"/api/v1/policies/{policy.pk}/restore").json()["archived_at"] is None


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("post", "/api/v1/policies", {"title": "X", "text": "x"}),
        ("patch", "/api/v1/policies/{policy}", {"title": "Y"}),
        ("post", "/api/v1/policies/{policy}/reopen", {"reason": "r"}),
        ("post", "/api/v1/policies/versions/{version}/publish", None),
        ("post", "/api/v1/policies/versions/{version}/consult", None),
        ("post", "/api/v1/policies/versions/{version}/inputs", {"inputs": [1]}),
        ("post", "/api/v1/policies/{policy}/archive", None),
    ],
)
def test_a_role_lacking_the_action_gets_403(workspace, method, path, body):
    policy = _policy(workspace)
    version = policy.versions.get()
    client = api_client(workspace, Role.CONTRIBUTOR)
    url = path.format(policy=policy.pk, version=version.pk)
    response = getattr(client, method)(url, body or {}, content_type=JSON)
    assert response.status_code == 403
    assert _error(response)["code"] == "permission_denied"
    version.refresh_from_db()
    assert version.status == "draft"
    assert client.get(f"/api/v1/policies/{policy.pk}").status_code == 200


def test_another_workspaces_objects_are_404(workspace, other_workspace, api):
    policy = PolicyFactory(workspace=other_workspace)
    version = PolicyVersionFactory(policy=policy, status="draft", published_at=None)
    forum = PolicyForumFactory(policy=policy)
    for url in (
        f"/api/v1/policies/{policy.pk}",
        f"/api/v1/policies/{policy.pk}/versions",
        f"/api/v1/policies/versions/{version.pk}",
        f"/api/v1/policies/forums/{forum.pk}",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert _error(response)["code"] == "not_found"
    assert api.post(f"/api/v1/policies/versions/{version.pk}/publish").status_code == 404
    assert api.post(f"/api/v1/policies/{policy.pk}/archive").status_code == 404
    assert PolicyVersion.objects.get(pk=version.pk).status == "draft"


def test_forums_are_readable(workspace, api, django_assert_max_num_queries):
    policy = _policy(workspace)
    forum = PolicyForumFactory(policy=policy, workspace=workspace, title="Appeals forum")
    rows = api.get(f"/api/v1/policies/forums?policy={policy.pk}").json()["results"]
    assert [r["title"] for r in rows] == ["Appeals forum"]
    assert rows[0]["steps_total"] > 0
    assert api.get(f"/api/v1/policies/forums/{forum.pk}").json()["policy"] == policy.pk
    with django_assert_max_num_queries(15) as few:
        api.get("/api/v1/policies/forums")
    for _ in range(5):
        PolicyForumFactory(policy=policy, workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get("/api/v1/policies/forums")


def test_link_and_unlink_inputs_about_a_policy(
    workspace, other_workspace, api, django_assert_max_num_queries
):
    policy = _policy(workspace)
    said = InputFactory(workspace=workspace)
    foreign = InputFactory(workspace=other_workspace)
    url = f"/api/v1/policies/{policy.pk}/inputs"
    response = api.post(url, {"inputs": [foreign.pk]}, content_type=JSON)
    assert response.status_code == 422 and "inputs" in _error(response)["fields"]
    linked = api.post(url, {"inputs": [said.pk]}, content_type=JSON)
    assert linked.status_code == 200, linked.content
    assert [r["id"] for r in linked.json()["results"]] == [said.pk]
    with django_assert_max_num_queries(15) as few:
        api.get(url)
    more = [InputFactory(workspace=workspace) for _ in range(5)]
    policy.related_inputs.add(*more)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get(url).json()["results"]) == 6
    unlinked = api.delete(f"{url}/{said.pk}")
    assert unlinked.status_code == 200
    assert said.pk not in [r["id"] for r in unlinked.json()["results"]]
    viewer = api_client(workspace, Role.VIEWER)
    assert viewer.get(url).status_code == 200
    response = viewer.post(url, {"inputs": [said.pk]}, content_type=JSON)
    assert response.status_code == 403
