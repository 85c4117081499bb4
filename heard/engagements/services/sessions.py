"""Writes to sessions: each with its own start, end and time zone; changes reach invitees."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.engagements.models import Engagement, EngagementStatus, Session
from heard.engagements.services.common import check_same_workspace, check_time_zone, validate
from heard.engagements.services.engagements import sync_starts_on

# A change to any of these is one calendar clients must show: SEQUENCE goes up.
CALENDAR_FIELDS = ("starts_at", "ends_at", "time_zone", "location", "remote_url", "label")
MAX_SESSION = datetime.timedelta(days=7)


def aware_in_zone(value: datetime.datetime, zone_name: str, *, field: str) -> datetime.datetime:
    """`value` as an aware datetime: naive values are wall-clock times in `zone_name`.

    Wall-clock times that do not exist (skipped when clocks go forward) are refused rather
    than silently moved by an hour."""
    if timezone.is_aware(value):
        return value
    zone = ZoneInfo(zone_name)
    aware = value.replace(tzinfo=zone)
    round_trip = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != value:
        raise DomainError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks change that night. "
                "Pick another time."
            )
            % {"time": value.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
            field=field,
        )
    return aware


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise DomainError(_("The session must end after it starts."), field="ends_at")
    if ends_at - starts_at > MAX_SESSION:
        raise DomainError(_("A session cannot last more than seven days."), field="ends_at")


def _check_open(engagement: Engagement) -> None:
    if engagement.is_archived:
        raise DomainError(_("Restore the engagement before changing its sessions."))
    if engagement.status in {EngagementStatus.DEBRIEFED, EngagementStatus.LOOP_CLOSED}:
        raise DomainError(_("The engagement is debriefed: its sessions can no longer change."))


@transaction.atomic
def add_session(
    *,
    workspace: Workspace,
    actor: User | None,
    engagement: Engagement,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    time_zone: str,
    label: str = "",
    location: str = "",
    remote_url: str = "",
) -> Session:
    """Add a session; naive times are read in `time_zone` (e.g. 10:00 Europe/Berlin)."""
    check_same_workspace(workspace, engagement)
    _check_open(engagement)
    time_zone = check_time_zone(time_zone)
    starts_at = aware_in_zone(starts_at, time_zone, field="starts_at")
    ends_at = aware_in_zone(ends_at, time_zone, field="ends_at")
    _check_times(starts_at, ends_at)
    session = Session(
        workspace=workspace,
        engagement=engagement,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        label=label.strip(),
        location=location.strip(),
        remote_url=remote_url.strip(),
    )
    validate(session, exclude=("workspace", "engagement"))
    session.save()
    sync_starts_on(engagement)
    audit.record_create(workspace=workspace, actor=actor, obj=session)
    return session


@transaction.atomic
def update_session(
    *,
    workspace: Workspace,
    actor: User | None,
    session: Session,
    notify: bool = True,
    version: str | None = None,
    **fields,
) -> Session:
    """Change a session. Calendar-relevant changes raise SEQUENCE and, once invitations are
    out, send every invitee the updated event."""
    check_version(Session, session.pk, version)
    check_same_workspace(workspace, session)
    if session.is_cancelled:
        raise DomainError(_("A cancelled session cannot be changed; add a new one instead."))
    _check_open(session.engagement)
    unknown = set(fields) - set(CALENDAR_FIELDS)
    if unknown:
        raise DomainError(_("Unknown session field: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = audit.snapshot(session)
    zone = check_time_zone(fields.get("time_zone", session.time_zone))
    fields["time_zone"] = zone
    for name in ("starts_at", "ends_at"):
        if name in fields:
            fields[name] = aware_in_zone(fields[name], zone, field=name)
    for name, value in fields.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    _check_times(session.starts_at, session.ends_at)
    changed = [f for f in CALENDAR_FIELDS if before.get(f) != audit.snapshot(session).get(f)]
    if not changed:
        return session
    session.sequence += 1
    validate(session, exclude=("workspace", "engagement"))
    session.save()
    sync_starts_on(session.engagement)
    audit.record_update(workspace=workspace, actor=actor, obj=session, before=before)
    if notify:
        from heard.engagements.services.invitations import send_session_change

        send_session_change(session)
    return session


@transaction.atomic
def cancel_session(
    *, workspace: Workspace, actor: User | None, session: Session, notify: bool = True
) -> Session:
    """Cancel a session (kept, marked cancelled); invitees get a METHOD:CANCEL calendar."""
    check_same_workspace(workspace, session)
    if session.is_cancelled:
        raise DomainError(_("This session is already cancelled."))
    _check_open(session.engagement)
    before = audit.snapshot(session)
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    sync_starts_on(session.engagement)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ARCHIVE,
        obj=session,
        changes=audit.diff(before, audit.snapshot(session)),
    )
    if notify:
        from heard.engagements.services.invitations import send_session_change

        send_session_change(session)
    return session
