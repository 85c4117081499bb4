"""Concerns and grievances in the API: reading them needs what the pages need (identity
access: they carry who raised them); the steps of the procedure — acknowledge, assess,
decide, remedy, close — go through the pages' forms and the same services."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, check_filters, filter_schema, get_in_workspace, valid
from heard.api.pagination import PageParams, filter_params, page_schema, paginate
from heard.concerns import queries, services
from heard.concerns.filters import ConcernFilterForm
from heard.concerns.forms import (
    AcknowledgeForm,
    AssessForm,
    CloseForm,
    MessageForm,
    NotAdmissibleForm,
    OutcomeForm,
    RecordConcernForm,
    RemedyForm,
    RemedyUpdateForm,
)
from heard.concerns.models import MAX_DESCRIPTION_LENGTH, MAX_TEXT_LENGTH, Concern, Remedy
from heard.concerns.views.staff import handlers
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.impacts.models import Initiative

concerns = Router(tags=["concerns"])


class ConcernOut(Schema):
    id: int
    version: str
    reference: str
    status: str
    channel: str
    description: str
    product_named: str
    initiative: int | None
    right_codes: list[str]
    raised_at: datetime.datetime
    is_anonymous: bool
    contact_name: str
    contact_email: str
    stakeholder: int | None
    language: str
    handler: int | None
    due_on: datetime.date | None = Field(description="The current step's deadline.")
    acknowledge_due_on: datetime.date
    assessment_due_on: datetime.date
    outcome_due_on: datetime.date
    acknowledged_at: datetime.datetime | None
    assessment_started_at: datetime.datetime | None
    assessment_notes: str = Field(description="Internal: never shown to the person.")
    outcome: str
    outcome_reasons: str
    outcome_decided_at: datetime.datetime | None
    inadmissible_reasons: str
    closed_at: datetime.datetime | None
    satisfaction_rating: int | None
    satisfaction_comment: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class EventOut(Schema):
    id: int
    kind: str
    at: datetime.datetime
    actor: int | None
    actor_label: str
    message: str = Field(description="What the person was told.")
    internal_note: str
    is_person_emailed: bool


class RemedyOut(Schema):
    id: int
    kind: str
    description: str
    status: str
    due_on: datetime.date | None
    provided_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ConcernDetailOut(ConcernOut):
    events: list[EventOut]
    remedies: list[RemedyOut]


def _message(description: str = "Message to the person (optional).") -> object:
    return Field("", max_length=MAX_TEXT_LENGTH, description=description)


class ConcernIn(InSchema):
    """A concern received by email, phone, in person or through a partner."""

    description: str = Field(..., max_length=MAX_DESCRIPTION_LENGTH)
    channel: str = Field(..., max_length=20)
    raised_at: datetime.datetime | None = Field(None, description="Default: now.")
    product_named: str = Field("", max_length=200)
    is_anonymous: bool = False
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    language: str = Field("en", max_length=10)


class AcknowledgeIn(InSchema):
    handler: int | None = Field(None, description="User id of a member who handles concerns.")
    message: str = _message()


class AssessIn(InSchema):
    notes: str = Field("", max_length=MAX_DESCRIPTION_LENGTH, description="Internal notes.")
    initiative: int | None = None
    right_codes: list[str] = Field(default_factory=list, max_length=100)
    message: str = _message()


class OutcomeIn(InSchema):
    outcome: str = Field(..., max_length=20)
    reasons: str = Field(..., max_length=MAX_TEXT_LENGTH, description="The person reads them.")


class ReasonsIn(InSchema):
    reasons: str = Field(..., max_length=MAX_TEXT_LENGTH, description="The person reads them.")


class RemedyIn(InSchema):
    kind: str = Field(..., max_length=20)
    description: str = Field(..., max_length=MAX_TEXT_LENGTH)
    due_on: datetime.date | None = None
    message: str = _message()


class RemedyPatch(InSchema):
    status: str = Field(..., max_length=20)
    message: str = _message()


class MessageIn(InSchema):
    message: str = Field(..., max_length=MAX_TEXT_LENGTH)


class CloseIn(InSchema):
    message: str = _message()


ConcernFilters = filter_schema(ConcernFilterForm, "ConcernFilters")
ConcernPage = page_schema(ConcernOut, "ConcernPage")


def concern_out(concern: Concern) -> dict:
    return {
        "id": concern.pk,
        "version": version_of(concern),
        "reference": concern.reference_display,
        "status": concern.status,
        "channel": concern.channel,
        "description": concern.description,
        "product_named": concern.product_named,
        "initiative": concern.initiative_id,
        "right_codes": list(concern.right_codes or []),
        "raised_at": concern.raised_at,
        "is_anonymous": concern.is_anonymous,
        "contact_name": concern.contact_name or "",
        "contact_email": concern.contact_email or "",
        "stakeholder": concern.stakeholder_id,
        "language": concern.language,
        "handler": concern.handler_id,
        "due_on": concern.due_on,
        "acknowledge_due_on": concern.acknowledge_due_on,
        "assessment_due_on": concern.assessment_due_on,
        "outcome_due_on": concern.outcome_due_on,
        "acknowledged_at": concern.acknowledged_at,
        "assessment_started_at": concern.assessment_started_at,
        "assessment_notes": concern.assessment_notes,
        "outcome": concern.outcome,
        "outcome_reasons": concern.outcome_reasons,
        "outcome_decided_at": concern.outcome_decided_at,
        "inadmissible_reasons": concern.inadmissible_reasons,
        "closed_at": concern.closed_at,
        "satisfaction_rating": concern.satisfaction_rating,
        "satisfaction_comment": concern.satisfaction_comment,
        "created_at": concern.created_at,
        "updated_at": concern.updated_at,
    }


def remedy_out(remedy: Remedy) -> dict:
    return {
        "id": remedy.pk,
        "kind": remedy.kind,
        "description": remedy.description,
        "status": remedy.status,
        "due_on": remedy.due_on,
        "provided_at": remedy.provided_at,
        "created_at": remedy.created_at,
        "updated_at": remedy.updated_at,
    }


def concern_detail_out(concern: Concern) -> dict:
    events = [
        {
            "id": e.pk,
            "kind": e.kind,
            "at": e.at,
            "actor": e.actor_id,
            "actor_label": e.actor_label,
            "message": e.message,
            "internal_note": e.internal_note,
            "is_person_emailed": e.is_person_emailed,
        }
        for e in concern.events.all()
    ]
    remedies = [remedy_out(r) for r in concern.remedies.all()]
    return {**concern_out(concern), "events": events, "remedies": remedies}


def _one(request: HttpRequest, pk: int) -> Concern:
    return get_in_workspace(queries.concern_detail(request.workspace), pk)


def _detail(request: HttpRequest, pk: int) -> dict:
    return concern_detail_out(_one(request, pk))


def _data(payload: Schema) -> dict:
    return {k: "" if v is None else v for k, v in payload.dict().items()}


def _base(request: HttpRequest, concern: Concern) -> dict:
    return {"workspace": request.workspace, "actor": request.user, "concern": concern}


# --- read


@concerns.get(
    "", response=ConcernPage, summary="List concerns", auth=can(permissions.VIEW_IDENTITY)
)
def list_concerns(request, filters: Query[ConcernFilters], page: Query[PageParams]):  # noqa: ARG001 (filters documents the parameters; the page's form reads them)
    """The concern list with its page's filters (`q`, `status`, `overdue`, `channel`,
    `outcome`, `initiative`). Needs identity access, as the page does."""
    found = queries.concern_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = queries.concerns(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, concern_out)


@concerns.get(
    "/{int:pk}",
    response=ConcernDetailOut,
    summary="Read a concern",
    auth=can(permissions.VIEW_IDENTITY),
)
def read_concern(request, pk: int):
    """The concern with its timeline of steps and its remedies."""
    return _detail(request, pk)


# --- record, and the steps


@concerns.post(
    "",
    response={201: ConcernDetailOut},
    summary="Record a concern",
    auth=can(permissions.HANDLE_CONCERNS),
)
def create_concern(request, payload: ConcernIn):
    """A concern the team received another way (not through the portal)."""
    data = valid(RecordConcernForm(_data(payload)))
    concern = services.raise_concern(
        workspace=request.workspace,
        actor=request.user,
        description=data["description"],
        channel=data["channel"],
        raised_at=data["raised_at"],
        product_named=data["product_named"],
        is_anonymous=data["is_anonymous"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        language=data["language"],
    )
    return Status(201, _detail(request, concern.pk))


@concerns.post(
    "/{int:pk}/acknowledge",
    response=ConcernDetailOut,
    summary="Acknowledge",
    auth=can(permissions.HANDLE_CONCERNS),
)
def acknowledge_concern(request, pk: int, payload: AcknowledgeIn):
    """Acknowledge receipt, naming who handles the concern (default: you)."""
    concern = _one(request, pk)
    data = valid(AcknowledgeForm(_data(payload), handlers=handlers(request.workspace)))
    handler = None
    if data.get("handler"):
        membership = request.workspace.memberships.filter(user_id=data["handler"]).first()
        handler = membership.user if membership else None
    services.acknowledge(**_base(request, concern), message=data["message"], handler=handler)
    return _detail(request, pk)


@concerns.post(
    "/{int:pk}/assess",
    response=ConcernDetailOut,
    summary="Assess",
    auth=can(permissions.HANDLE_CONCERNS),
)
def assess_concern(request, pk: int, payload: AssessIn):
    """Start the assessment, or update its notes, initiative and rights while it runs."""
    concern = _one(request, pk)
    form = AssessForm(_data(payload), initiatives=queries.initiative_choices(request.workspace))
    data = valid(form)
    initiative = None
    if data.get("initiative"):
        initiative = (
            Initiative.objects.for_workspace(request.workspace)
            .filter(pk=data["initiative"])
            .first()
        )
    services.assess(
        **_base(request, concern),
        notes=data["notes"],
        initiative=initiative,
        right_codes=data["right_codes"],
        message=data["message"],
    )
    return _detail(request, pk)


@concerns.post(
    "/{int:pk}/outcome",
    response=ConcernDetailOut,
    summary="Decide the outcome",
    auth=can(permissions.HANDLE_CONCERNS),
)
def decide_concern(request, pk: int, payload: OutcomeIn):
    """The reasons are required and told to the person."""
    concern = _one(request, pk)
    data = valid(OutcomeForm(_data(payload)))
    services.decide_outcome(
        **_base(request, concern), outcome=data["outcome"], reasons=data["reasons"]
    )
    return _detail(request, pk)


@concerns.post(
    "/{int:pk}/not-admissible",
    response=ConcernDetailOut,
    summary="Declare not admissible",
    auth=can(permissions.HANDLE_CONCERNS),
)
def reject_concern(request, pk: int, payload: ReasonsIn):
    """End the procedure early, with reasons the person reads."""
    concern = _one(request, pk)
    data = valid(NotAdmissibleForm(_data(payload)))
    services.declare_not_admissible(**_base(request, concern), reasons=data["reasons"])
    return _detail(request, pk)


@concerns.post(
    "/{int:pk}/remedies",
    response={201: ConcernDetailOut},
    summary="Plan a remedy",
    auth=can(permissions.HANDLE_CONCERNS),
)
def add_concern_remedy(request, pk: int, payload: RemedyIn):
    """For an upheld or partly upheld concern; it moves to "remedy in progress"."""
    concern = _one(request, pk)
    data = valid(RemedyForm(_data(payload)))
    services.add_remedy(
        **_base(request, concern),
        kind=data["kind"],
        description=data["description"],
        due_on=data["due_on"],
        message=data["message"],
    )
    return Status(201, _detail(request, pk))


@concerns.patch(
    "/remedies/{int:pk}",
    response=ConcernDetailOut,
    summary="Move a remedy along",
    auth=can(permissions.HANDLE_CONCERNS),
)
def update_concern_remedy(request, pk: int, payload: RemedyPatch):
    """planned → in progress → provided, or declined by the person."""
    remedy = get_in_workspace(
        Remedy.objects.for_workspace(request.workspace).select_related("concern"), pk
    )
    data = valid(RemedyUpdateForm(_data(payload)))
    services.update_remedy(
        workspace=request.workspace,
        actor=request.user,
        remedy=remedy,
        status=data["status"],
        message=data["message"],
    )
    return _detail(request, remedy.concern_id)


@concerns.post(
    "/{int:pk}/close",
    response=ConcernDetailOut,
    summary="Close",
    auth=can(permissions.HANDLE_CONCERNS),
)
def close_concern(request, pk: int, payload: CloseIn):
    """Once the outcome is decided and no remedy is still open."""
    concern = _one(request, pk)
    data = valid(CloseForm(_data(payload)))
    services.close_concern(**_base(request, concern), message=data["message"])
    return _detail(request, pk)


@concerns.post(
    "/{int:pk}/message",
    response=ConcernDetailOut,
    summary="Message the person",
    auth=can(permissions.HANDLE_CONCERNS),
)
def message_concern_person(request, pk: int, payload: MessageIn):
    concern = _one(request, pk)
    data = valid(MessageForm(_data(payload)))
    services.message_person(**_base(request, concern), message=data["message"])
    return _detail(request, pk)
