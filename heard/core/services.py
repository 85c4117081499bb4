"""Writes about workspaces and the people in them: settings, memberships, invitations.

Views, the CLI and tests call these functions. Each checks the actor's role, validates, writes in
one transaction, records the audit entry and sends email only once the transaction commits.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import zoneinfo
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from heard.core import audit, permissions
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, Invitation, Membership, Role, User, Workspace

log = logging.getLogger(__name__)

INVITATION_LIFETIME = timedelta(days=7)


# --- helpers


def _membership_of(workspace: Workspace, actor) -> Membership:
    """The actor's membership, or a DomainError: services never trust the caller's check."""
    membership = Membership.objects.filter(workspace=workspace, user=actor).first()
    if membership is None:
        raise DomainError(_("You are not a member of this workspace."), code="forbidden")
    return membership


def _require(workspace: Workspace, actor, action: str) -> Membership:
    membership = _membership_of(workspace, actor)
    if not membership.can(action):
        raise DomainError(_("Your role does not allow this."), code="forbidden")
    return membership


def _check_same_workspace(workspace: Workspace, *objects) -> None:
    for obj in objects:
        if obj.workspace_id != workspace.pk:
            raise DomainError(_("That belongs to another workspace."), code="forbidden")


def _owner_count(workspace: Workspace) -> int:
    return Membership.objects.for_workspace(workspace).filter(role=Role.OWNER).count()


def assignable_roles(actor_membership: Membership) -> list[tuple[str, str]]:
    """Roles this member may give others: owners any, managers any but owner."""
    if actor_membership.role == Role.OWNER:
        return list(Role.choices)
    if actor_membership.can(permissions.MANAGE_MEMBERS):
        return [(value, label) for value, label in Role.choices if value != Role.OWNER]
    return []


def hash_token(token: str) -> str:
    """The SHA-256 of an invitation token: the only form in which tokens are stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str) -> str:
    """The absolute link in an invitation email (HEARD_BASE_URL: emails have no request)."""
    return settings.HEARD_BASE_URL.rstrip("/") + reverse("invitation_accept", args=[token])


# --- workspaces


@transaction.atomic
def create_workspace(*, name: str, slug: str, owner: User, actor=None) -> Workspace:
    """A new workspace with `owner` as its first owner (used by `heard workspace create`)."""
    workspace = Workspace(name=name.strip(), slug=slug.strip())
    try:
        workspace.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(f"{field}: {messages[0]}", field=field) from error
    workspace.save()
    membership = Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        obj=workspace,
        changes=audit.diff({}, audit.snapshot(workspace)),
    )
    audit.record_create(workspace=workspace, actor=actor, obj=membership)
    return workspace


@transaction.atomic
def update_workspace_settings(
    *, workspace: Workspace, actor, version: str | None = None, **values
) -> Workspace:
    """Change the workspace's settings; the audit entry keeps every changed field's before and
    after. `version` (a hash of the settings, heard.core.concurrency) as the editor read it:
    EditConflict if they changed since."""
    _require(workspace, actor, permissions.MANAGE_SETTINGS)
    check_version(Workspace, workspace.pk, version, fields=Workspace.settings_fields)
    unknown = set(values) - set(Workspace.settings_fields)
    if unknown:
        raise ValueError(f"Not workspace settings: {sorted(unknown)}")
    workspace = Workspace.objects.select_for_update().get(pk=workspace.pk)
    before = audit.snapshot(workspace)
    for field, value in values.items():
        setattr(workspace, field, value)
    if "time_zone" in values and workspace.time_zone not in zoneinfo.available_timezones():
        raise DomainError(_("Choose a time zone from the list."), field="time_zone")
    if "languages" in values:
        workspace.languages = sorted(set(workspace.languages))
        if not workspace.languages:
            raise DomainError(_("Choose at least one working language."), field="languages")
    try:
        workspace.full_clean(exclude=["slug"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    # update_fields: never write the audit head columns from this (possibly stale) object.
    workspace.save(update_fields=list(values))
    audit.record_update(workspace=workspace, actor=actor, obj=workspace, before=before)
    return workspace


# --- memberships


@transaction.atomic
def change_role(*, workspace: Workspace, actor, membership: Membership, role: str) -> Membership:
    """Give a member another role. Managers cannot touch owners or make owners, and a workspace
    always keeps at least one owner."""
    _check_same_workspace(workspace, membership)
    actor_membership = _require(workspace, actor, permissions.MANAGE_MEMBERS)
    if role not in Role.values:
        raise DomainError(_("Choose a role from the list."), field="role")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    if actor_membership.role != Role.OWNER and Role.OWNER in (membership.role, role):
        raise DomainError(_("Only an owner can change an owner's role or make someone owner."))
    if membership.role == Role.OWNER and _owner_count(workspace) <= 1:
        raise DomainError(
            _("A workspace needs at least one owner: make someone else owner first."),
            field="role",
        )
    before = audit.snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.SECURITY,
        obj=membership,
        changes=audit.diff(before, audit.snapshot(membership)),
    )
    return membership


@transaction.atomic
def remove_member(*, workspace: Workspace, actor, membership: Membership) -> None:
    """Take someone out of the workspace (their account stays; their records stay too)."""
    _check_same_workspace(workspace, membership)
    actor_membership = _require(workspace, actor, permissions.MANAGE_MEMBERS)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if membership.role == Role.OWNER:
        if actor_membership.role != Role.OWNER:
            raise DomainError(_("Only an owner can remove an owner."))
        if _owner_count(workspace) <= 1:
            raise DomainError(
                _("A workspace needs at least one owner: make someone else owner first.")
            )
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.SECURITY,
        obj=membership,
        changes={"member": [membership.user.email, None], "role": [membership.role, None]},
    )
    membership.delete()


