"""The portal's concern channel: own concerns only, raise in one's name or anonymously."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from heard.concerns.models import Concern
from heard.portal.links import access_for, key_fingerprint
from heard.portal.session import FINGERPRINT_KEY, SESSION_KEY
from tests.concerns.conftest import raise_one
from tests.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def portal_client(stakeholder) -> Client:
    """A client with a portal session for `stakeholder` (as a magic link would leave it)."""
    client = Client()
    session = client.session
    session[SESSION_KEY] = stakeholder.pk
    session[FINGERPRINT_KEY] = key_fingerprint(access_for(stakeholder))
    session.save()
    return client


def test_portal_needs_a_session():
    response = Client().get(reverse("concerns_portal:list"))
    assert response.status_code == 302


def test_raise_in_own_name_and_see_it(workspace):
    person = StakeholderFactory(workspace=workspace)
    client = portal_client(person)
    response = client.post(
        reverse("concerns_portal:new"),
        {"description": "The moderation bot removed my union's posts.", "language": "es"},
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.stakeholder == person and concern.channel == "portal"
    assert concern.language == "es" and not concern.is_anonymous
    listing = client.get(reverse("concerns_portal:list")).content.decode()
    assert concern.reference_display in listing
    detail = client.get(reverse("concerns_portal:detail", args=[concern.reference]))
    assert detail.status_code == 200
    assert "Received" in detail.content.decode()


def test_anonymous_portal_concern_is_not_linked(workspace):
    person = StakeholderFactory(workspace=workspace)
    client = portal_client(person)
    response = client.post(
        reverse("concerns_portal:new"),
        {"description": "Something happened.", "language": "en", "is_anonymous": "on"},
        follow=True,
    )
    concern = Concern.objects.get()
    assert concern.stakeholder is None and concern.is_anonymous
    assert concern.reference_display in response.content.decode()  # told once, to keep


def test_another_stakeholders_concern_is_404(workspace):
    mine, theirs = StakeholderFactory(workspace=workspace), StakeholderFactory(workspace=workspace)
    their_concern = raise_one(
        workspace, channel="portal", actor="stakeholder portal", stakeholder=theirs
    )
    client = portal_client(mine)
    assert (
        client.get(reverse("concerns_portal:detail", args=[their_concern.reference])).status_code
        == 404
    )
    assert (
        their_concern.reference_display
        not in client.get(reverse("concerns_portal:list")).content.decode()
    )
    response = client.post(
        reverse("concerns_portal:detail", args=[their_concern.reference]), {"rating": "1"}
    )
    assert response.status_code == 404
    their_concern.refresh_from_db()
    assert their_concern.satisfaction_rating is None


def test_oversized_portal_input_writes_nothing(workspace):
    client = portal_client(StakeholderFactory(workspace=workspace))
    response = client.post(
        reverse("concerns_portal:new"), {"description": "x" * 10_001, "language": "en"}
    )
    assert response.status_code == 400
    assert "What happened?" in response.content.decode()
    assert not Concern.objects.exists()
