"""Engagements in the API: engagements (plan, status, archive, invitations), their sessions
and participations, and the HRDD steps (read-only) — through the pages' forms, queries and
services. High-risk participants are pseudonymised for roles that may not see them."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, check_filters, filter_schema, get_in_workspace, valid
from heard.api.errors import ApiError
from heard.api.pagination import PageParams, filter_params, page_schema, paginate
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.engagements import queries
from heard.engagements.filters import EngagementFilterForm
from heard.engagements.forms import (
    EngagementForm,
    ParticipationForm,
    SessionForm,
    engagement_initial,
    participation_initial,
    session_initial,
)
from heard.engagements.models import Engagement, Participation, ParticipationRole, Session
from heard.engagements.services import engagements as services
from heard.engagements.services import invitations
from heard.engagements.services import participation as participation_services
from heard.engagements.services import sessions as session_services
from heard.engagements.views.engagements import _choices, _service_kwargs
from heard.stakeholders import queries as registry

engagements = Router(tags=["engagements"])
sessions = Router(tags=["sessions"])
participations = Router(tags=["participations"])
hrdd_steps = Router(tags=["hrdd steps"])

# An id in a payload: bounded, so no database sees an integer it cannot hold.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
VERSION_HELP = "`version` as you read it: a 409 if the record changed since."
TEXT = 20_000
MAX_IDS = 500
NO_NUL = r"^[^\x00]*$"
# Sessions in years calendars and time zone rules can express.
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)


# --- engagements


class GlossaryEntry(InSchema):
    term: str = Field(..., max_length=200, pattern=NO_NUL)
    definition: str = Field(..., max_length=2000, pattern=NO_NUL)


class EngagementOut(Schema):
    id: int
    version: str
    title: str
    status: str
    next_statuses: list[str] = Field(description="The statuses it may move to next.")
    format: str
    mode: str
    purpose: str
    learning_goals: str
    cannot_share: str
    barriers: str
    hrdd_steps: list[int]
    accountable_function: str
    senior_responsible_role: str
    owner: int | None
    lifecycle_stage: str
    initiative: int | None
    impacts: list[int]
    languages: list[str]
    interpretation_languages: list[str]
    accessibility_accommodations: str
    briefing_materials: str
    glossary: list[GlossaryEntry]
    attribution_rule: str
    is_compensation_offered: bool
    compensation_details: str
    starts_on: datetime.date | None
    session_count: int
    participant_count: int
    invitations_sent_at: datetime.datetime | None
    held_at: datetime.datetime | None
    debriefed_at: datetime.datetime | None
    loop_closed_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class EngagementIn(InSchema):
    """An engagement's plan; on update, only the fields sent change. The status moves only
    through `POST /engagements/{id}/status`."""

    title: str = Field(..., max_length=200)
    format: str = Field("roundtable", max_length=30)
    mode: str = Field("remote", max_length=20)
    purpose: str = Field("", max_length=TEXT)
    learning_goals: str = Field("", max_length=TEXT)
    cannot_share: str = Field("", max_length=TEXT)
    barriers: str = Field("", max_length=TEXT)
    hrdd_steps: list[Id] = Field(default_factory=list, max_length=100)
    accountable_function: str = Field("", max_length=200)
    senior_responsible_role: str = Field("", max_length=200)
    owner: Id | None = Field(
        None, description="Engagement lead (a member's user id); default: you."
    )
    lifecycle_stage: str = Field("", max_length=30)
    initiative: Id | None = None
    impacts: list[Id] = Field(default_factory=list, max_length=MAX_IDS)
    languages: list[str] | None = Field(
        None, max_length=50, description="ISO 639-1 codes; default: the workspace's languages."
    )
    interpretation_languages: list[str] = Field(default_factory=list, max_length=50)
    accessibility_accommodations: str = Field("", max_length=TEXT)
    briefing_materials: str = Field("", max_length=TEXT)
    glossary: list[GlossaryEntry] = Field(default_factory=list, max_length=200)
    attribution_rule: str = Field("chatham_house", max_length=30)
    is_compensation_offered: bool = False
    compensation_details: str = Field("", max_length=TEXT)


class EngagementPatch(EngagementIn):
    title: str | None = Field(None, max_length=200)
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


class StatusIn(InSchema):
    status: str = Field(..., max_length=30, description="One of the engagement's `next_statuses`.")


EngagementFilters = filter_schema(EngagementFilterForm, "EngagementFilters")
EngagementPage = page_schema(EngagementOut, "EngagementPage")


def _engagements(request: HttpRequest):
    from heard.impacts.models import Impact

    return queries.engagements(request.workspace).prefetch_related(
        Prefetch(
            "impacts",
            queryset=Impact.objects.for_workspace(request.workspace).order_by("pk").only("pk"),
        )
    )


def _engagement(request: HttpRequest, pk: int) -> Engagement:
    return get_in_workspace(_engagements(request), pk)


def engagement_out(engagement: Engagement) -> dict:
    return {
        "id": engagement.pk,
        "version": version_of(engagement),
        "title": engagement.title,
        "status": engagement.status,
        "next_statuses": list(services.allowed_transitions(engagement)),
        "format": engagement.format,
        "mode": engagement.mode,
        "purpose": engagement.purpose,
        "learning_goals": engagement.learning_goals,
        "cannot_share": engagement.cannot_share,
        "barriers": engagement.barriers,
        "hrdd_steps": [s.pk for s in engagement.hrdd_steps.all()],
        "accountable_function": engagement.accountable_function,
        "senior_responsible_role": engagement.senior_responsible_role,
        "owner": engagement.owner_id,
        "lifecycle_stage": engagement.lifecycle_stage,
        "initiative": engagement.initiative_id,
        "impacts": [i.pk for i in engagement.impacts.all()],
        "languages": list(engagement.languages or ()),
        "interpretation_languages": list(engagement.interpretation_languages or ()),
        "accessibility_accommodations": engagement.accessibility_accommodations,
        "briefing_materials": engagement.briefing_materials,
        "glossary": list(engagement.glossary or ()),
        "attribution_rule": engagement.attribution_rule,
        "is_compensation_offered": engagement.is_compensation_offered,
        "compensation_details": engagement.compensation_details,
        "starts_on": engagement.starts_on,
        "session_count": getattr(engagement, "session_count", None) or 0,
        "participant_count": getattr(engagement, "participant_count", None) or 0,
        "invitations_sent_at": engagement.invitations_sent_at,
        "held_at": engagement.held_at,
        "debriefed_at": engagement.debriefed_at,
        "loop_closed_at": engagement.loop_closed_at,
        "created_at": engagement.created_at,
        "updated_at": engagement.updated_at,
        "archived_at": engagement.archived_at,
    }


def _engagement_kwargs(request: HttpRequest, data: dict, engagement=None) -> dict:
    """The page's form checks the plan (choices restricted to this workspace); the glossary,
    a list here, is checked by the service."""
    glossary = data.pop("glossary")
    data = {
        k: ", ".join(v) if k in ("languages", "interpretation_languages") else v
        for k, v in data.items()
    }
    data = {k: "" if v is None else v for k, v in data.items()}
    data["glossary"] = ""
    form = EngagementForm(data, **_choices(request.workspace, engagement))
    cleaned = dict(valid(form))
    kwargs = _service_kwargs(request.workspace, cleaned)
    kwargs["glossary"] = None if glossary is None else [dict(e) for e in glossary]
    return kwargs


@engagements.get(
    "", response=EngagementPage, summary="List engagements", auth=can(permissions.VIEW)
)
def list_engagements(request, filters: Query[EngagementFilters], page: Query[PageParams]):
    """The engagement list with its page's filters (`q`, `status`, `format`, `initiative`, …)."""
    found = queries.engagement_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = _engagements(request).filter(pk__in=found.queryset.order_by().values("pk"))
    return paginate(queryset, page, engagement_out)


