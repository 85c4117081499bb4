"""Helpers for the insight-cycle tests: members by role, inputs under each attribution rule,
all made through the services as the product makes them."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.engagements.services import engagements as engagement_services
from heard.feedback import services as feedback_services
from heard.insights.briefs import services
from tests.factories import MembershipFactory, StakeholderFactory

ARABIC = "نطلب مراجعة بشرية قبل تعليق الحسابات"


def client_for(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    client.membership = membership
    client.user = membership.user
    return client


@pytest.fixture
def requester(workspace):
    return MembershipFactory(
        workspace=workspace, role=Role.CONTRIBUTOR, user__email="pm@example.org"
    )


@pytest.fixture
def other_contributor(workspace):
    return MembershipFactory(workspace=workspace, role=Role.CONTRIBUTOR)


@pytest.fixture
def editor(workspace):
    return MembershipFactory(workspace=workspace, role=Role.EDITOR, user__email="ed@example.org")


@pytest.fixture
def viewer(workspace):
    return MembershipFactory(workspace=workspace, role=Role.VIEWER)


@pytest.fixture
def file(workspace, requester):
    """File a request as the contributor `requester`."""

    def make(question="What have stakeholders said about appeals?", **fields):
        fields.setdefault("team", "product")
        return services.file_request(
            workspace=workspace, actor=requester.user, question=question, **fields
        )

    return make


@pytest.fixture
def engagement(workspace):
    """An engagement per attribution rule."""

    def make(rule=AttributionRule.CHATHAM_HOUSE, title=None):
        return engagement_services.create_engagement(
            workspace=workspace,
            actor=None,
            title=title or f"Roundtable ({rule})",
            attribution_rule=rule,
        )

    return make


@pytest.fixture
def said(workspace, engagement):
    """An input said by a named stakeholder under `rule`."""

    def make(name, text="Appeals go unanswered for weeks.", *, rule, high_risk=False, **fields):
        person = None
        if name is not None:
            person = StakeholderFactory(
                workspace=workspace,
                name=name,
                safety_level="high_risk" if high_risk else "standard",
            )
        return feedback_services.record_input(
            workspace=workspace,
            actor=None,
            text=text,
            engagement=engagement(rule) if rule else None,
            stakeholder=person,
            **fields,
        )

    return make
