"""Calendar files (RFC 5545) for sessions: invitations, updates and cancellations.

Times are written in the session's own time zone (DTSTART;TZID=Europe/Berlin:…) with the
matching VTIMEZONE, so calendar clients show the right local time across DST changes. The UID
is stable and SEQUENCE grows with every change, so clients replace the event instead of adding
a second one; a cancellation is METHOD:CANCEL with STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Heard//Stakeholder engagement//EN"


class Method:
    """iTIP methods we use (RFC 5546)."""

    PUBLISH = "PUBLISH"  # a download from the page: no attendee replies expected
    REQUEST = "REQUEST"  # an invitation or an update to one
    CANCEL = "CANCEL"  # the session will not take place


def _organizer() -> vCalAddress:
    address = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].strip('> ')}")
    address.params["cn"] = vText("Heard")
    return address


def _description(session) -> str:
    engagement = session.engagement
    parts = [engagement.purpose]
    if engagement.cannot_share:
        parts.append(_("What we cannot share, and why:") + "\n" + engagement.cannot_share)
    if session.remote_url:
        parts.append(_("Join online: %(url)s") % {"url": session.remote_url})
    return "\n\n".join(p for p in parts if p)


def session_event(session, *, cancelled: bool = False, attendee: str | None = None) -> Event:
    """The VEVENT of one session, in its own time zone."""
    zone = ZoneInfo(session.time_zone)
    event = Event()
    event.add("uid", f"{session.ics_uid}@heard")
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    title = session.engagement.title
    if session.label:
        title = f"{title} ({session.label})"
    event.add("summary", title)
    if description := _description(session):
        event.add("description", description)
    location = session.location or session.remote_url
    if location:
        event.add("location", location)
    if session.remote_url:
        event.add("url", session.remote_url)
    event.add("organizer", _organizer())
    if attendee:
        address = vCalAddress(f"mailto:{attendee}")
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["rsvp"] = vText("TRUE")
        event.add("attendee", address, encode=0)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_for(
    sessions: Iterable, *, method: str = Method.PUBLISH, attendee: str | None = None
) -> bytes:
    """A VCALENDAR with one VEVENT per session and the VTIMEZONEs they need."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    sessions = list(sessions)
    for session in sessions:
        cancelled = method == Method.CANCEL or session.cancelled_at is not None
        calendar.add_component(session_event(session, cancelled=cancelled, attendee=attendee))
    if sessions:
        # VTIMEZONE rules from a year before the first to a year after the last session:
        # enough for every DST change clients need, small enough for an email attachment.
        first = min(s.starts_at for s in sessions).date() - datetime.timedelta(days=366)
        last = max(s.ends_at for s in sessions).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def filename_for(session) -> str:
    """A download name such as "engagement-12-session-34.ics"."""
    return f"engagement-{session.engagement_id}-session-{session.pk}.ics"
