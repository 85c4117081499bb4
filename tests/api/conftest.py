"""API clients: a member of a workspace calling with a personal access token."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.api.tokens import create_token
from heard.core.models import Role
from tests.factories import MembershipFactory


def api_client(workspace, role: str = Role.OWNER, scope: str = "write") -> Client:
    """A client whose requests carry a new token of a new member with `role`."""
    membership = MembershipFactory(workspace=workspace, role=role)
    if scope == "write" and role in (Role.VIEWER, Role.AUDITOR):
        scope = "read"
    token, secret = create_token(
        workspace=workspace, actor=membership.user, user=membership.user, name="t", scope=scope
    )
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    client.membership, client.token, client.secret = membership, token, secret
    return client


@pytest.fixture
def api(workspace):
    """An owner's write token."""
    return api_client(workspace)
