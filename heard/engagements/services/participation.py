"""Writes to participation: invite from the registry, record replies, attendance and pay."""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel.numbers import list_currencies
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.engagements.models import (
    CompensationStatus,
    Engagement,
    EngagementStatus,
    InvitationState,
    Participation,
    ParticipationRole,
    Representation,
    Session,
)
from heard.engagements.services.common import check_same_workspace, validate
from heard.stakeholders.models import Relation, Stakeholder

EDITABLE_FIELDS = (
    "session",
    "role",
    "representation",
    "representation_basis",
    "invitation_state",
    "attended",
    "needs_interpretation",
    "interpretation_language",
    "accessibility_needs",
    "compensation_status",
    "compensation_amount",
    "compensation_currency",
    "compensation_in_kind",
    "notes",
)
# A representative or proxy speaks for others: the basis of that claim must be written down
# (UNGP 18 commentary: "legitimate representatives", "credible independent expert resources").
BASIS_REQUIRED = {Representation.LEGITIMATE_REPRESENTATIVE, Representation.CREDIBLE_PROXY}
DEFAULT_REPRESENTATION = {
    Relation.POTENTIALLY_AFFECTED: Representation.DIRECT,
    Relation.LEGITIMATE_REPRESENTATIVE: Representation.LEGITIMATE_REPRESENTATIVE,
    Relation.OTHER_RELEVANT: Representation.EXPERT,
}


@dataclass
class InviteResult:
    """What `add_participants` did."""

    added: list[Participation] = field(default_factory=list)
    restored: list[Participation] = field(default_factory=list)
    already: list[Stakeholder] = field(default_factory=list)


def _check_open(engagement: Engagement) -> None:
    if engagement.is_archived:
        raise DomainError(_("Restore the engagement before changing its participants."))
    if engagement.status == EngagementStatus.LOOP_CLOSED:
        raise DomainError(_("The loop of this engagement is closed: participants are final."))


@transaction.atomic
def add_participants(
    *,
    workspace: Workspace,
    actor: User | None,
    engagement: Engagement,
    stakeholders: Iterable[Stakeholder],
    role: str = ParticipationRole.PARTICIPANT,
    session: Session | None = None,
) -> InviteResult:
    """Put stakeholders on the engagement's invitee list as drafts (nobody is emailed yet).

    Archived stakeholders are refused and nothing is written; people already on the list are
    reported, not duplicated; someone removed earlier is put back."""
    check_same_workspace(workspace, engagement, session)
    _check_open(engagement)
    if role not in ParticipationRole.values:
        raise DomainError(_("Choose a role."), field="role")
    if session is not None and session.engagement_id != engagement.pk:
        raise DomainError(_("That session belongs to another engagement."), field="session")
    people = list(stakeholders)
    check_same_workspace(workspace, *people)
    archived = [s for s in people if s.archived_at is not None]
    if archived:
        names = ", ".join(str(s) for s in archived[:5])
        raise DomainError(
            _("Archived stakeholders cannot be invited: %(names)s. Restore them first.")
            % {"names": names},
            field="stakeholders",
        )
    existing = {
        p.stakeholder_id: p
        for p in Participation.objects.for_workspace(workspace).filter(
            engagement=engagement, stakeholder__in=people
        )
    }
    result = InviteResult()
    new_rows = []
    for stakeholder in people:
        found = existing.get(stakeholder.pk)
        if found is not None and found.archived_at is None:
            result.already.append(stakeholder)
        elif found is not None:
            found.archived_at = None
            found.save(update_fields=["archived_at", "updated_at"])
            result.restored.append(found)
        else:
            new_rows.append(
                Participation(
                    workspace=workspace,
                    engagement=engagement,
                    stakeholder=stakeholder,
                    session=session,
                    role=role,
                    representation=DEFAULT_REPRESENTATION.get(
                        stakeholder.relation, Representation.DIRECT
                    ),
                    engaged_on=engagement.starts_on,
                )
            )
    result.added = Participation.objects.bulk_create(new_rows, batch_size=1000)
    audit.record_bulk(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        items=[(p, audit.diff({}, audit.snapshot(p))) for p in result.added],
    )
    audit.record_bulk(
        workspace=workspace,
        actor=actor,
        action=AuditAction.RESTORE,
        items=[(p, {}) for p in result.restored],
    )
    return result


def _clean_compensation(participation: Participation) -> None:
    currency = (participation.compensation_currency or "").strip().upper()
    participation.compensation_currency = currency
    if currency and currency not in list_currencies():
        raise DomainError(
            _("“%(code)s” is not an ISO 4217 currency code (e.g. EUR, KES, USD).")
            % {"code": currency},
            field="compensation_currency",
        )
    amount = participation.compensation_amount
    if amount is not None:
        if amount < 0:
            raise DomainError(_("An amount cannot be negative."), field="compensation_amount")
        if not currency:
            raise DomainError(_("Give the currency of the amount."), field="compensation_currency")
    has_terms = amount is not None or participation.compensation_in_kind.strip()
    if participation.compensation_status and not has_terms:
        raise DomainError(
            _("Say what is offered: an amount and currency, or compensation in kind."),
            field="compensation_amount",
        )
    if has_terms and not participation.compensation_status:
        participation.compensation_status = CompensationStatus.OFFERED


@transaction.atomic
def update_participation(
    *,
    workspace: Workspace,
    actor: User | None,
    participation: Participation,
    version: str | None = None,
    **fields,
) -> Participation:
    """Change one participant's role, representation, reply, attendance, needs or pay."""
    check_version(Participation, participation.pk, version)
    check_same_workspace(workspace, participation, fields.get("session"))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(f)s") % {"f": ", ".join(sorted(unknown))})
    session = fields.get("session")
    if session is not None and session.engagement_id != participation.engagement_id:
        raise DomainError(_("That session belongs to another engagement."), field="session")
    before = audit.snapshot(participation)
    for name, value in fields.items():
        setattr(participation, name, value)
    if (
        participation.representation in BASIS_REQUIRED
        and not (participation.representation_basis or "").strip()
    ):
        raise DomainError(
            _("Say on what basis this person represents or speaks for the affected group."),
            field="representation_basis",
        )
    if isinstance(participation.compensation_amount, int | float | str):
        try:
            participation.compensation_amount = decimal.Decimal(
                str(participation.compensation_amount)
            )
        except decimal.InvalidOperation as error:
            raise DomainError(_("Enter an amount."), field="compensation_amount") from error
    _clean_compensation(participation)
    validate(participation, exclude=("workspace", "engagement", "stakeholder"))
    participation.save()
    audit.record_update(workspace=workspace, actor=actor, obj=participation, before=before)
    return participation


@transaction.atomic
def remove_participant(
    *, workspace: Workspace, actor: User | None, participation: Participation
) -> Participation:
    """Take someone off the list (archived, with history). Once invited, they are told
    through the calendar: the caller sends a cancellation if the invitation went out."""
    check_same_workspace(workspace, participation)
    _check_open(participation.engagement)
    if participation.archived_at is not None:
        return participation
    participation.archived_at = timezone.now()
    participation.save(update_fields=["archived_at", "updated_at"])
    audit.record(workspace=workspace, actor=actor, action=AuditAction.ARCHIVE, obj=participation)
    return participation


def set_invitation_state(
    *, workspace: Workspace, actor: User | None, participation: Participation, state: str
) -> Participation:
    """Record a reply (accepted, declined, no reply)."""
    if state not in InvitationState.values:
        raise DomainError(_("Unknown invitation state."), field="invitation_state")
    return update_participation(
        workspace=workspace, actor=actor, participation=participation, invitation_state=state
    )
