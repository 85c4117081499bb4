"""Writes to advisory councils: every rule about councils, terms and meetings lives here."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.councils.models import Council, CouncilMeeting, CouncilMember, CouncilRole
from heard.stakeholders.models import Stakeholder

COUNCIL_FIELDS = ("name", "terms_of_reference", "initiative", "convener", "reminder_days")
MEMBER_FIELDS = ("role", "term_start", "term_end", "notes")


def _check_same_workspace(workspace: Workspace, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError(_("That record belongs to another workspace."))


def _validate(obj) -> None:
    try:
        obj.full_clean(exclude=["workspace", "council", "stakeholder"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def _check_convener(workspace: Workspace, convener: User | None) -> None:
    if convener is not None and not workspace.memberships.filter(user=convener).exists():
        raise DomainError(_("The convener must be a member of this workspace."), field="convener")


def _check_name_free(workspace: Workspace, name: str, exclude_pk: int | None = None) -> None:
    clash = Council.objects.for_workspace(workspace).filter(name__iexact=name.strip())
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError(_("A council with this name already exists."), field="name")


# --- councils


@transaction.atomic
def create_council(*, workspace: Workspace, actor: User | None, **fields) -> Council:
    """Create a council."""
    council = Council(workspace=workspace, **{k: v for k, v in fields.items() if v is not None})
    council.name = (council.name or "").strip()
    _check_same_workspace(workspace, council.initiative)
    _check_convener(workspace, council.convener)
    _validate(council)
    _check_name_free(workspace, council.name)
    council.save()
    audit.record_create(workspace=workspace, actor=actor, obj=council)
    return council


@transaction.atomic
def update_council(
    *,
    workspace: Workspace,
    actor: User | None,
    council: Council,
    version: str | None = None,
    **fields,
) -> Council:
    """Change a council's name, terms of reference, initiative, convener or reminder."""
    check_version(Council, council.pk, version)
    _check_same_workspace(workspace, council)
    before = audit.snapshot(council)
    for name in COUNCIL_FIELDS:
        if name in fields:
            setattr(council, name, fields[name])
    council.name = (council.name or "").strip()
    _check_same_workspace(workspace, council.initiative)
    _check_convener(workspace, council.convener)
    _validate(council)
    _check_name_free(workspace, council.name, exclude_pk=council.pk)
    council.save()
    audit.record_update(workspace=workspace, actor=actor, obj=council, before=before)
    return council


@transaction.atomic
def archive(*, workspace: Workspace, actor: User | None, obj: Council | CouncilMember) -> None:
    """Archive a council or a member's term (kept with its history; restorable)."""
    _check_same_workspace(workspace, obj)
    if obj.archived_at is not None:
        return
    obj.archived_at = timezone.now()
    obj.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ARCHIVE,
        obj=obj,
        changes={"archived_at": [None, obj.archived_at.isoformat()]},
    )


@transaction.atomic
def restore(*, workspace: Workspace, actor: User | None, obj: Council | CouncilMember) -> None:
    """Restore an archived council or term; a term that would now overlap another is refused."""
    _check_same_workspace(workspace, obj)
    if obj.archived_at is None:
        return
    if isinstance(obj, CouncilMember):
        _check_no_overlap(obj)
    before = obj.archived_at
    obj.archived_at = None
    obj.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.RESTORE,
        obj=obj,
        changes={"archived_at": [before.isoformat(), None]},
    )


# --- members


def _check_no_overlap(member: CouncilMember) -> None:
    """A stakeholder holds at most one active term on a council at any one time."""
    clash = (
        CouncilMember.objects.filter(
            council_id=member.council_id,
            stakeholder_id=member.stakeholder_id,
            archived_at__isnull=True,
            term_start__lte=member.term_end,
            term_end__gte=member.term_start,
        )
        .exclude(pk=member.pk)
        .order_by("term_start")
        .first()
    )
    if clash is not None:
        raise DomainError(
            _(
                "This person is already on the council from %(start)s to %(end)s; "
                "the terms would overlap. End that term first or pick other dates."
            )
            % {"start": clash.term_start.isoformat(), "end": clash.term_end.isoformat()},
            field="term_start",
        )


def _check_term(member: CouncilMember) -> None:
    if member.term_start and member.term_end and member.term_end <= member.term_start:
        raise DomainError(_("The term must end after it starts."), field="term_end")


@transaction.atomic
def add_member(
    *,
    workspace: Workspace,
    actor: User | None,
    council: Council,
    stakeholder: Stakeholder,
    term_start: datetime.date,
    term_end: datetime.date,
    role: str = CouncilRole.MEMBER,
    notes: str = "",
) -> CouncilMember:
    """Seat a stakeholder on a council for one term."""
    _check_same_workspace(workspace, council, stakeholder)
    if council.archived_at is not None:
        raise DomainError(_("This council is archived; restore it first."))
    if stakeholder.archived_at is not None:
        raise DomainError(_("This stakeholder is archived."), field="stakeholder")
    member = CouncilMember(
        workspace=workspace,
        council=council,
        stakeholder=stakeholder,
        role=role,
        term_start=term_start,
        term_end=term_end,
        notes=notes or "",
    )
    _check_term(member)
    _validate(member)
    _check_no_overlap(member)
    member.save()
    audit.record_create(workspace=workspace, actor=actor, obj=member)
    return member


@transaction.atomic
def update_member(
    *,
    workspace: Workspace,
    actor: User | None,
    member: CouncilMember,
    version: str | None = None,
    **fields,
) -> CouncilMember:
    """Change a term's role, dates or notes; moving the end date re-arms the reminder."""
    check_version(CouncilMember, member.pk, version)
    _check_same_workspace(workspace, member)
    before = audit.snapshot(member)
    old_end = member.term_end
    for name in MEMBER_FIELDS:
        if name in fields:
            setattr(member, name, fields[name])
    _check_term(member)
    _validate(member)
    _check_no_overlap(member)
    if member.term_end != old_end:
        member.reminded_on = None
    member.save()
    audit.record_update(workspace=workspace, actor=actor, obj=member, before=before)
    return member


# --- meetings


@transaction.atomic
def link_meeting(*, workspace: Workspace, actor: User | None, council: Council, engagement):
    """Record an engagement as a meeting of this council (format "advisory council meeting")."""
    from heard.engagements.models import EngagementFormat

    _check_same_workspace(workspace, council, engagement)
    if engagement.format != EngagementFormat.ADVISORY_COUNCIL:
        raise DomainError(
            _("Only engagements of format “advisory council meeting” can be council meetings."),
            field="engagement",
        )
    existing = CouncilMeeting.objects.filter(engagement=engagement).select_related("council")
    if found := existing.first():
        if found.council_id == council.pk:
            return found
        raise DomainError(
            _("This engagement is already a meeting of “%(council)s”.")
            % {"council": found.council.name},
            field="engagement",
        )
    link = CouncilMeeting.objects.create(council=council, engagement=engagement)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=council,
        changes={"meetings": [None, str(engagement)[:120]]},
    )
    return link


@transaction.atomic
def unlink_meeting(*, workspace: Workspace, actor: User | None, council: Council, engagement):
    """Stop counting an engagement as a meeting of this council (the engagement stays)."""
    _check_same_workspace(workspace, council, engagement)
    deleted, _rows = CouncilMeeting.objects.filter(council=council, engagement=engagement).delete()
    if deleted:
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=council,
            changes={"meetings": [str(engagement)[:120], None]},
        )
