"""Creating, finding and revoking personal access tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.api.models import AccessToken, TokenScope
from heard.core import audit, permissions
from heard.core.models import AuditAction, Membership, User, Workspace

PREFIX = "heard_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
# `last_used_at` is written at most this often, so reads don't turn into writes.
TOUCH_EVERY = datetime.timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(
    *,
    workspace: Workspace,
    actor: User,
    user: User,
    name: str,
    scope: str = TokenScope.READ,
    days: int = DEFAULT_DAYS,
) -> tuple[AccessToken, str]:
    """A new token for `user` (who must be a member); returns it and its secret, which is
    never stored and cannot be shown again."""
    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    if membership is None:
        raise ValidationError({"user": _("This person is not a member of the workspace.")})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read or write.")})
    if scope == TokenScope.WRITE and not (
        membership.can(permissions.CONTRIBUTE) or membership.can(permissions.EDIT)
    ):
        raise ValidationError({"scope": _("Your role can only read, so the token can only read.")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"days": _("A token lasts from 1 to %(max)s days.") % {"max": MAX_DAYS}}
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, such as where it is used.")})
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = AccessToken.objects.create(
            workspace=workspace,
            user=user,
            name=name[:100],
            scope=scope,
            prefix=secret[: len(PREFIX) + 6],
            token_hash=hash_secret(secret),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        audit.record_create(workspace=workspace, actor=actor, obj=token)
    return token, secret


def revoke_token(*, workspace: Workspace, actor: User, token: AccessToken) -> AccessToken:
    """Stop a token working at once; the row stays for the record."""
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit.record(
                workspace=workspace,
                actor=actor,
                action=AuditAction.SECURITY,
                obj=token,
                changes={"revoked": [None, token.revoked_at.isoformat()]},
            )
    return token


def find_active(secret: str) -> tuple[AccessToken, Membership] | None:
    """The token with this secret and its user's current membership, if both still hold: a
    revoked or expired token, or one whose owner has left the workspace, finds nothing."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = (
        AccessToken.objects.select_related("user", "workspace")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or token.expires_at <= now or not token.user.is_active:
        return None
    membership = Membership.objects.filter(workspace=token.workspace, user=token.user).first()
    if membership is None:
        return None
    membership.workspace = token.workspace
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token, membership