@engagements.get(
    "/{int:pk}", response=EngagementOut, summary="Read an engagement", auth=can(permissions.VIEW)
)
def read_engagement(request, pk: int):
    return engagement_out(_engagement(request, pk))


@engagements.post(
    "", response={201: EngagementOut}, summary="Plan an engagement", auth=can(permissions.EDIT)
)
def create_engagement(request, payload: EngagementIn):
    data = payload.dict()
    sent = payload.model_fields_set
    if "owner" not in sent:
        data["owner"] = request.user.pk
    if data["languages"] is None:
        data["languages"] = list(request.workspace.languages or ["en"])
    kwargs = _engagement_kwargs(request, data)
    engagement = services.create_engagement(
        workspace=request.workspace, actor=request.user, **kwargs
    )
    return Status(201, engagement_out(_engagement(request, engagement.pk)))


@engagements.patch(
    "/{int:pk}",
    response=EngagementOut,
    summary="Change an engagement's plan",
    auth=can(permissions.EDIT),
)
def update_engagement(request, pk: int, payload: EngagementPatch):
    engagement = get_in_workspace(queries.engagement_detail(request.workspace), pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = engagement_initial(engagement)
    data.update(
        languages=list(engagement.languages or ()),
        interpretation_languages=list(engagement.interpretation_languages or ()),
        glossary=None,
    )
    data.update(changes)
    if data["languages"] is None:
        data["languages"] = []
    kwargs = _engagement_kwargs(request, data, engagement)
    services.update_engagement(
        workspace=request.workspace,
        actor=request.user,
        engagement=engagement,
        version=version,
        **kwargs,
    )
    return engagement_out(_engagement(request, pk))


@engagements.post(
    "/{int:pk}/status",
    response=EngagementOut,
    summary="Move an engagement on",
    auth=can(permissions.EDIT),
)
def change_engagement_status(request, pk: int, payload: StatusIn):
    """planned → invitations sent → held → debriefed → loop closed (planned may go straight
    to held); a move the engagement cannot make is a 422 with code `invalid_transition`."""
    services.change_status(
        workspace=request.workspace,
        actor=request.user,
        engagement=_engagement(request, pk),
        status=payload.status,
    )
    return engagement_out(_engagement(request, pk))


@engagements.post(
    "/{int:pk}/archive",
    response=EngagementOut,
    summary="Archive an engagement",
    auth=can(permissions.ARCHIVE),
)
def archive_engagement(request, pk: int):
    services.set_archived(
        workspace=request.workspace,
        actor=request.user,
        engagement=_engagement(request, pk),
        archived=True,
    )
    return engagement_out(_engagement(request, pk))


@engagements.post(
    "/{int:pk}/restore",
    response=EngagementOut,
    summary="Restore an engagement",
    auth=can(permissions.ARCHIVE),
)
def restore_engagement(request, pk: int):
    services.set_archived(
        workspace=request.workspace,
        actor=request.user,
        engagement=_engagement(request, pk),
        archived=False,
    )
    return engagement_out(_engagement(request, pk))


# --- sessions


class SessionOut(Schema):
    id: int
    version: str
    engagement: int
    label: str
    date: datetime.date = Field(description="The date on the session's own clock.")
    start_time: str = Field(description="HH:MM on the session's own clock.")
    end_time: str = Field(description="HH:MM on the session's own clock.")
    time_zone: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str
    remote_url: str
    calendar_uid: str
    sequence: int
    cancelled_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class SessionIn(InSchema):
    """A session on its own clock: date, local start and end, IANA time zone."""

    label: str = Field("", max_length=120)
    date: datetime.date = Field(..., ge=EARLIEST, le=LATEST)
    start_time: datetime.time
    end_time: datetime.time
    time_zone: str = Field(..., max_length=64)
    location: str = Field("", max_length=300)
    remote_url: str = Field("", max_length=500)


class SessionPatch(SessionIn):
    date: datetime.date | None = Field(None, ge=EARLIEST, le=LATEST)
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    time_zone: str | None = Field(None, max_length=64)
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


SessionPage = page_schema(SessionOut, "SessionPage")


def session_out(session: Session) -> dict:
    start, end = session.local_starts_at, session.local_ends_at
    return {
        "id": session.pk,
        "version": version_of(session),
        "engagement": session.engagement_id,
        "label": session.label,
        "date": start.date(),
        "start_time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
        "time_zone": session.time_zone,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "location": session.location,
        "remote_url": session.remote_url,
        "calendar_uid": str(session.ics_uid),
        "sequence": session.sequence,
        "cancelled_at": session.cancelled_at,
        "created_at": session.created_at,
        "updated_at": session.updated_at,
    }


def _session_fields(data: dict) -> dict:
    form = SessionForm({k: "" if v is None else v for k, v in data.items()})
    valid(form)
    return form.service_fields()


def _session(request: HttpRequest, pk: int) -> Session:
    return get_in_workspace(
        Session.objects.for_workspace(request.workspace).select_related("engagement"), pk
    )


@engagements.get(
    "/{int:pk}/sessions",
    response=SessionPage,
    summary="List an engagement's sessions",
    auth=can(permissions.VIEW),
)
def list_engagement_sessions(request, pk: int, page: Query[PageParams]):
    """Cancelled sessions included (with `cancelled_at`)."""
    engagement = _engagement(request, pk)
    return paginate(queries.sessions_of(engagement), page, session_out)


@engagements.post(
    "/{int:pk}/sessions",
    response={201: SessionOut},
    summary="Add a session to an engagement",
    auth=can(permissions.EDIT),
)
def create_session(request, pk: int, payload: SessionIn):
    engagement = _engagement(request, pk)
    session = session_services.add_session(
        workspace=request.workspace,
        actor=request.user,
        engagement=engagement,
        **_session_fields(payload.dict()),
    )
    return Status(201, session_out(_session(request, session.pk)))


@sessions.get(
    "/{int:pk}", response=SessionOut, summary="Read a session", auth=can(permissions.VIEW)
)
def read_session(request, pk: int):
    return session_out(_session(request, pk))


@sessions.patch(
    "/{int:pk}", response=SessionOut, summary="Change a session", auth=can(permissions.EDIT)
)
def update_session(request, pk: int, payload: SessionPatch):
    """Invitees get the updated calendar event once invitations are out."""
    session = _session(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = session_initial(session)
    data.update(changes)
    session_services.update_session(
        workspace=request.workspace,
        actor=request.user,
        session=session,
        version=version,
        **_session_fields(data),
    )
    return session_out(_session(request, pk))


@sessions.post(
    "/{int:pk}/cancel", response=SessionOut, summary="Cancel a session", auth=can(permissions.EDIT)
)
def cancel_session(request, pk: int):
    """Kept, marked cancelled; invitees get a cancellation."""
    session_services.cancel_session(
        workspace=request.workspace, actor=request.user, session=_session(request, pk)
    )
    return session_out(_session(request, pk))


# --- participations


class ParticipationOut(Schema):
    id: int
    version: str
    engagement: int
    stakeholder: int
    stakeholder_name: str = Field(description="The name, or a pseudonym for your role.")
    identity_hidden: bool
    session: int | None
    role: str
    representation: str
    representation_basis: str | None
    invitation_state: str
    invitation_sent_at: datetime.datetime | None
    invitation_language: str
    contact_problem: str | None = Field(
        description="Why this person cannot be emailed an invitation, or null."
    )
    attended: bool | None
    needs_interpretation: bool
    interpretation_language: str
    accessibility_needs: str | None
    compensation_status: str
    compensation_amount: str | None = Field(description="Decimal, as a string.")
    compensation_currency: str
    compensation_in_kind: str
    notes: str | None
    engaged_on: datetime.date | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class ParticipationPatch(InSchema):
    """One participant's role, representation, reply, attendance, needs and compensation."""

    session: Id | None = None
    role: str | None = Field(None, max_length=30)
    representation: str | None = Field(None, max_length=40)
    representation_basis: str | None = Field(None, max_length=TEXT)
    invitation_state: str | None = Field(None, max_length=20)
    attended: bool | None = None
    needs_interpretation: bool | None = None
    interpretation_language: str | None = Field(None, max_length=40)
    accessibility_needs: str | None = Field(None, max_length=TEXT)
    compensation_status: str | None = Field(None, max_length=20)
    compensation_amount: str | None = Field(None, max_length=20, description='e.g. "50.00"')
    compensation_currency: str | None = Field(None, max_length=3)
    compensation_in_kind: str | None = Field(None, max_length=300)
    notes: str | None = Field(None, max_length=TEXT)
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


class InviteIn(InSchema):
    """Stakeholders to put on the invitee list as drafts (nobody is emailed yet)."""

    stakeholders: list[Id] = Field(..., min_length=1, max_length=MAX_IDS)
    role: str = Field(ParticipationRole.PARTICIPANT.value, max_length=30)
    session: Id | None = Field(None, description="The session they attend; none: all.")


class InviteOut(Schema):
    added: list[ParticipationOut]
    restored: list[ParticipationOut]
    already: list[int] = Field(description="Stakeholders already on the list.")


class InvitationRow(Schema):
    participation: int
    stakeholder: int
    stakeholder_name: str
    reason: str | None = Field(description="Why no email goes (no consent, no address, …).")


class InvitationsOut(Schema):
    sent: list[InvitationRow] = Field(description="Emailed (or, in a preview, would be).")
    skipped: list[InvitationRow] = Field(description="Not emailed; they stay drafts.")


ParticipationPage = page_schema(ParticipationOut, "ParticipationPage")


def participation_out(participation: Participation, membership) -> dict:
    stakeholder = participation.stakeholder
    hidden = stakeholder.is_identity_hidden_for(membership)
    problem = (
        queries.contact_problem(participation)
        if hasattr(participation, "has_valid_consent")
        else None
    )
    amount = participation.compensation_amount
    return {
        "id": participation.pk,
        "version": version_of(participation),
        "engagement": participation.engagement_id,
        "stakeholder": participation.stakeholder_id,
        "stakeholder_name": stakeholder.display_name_for(membership),
        "identity_hidden": hidden,
        "session": participation.session_id,
        "role": participation.role,
        "representation": participation.representation,
        "representation_basis": None if hidden else participation.representation_basis,
        "invitation_state": participation.invitation_state,
        "invitation_sent_at": participation.invitation_sent_at,
        "invitation_language": participation.invitation_language,
        "contact_problem": str(problem) if problem else None,
        "attended": participation.attended,
        "needs_interpretation": participation.needs_interpretation,
        "interpretation_language": participation.interpretation_language,
        "accessibility_needs": None if hidden else participation.accessibility_needs,
        "compensation_status": participation.compensation_status,
        "compensation_amount": None if amount is None else str(amount),
        "compensation_currency": participation.compensation_currency,
        "compensation_in_kind": participation.compensation_in_kind,
        "notes": None if hidden else participation.notes,
        "engaged_on": participation.engaged_on,
        "created_at": participation.created_at,
        "updated_at": participation.updated_at,
        "archived_at": participation.archived_at,
    }


def _participation(request: HttpRequest, pk: int) -> Participation:
    """One participation of the workspace, read through its engagement's participant query
    (stakeholder, session and contact consent included)."""
    found = get_in_workspace(queries.participations_of_workspace(request.workspace), pk)
    return queries.participations_of(found.engagement, include_archived=True).get(pk=pk)


def _invitation_rows(rows, membership, with_reason: bool) -> list[dict]:
    out = []
    for row in rows:
        participation, reason = row if with_reason else (row, None)
        out.append(
            {
                "participation": participation.pk,
                "stakeholder": participation.stakeholder_id,
                "stakeholder_name": participation.stakeholder.display_name_for(membership),
                "reason": str(reason) if reason else None,
            }
        )
    return out


def _invitations_out(result, membership) -> dict:
    return {
        "sent": _invitation_rows(result.sent, membership, False),
        "skipped": _invitation_rows(result.skipped, membership, True),
    }


@engagements.get(
    "/{int:pk}/participations",
    response=ParticipationPage,
    summary="List an engagement's participants",
    auth=can(permissions.VIEW),
)
def list_engagement_participations(request, pk: int, page: Query[PageParams]):
    """Everyone on the invitee list (people taken off it are left out)."""
    engagement = _engagement(request, pk)
    return paginate(
        queries.participations_of(engagement),
        page,
        lambda p: participation_out(p, request.membership),
    )


@engagements.post(
    "/{int:pk}/participations",
    response={201: InviteOut},
    summary="Invite stakeholders (draft invitations)",
    auth=can(permissions.EDIT),
)
def invite_stakeholders(request, pk: int, payload: InviteIn):
    """Puts stakeholders on the invitee list as drafts; `POST …/invitations` emails them."""
    engagement = _engagement(request, pk)
    wanted = list(dict.fromkeys(payload.stakeholders))
    people = list(registry.stakeholders(request.workspace).filter(pk__in=wanted))
    missing = sorted(set(wanted) - {s.pk for s in people})
    if missing:
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {
                "stakeholders": [
                    _("Not a stakeholder of this workspace: %(ids)s.")
                    % {"ids": ", ".join(str(i) for i in missing[:20])}
                ]
            },
        )
    session = None
    if payload.session is not None:
        session = queries.sessions_of(engagement).filter(pk=payload.session).first()
        if session is None:
            raise ApiError(
                422,
                "validation_error",
                _("Some values are not valid."),
                {"session": [_("Not a session of this engagement.")]},
            )
    result = participation_services.add_participants(
        workspace=request.workspace,
        actor=request.user,
        engagement=engagement,
        stakeholders=people,
        role=payload.role,
        session=session,
    )
    ids = [p.pk for p in [*result.added, *result.restored]]
    rows = {
        p.pk: p
        for p in queries.participations_of(engagement, include_archived=True).filter(pk__in=ids)
    }
    membership = request.membership
    return Status(
        201,
        {
            "added": [participation_out(rows[p.pk], membership) for p in result.added],
            "restored": [participation_out(rows[p.pk], membership) for p in result.restored],
            "already": [s.pk for s in result.already],
        },
    )


@engagements.get(
    "/{int:pk}/invitations",
    response=InvitationsOut,
    summary="Preview invitations",
    auth=can(permissions.EDIT),
)
def preview_invitations(request, pk: int):
    """Who would be emailed now (draft invitees who may be contacted) and who cannot be, and
    why. Writes nothing."""
    engagement = _engagement(request, pk)
    return _invitations_out(invitations.invitation_preview(engagement), request.membership)


@engagements.post(
    "/{int:pk}/invitations",
    response=InvitationsOut,
    summary="Send invitations",
    auth=can(permissions.EDIT),
)
def send_invitations(request, pk: int):
    """Emails every draft invitee with valid consent to be contacted (in their language, with
    the sessions as .ics); the others stay drafts, listed with the reason. The engagement moves
    to "invitations sent" once someone was invited."""
    result = invitations.send_invitations(
        workspace=request.workspace, actor=request.user, engagement=_engagement(request, pk)
    )
    return _invitations_out(result, request.membership)


@participations.get(
    "/{int:pk}",
    response=ParticipationOut,
    summary="Read a participation",
    auth=can(permissions.VIEW),
)
def read_participation(request, pk: int):
    return participation_out(_participation(request, pk), request.membership)


@participations.patch(
    "/{int:pk}",
    response=ParticipationOut,
    summary="Change a participation",
    auth=can(permissions.EDIT),
)
def update_participation(request, pk: int, payload: ParticipationPatch):
    participation = _participation(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = participation_initial(participation)
    data.update(changes)
    data = {k: "" if v is None and k != "attended" else v for k, v in data.items()}
    engagement_sessions = queries.sessions_of(participation.engagement)
    form = ParticipationForm(
        data, sessions=[(s.pk, str(s.pk)) for s in engagement_sessions.only("pk")]
    )
    fields = dict(valid(form))
    session_id = fields.pop("session")
    fields["session"] = engagement_sessions.filter(pk=session_id).first() if session_id else None
    participation_services.update_participation(
        workspace=request.workspace,
        actor=request.user,
        participation=participation,
        version=version,
        **fields,
    )
    return participation_out(_participation(request, pk), request.membership)


@participations.post(
    "/{int:pk}/archive",
    response=ParticipationOut,
    summary="Take someone off the invitee list",
    auth=can(permissions.EDIT),
)
def archive_participation(request, pk: int):
    """Kept with its history; inviting the stakeholder again brings the row back."""
    participation_services.remove_participant(
        workspace=request.workspace,
        actor=request.user,
        participation=_participation(request, pk),
    )
    return participation_out(_participation(request, pk), request.membership)


# --- HRDD steps (read-only)


class HrddStepOut(Schema):
    id: int
    version: str
    code: str
    name: str = Field(description="In your language for the default steps.")
    reference: str
    position: int
    archived_at: datetime.datetime | None


HrddStepPage = page_schema(HrddStepOut, "HrddStepPage")


def hrdd_step_out(step) -> dict:
    return {
        "id": step.pk,
        "version": version_of(step),
        "code": step.code,
        "name": str(step),
        "reference": step.reference,
        "position": step.position,
        "archived_at": step.archived_at,
    }


@hrdd_steps.get("", response=HrddStepPage, summary="List HRDD steps", auth=can(permissions.VIEW))
def list_hrdd_steps(request, page: Query[PageParams]):
    """The workspace's due diligence steps an engagement can serve, archived ones included."""
    return paginate(
        queries.hrdd_steps(request.workspace, include_archived=True), page, hrdd_step_out
    )


@hrdd_steps.get(
    "/{int:pk}", response=HrddStepOut, summary="Read an HRDD step", auth=can(permissions.VIEW)
)
def read_hrdd_step(request, pk: int):
    return hrdd_step_out(
        get_in_workspace(queries.hrdd_steps(request.workspace, include_archived=True), pk)
    )
