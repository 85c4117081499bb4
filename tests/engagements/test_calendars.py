"""Calendar files parsed back with icalendar: TZID, VTIMEZONE, DST, updates, cancellations."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from heard.engagements import calendars
from heard.engagements.services import sessions as session_services

pytestmark = pytest.mark.django_db


def parse(data: bytes) -> tuple[Calendar, list]:
    calendar = Calendar.from_ical(data)
    return calendar, list(calendar.walk("VEVENT"))


def test_an_event_is_written_in_its_own_time_zone_with_a_vtimezone(make_engagement, add_session):
    session = add_session(
        make_engagement(title="Riders' roundtable", cannot_share="Pricing model"),
        start=datetime.datetime(2026, 3, 10, 9, 0),
        time_zone="America/Los_Angeles",
        remote_url="https://meet.example.org/abc",
    )
    data = calendars.calendar_for([session])
    assert b"DTSTART;TZID=America/Los_Angeles:20260310T090000" in data
    calendar, (event,) = parse(data)
    assert calendar["METHOD"] == "PUBLISH"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "America/Los_Angeles"
    start = event.decoded("DTSTART")
    assert start.tzinfo.key == "America/Los_Angeles" if hasattr(start.tzinfo, "key") else True
    assert start == datetime.datetime(2026, 3, 10, 16, 0, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") - start == datetime.timedelta(hours=2)
    assert str(event["UID"]) == f"{session.ics_uid}@heard"
    assert event["SEQUENCE"] == 0
    assert "Pricing model" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "https://meet.example.org/abc"


def test_vtimezone_carries_both_sides_of_a_dst_change(make_engagement, add_session):
    """Sessions on either side of Europe's 29 March 2026 change keep their wall-clock 10:00,
    and the VTIMEZONE lets a client that does not know Europe/Berlin compute the same."""
    engagement = make_engagement()
    before = add_session(engagement, start=datetime.datetime(2026, 3, 26, 10))
    after = add_session(engagement, start=datetime.datetime(2026, 4, 2, 10))
    calendar, events = parse(calendars.calendar_for([before, after]))
    (zone,) = calendar.walk("VTIMEZONE")
    offsets = {str(sub.name): sub["TZOFFSETTO"].td for sub in zone.subcomponents}
    assert offsets["STANDARD"] == datetime.timedelta(hours=1)
    assert offsets["DAYLIGHT"] == datetime.timedelta(hours=2)
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert [s.astimezone(datetime.UTC).hour for s in starts] == [9, 8]
    berlin = ZoneInfo("Europe/Berlin")
    assert [s.astimezone(berlin).hour for s in starts] == [10, 10]
    # The VTIMEZONE alone (no tz database) gives the same instants.
    tz = zone.to_tz()
    local = [
        datetime.datetime(2026, 3, 26, 10, tzinfo=tz),
        datetime.datetime(2026, 4, 2, 10, tzinfo=tz),
    ]
    assert [d.astimezone(datetime.UTC) for d in local] == [
        s.astimezone(datetime.UTC) for s in starts
    ]


def test_a_session_crossing_the_dst_change_keeps_its_real_length(workspace, make_engagement):
    """01:30–03:30 Berlin on 29 March 2026 lasts one hour: the clocks skip 02:00–03:00."""
    session = session_services.add_session(
        workspace=workspace,
        actor=None,
        engagement=make_engagement(),
        starts_at=datetime.datetime(2026, 3, 29, 1, 30),
        ends_at=datetime.datetime(2026, 3, 29, 3, 30),
        time_zone="Europe/Berlin",
    )
    _calendar, (event,) = parse(calendars.calendar_for([session]))
    # (Python subtracts same-zone datetimes by wall clock; compare instants in UTC.)
    start, end = (event.decoded(k).astimezone(datetime.UTC) for k in ("DTSTART", "DTEND"))
    assert end - start == datetime.timedelta(hours=1)
    assert b"DTEND;TZID=Europe/Berlin:20260329T033000" in calendars.calendar_for([session])


def test_updates_raise_sequence_and_keep_the_uid(workspace, make_engagement, add_session):
    session = add_session(make_engagement())
    _c, (first,) = parse(calendars.calendar_for([session], method=calendars.Method.REQUEST))
    session_services.update_session(
        workspace=workspace,
        actor=None,
        session=session,
        starts_at=datetime.datetime(2026, 3, 26, 11),
        ends_at=datetime.datetime(2026, 3, 26, 13),
    )
    calendar, (second,) = parse(calendars.calendar_for([session], method=calendars.Method.REQUEST))
    assert calendar["METHOD"] == "REQUEST"
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1
    assert second.decoded("DTSTART").astimezone(ZoneInfo("Europe/Berlin")).hour == 11


def test_cancellation_is_method_cancel_with_a_higher_sequence(
    workspace, make_engagement, add_session
):
    session = add_session(make_engagement())
    session_services.cancel_session(workspace=workspace, actor=None, session=session)
    calendar, (event,) = parse(calendars.calendar_for([session], method=calendars.Method.CANCEL))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_attendee_is_named_for_invitations(make_engagement, add_session):
    session = add_session(make_engagement())
    data = calendars.calendar_for(
        [session], method=calendars.Method.REQUEST, attendee="amina@example.org"
    )
    _c, (event,) = parse(data)
    assert str(event["ATTENDEE"]) == "mailto:amina@example.org"
