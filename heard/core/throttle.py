"""Rate limiting shared by the public doors (portal links, public concern forms): who is
asking, and fixed-window counters in Django's cache.

The counters live in the default cache, so every web process must share it: in production set
HEARD_CACHE_URL (Redis) — with the per-process memory cache, each gunicorn worker counts alone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address. Behind HEARD_TRUSTED_PROXIES reverse proxies (default 0), the
    address the nearest of them saw, read from the right of X-Forwarded-For — entries further
    left are whatever the client wrote, so they are never trusted."""
    proxies = int(getattr(settings, "HEARD_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def count(key: str, window: int) -> int:
    """Add one hit to the counter `key` (which expires `window` seconds after its first hit)
    and return the count."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
