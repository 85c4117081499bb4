"""Invitation emails: the stakeholder's language, an .ics attachment, consent respected,
updates and cancellations reach invitees."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from heard.core.errors import DomainError
from heard.engagements.models import Engagement, Participation
from heard.engagements.services import invitations
from heard.engagements.services import participation as participation_services
from heard.engagements.services import sessions as session_services
from heard.stakeholders import services as registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(workspace, make_engagement, add_session):
    engagement = make_engagement(
        title="Riders' roundtable",
        purpose="Hear riders on the new pay algorithm",
        cannot_share="The model's weights: trade secret",
        glossary=[{"term": "Algorithm", "definition": "A set of rules a computer follows"}],
    )
    add_session(engagement, start=datetime.datetime(2026, 3, 10, 10), label="Europe")
    add_session(
        engagement,
        start=datetime.datetime(2026, 3, 10, 9),
        time_zone="America/Los_Angeles",
        label="Americas",
    )
    return engagement


def invite(workspace, engagement, *people):
    return participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=people
    ).added


def ics_of(message) -> Calendar:
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_invitation_in_the_stakeholders_language_with_the_sessions_attached(
    workspace, user, planned, make_person, django_capture_on_commit_callbacks
):
    french = make_person(
        "Camille Durand",
        consent=True,
        email="camille@example.org",
        languages=["fr"],
        time_zone="Africa/Dakar",
    )
    english = make_person("Sam Lee", consent=True, email="sam@example.org", languages=["sw"])
    invite(workspace, planned, french, english)
    with django_capture_on_commit_callbacks(execute=True):
        result = invitations.send_invitations(workspace=workspace, actor=user, engagement=planned)
    assert len(result.sent) == 2 and not result.skipped
    by_to = {m.to[0]: m for m in mail.outbox}
    fr = by_to["camille@example.org"]
    assert fr.extra_headers["Content-Language"] == "fr"
    assert fr.subject.startswith("Invitation")  # falls back to msgid until translated
    assert "The model's weights: trade secret" in fr.body
    assert "Algorithm: A set of rules a computer follows" in fr.body
    assert "Africa/Dakar" in fr.body  # the invitee's own clock is shown
    assert fr.alternatives and fr.alternatives[0][1] == "text/html"
    calendar = ics_of(fr)
    assert calendar["METHOD"] == "REQUEST"
    assert len(calendar.walk("VEVENT")) == 2
    assert {z["TZID"] for z in calendar.walk("VTIMEZONE")} == {
        "Europe/Berlin",
        "America/Los_Angeles",
    }
    # Swahili has no translation in Heard: the workspace language (English) is used.
    assert by_to["sam@example.org"].extra_headers["Content-Language"] == "en"
    states = set(Participation.objects.values_list("invitation_state", flat=True))
    assert states == {"sent"}
    planned.refresh_from_db()
    assert planned.status == "invitations_sent" and planned.invitations_sent_at


def test_the_email_is_rendered_in_the_invitees_language(
    workspace, planned, make_person, django_capture_on_commit_callbacks
):
    """Rendered under translation.override: Django's own French formats prove it (month
    names), and Heard's strings follow as soon as a French catalogue carries them."""
    spanish = make_person(consent=True, email="es@example.org", languages=["es"])
    french = make_person("Camille", consent=True, email="fr@example.org", languages=["fr"])
    invite(workspace, planned, spanish, french)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_invitations(workspace=workspace, actor=None, engagement=planned)
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "mars 2026" in by_to["fr@example.org"].body
    assert "marzo de 2026" in by_to["es@example.org"].body
    assert set(Participation.objects.values_list("invitation_language", flat=True)) == {"es", "fr"}


def test_people_without_valid_contact_consent_are_not_emailed_and_we_say_why(
    workspace, planned, make_person, django_capture_on_commit_callbacks
):
    ok = make_person("OK", consent=True, email="ok@example.org")
    none = make_person("No consent", email="none@example.org")
    withdrawn = make_person("Withdrew", consent=True, email="w@example.org")
    registry.withdraw_consent(workspace=workspace, actor=None, consent=withdrawn.consents.get())
    no_email = make_person("No email", consent=True)
    invite(workspace, planned, ok, none, withdrawn, no_email)
    preview = invitations.invitation_preview(planned)
    reasons = {p.stakeholder.name: reason for p, reason in preview.skipped}
    assert set(reasons) == {"No consent", "Withdrew", "No email"}
    assert "withdrawn" in reasons["Withdrew"]
    assert "No valid consent" in reasons["No consent"]
    assert "email" in reasons["No email"]
    with django_capture_on_commit_callbacks(execute=True):
        result = invitations.send_invitations(workspace=workspace, actor=None, engagement=planned)
    assert [m.to for m in mail.outbox] == [["ok@example.org"]]
    assert len(result.skipped) == 3
    drafts = Participation.objects.filter(invitation_state="draft")
    assert set(drafts.values_list("stakeholder__name", flat=True)) == set(reasons)


def test_invitations_need_a_session(workspace, make_engagement, make_person):
    engagement = make_engagement()
    invite(workspace, engagement, make_person(consent=True, email="a@example.org"))
    with pytest.raises(DomainError, match="session"):
        invitations.send_invitations(workspace=workspace, actor=None, engagement=engagement)
    assert Engagement.objects.get().status == "planned"
    assert not mail.outbox


def test_changed_and_cancelled_sessions_reach_invitees(
    workspace, planned, make_person, django_capture_on_commit_callbacks
):
    europe, americas = planned.sessions.order_by("starts_at")
    person = make_person(consent=True, email="a@example.org")
    (participation,) = invite(workspace, planned, person)
    participation_services.update_participation(
        workspace=workspace, actor=None, participation=participation, session=europe
    )
    other = make_person("Other", consent=True, email="b@example.org")
    invite(workspace, planned, other)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_invitations(workspace=workspace, actor=None, engagement=planned)
    first = {m.to[0]: ics_of(m) for m in mail.outbox}
    assert len(first["a@example.org"].walk("VEVENT")) == 1  # only the session they attend
    assert len(first["b@example.org"].walk("VEVENT")) == 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_services.update_session(
            workspace=workspace,
            actor=None,
            session=americas,
            starts_at=datetime.datetime(2026, 3, 10, 10),
            ends_at=datetime.datetime(2026, 3, 10, 12),
        )
    assert [m.to for m in mail.outbox] == [["b@example.org"]]  # a attends Europe only
    (event,) = ics_of(mail.outbox[0]).walk("VEVENT")
    assert event["SEQUENCE"] == 1
    assert mail.outbox[0].subject.startswith("Updated")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_services.cancel_session(workspace=workspace, actor=None, session=europe)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    calendar = ics_of(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["SEQUENCE"] == 1


def test_no_email_is_sent_if_the_transaction_fails(workspace, planned, make_person):
    invite(workspace, planned, make_person(consent=True, email="a@example.org"))
    # Without on-commit execution (the test transaction never commits) nothing is sent.
    invitations.send_invitations(workspace=workspace, actor=None, engagement=planned)
    assert not mail.outbox


def test_replies_go_to_the_engagement_lead(
    workspace, user, make_engagement, add_session, make_person, django_capture_on_commit_callbacks
):
    from heard.core.models import Membership

    Membership.objects.create(workspace=workspace, user=user, role="editor")
    engagement = make_engagement(owner=user)
    add_session(engagement)
    invite(workspace, engagement, make_person(consent=True, email="a@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_invitations(workspace=workspace, actor=user, engagement=engagement)
    (message,) = mail.outbox
    assert message.reply_to == [user.email]
