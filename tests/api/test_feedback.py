# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""The feedback loop in the API: inputs, decisions, conflicts, merging, commitments,
responses and summaries — and who may see who said what."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.feedback.models import Commitment, Decision, Input
from tests.api.conftest import api_client
from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    InputConflictFactory,
    InputFactory,
    StakeholderFactory,
)
from tests.feedback.conftest import (  # noqa: F401 (fixtures, shared with the feedback tests)
    decide,
    make_engagement,
    make_person,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def _post(client, url, data=None):
    return client.post(url, data if data is not None else {}, content_type=JSON)


def _patch(client, url, data):
    return client.patch(url, data, content_type=JSON)


# --- inputs: list, read, record, change


def test_list_inputs_with_the_pages_filters(workspace, api):
    InputFactory(workspace=workspace, kind="question")
    InputFactory(workspace=workspace, kind="concern")
    rows = api.get("/api/v1/inputs?kind=question").json()["results"]
    assert [r["kind"] for r in rows] == ["question"]
    response = api.get("/api/v1/inputs?kind=bogus")
    assert response.status_code == 422
    assert "kind" in _error(response)["fields"]
    assert api.get("/api/v1/inputs?outcome=none").json()["results"]


def test_list_inputs_query_count_does_not_grow(
    workspace, api, make_engagement, make_person, django_assert_max_num_queries
):
    engagement = make_engagement()

    def add(n):
        for _ in range(n):
            person = make_person(name="P", email="", consent=False)
            InputFactory(workspace=workspace, engagement=engagement, stakeholder=person)

    add(3)
    with django_assert_max_num_queries(20) as few:
        assert len(api.get("/api/v1/inputs").json()["results"]) == 3
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/inputs").json()["results"]) == 18


def test_read_an_input_and_another_workspaces_is_404(workspace, other_workspace, api):
    row = InputFactory(workspace=workspace)
    body = api.get(f"/api/v1/inputs/{row.pk}").json()
    assert body["text"] == row.text and body["current_decision"] is None
    foreign = InputFactory(workspace=other_workspace)
    for response in (
        api.get(f"/api/v1/inputs/{foreign.pk}"),
        _patch(api, f"/api/v1/inputs/{foreign.pk}", {"text": "x"}),
        _post(api, f"/api/v1/inputs/{foreign.pk}/decide", {"outcome": "adopted"}),
        _post(api, f"/api/v1/inputs/{foreign.pk}/archive"),
        api.get(f"/api/v1/inputs/{foreign.pk}/decisions"),
    ):
        assert response.status_code == 404
        assert _error(response)["code"] == "not_found"


def test_record_an_input(workspace, make_engagement, make_person):
    engagement = make_engagement(rule=AttributionRule.ATTRIBUTED_WITH_CONSENT)
    person = make_person(engagement=engagement)
    contributor = api_client(workspace, Role.CONTRIBUTOR)
    response = _post(
        contributor,
        "/api/v1/inputs",
        {
            "text": "Appeals take too long.",
            "kind": "recommendation",
            "engagement": engagement.pk,
            "stakeholder": person.pk,
            "language": "en",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stakeholder"] == person.pk and body["source_visible"] is True
    assert body["engagement"] == engagement.pk and body["kind"] == "recommendation"
    assert Input.objects.get(pk=body["id"]).recorded_by == contributor.membership.user


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x", "kind": "bogus"}, "kind"),
        ({"text": "x", "source": "fax"}, "source"),
        ({"text": "x", "language": "zz"}, "language"),
    ],
)
def test_recording_a_bad_input_names_the_field(api, payload, field):
    response = _post(api, "/api/v1/inputs", payload)
    assert response.status_code == 422
    assert field in _error(response)["fields"]
    assert not Input.objects.exists()


def test_ids_of_another_workspace_are_refused(workspace, other_workspace, api):
    foreign_person = StakeholderFactory(workspace=other_workspace)
    foreign_engagement = EngagementFactory(workspace=other_workspace)
    for field, value in (("stakeholder", foreign_person.pk), ("engagement", foreign_engagement.pk)):
        response = _post(api, "/api/v1/inputs", {"text": "x", field: value})
        assert response.status_code == 422
        assert field in _error(response)["fields"]
    assert not Input.objects.exists()


def test_anonymous_engagements_name_nobody(workspace, api, make_engagement, make_person):
    engagement = make_engagement(rule=AttributionRule.ANONYMOUS)
    person = make_person(engagement=engagement)
    response = _post(
        api, "/api/v1/inputs", {"text": "x", "engagement": engagement.pk, "stakeholder": person.pk}
    )
    assert response.status_code == 422
    assert "stakeholder" in _error(response)["fields"]
    response = _post(api, "/api/v1/inputs", {"text": "x", "engagement": engagement.pk})
    assert response.status_code == 201
    assert response.json()["is_anonymous"] is True


def test_change_an_input_with_its_version(workspace, api):
    row = InputFactory(workspace=workspace, kind="question", language="en")
    url = f"/api/v1/inputs/{row.pk}"
    version = api.get(url).json()["version"]
    changed = _patch(api, url, {"text": "Edited text.", "version": version})
    assert changed.status_code == 200, changed.content
    assert changed.json()["text"] == "Edited text."
    assert changed.json()["kind"] == "question"  # untouched fields stay
    stale = _patch(api, url, {"text": "Lost write", "version": version})
    assert stale.status_code == 409
    assert _error(stale)["code"] == "conflict"
    assert Input.objects.get(pk=row.pk).text == "Edited text."


def test_roles_that_may_not_change_inputs_get_403(workspace):
    row = InputFactory(workspace=workspace)
    contributor = api_client(workspace, Role.CONTRIBUTOR)
    for response in (
        _patch(contributor, f"/api/v1/inputs/{row.pk}", {"text": "x"}),
        _post(contributor, f"/api/v1/inputs/{row.pk}/decide", {"outcome": "adopted"}),
        _post(contributor, f"/api/v1/inputs/{row.pk}/archive"),
        _post(contributor, f"/api/v1/inputs/{row.pk}/merge", {"keep": row.pk}),
    ):
        assert response.status_code == 403
        assert _error(response)["code"] == "permission_denied"
    viewer = api_client(workspace, Role.VIEWER)
    assert _post(viewer, "/api/v1/inputs", {"text": "x"}).status_code == 403
    assert Input.objects.get(pk=row.pk).archived_at is None


def test_archive_and_restore_an_input(workspace, api):
    row = InputFactory(workspace=workspace)
    assert _post(api, f"/api/v1/inputs/{row.pk}/archive").json()["archived_at"]
    assert api.get("/api/v1/inputs").json()["results"] == []
    assert api.get("/api/v1/inputs?show=archived").json()["results"][0]["id"] == row.pk
    assert _post(api, f"/api/v1/inputs/{row.pk}/restore").json()["archived_at"] is None


# --- who said what


def _chatham_input(workspace, make_engagement, make_person, rule=AttributionRule.CHATHAM_HOUSE):
    engagement = make_engagement(rule=rule)
    person = make_person("Qwerty Speaker", engagement=engagement)
    return InputFactory(
        workspace=workspace,
        engagement=engagement,
        stakeholder=person,
        organisation=person.organisation,
    ), person


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_chatham_house_inputs_hide_their_source_outside_the_core_team(
    workspace, make_engagement, make_person, role
):
    row, person = _chatham_input(workspace, make_engagement, make_person)
    client = api_client(workspace, role)
    body = client.get(f"/api/v1/inputs/{row.pk}").json()
    assert body["source_visible"] is False
    assert body["stakeholder"] is None and body["organisation"] is None
    assert body["recorded_by"] is None
    assert body["source_label"] == "Not attributed (Chatham House rule)"
    listed = client.get("/api/v1/inputs").json()
    assert listed["results"][0]["stakeholder"] is None
    for payload in (body, listed):
        assert "Qwerty" not in json.dumps(payload)
    # Filtering by the stakeholder cannot reveal what the page hides.
    assert client.get(f"/api/v1/inputs?stakeholder={person.pk}").json()["results"] == []


@pytest.mark.parametrize("role", [Role.OWNER, Role.EDITOR, Role.AUDITOR])
def test_the_core_team_sees_who_gave_a_chatham_house_input(
    workspace, make_engagement, make_person, role
):
    row, person = _chatham_input(workspace, make_engagement, make_person)
    client = api_client(workspace, role)
    body = client.get(f"/api/v1/inputs/{row.pk}").json()
    assert body["source_visible"] is True and body["stakeholder"] == person.pk
    assert body["source_label"].startswith("Qwerty Speaker")
    rows = client.get(f"/api/v1/inputs?stakeholder={person.pk}").json()["results"]
    assert [r["id"] for r in rows] == [row.pk]


def test_a_chatham_house_input_recorded_by_a_contributor_stays_hidden_from_them(
    workspace, make_engagement, make_person
):
    engagement = make_engagement()
    person = make_person("Qwerty Speaker", engagement=engagement)
    contributor = api_client(workspace, Role.CONTRIBUTOR)
    response = _post(
        contributor,
        "/api/v1/inputs",
        {"text": "Said in the room.", "engagement": engagement.pk, "stakeholder": person.pk},
    )
    assert response.status_code == 201, response.content
    assert response.json()["stakeholder"] is None
    assert "Qwerty" not in response.content.decode()
    assert Input.objects.get(pk=response.json()["id"]).stakeholder == person


def test_anonymous_inputs_name_nobody_even_to_owners(workspace, api, make_engagement):
    engagement = make_engagement(rule=AttributionRule.ANONYMOUS)
    row = InputFactory(workspace=workspace, engagement=engagement, is_anonymous=True)
    body = api.get(f"/api/v1/inputs/{row.pk}").json()
    assert body["source_visible"] is False and body["source_label"] == "Anonymous"


def test_attributed_inputs_pseudonymise_high_risk_people(workspace, make_engagement, make_person):
    engagement = make_engagement(rule=AttributionRule.ATTRIBUTED_WITH_CONSENT)
    person = make_person("Zyxw Defender", engagement=engagement, safety_level="high_risk")
    row = InputFactory(workspace=workspace, engagement=engagement, stakeholder=person)
    viewer = api_client(workspace, Role.VIEWER)
    body = viewer.get(f"/api/v1/inputs/{row.pk}").json()
    assert body["source_visible"] is True and body["stakeholder"] == person.pk
    assert "Zyxw" not in json.dumps(body)
    assert body["source_label"] == person.pseudonym_label


# --- decisions


def test_decide_revise_and_read_the_history(workspace, api):
    row = InputFactory(workspace=workspace)
    url = f"/api/v1/inputs/{row.pk}"
    first = _post(api, f"{url}/decide", {"outcome": "adopted"})
    assert first.status_code == 201, first.content
    assert first.json()["version"] == 1 and first.json()["is_current"]
    second = _post(
        api,
        f"{url}/decide",
        {"outcome": "not_adopted", "rationale": "Too costly.", "risk_management": "Monitored."},
    )
    assert second.status_code == 201, second.content
    assert second.json()["version"] == 2
    history = api.get(f"{url}/decisions").json()
    assert [(d["version"], d["is_current"]) for d in history] == [(2, True), (1, False)]
    assert api.get(url).json()["current_decision"]["outcome"] == "not_adopted"
    assert api.get(url).json()["outcome"] == "not_adopted"
    decision = api.get(f"/api/v1/decisions/{first.json()['id']}").json()
    assert decision["outcome"] == "adopted" and decision["is_current"] is False
    assert Decision.objects.filter(input=row).count() == 2


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"outcome": "not_adopted"}, {"rationale", "risk_management"}),
        ({"outcome": "referred", "rationale": "Legal owns it."}, {"referred_to_team"}),
        ({"outcome": "bogus"}, {"outcome"}),
    ],
)
def test_a_decision_needs_its_reasons(workspace, api, payload, fields):
    row = InputFactory(workspace=workspace)
    response = _post(api, f"/api/v1/inputs/{row.pk}/decide", payload)
    assert response.status_code == 422
    assert set(_error(response)["fields"]) >= fields
    assert not Decision.objects.exists()


