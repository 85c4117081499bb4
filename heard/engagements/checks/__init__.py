"""Checks that guide, not block: inclusivity, fatigue and coverage.

Each module keeps its rules as plain functions over plain data (unit-tested without a
database) and its reads as a few aggregate queries, so a check costs the same at 100 or
100,000 stakeholders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed, worded for the person planning the engagement.

    `level` is "warning" (something to act on), "info" (worth knowing) or "ok". `find` holds
    registry filters (heard.stakeholders.filters parameter names) that list the missing
    voices; `action` names another remedy the page offers ("plan_interpretation").
    """

    code: str
    level: str
    message: str
    find: dict = field(default_factory=dict)
    find_label: str = ""
    action: str = ""

    @property
    def query(self) -> str:
        """The registry query string that finds the missing voices."""
        return urlencode(self.find)

    @property
    def is_warning(self) -> bool:
        return self.level == "warning"


# --- caching of the workspace-wide reports

REPORT_TTL_SECONDS = 300


@dataclass(frozen=True)
class Cached:
    """A report's value and when it was computed."""

    value: object
    computed_at: object


def cached_report(workspace, name: str, params: tuple, compute, *, fresh: bool = False) -> Cached:
    """The workspace-wide reports aggregate every engagement of the workspace (hundreds of
    milliseconds at tens of thousands of engagements on SQLite): they are kept for
    REPORT_TTL_SECONDS and say when they were computed; `fresh` recomputes. The key carries
    the workspace's creation time so a re-used primary key never sees another's figures."""
    from django.core.cache import cache
    from django.utils import timezone

    key = ":".join(
        ["heard-checks", name, str(workspace.pk), workspace.created_at.isoformat()]
        + [str(p) for p in params]
    )
    if not fresh and (hit := cache.get(key)) is not None:
        return hit
    result = Cached(compute(), timezone.now())
    cache.set(key, result, REPORT_TTL_SECONDS)
    return result
