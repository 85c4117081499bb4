"""The permission matrix, walked: every role against every workspace page, and the docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.core import permissions
from heard.core.models import Role
from tests.conftest import member_client
from tests.factories import make
from tests.urlwalk import route_objects, workspace_routes

GUARDED = [r for r in workspace_routes() if r.attr("permission")]


def test_auditor_reads_everything_and_changes_nothing():
    for action in (permissions.VIEW, permissions.VIEW_IDENTITY, permissions.VIEW_AUDIT):
        assert permissions.role_can(Role.AUDITOR, action)
    for action in (
        permissions.CONTRIBUTE,
        permissions.EDIT,
        permissions.ARCHIVE,
        permissions.IMPORT,
        permissions.MANAGE_MEMBERS,
        permissions.MANAGE_SETTINGS,
    ):
        assert not permissions.role_can(Role.AUDITOR, action)


def test_unknown_action_is_refused_loudly():
    with pytest.raises(ValueError):
        permissions.role_can(Role.OWNER, "launch_rockets")


def test_docs_show_the_same_matrix():
    text = (Path(__file__).resolve().parents[2] / "docs" / "permissions.md").read_text()
    for role in Role:
        row = next(line for line in text.splitlines() if line.startswith(f"| {role.label} |"))
        cells = [c.strip() for c in row.strip("|").split("|")][1:]
        expected = ["yes" if permissions.role_can(role, a) else "—" for a in permissions.ACTIONS]
        assert cells == expected, f"docs/permissions.md row for {role.label} is out of date"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("route", GUARDED, ids=lambda r: r.name or r.route)
def test_every_page_enforces_its_permission(route, role, workspace):
    """403 exactly when the role lacks the page's action."""
    client = member_client(workspace, role)
    values = route_objects(route, workspace, make)
    status = client.get(route.path(workspace_slug=workspace.slug, **values)).status_code
    allowed = permissions.role_can(role, route.attr("permission"))
    assert (status == 403) is (not allowed), f"{role} got {status}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("route", GUARDED, ids=lambda r: r.name or r.route)
def test_every_page_refuses_posts_from_roles_without_its_permission(route, role, workspace):
    """The GET walk above, for POST: writes are refused by the same one check."""
    if permissions.role_can(role, route.attr("permission")):
        return
    client = member_client(workspace, role)
    values = route_objects(route, workspace, make)
    status = client.post(route.path(workspace_slug=workspace.slug, **values)).status_code
    assert status == 403, f"{role} got {status}"


READ_ONLY_ROLES = [Role.AUDITOR, Role.VIEWER]


@pytest.mark.django_db
@pytest.mark.parametrize("role", READ_ONLY_ROLES)
@pytest.mark.parametrize("route", workspace_routes(), ids=lambda r: r.name or r.route)
def test_read_only_roles_cannot_write_anywhere(route, role, workspace):
    """Auditors read everything and change nothing; viewers too. Every workspace URL answers
    their POST with 403 (a write page) or 405 (a read-only page), and the audit log — which
    every write appends to — does not move."""
    from heard.core.models import AuditEntry

    client = member_client(workspace, role)
    values = route_objects(route, workspace, make)
    before = AuditEntry.objects.filter(workspace=workspace).count()
    status = client.post(route.path(workspace_slug=workspace.slug, **values)).status_code
    # Pages about the member's own credentials (API tokens) are open to every role; an empty
    # POST to them is refused as invalid (400) or finds no token of theirs (404).
    allowed = (403, 405, 400, 404) if route.attr("own_credentials") else (403, 405)
    assert status in allowed, f"{role} got {status}"
    assert AuditEntry.objects.filter(workspace=workspace).count() == before


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_read_only_roles_have_no_write_action(role):
    writes = set(permissions.ACTIONS) - {
        permissions.VIEW,
        permissions.VIEW_IDENTITY,
        permissions.VIEW_AUDIT,
        permissions.EXPORT,
    }
    assert not any(permissions.role_can(role, action) for action in writes)
