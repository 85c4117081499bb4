"""Invitation emails: in the invitee's language, with the sessions as an `.ics` attachment,
only to people who consented to be contacted. Sent after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import User, Workspace
from heard.engagements import calendars
from heard.engagements.models import (
    Engagement,
    EngagementStatus,
    InvitationState,
    Participation,
    Session,
)
from heard.engagements.queries import (
    contact_problem,
    declined_invitations,
    participations_of,
)
from heard.engagements.services.common import check_same_workspace
from heard.stakeholders.vocab import available_time_zones

# Replies still open or positive: these people hear about changes and cancellations.
INFORMED_STATES = {InvitationState.SENT, InvitationState.ACCEPTED, InvitationState.NO_REPLY}


@dataclass
class SendResult:
    """Who was emailed and who could not be, with the reason for each."""

    sent: list[Participation] = field(default_factory=list)
    skipped: list[tuple[Participation, str]] = field(default_factory=list)


def email_language(participation: Participation, workspace: Workspace) -> str:
    """The invitee's first language Heard has a translation for, else the workspace's."""
    available = {code for code, _name in settings.LANGUAGES}
    for link in participation.stakeholder.language_links.all():
        if link.code in available:
            return link.code
    for code in workspace.languages or ():
        if code in available:
            return code
    return settings.LANGUAGE_CODE


def _invitee_zone(participation: Participation) -> ZoneInfo | None:
    name = participation.stakeholder.time_zone
    return ZoneInfo(name) if name and name in available_time_zones() else None


def _session_lines(sessions: list[Session], zone: ZoneInfo | None) -> list[dict]:
    rows = []
    for session in sessions:
        rows.append(
            {
                "session": session,
                "starts_local": session.local_starts_at,
                "ends_local": session.local_ends_at,
                "starts_invitee": session.starts_at.astimezone(zone) if zone else None,
                "ends_invitee": session.ends_at.astimezone(zone) if zone else None,
                "invitee_zone": str(zone) if zone else "",
            }
        )
    return rows


def _message(
    *,
    participation: Participation,
    sessions: list[Session],
    method: str,
    language: str,
    template: str,
) -> EmailMultiAlternatives:
    """One email with its .ics; rendered in `language`."""
    stakeholder = participation.stakeholder
    engagement = participation.engagement
    context = {
        "engagement": engagement,
        "participation": participation,
        "stakeholder_name": stakeholder.name,
        "sessions": _session_lines(sessions, _invitee_zone(participation)),
        "workspace_name": engagement.workspace.name,
        "method": method,
    }
    with translation.override(language):
        context["attribution"] = engagement.get_attribution_rule_display()
        context["role"] = participation.get_role_display()
        subject = " ".join(
            render_to_string(f"engagements/email/{template}_subject.txt", context).split()
        )
        text = render_to_string(f"engagements/email/{template}.txt", context)
        html = render_to_string(f"engagements/email/{template}.html", context)
        ics = calendars.calendar_for(sessions, method=method, attendee=stakeholder.email)
    # Replies (accepting, asking, declining) reach the engagement lead, not a no-reply box.
    reply_to = [engagement.owner.email] if engagement.owner_id else None
    message = EmailMultiAlternatives(subject, text, None, [stakeholder.email], reply_to=reply_to)
    message.attach_alternative(html, "text/html")
    message.attach(
        "invitation.ics" if method != calendars.Method.CANCEL else "cancellation.ics",
        ics,
        f"text/calendar; method={method}; charset=UTF-8",
    )
    message.extra_headers["Content-Language"] = language
    return message


def _sessions_for(participation: Participation, sessions: list[Session]) -> list[Session]:
    if participation.session_id:
        return [s for s in sessions if s.pk == participation.session_id]
    return sessions


def _queue(messages: list[EmailMultiAlternatives]) -> None:
    def send() -> None:
        for message in messages:
            message.send()

    # robust: a mail server hiccup must not undo recorded invitations.
    transaction.on_commit(send, robust=True)


def invitation_preview(engagement: Engagement, participations=None) -> SendResult:
    """Who would be emailed now (drafts) and who cannot be, and why — writes nothing."""
    result = SendResult()
    rows = participations if participations is not None else participations_of(engagement)
    rows = [p for p in rows if p.invitation_state == InvitationState.DRAFT]
    declined = declined_invitations(p.stakeholder_id for p in rows)
    for participation in rows:
        problem = contact_problem(participation)
        if problem is None and participation.stakeholder_id in declined:
            problem = _("The stakeholder asked not to be invited to future engagements.")
        if problem:
            result.skipped.append((participation, problem))
        else:
            result.sent.append(participation)
    return result


@transaction.atomic
def send_invitations(
    *,
    workspace: Workspace,
    actor: User | None,
    engagement: Engagement,
    participation_ids: Iterable[int] | None = None,
) -> SendResult:
    """Email every draft invitee who may be contacted; the others stay drafts with a reason.

    The engagement moves to "invitations sent" once someone was invited."""
    check_same_workspace(workspace, engagement)
    if engagement.is_archived:
        raise DomainError(_("Restore the engagement before inviting people."))
    if engagement.status not in {EngagementStatus.PLANNED, EngagementStatus.INVITATIONS_SENT}:
        raise DomainError(_("Invitations go out before an engagement is held."))
    sessions = list(
        Session.objects.for_workspace(workspace)
        .filter(engagement=engagement, cancelled_at__isnull=True)
        .select_related("engagement")
    )
    if not sessions:
        raise DomainError(_("Add at least one session before sending invitations."))
    rows = participations_of(engagement).select_for_update(of=("self",))
    if participation_ids is not None:
        rows = rows.filter(pk__in=list(participation_ids))
    result = invitation_preview(engagement, rows)
    messages = []
    now = timezone.now()
    for participation in result.sent:
        participation.engagement = engagement  # one engagement for all: no query per person
        chosen = _sessions_for(participation, sessions) or sessions
        language = email_language(participation, workspace)
        messages.append(
            _message(
                participation=participation,
                sessions=chosen,
                method=calendars.Method.REQUEST,
                language=language,
                template="invitation",
            )
        )
        before = audit.snapshot(participation)
        participation.invitation_state = InvitationState.SENT
        participation.invitation_sent_at = now
        participation.invitation_language = language
        participation.save(
            update_fields=[
                "invitation_state",
                "invitation_sent_at",
                "invitation_language",
                "updated_at",
            ]
        )
        audit.record_update(workspace=workspace, actor=actor, obj=participation, before=before)
    if result.sent and engagement.status == EngagementStatus.PLANNED:
        from heard.engagements.services.engagements import change_status

        change_status(
            workspace=workspace,
            actor=actor,
            engagement=engagement,
            status=EngagementStatus.INVITATIONS_SENT,
        )
        engagement.refresh_from_db(fields=["status", "invitations_sent_at"])
    _queue(messages)
    return result


def send_session_change(session: Session) -> int:
    """Email the updated (or cancelled) session to everyone invited to it who may still be
    contacted; returns how many emails were queued."""
    engagement = session.engagement
    cancelled = session.cancelled_at is not None
    method = calendars.Method.CANCEL if cancelled else calendars.Method.REQUEST
    messages = []
    for participation in participations_of(engagement).filter(invitation_state__in=INFORMED_STATES):
        if participation.session_id not in (None, session.pk):
            continue
        if contact_problem(participation):
            continue
        participation.engagement = engagement
        messages.append(
            _message(
                participation=participation,
                sessions=[session],
                method=method,
                language=participation.invitation_language
                or email_language(participation, engagement.workspace),
                template="cancellation" if cancelled else "update",
            )
        )
    _queue(messages)
    return len(messages)
