"""Scheduling across time zones: who a session time suits, and which few times suit everyone.

Pure functions (no database): the scheduling page and the property tests call them directly.
A time suits an invitee when the whole session falls between 08:00 and 20:00 on their clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from zoneinfo import ZoneInfo

EARLIEST = datetime.time(8, 0)
LATEST = datetime.time(20, 0)
MAX_SESSIONS = 3
STEP = datetime.timedelta(minutes=30)


@dataclass(frozen=True)
class LocalTime:
    """One invitee's view of a session time."""

    key: object
    time_zone: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    is_inside_hours: bool


@dataclass(frozen=True)
class Proposal:
    """Session start times (UTC) and which time zones each one suits."""

    starts: tuple[datetime.datetime, ...]
    zones_per_start: tuple[tuple[str, ...], ...]
    uncovered: tuple[str, ...]

    @property
    def is_complete(self) -> bool:
        return not self.uncovered


def suits(start: datetime.datetime, duration: datetime.timedelta, zone_name: str) -> bool:
    """Whether [start, start + duration) lies within 08:00–20:00 in `zone_name`, same day."""
    zone = ZoneInfo(zone_name)
    local_start = start.astimezone(zone)
    local_end = (start + duration).astimezone(zone)
    if local_end.date() != local_start.date():
        return False
    return local_start.time() >= EARLIEST and local_end.time() <= LATEST


def local_times(
    start: datetime.datetime,
    duration: datetime.timedelta,
    invitees: Iterable[tuple[object, str]],
) -> list[LocalTime]:
    """Each (key, time zone) invitee's local start and end, flagged outside 08:00–20:00."""
    rows = []
    for key, zone_name in invitees:
        zone = ZoneInfo(zone_name)
        rows.append(
            LocalTime(
                key=key,
                time_zone=zone_name,
                starts_at=start.astimezone(zone),
                ends_at=(start + duration).astimezone(zone),
                is_inside_hours=suits(start, duration, zone_name),
            )
        )
    return rows


def candidate_starts(day: datetime.date) -> list[datetime.datetime]:
    """Every half hour of `day`, in UTC: 48 candidates."""
    first = datetime.datetime.combine(day, datetime.time(0), tzinfo=datetime.UTC)
    return [first + STEP * i for i in range(48)]


def propose_sessions(
    zones: Sequence[str],
    duration: datetime.timedelta,
    day: datetime.date,
    *,
    max_sessions: int = MAX_SESSIONS,
) -> Proposal:
    """As few start times on `day` (at most `max_sessions`) as together suit every zone.

    Exact, not greedy: time zones are few (distinct zones, not people), so every set of one,
    then two, then three candidate times is tried, smallest first; among equal-sized covers
    the earliest times win, so answers are stable. When no cover exists (a session longer
    than the shared hours allow), the best partial one is returned with the zones left out.
    """
    wanted = sorted(set(zones))
    if not wanted:
        return Proposal((), (), ())
    index = {z: i for i, z in enumerate(wanted)}
    everyone = (1 << len(wanted)) - 1
    masks: dict[int, datetime.datetime] = {}
    for start in candidate_starts(day):
        mask = 0
        for zone in wanted:
            if suits(start, duration, zone):
                mask |= 1 << index[zone]
        if mask and mask not in masks:
            masks[mask] = start
    # Drop candidates whose zones another candidate already suits: they never help a cover.
    useful = [m for m in masks if not any(o != m and o & m == m for o in masks)]
    useful.sort(key=lambda m: masks[m])
    best: tuple[int, ...] = ()
    best_mask = 0
    for size in range(1, max_sessions + 1):
        for combo in combinations(useful, size):
            covered = 0
            for mask in combo:
                covered |= mask
            if covered == everyone:
                return _proposal(combo, masks, wanted, covered)
            if bin(covered).count("1") > bin(best_mask).count("1"):
                best, best_mask = combo, covered
    return _proposal(best, masks, wanted, best_mask)


def _proposal(combo, masks, wanted: list[str], covered: int) -> Proposal:
    ordered = sorted(combo, key=lambda m: masks[m])
    return Proposal(
        starts=tuple(masks[m] for m in ordered),
        zones_per_start=tuple(
            tuple(z for i, z in enumerate(wanted) if m >> i & 1) for m in ordered
        ),
        uncovered=tuple(z for i, z in enumerate(wanted) if not covered >> i & 1),
    )
