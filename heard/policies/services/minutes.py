"""Minutes of a forum's internal meeting: recorded → redacted → approved → published.

The redacted text never names a participant of any of the forum's meetings, nor their
organisation: the redaction step refuses it, and approval and publication check again (a
participant may have been added since)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.engagements.models import Participation
from heard.policies import redaction
from heard.policies.models import ForumMinutes, MinutesStatus, PolicyForum
from heard.policies.services.common import (
    SENIOR_ROLES,
    check_same_workspace,
    required_text,
    role_of,
)
from heard.policies.text import normalise_text


def _who(actor: User | None) -> User | None:
    return actor if getattr(actor, "pk", None) else None


def participant_terms(forum: PolicyForum) -> list[redaction.Term]:
    """Names and organisations of everyone on any of the forum's meetings (people removed
    from a meeting too: they may still be named in the minutes)."""
    people = (
        Participation.objects.for_workspace(forum.workspace_id)
        .filter(engagement__forum_meetings__forum=forum)
        .values_list("stakeholder__name", "stakeholder__organisation__name")
        .distinct()
    )
    return redaction.participant_terms(people)


def _locked(minutes: ForumMinutes) -> ForumMinutes:
    return ForumMinutes.objects.select_for_update().select_related("forum").get(pk=minutes.pk)


def _check_not_published(minutes: ForumMinutes) -> None:
    if minutes.status == MinutesStatus.PUBLISHED:
        raise DomainError(
            _("These minutes are published and can no longer change."), code="published"
        )


def _check_clean(minutes: ForumMinutes, *, field: str = "redacted_text") -> None:
    left = redaction.remaining(minutes.redacted_text, participant_terms(minutes.forum))
    if left:
        raise DomainError(
            _("The redacted minutes still name %(names)s. Redact them first.")
            % {"names": ", ".join(f"“{t.text}”" for t in left[:5])},
            field=field,
            code="not_redacted",
        )


@transaction.atomic
def record_minutes(
    *, workspace: Workspace, actor: User | None, forum: PolicyForum, text: str
) -> ForumMinutes:
    """Record (or correct) the minutes as taken. A correction sends them back to redaction:
    an approval covers the text that was approved, not a later one."""
    check_same_workspace(workspace, forum)
    text = required_text(
        normalise_text(text), field="recorded_text", message=_("Write the minutes first.")
    )
    if forum.archived_at is not None:
        raise DomainError(_("Restore the forum before changing it."))
    minutes = ForumMinutes.objects.select_for_update().filter(forum=forum).first()
    if minutes is None:
        minutes = ForumMinutes(
            workspace=workspace,
            forum=forum,
            recorded_text=text,
            recorded_by=_who(actor),
            recorded_at=timezone.now(),
        )
        minutes.save()
        audit.record_create(workspace=workspace, actor=actor, obj=minutes)
        return minutes
    _check_not_published(minutes)
    before = audit.snapshot(minutes)
    if text != minutes.recorded_text:
        minutes.recorded_text = text
        minutes.recorded_by = _who(actor) or minutes.recorded_by
        minutes.recorded_at = timezone.now()
        minutes.status = MinutesStatus.RECORDED
        minutes.redacted_text, minutes.redactions = "", []
        minutes.redacted_by = minutes.redacted_at = None
        minutes.approved_by = minutes.approved_at = None
        minutes.save()
    audit.record_update(workspace=workspace, actor=actor, obj=minutes, before=before)
    return minutes


@transaction.atomic
def redact_minutes(
    *,
    workspace: Workspace,
    actor: User | None,
    minutes: ForumMinutes,
    text: str | None = None,
    extra_terms: Iterable[str] = (),
    kept_name_parts: Iterable[str] = (),
    version: str | None = None,
) -> ForumMinutes:
    """Save the redacted minutes. Without `text`, the recorded minutes are redacted
    automatically; with it (the editor's version), a participant's full name or organisation
    left in it is refused. Parts of names ("Amina") are replaced too unless the editor keeps
    them (a part may be a common word), and so are `extra_terms`. A stale `version` (as the
    editor read the minutes) raises EditConflict."""
    check_same_workspace(workspace, minutes)
    check_version(ForumMinutes, minutes.pk, version)
    minutes = _locked(minutes)
    _check_not_published(minutes)
    terms = participant_terms(minutes.forum)
    kept = set(kept_name_parts)
    mandatory = [t for t in terms if t.is_mandatory]
    parts = [t for t in terms if t.kind == redaction.NAME_PART and t.text not in kept]
    extra = [redaction.Term(term.strip(), redaction.EXTRA) for term in extra_terms if term.strip()]
    source = minutes.recorded_text if text is None else normalise_text(text)
    required_text(source, field="redacted_text", message=_("The redacted minutes are empty."))
    before = audit.snapshot(minutes)
    if text is None:
        source = redaction.redact(source, mandatory + parts + extra)
    minutes.redacted_text = source
    _check_clean(minutes)
    minutes.redacted_text = redaction.redact(source, parts + extra)
    minutes.redactions = [{"term": t.text, "kind": t.kind} for t in mandatory + parts + extra]
    minutes.redacted_by, minutes.redacted_at = _who(actor), timezone.now()
    minutes.status = MinutesStatus.REDACTED
    minutes.approved_by = minutes.approved_at = None
    minutes.save()
    audit.record_update(workspace=workspace, actor=actor, obj=minutes, before=before)
    return minutes


@transaction.atomic
def approve_minutes(
    *, workspace: Workspace, actor: User | None, minutes: ForumMinutes
) -> ForumMinutes:
    """Approve redacted minutes: four eyes — not by who recorded or redacted them, unless a
    manager or owner."""
    check_same_workspace(workspace, minutes)
    minutes = _locked(minutes)
    _check_not_published(minutes)
    if minutes.status == MinutesStatus.RECORDED:
        raise DomainError(
            _("Redact the minutes before approving them."), field="status", code="not_redacted"
        )
    if minutes.status == MinutesStatus.APPROVED:
        raise DomainError(_("These minutes are already approved."), field="status")
    authors = {minutes.recorded_by_id, minutes.redacted_by_id} - {None}
    if _who(actor) is None or (
        actor.pk in authors and role_of(workspace, actor) not in SENIOR_ROLES
    ):
        raise DomainError(
            _(
                "Someone other than who recorded or redacted the minutes must approve them "
                "(or a manager)."
            ),
            field="approved_by",
            code="own_minutes",
        )
    _check_clean(minutes)
    before = audit.snapshot(minutes)
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_by, minutes.approved_at = actor, timezone.now()
    minutes.save()
    audit.record_update(workspace=workspace, actor=actor, obj=minutes, before=before)
    return minutes


@transaction.atomic
def publish_minutes(
    *, workspace: Workspace, actor: User | None, minutes: ForumMinutes
) -> ForumMinutes:
    """Publish approved minutes to the transparency centre (the redacted text only)."""
    check_same_workspace(workspace, minutes)
    minutes = _locked(minutes)
    _check_not_published(minutes)
    if minutes.status != MinutesStatus.APPROVED:
        raise DomainError(
            _("Only approved minutes can be published; these are %(status)s.")
            % {"status": minutes.get_status_display().lower()},
            field="status",
            code="not_approved",
        )
    _check_clean(minutes)
    before = audit.snapshot(minutes)
    minutes.status = MinutesStatus.PUBLISHED
    minutes.published_by, minutes.published_at = _who(actor), timezone.now()
    minutes.save()
    audit.record_update(workspace=workspace, actor=actor, obj=minutes, before=before)
    return minutes


@transaction.atomic
def withdraw_minutes(
    *, workspace: Workspace, actor: User | None, minutes: ForumMinutes, reason: str
) -> ForumMinutes:
    """Take published minutes off the transparency centre (a name slipped through, a
    participant withdrew consent…): they go back to redaction, with the reason logged."""
    check_same_workspace(workspace, minutes)
    reason = required_text(
        reason, field="reason", message=_("Give the reason for withdrawing the minutes.")
    )
    minutes = _locked(minutes)
    if minutes.status != MinutesStatus.PUBLISHED:
        raise DomainError(_("Only published minutes can be withdrawn."), field="status")
    before = audit.snapshot(minutes)
    minutes.status = MinutesStatus.RECORDED
    minutes.published_at = minutes.published_by = None
    minutes.approved_at = minutes.approved_by = None
    minutes.save()
    changes = audit.diff(before, audit.snapshot(minutes))
    changes["withdrawal_reason"] = [None, reason]
    audit.record(
        workspace=workspace, actor=actor, action=AuditAction.UPDATE, obj=minutes, changes=changes
    )
    return minutes
