"""Writes to engagements: create, update, status transitions, archive, derived dates."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.core.search import normalise
from heard.engagements.models import (
    Engagement,
    EngagementStatus,
    HrddStep,
    Participation,
    Session,
)
from heard.engagements.services.common import check_languages, check_same_workspace, validate
from heard.stakeholders.models import Organisation, Stakeholder

# Allowed moves. Invitations may be handled outside Heard, so "planned" may go straight to
# "held"; nothing moves backwards: what happened, happened (a correction is a new engagement).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    EngagementStatus.PLANNED: (EngagementStatus.INVITATIONS_SENT, EngagementStatus.HELD),
    EngagementStatus.INVITATIONS_SENT: (EngagementStatus.HELD,),
    EngagementStatus.HELD: (EngagementStatus.DEBRIEFED,),
    EngagementStatus.DEBRIEFED: (EngagementStatus.LOOP_CLOSED,),
    EngagementStatus.LOOP_CLOSED: (),
}
STATUS_TIMESTAMPS = {
    EngagementStatus.INVITATIONS_SENT: "invitations_sent_at",
    EngagementStatus.HELD: "held_at",
    EngagementStatus.DEBRIEFED: "debriefed_at",
    EngagementStatus.LOOP_CLOSED: "loop_closed_at",
}
EDITABLE_FIELDS = (
    "title",
    "format",
    "mode",
    "purpose",
    "learning_goals",
    "cannot_share",
    "barriers",
    "accountable_function",
    "senior_responsible_role",
    "owner",
    "lifecycle_stage",
    "initiative",
    "accessibility_accommodations",
    "briefing_materials",
    "attribution_rule",
    "is_compensation_offered",
    "compensation_details",
)


# --- helpers


def clean_glossary(entries: Iterable) -> list[dict[str, str]]:
    """Term/definition pairs, stripped, empty rows dropped; a term without definition is an
    error (a glossary that leaves a word unexplained does not build capacity)."""
    cleaned: list[dict[str, str]] = []
    for entry in entries or ():
        term = str(entry.get("term", "")).strip()
        definition = str(entry.get("definition", "")).strip()
        if not term and not definition:
            continue
        if not term or not definition:
            raise DomainError(
                _("Each glossary entry needs both a term and a plain-language definition."),
                field="glossary",
            )
        cleaned.append({"term": term[:200], "definition": definition[:2000]})
    return cleaned


def engagement_search_text(engagement: Engagement) -> str:
    """What the engagement list search matches."""
    initiative = engagement.initiative.name if engagement.initiative_id else ""
    return normalise(
        engagement.title,
        engagement.purpose,
        engagement.learning_goals,
        engagement.accountable_function,
        initiative,
    )


def _relations_snapshot(engagement: Engagement) -> dict:
    return {
        "hrdd_steps": sorted(engagement.hrdd_steps.values_list("pk", flat=True)),
        "impacts": sorted(engagement.impacts.values_list("pk", flat=True)),
    }


def _set_relations(workspace: Workspace, engagement: Engagement, hrdd_steps, impacts) -> None:
    if hrdd_steps is not None:
        hrdd_steps = list(hrdd_steps)
        check_same_workspace(workspace, *hrdd_steps)
        engagement.hrdd_steps.set(hrdd_steps)
    if impacts is not None:
        impacts = list(impacts)
        check_same_workspace(workspace, *impacts)
        engagement.impacts.set(impacts)


def _apply_fields(engagement: Engagement, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown engagement field: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(engagement, name, value)


def _check_owner(workspace: Workspace, owner: User | None) -> None:
    if owner is not None and not owner.memberships.filter(workspace=workspace).exists():
        raise DomainError(
            _("The engagement lead must be a member of this workspace."), field="owner"
        )


# --- create and update


@transaction.atomic
def create_engagement(
    *,
    workspace: Workspace,
    actor: User | None,
    hrdd_steps: Iterable[HrddStep] | None = None,
    impacts: Iterable | None = None,
    languages: Iterable[str] | None = None,
    interpretation_languages: Iterable[str] | None = None,
    glossary: Iterable[dict] | None = None,
    **fields,
) -> Engagement:
    """Plan a new engagement (status "planned"); sessions and participants come next."""
    engagement = Engagement(workspace=workspace)
    _apply_fields(engagement, fields)
    check_same_workspace(workspace, engagement.initiative)
    _check_owner(workspace, engagement.owner)
    engagement.languages = check_languages(languages)
    engagement.interpretation_languages = check_languages(
        interpretation_languages, field="interpretation_languages"
    )
    engagement.glossary = clean_glossary(glossary or ())
    validate(engagement)
    engagement.search_text = engagement_search_text(engagement)
    engagement.save()
    _set_relations(workspace, engagement, hrdd_steps or [], impacts or [])
    changes = audit.diff({}, {**audit.snapshot(engagement), **_relations_snapshot(engagement)})
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        obj=engagement,
        changes=changes,
    )
    return engagement


@transaction.atomic
def update_engagement(
    *,
    workspace: Workspace,
    actor: User | None,
    engagement: Engagement,
    hrdd_steps: Iterable[HrddStep] | None = None,
    impacts: Iterable | None = None,
    languages: Iterable[str] | None = None,
    interpretation_languages: Iterable[str] | None = None,
    glossary: Iterable[dict] | None = None,
    version: str | None = None,
    **fields,
) -> Engagement:
    """Change an engagement's plan; relations given as None are left as they are."""
    check_version(Engagement, engagement.pk, version)
    check_same_workspace(workspace, engagement)
    before = {**audit.snapshot(engagement), **_relations_snapshot(engagement)}
    _apply_fields(engagement, fields)
    check_same_workspace(workspace, engagement.initiative)
    _check_owner(workspace, engagement.owner)
    if languages is not None:
        engagement.languages = check_languages(languages)
    if interpretation_languages is not None:
        engagement.interpretation_languages = check_languages(
            interpretation_languages, field="interpretation_languages"
        )
    if glossary is not None:
        engagement.glossary = clean_glossary(glossary)
    validate(engagement)
    engagement.search_text = engagement_search_text(engagement)
    engagement.save()
    _set_relations(workspace, engagement, hrdd_steps, impacts)
    after = {**audit.snapshot(engagement), **_relations_snapshot(engagement)}
    changes = audit.diff(before, after)
    if changes:
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=engagement,
            changes=changes,
        )
    return engagement


