"""The audit chain covers a digest of each entry's identity-bearing parts (privacy).

Existing entries are re-sealed: for every workspace whose chain verifies under the first scheme,
each entry gets its content digest and a new hash under the new scheme, and the workspace head
moves to the new last hash. A workspace whose chain was already broken is left as it was (its
entries keep an empty digest and are verified under the first scheme), so the break still shows.
"""

import hashlib
import json

from django.db import migrations, models


def _legacy_hash(e) -> str:
    payload = json.dumps(
        {
            "workspace": e.workspace_id,
            "sequence": e.sequence,
            "actor": e.actor_label,
            "at": e.at.isoformat(),
            "action": e.action,
            "content_type": e.content_type_id,
            "object_id": e.object_id,
            "object_repr": e.object_repr,
            "changes": e.changes,
            "previous_hash": e.previous_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _digest(e) -> str:
    payload = json.dumps(
        {"actor": e.actor_label, "object_repr": e.object_repr, "changes": e.changes},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _hash(e) -> str:
    payload = json.dumps(
        {
            "workspace": e.workspace_id,
            "sequence": e.sequence,
            "at": e.at.isoformat(),
            "action": e.action,
            "content_type": e.content_type_id,
            "object_id": e.object_id,
            "content_digest": e.content_digest,
            "previous_hash": e.previous_hash,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _intact(entries) -> bool:
    expected, previous = 1, ""
    for e in entries:
        if e.sequence != expected or e.previous_hash != previous or _legacy_hash(e) != e.entry_hash:
            return False
        expected, previous = e.sequence + 1, e.entry_hash
    return True


def reseal(apps, schema_editor):
    Workspace = apps.get_model("core", "Workspace")
    AuditEntry = apps.get_model("core", "AuditEntry")
    for workspace in Workspace.objects.all().iterator():
        entries = AuditEntry.objects.filter(workspace_id=workspace.pk).order_by("sequence")
        if not _intact(entries.iterator(chunk_size=2000)):
            continue
        if (workspace.audit_head_sequence, workspace.audit_head_hash) != (
            entries.values_list("sequence", "entry_hash").last() or (0, "")
        ):
            continue
        previous, batch = "", []
        for e in entries.iterator(chunk_size=2000):
            e.previous_hash = previous
            e.content_digest = _digest(e)
            e.entry_hash = previous = _hash(e)
            batch.append(e)
            if len(batch) >= 2000:
                AuditEntry.objects.bulk_update(
                    batch, ["previous_hash", "content_digest", "entry_hash"]
                )
                batch = []
        AuditEntry.objects.bulk_update(batch, ["previous_hash", "content_digest", "entry_hash"])
        if previous:
            Workspace.objects.filter(pk=workspace.pk).update(audit_head_hash=previous)


def unseal(apps, schema_editor):
    """Back to the first scheme: hashes over the clear content (redacted entries stay broken)."""
    Workspace = apps.get_model("core", "Workspace")
    AuditEntry = apps.get_model("core", "AuditEntry")
    for workspace in Workspace.objects.all().iterator():
        entries = AuditEntry.objects.filter(workspace_id=workspace.pk).order_by("sequence")
        if not entries.exclude(content_digest="").exists():
            continue
        previous, batch = "", []
        for e in entries.iterator(chunk_size=2000):
            e.previous_hash = previous
            e.entry_hash = previous = _legacy_hash(e)
            batch.append(e)
        AuditEntry.objects.bulk_update(batch, ["previous_hash", "entry_hash"], batch_size=2000)
        Workspace.objects.filter(pk=workspace.pk).update(audit_head_hash=previous)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_scheduled_run"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="content_digest",
            field=models.CharField(blank=True, max_length=64, verbose_name="content digest"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="redacted_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When a stakeholder's identity was erased from this entry.",
                null=True,
                verbose_name="redacted at",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "Created"),
                    ("update", "Updated"),
                    ("archive", "Archived"),
                    ("restore", "Restored"),
                    ("merge", "Merged"),
                    ("import", "Imported"),
                    ("export", "Exported"),
                    ("security", "Security event"),
                    ("erase", "Erased"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.RunPython(reseal, unseal),
    ]
