"""Helpers every insight-cycle service shares: validation and audit entries."""

from __future__ import annotations

from django.db import models

from heard.core import audit
from heard.core.models import AuditAction, Workspace
from heard.feedback.services.common import check_same_workspace, validate

__all__ = ["check_same_workspace", "record_change", "validate"]


def record_change(
    *, workspace: Workspace, actor, obj: models.Model, before: dict, extra: dict | None = None
) -> None:
    """Record `obj` as created (`before` empty) or what changed since the snapshot `before`,
    plus `extra` changes such as links added; nothing when nothing changed."""
    after = audit.snapshot(obj)
    if before:
        changes = audit.diff(before, after)
    else:
        changes = {k: [None, v] for k, v in after.items() if v not in ("", None, [], {})}
    changes.update(extra or {})
    if not changes:
        return
    action = AuditAction.UPDATE if before else AuditAction.CREATE
    audit.record(workspace=workspace, actor=actor, action=action, obj=obj, changes=changes)
