"""Helpers for the policy tests."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from heard.core.models import Role
from heard.engagements.models import EngagementStatus, ParticipationRole
from heard.policies import services
from heard.stakeholders import services as registry
from tests.factories import (
    EngagementFactory,
    MembershipFactory,
    ParticipationFactory,
    SessionFactory,
)

POLICY_TEXT = """# Scope
This policy covers hateful conduct on the platform.

# Rules
- No slurs against protected groups.
- No dehumanising comparisons."""


@pytest.fixture
def editor(workspace):
    return MembershipFactory(workspace=workspace, role=Role.EDITOR).user


@pytest.fixture
def second_editor(workspace):
    return MembershipFactory(workspace=workspace, role=Role.EDITOR).user


@pytest.fixture
def manager(workspace):
    return MembershipFactory(workspace=workspace, role=Role.MANAGER).user


@pytest.fixture
def policy(workspace, editor):
    return services.create_policy(
        workspace=workspace,
        actor=editor,
        title="Hateful conduct",
        text=POLICY_TEXT,
        owner=editor,
        description="Rules on hate speech.",
    )


@pytest.fixture
def forum(workspace, editor, policy):
    return services.create_forum(
        workspace=workspace, actor=editor, policy=policy, owner=editor, title="Hate speech forum"
    )


def held_engagement(workspace, **fields):
    """An engagement with a past session, marked held."""
    engagement = EngagementFactory(workspace=workspace, format="policy_forum", **fields)
    start = timezone.now() - datetime.timedelta(days=3)
    SessionFactory(
        engagement=engagement, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    engagement.status = EngagementStatus.HELD
    engagement.held_at = timezone.now() - datetime.timedelta(days=3)
    engagement.save()
    return engagement


def add_person(workspace, engagement, name, organisation=None, role=ParticipationRole.PARTICIPANT):
    """Put a named stakeholder (optionally of a named organisation) on an engagement."""
    org = (
        registry.create_organisation(workspace=workspace, actor=None, name=organisation)
        if organisation
        else None
    )
    person = registry.create_stakeholder(
        workspace=workspace, actor=None, name=name, organisation=org
    )
    return ParticipationFactory(
        workspace=workspace, engagement=engagement, stakeholder=person, role=role
    )
