"""The workspace audit log page (filters, who may read it) and each object's History."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from heard.core import audit
from heard.core.models import AuditAction, AuditEntry, Role
from tests.conftest import member_client
from tests.factories import InvitationFactory, MembershipFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(workspace):
    """A small log: two actors, three object types, two days."""
    alice = MembershipFactory(workspace=workspace, role=Role.OWNER, user__email="alice@x.org")
    bob = MembershipFactory(workspace=workspace, role=Role.EDITOR, user__email="bob@x.org")
    person = StakeholderFactory(workspace=workspace)
    invitation = InvitationFactory(workspace=workspace, email="guest@x.org")
    audit.record(
        workspace=workspace, actor=alice.user, action=AuditAction.CREATE, obj=person,
        object_repr="Person Alpha",
    )  # fmt: skip
    audit.record(
        workspace=workspace, actor=bob.user, action=AuditAction.UPDATE, obj=person,
        object_repr="Person Alpha", changes={"name": ["Alpha", "Alpha B."]},
    )  # fmt: skip
    audit.record(
        workspace=workspace, actor=alice.user, action=AuditAction.SECURITY, obj=bob,
        changes={"role": ["viewer", "editor"]},
    )  # fmt: skip
    old = audit.record(
        workspace=workspace, actor=alice.user, action=AuditAction.CREATE, obj=invitation
    )
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=10))
    return {"alice": alice, "bob": bob, "person": person, "invitation": invitation}


def _shown(client, workspace, **params) -> list[int]:
    response = client.get(f"/w/{workspace.slug}/audit/", params)
    assert response.status_code == 200
    return [entry.sequence for entry in response.context["page_obj"]]


def test_filters_work(workspace, log):
    client = member_client(workspace, Role.AUDITOR)
    assert _shown(client, workspace) == [4, 3, 2, 1]
    assert _shown(client, workspace, action="security") == [3]
    assert _shown(client, workspace, actor=log["bob"].user_id) == [2]
    stakeholder_type = ContentType.objects.get_for_model(log["person"]).pk
    assert _shown(client, workspace, type=stakeholder_type) == [2, 1]
    assert _shown(client, workspace, q="alpha") == [2, 1]
    today = timezone.now().date().isoformat()
    assert _shown(client, workspace, since=today) == [3, 2, 1]
    assert _shown(client, workspace, until=(timezone.now() - timedelta(days=5)).date()) == [4]
    # Nonsense filters are ignored, not errors.
    assert _shown(client, workspace, action="explode", actor="x", since="yesterday") == [
        4, 3, 2, 1,
    ]  # fmt: skip
    page = client.get(f"/w/{workspace.slug}/audit/", {"action": "security"}).content.decode()
    assert "1 matching entry" in page


def test_the_type_filter_offers_the_types_and_shows_changes(workspace, log):
    client = member_client(workspace, Role.OWNER)
    html = client.get(f"/w/{workspace.slug}/audit/").content.decode()
    assert "Stakeholder" in html and "Invitation" in html and "Membership" in html
    assert "Alpha B." in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.OWNER, 200),
        (Role.MANAGER, 200),
        (Role.EDITOR, 200),
        (Role.AUDITOR, 200),
        (Role.CONTRIBUTOR, 403),
        (Role.VIEWER, 403),
    ],
)
def test_who_reads_the_audit_log(workspace, log, role, status):
    client = member_client(workspace, role)
    assert client.get(f"/w/{workspace.slug}/audit/").status_code == status


def test_other_workspaces_entries_never_show(workspace, other_workspace, log):
    outsider = MembershipFactory(workspace=other_workspace, role=Role.OWNER)
    audit.record(
        workspace=other_workspace, actor=outsider.user, action=AuditAction.CREATE, obj=outsider,
        object_repr="Secret thing",
    )  # fmt: skip
    client = member_client(workspace, Role.AUDITOR)
    assert "Secret thing" not in client.get(f"/w/{workspace.slug}/audit/").content.decode()


def test_history_shows_only_that_objects_entries(workspace, log):
    client = member_client(workspace, Role.EDITOR)
    person = log["person"]
    response = client.get(f"/w/{workspace.slug}/stakeholders/{person.pk}/history/")
    assert response.status_code == 200
    assert [e.sequence for e in response.context["page_obj"]] == [2, 1]


def test_history_of_a_high_risk_person_hides_their_identity_from_viewers(workspace):
    person = StakeholderFactory(workspace=workspace, safety_level="high_risk", name="Real Name")
    audit.record(
        workspace=workspace, actor=None, action=AuditAction.UPDATE, obj=person,
        object_repr="Real Name", changes={"name": ["Old Name", "Real Name"]},
    )  # fmt: skip
    url = f"/w/{workspace.slug}/stakeholders/{person.pk}/history/"
    viewer = member_client(workspace, Role.VIEWER).get(url).content.decode()
    assert "Real Name" not in viewer and "Old Name" not in viewer
    assert person.pseudonym in viewer
    auditor = member_client(workspace, Role.AUDITOR).get(url).content.decode()
    assert "Real Name" in auditor and "Old Name" in auditor
