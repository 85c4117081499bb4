"""A per-IP counter in Django's cache for the public pages: the form and the status lookup
(reference codes must not be guessable by trying many)."""

from __future__ import annotations

from django.conf import settings

from heard.core.throttle import client_address, count

# (attempts, seconds) per client address; settings may override each.
DEFAULT_LIMITS = {
    "raise": (10, 60 * 60),
    "lookup": (30, 60 * 60),
}


def limit_for(bucket: str) -> tuple[int, int]:
    """(attempts, seconds) for `bucket`, from HEARD_CONCERN_THROTTLE or the defaults."""
    return getattr(settings, "HEARD_CONCERN_THROTTLE", {}).get(bucket, DEFAULT_LIMITS[bucket])


def is_throttled(request, bucket: str) -> bool:
    """Count one attempt from this address; True once it is over the limit."""
    attempts, window = limit_for(bucket)
    return count(f"heard:concerns:{bucket}:{client_address(request)}", window) > attempts
