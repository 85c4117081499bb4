"""Writes to impacts: scores, rights, groups, status and actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.core.search import normalise
from heard.impacts import rights as catalogue
from heard.impacts import scoring
from heard.impacts.models import (
    STATUS_TRANSITIONS,
    Impact,
    ImpactAction,
    ImpactKind,
    ImpactRight,
    ImpactRiskGroup,
    ImpactStatus,
    Initiative,
)
from heard.impacts.services.common import (
    _check_codes,
    _check_member,
    _check_same_workspace,
    _validate,
)
from heard.stakeholders.models import RiskGroup

SCORE_FIELDS = ("scale", "scope", "irremediability", "likelihood")


# --- impacts


def impact_search_text(impact: Impact, right_codes: Iterable[str] = ()) -> str:
    """What the impact search matches: title, description, groups and the rights' names."""
    return normalise(
        impact.title,
        impact.description,
        impact.affected_groups,
        " ".join(
            str(catalogue.CATALOGUE[c].name)
            for c in sorted(right_codes)
            if c in catalogue.CATALOGUE
        ),
    )


def _check_scores(impact: Impact) -> None:
    """Each score 1–5; likelihood only for potential impacts (an actual one has happened)."""
    for name in SCORE_FIELDS:
        value = getattr(impact, name)
        if value is None and name != "likelihood":
            raise DomainError(_("Give a score from 1 to 5."), field=name)
        if value is not None and (not isinstance(value, int) or not 1 <= value <= 5):
            label = Impact._meta.get_field(name).verbose_name
            raise DomainError(
                _("%(field)s must be a whole number from 1 to 5 (got %(value)s).")
                % {"field": str(label).capitalize(), "value": value},
                field=name,
            )
    if impact.kind == ImpactKind.ACTUAL and impact.likelihood is not None:
        raise DomainError(
            _("Likelihood applies only to potential impacts: an actual impact has happened."),
            field="likelihood",
        )


def _apply_scores(impact: Impact) -> None:
    _check_scores(impact)
    found = scoring.compute(
        kind=impact.kind,
        scale=impact.scale,
        scope=impact.scope,
        irremediability=impact.irremediability,
        likelihood=impact.likelihood,
    )
    impact.severity, impact.salience = found.severity, found.salience


def _check_initiatives(workspace: Workspace, initiatives: Iterable[Initiative] | None):
    if initiatives is None:
        return None
    initiatives = list(initiatives)
    _check_same_workspace(workspace, *initiatives)
    return initiatives


def _set_links(impact: Impact, right_codes, risk_groups, initiatives) -> None:
    if right_codes is not None:
        impact.right_links.exclude(code__in=right_codes).delete()
        have = set(impact.right_links.values_list("code", flat=True))
        ImpactRight.objects.bulk_create(
            ImpactRight(impact=impact, code=c) for c in right_codes if c not in have
        )
    if risk_groups is not None:
        impact.risk_group_links.exclude(group__in=risk_groups).delete()
        have = set(impact.risk_group_links.values_list("group", flat=True))
        ImpactRiskGroup.objects.bulk_create(
            ImpactRiskGroup(impact=impact, group=g) for g in risk_groups if g not in have
        )
    if initiatives is not None:
        impact.initiatives.set(initiatives)


def _impact_snapshot(impact: Impact) -> dict:
    data = audit.snapshot(impact)
    data["rights"] = sorted(impact.right_links.values_list("code", flat=True))
    data["risk_groups"] = sorted(impact.risk_group_links.values_list("group", flat=True))
    data["initiatives"] = sorted(impact.initiatives.values_list("pk", flat=True))
    return data


def _check_links(workspace: Workspace, right_codes, risk_groups, initiatives):
    if right_codes is not None:
        right_codes = _check_codes(right_codes, catalogue.CATALOGUE, "rights", _("right code"))
    if risk_groups is not None:
        risk_groups = _check_codes(
            risk_groups, RiskGroup.values, "risk_groups", _("group at heightened risk")
        )
    return right_codes, risk_groups, _check_initiatives(workspace, initiatives)


@transaction.atomic
def create_impact(
    *,
    workspace: Workspace,
    actor: User | None,
    rights: Iterable[str] = (),
    risk_groups: Iterable[str] = (),
    initiatives: Iterable[Initiative] = (),
    **fields,
) -> Impact:
    """Register an impact with its rights, groups at heightened risk and initiatives."""
    right_codes, groups, initiative_list = _check_links(workspace, rights, risk_groups, initiatives)
    if not right_codes:
        raise DomainError(_("Name at least one right the impact affects."), field="rights")
    impact = Impact(workspace=workspace, **fields)
    _apply_scores(impact)
    impact.search_text = impact_search_text(impact, right_codes)
    _validate(impact)
    impact.save()
    _set_links(impact, right_codes, groups, initiative_list)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        obj=impact,
        changes=audit.diff({}, _impact_snapshot(impact)),
    )
    return impact


