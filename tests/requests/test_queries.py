"""The disclosure-report helper: counts, refusal grounds, median days to answer and the
share answered within the deadline, for a period."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from heard.requests.queries import information_request_report
from tests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 1)
END = datetime.date(2026, 3, 31)


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def made(workspace, received: datetime.date, *, status="open", replied_after=None, **fields):
    fields.setdefault("due_on", received + datetime.timedelta(days=30))
    if replied_after is not None:
        fields["answered_at"] = at(received + datetime.timedelta(days=replied_after))
    if status == "answered":
        fields.setdefault("answer", "An answer.")
    if status == "refused":
        fields.setdefault("refusal_reasons", "Reasons.")
    return InformationRequestFactory(
        workspace=workspace, received_at=at(received), status=status, **fields
    )


def test_report_for_a_period(workspace, other_workspace):
    day = datetime.date(2026, 3, 10)
    made(workspace, day, status="answered", replied_after=4)
    made(workspace, day, status="answered", replied_after=10)
    made(workspace, day, status="answered", replied_after=40)  # late
    made(workspace, day, status="refused", replied_after=6, refusal_ground="confidential")
    made(workspace, day, status="refused", replied_after=2, refusal_ground="personal_data")
    made(workspace, day, status="withdrawn")
    made(workspace, day)  # open, overdue by the report's "today"
    made(workspace, datetime.date(2026, 3, 31))  # open, not yet due
    # Outside the period or the workspace: not counted.
    made(workspace, datetime.date(2026, 2, 28), status="answered", replied_after=1)
    made(workspace, datetime.date(2026, 4, 1), status="answered", replied_after=1)
    made(other_workspace, day, status="answered", replied_after=1)

    report = information_request_report(workspace, START, END, today=datetime.date(2026, 4, 20))
    assert (report.received, report.answered, report.refused) == (8, 3, 2)
    assert (report.withdrawn, report.open, report.overdue) == (1, 2, 1)
    assert report.refused_by_ground == {
        "confidential": 1,
        "personal_data": 1,
        "disproportionate": 0,
        "other": 0,
    }
    assert report.median_days_to_answer == 6.0  # of 2, 4, 6, 10, 40
    # 4 replies on time out of 5 replies and 1 open request past its due date.
    assert report.on_time_share == pytest.approx(4 / 6)


def test_an_empty_period(workspace):
    report = information_request_report(workspace, START, END)
    assert report.received == 0
    assert report.median_days_to_answer is None and report.on_time_share is None


def test_the_period_follows_local_dates(workspace, settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    timezone.activate("Pacific/Auckland")
    try:
        # 20:00 UTC on 31 March is already 1 April in Auckland.
        InformationRequestFactory(
            workspace=workspace,
            received_at=datetime.datetime(2026, 3, 31, 20, 0, tzinfo=datetime.UTC),
        )
        assert information_request_report(workspace, START, END).received == 0
        april = information_request_report(
            workspace, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
        )
        assert april.received == 1
    finally:
        timezone.deactivate()
