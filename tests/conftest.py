"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from heard.core.models import Role
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

# Property tests draw the same examples on every run (CI must not turn red on a new random draw;
# a found counterexample becomes a fixed test). HYPOTHESIS_PROFILE=explore draws afresh.
hypothesis_settings.register_profile("heard", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "heard"))


@pytest.fixture
def workspace(db):
    return WorkspaceFactory()


@pytest.fixture
def other_workspace(db):
    return WorkspaceFactory()


def member_client(workspace, role: str = Role.OWNER) -> Client:
    """A logged-in test client for a new member of `workspace` with `role`."""
    membership = MembershipFactory(workspace=workspace, role=role)
    client = Client()
    client.force_login(membership.user)
    client.membership = membership
    client.user = membership.user
    return client


@pytest.fixture
def owner_client(workspace):
    return member_client(workspace, Role.OWNER)


@pytest.fixture
def outsider_client(other_workspace):
    """An owner of another workspace."""
    return member_client(other_workspace, Role.OWNER)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty default cache: the memory cache lives as long as the test
    process, so a page cached by one test would otherwise change another's query counts (and
    rate-limit counters would leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request or a report in another language
    leaves it active in the thread, and later tests would read French or Arabic labels."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
