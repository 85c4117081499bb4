"""Every email to a stakeholder passes the one consent gate (heard.stakeholders.consent):
withdrawn consent stops each of them; the paths that start contact also need a valid one."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from heard.concerns.services.notify import inform_person
from heard.core.errors import DomainError
from heard.engagements.services import invitations
from heard.feedback.services import commitments as commitment_services
from heard.feedback.services import responses as response_services
from heard.portal.services import links
from heard.requests.services import complete_data_request
from heard.requests.services.information import answer_request
from heard.stakeholders.consent import contact_refusal, may_email
from tests.factories import (
    CommitmentFactory,
    ConcernEventFactory,
    ConcernFactory,
    ConsentFactory,
    DataRequestFactory,
    DecisionFactory,
    EngagementFactory,
    InformationRequestFactory,
    InputFactory,
    ParticipationFactory,
    SessionFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

HEARD = Path(__file__).resolve().parents[2] / "heard"
SENDS = re.compile(r"\b(send_mail|EmailMessage|EmailMultiAlternatives|send_mass_mail)\(")
# Files that email members of staff only (never a stakeholder), with what they send.
STAFF_ONLY = {
    "core/services.py": "workspace invitations to new members",
    "feedback/digests.py": "overdue-loop digests to members",
    "councils/reminders.py": "council rotation reminders to members",
    "insights/briefs/services/cycles.py": "planning-cycle notices to members",
    "insights/briefs/services/notify.py": "insight-request notices to members",
}
GATED = ("heard.stakeholders.consent", "heard.stakeholders import consent", "contact_problem")


def person(workspace, name: str, *, consent: str | None):
    """A stakeholder with an address; consent "valid", "withdrawn" or None (never given)."""
    who = StakeholderFactory(workspace=workspace, name=name, email=f"{name.lower()}@example.org")
    if consent:
        ConsentFactory(
            workspace=workspace,
            stakeholder=who,
            given_at=timezone.now() - datetime.timedelta(days=30),
            withdrawn_at=timezone.now() if consent == "withdrawn" else None,
        )
    return who


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


def test_every_file_that_emails_a_stakeholder_asks_the_gate():
    """A new email path fails here until it goes through heard.stakeholders.consent."""
    for path in sorted(HEARD.rglob("*.py")):
        text = path.read_text()
        relative = path.relative_to(HEARD).as_posix()
        if not SENDS.search(text) or relative in STAFF_ONLY:
            continue
        assert any(g in text for g in GATED), f"heard/{relative} emails without the consent gate"


def test_the_gate_rule(workspace):
    valid = person(workspace, "Valid", consent="valid")
    withdrawn = person(workspace, "Gone", consent="withdrawn")
    never = person(workspace, "Never", consent=None)
    assert may_email(valid) and may_email(valid, replying=True)
    assert not may_email(withdrawn) and not may_email(withdrawn, replying=True)
    assert not may_email(never) and may_email(never, replying=True)
    assert contact_refusal(None) and not may_email(StakeholderFactory(workspace=workspace))


def test_invitations_skip_withdrawn_consent(
    workspace, mailoutbox, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(workspace=workspace)
    SessionFactory(workspace=workspace, engagement=engagement)
    for who in (
        person(workspace, "Valid", consent="valid"),
        person(workspace, "Gone", consent="withdrawn"),
    ):
        ParticipationFactory(workspace=workspace, engagement=engagement, stakeholder=who)
    with django_capture_on_commit_callbacks(execute=True):
        result = invitations.send_invitations(
            workspace=workspace, actor=None, engagement=engagement
        )
    assert recipients(mailoutbox) == ["valid@example.org"]
    assert [p.stakeholder.name for p, _reason in result.skipped] == ["Gone"]


def _decided_input(workspace, who, engagement):
    item = InputFactory(workspace=workspace, stakeholder=who, engagement=engagement)
    DecisionFactory(workspace=workspace, input=item, outcome="adopted")
    item.outcome = "adopted"
    item.save()
    return item


def test_an_emailed_response_is_refused_after_withdrawal(workspace, mailoutbox):
    engagement = EngagementFactory(workspace=workspace)
    gone = person(workspace, "Gone", consent="withdrawn")
    _decided_input(workspace, gone, engagement)
    with pytest.raises(DomainError) as error:
        response_services.send_response(
            workspace=workspace,
            actor=None,
            stakeholder=gone,
            engagement=engagement,
            channel="email",
            body="We adopted it.",
        )
    assert error.value.code == "no_consent" and mailoutbox == []


def test_commitment_progress_reaches_only_those_who_consent(
    workspace, mailoutbox, django_capture_on_commit_callbacks
):
    commitment = CommitmentFactory(workspace=workspace)
    for who in (
        person(workspace, "Valid", consent="valid"),
        person(workspace, "Gone", consent="withdrawn"),
    ):
        commitment.inputs.add(InputFactory(workspace=workspace, stakeholder=who))
    with django_capture_on_commit_callbacks(execute=True):
        commitment_services.record_progress(
            workspace=workspace,
            actor=None,
            commitment=commitment,
            status="in_progress",
            progress=40,
            note="Reviewers hired.",
        )
    assert recipients(mailoutbox) == ["valid@example.org"]


def test_portal_links_are_refused_after_withdrawal(workspace, mailoutbox):
    with pytest.raises(DomainError) as error:
        links.send_link(
            workspace=workspace,
            actor=None,
            stakeholder=person(workspace, "Gone", consent="withdrawn"),
        )
    assert error.value.code == "no_consent" and mailoutbox == []


def test_request_answers_go_to_askers_but_not_after_withdrawal(
    workspace, mailoutbox, django_capture_on_commit_callbacks
):
    gone = InformationRequestFactory(
        workspace=workspace, stakeholder=person(workspace, "Gone", consent="withdrawn")
    )
    asker = InformationRequestFactory(
        workspace=workspace, stakeholder=person(workspace, "Asker", consent=None)
    )
    data = DataRequestFactory(workspace=workspace, stakeholder=gone.stakeholder)
    with django_capture_on_commit_callbacks(execute=True):
        for request in (gone, asker):
            answer_request(workspace=workspace, actor=None, request=request, answer="Here it is.")
        complete_data_request(workspace=workspace, actor=None, request=data, note="Done.")
    assert recipients(mailoutbox) == ["asker@example.org"]


def test_concern_updates_stop_after_withdrawal(
    workspace, mailoutbox, django_capture_on_commit_callbacks
):
    gone = person(workspace, "Gone", consent="withdrawn")
    concern = ConcernFactory(workspace=workspace, stakeholder=gone, channel="portal")
    event = ConcernEventFactory(workspace=workspace, concern=concern)
    with django_capture_on_commit_callbacks(execute=True):
        assert inform_person(concern, event) is False
    assert mailoutbox == []


def test_an_erased_person_gets_nothing(workspace, mailoutbox):
    from heard.privacy.services import erase_stakeholder

    who = person(workspace, "Valid", consent="valid")
    erase_stakeholder(workspace=workspace, actor=None, stakeholder=who, reason="request")
    who.refresh_from_db()
    assert not may_email(who) and not may_email(who, replying=True)


def test_session_changes_stop_after_withdrawal(
    workspace, mailoutbox, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(workspace=workspace)
    session = SessionFactory(workspace=workspace, engagement=engagement)
    who = person(workspace, "Valid", consent="valid")
    ParticipationFactory(workspace=workspace, engagement=engagement, stakeholder=who)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_invitations(workspace=workspace, actor=None, engagement=engagement)
    assert recipients(mailoutbox) == ["valid@example.org"]
    who.consents.update(withdrawn_at=timezone.now())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.send_session_change(session) == 0
    assert mailoutbox == []
