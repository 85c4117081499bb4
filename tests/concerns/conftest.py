"""Fixtures for the concern tests: an open channel, a handler, a stakeholder."""

from __future__ import annotations

import pytest
from django.utils import translation

from heard.concerns import services
from heard.core.models import Role
from tests.conftest import member_client


@pytest.fixture(autouse=True)
def _english():
    """A request in another language leaves it active in the thread: start each test in
    English (the messages asserted on are the English ones)."""
    with translation.override("en"):
        yield


@pytest.fixture
def channel(workspace):
    """The workspace's concern channel, open, with short known deadlines."""
    owner = member_client(workspace, Role.OWNER).user
    return services.update_channel_settings(
        workspace=workspace,
        actor=owner,
        is_enabled=True,
        acknowledgement_days=5,
        assessment_days=10,
        outcome_days=30,
    )


@pytest.fixture
def handler_client(workspace):
    return member_client(workspace, Role.EDITOR)


@pytest.fixture
def handler(handler_client):
    return handler_client.user


def raise_one(workspace, **kwargs):
    """A concern raised on the public form (anonymous, no contact unless given)."""
    fields = {
        "workspace": workspace,
        "actor": "public form",
        "description": "The app shared my location with strangers.",
        "channel": "public_form",
    }
    fields.update(kwargs)
    return services.raise_concern(**fields)


def walk_to(concern, status: str, actor):
    """Take `concern` through the steps up to `status`."""
    ws = concern.workspace
    order = ["acknowledged", "assessing", "outcome_decided"]
    if status in order[0:]:
        services.acknowledge(workspace=ws, actor=actor, concern=concern)
    if status in order[1:]:
        services.assess(workspace=ws, actor=actor, concern=concern, notes="Looked at logs.")
    if status in order[2:]:
        services.decide_outcome(
            workspace=ws,
            actor=actor,
            concern=concern,
            outcome="upheld",
            reasons="The setting was on by default.",
        )
    return concern
