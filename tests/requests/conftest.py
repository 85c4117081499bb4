"""Helpers for the requests tests: a stakeholder signed in to the portal, requests made
through the services as the product makes them."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client

from heard.core.models import Role
from heard.portal.session import sign_in
from heard.requests import services
from tests.factories import MembershipFactory, StakeholderFactory

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore


def portal_session_key(stakeholder) -> str:
    """A saved session signed in to the portal as `stakeholder` — the state a magic link
    leaves — made through the portal's own `sign_in`."""
    request = SimpleNamespace(session=SessionStore())
    sign_in(request, stakeholder)
    request.session.save()
    return request.session.session_key


def portal_client(stakeholder) -> Client:
    """A test client with a portal session for `stakeholder`."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = portal_session_key(stakeholder)
    client.stakeholder = stakeholder
    return client


@pytest.fixture
def person(workspace):
    return StakeholderFactory(workspace=workspace, name="Amina Yusuf", email="amina@example.org")


@pytest.fixture
def portal(person):
    return portal_client(person)


@pytest.fixture
def editor(workspace):
    return MembershipFactory(workspace=workspace, role=Role.EDITOR, user__email="ed@example.org")


@pytest.fixture
def ask(workspace, person):
    """An information request through the service."""

    def make(question="How do you review appeals?", stakeholder=None, **fields):
        fields.setdefault("reasons", "Our members are suspended without explanation.")
        return services.ask_for_information(
            workspace=workspace, stakeholder=stakeholder or person, question=question, **fields
        )

    return make


@pytest.fixture
def ask_data(workspace, person):
    """A data request through the service."""

    def make(kind="export", stakeholder=None, **fields):
        return services.ask_about_data(
            workspace=workspace, stakeholder=stakeholder or person, kind=kind, **fields
        )

    return make
