"""Helpers every policies service shares: validation, tenancy, archiving."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, Membership, Role, User, Workspace

# Roles that may approve minutes they wrote or redacted themselves.
SENIOR_ROLES = (Role.OWNER, Role.MANAGER)


def validate(obj, *, exclude: tuple[str, ...] = ("workspace",)) -> None:
    """`full_clean()` with the first problem raised as a DomainError naming its field."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(str(messages[0]), field=None if field == "__all__" else field) from error


def check_same_workspace(workspace: Workspace, *objects) -> None:
    """Refuse to touch or link records of another workspace."""
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError(_("That record belongs to another workspace."), code="forbidden")


def check_member(workspace: Workspace, user: User | None, *, field: str) -> None:
    """An owner or lead must be a member of the workspace."""
    if user is not None and not Membership.objects.filter(workspace=workspace, user=user).exists():
        raise DomainError(_("Choose a member of this workspace."), field=field)


def role_of(workspace: Workspace, user: User | None) -> str | None:
    """The user's role in the workspace, or None."""
    if user is None or not getattr(user, "pk", None):
        return None
    return (
        Membership.objects.filter(workspace=workspace, user=user)
        .values_list("role", flat=True)
        .first()
    )


def required_text(value: str | None, *, field: str, message: str) -> str:
    """Stripped text, or a DomainError naming the field when it is empty."""
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field, code="required")
    return value


@transaction.atomic
def set_archived(
    *, workspace: Workspace, actor: User | None, obj: models.Model, archived: bool
) -> None:
    """Archive (kept with its history, hidden from lists) or restore a policy or a forum."""
    check_same_workspace(workspace, obj)
    if (obj.archived_at is not None) == archived:
        return
    before = obj.archived_at
    obj.archived_at = timezone.now() if archived else None
    obj.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ARCHIVE if archived else AuditAction.RESTORE,
        obj=obj,
        changes={
            "archived_at": [
                before.isoformat() if before else None,
                obj.archived_at.isoformat() if obj.archived_at else None,
            ]
        },
    )