def test_the_same_decision_twice_is_refused(workspace, api):
    row = InputFactory(workspace=workspace)
    assert _post(api, f"/api/v1/inputs/{row.pk}/decide", {"outcome": "adopted"}).status_code == 201
    again = _post(api, f"/api/v1/inputs/{row.pk}/decide", {"outcome": "adopted"})
    assert again.status_code == 422
    assert Decision.objects.filter(input=row).count() == 1


def test_a_decision_of_another_workspace_is_404(other_workspace, api):
    foreign = Decision.objects.create(
        workspace=other_workspace, input=InputFactory(workspace=other_workspace), outcome="adopted"
    )
    assert api.get(f"/api/v1/decisions/{foreign.pk}").status_code == 404


# --- conflicts and duplicates


def test_link_list_and_remove_conflicts(workspace, other_workspace, api):
    a, b = InputFactory(workspace=workspace), InputFactory(workspace=workspace)
    response = _post(api, f"/api/v1/inputs/{a.pk}/conflicts", {"other": b.pk, "note": "Opposite."})
    assert response.status_code == 201, response.content
    conflict = response.json()
    assert conflict["input"] == b.pk
    assert [c["input"] for c in api.get(f"/api/v1/inputs/{b.pk}/conflicts").json()] == [a.pk]
    assert api.get(f"/api/v1/inputs/{a.pk}").json()["conflicts"][0]["id"] == conflict["id"]
    twice = _post(api, f"/api/v1/inputs/{b.pk}/conflicts", {"other": a.pk})
    assert twice.status_code == 422 and "other" in _error(twice)["fields"]
    itself = _post(api, f"/api/v1/inputs/{a.pk}/conflicts", {"other": a.pk})
    assert itself.status_code == 422
    foreign = InputFactory(workspace=other_workspace)
    response = _post(api, f"/api/v1/inputs/{a.pk}/conflicts", {"other": foreign.pk})
    assert response.status_code == 422 and "other" in _error(response)["fields"]
    assert api.delete(f"/api/v1/inputs/conflicts/{conflict['id']}").status_code == 204
    assert api.get(f"/api/v1/inputs/{a.pk}/conflicts").json() == []
    foreign_link = InputConflictFactory(workspace=other_workspace)
    assert api.delete(f"/api/v1/inputs/conflicts/{foreign_link.pk}").status_code == 404


