"""Advisory councils in the API: councils, their members' terms and their meetings — through
the pages' forms, queries and services. High-risk members are pseudonymised for roles that may
not see them."""

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
from heard.councils import queries, services
from heard.councils.forms import CouncilFilterForm, CouncilForm, MemberForm
from heard.councils.models import Council, CouncilMeeting, CouncilMember
from heard.engagements.models import Engagement
from heard.impacts.models import Initiative
from heard.impacts.queries import initiative_choices
from heard.stakeholders.models import Stakeholder
from heard.stakeholders.queries import member_choices

councils = Router(tags=["councils"])
council_members = Router(tags=["council members"])

# An id in a payload: bounded, so no database sees an integer it cannot hold.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
VERSION_HELP = "`version` as you read it: a 409 if the record changed since."
COUNCIL_FIELDS = ("name", "terms_of_reference", "initiative", "convener", "reminder_days")
MEMBER_FIELDS = ("role", "term_start", "term_end", "notes")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "validation_error", _("Some values are not valid."), {field: [message]})


# --- councils


class CouncilOut(Schema):
    id: int
    version: str
    name: str
    terms_of_reference: str
    initiative: int | None
    convener: int | None
    reminder_days: int
    member_count: int = Field(description="Members whose term covers today.")
    meeting_count: int
    meetings: list[int] = Field(description="Engagements held as this council's meetings.")
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class CouncilIn(InSchema):
    name: str = Field(..., max_length=200)
    terms_of_reference: str = Field("", max_length=20_000)
    initiative: Id | None = None
    convener: Id | None = Field(None, description="A member's user id; default: you.")
    reminder_days: int = Field(60, ge=1, le=365)


class CouncilPatch(CouncilIn):
    name: str | None = Field(None, max_length=200)
    reminder_days: int | None = Field(None, ge=1, le=365)
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


class MeetingIn(InSchema):
    engagement: Id = Field(..., description="An engagement of format advisory_council.")


CouncilFilters = filter_schema(CouncilFilterForm, "CouncilFilters")
CouncilPage = page_schema(CouncilOut, "CouncilPage")


def council_out(council: Council) -> dict:
    return {
        "id": council.pk,
        "version": version_of(council),
        "name": council.name,
        "terms_of_reference": council.terms_of_reference,
        "initiative": council.initiative_id,
        "convener": council.convener_id,
        "reminder_days": council.reminder_days,
        "member_count": getattr(council, "member_count", 0) or 0,
        "meeting_count": getattr(council, "meeting_count", 0) or 0,
        "meetings": sorted(m.engagement_id for m in council.meeting_links.all()),
        "created_at": council.created_at,
        "updated_at": council.updated_at,
        "archived_at": council.archived_at,
    }


def _councils(request: HttpRequest):
    return queries.councils(request.workspace).prefetch_related(
        Prefetch("meeting_links", queryset=CouncilMeeting.objects.only("council", "engagement"))
    )


def _council(request: HttpRequest, pk: int) -> Council:
    return get_in_workspace(_councils(request), pk)


def _council_fields(request: HttpRequest, data: dict) -> dict:
    """The page's form, then its ids as rows of this workspace (the service checks again)."""
    workspace = request.workspace
    form = CouncilForm(
        {k: "" if v is None else v for k, v in data.items()},
        initiatives=initiative_choices(workspace),
        members=member_choices(workspace),
    )
    fields = dict(valid(form))
    initiative = fields["initiative"]
    fields["initiative"] = (
        Initiative.objects.for_workspace(workspace).filter(pk=initiative).first()
        if initiative
        else None
    )
    convener = fields["convener"]
    membership = (
        workspace.memberships.select_related("user").filter(user_id=convener).first()
        if convener
        else None
    )
    fields["convener"] = membership.user if membership else None
    return fields


@councils.get(
    "", response=CouncilPage, summary="List advisory councils", auth=can(permissions.VIEW)
)
def list_councils(request, filters: Query[CouncilFilters], page: Query[PageParams]):
    """With the list page's filters (`q`, `initiative`, `archived`)."""
    found = queries.council_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = _councils(request).filter(pk__in=found.queryset.order_by().values("pk"))
    return paginate(queryset, page, council_out)


