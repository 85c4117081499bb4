"""Helpers for the engagement tests: records made through the services, as the product does."""

from __future__ import annotations

import datetime

import pytest

from heard.engagements.services import engagements as engagement_services
from heard.engagements.services import sessions as session_services
from heard.stakeholders import services as registry


@pytest.fixture
def make_engagement(workspace):
    """Plan an engagement through the service."""

    def make(title="Content moderation roundtable", **fields):
        return engagement_services.create_engagement(
            workspace=workspace, actor=None, title=title, **fields
        )

    return make


@pytest.fixture
def add_session(workspace):
    """Add a session through the service; naive times are wall-clock times in `time_zone`."""

    def add(engagement, start=datetime.datetime(2026, 3, 26, 10, 0), hours=2, **fields):
        fields.setdefault("time_zone", "Europe/Berlin")
        return session_services.add_session(
            workspace=workspace,
            actor=None,
            engagement=engagement,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            **fields,
        )

    return add


@pytest.fixture
def make_person(workspace):
    """A stakeholder through the registry service; `consent=True` records contact consent."""

    def make(name="Amina Njoroge", consent=False, **fields):
        fields.setdefault("country", "KE")
        person = registry.create_stakeholder(workspace=workspace, actor=None, name=name, **fields)
        if consent:
            registry.record_consent(workspace=workspace, actor=None, stakeholder=person)
        return person

    return make