# --- invitations


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation and its token in clear: the token exists only here and in the email."""

    invitation: Invitation
    token: str


def _send_invitation_email(invitation: Invitation, token: str, inviter) -> None:
    """Queue the invitation email for after commit, in the language of the inviting page."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "workspace_name": invitation.workspace.name,
        "inviter": str(inviter) if inviter else "Heard",
        "role": invitation.role,
        "url": invitation_url(token),
        "expires_at": invitation.expires_at,
    }

    def send() -> None:
        with translation.override(language):
            context["role"] = Role(invitation.role).label
            subject = render_to_string("core/email/invitation_subject.txt", context)
            body = render_to_string("core/email/invitation.txt", context)
        send_mail(" ".join(subject.split()), body, None, [invitation.email])

    # robust: a mail server hiccup must not turn a saved invitation into an error page.
    transaction.on_commit(send, robust=True)


def _issue(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + INVITATION_LIFETIME
    return token


@transaction.atomic
def invite_member(*, workspace: Workspace, actor, email: str, role: str) -> IssuedInvitation:
    """Invite someone by email; the link works once, for seven days."""
    actor_membership = _require(workspace, actor, permissions.MANAGE_MEMBERS)
    email = User.objects.normalize_email((email or "").strip()).lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter a valid email address."), field="email") from error
    if role not in dict(assignable_roles(actor_membership)):
        raise DomainError(_("You cannot invite someone with this role."), field="role")
    if Membership.objects.for_workspace(workspace).filter(user__email__iexact=email).exists():
        raise DomainError(_("This person is already a member."), field="email")
    pending = Invitation.objects.for_workspace(workspace).filter(
        email__iexact=email, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    )
    if pending.exists():
        raise DomainError(
            _("This person already has a pending invitation: resend it instead."), field="email"
        )
    invitation = Invitation(workspace=workspace, email=email, role=role, invited_by=actor)
    token = _issue(invitation)
    invitation.save()
    audit.record_create(workspace=workspace, actor=actor, obj=invitation)
    _send_invitation_email(invitation, token, actor)
    return IssuedInvitation(invitation, token)


def _pending_for_change(workspace: Workspace, actor, invitation: Invitation) -> Invitation:
    _check_same_workspace(workspace, invitation)
    actor_membership = _require(workspace, actor, permissions.MANAGE_MEMBERS)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("This invitation was already used or revoked."))
    if invitation.role not in dict(assignable_roles(actor_membership)):
        raise DomainError(_("Only an owner can change an invitation to become owner."))
    return invitation


@transaction.atomic
def resend_invitation(*, workspace: Workspace, actor, invitation: Invitation) -> IssuedInvitation:
    """Send a fresh link (the old one stops working) valid for another seven days."""
    invitation = _pending_for_change(workspace, actor, invitation)
    before = audit.snapshot(invitation)
    token = _issue(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    audit.record_update(workspace=workspace, actor=actor, obj=invitation, before=before)
    _send_invitation_email(invitation, token, actor)
    return IssuedInvitation(invitation, token)


@transaction.atomic
def revoke_invitation(*, workspace: Workspace, actor, invitation: Invitation) -> Invitation:
    """Make a pending invitation's link stop working."""
    invitation = _pending_for_change(workspace, actor, invitation)
    before = audit.snapshot(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.SECURITY,
        obj=invitation,
        changes=audit.diff(before, audit.snapshot(invitation)),
    )
    return invitation


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token names, usable or not; None for an unknown token."""
    return (
        Invitation.objects.select_related("workspace", "invited_by")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why a link cannot be used (`unknown`, `accepted`, `revoked`, `expired`), or None."""
    if invitation is None:
        return "unknown"
    if invitation.accepted_at:
        return "accepted"
    if invitation.revoked_at:
        return "revoked"
    if invitation.is_expired:
        return "expired"
    return None


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Join the workspace: once, before expiry, and only as the person invited."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation_problem(invitation):
        raise DomainError(_("This invitation can no longer be used."), code="gone")
    if invitation.email.lower() != user.email.lower():
        raise DomainError(_("This invitation is for another email address."), code="forbidden")
    workspace = invitation.workspace
    if Membership.objects.for_workspace(workspace).filter(user=user).exists():
        raise DomainError(_("You are already a member of this workspace."), code="member")
    before = audit.snapshot(invitation)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership = Membership.objects.create(workspace=workspace, user=user, role=invitation.role)
    audit.record_update(workspace=workspace, actor=user, obj=invitation, before=before)
    audit.record_create(workspace=workspace, actor=user, obj=membership)
    return membership


@transaction.atomic
def sign_up_and_accept(
    *, invitation: Invitation, full_name: str, password: str
) -> tuple[User, Membership]:
    """Create the invited person's account and their membership together."""
    email = invitation.email.lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("An account with this email exists: log in to accept."))
    user = User(email=email, full_name=full_name.strip())
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password1") from error
    user.set_password(password)
    user.save()
    return user, accept_invitation(invitation=invitation, user=user)


# --- two-factor authentication: recorded in every workspace the person belongs to


def record_two_factor_change(*, user: User, enabled: bool) -> None:
    """Tell each of the user's workspaces' audit logs that two-factor was turned on or off."""
    state = "on" if enabled else "off"
    for membership in Membership.objects.filter(user=user).select_related("workspace", "user"):
        audit.record(
            workspace=membership.workspace,
            actor=user,
            action=AuditAction.SECURITY,
            obj=membership,
            changes={"two_factor": [None if enabled else "on", state]},
        )
