"""Dates of planning cycles from a workspace's start months (pure functions, no database)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format


@dataclass(frozen=True)
class CycleDates:
    """The name and dates a new cycle gets."""

    name: str
    opens_on: datetime.date
    requests_due_on: datetime.date
    closes_on: datetime.date


def _starts_around(months: list[int], year: int) -> list[datetime.date]:
    return [datetime.date(y, m, 1) for y in (year - 1, year, year + 1) for m in sorted(months)]


def period_start(months: list[int], day: datetime.date) -> datetime.date:
    """The start of the period that contains `day`."""
    return max(d for d in _starts_around(months, day.year) if d <= day)


def next_start(months: list[int], after: datetime.date) -> datetime.date:
    """The first period start after `after`."""
    return min(d for d in _starts_around(months, after.year) if d > after)


def cycle_name(months: list[int], start: datetime.date) -> str:
    """“H1 2027” for two starts a year, “Q3 2027” for four, else “March 2027”."""
    ordered = sorted(months)
    if start.month in ordered and len(ordered) in (2, 4):
        prefix = "H" if len(ordered) == 2 else "Q"
        return f"{prefix}{ordered.index(start.month) + 1} {start.year}"
    return date_format(start, "F Y")


def cycle_dates(months: list[int], start: datetime.date, request_days: int) -> CycleDates:
    """Name and dates of the cycle starting on `start`: requests are due `request_days` later,
    and it closes the day before the next one starts."""
    closes_on = next_start(months, start) - datetime.timedelta(days=1)
    due = min(start + datetime.timedelta(days=request_days), closes_on)
    return CycleDates(cycle_name(months, start), start, due, closes_on)
