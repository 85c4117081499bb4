"""The API tokens page and `heard token`."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from heard.api.models import AccessToken
from heard.core.models import AuditEntry, Role
from tests.conftest import member_client

pytestmark = pytest.mark.django_db


def _url(workspace) -> str:
    return f"/w/{workspace.slug}/settings/tokens/"


def test_a_member_creates_a_token_sees_it_once_and_it_works(workspace):
    client = member_client(workspace, Role.EDITOR)
    response = client.post(_url(workspace), {"name": "Jira sync", "scope": "write", "days": 90})
    assert response.status_code == 201
    secret = response.context["secret"]
    assert secret.startswith("heard_") and secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert secret not in client.get(_url(workspace)).content.decode()
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v1/stakeholders").status_code == 200
    assert AuditEntry.objects.filter(
        workspace=workspace, object_repr__contains="Jira sync"
    ).exists()


def test_a_viewer_can_only_make_read_tokens(workspace):
    client = member_client(workspace, Role.VIEWER)
    response = client.post(_url(workspace), {"name": "x", "scope": "write", "days": 90})
    assert response.status_code == 400
    assert not AccessToken.objects.exists()
    assert (
        client.post(_url(workspace), {"name": "x", "scope": "read", "days": 30}).status_code == 201
    )


def test_bad_input_names_the_field(workspace):
    client = member_client(workspace, Role.EDITOR)
    response = client.post(_url(workspace), {"name": "", "scope": "read", "days": 5})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "days"}


def test_members_see_and_revoke_only_their_own_owners_all(workspace):
    editor = member_client(workspace, Role.EDITOR)
    editor.post(_url(workspace), {"name": "Mine", "scope": "read", "days": 30})
    token = AccessToken.objects.get()
    other = member_client(workspace, Role.EDITOR)
    assert "Mine" not in other.get(_url(workspace)).content.decode()
    assert other.post(f"{_url(workspace)}{token.pk}/revoke/").status_code == 404
    owner = member_client(workspace, Role.OWNER)
    assert "Mine" in owner.get(_url(workspace)).content.decode()
    assert owner.post(f"{_url(workspace)}{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_command_creates_lists_and_revokes(workspace, capsys):
    owner = member_client(workspace, Role.OWNER).user
    call_command(
        "token", "create", "--user", owner.email, "--workspace", workspace.slug, "--scope", "write"
    )
    secret = capsys.readouterr().out.strip()
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert (
        api.post(
            "/api/v1/organisations", {"name": "Via CLI"}, content_type="application/json"
        ).status_code
        == 201
    )
    call_command("token", "list", "--workspace", workspace.slug)
    assert "active" in capsys.readouterr().out
    call_command(
        "token", "revoke", "--workspace", workspace.slug, str(AccessToken.objects.get().pk)
    )
    assert api.get("/api/v1/organisations").status_code == 401
