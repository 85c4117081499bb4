"""Helpers for the feedback tests: records made through the services, as the product does."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from heard.core.models import Role
from heard.engagements.models import AttributionRule, Engagement
from heard.engagements.services import engagements as engagement_services
from heard.engagements.services import sessions as session_services
from heard.feedback import services
from heard.feedback.services.loops import refresh_due_dates
from tests.factories import (
    ConsentFactory,
    MembershipFactory,
    ParticipationFactory,
    StakeholderFactory,
)


@pytest.fixture
def editor(workspace):
    return MembershipFactory(workspace=workspace, role=Role.EDITOR, user__email="ed@example.org")


@pytest.fixture
def make_engagement(workspace):
    """An engagement through the service; `held_days_ago` marks it held that long ago."""

    def make(
        title="Appeals roundtable",
        *,
        rule=AttributionRule.CHATHAM_HOUSE,
        held_days_ago=None,
        **fields,
    ):
        engagement = engagement_services.create_engagement(
            workspace=workspace, actor=None, title=title, attribution_rule=rule, **fields
        )
        if held_days_ago is not None:
            engagement = hold(workspace, engagement, held_days_ago)
        return engagement

    return make


def hold(workspace, engagement, days_ago: int = 0) -> Engagement:
    """Mark the engagement held (through the service), then move the date into the past."""
    start = datetime.datetime(2026, 1, 5, 10, 0)
    session_services.add_session(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="Europe/Berlin",
    )
    engagement = engagement_services.change_status(
        workspace=workspace, actor=None, engagement=engagement, status="held"
    )
    held_at = timezone.now() - datetime.timedelta(days=days_ago)
    Engagement.objects.filter(pk=engagement.pk).update(held_at=held_at)
    engagement.held_at = held_at
    refresh_due_dates(workspace, engagement)
    return engagement


@pytest.fixture
def make_person(workspace):
    """A stakeholder, optionally taking part in an engagement and consenting to contact."""

    def make(
        name="Amina Yusuf", *, engagement=None, consent=True, email="amina@example.org", **fields
    ):
        person = StakeholderFactory(workspace=workspace, name=name, email=email, **fields)
        if consent:
            ConsentFactory(stakeholder=person, workspace=workspace, purpose="contact")
        if engagement is not None:
            ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
        return person

    return make


@pytest.fixture
def record(workspace):
    """Record an input through the service."""

    def make(text="The appeal process needs a human reviewer.", **fields):
        return services.record_input(workspace=workspace, actor=None, text=text, **fields)

    return make


@pytest.fixture
def decide(workspace):
    def make(input, outcome="adopted", **fields):
        return services.decide_input(
            workspace=workspace, actor=None, input=input, outcome=outcome, **fields
        )

    return make
