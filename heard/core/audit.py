"""Recording and verifying the audit log."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from heard.core.models import AuditAction, AuditEntry, Workspace

MASK = "•••"


def _plain(value):
    """A JSON-friendly form of a field value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "code") and hasattr(value, "name"):  # django-countries Country
        return value.code or ""
    return value


def snapshot(obj: models.Model) -> dict:
    """The audited field values of `obj` (concrete fields, masked where the model says so)."""
    masked = getattr(obj, "audit_masked_fields", ())
    ignored = set(getattr(obj, "audit_ignored_fields", ())) | {"id", "workspace"}
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in ignored:
            continue
        value = getattr(obj, field.attname)
        data[field.name] = (MASK if value else "") if field.name in masked else _plain(value)
    return data


def diff(before: dict, after: dict) -> dict:
    """Changed fields as {field: [before, after]}; masked fields show only that they changed."""
    changes = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            changes[key] = [old, new]
    return changes


def record(
    *,
    workspace: Workspace,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Append an entry to the workspace's chain (locks the workspace row to keep order)."""
    with transaction.atomic():
        head = (
            Workspace.objects.select_for_update()
            .filter(pk=workspace.pk)
            .values("audit_head_sequence", "audit_head_hash")
            .get()
        )
        entry = AuditEntry(
            workspace=workspace,
            sequence=head["audit_head_sequence"] + 1,
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=getattr(actor, "email", "") or str(actor or "system"),
            action=action,
            content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=(object_repr if object_repr is not None else str(obj or ""))[:200],
            changes=changes or {},
            previous_hash=head["audit_head_hash"],
        )
        entry.seal()
        entry.save()
        Workspace.objects.filter(pk=workspace.pk).update(
            audit_head_sequence=entry.sequence, audit_head_hash=entry.entry_hash
        )
    return entry


def record_bulk(
    *,
    workspace: Workspace,
    actor,
    action: str,
    items: Iterable[tuple[models.Model, dict]],
    batch_size: int = 2000,
    insert: Callable[[list[AuditEntry]], object] | None = None,
) -> int:
    """Append one entry per (object, changes) under a single lock: hashes are chained in
    Python and the entries written with bulk_create, or `insert` if given (imports of
    100,000 rows pass a leaner one). Returns how many entries were written."""
    insert = insert or AuditEntry.objects.bulk_create
    with transaction.atomic():
        head = (
            Workspace.objects.select_for_update()
            .filter(pk=workspace.pk)
            .values("audit_head_sequence", "audit_head_hash")
            .get()
        )
        sequence, previous_hash = head["audit_head_sequence"], head["audit_head_hash"]
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        actor_label = getattr(actor, "email", "") or str(actor or "system")
        at = timezone.now()
        content_types: dict[type, int] = {}
        batch: list[AuditEntry] = []
        written = 0
        for obj, changes in items:
            model = type(obj)
            if model not in content_types:
                content_types[model] = ContentType.objects.get_for_model(model).pk
            sequence += 1
            entry = AuditEntry(
                workspace_id=workspace.pk,
                sequence=sequence,
                actor_id=actor_id,
                actor_label=actor_label,
                at=at,
                action=action,
                content_type_id=content_types[model],
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes=changes or {},
                previous_hash=previous_hash,
            )
            entry.seal()
            previous_hash = entry.entry_hash
            batch.append(entry)
            if len(batch) >= batch_size:
                insert(batch)
                written += len(batch)
                batch = []
        if batch:
            insert(batch)
            written += len(batch)
        if written:
            Workspace.objects.filter(pk=workspace.pk).update(
                audit_head_sequence=sequence, audit_head_hash=previous_hash
            )
    return written


def record_create(*, workspace: Workspace, actor, obj: models.Model) -> AuditEntry:
    """Record a creation with every audited field as its `after` value."""
    return record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        obj=obj,
        changes=diff({}, snapshot(obj)),
    )


def record_update(
    *, workspace: Workspace, actor, obj: models.Model, before: dict
) -> AuditEntry | None:
    """Record an update if any audited field changed; returns None when nothing did."""
    changes = diff(before, snapshot(obj))
    if not changes:
        return None
    return record(
        workspace=workspace, actor=actor, action=AuditAction.UPDATE, obj=obj, changes=changes
    )


@dataclass(frozen=True)
class ChainProblem:
    """Where a workspace's chain breaks and why."""

    workspace_slug: str
    sequence: int
    reason: str


def verify_chain(workspaces: Iterable[Workspace] | None = None) -> list[ChainProblem]:
    """Recompute every hash; report edited entries, deleted entries and broken links."""
    problems: list[ChainProblem] = []
    for workspace in workspaces if workspaces is not None else Workspace.objects.all():
        expected_sequence, previous_hash = 1, ""
        redacted = redacted_sequences(workspace)
        entries = AuditEntry.objects.filter(workspace=workspace).order_by("sequence")
        for entry in entries.iterator(chunk_size=2000):
            if entry.sequence != expected_sequence:
                problems.append(
                    ChainProblem(workspace.slug, expected_sequence, "entry missing (deleted)")
                )
            if entry.previous_hash != previous_hash:
                problems.append(ChainProblem(workspace.slug, entry.sequence, "chain link broken"))
            if entry.compute_hash() != entry.entry_hash or _content_edited(entry, redacted):
                problems.append(ChainProblem(workspace.slug, entry.sequence, "content edited"))
            expected_sequence, previous_hash = entry.sequence + 1, entry.entry_hash
        if (expected_sequence - 1, previous_hash) != (
            workspace.audit_head_sequence,
            workspace.audit_head_hash,
        ):
            problems.append(
                ChainProblem(
                    workspace.slug, workspace.audit_head_sequence, "entries missing at the end"
                )
            )
    return problems


# --- redaction (erasure of a stakeholder's identity from old entries)

REDACTED_KEY = "redacted_sequences"


def redacted_sequences(workspace: Workspace) -> frozenset[int]:
    """Sequences that an erasure entry (itself chained, and never redacted) says it redacted."""
    found: set[int] = set()
    erasures = AuditEntry.objects.filter(workspace=workspace, action=AuditAction.ERASE)
    for changes in erasures.values_list("changes", flat=True):
        values = changes.get(REDACTED_KEY) if isinstance(changes, dict) else None
        if isinstance(values, list):
            found.update(v for v in values if isinstance(v, int))
    return frozenset(found)


def _content_edited(entry: AuditEntry, redacted: frozenset[int]) -> bool:
    """Whether the clear content no longer matches its digest without an erasure that says so."""
    if not entry.content_digest or entry.compute_content_digest() == entry.content_digest:
        return False
    return not (entry.redacted_at and entry.sequence in redacted)
