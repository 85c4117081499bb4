"""Recording inputs, editing their links, merging duplicates, linking conflicts, archiving.

Inputs are never deleted: a duplicate is merged into the input it repeats (its decisions, links
and responses move; it stays readable with `merged_into` set) and an input that should not be
in lists is archived.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.core.search import normalise
from heard.engagements.models import AttributionRule, Engagement, Session
from heard.feedback.language import detect_language
from heard.feedback.models import (
    MAX_INPUT_LENGTH,
    Decision,
    Input,
    InputConflict,
    InputKind,
    InputSource,
)
from heard.feedback.services.common import check_same_workspace, validate
from heard.feedback.services.loops import audit_loop_changes, loop_due_on, refresh_loops
from heard.stakeholders.models import Organisation, Stakeholder
from heard.stakeholders.vocab import language_names
from heard.webhooks import payloads as webhook_payloads
from heard.webhooks.events import emit as emit_webhook

MAX_PIECES = 500


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write what was said."), field="text")
    if len(text) > MAX_INPUT_LENGTH:
        raise DomainError(
            _("An input can be at most %(max)d characters (this one has %(n)d); split it.")
            % {"max": MAX_INPUT_LENGTH, "n": len(text)},
            field="text",
        )
    return text


def _clean_language(language: str, text: str) -> str:
    language = (language or "").strip().lower()
    if not language:
        return detect_language(text)
    if language not in language_names():
        raise DomainError(
            _("Unknown language code: %(codes)s (use ISO 639-1, e.g. en, fr, sw).")
            % {"codes": language},
            field="language",
        )
    return language


def _check_source(
    engagement: Engagement | None,
    session: Session | None,
    stakeholder: Stakeholder | None,
    organisation: Organisation | None,
    is_anonymous: bool,
) -> None:
    if session is not None and engagement is not None and session.engagement_id != engagement.pk:
        raise DomainError(_("That session belongs to another engagement."), field="session")
    if is_anonymous and (stakeholder or organisation):
        raise DomainError(
            _("An anonymous input cannot name a stakeholder or organisation."), field="stakeholder"
        )
    if (
        engagement is not None
        and engagement.attribution_rule == AttributionRule.ANONYMOUS
        and (stakeholder or organisation)
    ):
        raise DomainError(
            _("This engagement is anonymous: inputs cannot name who gave them."),
            field="stakeholder",
        )
    if stakeholder is not None and stakeholder.merged_into_id:
        raise DomainError(
            _("That stakeholder was merged into another; choose the one it was merged into."),
            field="stakeholder",
        )


@transaction.atomic
def record_input(
    *,
    workspace: Workspace,
    actor: User | None,
    text: str,
    kind: str = InputKind.CONCERN,
    engagement: Engagement | None = None,
    session: Session | None = None,
    stakeholder: Stakeholder | None = None,
    organisation: Organisation | None = None,
    is_anonymous: bool = False,
    language: str = "",
    source: str = InputSource.SESSION,
    impacts: Iterable = (),
    initiatives: Iterable = (),
    topics: Iterable = (),
    audit_entry: bool = True,
) -> Input:
    """Record one input; the language is detected unless given, the due date set from the
    engagement. `audit_entry=False` lets a batch write its entries in one go."""
    impacts, initiatives, topics = list(impacts), list(initiatives), list(topics)
    check_same_workspace(
        workspace, engagement, session, stakeholder, organisation, *impacts, *initiatives, *topics
    )
    if session is not None and engagement is None:
        engagement = session.engagement
    _check_source(engagement, session, stakeholder, organisation, is_anonymous)
    text = _clean_text(text)
    if stakeholder is not None and organisation is None and stakeholder.organisation_id:
        organisation = stakeholder.organisation
    row = Input(
        workspace=workspace,
        text=text,
        kind=kind,
        engagement=engagement,
        session=session,
        stakeholder=stakeholder,
        organisation=organisation,
        is_anonymous=is_anonymous
        or bool(engagement and engagement.attribution_rule == AttributionRule.ANONYMOUS),
        language=_clean_language(language, text),
        source=source,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        search_text=normalise(text),
    )
    row.created_at = timezone.now()
    row.loop_due_on = loop_due_on(row, workspace)
    validate(row)
    row.save()
    for name, values in (("impacts", impacts), ("initiatives", initiatives), ("topics", topics)):
        if values:
            getattr(row, name).set(values)
    if audit_entry:
        audit.record_create(workspace=workspace, actor=actor, obj=row)
    emit_webhook(workspace, "input.recorded", webhook_payloads.input_recorded(row))
    return row


@transaction.atomic
def record_inputs(
    *, workspace: Workspace, actor: User | None, pieces: Sequence[dict], **common
) -> list[Input]:
    """Record several inputs (e.g. split from minutes) all or nothing: one bad piece and none
    is written; the DomainError names the piece."""
    if not pieces:
        raise DomainError(_("There is nothing to save: every piece is empty."), field="text")
    if len(pieces) > MAX_PIECES:
        raise DomainError(
            _("At most %(max)d inputs at a time; split the minutes.") % {"max": MAX_PIECES}
        )
    rows = []
    for number, piece in enumerate(pieces, 1):
        try:
            rows.append(
                record_input(
                    workspace=workspace, actor=actor, audit_entry=False, **{**common, **piece}
                )
            )
        except DomainError as error:
            raise DomainError(
                _("Piece %(n)d: %(message)s") % {"n": number, "message": error.message},
                field=error.field,
            ) from error
    audit.record_bulk(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        items=((row, audit.diff({}, audit.snapshot(row))) for row in rows),
    )
    return rows


@transaction.atomic
def update_input(
    *,
    workspace: Workspace,
    actor: User | None,
    input: Input,
    impacts: Iterable | None = None,
    initiatives: Iterable | None = None,
    topics: Iterable | None = None,
    version: str | None = None,
    **fields,
) -> Input:
    """Change an input's text, kind, source, language or links (the source rules apply).
    `version` as read (heard.core.concurrency): an EditConflict when it changed since."""
    check_version(Input, input.pk, version)
    links = {"impacts": impacts, "initiatives": initiatives, "topics": topics}
    check_same_workspace(
        workspace,
        input,
        fields.get("engagement"),
        fields.get("session"),
        fields.get("stakeholder"),
        fields.get("organisation"),
        *[v for values in links.values() if values for v in values],
    )
    if input.merged_into_id:
        raise DomainError(_("This input was merged into another; edit that one."))
    before = audit.snapshot(input)
    before_links = {n: sorted(getattr(input, n).values_list("pk", flat=True)) for n in links}
    for name, value in fields.items():
        setattr(input, name, value)
    _check_source(
        input.engagement, input.session, input.stakeholder, input.organisation, input.is_anonymous
    )
    input.text = _clean_text(input.text)
    input.language = _clean_language(input.language, input.text)
    input.search_text = normalise(input.text)
    input.loop_due_on = loop_due_on(input, workspace)
    validate(input)
    input.save()
    changes = audit.diff(before, audit.snapshot(input))
    for name, values in links.items():
        if values is not None:
            getattr(input, name).set(list(values))
            after = sorted(v.pk for v in values)
            if after != before_links[name]:
                changes[name] = [before_links[name], after]
    if changes:
        audit.record(
            workspace=workspace, actor=actor, action=AuditAction.UPDATE, obj=input, changes=changes
        )
    return input


# --- conflicts


@transaction.atomic
def link_conflict(
    *, workspace: Workspace, actor: User | None, input: Input, other: Input, note: str = ""
) -> InputConflict:
    """Link two inputs as conflicting: both are kept and shown side by side."""
    check_same_workspace(workspace, input, other)
    if input.pk == other.pk:
        raise DomainError(_("An input cannot conflict with itself."), field="other")
    first, second = sorted((input, other), key=lambda i: i.pk)
    if InputConflict.objects.filter(first=first, second=second).exists():
        raise DomainError(_("These two inputs are already linked as conflicting."), field="other")
    conflict = InputConflict(
        workspace=workspace,
        first=first,
        second=second,
        note=(note or "").strip(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    validate(conflict, exclude=("workspace", "first", "second"))
    conflict.save()
    audit.record_create(workspace=workspace, actor=actor, obj=conflict)
    return conflict


@transaction.atomic
def unlink_conflict(*, workspace: Workspace, actor: User | None, conflict: InputConflict) -> None:
    """Remove a conflict link made by mistake (the inputs themselves are untouched)."""
    check_same_workspace(workspace, conflict)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ARCHIVE,
        obj=conflict,
        changes={"conflict": [[conflict.first_id, conflict.second_id], None]},
    )
    conflict.delete()


# --- merging duplicates


def _move_many_to_many(through, field, keep: Input, duplicate: Input) -> int:
    """Point `through` rows from duplicate to keep, dropping those keep already has."""
    other = next(
        f
        for f in through._meta.fields
        if f.is_relation and f.name != field.name and f.related_model is not None
    )
    existing = set(
        through.objects.filter(**{field.name: keep}).values_list(other.attname, flat=True)
    )
    rows = through.objects.filter(**{field.name: duplicate})
    rows.filter(**{f"{other.attname}__in": existing}).delete()
    return rows.update(**{field.name: keep})


def _move_decisions(keep: Input, duplicate: Input) -> int:
    """The duplicate's decisions join keep's history: numbered after keep's versions; keep's
    current decision stays current if it has one, else the duplicate's current one does."""
    moved = list(Decision.objects.filter(input=duplicate).order_by("version"))
    if not moved:
        return 0
    top = Decision.objects.filter(input=keep).aggregate(top=Max("version"))["top"] or 0
    keep_has_current = Decision.objects.filter(input=keep, is_current=True).exists()
    # Two passes: clear the current flag first so the one-current constraint always holds.
    Decision.objects.filter(pk__in=[d.pk for d in moved]).update(is_current=False)
    for offset, decision in enumerate(moved, 1):
        decision.input = keep
        decision.version = top + offset
        decision.is_current = decision.is_current and not keep_has_current
        decision.save(update_fields=["input", "version", "is_current", "updated_at"])
    current = Decision.objects.filter(input=keep, is_current=True).first()
    Input.objects.filter(pk=keep.pk).update(outcome=current.outcome if current else "")
    return len(moved)


