"""The engagements API: engagements, sessions, participations, invitations, HRDD steps."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core import mail

from heard.core.models import Role
from heard.engagements.models import Engagement, Participation, Session
from heard.engagements.services import engagements as engagement_services
from heard.engagements.services import sessions as session_services
from heard.stakeholders import services as registry
from tests.api.conftest import api_client
from tests.factories import (
    EngagementFactory,
    HrddStepFactory,
    ImpactFactory,
    ParticipationFactory,
    SessionFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"
SESSION = {"date": "2030-03-26", "start_time": "10:00", "end_time": "11:00", "time_zone": "UTC"}


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def _plan(workspace, title="Riders' roundtable", **fields) -> Engagement:
    return engagement_services.create_engagement(
        workspace=workspace, actor=None, title=title, **fields
    )


def _session(workspace, engagement, start=datetime.datetime(2030, 3, 26, 10, 0)) -> Session:
    return session_services.add_session(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="Europe/Berlin",
    )


def _person(workspace, name="Amina Njoroge", consent=False, **fields):
    fields.setdefault("country", "KE")
    person = registry.create_stakeholder(workspace=workspace, actor=None, name=name, **fields)
    if consent:
        registry.record_consent(workspace=workspace, actor=None, stakeholder=person)
    return person


# --- engagements


def test_list_filters_and_constant_queries(workspace, api, django_assert_max_num_queries):
    EngagementFactory(workspace=workspace, format="workshop")
    EngagementFactory(workspace=workspace, format="roundtable")
    rows = api.get("/api/v1/engagements?format=workshop").json()["results"]
    assert [r["format"] for r in rows] == ["workshop"]
    response = api.get("/api/v1/engagements?status=bogus")
    assert response.status_code == 422
    assert "status" in _error(response)["fields"]
    with django_assert_max_num_queries(15) as few:
        api.get("/api/v1/engagements")
    for _ in range(15):
        engagement = EngagementFactory(workspace=workspace)
        engagement.hrdd_steps.add(HrddStepFactory(workspace=workspace))
        engagement.impacts.add(ImpactFactory(workspace=workspace))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/engagements").json()["results"]) == 17


def test_create_read_update_with_version_and_archive(workspace, api):
    step = HrddStepFactory(workspace=workspace)
    impact = ImpactFactory(workspace=workspace)
    response = api.post(
        "/api/v1/engagements",
        {
            "title": "Moderators' workshop",
            "format": "workshop",
            "hrdd_steps": [step.pk],
            "impacts": [impact.pk],
            "languages": ["en", "sw"],
            "glossary": [{"term": "Classifier", "definition": "A program that sorts posts"}],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "planned"
    assert created["owner"] == api.membership.user_id  # the page's default: you lead it
    assert created["hrdd_steps"] == [step.pk] and created["impacts"] == [impact.pk]
    assert created["glossary"][0]["term"] == "Classifier"
    url = f"/api/v1/engagements/{created['id']}"
    assert api.get(url).json()["title"] == "Moderators' workshop"
    changed = api.patch(
        url, {"purpose": "Hear moderators", "version": created["version"]}, content_type=JSON
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["purpose"] == "Hear moderators"
    assert body["languages"] == ["en", "sw"] and body["impacts"] == [impact.pk]  # kept
    assert body["glossary"] == created["glossary"]
    stale = api.patch(url, {"title": "Lost", "version": created["version"]}, content_type=JSON)
    assert stale.status_code == 409
    assert _error(stale)["code"] == "conflict"
    assert Engagement.objects.get(pk=created["id"]).title == "Moderators' workshop"
    archived = api.post(f"{url}/archive").json()
    assert archived["archived_at"]
    assert api.post(f"{url}/restore").json()["archived_at"] is None


def test_invalid_input_names_the_field(workspace, other_workspace, api):
    foreign_step = HrddStepFactory(workspace=other_workspace)
    cases = [
        ({"title": ""}, "title"),
        ({"title": "X", "format": "bogus"}, "format"),
        ({"title": "X", "languages": ["xx-nope"]}, "languages"),
        ({"title": "X", "hrdd_steps": [foreign_step.pk]}, "hrdd_steps"),
        ({"title": "X", "glossary": [{"term": "Only a term", "definition": " "}]}, "glossary"),
    ]
    for payload, field in cases:
        response = api.post("/api/v1/engagements", payload, content_type=JSON)
        assert response.status_code == 422, (payload, response.content)
        assert field in _error(response)["fields"], (payload, response.json())
    assert not Engagement.objects.for_workspace(workspace).exists()


def test_status_moves_one_allowed_step(workspace, api):
    engagement = _plan(workspace)
    url = f"/api/v1/engagements/{engagement.pk}/status"
    response = api.post(url, {"status": "debriefed"}, content_type=JSON)
    assert response.status_code == 422
    assert _error(response)["code"] == "invalid_transition"
    _session(workspace, engagement, start=datetime.datetime(2020, 1, 10, 10))
    response = api.post(url, {"status": "held"}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "held"
    assert response.json()["next_statuses"] == ["debriefed"]


def test_roles_without_the_action_get_403(workspace):
    engagement = _plan(workspace)
    contributor = api_client(workspace, Role.CONTRIBUTOR)
    assert contributor.get(f"/api/v1/engagements/{engagement.pk}").status_code == 200
    for method, url, body in [
        ("post", "/api/v1/engagements", {"title": "X"}),
        ("patch", f"/api/v1/engagements/{engagement.pk}", {"title": "Y"}),
        ("post", f"/api/v1/engagements/{engagement.pk}/status", {"status": "held"}),
        ("post", f"/api/v1/engagements/{engagement.pk}/archive", {}),
        ("post", f"/api/v1/engagements/{engagement.pk}/sessions", SESSION),
        ("post", f"/api/v1/engagements/{engagement.pk}/participations", {"stakeholders": [1]}),
        ("get", f"/api/v1/engagements/{engagement.pk}/invitations", None),
        ("post", f"/api/v1/engagements/{engagement.pk}/invitations", {}),
    ]:
        call = getattr(contributor, method)
        response = call(url, body, content_type=JSON) if body is not None else call(url)
        assert response.status_code == 403, (method, url, response.content)
        assert _error(response)["code"] == "permission_denied"
    engagement.refresh_from_db()
    assert engagement.title == "Riders' roundtable"


def test_another_workspaces_records_are_404(workspace, other_workspace, api):
    engagement = EngagementFactory(workspace=other_workspace)
    session = SessionFactory(engagement=engagement)
    participation = ParticipationFactory(engagement=engagement)
    step = HrddStepFactory(workspace=other_workspace)
    for url in [
        f"/api/v1/engagements/{engagement.pk}",
        f"/api/v1/engagements/{engagement.pk}/sessions",
        f"/api/v1/engagements/{engagement.pk}/participations",
        f"/api/v1/sessions/{session.pk}",
        f"/api/v1/participations/{participation.pk}",
        f"/api/v1/hrdd-steps/{step.pk}",
    ]:
        response = api.get(url)
        assert response.status_code == 404, url
        assert _error(response)["code"] == "not_found"
    for url in [
        f"/api/v1/engagements/{engagement.pk}/archive",
        f"/api/v1/engagements/{engagement.pk}/invitations",
        f"/api/v1/sessions/{session.pk}/cancel",
        f"/api/v1/participations/{participation.pk}/archive",
    ]:
        assert api.post(url).status_code == 404, url
    assert (
        api.patch(
            f"/api/v1/participations/{participation.pk}", {"notes": "x"}, content_type=JSON
        ).status_code
        == 404
    )


# --- sessions


def test_sessions_on_their_own_clock(workspace, api):
    engagement = _plan(workspace)
    response = api.post(
        f"/api/v1/engagements/{engagement.pk}/sessions",
        {
            "label": "Americas",
            "date": "2030-03-26",
            "start_time": "09:00",
            "end_time": "10:30",
            "time_zone": "America/Los_Angeles",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["start_time"] == "09:00" and created["time_zone"] == "America/Los_Angeles"
    assert created["starts_at"].startswith("2030-03-26T16:00")
    url = f"/api/v1/sessions/{created['id']}"
    changed = api.patch(
        url, {"end_time": "11:00", "version": created["version"]}, content_type=JSON
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["start_time"] == "09:00" and changed.json()["end_time"] == "11:00"
    assert changed.json()["sequence"] == 1
    stale = api.patch(url, {"label": "Lost", "version": created["version"]}, content_type=JSON)
    assert stale.status_code == 409
    listed = api.get(f"/api/v1/engagements/{engagement.pk}/sessions").json()["results"]
    assert [s["id"] for s in listed] == [created["id"]]
    cancelled = api.post(f"{url}/cancel").json()
    assert cancelled["cancelled_at"]
    again = api.post(f"{url}/cancel")
    assert again.status_code == 422


def test_session_input_is_checked_by_the_pages_form(workspace, api):
    engagement = _plan(workspace)
    url = f"/api/v1/engagements/{engagement.pk}/sessions"
    base = {"date": "2030-03-26", "start_time": "10:00", "end_time": "09:00", "time_zone": "UTC"}
    response = api.post(url, base, content_type=JSON)
    assert response.status_code == 422
    assert "end_time" in _error(response)["fields"]
    response = api.post(
        url, {**base, "end_time": "11:00", "time_zone": "Mars/Base"}, content_type=JSON
    )
    assert response.status_code == 422
    assert "time_zone" in _error(response)["fields"]
    assert not Session.objects.filter(engagement=engagement).exists()


# --- participations and invitations


def test_invite_edit_and_remove_participants(workspace, other_workspace, api):
    engagement = _plan(workspace)
    session = _session(workspace, engagement)
    amina, bo = _person(workspace), _person(workspace, "Bo Li")
    url = f"/api/v1/engagements/{engagement.pk}/participations"
    response = api.post(
        url, {"stakeholders": [amina.pk, bo.pk], "session": session.pk}, content_type=JSON
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["added"]) == 2 and body["already"] == []
    assert {p["session"] for p in body["added"]} == {session.pk}
    again = api.post(url, {"stakeholders": [amina.pk]}, content_type=JSON).json()
    assert again["already"] == [amina.pk] and again["added"] == []
    foreign = StakeholderFactory(workspace=other_workspace)
    response = api.post(url, {"stakeholders": [foreign.pk]}, content_type=JSON)
    assert response.status_code == 422
    assert "stakeholders" in _error(response)["fields"]
    assert not Participation.objects.filter(stakeholder=foreign).exists()

    listed = api.get(url).json()["results"]
    assert {p["stakeholder"] for p in listed} == {amina.pk, bo.pk}
    row = next(p for p in listed if p["stakeholder"] == amina.pk)
    assert row["contact_problem"]  # no consent recorded
    purl = f"/api/v1/participations/{row['id']}"
    changed = api.patch(
        purl,
        {
            "representation": "legitimate_representative",
            "representation_basis": "Elected by the riders' union",
            "compensation_amount": "50.00",
            "compensation_currency": "eur",
            "version": row["version"],
        },
        content_type=JSON,
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["compensation_currency"] == "EUR"
    assert changed.json()["compensation_status"] == "offered"
    assert changed.json()["session"] == session.pk  # untouched fields stay
    stale = api.patch(purl, {"notes": "Lost", "version": row["version"]}, content_type=JSON)
    assert stale.status_code == 409
    missing_basis = api.patch(
        purl, {"representation": "credible_proxy", "representation_basis": ""}, content_type=JSON
    )
    assert missing_basis.status_code == 422
    assert "representation_basis" in _error(missing_basis)["fields"]
    removed = api.post(f"{purl}/archive").json()
    assert removed["archived_at"]
    assert {p["stakeholder"] for p in api.get(url).json()["results"]} == {bo.pk}


def test_invitations_only_reach_people_who_consented(
    workspace, api, django_capture_on_commit_callbacks
):
    engagement = _plan(workspace)
    _session(workspace, engagement)
    willing = _person(workspace, "Camille Durand", consent=True, email="camille@example.org")
    unwilling = _person(workspace, "Dara Okafor", email="dara@example.org")
    api.post(
        f"/api/v1/engagements/{engagement.pk}/participations",
        {"stakeholders": [willing.pk, unwilling.pk]},
        content_type=JSON,
    )
    url = f"/api/v1/engagements/{engagement.pk}/invitations"
    preview = api.get(url).json()
    assert [r["stakeholder"] for r in preview["sent"]] == [willing.pk]
    assert [r["stakeholder"] for r in preview["skipped"]] == [unwilling.pk]
    assert preview["skipped"][0]["reason"]
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url)
    assert response.status_code == 200, response.content
    assert [r["stakeholder"] for r in response.json()["sent"]] == [willing.pk]
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    states = dict(
        Participation.objects.filter(engagement=engagement).values_list(
            "stakeholder_id", "invitation_state"
        )
    )
    assert states == {willing.pk: "sent", unwilling.pk: "draft"}
    assert api.get(f"/api/v1/engagements/{engagement.pk}").json()["status"] == "invitations_sent"


def test_sending_without_a_session_is_refused(workspace, api):
    engagement = _plan(workspace)
    response = api.post(f"/api/v1/engagements/{engagement.pk}/invitations")
    assert response.status_code == 422


def test_high_risk_participants_are_pseudonymised(workspace):
    engagement = _plan(workspace)
    person = _person(workspace, "Zyxw Defender", safety_level="high_risk", email="z@x.example")
    ParticipationFactory(engagement=engagement, stakeholder=person, notes="Met at the safe house")
    viewer = api_client(workspace, Role.VIEWER)
    rows = viewer.get(f"/api/v1/engagements/{engagement.pk}/participations").json()["results"]
    assert rows[0]["identity_hidden"] is True
    assert rows[0]["notes"] is None
    text = json.dumps(rows)
    assert "Zyxw" not in text and "safe house" not in text
    one = viewer.get(f"/api/v1/participations/{rows[0]['id']}").json()
    assert "Zyxw" not in json.dumps(one)
    editor = api_client(workspace, Role.EDITOR)
    rows = editor.get(f"/api/v1/engagements/{engagement.pk}/participations").json()["results"]
    assert rows[0]["stakeholder_name"] == "Zyxw Defender"


def test_participant_list_query_count_is_constant(workspace, api, django_assert_max_num_queries):
    engagement = _plan(workspace)
    ParticipationFactory(engagement=engagement)
    url = f"/api/v1/engagements/{engagement.pk}/participations"
    with django_assert_max_num_queries(15) as few:
        api.get(url)
    for _ in range(15):
        ParticipationFactory(engagement=engagement)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get(url).json()["results"]) == 16


# --- HRDD steps


def test_hrdd_steps_are_listed_read_only(workspace, api):
    step = HrddStepFactory(workspace=workspace, name="Scoping")
    rows = api.get("/api/v1/hrdd-steps").json()["results"]
    assert step.pk in [r["id"] for r in rows]
    assert api.get(f"/api/v1/hrdd-steps/{step.pk}").json()["name"] == "Scoping"
    assert api.post("/api/v1/hrdd-steps", {}, content_type=JSON).status_code == 405


def test_unknown_fields_and_status_in_a_patch_are_refused(workspace, api):
    engagement = _plan(workspace)
    url = f"/api/v1/engagements/{engagement.pk}"
    response = api.patch(url, {"status": "held"}, content_type=JSON)
    assert response.status_code == 422
    assert "status" in _error(response)["fields"]
    engagement.refresh_from_db()
    assert engagement.status == "planned"
