"""Events emitted by the real services, to subscribed endpoints only — and never who said what."""

from __future__ import annotations

import json

import pytest
from django.db import transaction

from heard.engagements.models import AttributionRule
from heard.feedback import services as feedback
from heard.feedback.models import Outcome
from heard.portal.services.inputs import submit_engagement_input
from heard.webhooks.models import Event, WebhookDelivery
from tests.factories import CommitmentFactory, StakeholderFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL, TEXT = "Zyxwv Unique", "zyxwv.unique@example.org", "Qwertzu appeal text 4711"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a service call, then its on-commit work (the deliveries, sent inline in tests)."""

    def call(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return call


def events():
    return [d.event for d in WebhookDelivery.objects.order_by("pk")]


def test_each_event_comes_from_the_service_where_it_happens(
    workspace, receiver, make_endpoint, make_engagement, make_person, run
):
    make_endpoint(receiver.url)
    engagement = make_engagement(held_days_ago=1, rule=AttributionRule.ATTRIBUTED_WITH_CONSENT)
    person = make_person(NAME, engagement=engagement, email=EMAIL)
    row = run(
        feedback.record_input,
        workspace=workspace,
        actor=None,
        text=TEXT,
        engagement=engagement,
        stakeholder=person,
    )
    decision = run(
        feedback.decide_input, workspace=workspace, actor=None, input=row, outcome=Outcome.ADOPTED
    )
    run(
        feedback.send_response,
        workspace=workspace,
        actor=None,
        stakeholder=person,
        engagement=engagement,
        channel="meeting",
        body=f"Dear {NAME}, we adopted it.",
    )
    revised = run(
        feedback.decide_input,
        workspace=workspace,
        actor=None,
        input=row,
        outcome=Outcome.DEFERRED,
        rationale="Next quarter",
        risk_management="Tracked",
    )
    commitment = CommitmentFactory(workspace=workspace)
    run(
        feedback.update_commitment,
        workspace=workspace,
        actor=None,
        commitment=commitment,
        title="Human review of appeals",
    )
    update = run(
        feedback.record_progress,
        workspace=workspace,
        actor=None,
        commitment=commitment,
        status="in_progress",
        progress=40,
        note=f"{NAME} was told",
    )
    assert events() == [
        "input.recorded",
        "decision.made",
        "loop.closed",
        "decision.made",
        "commitment.updated",
        "commitment.updated",
    ]
    assert len(receiver.requests) == 6
    payloads = [d.payload for d in WebhookDelivery.objects.order_by("pk")]
    assert len({p["id"] for p in payloads}) == 6  # one event id each
    recorded, decided, closed, revision, plan, progress = (p["data"] for p in payloads)
    assert recorded["input"]["kind"] == row.kind and recorded["input"]["id"] == row.pk
    assert decided["decision"] == {
        "id": decision.pk,
        "url": f"http://127.0.0.1:8000/api/v1/decisions/{decision.pk}",
        "outcome": "adopted",
        "version": 1,
        "is_revision": False,
        "decided_at": decided["decision"]["decided_at"],
    }
    assert decided["input"]["url"].endswith(f"/api/v1/inputs/{row.pk}")
    assert closed["input"]["id"] == row.pk and closed["input"]["loop_closed_at"]
    assert revision["decision"]["id"] == revised.pk and revision["decision"]["is_revision"]
    assert plan["change"] == "plan" and plan["commitment"]["id"] == commitment.pk
    assert plan["commitment"]["url"].endswith(f"/api/v1/commitments/{commitment.pk}")
    assert progress["change"] == "progress" and progress["update_id"] == update.pk
    assert progress["commitment"]["progress"] == 40
    # Never who, never what they said: not in any stored payload, nor in any request sent.
    for text in [json.dumps(p, ensure_ascii=False) for p in payloads] + [
        r["body"].decode() for r in receiver.requests
    ]:
        for secret in (NAME, "Zyxwv", EMAIL, TEXT, "Qwertzu", "Next quarter"):
            assert secret not in text
        assert "stakeholder" not in text and "organisation" not in text


def test_chatham_house_and_anonymous_inputs_carry_no_giver(
    workspace, receiver, make_endpoint, make_engagement, make_person, run
):
    make_endpoint(receiver.url)
    chatham = make_engagement("Closed roundtable", held_days_ago=1)
    anonymous = make_engagement("Survey", held_days_ago=1, rule=AttributionRule.ANONYMOUS)
    person = make_person(NAME, engagement=chatham, email=EMAIL, safety_level="high_risk")
    run(
        feedback.record_input,
        workspace=workspace,
        actor=None,
        text=TEXT,
        engagement=chatham,
        stakeholder=person,
    )
    run(feedback.record_input, workspace=workspace, actor=None, text=TEXT, engagement=anonymous)
    bodies = [r["body"].decode() for r in receiver.requests]
    assert len(bodies) == 2
    for body in bodies:
        assert NAME not in body and EMAIL not in body and TEXT not in body
        assert "stakeholder" not in body
    assert json.loads(bodies[1])["data"]["input"]["is_anonymous"] is True


def test_bulk_entry_and_portal_submissions_are_recorded_inputs(
    workspace, receiver, make_endpoint, make_engagement, make_person, run
):
    make_endpoint(receiver.url, events=[Event.INPUT_RECORDED])
    engagement = make_engagement(held_days_ago=1)
    run(
        feedback.record_inputs,
        workspace=workspace,
        actor=None,
        pieces=[{"text": "First point"}, {"text": "Second point"}],
        engagement=engagement,
    )
    person = make_person(NAME, engagement=engagement, email=EMAIL)
    row = run(
        submit_engagement_input,
        stakeholder=person,
        engagement=engagement,
        text=TEXT,
        kind="concern",
    )
    assert events() == ["input.recorded"] * 3
    portal = json.loads(receiver.last["body"])
    assert portal["data"]["input"]["id"] == row.pk
    assert portal["data"]["input"]["source"] == "portal"
    assert NAME not in receiver.last["body"].decode()


def test_only_subscribed_active_endpoints_of_the_workspace_receive(
    workspace, receiver, make_endpoint, run
):
    decisions_only, _ = make_endpoint(receiver.url, events=[Event.DECISION_MADE])
    inactive, _ = make_endpoint(receiver.url)
    inactive.is_active = False
    inactive.save()
    elsewhere = WorkspaceFactory()
    make_endpoint(receiver.url, in_workspace=elsewhere)
    row = run(feedback.record_input, workspace=workspace, actor=None, text="A point")
    assert WebhookDelivery.objects.count() == 0
    run(feedback.decide_input, workspace=workspace, actor=None, input=row, outcome="adopted")
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.endpoint == decisions_only and delivery.workspace == workspace
    assert len(receiver.requests) == 1


def test_nothing_is_sent_for_a_write_that_rolls_back(workspace, receiver, make_endpoint, run):
    make_endpoint(receiver.url)

    def failing():
        with transaction.atomic():
            feedback.record_input(workspace=workspace, actor=None, text="Rolled back")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        run(failing)
    assert WebhookDelivery.objects.count() == 0 and receiver.requests == []


def test_the_stakeholder_name_is_absent_even_when_staff_write_it_everywhere(
    workspace, receiver, make_endpoint, run
):
    """Staff may paste a name into an input or a progress note; none of it is sent."""
    make_endpoint(receiver.url)
    person = StakeholderFactory(workspace=workspace, name=NAME, email=EMAIL)
    row = run(
        feedback.record_input,
        workspace=workspace,
        actor=None,
        text=f"{NAME} ({EMAIL}) said the appeal failed",
        stakeholder=person,
    )
    run(
        feedback.decide_input,
        workspace=workspace,
        actor=None,
        input=row,
        outcome="not_adopted",
        rationale=f"{NAME} asked for too much",
        risk_management=f"{NAME} is followed up",
    )
    assert WebhookDelivery.objects.count() == 2
    for delivery in WebhookDelivery.objects.all():
        text = json.dumps(delivery.payload, ensure_ascii=False)
        assert NAME not in text and EMAIL not in text and "Zyxwv" not in text
