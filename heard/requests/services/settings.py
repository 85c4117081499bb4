"""The workspace's request deadlines and daily limit."""

from __future__ import annotations

from django.db import transaction

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.models import AuditAction, User, Workspace
from heard.requests.models import RequestSettings, settings_for
from heard.requests.services.common import validate


@transaction.atomic
def update_request_settings(
    *,
    workspace: Workspace,
    actor: User | None,
    information_days: int,
    data_days: int,
    daily_limit: int,
    version: str | None = None,
) -> RequestSettings:
    """Change the days to answer and the daily limit; open requests keep their due dates."""
    found = settings_for(workspace)
    if found.pk:
        found = check_version(RequestSettings, found.pk, version) or found
    before = audit.snapshot(found) if found.pk else {}
    found.information_days = information_days
    found.data_days = data_days
    found.daily_limit = daily_limit
    validate(found)
    found.save()
    changes = audit.diff(before, audit.snapshot(found))
    if changes:
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            obj=found,
            changes=changes,
        )
    return found
