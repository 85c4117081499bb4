"""Writes to initiatives, their lifecycle stages and engagement plans."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.core.search import normalise
from heard.impacts.models import (
    EngagementPlan,
    Initiative,
    LifecycleStage,
    StageChange,
)
from heard.impacts.services.common import _check_codes, _check_same_workspace, _validate
from heard.stakeholders.models import Category, Organisation, Relation, RiskGroup, Stakeholder

# --- initiatives


def initiative_search_text(initiative: Initiative) -> str:
    """What the initiative search matches."""
    return normalise(initiative.name, initiative.owning_team, initiative.description)


@transaction.atomic
def create_initiative(
    *, workspace: Workspace, actor: User | None, note: str = "", **fields
) -> Initiative:
    """Create an initiative; its first stage is the first entry of its stage history."""
    initiative = Initiative(workspace=workspace, **fields)
    initiative.stage_changed_at = timezone.now()
    initiative.search_text = initiative_search_text(initiative)
    _validate(initiative)
    initiative.save()
    StageChange.objects.create(
        initiative=initiative,
        from_stage="",
        to_stage=initiative.stage,
        changed_at=initiative.stage_changed_at,
        changed_by=actor if getattr(actor, "pk", None) else None,
        note=note,
    )
    audit.record_create(workspace=workspace, actor=actor, obj=initiative)
    return initiative


@transaction.atomic
def update_initiative(
    *,
    workspace: Workspace,
    actor: User | None,
    initiative: Initiative,
    version: str | None = None,
    **fields,
) -> Initiative:
    """Change an initiative's descriptive fields (the stage changes through `change_stage`)."""
    check_version(Initiative, initiative.pk, version)
    _check_same_workspace(workspace, initiative)
    if "stage" in fields and fields["stage"] != initiative.stage:
        raise DomainError(_("Use “Change stage” to move an initiative."), field="stage")
    fields.pop("stage", None)
    before = audit.snapshot(initiative)
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.search_text = initiative_search_text(initiative)
    _validate(initiative)
    initiative.save()
    audit.record_update(workspace=workspace, actor=actor, obj=initiative, before=before)
    return initiative


@transaction.atomic
def change_stage(
    *,
    workspace: Workspace,
    actor: User | None,
    initiative: Initiative,
    stage: str,
    note: str = "",
) -> StageChange:
    """Move an initiative to another lifecycle stage, keeping who, when, from → to and why."""
    _check_same_workspace(workspace, initiative)
    if stage not in LifecycleStage.values:
        raise DomainError(
            _("Unknown lifecycle stage: %(stage)s.") % {"stage": stage}, field="stage"
        )
    if stage == initiative.stage:
        raise DomainError(_("The initiative is already at this stage."), field="stage")
    if initiative.is_archived:
        raise DomainError(_("Restore the initiative before changing its stage."))
    before = audit.snapshot(initiative)
    change = StageChange.objects.create(
        initiative=initiative,
        from_stage=initiative.stage,
        to_stage=stage,
        changed_by=actor if getattr(actor, "pk", None) else None,
        note=note.strip(),
    )
    initiative.stage = stage
    initiative.stage_changed_at = change.changed_at
    initiative.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    entry_changes = audit.diff(before, audit.snapshot(initiative))
    if change.note:
        entry_changes["note"] = [None, change.note]
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=initiative,
        changes=entry_changes,
    )
    return change


# --- engagement plans


@transaction.atomic
def save_plan(
    *,
    workspace: Workspace,
    actor: User | None,
    initiative: Initiative,
    stage: str,
    stakeholders: Iterable[Stakeholder] = (),
    organisations: Iterable[Organisation] = (),
    version: str | None = None,
    **fields,
) -> EngagementPlan:
    """Create or replace the engagement plan of one stage of an initiative; `version`, when
    given, must be the existing plan's (see heard.core.concurrency)."""
    _check_same_workspace(workspace, initiative)
    if stage not in LifecycleStage.values:
        raise DomainError(
            _("Unknown lifecycle stage: %(stage)s.") % {"stage": stage}, field="stage"
        )
    stakeholders, organisations = list(stakeholders), list(organisations)
    _check_same_workspace(workspace, *stakeholders, *organisations)
    fields["categories"] = _check_codes(
        fields.get("categories"), Category.values, "categories", _("stakeholder category")
    )
    fields["relations"] = _check_codes(
        fields.get("relations"), Relation.values, "relations", _("relation to impacts")
    )
    fields["risk_groups"] = _check_codes(
        fields.get("risk_groups"), RiskGroup.values, "risk_groups", _("group at heightened risk")
    )
    plan = EngagementPlan.objects.filter(initiative=initiative, stage=stage).first()
    if plan is not None:
        check_version(EngagementPlan, plan.pk, version)
    created = plan is None
    if created:
        plan = EngagementPlan(workspace=workspace, initiative=initiative, stage=stage)
        before = {}
    else:
        before = _plan_snapshot(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.archived_at = None  # saving an archived plan brings it back
    _validate(plan, exclude=["initiative"])
    plan.save()
    plan.stakeholders.set(stakeholders)
    plan.organisations.set(organisations)
    changes = audit.diff(before, _plan_snapshot(plan))
    if created or changes:
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=plan,
            changes=changes,
        )
    return plan


def _plan_snapshot(plan: EngagementPlan) -> dict:
    data = audit.snapshot(plan)
    data["stakeholders"] = sorted(plan.stakeholders.values_list("pk", flat=True))
    data["organisations"] = sorted(plan.organisations.values_list("pk", flat=True))
    return data