def _move_conflicts(keep: Input, duplicate: Input) -> int:
    moved = 0
    for conflict in InputConflict.objects.filter(Q(first=duplicate) | Q(second=duplicate)):
        other_id = conflict.second_id if conflict.first_id == duplicate.pk else conflict.first_id
        low, high = sorted((keep.pk, other_id))
        if (
            other_id == keep.pk
            or InputConflict.objects.filter(first_id=low, second_id=high).exists()
        ):
            conflict.delete()  # the link would be to itself, or keep already has it
            continue
        InputConflict.objects.filter(pk=conflict.pk).update(first_id=low, second_id=high)
        moved += 1
    return moved


@transaction.atomic
def merge_inputs(
    *, workspace: Workspace, actor: User | None, keep: Input, duplicate: Input
) -> Input:
    """Merge `duplicate` into `keep`: decisions, links, responses, commitments and conflicts
    move to keep (found generically, so links added by later apps move too); the duplicate
    stays, archived, with `merged_into` set — the trace."""
    check_same_workspace(workspace, keep, duplicate)
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different inputs to merge."), field="keep")
    keep = Input.objects.select_for_update().get(pk=keep.pk)
    duplicate = Input.objects.select_for_update().get(pk=duplicate.pk)
    if keep.merged_into_id or duplicate.merged_into_id:
        raise DomainError(_("One of these inputs was already merged into another."), field="keep")
    moved: dict[str, int] = {
        "decisions": _move_decisions(keep, duplicate),
        "conflicts": _move_conflicts(keep, duplicate),
    }
    for relation in Input._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.related_model in (Decision, InputConflict):
            continue
        if relation.related_model._meta.auto_created:
            continue  # an M2M's through table: moved below through its ManyToManyRel
        if relation.many_to_many:
            through = relation.through
            field = next(
                f for f in through._meta.fields if f.is_relation and f.related_model is Input
            )
            count = _move_many_to_many(through, field, keep, duplicate)
        else:
            count = relation.related_model._default_manager.filter(
                **{relation.field.name: duplicate}
            ).update(**{relation.field.name: keep})
        if count:
            moved[str(relation.related_model._meta.verbose_name_plural)] = count
    for field in Input._meta.many_to_many:
        getattr(keep, field.name).add(*getattr(duplicate, field.name).all())
    duplicate.merged_into = keep
    duplicate.archived_at = duplicate.archived_at or timezone.now()
    duplicate.loop_closed_at = None
    duplicate.outcome = ""
    duplicate.save(
        update_fields=["merged_into", "archived_at", "loop_closed_at", "outcome", "updated_at"]
    )
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.MERGE,
        obj=keep,
        changes={"merged_from": [None, duplicate.pk], "moved": [None, moved]},
    )
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.MERGE,
        obj=duplicate,
        changes={"merged_into": [None, keep.pk], "archived_at": [None, "merged"]},
    )
    audit_loop_changes(workspace, actor, refresh_loops(workspace, [keep]))
    keep.refresh_from_db()
    return keep