# --- status


def allowed_transitions(engagement: Engagement) -> tuple[str, ...]:
    """The statuses an engagement may move to next."""
    return TRANSITIONS.get(engagement.status, ())


def _transition_problem(engagement: Engagement, status: str) -> str | None:
    if status not in allowed_transitions(engagement):
        return _("An engagement that is “%(old)s” cannot become “%(new)s”.") % {
            "old": engagement.get_status_display(),
            "new": EngagementStatus(status).label if status in EngagementStatus.values else status,
        }
    if engagement.is_archived:
        return _("Restore the engagement before changing its status.")
    sessions = Session.objects.for_workspace(engagement.workspace_id).filter(
        engagement=engagement, cancelled_at__isnull=True
    )
    if status == EngagementStatus.HELD and not sessions.exists():
        return _("Add the session(s) that were held before marking the engagement held.")
    if status == EngagementStatus.HELD and sessions.filter(
        starts_at__gt=timezone.now()
    ).count() == (sessions.count()):
        return _("No session has started yet: an engagement cannot be held in the future.")
    return None


@transaction.atomic
def change_status(
    *, workspace: Workspace, actor: User | None, engagement: Engagement, status: str
) -> Engagement:
    """Move an engagement one step along planned → invitations sent → held → debriefed →
    loop closed. Holding it records the participants' last engagement date."""
    check_same_workspace(workspace, engagement)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if problem := _transition_problem(engagement, status):
        raise DomainError(problem, field="status", code="invalid_transition")
    before = audit.snapshot(engagement)
    engagement.status = status
    now = timezone.now()
    setattr(engagement, STATUS_TIMESTAMPS[status], now)
    engagement.save(update_fields=["status", STATUS_TIMESTAMPS[status], "updated_at"])
    if status == EngagementStatus.HELD:
        mark_last_engaged(engagement)
    audit.record_update(workspace=workspace, actor=actor, obj=engagement, before=before)
    return engagement


def mark_last_engaged(engagement: Engagement) -> int:
    """Move the participants' (and their organisations') `last_engaged_on` forward to the
    engagement's date; people known to have stayed away are left out."""
    day = engagement.starts_on or timezone.localdate()
    ids = (
        Participation.objects.for_workspace(engagement.workspace_id)
        .filter(engagement=engagement, archived_at__isnull=True)
        .exclude(attended=False)
        .values("stakeholder_id")
    )
    later = Q(last_engaged_on__isnull=True) | Q(last_engaged_on__lt=day)
    count = (
        Stakeholder.objects.for_workspace(engagement.workspace_id)
        .filter(later, pk__in=ids)
        .update(last_engaged_on=day)
    )
    org_ids = Stakeholder.objects.filter(pk__in=ids, organisation__isnull=False).values(
        "organisation_id"
    )
    Organisation.objects.for_workspace(engagement.workspace_id).filter(
        later, pk__in=org_ids
    ).update(last_engaged_on=day)
    return count


# --- archive


@transaction.atomic
def set_archived(
    *, workspace: Workspace, actor: User | None, engagement: Engagement, archived: bool
) -> Engagement:
    """Archive an engagement (kept with its history; restorable) or restore it."""
    check_same_workspace(workspace, engagement)
    if archived == engagement.is_archived:
        return engagement
    engagement.archived_at = timezone.now() if archived else None
    engagement.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ARCHIVE if archived else AuditAction.RESTORE,
        obj=engagement,
    )
    return engagement


# --- derived dates


def sync_starts_on(engagement: Engagement) -> None:
    """Recompute `starts_on` (first session not cancelled, as a date in its own time zone)
    and copy it onto every participation, where the fatigue check reads it."""
    first = (
        Session.objects.for_workspace(engagement.workspace_id)
        .filter(engagement=engagement, cancelled_at__isnull=True)
        .order_by("starts_at")
        .first()
    )
    day = first.local_starts_at.date() if first else None
    if engagement.starts_on != day:
        engagement.starts_on = day
        Engagement.objects.filter(pk=engagement.pk).update(starts_on=day)
    Participation.objects.filter(engagement=engagement).exclude(engaged_on=day).update(
        engaged_on=day
    )
