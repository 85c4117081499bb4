"""Writes to a workspace's HRDD step list."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.engagements.models import DEFAULT_HRDD_STEPS, HrddStep
from heard.engagements.services.common import check_same_workspace, validate


def ensure_default_hrdd_steps(workspace: Workspace) -> int:
    """Create the default steps a workspace does not have yet; returns how many were made."""
    existing = set(HrddStep.objects.filter(workspace=workspace).values_list("code", flat=True))
    rows = [
        HrddStep(workspace=workspace, code=code, name=name, reference=reference, position=i)
        for i, (code, name, reference) in enumerate(DEFAULT_HRDD_STEPS)
        if code not in existing
    ]
    HrddStep.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _check_name_free(workspace: Workspace, name: str, exclude_pk: int | None = None) -> None:
    clash = HrddStep.objects.filter(workspace=workspace, name__iexact=name.strip())
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError(_("There is already a step with this name."), field="name")


@transaction.atomic
def create_hrdd_step(
    *, workspace: Workspace, actor: User | None, name: str, reference: str = ""
) -> HrddStep:
    """Add a step the workspace uses beyond the default list."""
    _check_name_free(workspace, name)
    last = HrddStep.objects.filter(workspace=workspace).aggregate(m=Max("position"))["m"]
    step = HrddStep(
        workspace=workspace,
        name=name.strip(),
        reference=reference.strip(),
        position=(last or 0) + 1,
    )
    validate(step)
    step.save()
    audit.record_create(workspace=workspace, actor=actor, obj=step)
    return step


@transaction.atomic
def update_hrdd_step(
    *,
    workspace: Workspace,
    actor: User | None,
    step: HrddStep,
    name: str,
    reference: str = "",
    position: int | None = None,
    version: str | None = None,
) -> HrddStep:
    """Rename, re-reference or move a step (a renamed default step keeps its code)."""
    check_version(HrddStep, step.pk, version)
    check_same_workspace(workspace, step)
    _check_name_free(workspace, name, exclude_pk=step.pk)
    before = audit.snapshot(step)
    step.name, step.reference = name.strip(), reference.strip()
    if step.code and step.name not in {n for c, n, _r in DEFAULT_HRDD_STEPS if c == step.code}:
        # A renamed default step is the workspace's own wording from now on: no translation.
        step.code = ""
    if position is not None:
        step.position = position
    validate(step)
    step.save()
    audit.record_update(workspace=workspace, actor=actor, obj=step, before=before)
    return step


@transaction.atomic
def set_hrdd_step_archived(
    *, workspace: Workspace, actor: User | None, step: HrddStep, archived: bool
) -> HrddStep:
    """Archive a step (engagements that served it keep it) or bring it back."""
    check_same_workspace(workspace, step)
    step.archived_at = timezone.now() if archived else None
    step.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ARCHIVE if archived else AuditAction.RESTORE,
        obj=step,
    )
    return step