# --- archiving


@transaction.atomic
def archive_input(*, workspace: Workspace, actor: User | None, input: Input) -> Input:
    """Hide an input from lists and loops (e.g. recorded by mistake); it stays, with history."""
    check_same_workspace(workspace, input)
    if input.archived_at is None:
        input.archived_at = timezone.now()
        input.save(update_fields=["archived_at", "updated_at"])
        audit.record(workspace=workspace, actor=actor, action=AuditAction.ARCHIVE, obj=input)
    return input


@transaction.atomic
def restore_input(*, workspace: Workspace, actor: User | None, input: Input) -> Input:
    """Undo an archive (merged inputs stay merged)."""
    check_same_workspace(workspace, input)
    if input.merged_into_id:
        raise DomainError(
            _("A merged input cannot be restored; open the input it was merged into.")
        )
    if input.archived_at is not None:
        input.archived_at = None
        input.save(update_fields=["archived_at", "updated_at"])
        audit.record(workspace=workspace, actor=actor, action=AuditAction.RESTORE, obj=input)
    return input


def models_linking_inputs() -> list[type[models.Model]]:
    """Models of other apps that link to inputs (for the merge page's explanation)."""
    return [
        r.related_model
        for r in Input._meta.get_fields(include_hidden=True)
        if r.auto_created and not r.concrete
    ]
