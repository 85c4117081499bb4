"""Preferences, consent and declining invitations, from the portal."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.engagements.services import invitations
from heard.engagements.services import sessions as session_services
from heard.portal.models import PortalAccess
from heard.stakeholders.models import Consent
from tests.factories import EngagementFactory, ParticipationFactory, TopicFactory

pytestmark = pytest.mark.django_db

PREFS = reverse("portal:preferences")


def test_save_language_channel_and_topics(portal_client, workspace, person):
    privacy = TopicFactory(workspace=workspace, name="Privacy")
    TopicFactory(workspace=workspace, name="Labour")
    page = portal_client.get(PREFS).content.decode()
    assert "Privacy" in page and "Labour" in page
    answer = portal_client.post(
        PREFS, {"language": "fr", "contact_channel": "messaging", "topics": [privacy.pk]}
    )
    assert answer.status_code == 302
    assert answer.cookies["django_language"].value == "fr"
    access = PortalAccess.objects.get(stakeholder=person)
    assert (access.language, access.contact_channel) == ("fr", "messaging")
    assert list(person.topics.all()) == [privacy]
    assert AuditEntry.objects.filter(actor_label__startswith="stakeholder portal").exists()


def test_bad_preference_names_the_field_and_saves_nothing(portal_client, person):
    answer = portal_client.post(PREFS, {"language": "xx", "contact_channel": "pigeon"})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "Nothing was saved" in body and "Language" in body
    assert not PortalAccess.objects.filter(stakeholder=person).exclude(language="").exists()


def test_withdrawing_consent_is_recorded(portal_client, workspace, person):
    consent_url = reverse("portal:consent")
    answer = portal_client.post(consent_url, {"purpose": "contact", "action": "withdraw"})
    assert answer.status_code == 302
    consent = Consent.objects.get(stakeholder=person, purpose="contact")
    assert consent.withdrawn_at is not None  # kept, marked withdrawn
    entry = AuditEntry.objects.filter(workspace=workspace).order_by("-sequence").first()
    assert "withdrawn" in entry.changes["consent"][1]
    assert entry.actor_label == f"stakeholder portal ({person.pseudonym})"
    assert "Amina" not in entry.actor_label
    # Giving it again adds a record through the portal.
    portal_client.post(consent_url, {"purpose": "contact", "action": "give"})
    fresh = Consent.objects.valid().get(stakeholder=person, purpose="contact")
    assert fresh.method == "portal"
    assert Consent.objects.filter(stakeholder=person).count() == 2


def test_unknown_consent_purpose_changes_nothing(portal_client, person):
    portal_client.post(reverse("portal:consent"), {"purpose": "everything", "action": "give"})
    assert Consent.objects.filter(stakeholder=person).count() == 1


def _draft_engagement(workspace, person):
    engagement = EngagementFactory(workspace=workspace, status="planned")
    start = datetime.datetime(2027, 3, 1, 10, 0)
    session_services.add_session(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        time_zone="Europe/Berlin",
    )
    ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
    return engagement


def test_declining_invitations_is_respected_when_inviting(portal_client, workspace, person):
    answer = portal_client.post(reverse("portal:invitations"), {"action": "decline"})
    assert answer.status_code == 302
    assert "asked us not to invite you" in portal_client.get(PREFS).content.decode()
    engagement = _draft_engagement(workspace, person)
    result = invitations.send_invitations(workspace=workspace, actor=None, engagement=engagement)
    assert result.sent == []
    assert [reason for _p, reason in result.skipped] == [
        "The stakeholder asked not to be invited to future engagements."
    ]
    # Saying yes again makes them invitable.
    portal_client.post(reverse("portal:invitations"), {"action": "resume"})
    result = invitations.send_invitations(workspace=workspace, actor=None, engagement=engagement)
    assert [p.stakeholder for p in result.sent] == [person]


def test_people_who_did_not_decline_are_still_invited(workspace, person):
    engagement = _draft_engagement(workspace, person)
    result = invitations.send_invitations(workspace=workspace, actor=None, engagement=engagement)
    assert [p.stakeholder for p in result.sent] == [person]