@transaction.atomic
def update_impact(
    *,
    workspace: Workspace,
    actor: User | None,
    impact: Impact,
    rights: Iterable[str] | None = None,
    risk_groups: Iterable[str] | None = None,
    initiatives: Iterable[Initiative] | None = None,
    version: str | None = None,
    **fields,
) -> Impact:
    """Change an impact's description, scores and links; severity and salience follow."""
    check_version(Impact, impact.pk, version)
    _check_same_workspace(workspace, impact)
    if "status" in fields and fields["status"] != impact.status:
        raise DomainError(_("Use “Change status” to move an impact."), field="status")
    fields.pop("status", None)
    right_codes, groups, initiative_list = _check_links(workspace, rights, risk_groups, initiatives)
    if right_codes is not None and not right_codes:
        raise DomainError(_("Name at least one right the impact affects."), field="rights")
    before = _impact_snapshot(impact)
    for name, value in fields.items():
        setattr(impact, name, value)
    _apply_scores(impact)
    codes = right_codes if right_codes is not None else before["rights"]
    impact.search_text = impact_search_text(impact, codes)
    _validate(impact)
    impact.save()
    _set_links(impact, right_codes, groups, initiative_list)
    changes = audit.diff(before, _impact_snapshot(impact))
    if changes:
        audit.record(
            workspace=workspace, actor=actor, action=AuditAction.UPDATE, obj=impact, changes=changes
        )
    return impact


@transaction.atomic
def change_status(
    *, workspace: Workspace, actor: User | None, impact: Impact, status: str, note: str = ""
) -> Impact:
    """Move an impact along identified → assessed → action planned → mitigating → remediated
    (or closed), one allowed step at a time; the audit entry keeps who, when and why."""
    _check_same_workspace(workspace, impact)
    if status not in ImpactStatus.values:
        raise DomainError(_("Unknown status: %(status)s.") % {"status": status}, field="status")
    allowed = STATUS_TRANSITIONS[impact.status]
    if status not in allowed:
        raise DomainError(
            _("An impact cannot go from “%(old)s” to “%(new)s”. Allowed next: %(allowed)s.")
            % {
                "old": impact.get_status_display(),
                "new": ImpactStatus(status).label,
                "allowed": ", ".join(str(ImpactStatus(s).label) for s in _ordered(allowed)),
            },
            field="status",
        )
    if impact.is_archived:
        raise DomainError(_("Restore the impact before changing its status."))
    old = impact.status
    impact.status = status
    impact.status_changed_at = timezone.now()
    impact.save(update_fields=["status", "status_changed_at", "updated_at"])
    changes = {"status": [old, status]}
    if note.strip():
        changes["note"] = [None, note.strip()]
    audit.record(
        workspace=workspace, actor=actor, action=AuditAction.UPDATE, obj=impact, changes=changes
    )
    return impact


def _ordered(statuses: Iterable[str]) -> list[str]:
    order = list(ImpactStatus.values)
    return sorted(statuses, key=order.index)


def next_statuses(impact: Impact) -> list[tuple[str, str]]:
    """(value, label) of the statuses the impact may move to, in due-diligence order."""
    order = list(ImpactStatus.values)
    here = order.index(impact.status)
    # Forward steps first (the usual move is the default choice), then closing, then back.
    allowed = sorted(
        STATUS_TRANSITIONS[impact.status], key=lambda s: (order.index(s) < here, order.index(s))
    )
    return [(s, ImpactStatus(s).label) for s in allowed]


# --- actions


@transaction.atomic
def create_action(
    *,
    workspace: Workspace,
    actor: User | None,
    impact: Impact,
    description: str,
    owner: User | None = None,
    due_on: date | None = None,
) -> ImpactAction:
    """Add an action to an impact."""
    _check_same_workspace(workspace, impact)
    _check_member(workspace, owner, "owner")
    action = ImpactAction(
        workspace=workspace, impact=impact, description=description, owner=owner, due_on=due_on
    )
    _validate(action, exclude=["impact"])
    action.save()
    audit.record_create(workspace=workspace, actor=actor, obj=action)
    return action


@transaction.atomic
def update_action(
    *,
    workspace: Workspace,
    actor: User | None,
    action: ImpactAction,
    version: str | None = None,
    **fields,
) -> ImpactAction:
    """Change an action; marking it done stamps when."""
    check_version(ImpactAction, action.pk, version)
    _check_same_workspace(workspace, action)
    if "owner" in fields:
        _check_member(workspace, fields["owner"], "owner")
    before = audit.snapshot(action)
    for name, value in fields.items():
        setattr(action, name, value)
    if action.is_done and action.done_at is None:
        action.done_at = timezone.now()
    elif not action.is_done:
        action.done_at = None
    _validate(action, exclude=["impact"])
    action.save()
    audit.record_update(workspace=workspace, actor=actor, obj=action, before=before)
    return action
