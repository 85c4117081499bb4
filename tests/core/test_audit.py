"""The audit chain records changes and detects any edited or deleted entry."""

import pytest
from django.core.management import CommandError, call_command

from heard.core.audit import verify_chain
from heard.core.models import AuditAction, AuditEntry
from heard.stakeholders import services
from tests.factories import UserFactory


@pytest.fixture
def changes(workspace):
    actor = UserFactory()
    person = services.create_stakeholder(
        workspace=workspace, actor=actor, name="Amina Yusuf", country="NG", languages=["ha"]
    )
    services.update_stakeholder(
        workspace=workspace, actor=actor, stakeholder=person, name="Amina Y.", email="a@x.org"
    )
    services.archive(workspace=workspace, actor=actor, obj=person)
    return person


def test_create_update_archive_are_recorded_with_before_and_after(workspace, changes):
    entries = list(AuditEntry.objects.filter(workspace=workspace).order_by("sequence"))
    assert [e.action for e in entries] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.ARCHIVE,
    ]
    assert entries[0].changes["languages"] == [None, ["ha"]]
    assert entries[1].changes["name"] == ["Amina Yusuf", "Amina Y."]
    # Contact details are encrypted at rest and never written to the log in clear.
    assert entries[1].changes["email"] == ["", "•••"]
    assert verify_chain() == []


def test_edited_entry_is_detected(workspace, changes):
    AuditEntry.objects.filter(workspace=workspace, sequence=2).update(object_repr="tampered")
    problems = verify_chain()
    assert [(p.sequence, p.reason) for p in problems] == [(2, "content edited")]
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_deleted_entry_in_the_middle_is_detected(workspace, changes):
    AuditEntry.objects.filter(workspace=workspace, sequence=2).delete()
    reasons = {p.reason for p in verify_chain()}
    assert "entry missing (deleted)" in reasons


def test_deleted_last_entry_is_detected(workspace, changes):
    AuditEntry.objects.filter(workspace=workspace, sequence=3).delete()
    assert [p.reason for p in verify_chain()] == ["entries missing at the end"]


def test_chains_are_per_workspace(workspace, other_workspace, changes):
    services.create_stakeholder(workspace=other_workspace, actor=None, name="Lena")
    assert AuditEntry.objects.get(workspace=other_workspace).sequence == 1
    call_command("audit", "verify")
