"""Writes to policies and their versions: draft → in consultation → published → reopened."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.policies.models import Policy, PolicyArea, PolicyVersion, VersionStatus
from heard.policies.services.common import (
    check_member,
    check_same_workspace,
    required_text,
    validate,
)
from heard.policies.text import normalise_text

POLICY_FIELDS = ("title", "area", "owner", "description")


def _text(value: str | None) -> str:
    return required_text(
        normalise_text(value or ""),
        field="text",
        message=_("Write the policy text: a version cannot be empty."),
    )


def _check_title_free(workspace: Workspace, title: str, exclude_pk: int | None = None) -> None:
    clash = Policy.objects.for_workspace(workspace).filter(title__iexact=title)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError(_("A policy with this title already exists."), field="title")


def _sync_policy(policy: Policy, version: PolicyVersion) -> None:
    """Copy the latest version's number, status and publication onto the policy row."""
    policy.status = version.status
    policy.current_number = version.number
    if version.published_at and (
        policy.published_at is None or version.published_at > policy.published_at
    ):
        policy.published_at = version.published_at
    policy.save(update_fields=["status", "current_number", "published_at", "updated_at"])


# --- policies


@transaction.atomic
def create_policy(
    *,
    workspace: Workspace,
    actor: User | None,
    title: str,
    text: str,
    area: str = PolicyArea.CONTENT,
    owner: User | None = None,
    description: str = "",
    summary_of_changes: str = "",
) -> Policy:
    """Create a policy with its first version, a draft."""
    policy = Policy(
        workspace=workspace,
        title=(title or "").strip(),
        area=area,
        owner=owner,
        description=(description or "").strip(),
    )
    check_member(workspace, owner, field="owner")
    validate(policy)
    _check_title_free(workspace, policy.title)
    version = PolicyVersion(
        workspace=workspace,
        number=1,
        text=_text(text),
        summary_of_changes=(summary_of_changes or "").strip(),
    )
    policy.save()
    version.policy = policy
    validate(version, exclude=("workspace", "policy"))
    version.save()
    audit.record_create(workspace=workspace, actor=actor, obj=policy)
    audit.record_create(workspace=workspace, actor=actor, obj=version)
    return policy