def test_merge_a_duplicate(workspace, other_workspace, api):
    keep, duplicate = InputFactory(workspace=workspace), InputFactory(workspace=workspace)
    _post(api, f"/api/v1/inputs/{duplicate.pk}/decide", {"outcome": "adopted"})
    response = _post(api, f"/api/v1/inputs/{duplicate.pk}/merge", {"keep": keep.pk})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == keep.pk and body["merged_from"] == [duplicate.pk]
    assert body["current_decision"]["outcome"] == "adopted"
    assert api.get(f"/api/v1/inputs/{duplicate.pk}").json()["merged_into"] == keep.pk
    again = _post(api, f"/api/v1/inputs/{duplicate.pk}/merge", {"keep": keep.pk})
    assert again.status_code == 422
    foreign = InputFactory(workspace=other_workspace)
    other = InputFactory(workspace=workspace)
    response = _post(api, f"/api/v1/inputs/{other.pk}/merge", {"keep": foreign.pk})
    assert response.status_code == 422 and "keep" in _error(response)["fields"]
    assert Input.objects.get(pk=other.pk).merged_into is None


# --- commitments


def test_commitments_crud_with_progress(workspace, other_workspace, api, make_person):
    row = InputFactory(workspace=workspace)
    _post(api, f"/api/v1/inputs/{row.pk}/decide", {"outcome": "adopted"})
    response = _post(
        api,
        "/api/v1/commitments",
        {"title": "Human review of appeals", "inputs": [row.pk], "due_on": "2027-01-31"},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["inputs"] == [row.pk] and len(created["decisions"]) == 1
    url = f"/api/v1/commitments/{created['id']}"
    changed = _patch(api, url, {"description": "By Q1.", "version": created["version"]})
    assert changed.status_code == 200, changed.content
    assert changed.json()["inputs"] == [row.pk]  # untouched fields stay
    stale = _patch(api, url, {"title": "Lost", "version": created["version"]})
    assert stale.status_code == 409
    progress = _post(
        api, f"{url}/progress", {"status": "in_progress", "progress": 40, "note": "Hired."}
    )
    assert progress.status_code == 201, progress.content
    body = api.get(url).json()
    assert body["progress"] == 40 and [u["note"] for u in body["updates"]] == ["Hired."]
    bad = _post(api, f"{url}/progress", {"status": "done", "progress": 50, "note": "x"})
    assert bad.status_code == 422 and "progress" in _error(bad)["fields"]
    no_note = _post(api, f"{url}/progress", {"status": "done", "progress": 100, "note": ""})
    assert no_note.status_code == 422 and "note" in _error(no_note)["fields"]
    assert _post(api, f"{url}/archive").json()["archived_at"]
    assert api.get("/api/v1/commitments").json()["results"] == []
    assert _post(api, f"{url}/restore").json()["archived_at"] is None
    foreign = InputFactory(workspace=other_workspace)
    response = _post(api, "/api/v1/commitments", {"title": "X", "inputs": [foreign.pk]})
    assert response.status_code == 422 and "inputs" in _error(response)["fields"]
    assert Commitment.objects.count() == 1


def test_commitment_list_filters_permissions_and_tenancy(
    workspace, other_workspace, api, django_assert_max_num_queries
):
    CommitmentFactory(workspace=workspace, status="done", progress=100)
    CommitmentFactory(workspace=workspace)
    rows = api.get("/api/v1/commitments?status=done").json()["results"]
    assert [r["status"] for r in rows] == ["done"]
    assert api.get("/api/v1/commitments?status=bogus").status_code == 422
    with django_assert_max_num_queries(20) as few:
        api.get("/api/v1/commitments")
    for _ in range(10):
        CommitmentFactory(workspace=workspace).inputs.add(InputFactory(workspace=workspace))
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get("/api/v1/commitments")
    contributor = api_client(workspace, Role.CONTRIBUTOR)
    response = _post(contributor, "/api/v1/commitments", {"title": "X"})
    assert response.status_code == 403
    foreign = CommitmentFactory(workspace=other_workspace)
    assert api.get(f"/api/v1/commitments/{foreign.pk}").status_code == 404
    assert _post(api, f"/api/v1/commitments/{foreign.pk}/archive").status_code == 404


# --- responses and summaries


def test_respond_by_call_closes_the_loop(workspace, api, make_engagement, make_person, decide):
    engagement = make_engagement(rule=AttributionRule.ATTRIBUTED_WITH_CONSENT, held_days_ago=3)
    person = make_person(engagement=engagement)
    row = InputFactory(workspace=workspace, engagement=engagement, stakeholder=person)
    base = f"/api/v1/responses/engagements/{engagement.pk}"
    draft = api.get(f"{base}/to/{person.pk}").json()
    assert draft["undecided"] == [row.pk]
    early = _post(api, f"{base}/to/{person.pk}", {"channel": "call", "body": draft["body"]})
    assert early.status_code == 422
    decide(row)
    draft = api.get(f"{base}/to/{person.pk}").json()
    assert draft["undecided"] == [] and draft["inputs"] == [row.pk]
    response = _post(api, f"{base}/to/{person.pk}", {"channel": "call", "body": draft["body"]})
    assert response.status_code == 201, response.content
    assert response.json()["inputs"] == [row.pk]
    assert Input.objects.get(pk=row.pk).loop_closed_at is not None
    loops = api.get(base).json()
    assert loops["counts"]["closed"] == 1
    assert loops["respondents"][0]["stakeholder"] == person.pk
    assert api.get(f"/api/v1/responses/{response.json()['id']}").status_code == 200
    viewer = api_client(workspace, Role.VIEWER)
    assert viewer.get(f"/api/v1/responses/{response.json()['id']}").status_code == 403
    assert viewer.get(base).status_code == 403


def test_email_response_needs_consent_and_carries_the_portal_link(
    workspace, api, make_engagement, make_person, decide, django_capture_on_commit_callbacks
):
    engagement = make_engagement(rule=AttributionRule.ATTRIBUTED_WITH_CONSENT)
    refuses = make_person("No Consent", engagement=engagement, consent=False, email="n@x.org")
    row = InputFactory(workspace=workspace, engagement=engagement, stakeholder=refuses)
    decide(row)
    base = f"/api/v1/responses/engagements/{engagement.pk}"
    response = _post(api, f"{base}/to/{refuses.pk}", {"channel": "email", "body": "Hi"})
    assert response.status_code == 422 and "channel" in _error(response)["fields"]
    consents = make_person("With Consent", engagement=engagement, email="c@x.org")
    decide(InputFactory(workspace=workspace, engagement=engagement, stakeholder=consents))
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            api, f"{base}/to/{consents.pk}", {"channel": "email", "body": "See [portal-link]"}
        )
    assert response.status_code == 201, response.content
    assert "[portal-link]" in response.json()["body"]  # the link itself is never stored
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["c@x.org"]
    assert "[portal-link]" not in mail.outbox[0].body


