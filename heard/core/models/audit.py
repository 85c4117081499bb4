"""The audit log: append-only, hash-chained per workspace so edits and deletions are detectable."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What happened to an object."""

    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    ARCHIVE = "archive", _("Archived")
    RESTORE = "restore", _("Restored")
    MERGE = "merge", _("Merged")
    IMPORT = "import", _("Imported")
    EXPORT = "export", _("Exported")
    SECURITY = "security", _("Security event")
    ERASE = "erase", _("Erased")


class AuditEntry(models.Model):
    """One recorded change; `entry_hash` covers its content and the previous entry's hash."""

    workspace = models.ForeignKey(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="audit_entries",
    )
    sequence = models.PositiveBigIntegerField(
        verbose_name=_("sequence"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(
        verbose_name=_("actor"),
        max_length=254,
        blank=True,
    )
    at = models.DateTimeField(
        verbose_name=_("at"),
        default=timezone.now,
    )
    action = models.CharField(
        verbose_name=_("action"),
        max_length=20,
        choices=AuditAction.choices,
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.CharField(
        verbose_name=_("object id"),
        max_length=64,
        blank=True,
    )
    object_repr = models.CharField(
        verbose_name=_("object"),
        max_length=200,
        blank=True,
    )
    changes = models.JSONField(
        verbose_name=_("changes"),
        default=dict,
        blank=True,
        help_text=_("Changed fields: {field: [before, after]}."),
    )
    previous_hash = models.CharField(
        verbose_name=_("previous hash"),
        max_length=64,
        blank=True,
    )
    entry_hash = models.CharField(
        verbose_name=_("hash"),
        max_length=64,
    )
    # The chain covers this digest of the identity-bearing parts (actor label, object label,
    # changes) rather than the parts themselves, so that erasing a stakeholder can redact their
    # name from old entries without breaking the chain. Empty on entries never sealed this way
    # (a chain that was already broken when the digest was introduced).
    content_digest = models.CharField(
        verbose_name=_("content digest"),
        max_length=64,
        blank=True,
    )
    redacted_at = models.DateTimeField(
        verbose_name=_("redacted at"),
        null=True,
        blank=True,
        help_text=_("When a stakeholder's identity was erased from this entry."),
    )

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ("-sequence",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "sequence"), name="%(app_label)s_%(class)s_unique_sequence"
            )
        ]
        indexes = [
            models.Index(
                fields=("workspace", "content_type", "object_id"),
                name="core_audit_object_idx",
            ),
            models.Index(fields=("workspace", "actor", "at"), name="core_audit_actor_idx"),
            models.Index(fields=("workspace", "action", "at"), name="core_audit_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def compute_content_digest(self) -> str:
        """SHA-256 over the parts that may name a person: actor label, object label, changes."""
        payload = json.dumps(
            {"actor": self.actor_label, "object_repr": self.object_repr, "changes": self.changes},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def seal(self) -> None:
        """Set the content digest and the chained hash of a new entry."""
        self.content_digest = self.compute_content_digest()
        self.entry_hash = self.compute_hash()

    def compute_hash(self) -> str:
        """SHA-256 over the entry's metadata, its content digest and the previous entry's hash
        (entries without a digest: over their clear content, as first written)."""
        if not self.content_digest:
            return self.compute_legacy_hash()
        payload = json.dumps(
            {
                "workspace": self.workspace_id,
                "sequence": self.sequence,
                "at": self.at.isoformat(),
                "action": self.action,
                "content_type": self.content_type_id,
                "object_id": self.object_id,
                "content_digest": self.content_digest,
                "previous_hash": self.previous_hash,
            },
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def compute_legacy_hash(self) -> str:
        """The first scheme: SHA-256 over the clear content and the previous entry's hash."""
        payload = json.dumps(
            {
                "workspace": self.workspace_id,
                "sequence": self.sequence,
                "actor": self.actor_label,
                "at": self.at.isoformat(),
                "action": self.action,
                "content_type": self.content_type_id,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "changes": self.changes,
                "previous_hash": self.previous_hash,
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()
