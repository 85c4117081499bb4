"""The impacts API: initiatives (stage), engagement plans, impacts (scores, status), actions,
the rights catalogue."""

from __future__ import annotations

import pytest

from heard.core.models import Role
from heard.impacts import services
from heard.impacts.models import EngagementPlan, Impact, ImpactAction, Initiative
from tests.api.conftest import api_client
from tests.factories import (
    EngagementPlanFactory,
    ImpactActionFactory,
    ImpactFactory,
    InitiativeFactory,
    OrganisationFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def _impact(workspace, **fields) -> Impact:
    fields.setdefault("title", "Moderators exposed to graphic content")
    fields.setdefault("scale", 4)
    fields.setdefault("scope", 2)
    fields.setdefault("irremediability", 3)
    fields.setdefault("likelihood", 4)
    return services.create_impact(workspace=workspace, actor=None, rights=["udhr-19"], **fields)


# --- initiatives


def test_initiatives_list_filter_and_constant_queries(
    workspace, api, django_assert_max_num_queries
):
    InitiativeFactory(workspace=workspace, kind="ai_system")
    InitiativeFactory(workspace=workspace, kind="feature")
    rows = api.get("/api/v1/initiatives?kind=ai_system").json()["results"]
    assert [r["kind"] for r in rows] == ["ai_system"]
    assert "kind" in _error(api.get("/api/v1/initiatives?kind=bogus"))["fields"]
    with django_assert_max_num_queries(12) as few:
        api.get("/api/v1/initiatives")
    for _ in range(10):
        InitiativeFactory(workspace=workspace)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/initiatives").json()["results"]) == 12


def test_initiative_create_update_stage_archive(workspace, api):
    response = api.post(
        "/api/v1/initiatives",
        {"name": "Face matching", "kind": "ai_system", "stage": "testing"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["stage"] == "testing"
    url = f"/api/v1/initiatives/{created['id']}"
    changed = api.patch(
        url, {"owning_team": "Trust", "version": created["version"]}, content_type=JSON
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["name"] == "Face matching"
    stale = api.patch(url, {"name": "Lost", "version": created["version"]}, content_type=JSON)
    assert stale.status_code == 409
    assert Initiative.objects.get(pk=created["id"]).name == "Face matching"

    moved = api.post(f"{url}/stage", {"stage": "launch", "note": "Approved"}, content_type=JSON)
    assert moved.status_code == 200, moved.content
    assert moved.json()["stage"] == "launch"
    same = api.post(f"{url}/stage", {"stage": "launch"}, content_type=JSON)
    assert same.status_code == 422
    assert "stage" in _error(same)["fields"]
    bogus = api.post(f"{url}/stage", {"stage": "bogus"}, content_type=JSON)
    assert bogus.status_code == 422
    history = api.get(f"{url}/stage-history").json()["results"]
    assert [(h["from_stage"], h["to_stage"]) for h in history] == [
        ("testing", "launch"),
        ("", "testing"),
    ]
    assert history[0]["note"] == "Approved"
    assert api.post(f"{url}/archive").json()["archived_at"]
    assert api.post(f"{url}/stage", {"stage": "in_use"}, content_type=JSON).status_code == 422
    assert api.post(f"{url}/restore").json()["archived_at"] is None


def test_initiative_validation_names_the_field(api):
    response = api.post("/api/v1/initiatives", {"name": "X", "kind": "bogus"}, content_type=JSON)
    assert response.status_code == 422
    assert "kind" in _error(response)["fields"]


# --- engagement plans


def test_plan_per_stage_with_named_stakeholders(workspace, other_workspace, api):
    initiative = InitiativeFactory(workspace=workspace)
    person = StakeholderFactory(workspace=workspace)
    organisation = OrganisationFactory(workspace=workspace)
    url = f"/api/v1/initiatives/{initiative.pk}/plans/testing"
    payload = {
        "categories": ["cso_representative"],
        "risk_groups": ["women_girls"],
        "stakeholders": [person.pk],
        "organisations": [organisation.pk],
        "timing": "on_date",
        "target_on": "2030-05-01",
    }
    response = api.put(url, payload, content_type=JSON)
    assert response.status_code == 200, response.content
    plan = response.json()
    assert plan["stakeholders"] == [person.pk] and plan["organisations"] == [organisation.pk]
    stale_version = plan["version"]
    again = api.put(
        url, {**payload, "notes": "Add unions", "version": stale_version}, content_type=JSON
    )
    assert again.status_code == 200, again.content
    assert again.json()["id"] == plan["id"]
    stale = api.put(url, {**payload, "version": stale_version}, content_type=JSON)
    assert stale.status_code == 409
    listed = api.get(f"/api/v1/initiatives/{initiative.pk}/plans").json()["results"]
    assert [p["stage"] for p in listed] == ["testing"]
    # Another workspace's people, a date missing, an unknown stage: 422 naming the field.
    foreign = StakeholderFactory(workspace=other_workspace)
    for body, field in [
        ({**payload, "stakeholders": [foreign.pk]}, "stakeholders"),
        (
            {**payload, "organisations": [OrganisationFactory(workspace=other_workspace).pk]},
            "organisations",
        ),
        ({**payload, "target_on": None}, "target_on"),
    ]:
        response = api.put(url, body, content_type=JSON)
        assert response.status_code == 422, body
        assert field in _error(response)["fields"]
    response = api.put(
        f"/api/v1/initiatives/{initiative.pk}/plans/bogus", payload, content_type=JSON
    )
    assert response.status_code == 422
    archived = api.post(f"/api/v1/engagement-plans/{plan['id']}/archive").json()
    assert archived["archived_at"]
    assert api.get(f"/api/v1/engagement-plans/{plan['id']}").status_code == 200
    assert EngagementPlan.objects.get(pk=plan["id"]).notes == "Add unions"


# --- impacts


def test_impact_scores_drive_severity_and_salience(workspace, api):
    initiative = InitiativeFactory(workspace=workspace)
    response = api.post(
        "/api/v1/impacts",
        {
            "title": "Wrongful account bans",
            "kind": "potential",
            "involvement": "cause",
            "rights": ["iccpr-19", "udhr-19"],
            "risk_groups": ["women_girls"],
            "initiatives": [initiative.pk],
            "scale": 3,
            "scope": 4,
            "irremediability": 2,
            "likelihood": 5,
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["severity"] == 24 and created["salience"] == 120
    assert created["initiatives"] == [initiative.pk]
    assert created["next_statuses"] == ["assessed", "closed"]
    url = f"/api/v1/impacts/{created['id']}"
    changed = api.patch(url, {"scale": 5, "version": created["version"]}, content_type=JSON)
    assert changed.status_code == 200, changed.content
    assert changed.json()["severity"] == 40 and changed.json()["rights"] == created["rights"]
    stale = api.patch(url, {"title": "Lost", "version": created["version"]}, content_type=JSON)
    assert stale.status_code == 409
    # An actual impact has happened: no likelihood.
    actual = api.patch(url, {"kind": "actual"}, content_type=JSON)
    assert actual.status_code == 422
    assert "likelihood" in _error(actual)["fields"]
    actual = api.patch(url, {"kind": "actual", "likelihood": None}, content_type=JSON)
    assert actual.status_code == 200, actual.content
    assert actual.json()["salience"] == 40 * 5


def test_impact_validation(workspace, other_workspace, api):
    base = {"title": "X", "rights": ["udhr-19"], "scale": 1, "scope": 1, "irremediability": 1}
    foreign = InitiativeFactory(workspace=other_workspace)
    for body, field in [
        ({**base, "rights": ["nope-1"]}, "rights"),
        ({**base, "scale": 6}, "scale"),
        ({**base, "initiatives": [foreign.pk]}, "initiatives"),
        ({**base, "risk_groups": ["bogus"]}, "risk_groups"),
    ]:
        response = api.post("/api/v1/impacts", body, content_type=JSON)
        assert response.status_code == 422, body
        assert field in _error(response)["fields"], response.json()
    assert not Impact.objects.exists()


def test_impact_status_moves_one_allowed_step(workspace, api):
    impact = _impact(workspace)
    url = f"/api/v1/impacts/{impact.pk}/status"
    response = api.post(url, {"status": "remediated"}, content_type=JSON)
    assert response.status_code == 422
    assert "status" in _error(response)["fields"]
    response = api.post(url, {"status": "assessed", "note": "Workshop held"}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "assessed"
    assert response.json()["status_changed_at"]


def test_impacts_list_filters_and_constant_queries(workspace, api, django_assert_max_num_queries):
    _impact(workspace, title="Bans", status="identified")
    initiative = InitiativeFactory(workspace=workspace)
    rows = api.get("/api/v1/impacts?right=udhr-19").json()["results"]
    assert [r["title"] for r in rows] == ["Bans"]
    assert "min_severity" in _error(api.get("/api/v1/impacts?min_severity=999"))["fields"]
    with django_assert_max_num_queries(15) as few:
        api.get("/api/v1/impacts")
    for _ in range(10):
        impact = _impact(workspace, initiatives=[initiative], risk_groups=["women_girls"])
        ImpactActionFactory(impact=impact)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/impacts").json()["results"]) == 11
    impact.refresh_from_db()
    assert api.post(f"/api/v1/impacts/{impact.pk}/archive").json()["archived_at"]
    assert api.post(f"/api/v1/impacts/{impact.pk}/restore").json()["archived_at"] is None


# --- actions


def test_actions_on_an_impact(workspace, other_workspace, api):
    impact = _impact(workspace)
    url = f"/api/v1/impacts/{impact.pk}/actions"
    owner = api.membership.user_id
    response = api.post(
        url,
        {"description": "Rotate moderators", "owner": owner, "due_on": "2030-01-31"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["owner"] == owner and created["is_done"] is False
    outsider = api_client(other_workspace).membership.user_id
    bad = api.post(url, {"description": "X", "owner": outsider}, content_type=JSON)
    assert bad.status_code == 422
    assert "owner" in _error(bad)["fields"]
    assert [a["id"] for a in api.get(url).json()["results"]] == [created["id"]]
    aurl = f"/api/v1/impact-actions/{created['id']}"
    done = api.patch(aurl, {"is_done": True, "version": created["version"]}, content_type=JSON)
    assert done.status_code == 200, done.content
    assert done.json()["done_at"] and done.json()["description"] == "Rotate moderators"
    stale = api.patch(
        aurl, {"description": "Lost", "version": created["version"]}, content_type=JSON
    )
    assert stale.status_code == 409
    rows = api.get("/api/v1/impact-actions?state=done").json()["results"]
    assert [r["id"] for r in rows] == [created["id"]]
    assert api.get("/api/v1/impact-actions?state=open").json()["results"] == []
    assert "state" in _error(api.get("/api/v1/impact-actions?state=bogus"))["fields"]
    assert api.post(f"{aurl}/archive").json()["archived_at"]
    assert api.post(f"{aurl}/restore").json()["archived_at"] is None
    assert ImpactAction.objects.get(pk=created["id"]).description == "Rotate moderators"


# --- catalogue, permissions, tenancy


def test_rights_catalogue_is_read_only(api):
    rows = api.get("/api/v1/rights").json()
    codes = {r["code"] for r in rows}
    assert {"udhr-19", "iccpr-17"} <= codes
    assert api.get("/api/v1/rights/udhr-19").json()["instrument"] == "udhr"
    assert api.get("/api/v1/rights/nope").status_code == 404
    guidance = api.get("/api/v1/rights/scores").json()
    assert set(guidance["scale"]) == {"1", "2", "3", "4", "5"}
    assert api.post("/api/v1/rights", {}, content_type=JSON).status_code == 405


def test_roles_without_the_action_get_403(workspace):
    initiative = InitiativeFactory(workspace=workspace)
    impact = _impact(workspace)
    action = ImpactActionFactory(impact=impact)
    plan = EngagementPlanFactory(initiative=initiative)
    client = api_client(workspace, Role.CONTRIBUTOR)
    assert client.get(f"/api/v1/impacts/{impact.pk}").status_code == 200
    impact_body = {
        "title": "X",
        "rights": ["udhr-19"],
        "scale": 1,
        "scope": 1,
        "irremediability": 1,
    }
    for method, url, body in [
        ("post", "/api/v1/initiatives", {"name": "X"}),
        ("patch", f"/api/v1/initiatives/{initiative.pk}", {"name": "Y"}),
        ("post", f"/api/v1/initiatives/{initiative.pk}/stage", {"stage": "launch"}),
        ("post", f"/api/v1/initiatives/{initiative.pk}/archive", {}),
        ("put", f"/api/v1/initiatives/{initiative.pk}/plans/launch", {}),
        ("post", f"/api/v1/engagement-plans/{plan.pk}/archive", {}),
        ("post", "/api/v1/impacts", impact_body),
        ("patch", f"/api/v1/impacts/{impact.pk}", {"title": "Y"}),
        ("post", f"/api/v1/impacts/{impact.pk}/status", {"status": "assessed"}),
        ("post", f"/api/v1/impacts/{impact.pk}/archive", {}),
        ("post", f"/api/v1/impacts/{impact.pk}/actions", {"description": "X"}),
        ("patch", f"/api/v1/impact-actions/{action.pk}", {"is_done": True}),
        ("post", f"/api/v1/impact-actions/{action.pk}/archive", {}),
    ]:
        response = getattr(client, method)(url, body, content_type=JSON)
        assert response.status_code == 403, (method, url, response.content)
        assert _error(response)["code"] == "permission_denied"
    impact.refresh_from_db()
    assert impact.status == "identified"


def test_another_workspaces_records_are_404(workspace, other_workspace, api):
    initiative = InitiativeFactory(workspace=other_workspace)
    impact = ImpactFactory(workspace=other_workspace)
    action = ImpactActionFactory(impact=impact)
    plan = EngagementPlanFactory(initiative=initiative)
    for url in [
        f"/api/v1/initiatives/{initiative.pk}",
        f"/api/v1/initiatives/{initiative.pk}/plans",
        f"/api/v1/initiatives/{initiative.pk}/stage-history",
        f"/api/v1/engagement-plans/{plan.pk}",
        f"/api/v1/impacts/{impact.pk}",
        f"/api/v1/impacts/{impact.pk}/actions",
        f"/api/v1/impact-actions/{action.pk}",
    ]:
        response = api.get(url)
        assert response.status_code == 404, url
        assert _error(response)["code"] == "not_found"
    for url in [
        f"/api/v1/initiatives/{initiative.pk}/archive",
        f"/api/v1/engagement-plans/{plan.pk}/archive",
        f"/api/v1/impacts/{impact.pk}/archive",
        f"/api/v1/impact-actions/{action.pk}/archive",
    ]:
        assert api.post(url).status_code == 404, url
    assert (
        api.post(
            f"/api/v1/impacts/{impact.pk}/status", {"status": "assessed"}, content_type=JSON
        ).status_code
        == 404
    )
    assert (
        api.put(
            f"/api/v1/initiatives/{initiative.pk}/plans/launch", {}, content_type=JSON
        ).status_code
        == 404
    )