@transaction.atomic
def update_policy(
    *,
    workspace: Workspace,
    actor: User | None,
    policy: Policy,
    version: str | None = None,
    **fields,
) -> Policy:
    """Change a policy's title, area, owner or description. `version`: the policy's version
    token as the editor read it (a conflict if it moved on; None: no check)."""
    check_same_workspace(workspace, policy)
    check_version(Policy, policy.pk, version)
    unknown = set(fields) - set(POLICY_FIELDS)
    if unknown:
        raise DomainError(_("Unknown policy field: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = audit.snapshot(policy)
    for name, value in fields.items():
        setattr(policy, name, value.strip() if isinstance(value, str) else value)
    check_member(workspace, policy.owner, field="owner")
    validate(policy)
    _check_title_free(workspace, policy.title, exclude_pk=policy.pk)
    policy.save()
    audit.record_update(workspace=workspace, actor=actor, obj=policy, before=before)
    return policy


# --- versions


def _locked(version: PolicyVersion) -> PolicyVersion:
    return PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)


def _check_open(version: PolicyVersion) -> None:
    if not version.is_open:
        raise DomainError(
            _("Version %(n)s is %(status)s: its text is final. Reopen the policy to change it.")
            % {"n": version.number, "status": version.get_status_display().lower()},
            field="text",
            code="not_open",
        )
    if version.policy.archived_at is not None:
        raise DomainError(_("Restore the policy before changing it."))


@transaction.atomic
def update_version(
    *,
    workspace: Workspace,
    actor: User | None,
    version: PolicyVersion,
    text: str,
    summary_of_changes: str = "",
    edit_version: str | None = None,
) -> PolicyVersion:
    """Change the text and summary of a version that is not yet published. `edit_version`:
    the version row's version token as the editor read it (None: no check)."""
    check_same_workspace(workspace, version)
    check_version(PolicyVersion, version.pk, edit_version)
    version = _locked(version)
    _check_open(version)
    before = audit.snapshot(version)
    version.text = _text(text)
    version.summary_of_changes = (summary_of_changes or "").strip()
    validate(version, exclude=("workspace", "policy"))
    version.save()
    audit.record_update(workspace=workspace, actor=actor, obj=version, before=before)
    return version


def _move(workspace, actor, version: PolicyVersion, status: str, **values) -> PolicyVersion:
    before = audit.snapshot(version)
    version.status = status
    for name, value in values.items():
        setattr(version, name, value)
    version.save()
    audit.record_update(workspace=workspace, actor=actor, obj=version, before=before)
    policy_before = audit.snapshot(version.policy)
    _sync_policy(version.policy, version)
    audit.record_update(workspace=workspace, actor=actor, obj=version.policy, before=policy_before)
    return version


@transaction.atomic
def start_consultation(
    *, workspace: Workspace, actor: User | None, version: PolicyVersion
) -> PolicyVersion:
    """Open a draft for consultation: stakeholders may now be asked about it."""
    check_same_workspace(workspace, version)
    version = _locked(version)
    _check_open(version)
    if version.status != VersionStatus.DRAFT:
        raise DomainError(_("This version is already in consultation."), field="status")
    return _move(
        workspace,
        actor,
        version,
        VersionStatus.IN_CONSULTATION,
        consultation_started_at=timezone.now(),
    )


@transaction.atomic
def publish_version(
    *, workspace: Workspace, actor: User | None, version: PolicyVersion
) -> PolicyVersion:
    """Publish a draft or a version in consultation. From version 2 on, the summary of
    changes is required: it is the public "what we heard, what we did"."""
    check_same_workspace(workspace, version)
    version = _locked(version)
    _check_open(version)
    _text(version.text)
    if version.number > 1 and not version.summary_of_changes.strip():
        raise DomainError(
            _(
                "Write the summary of changes before publishing: say what changed and what "
                "input led to it."
            ),
            field="summary_of_changes",
        )
    return _move(
        workspace,
        actor,
        version,
        VersionStatus.PUBLISHED,
        published_at=timezone.now(),
        published_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def reopen_policy(
    *, workspace: Workspace, actor: User | None, policy: Policy, reason: str
) -> PolicyVersion:
    """Reopen a published policy (new input arrived, or other signals): the published version
    is marked reopened with the reason, and a new draft starts from its text."""
    check_same_workspace(workspace, policy)
    reason = required_text(
        reason, field="reason", message=_("Give the reason for reopening the policy.")
    )
    if policy.archived_at is not None:
        raise DomainError(_("Restore the policy before reopening it."))
    latest = (
        PolicyVersion.objects.select_for_update()
        .select_related("policy")
        .filter(policy=policy)
        .order_by("-number")
        .first()
    )
    if latest is None or latest.status != VersionStatus.PUBLISHED:
        raise DomainError(
            _("Only a published policy can be reopened; this one is still open for changes."),
            field="reason",
        )
    now = timezone.now()
    _move(
        workspace,
        actor,
        latest,
        VersionStatus.REOPENED,
        reopened_at=now,
        reopened_by=actor if getattr(actor, "pk", None) else None,
        reopen_reason=reason,
    )
    draft = PolicyVersion(
        workspace=workspace, policy=latest.policy, number=latest.number + 1, text=latest.text
    )
    draft.save()
    audit.record_create(workspace=workspace, actor=actor, obj=draft)
    policy_before = audit.snapshot(latest.policy)
    _sync_policy(latest.policy, draft)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=latest.policy,
        changes={
            **audit.diff(policy_before, audit.snapshot(latest.policy)),
            "reopen_reason": [None, reason],
        },
    )
    policy.refresh_from_db()
    return draft
