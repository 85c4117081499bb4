"""Magic links: django-sesame v2 tokens whose "user" is a stakeholder's PortalAccess.

A link token is a random nonce followed by a sesame token; the sesame token carries the access
id, the time it was made and a signature over both, the nonce and the access's key (sesame's
revocation key). So a link
- expires after SESAME_MAX_AGE (sesame checks the signed timestamp),
- is revoked with every other link of the stakeholder when the key is rotated,
- works once: opening it records its digest (PortalLinkUse) and a second opening is refused.
No name, email or other personal data is in the link.
"""

from __future__ import annotations

import base64
import datetime
import enum
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from sesame import packers, tokens_v2
from sesame import settings as sesame_settings

from heard.portal.models import PortalAccess, PortalLinkUse
from heard.stakeholders.models import Stakeholder

SCOPE = "heard-portal:"
NONCE_BYTES = 6
NONCE_LENGTH = 8  # characters of base64 for NONCE_BYTES
# Long enough to recognise an expired link as genuine (to offer a fresh one), never to open it.
RECOGNISE_FOR = 60 * 60 * 24 * 365


class LinkState(enum.StrEnum):
    """What opening a link finds."""

    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    INVALID = "invalid"  # malformed, revoked, or the stakeholder is gone


@dataclass(frozen=True)
class LinkCheck:
    """The state of a link and, when it is genuine (even used or expired), whose it is."""

    state: LinkState
    access: PortalAccess | None = None


def access_for(stakeholder: Stakeholder) -> PortalAccess:
    """The stakeholder's portal access, created on first need."""
    try:
        return stakeholder.portal_access
    except PortalAccess.DoesNotExist:
        pass
    access, _created = PortalAccess.objects.get_or_create(
        stakeholder=stakeholder, defaults={"workspace_id": stakeholder.workspace_id}
    )
    stakeholder.portal_access = access
    return access


def create_token(access: PortalAccess) -> str:
    """A link token for `access`: a random nonce, then a sesame v2 token signed for a scope
    that includes the nonce. Without the nonce, two links made in the same second would be
    the same link (and using one would use up the other)."""
    nonce = secrets.token_urlsafe(NONCE_BYTES)
    return nonce + tokens_v2.create_token(access, scope=SCOPE + nonce)


def _split(token: str) -> tuple[str, str]:
    return token[:NONCE_LENGTH], token[NONCE_LENGTH:]


def link_url(access: PortalAccess, *, engagement_id: int | None = None) -> str:
    """The absolute magic link for `access`, optionally landing on one engagement."""
    path = reverse("portal:open", args=[create_token(access)])
    if engagement_id is not None:
        path += f"?engagement={int(engagement_id)}"
    return settings.HEARD_BASE_URL.rstrip("/") + path


def forget_expired_uses(now=None) -> int:
    """Delete the fingerprints of used links that can no longer open anyway. A link is made
    before it is used, so one used more than SESAME_MAX_AGE ago has expired."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=sesame_settings.MAX_AGE)
    deleted, _by_model = PortalLinkUse.objects.filter(used_at__lt=cutoff).delete()
    return deleted


def token_digest(token: str) -> str:
    """What is stored of a used token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _get_access(pk) -> PortalAccess | None:
    return (
        PortalAccess.objects.select_related("stakeholder", "stakeholder__workspace")
        .filter(
            pk=pk,
            stakeholder__archived_at__isnull=True,
            stakeholder__merged_into__isnull=True,
        )
        .first()
    )


def token_access_id(token: str) -> int | None:
    """The access id a token claims (unverified; for throttling only)."""
    try:
        raw = _split(token)[1].encode()
        data = base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4))
        pk, _rest = packers.packer.unpack_pk(data)
    except Exception:  # noqa: BLE001 - any garbage is simply "no claim"
        return None
    return pk if isinstance(pk, int) else None


def _token_age(token: str) -> float | None:
    """Seconds since the token was made, read before its signature is checked."""
    try:
        raw = _split(token)[1].encode()
        data = base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4))
        _pk, rest = packers.packer.unpack_pk(data)
        age, _signature = tokens_v2.unpack_timestamp(rest)
    except Exception:  # noqa: BLE001
        return None
    return age


def check_link(token: str) -> LinkCheck:
    """Classify `token` without using it up."""
    nonce, signed = _split(token)
    if len(token) > 200 or len(nonce) != NONCE_LENGTH or not tokens_v2.detect_token(signed):
        return LinkCheck(LinkState.INVALID)
    genuine = tokens_v2.parse_token(signed, _get_access, scope=SCOPE + nonce, max_age=RECOGNISE_FOR)
    if genuine is None:
        return LinkCheck(LinkState.INVALID)
    if PortalLinkUse.objects.filter(token_digest=token_digest(token)).exists():
        return LinkCheck(LinkState.USED, genuine)
    age = _token_age(token)
    if age is None or age >= sesame_settings.MAX_AGE:
        return LinkCheck(LinkState.EXPIRED, genuine)
    return LinkCheck(LinkState.VALID, genuine)


def use_link(token: str) -> LinkCheck:
    """Open the link: valid once, recorded in the same transaction that signs the visit in."""
    check = check_link(token)
    if check.state != LinkState.VALID:
        return check
    now = timezone.now()
    try:
        with transaction.atomic():
            PortalLinkUse.objects.create(
                access=check.access, token_digest=token_digest(token), used_at=now
            )
            PortalAccess.objects.filter(pk=check.access.pk).update(last_signed_in_at=now)
    except IntegrityError:  # opened twice at the same moment: the second one loses
        return LinkCheck(LinkState.USED, check.access)
    check.access.last_signed_in_at = now
    return check


def key_fingerprint(access: PortalAccess) -> str:
    """A short digest of the access key, kept in the session: a new key ends old sessions."""
    return hashlib.sha256(access.key.encode()).hexdigest()[:16]
