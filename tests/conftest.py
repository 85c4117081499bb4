"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.core.models import Role
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory


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