def test_publishing_the_summary_closes_chatham_house_loops(
    workspace, api, make_engagement, make_person, decide
):
    engagement = make_engagement(held_days_ago=2)
    person = make_person(engagement=engagement)
    row = InputFactory(workspace=workspace, engagement=engagement, stakeholder=person)
    decide(row)
    url = f"/api/v1/responses/engagements/{engagement.pk}/summary"
    proposal = api.get(url).json()
    assert proposal["is_draft"] is True and row.text in proposal["what_we_heard"]
    draft = _post(api, url, {"what_we_heard": "A", "what_we_did": "B"})
    assert draft.status_code == 200 and draft.json()["published_at"] is None
    assert Input.objects.get(pk=row.pk).loop_closed_at is None
    published = _post(api, url, {"what_we_heard": "A", "what_we_did": "B", "publish": True})
    assert published.json()["published_at"]
    assert Input.objects.get(pk=row.pk).loop_closed_at is not None
    stale = _post(api, url, {"what_we_heard": "C", "what_we_did": "D", "version": "new"})
    assert stale.status_code == 409 and _error(stale)["code"] == "conflict"
    current = published.json()["version"]
    fresh = _post(api, url, {"what_we_heard": "C", "what_we_did": "D", "version": current})
    assert fresh.status_code == 200 and fresh.json()["what_we_heard"] == "C"
    missing = _post(api, url, {"what_we_heard": "", "what_we_did": "B"})
    assert missing.status_code == 422 and "what_we_heard" in _error(missing)["fields"]
    contributor = api_client(workspace, Role.CONTRIBUTOR)
    assert _post(contributor, url, {"what_we_heard": "A", "what_we_did": "B"}).status_code == 403


def test_responses_of_another_workspace_are_404(other_workspace, api):
    engagement = EngagementFactory(workspace=other_workspace)
    person = StakeholderFactory(workspace=other_workspace)
    base = f"/api/v1/responses/engagements/{engagement.pk}"
    assert api.get(base).status_code == 404
    assert api.get(f"{base}/summary").status_code == 404
    assert api.get(f"{base}/to/{person.pk}").status_code == 404
