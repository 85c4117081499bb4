"""Rate limits for the portal's doors, counted in Django's cache (fixed windows).

Asking for a link and opening one are limited per client IP and per address (the email's
keyed hash, or the access a link claims), so nobody can flood a mailbox or try tokens fast.
Limits can be changed in settings (HEARD_PORTAL_LIMITS) without code changes.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from heard.core.throttle import client_address, count

# name: (requests allowed, window in seconds)
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "request_ip": (10, 60 * 60),
    "request_address": (3, 60 * 60),
    "open_ip": (30, 10 * 60),
    "open_address": (10, 10 * 60),
}


def limit(name: str) -> tuple[int, int]:
    """The (count, seconds) limit called `name`."""
    return {**DEFAULT_LIMITS, **getattr(settings, "HEARD_PORTAL_LIMITS", {})}[name]


def hit(name: str, key: str) -> bool:
    """Count one request against limit `name` for `key`; False once the limit is passed."""
    allowed, window = limit(name)
    digest = hashlib.sha256(f"{name}:{key}".encode()).hexdigest()[:32]
    return count(f"heard-portal-throttle:{name}:{digest}", window) <= allowed


def allow(request, ip_limit: str, address_limit: str, address: str | None) -> bool:
    """Count the request against the IP limit and, when known, the address limit."""
    ok = hit(ip_limit, client_address(request))
    if address:
        ok = hit(address_limit, address) and ok
    return ok
