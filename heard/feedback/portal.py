"""Links into the stakeholder portal. The portal comes with a later issue: until then every
message points at one placeholder address, built here and only here, so the portal work
changes this function and nothing else (it will add a per-stakeholder magic link)."""

from __future__ import annotations

from django.conf import settings


def portal_link(stakeholder, *, engagement=None) -> str:
    """The address where `stakeholder` will see their inputs, decisions and responses."""
    base = settings.HEARD_BASE_URL.rstrip("/")
    path = "/portal/"
    if engagement is not None:
        path += f"?engagement={engagement.pk}"
    return base + path
