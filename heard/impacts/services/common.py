"""Checks and writes the impacts services share: validation, tenancy, archive, export."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, Membership, User, Workspace
from heard.impacts.models import (
    EngagementPlan,
    Impact,
    ImpactAction,
    Initiative,
)

# --- shared checks


def _validate(obj: models.Model, exclude: Iterable[str] = ()) -> None:
    """Model validation as one DomainError naming the first field at fault."""
    try:
        obj.full_clean(exclude=["workspace", *exclude])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def _check_same_workspace(workspace: Workspace, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError(_("That record belongs to another workspace."))


def _check_codes(values: Iterable[str] | None, allowed, field: str, what: str) -> list[str]:
    cleaned = list(dict.fromkeys(v for v in (values or ()) if v))
    unknown = [v for v in cleaned if v not in allowed]
    if unknown:
        raise DomainError(
            _("Unknown %(what)s: %(codes)s.") % {"what": what, "codes": ", ".join(unknown)},
            field=field,
        )
    return cleaned


def _check_member(workspace: Workspace, user: User | None, field: str) -> None:
    if user is not None and not Membership.objects.filter(workspace=workspace, user=user).exists():
        raise DomainError(_("The owner must be a member of this workspace."), field=field)


# --- archive and restore


ArchivableObject = Initiative | Impact | ImpactAction | EngagementPlan


@transaction.atomic
def archive(*, workspace: Workspace, actor: User | None, obj: ArchivableObject):
    """Archive an initiative, impact, action or plan: hidden from lists, history kept."""
    _check_same_workspace(workspace, obj)
    if obj.archived_at is not None:
        return obj
    obj.archived_at = timezone.now()
    obj.save(update_fields=["archived_at", "updated_at"])
    audit.record(workspace=workspace, actor=actor, action=AuditAction.ARCHIVE, obj=obj)
    return obj


@transaction.atomic
def restore(*, workspace: Workspace, actor: User | None, obj: ArchivableObject):
    """Undo an archive."""
    _check_same_workspace(workspace, obj)
    if obj.archived_at is None:
        return obj
    obj.archived_at = None
    obj.save(update_fields=["archived_at", "updated_at"])
    audit.record(workspace=workspace, actor=actor, action=AuditAction.RESTORE, obj=obj)
    return obj


def record_export(*, workspace: Workspace, actor: User | None, what: str, fmt: str, params: dict):
    """An EXPORT audit entry: who took which list out, in which format, with which filter."""
    return audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.EXPORT,
        object_repr=f"{what} ({fmt})",
        changes={"filter": [None, {k: v for k, v in params.items() if v not in ("", None)}]},
    )
