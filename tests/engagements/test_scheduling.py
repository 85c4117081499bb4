"""Scheduling across time zones: examples, and properties checked with hypothesis."""

from __future__ import annotations

import datetime
from itertools import combinations
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from heard.engagements import scheduling

ZONES = [
    "Europe/Berlin",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Africa/Nairobi",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Pacific/Honolulu",
    "Pacific/Kiritimati",
    "America/St_Johns",
    "UTC",
]
days = st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2028, 12, 31))
durations = st.sampled_from([30, 60, 90, 120, 180, 240]).map(
    lambda m: datetime.timedelta(minutes=m)
)
zone_lists = st.lists(st.sampled_from(ZONES), min_size=1, max_size=10)


def test_the_seeds_example_10_cet_is_9_pdt_only_in_the_gap_weeks():
    # 10 March 2026: the US changed clocks on 8 March, Europe changes on 29 March.
    start = datetime.datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    rows = scheduling.local_times(
        start, datetime.timedelta(hours=1), [("b", "Europe/Berlin"), ("la", "America/Los_Angeles")]
    )
    assert [(r.key, r.starts_at.hour, r.is_inside_hours) for r in rows] == [
        ("b", 10, True),
        ("la", 2, False),
    ]


def test_end_after_20_is_flagged_even_if_the_start_is_inside():
    start = datetime.datetime(2026, 6, 1, 19, tzinfo=ZoneInfo("Africa/Nairobi"))
    assert not scheduling.suits(start, datetime.timedelta(minutes=90), "Africa/Nairobi")
    assert scheduling.suits(start, datetime.timedelta(hours=1), "Africa/Nairobi")


def test_one_time_suits_europe_and_africa():
    proposal = scheduling.propose_sessions(
        ["Europe/Berlin", "Africa/Nairobi", "Africa/Lagos"],
        datetime.timedelta(hours=2),
        datetime.date(2026, 5, 5),
    )
    assert proposal.is_complete and len(proposal.starts) == 1


def test_antipodes_need_more_than_one_session():
    proposal = scheduling.propose_sessions(
        ["Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles"],
        datetime.timedelta(hours=2),
        datetime.date(2026, 5, 5),
    )
    assert proposal.is_complete and len(proposal.starts) == 2


def test_when_three_times_cannot_suit_everyone_the_left_out_zones_are_named():
    """An eleven-hour session fits 08:00–20:00 only if it starts by 09:00 local: four zones
    hours apart cannot share three start times."""
    zones = ["Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata"]
    proposal = scheduling.propose_sessions(
        zones, datetime.timedelta(hours=11), datetime.date(2026, 5, 5)
    )
    assert len(proposal.starts) == 3
    assert len(proposal.uncovered) == 1
    covered = {z for group in proposal.zones_per_start for z in group}
    assert covered | set(proposal.uncovered) == set(zones)


def test_no_invitees_no_proposal():
    proposal = scheduling.propose_sessions([], datetime.timedelta(hours=1), datetime.date.today())
    assert proposal.starts == () and proposal.is_complete


def _covered(starts, duration, zones) -> set[str]:
    return {z for z in zones for s in starts if scheduling.suits(s, duration, z)}


@settings(max_examples=150, deadline=None)
@given(zones=zone_lists, duration=durations, day=days)
def test_proposals_are_valid_small_and_minimal(zones, duration, day):
    proposal = scheduling.propose_sessions(zones, duration, day)
    assert 1 <= len(proposal.starts) <= scheduling.MAX_SESSIONS
    assert list(proposal.starts) == sorted(proposal.starts)
    # Every time listed for a zone really suits it, and the zones left out are exactly those
    # that no proposed time suits.
    for start, suited in zip(proposal.starts, proposal.zones_per_start, strict=True):
        assert start.date() == day
        assert all(scheduling.suits(start, duration, z) for z in suited)
    covered = _covered(proposal.starts, duration, set(zones))
    assert covered == set(zones) - set(proposal.uncovered)
    candidates = scheduling.candidate_starts(day)
    if proposal.is_complete:
        # Minimal: no smaller set of candidate times covers everyone.
        for size in range(1, len(proposal.starts)):
            for combo in combinations(candidates, size):
                assert _covered(combo, duration, set(zones)) != set(zones)


@settings(max_examples=100, deadline=None)
@given(zones=zone_lists, duration=durations, day=days)
def test_short_sessions_always_fit_in_three(zones, duration, day):
    """With sessions up to four hours, each zone has at least eight suitable hours in a
    24-hour day, so three times always cover everyone."""
    proposal = scheduling.propose_sessions(zones, duration, day)
    assert proposal.is_complete


@settings(max_examples=100, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=days,
    minutes=st.integers(min_value=0, max_value=24 * 60 - 1),
    duration=durations,
)
def test_local_time_flag_matches_the_wall_clock(zone, day, minutes, duration):
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=datetime.UTC)
    start += datetime.timedelta(minutes=minutes)
    (row,) = scheduling.local_times(start, duration, [("x", zone)])
    local_start, local_end = row.starts_at, row.ends_at
    inside = (
        local_start.date() == local_end.date()
        and local_start.time() >= datetime.time(8)
        and local_end.time() <= datetime.time(20)
    )
    assert row.is_inside_hours == inside
    # Elapsed time, not wall-clock difference: across a DST change they differ.
    elapsed = row.ends_at.astimezone(datetime.UTC) - row.starts_at.astimezone(datetime.UTC)
    assert row.starts_at == start and elapsed == duration