@councils.get(
    "/{int:pk}", response=CouncilOut, summary="Read an advisory council", auth=can(permissions.VIEW)
)
def read_council(request, pk: int):
    return council_out(_council(request, pk))


@councils.post(
    "", response={201: CouncilOut}, summary="Set up an advisory council", auth=can(permissions.EDIT)
)
def create_council(request, payload: CouncilIn):
    data = payload.dict()
    if "convener" not in payload.model_fields_set:
        data["convener"] = request.user.pk
    council = services.create_council(
        workspace=request.workspace, actor=request.user, **_council_fields(request, data)
    )
    return Status(201, council_out(_council(request, council.pk)))


@councils.patch(
    "/{int:pk}",
    response=CouncilOut,
    summary="Change an advisory council",
    auth=can(permissions.EDIT),
)
def update_council(request, pk: int, payload: CouncilPatch):
    council = _council(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = {f: getattr(council, f) for f in COUNCIL_FIELDS}
    data.update(initiative=council.initiative_id, convener=council.convener_id)
    data.update(changes)
    services.update_council(
        workspace=request.workspace,
        actor=request.user,
        council=council,
        version=version,
        **_council_fields(request, data),
    )
    return council_out(_council(request, pk))


@councils.post(
    "/{int:pk}/archive",
    response=CouncilOut,
    summary="Archive an advisory council",
    auth=can(permissions.ARCHIVE),
)
def archive_council(request, pk: int):
    services.archive(workspace=request.workspace, actor=request.user, obj=_council(request, pk))
    return council_out(_council(request, pk))


@councils.post(
    "/{int:pk}/restore",
    response=CouncilOut,
    summary="Restore an advisory council",
    auth=can(permissions.ARCHIVE),
)
def restore_council(request, pk: int):
    services.restore(workspace=request.workspace, actor=request.user, obj=_council(request, pk))
    return council_out(_council(request, pk))


def _meeting(request: HttpRequest, engagement_id: int) -> Engagement:
    engagement = (
        Engagement.objects.for_workspace(request.workspace).filter(pk=engagement_id).first()
    )
    if engagement is None:
        raise _invalid("engagement", _("Choose an engagement of this workspace."))
    return engagement


@councils.post(
    "/{int:pk}/meetings", response=CouncilOut, summary="Add a meeting", auth=can(permissions.EDIT)
)
def link_council_meeting(request, pk: int, payload: MeetingIn):
    """Record an engagement of format "advisory council meeting" as a meeting of the council."""
    services.link_meeting(
        workspace=request.workspace,
        actor=request.user,
        council=_council(request, pk),
        engagement=_meeting(request, payload.engagement),
    )
    return council_out(_council(request, pk))


@councils.post(
    "/{int:pk}/meetings/{int:engagement_id}/unlink",
    response=CouncilOut,
    summary="Remove a meeting",
    auth=can(permissions.EDIT),
)
def unlink_council_meeting(request, pk: int, engagement_id: int):
    """The engagement itself stays."""
    council = _council(request, pk)
    engagement = get_in_workspace(
        Engagement.objects.for_workspace(request.workspace), engagement_id
    )
    services.unlink_meeting(
        workspace=request.workspace, actor=request.user, council=council, engagement=engagement
    )
    return council_out(_council(request, pk))


# --- members' terms


class MemberOut(Schema):
    id: int
    version: str
    council: int
    stakeholder: int
    stakeholder_name: str = Field(description="The name, or a pseudonym for your role.")
    identity_hidden: bool
    role: str
    term_start: datetime.date
    term_end: datetime.date
    notes: str | None
    reminded_on: datetime.date | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class MemberIn(InSchema):
    """One term of one stakeholder on the council; a second term is a second member row."""

    stakeholder: Id
    role: str = Field("member", max_length=20)
    term_start: datetime.date
    term_end: datetime.date
    notes: str = Field("", max_length=20_000)


class MemberPatch(InSchema):
    role: str | None = Field(None, max_length=20)
    term_start: datetime.date | None = None
    term_end: datetime.date | None = None
    notes: str | None = Field(None, max_length=20_000)
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


MemberPage = page_schema(MemberOut, "CouncilMemberPage")


def member_out(member: CouncilMember, membership) -> dict:
    stakeholder = member.stakeholder
    hidden = stakeholder.is_identity_hidden_for(membership)
    return {
        "id": member.pk,
        "version": version_of(member),
        "council": member.council_id,
        "stakeholder": member.stakeholder_id,
        "stakeholder_name": stakeholder.display_name_for(membership),
        "identity_hidden": hidden,
        "role": member.role,
        "term_start": member.term_start,
        "term_end": member.term_end,
        "notes": None if hidden else member.notes,
        "reminded_on": member.reminded_on,
        "created_at": member.created_at,
        "updated_at": member.updated_at,
        "archived_at": member.archived_at,
    }


def _member(request: HttpRequest, pk: int) -> CouncilMember:
    return get_in_workspace(
        CouncilMember.objects.for_workspace(request.workspace).select_related("stakeholder"), pk
    )


def _member_fields(data: dict, *, with_stakeholder: bool) -> dict:
    form = MemberForm(
        {k: "" if v is None else v for k, v in data.items()}, with_stakeholder=with_stakeholder
    )
    fields = dict(valid(form))
    fields.pop("stakeholder", None)
    return fields


@councils.get(
    "/{int:pk}/members",
    response=MemberPage,
    summary="List a council's terms",
    auth=can(permissions.VIEW),
)
def list_council_members(request, pk: int, page: Query[PageParams]):
    """Every term (past, current, upcoming and archived ones)."""
    council = _council(request, pk)
    return paginate(queries.members_of(council), page, lambda m: member_out(m, request.membership))


@councils.post(
    "/{int:pk}/members",
    response={201: MemberOut},
    summary="Seat a stakeholder for a term",
    auth=can(permissions.EDIT),
)
def create_council_member(request, pk: int, payload: MemberIn):
    council = _council(request, pk)
    data = payload.dict()
    stakeholder = (
        Stakeholder.objects.for_workspace(request.workspace).filter(pk=data["stakeholder"]).first()
    )
    if stakeholder is None:
        raise _invalid("stakeholder", _("Not a stakeholder of this workspace."))
    member = services.add_member(
        workspace=request.workspace,
        actor=request.user,
        council=council,
        stakeholder=stakeholder,
        **_member_fields(data, with_stakeholder=True),
    )
    return Status(201, member_out(_member(request, member.pk), request.membership))


@council_members.get(
    "/{int:pk}", response=MemberOut, summary="Read a council term", auth=can(permissions.VIEW)
)
def read_council_member(request, pk: int):
    return member_out(_member(request, pk), request.membership)


@council_members.patch(
    "/{int:pk}", response=MemberOut, summary="Change a council term", auth=can(permissions.EDIT)
)
def update_council_member(request, pk: int, payload: MemberPatch):
    """Moving the end date re-arms the rotation reminder."""
    member = _member(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = {f: getattr(member, f) for f in MEMBER_FIELDS}
    data.update(changes)
    services.update_member(
        workspace=request.workspace,
        actor=request.user,
        member=member,
        version=version,
        **_member_fields(data, with_stakeholder=False),
    )
    return member_out(_member(request, pk), request.membership)


@council_members.post(
    "/{int:pk}/archive",
    response=MemberOut,
    summary="Remove a term from the council",
    auth=can(permissions.ARCHIVE),
)
def archive_council_member(request, pk: int):
    services.archive(workspace=request.workspace, actor=request.user, obj=_member(request, pk))
    return member_out(_member(request, pk), request.membership)


@council_members.post(
    "/{int:pk}/restore",
    response=MemberOut,
    summary="Restore a council term",
    auth=can(permissions.ARCHIVE),
)
def restore_council_member(request, pk: int):
    """Refused (422) when the term would now overlap another of the same person."""
    services.restore(workspace=request.workspace, actor=request.user, obj=_member(request, pk))
    return member_out(_member(request, pk), request.membership)
