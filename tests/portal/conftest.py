"""Portal test helpers: a stakeholder with an engagement, inputs, a decision, a response and
a commitment, all recorded through the services; and a client signed in by magic link."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from heard.engagements.models import AttributionRule
from heard.feedback import services as feedback
from heard.portal.links import access_for, create_token
from heard.stakeholders import services as registry
from tests.factories import (
    ConsentFactory,
    EngagementFactory,
    ParticipationFactory,
    PolicyFactory,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_stakeholder(workspace):
    """A stakeholder created through the registry service (so the email lookup hash is set),
    consenting to contact."""

    def make(name="Amina Yusuf", email="amina@example.org", *, ws=None, consent=True, **fields):
        ws = ws or workspace
        person = registry.create_stakeholder(
            workspace=ws, actor=None, name=name, email=email, **fields
        )
        if consent:
            ConsentFactory(stakeholder=person, workspace=ws, purpose="contact")
        return person

    return make


@pytest.fixture
def person(make_stakeholder):
    return make_stakeholder()


@pytest.fixture
def held_engagement(workspace, person):
    """A held Chatham House roundtable the person took part in."""
    engagement = EngagementFactory(
        workspace=workspace,
        title="Appeals roundtable",
        status="held",
        held_at=timezone.now(),
        starts_on=timezone.localdate(),
        attribution_rule=AttributionRule.CHATHAM_HOUSE,
    )
    ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
    return engagement


@pytest.fixture
def decided_input(workspace, person, held_engagement):
    """The person's input, not adopted with a rationale, a response and a commitment."""
    row = feedback.record_input(
        workspace=workspace,
        actor=None,
        text="Appeals need a human reviewer within 48 hours.",
        engagement=held_engagement,
        stakeholder=person,
        language="en",
    )
    decision = feedback.decide_input(
        workspace=workspace,
        actor=None,
        input=row,
        outcome="partly_adopted",
        rationale="Human review is added for account suspensions first.",
        risk_management="Automated appeals are audited monthly.",
    )
    commitment = feedback.create_commitment(
        workspace=workspace,
        actor=None,
        title="Human review of suspension appeals",
        progress=40,
        status="in_progress",
        inputs=[row],
    )
    feedback.send_response(
        workspace=workspace,
        actor=None,
        stakeholder=person,
        engagement=held_engagement,
        channel="meeting",
        body="We told you in the follow-up call what we changed.",
    )
    row.refresh_from_db()
    row.decision = decision
    row.commitment = commitment
    return row


@pytest.fixture
def policy_in_consultation(workspace):
    return PolicyFactory(workspace=workspace, title="Appeals policy", status="in_consultation")


def magic_path(stakeholder, engagement=None) -> str:
    """The path of a fresh magic link for `stakeholder`."""
    path = reverse("portal:open", args=[create_token(access_for(stakeholder))])
    return path + (f"?engagement={engagement.pk}" if engagement else "")


def sign_in(client: Client, stakeholder) -> Client:
    """Open a fresh magic link in `client` (GET shows the button, POST signs in)."""
    path = magic_path(stakeholder)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def portal_client(person):
    return sign_in(Client(), person)
