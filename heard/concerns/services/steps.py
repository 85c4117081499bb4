"""The steps of the procedure — acknowledge, assess, decide, remedy, close — each recorded
with who and when, written to the audit log, and told to the person (UNGP 31)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.concerns.models import (
    OPEN_REMEDY_STATUSES,
    REMEDIABLE,
    Concern,
    ConcernEvent,
    ConcernOutcome,
    ConcernStatus,
    EventKind,
    Remedy,
    RemedyKind,
    RemedyStatus,
)
from heard.concerns.services.common import (
    add_event,
    check_same_workspace,
    require_text,
    validate,
)
from heard.concerns.services.notify import inform_person
from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.impacts import rights

S = ConcernStatus


def _check_status(concern: Concern, allowed: Iterable[str], message: str) -> None:
    if concern.status not in set(allowed):
        raise DomainError(message, code="wrong_step")


def _step(
    *,
    workspace: Workspace,
    actor,
    concern: Concern,
    kind: str,
    status: str | None,
    message: str = "",
    internal_note: str = "",
    **fields,
) -> ConcernEvent:
    """Apply field changes and the new status, save, audit, add the event, tell the person."""
    before = audit.snapshot(concern)
    for name, value in fields.items():
        setattr(concern, name, value)
    if status is not None:
        concern.status = status
    concern.due_on = current_due_on(concern)
    validate(concern)
    concern.save()
    audit.record_update(workspace=workspace, actor=actor, obj=concern, before=before)
    event = add_event(concern, kind, actor=actor, message=message, internal_note=internal_note)
    inform_person(concern, event)
    return event


def current_due_on(concern: Concern) -> datetime.date | None:
    """The deadline of the step the concern waits for (None once nothing is due)."""
    if concern.status == S.RECEIVED:
        return concern.acknowledge_due_on
    if concern.status == S.ACKNOWLEDGED:
        return concern.assessment_due_on
    if concern.status == S.ASSESSING:
        return concern.outcome_due_on
    if concern.status == S.REMEDY_IN_PROGRESS and concern.pk:
        # A fresh query: a prefetched list would miss the remedy just added.
        dates = Remedy.objects.filter(
            concern=concern, status__in=OPEN_REMEDY_STATUSES, due_on__isnull=False
        ).values_list("due_on", flat=True)
        return min(dates, default=None)
    return None


def _open(workspace: Workspace, concern: Concern) -> None:
    check_same_workspace(workspace, concern)
    if not concern.is_open:
        raise DomainError(_("This concern is closed; nothing more can be recorded on it."))


@transaction.atomic
def acknowledge(
    *, workspace: Workspace, actor: User, concern: Concern, message: str = "", handler=None
) -> ConcernEvent:
    """Acknowledge receipt: someone is responsible now."""
    _open(workspace, concern)
    _check_status(concern, {S.RECEIVED}, _("This concern was already acknowledged."))
    if handler is not None and not handler.memberships.filter(workspace=workspace).exists():
        raise DomainError(_("Handled by: choose a member of this workspace."), field="handler")
    return _step(
        workspace=workspace,
        actor=actor,
        concern=concern,
        kind=EventKind.ACKNOWLEDGED,
        status=S.ACKNOWLEDGED,
        message=message,
        acknowledged_at=timezone.now(),
        handler=handler or concern.handler or actor,
    )


def _check_rights(codes: Iterable[str]) -> list[str]:
    codes = list(dict.fromkeys(codes))
    unknown = [c for c in codes if not rights.is_known(c)]
    if unknown:
        raise DomainError(
            _("Rights possibly affected: unknown right %(code)s.") % {"code": unknown[0]},
            field="right_codes",
        )
    return codes


@transaction.atomic
def assess(
    *,
    workspace: Workspace,
    actor: User,
    concern: Concern,
    notes: str = "",
    initiative=None,
    right_codes: Iterable[str] = (),
    message: str = "",
) -> ConcernEvent | None:
    """Start the assessment (from acknowledged), or update its notes, initiative and rights
    while it runs. Notes are internal; `message` goes to the person."""
    _open(workspace, concern)
    check_same_workspace(workspace, initiative)
    _check_status(
        concern,
        {S.ACKNOWLEDGED, S.ASSESSING},
        _("Acknowledge the concern before assessing it."),
    )
    fields = {
        "assessment_notes": (notes or "").strip(),
        "initiative": initiative,
        "right_codes": _check_rights(right_codes),
    }
    if concern.status == S.ACKNOWLEDGED:
        fields["assessment_started_at"] = timezone.now()
        return _step(
            workspace=workspace,
            actor=actor,
            concern=concern,
            kind=EventKind.ASSESSING,
            status=S.ASSESSING,
            message=message,
            **fields,
        )
    before = audit.snapshot(concern)
    for name, value in fields.items():
        setattr(concern, name, value)
    validate(concern)
    concern.save()
    audit.record_update(workspace=workspace, actor=actor, obj=concern, before=before)
    if (message or "").strip():
        return message_person(workspace=workspace, actor=actor, concern=concern, message=message)
    return None


@transaction.atomic
def decide_outcome(
    *, workspace: Workspace, actor: User, concern: Concern, outcome: str, reasons: str
) -> ConcernEvent:
    """Decide the outcome; the reasons are required for every outcome and told to the
    person (UNGP 31 "equitable", "transparent")."""
    _open(workspace, concern)
    _check_status(concern, {S.ASSESSING}, _("Start the assessment before deciding the outcome."))
    if outcome not in ConcernOutcome.values:
        raise DomainError(_("Outcome: choose one of the listed outcomes."), field="outcome")
    reasons = require_text(
        reasons,
        field="outcome_reasons",
        message=_("Reasons: say why you reached this outcome; the person will read them."),
    )
    return _step(
        workspace=workspace,
        actor=actor,
        concern=concern,
        kind=EventKind.OUTCOME,
        status=S.OUTCOME_DECIDED,
        outcome=outcome,
        outcome_reasons=reasons,
        outcome_decided_at=timezone.now(),
    )


@transaction.atomic
def declare_not_admissible(
    *, workspace: Workspace, actor: User, concern: Concern, reasons: str
) -> ConcernEvent:
    """End the procedure early because the channel cannot handle the concern, with reasons
    the person reads (and, where possible, who can handle it)."""
    _open(workspace, concern)
    _check_status(
        concern,
        {S.RECEIVED, S.ACKNOWLEDGED, S.ASSESSING},
        _("An outcome was already decided; close the concern instead."),
    )
    reasons = require_text(
        reasons,
        field="inadmissible_reasons",
        message=_("Reasons: say why the concern is not admissible; the person will read them."),
    )
    now = timezone.now()
    return _step(
        workspace=workspace,
        actor=actor,
        concern=concern,
        kind=EventKind.NOT_ADMISSIBLE,
        status=S.NOT_ADMISSIBLE,
        inadmissible_reasons=reasons,
        closed_at=now,
    )


@transaction.atomic
def add_remedy(
    *,
    workspace: Workspace,
    actor: User,
    concern: Concern,
    kind: str,
    description: str,
    due_on: datetime.date | None = None,
    message: str = "",
) -> Remedy:
    """Plan a remedy for an upheld (or partly upheld) concern; the concern moves to
    "remedy in progress"."""
    _open(workspace, concern)
    _check_status(
        concern,
        {S.OUTCOME_DECIDED, S.REMEDY_IN_PROGRESS},
        _("Decide the outcome before planning a remedy."),
    )
    if concern.outcome not in REMEDIABLE:
        raise DomainError(_("A remedy follows an upheld or partly upheld concern."), field="kind")
    if kind not in RemedyKind.values:
        raise DomainError(_("Kind of remedy: choose one of the listed kinds."), field="kind")
    remedy = Remedy(
        workspace=workspace,
        concern=concern,
        kind=kind,
        description=require_text(
            description, field="description", message=_("Description: say what the remedy is.")
        ),
        due_on=due_on,
    )
    validate(remedy, exclude=("workspace", "concern"))
    remedy.save()
    audit.record_create(workspace=workspace, actor=actor, obj=remedy)
    _step(
        workspace=workspace,
        actor=actor,
        concern=concern,
        kind=EventKind.REMEDY,
        status=S.REMEDY_IN_PROGRESS,
        message=message,
    )
    return remedy


@transaction.atomic
def update_remedy(
    *, workspace: Workspace, actor: User, remedy: Remedy, status: str, message: str = ""
) -> Remedy:
    """Move a remedy along (planned → in progress → provided, or declined by the person)."""
    check_same_workspace(workspace, remedy)
    concern = remedy.concern
    _open(workspace, concern)
    if status not in RemedyStatus.values:
        raise DomainError(_("Status: choose one of the listed statuses."), field="status")
    if status == remedy.status and not (message or "").strip():
        return remedy
    before = audit.snapshot(remedy)
    remedy.status = status
    if status == RemedyStatus.PROVIDED and remedy.provided_at is None:
        remedy.provided_at = timezone.now()
    remedy.save()
    audit.record_update(workspace=workspace, actor=actor, obj=remedy, before=before)
    _step(
        workspace=workspace,
        actor=actor,
        concern=concern,
        kind=EventKind.REMEDY_UPDATE,
        status=None,
        message=message,
    )
    return remedy


@transaction.atomic
def close_concern(
    *, workspace: Workspace, actor: User, concern: Concern, message: str = ""
) -> ConcernEvent:
    """Close the concern once the outcome is decided and no remedy is still open."""
    _open(workspace, concern)
    _check_status(
        concern,
        {S.OUTCOME_DECIDED, S.REMEDY_IN_PROGRESS},
        _("Decide the outcome before closing the concern."),
    )
    if concern.remedies.filter(status__in=OPEN_REMEDY_STATUSES).exists():
        raise DomainError(
            _("A remedy is still planned or in progress: record it as provided or declined first.")
        )
    return _step(
        workspace=workspace,
        actor=actor,
        concern=concern,
        kind=EventKind.CLOSED,
        status=S.CLOSED,
        message=message,
        closed_at=timezone.now(),
    )


@transaction.atomic
def message_person(
    *, workspace: Workspace, actor: User, concern: Concern, message: str
) -> ConcernEvent:
    """Send the person a message about their concern (shown on the status page too)."""
    check_same_workspace(workspace, concern)
    text = require_text(message, field="message", message=_("Message: write what to tell them."))
    event = add_event(concern, EventKind.MESSAGE, actor=actor, message=text)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=concern,
        changes={"message to the person": [None, text[:200]]},
    )
    inform_person(concern, event)
    return event


@transaction.atomic
def record_feedback(
    *, workspace: Workspace, actor, concern: Concern, rating: int, comment: str = ""
) -> Concern:
    """The person's view of the process ("was this fair?", 1–5): a source of continuous
    learning (UNGP 31 f). Once the outcome is decided; a later answer replaces the earlier."""
    check_same_workspace(workspace, concern)
    if concern.status not in (
        S.OUTCOME_DECIDED,
        S.REMEDY_IN_PROGRESS,
        S.CLOSED,
        S.NOT_ADMISSIBLE,
    ):
        raise DomainError(_("You can rate the process once an outcome has been decided."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Rating: choose a number from 1 to 5."), field="rating")
    before = audit.snapshot(concern)
    concern.satisfaction_rating = rating
    concern.satisfaction_comment = (comment or "").strip()
    concern.satisfaction_given_at = timezone.now()
    validate(concern)
    concern.save()
    audit.record_update(workspace=workspace, actor=actor, obj=concern, before=before)
    add_event(concern, EventKind.FEEDBACK, actor=actor)
    return concern
