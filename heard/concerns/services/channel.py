"""The workspace's concern channel settings."""

from __future__ import annotations

from django.db import transaction

from heard.concerns.models import ConcernChannelSettings
from heard.concerns.services.common import validate
from heard.concerns.services.intake import channel_settings
from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.models import AuditAction, User, Workspace

SETTING_FIELDS = (
    "is_enabled",
    "acknowledgement_days",
    "assessment_days",
    "outcome_days",
    "intro_text",
)


@transaction.atomic
def update_channel_settings(
    *, workspace: Workspace, actor: User, version: str | None = None, **fields
) -> ConcernChannelSettings:
    """Open or close the public form, set the deadlines and the introduction. Deadlines apply
    to concerns raised from now on; earlier ones keep the dates they were told."""
    current = channel_settings(workspace)
    if current.pk:
        current = check_version(ConcernChannelSettings, current.pk, version) or current
    before = audit.snapshot(current) if current.pk else {}
    for name in SETTING_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    validate(current)
    current.save()
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        obj=current,
        changes=audit.diff(before, audit.snapshot(current)),
    )
    return current
