"""Commitments: what the company promised, and progress reports that reach the stakeholders
whose input led to them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.feedback.models import Commitment, CommitmentStatus, CommitmentUpdate, Decision, Input
from heard.feedback.portal import portal_link
from heard.feedback.services.common import check_same_workspace, validate
from heard.feedback.services.responses import response_language
from heard.stakeholders.consent import valid_contact_consents
from heard.stakeholders.models import Stakeholder
from heard.webhooks.events import emit as emit_webhook
from heard.webhooks.payloads import commitment_updated as commitment_event

COMMITMENT_FIELDS = ("title", "description", "owner", "due_on", "status", "progress", "evidence")


def _check_owner(workspace: Workspace, owner: User | None) -> None:
    if owner is not None and not owner.memberships.filter(workspace=workspace).exists():
        raise DomainError(_("The owner must be a member of this workspace."), field="owner")


def _set_links(commitment: Commitment, inputs, decisions) -> dict:
    changes = {}
    for name, values in (("inputs", inputs), ("decisions", decisions)):
        if values is None:
            continue
        before = sorted(getattr(commitment, name).values_list("pk", flat=True))
        getattr(commitment, name).set(list(values))
        after = sorted(v.pk for v in values)
        if before != after:
            changes[name] = [before, after]
    return changes


@transaction.atomic
def create_commitment(
    *,
    workspace: Workspace,
    actor: User | None,
    inputs: Iterable[Input] = (),
    decisions: Iterable[Decision] = (),
    **fields,
) -> Commitment:
    """Record a commitment, linked to the inputs and decisions it answers."""
    inputs, decisions = list(inputs), list(decisions)
    check_same_workspace(workspace, *inputs, *decisions)
    _check_owner(workspace, fields.get("owner"))
    commitment = Commitment(workspace=workspace, **fields)
    validate(commitment)
    commitment.save()
    _set_links(commitment, inputs, decisions)
    audit.record_create(workspace=workspace, actor=actor, obj=commitment)
    return commitment


@transaction.atomic
def update_commitment(
    *,
    workspace: Workspace,
    actor: User | None,
    commitment: Commitment,
    inputs: Iterable[Input] | None = None,
    decisions: Iterable[Decision] | None = None,
    version: str | None = None,
    **fields,
) -> Commitment:
    """Change a commitment's plan and links (progress goes through `record_progress`).
    `version` as read (heard.core.concurrency): an EditConflict when it changed since."""
    check_version(Commitment, commitment.pk, version)
    inputs = list(inputs) if inputs is not None else None
    decisions = list(decisions) if decisions is not None else None
    check_same_workspace(workspace, commitment, *(inputs or ()), *(decisions or ()))
    _check_owner(workspace, fields.get("owner"))
    before = audit.snapshot(commitment)
    for name, value in fields.items():
        setattr(commitment, name, value)
    validate(commitment)
    commitment.save()
    changes = audit.diff(before, audit.snapshot(commitment))
    changes.update(_set_links(commitment, inputs, decisions))
    if changes:
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=commitment,
            changes=changes,
        )
        emit_webhook(workspace, "commitment.updated", commitment_event(commitment))
    return commitment


def stakeholders_to_notify(commitment: Commitment) -> list[Stakeholder]:
    """Stakeholders whose (non-anonymous) input led to the commitment — directly or through a
    linked decision — who may be contacted by email now."""
    input_ids = Input.objects.filter(
        Q(commitments=commitment) | Q(decisions__commitments=commitment)
    ).values("pk")
    valid = valid_contact_consents().values("stakeholder")
    return list(
        Stakeholder.objects.for_workspace(commitment.workspace_id)
        .active()
        .filter(inputs__in=input_ids, inputs__is_anonymous=False, pk__in=valid)
        .exclude(email="")
        .prefetch_related("language_links")
        .distinct()
        .order_by("pk")
    )


def _progress_email(commitment: Commitment, update: CommitmentUpdate, stakeholder) -> EmailMessage:
    language = response_language(stakeholder)
    context = {
        "stakeholder_name": stakeholder.name,
        "workspace_name": commitment.workspace.name,
        "commitment": commitment,
        "update": update,
        "portal_url": portal_link(stakeholder),
    }
    with translation.override(language):
        context["status"] = CommitmentStatus(update.status).label
        subject = render_to_string("feedback/email/commitment_progress_subject.txt", context)
        body = render_to_string("feedback/email/commitment_progress.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [stakeholder.email])


@transaction.atomic
def record_progress(
    *,
    workspace: Workspace,
    actor: User | None,
    commitment: Commitment,
    status: str,
    progress: int,
    note: str,
    evidence: str = "",
    notify: bool = True,
) -> CommitmentUpdate:
    """Report progress on a commitment: the history keeps every report, the commitment shows
    the latest, and the stakeholders whose input led to it are told by email (with consent)."""
    check_same_workspace(workspace, commitment)
    if commitment.archived_at is not None:
        raise DomainError(_("This commitment is archived; restore it to report progress."))
    if not (note or "").strip():
        raise DomainError(_("Say what changed."), field="note")
    if status == CommitmentStatus.DONE and progress != 100:
        raise DomainError(_("A commitment marked done is at 100%."), field="progress")
    update = CommitmentUpdate(
        workspace=workspace,
        commitment=commitment,
        status=status,
        progress=progress,
        note=note.strip(),
        evidence=(evidence or "").strip(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    validate(update, exclude=("workspace", "commitment"))
    recipients = stakeholders_to_notify(commitment) if notify else []
    update.notified_count = len(recipients)
    update.save()
    audit.record_create(workspace=workspace, actor=actor, obj=update)
    before = audit.snapshot(commitment)
    commitment.status, commitment.progress = status, progress
    if update.evidence:
        commitment.evidence = update.evidence
    commitment.updated_at = timezone.now()
    commitment.save()
    audit.record_update(workspace=workspace, actor=actor, obj=commitment, before=before)
    emit_webhook(workspace, "commitment.updated", commitment_event(commitment, update))
    messages = [_progress_email(commitment, update, s) for s in recipients]
    for message in messages:
        transaction.on_commit(message.send, robust=True)
    return update


@transaction.atomic
def archive_commitment(
    *, workspace: Workspace, actor: User | None, commitment: Commitment, restore: bool = False
) -> Commitment:
    """Archive (or restore) a commitment: hidden from lists, kept with its history."""
    check_same_workspace(workspace, commitment)
    if restore == (commitment.archived_at is None):
        return commitment
    commitment.archived_at = None if restore else timezone.now()
    commitment.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.RESTORE if restore else AuditAction.ARCHIVE,
        obj=commitment,
    )
    return commitment
