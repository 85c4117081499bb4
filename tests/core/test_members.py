"""Members, roles and invitations: the role × action matrix, the last-owner rule, the audit
trail, and switching between workspaces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heard.core import services
from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry, Invitation, Membership, Role, Workspace
from tests.conftest import member_client
from tests.factories import InvitationFactory, MembershipFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

OW, MA, ED, CO, VI, AU = (
    Role.OWNER,
    Role.MANAGER,
    Role.EDITOR,
    Role.CONTRIBUTOR,
    Role.VIEWER,
    Role.AUDITOR,
)


# --- the matrix: each action is a POST; `done` tells whether it took effect


@dataclass
class Action:
    name: str
    allowed: set[str]  # roles that may do it
    act: Callable  # (client, workspace) -> (response, done: () -> bool)

    def __str__(self) -> str:
        return self.name


def _invite(role):
    def act(client, ws):
        response = client.post(f"/w/{ws.slug}/members/", {"email": "new@example.org", "role": role})
        return response, lambda: Invitation.objects.filter(workspace=ws, role=role).exists()

    return act


def _change(target_role, new_role, extra_owner=False):
    def act(client, ws):
        if extra_owner:
            MembershipFactory(workspace=ws, role=OW)
        target = MembershipFactory(workspace=ws, role=target_role)
        response = client.post(f"/w/{ws.slug}/members/{target.pk}/role/", {"role": new_role})
        return response, lambda: Membership.objects.get(pk=target.pk).role == new_role

    return act


def _remove(target_role):
    def act(client, ws):
        target = MembershipFactory(workspace=ws, role=target_role)
        response = client.post(f"/w/{ws.slug}/members/{target.pk}/remove/")
        return response, lambda: not Membership.objects.filter(pk=target.pk).exists()

    return act


def _invitation(path, check, role=VI):
    def act(client, ws):
        invitation = InvitationFactory(workspace=ws, role=role)
        response = client.post(f"/w/{ws.slug}/invitations/{invitation.pk}/{path}/")
        return response, lambda: check(Invitation.objects.get(pk=invitation.pk), invitation)

    return act


def _settings(client, ws):
    data = {
        "name": "Renamed",
        "languages": ["en", "fr"],
        "time_zone": "Africa/Nairobi",
        "loop_closure_days": 30,
        "fatigue_window_days": 90,
        "fatigue_threshold": 3,
        "key_relationship_months": 6,
    }
    response = client.post(f"/w/{ws.slug}/settings/", data)
    return response, lambda: Workspace.objects.get(pk=ws.pk).name == "Renamed"


MATRIX = [
    Action("invite a viewer", {OW, MA}, _invite(VI)),
    Action("invite a manager", {OW, MA}, _invite(MA)),
    Action("invite an owner", {OW}, _invite(OW)),
    Action("make an editor a viewer", {OW, MA}, _change(ED, VI)),
    Action("make an editor owner", {OW}, _change(ED, OW)),
    Action("demote one of two owners", {OW}, _change(OW, ED)),
    Action("remove an editor", {OW, MA}, _remove(ED)),
    Action("remove a manager", {OW, MA}, _remove(MA)),
    Action("remove one of two owners", {OW}, _remove(OW)),
    Action(
        "revoke an invitation", {OW, MA}, _invitation("revoke", lambda new, old: new.revoked_at)
    ),
    Action(
        "revoke an owner invitation",
        {OW},
        _invitation("revoke", lambda new, old: new.revoked_at, role=OW),
    ),
    Action(
        "resend an invitation",
        {OW, MA},
        _invitation("resend", lambda new, old: new.token_hash != old.token_hash),
    ),
    Action("change workspace settings", {OW}, _settings),
]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", MATRIX, ids=str)
def test_role_action_matrix(action, role, workspace):
    """Roles with the permission act (unless a rule forbids it); others get 403 and nothing
    changes."""
    client = member_client(workspace, role)
    if role != OW:
        MembershipFactory(workspace=workspace, role=OW)  # someone else owns the workspace
    response, done = action.act(client, workspace)
    if role in action.allowed:
        assert response.status_code == 302, response.status_code
        assert done(), f"{role} could not {action.name}"
    else:
        assert not done(), f"{role} managed to {action.name}"
        permitted_page = role in {OW, MA} and action.name != "change workspace settings"
        # AU role that may open the page but breaks a rule gets the page back with the reason.
        assert response.status_code in ({302, 400} if permitted_page else {403})


# --- the last owner


def test_the_last_owner_cannot_be_demoted_or_removed(workspace):
    client = member_client(workspace, OW)
    me = client.membership
    client.post(f"/w/{workspace.slug}/members/{me.pk}/role/", {"role": ED})
    client.post(f"/w/{workspace.slug}/members/{me.pk}/remove/")
    assert Membership.objects.get(pk=me.pk).role == OW
    with pytest.raises(DomainError):
        services.change_role(workspace=workspace, actor=client.user, membership=me, role=ED)
    with pytest.raises(DomainError):
        services.remove_member(workspace=workspace, actor=client.user, membership=me)


def test_an_owner_may_step_down_once_there_is_another(workspace):
    client = member_client(workspace, OW)
    MembershipFactory(workspace=workspace, role=OW)
    response = client.post(
        f"/w/{workspace.slug}/members/{client.membership.pk}/role/", {"role": ED}
    )
    # No longer allowed on the members page: sent to the workspace's home.
    assert response["Location"] == f"/w/{workspace.slug}/"
    assert Membership.objects.get(pk=client.membership.pk).role == ED


def test_leaving_a_workspace_goes_home(workspace):
    client = member_client(workspace, MA)
    response = client.post(f"/w/{workspace.slug}/members/{client.membership.pk}/remove/")
    assert response["Location"] == "/"
    assert client.get(f"/w/{workspace.slug}/").status_code == 404


def test_services_check_the_workspace_of_the_membership(workspace, other_workspace):
    owner = MembershipFactory(workspace=workspace, role=OW).user
    foreign = MembershipFactory(workspace=other_workspace, role=ED)
    with pytest.raises(DomainError):
        services.change_role(workspace=workspace, actor=owner, membership=foreign, role=VI)
    with pytest.raises(DomainError):
        services.remove_member(workspace=workspace, actor=owner, membership=foreign)
    assert Membership.objects.get(pk=foreign.pk).role == ED


# --- audit


def test_membership_changes_are_audited(workspace):
    client = member_client(workspace, OW)
    target = MembershipFactory(workspace=workspace, role=ED)
    client.post(f"/w/{workspace.slug}/members/{target.pk}/role/", {"role": VI})
    client.post(f"/w/{workspace.slug}/members/{target.pk}/remove/")
    change, removal = AuditEntry.objects.filter(workspace=workspace).order_by("sequence")
    assert (change.action, change.object_id, change.changes) == (
        AuditAction.SECURITY,
        str(target.pk),
        {"role": [ED, VI]},
    )
    assert change.actor == client.user
    assert removal.action == AuditAction.SECURITY
    assert removal.changes == {"member": [target.user.email, None], "role": [VI, None]}


# --- the page


def test_members_page_lists_members_roles_and_pending_invitations(workspace):
    client = member_client(workspace, MA)
    owner = MembershipFactory(workspace=workspace, role=OW)
    invitation = InvitationFactory(workspace=workspace, role=ED, email="pending@example.org")
    InvitationFactory(
        workspace=workspace, email="used@example.org", accepted_at="2026-01-01T00:00Z"
    )
    page = client.get(f"/w/{workspace.slug}/members/")
    html = page.content.decode()
    assert owner.user.email in html and client.user.email in html
    assert "pending@example.org" in html and "used@example.org" not in html
    assert f"/invitations/{invitation.pk}/revoke/" in html
    # AU manager sees the owner's role but gets no form to change it, nor "owner" to give.
    assert f"/members/{owner.pk}/role/" not in html
    assert f"/members/{client.membership.pk}/role/" in html
    assert 'value="owner"' not in html


def test_members_page_query_count_does_not_grow(workspace):
    client = member_client(workspace, OW)
    url = f"/w/{workspace.slug}/members/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(15):
        MembershipFactory(workspace=workspace)
        InvitationFactory(workspace=workspace)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_invalid_invite_names_the_field(workspace):
    client = member_client(workspace, OW)
    response = client.post(f"/w/{workspace.slug}/members/", {"email": "not-an-email", "role": VI})
    assert response.status_code == 400
    assert "email" in response.context["invite_form"].errors
    MembershipFactory(workspace=workspace, user__email="taken@example.org")
    response = client.post(
        f"/w/{workspace.slug}/members/", {"email": "Taken@example.org", "role": VI}
    )
    assert "already a member" in str(response.context["invite_form"].errors["email"])


# --- several workspaces


def test_a_member_of_two_workspaces_switches_between_them():
    first, second = WorkspaceFactory(name="Acme"), WorkspaceFactory(name="Globex")
    client = member_client(first, ED)
    MembershipFactory(user=client.user, workspace=second, role=AU)
    page = client.get(f"/w/{first.slug}/").content.decode()
    assert f'href="/w/{second.slug}/"' in page
    assert "Globex <small>(Auditor)</small>" in page
    assert "Acme <small>(Editor)</small>" in page
    assert client.get(f"/w/{second.slug}/").status_code == 200
    # Home brings them back to the workspace they used last.
    assert client.get("/")["Location"] == f"/w/{second.slug}/"
    client.get(f"/w/{first.slug}/")
    assert client.get("/")["Location"] == f"/w/{first.slug}/"
