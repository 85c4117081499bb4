"""The core migration that moved the audit chain onto content digests: intact chains are
re-sealed and verify; a chain already broken stays reported."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from heard.core import audit
from heard.core.audit import verify_chain
from heard.core.models import AuditEntry, Workspace
from tests.factories import StakeholderFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("heard.core.migrations.0003_privacy_audit_content_digest")


def as_first_written(workspace: Workspace) -> None:
    """Turn the workspace's entries into what the first scheme wrote (no digest)."""
    previous = ""
    for entry in AuditEntry.objects.filter(workspace=workspace).order_by("sequence"):
        entry.content_digest, entry.previous_hash = "", previous
        entry.entry_hash = previous = entry.compute_legacy_hash()
        entry.save()
    Workspace.objects.filter(pk=workspace.pk).update(audit_head_hash=previous)


def write_some(workspace: Workspace) -> None:
    for n in range(3):
        person = StakeholderFactory(workspace=workspace, name=f"Person {n}")
        audit.record_create(workspace=workspace, actor=None, obj=person)


def test_first_scheme_entries_still_verify_and_are_resealed():
    intact, broken = WorkspaceFactory(), WorkspaceFactory()
    for workspace in (intact, broken):
        write_some(workspace)
        as_first_written(workspace)
    assert verify_chain() == []  # entries without a digest verify under the first scheme
    tampered = AuditEntry.objects.filter(workspace=broken).order_by("sequence").first()
    AuditEntry.objects.filter(pk=tampered.pk).update(object_repr="edited")

    migration.reseal(apps, None)

    assert not AuditEntry.objects.filter(workspace=intact, content_digest="").exists()
    assert not AuditEntry.objects.filter(workspace=broken).exclude(content_digest="").exists()
    problems = verify_chain()
    assert [(p.workspace_slug, p.sequence) for p in problems] == [(broken.slug, tampered.sequence)]
    audit.record_create(workspace=intact, actor=None, obj=StakeholderFactory(workspace=intact))
    assert [p.workspace_slug for p in verify_chain()] == [broken.slug]


def test_unseal_goes_back_to_the_first_scheme():
    workspace = WorkspaceFactory()
    write_some(workspace)
    migration.unseal(apps, None)
    AuditEntry.objects.filter(workspace=workspace).update(content_digest="")
    assert verify_chain() == []
