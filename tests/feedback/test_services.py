"""The rules of the feedback loop, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from heard.core.errors import DomainError
from heard.core.models import AuditEntry
from heard.engagements.models import AttributionRule
from heard.feedback import services
from heard.feedback.models import Decision, Input, InputConflict, Outcome, Response
from heard.portal.models import PortalAccess
from tests.factories import CommitmentFactory, ImpactFactory, TopicFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


# --- recording


def test_record_detects_language_sets_due_date_and_audits(workspace, make_engagement, record):
    engagement = make_engagement(held_days_ago=10)
    row = record(
        "Les modérateurs ne sont pas formés pour les langues locales", engagement=engagement
    )
    assert row.language == "fr"
    assert row.loop_due_on == timezone.localdate() - datetime.timedelta(
        days=10
    ) + datetime.timedelta(days=60)
    assert AuditEntry.objects.filter(object_id=str(row.pk), action="create").exists()


def test_language_can_be_overridden_and_unknown_codes_refused(record):
    assert record("The appeal process needs work", language="sw").language == "sw"
    with pytest.raises(DomainError) as error:
        record("Anything", language="xx")
    assert error.value.field == "language"
    assert Input.objects.count() == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_001])
def test_empty_or_oversized_text_refused_nothing_written(record, text):
    with pytest.raises(DomainError) as error:
        record(text)
    assert error.value.field == "text"
    assert Input.objects.count() == 0


def test_due_date_waits_for_the_engagement_to_be_held(workspace, make_engagement, record):
    from tests.feedback.conftest import hold

    engagement = make_engagement()
    row = record(engagement=engagement)
    assert row.loop_due_on is None
    hold(workspace, engagement, days_ago=0)
    row.refresh_from_db()
    assert row.loop_due_on == timezone.localdate() + datetime.timedelta(days=60)


def test_workspace_deadline_change_moves_due_dates(workspace, make_engagement, record):
    engagement = make_engagement(held_days_ago=0)
    row = record(engagement=engagement)
    workspace.loop_closure_days = 30
    workspace.save(update_fields=["loop_closure_days"])
    row.refresh_from_db()
    assert row.loop_due_on == timezone.localdate() + datetime.timedelta(days=30)


def test_anonymous_rules(workspace, make_engagement, make_person, record):
    person = make_person()
    with pytest.raises(DomainError):
        record(stakeholder=person, is_anonymous=True)
    anonymous = make_engagement(rule=AttributionRule.ANONYMOUS)
    with pytest.raises(DomainError) as error:
        record(engagement=anonymous, stakeholder=person)
    assert "anonymous" in error.value.message
    assert record(engagement=anonymous).is_anonymous is True


def test_other_workspace_links_refused(record):
    foreign = ImpactFactory(workspace=WorkspaceFactory())
    with pytest.raises(DomainError):
        record(impacts=[foreign])
    assert Input.objects.count() == 0


def test_batch_is_all_or_nothing(workspace, make_engagement):
    engagement = make_engagement()
    with pytest.raises(DomainError) as error:
        services.record_inputs(
            workspace=workspace,
            actor=None,
            pieces=[{"text": "First"}, {"text": ""}, {"text": "Third"}],
            engagement=engagement,
        )
    assert "Piece 2" in error.value.message
    assert Input.objects.count() == 0
    rows = services.record_inputs(
        workspace=workspace,
        actor=None,
        pieces=[{"text": "One"}, {"text": "Two"}],
        engagement=engagement,
    )
    assert len(rows) == 2
    assert AuditEntry.objects.filter(action="create", object_repr__in=["One", "Two"]).count() == 2


# --- decisions


@pytest.mark.parametrize(
    ("outcome", "rationale", "risk", "field"),
    [
        (Outcome.NOT_ADOPTED, "", "", "rationale"),
        (Outcome.NOT_ADOPTED, "Too costly", "", "risk_management"),
        (Outcome.DEFERRED, "", "Monitored", "rationale"),
        (Outcome.OUT_OF_SCOPE, "Not ours", "", "risk_management"),
        (Outcome.REFERRED, "For the policy team", "", "referred_to_team"),
        ("maybe", "", "", "outcome"),
    ],
)
def test_decision_rules_refuse_and_write_nothing(record, decide, outcome, rationale, risk, field):
    row = record()
    with pytest.raises(DomainError) as error:
        decide(row, outcome, rationale=rationale, risk_management=risk)
    assert error.value.field == field
    assert Decision.objects.count() == 0
    row.refresh_from_db()
    assert row.outcome == ""


def test_adopted_needs_no_rationale_and_revisions_keep_every_version(record, decide):
    row = record()
    first = decide(row, Outcome.ADOPTED)
    second = decide(
        row, Outcome.NOT_ADOPTED, rationale="Legal limits", risk_management="Monthly review"
    )
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert first.is_current is False and second.is_current is True
    row.refresh_from_db()
    assert row.outcome == Outcome.NOT_ADOPTED
    assert Decision.objects.filter(input=row).count() == 2
    with pytest.raises(DomainError):
        decide(row, Outcome.NOT_ADOPTED, rationale="Legal limits", risk_management="Monthly review")


# --- responses and loops


def test_response_closes_the_loop_and_emails_in_the_stakeholders_language(
    workspace, make_engagement, make_person, record, decide, django_capture_on_commit_callbacks
):
    engagement = make_engagement(rule=AttributionRule.ATTRIBUTED_WITH_CONSENT, held_days_ago=5)
    person = make_person(engagement=engagement)
    person.language_links.create(code="fr")
    inputs = [record(f"Input {n}", engagement=engagement, stakeholder=person) for n in range(2)]
    decide(inputs[0], Outcome.ADOPTED)
    draft = services.compose_response(
        workspace=workspace, stakeholder=person, engagement=engagement
    )
    assert len(draft.undecided) == 1
    with pytest.raises(DomainError) as error:
        services.send_response(
            workspace=workspace,
            actor=None,
            stakeholder=person,
            engagement=engagement,
            channel="email",
            body=draft.body,
        )
    assert error.value.code == "undecided"
    decide(inputs[1], Outcome.DEFERRED, rationale="Next quarter", risk_management="Tracked")
    draft = services.compose_response(
        workspace=workspace, stakeholder=person, engagement=engagement
    )
    assert draft.language == "fr"
    assert draft.subject.startswith("Ce que nous avons fait de votre contribution")
    assert "Notre décision : Reportée" in draft.body
    assert "Input 0" in draft.body and "Next quarter" in draft.body
    # The draft (shown to staff, stored with the response) holds a marker, never the link.
    assert "[portal-link]" in draft.body and "/portal/" not in draft.body
    assert not PortalAccess.objects.filter(stakeholder=person).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = services.send_response(
            workspace=workspace,
            actor=None,
            stakeholder=person,
            engagement=engagement,
            channel="email",
            subject=draft.subject,
            body=draft.body,
            language=draft.language,
        )
    assert mail.outbox[0].to == ["amina@example.org"]
    # The email carries the stakeholder's own magic link in the marker's place; the stored
    # response does not.
    assert "/portal/" in mail.outbox[0].body and "[portal-link]" not in mail.outbox[0].body
    assert "[portal-link]" in response.body and "/portal/" not in response.body
    assert set(response.inputs.all()) == set(inputs)
    for row in inputs:
        row.refresh_from_db()
        assert row.loop_closed_at == response.sent_at


def test_email_refused_without_valid_consent_nothing_written(
    workspace, make_engagement, make_person, record, decide, django_capture_on_commit_callbacks
):
    engagement = make_engagement(held_days_ago=1)
    person = make_person(engagement=engagement, consent=False)
    decide(record(engagement=engagement, stakeholder=person))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as error:
        services.send_response(
            workspace=workspace,
            actor=None,
            stakeholder=person,
            engagement=engagement,
            channel="email",
            body="Hello",
        )
    assert error.value.code == "no_consent"
    assert "consent" in error.value.message
    assert Response.objects.count() == 0 and mail.outbox == []
    # Told in a meeting instead: recorded, loop closed, nothing emailed.
    services.send_response(
        workspace=workspace,
        actor=None,
        stakeholder=person,
        engagement=engagement,
        channel="meeting",
        body="Told at the follow-up meeting.",
    )
    assert Input.objects.get().loop_closed_at is not None and mail.outbox == []


def test_withdrawn_consent_refuses_email(workspace, make_engagement, make_person, record, decide):
    from heard.stakeholders.models import Consent

    engagement = make_engagement()
    person = make_person(engagement=engagement)
    Consent.objects.filter(stakeholder=person).update(withdrawn_at=timezone.now())
    decide(record(engagement=engagement, stakeholder=person))
    with pytest.raises(DomainError) as error:
        services.send_response(
            workspace=workspace,
            actor=None,
            stakeholder=person,
            engagement=engagement,
            channel="email",
            body="Hello",
        )
    assert error.value.code == "no_consent"


def test_revised_decision_reopens_the_loop(workspace, make_engagement, make_person, record, decide):
    engagement = make_engagement(held_days_ago=1)
    person = make_person(engagement=engagement)
    row = record(engagement=engagement, stakeholder=person)
    decide(row)
    services.send_response(
        workspace=workspace,
        actor=None,
        stakeholder=person,
        engagement=engagement,
        channel="call",
        body="Told by phone.",
    )
    row.refresh_from_db()
    assert row.loop_closed_at is not None
    decide(row, Outcome.NOT_ADOPTED, rationale="Changed course", risk_management="Audit")
    row.refresh_from_db()
    assert row.loop_closed_at is None


def test_summary_closes_chatham_house_and_anonymous_loops_only_when_published(
    workspace, make_engagement, make_person, record, decide
):
    engagement = make_engagement(held_days_ago=3)  # Chatham House
    person = make_person(engagement=engagement)
    said = record(engagement=engagement, stakeholder=person)
    unnamed = record("Nobody knows who", engagement=engagement)
    undecided = record("Still open", engagement=engagement)
    decide(said)
    decide(unnamed)
    services.save_summary(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        what_we_heard="Appeals",
        what_we_did="Human review",
    )
    assert Input.objects.filter(loop_closed_at__isnull=False).count() == 0
    summary = services.save_summary(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        what_we_heard="Appeals",
        what_we_did="Human review",
        publish=True,
    )
    for row in (said, unnamed):
        row.refresh_from_db()
        assert row.loop_closed_at == summary.published_at
    undecided.refresh_from_db()
    assert undecided.loop_closed_at is None


def test_attributed_input_needs_a_personal_response(
    workspace, make_engagement, make_person, record, decide
):
    engagement = make_engagement(rule=AttributionRule.ATTRIBUTED_WITH_CONSENT, held_days_ago=3)
    row = record(engagement=engagement, stakeholder=make_person(engagement=engagement))
    decide(row)
    services.save_summary(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        what_we_heard="x",
        what_we_did="y",
        publish=True,
    )
    row.refresh_from_db()
    assert row.loop_closed_at is None


# --- conflicts and merging


def test_conflicts_link_once_in_either_order(workspace, record):
    a, b = record("More moderation"), record("Less moderation")
    conflict = services.link_conflict(
        workspace=workspace, actor=None, input=b, other=a, note="Opposite"
    )
    assert (conflict.first_id, conflict.second_id) == (a.pk, b.pk)
    with pytest.raises(DomainError):
        services.link_conflict(workspace=workspace, actor=None, input=a, other=b)
    with pytest.raises(DomainError):
        services.link_conflict(workspace=workspace, actor=None, input=a, other=a)


def test_merge_moves_decisions_links_and_conflicts_and_keeps_a_trace(workspace, record, decide):
    keep, duplicate, other = record("Keep"), record("Duplicate"), record("Other")
    topic = TopicFactory(workspace=workspace)
    duplicate.topics.add(topic)
    decide(duplicate, Outcome.DEFERRED, rationale="Later", risk_management="Watch")
    services.link_conflict(workspace=workspace, actor=None, input=duplicate, other=other)
    commitment = CommitmentFactory(workspace=workspace)
    commitment.inputs.add(duplicate)
    kept = services.merge_inputs(workspace=workspace, actor=None, keep=keep, duplicate=duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == keep.pk and duplicate.archived_at is not None
    assert Input.objects.filter(pk=duplicate.pk).exists()  # never deleted
    assert list(kept.decisions.values_list("version", "is_current")) == [(1, True)]
    assert kept.outcome == Outcome.DEFERRED
    assert list(kept.topics.all()) == [topic]
    assert list(commitment.inputs.all()) == [keep]
    assert InputConflict.objects.get().first_id == keep.pk
    with pytest.raises(DomainError):
        services.merge_inputs(workspace=workspace, actor=None, keep=keep, duplicate=duplicate)
    assert AuditEntry.objects.filter(action="merge").count() == 2


def test_merge_keeps_the_kept_inputs_current_decision(workspace, record, decide):
    keep, duplicate = record("Keep"), record("Duplicate")
    decide(keep)
    decide(duplicate, Outcome.NOT_ADOPTED, rationale="No", risk_management="Yes")
    services.merge_inputs(workspace=workspace, actor=None, keep=keep, duplicate=duplicate)
    rows = list(
        Decision.objects.filter(input=keep).order_by("version").values_list("outcome", "is_current")
    )
    assert rows == [(Outcome.ADOPTED, True), (Outcome.NOT_ADOPTED, False)]


def test_archive_and_restore(workspace, record):
    row = record()
    services.archive_input(workspace=workspace, actor=None, input=row)
    assert Input.objects.active().count() == 0
    services.restore_input(workspace=workspace, actor=None, input=row)
    assert Input.objects.active().count() == 1


# --- commitments


def test_progress_notifies_stakeholders_whose_input_led_to_it(
    workspace, make_engagement, make_person, record, decide, django_capture_on_commit_callbacks
):
    engagement = make_engagement(held_days_ago=1)
    told = make_person("Amina Yusuf", engagement=engagement)
    no_consent = make_person(
        "Kofi Mensah", engagement=engagement, consent=False, email="kofi@example.org"
    )
    via_decision = make_person("Lina Haddad", engagement=engagement, email="lina@example.org")
    a = record(engagement=engagement, stakeholder=told)
    b = record(engagement=engagement, stakeholder=no_consent)
    c = record(engagement=engagement, stakeholder=via_decision)
    anonymous = record("Anonymous", engagement=engagement, is_anonymous=True)
    decision = decide(c)
    commitment = services.create_commitment(
        workspace=workspace,
        actor=None,
        title="Human review of appeals",
        inputs=[a, b, anonymous],
        decisions=[decision],
    )
    with django_capture_on_commit_callbacks(execute=True):
        update = services.record_progress(
            workspace=workspace,
            actor=None,
            commitment=commitment,
            status="in_progress",
            progress=40,
            note="Pilot in Kenya",
        )
    assert update.notified_count == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "lina@example.org"]
    assert "Pilot in Kenya" in mail.outbox[0].body
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("in_progress", 40)
    with pytest.raises(DomainError):
        services.record_progress(
            workspace=workspace,
            actor=None,
            commitment=commitment,
            status="done",
            progress=80,
            note="Done?",
        )
