"""Stakeholders' requests in the API: information requests (answer or refuse in writing)
and data requests (done or declined), through the pages' forms, queries and services. A
high-risk requester is named by pseudonym for roles that may not see identities."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, check_filters, filter_schema, get_in_workspace, valid
from heard.api.pagination import PageParams, filter_params, page_schema, paginate
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.requests import queries, services
from heard.requests.filters import DataRequestFilterForm, RequestFilterForm
from heard.requests.forms import AnswerForm, DataDeclineForm, DataDoneForm, RefuseForm
from heard.requests.models import MAX_ANSWER, MAX_NOTE, DataRequest, InformationRequest

requests = Router(tags=["requests"])


def _requester(row, membership) -> dict:
    stakeholder = row.stakeholder if row.stakeholder_id else None
    return {
        "stakeholder": row.stakeholder_id,
        "stakeholder_name": stakeholder.display_name_for(membership) if stakeholder else None,
        "identity_hidden": bool(stakeholder and stakeholder.is_identity_hidden_for(membership)),
    }


def _form_data(payload: Schema) -> dict:
    return {k: "" if v is None else v for k, v in payload.dict().items()}


# --- information requests


class InformationRequestOut(Schema):
    id: int
    version: str
    stakeholder: int | None = Field(description="None once the requester was erased.")
    stakeholder_name: str | None = Field(description="A pseudonym where your role may not know.")
    identity_hidden: bool
    engagement: int | None
    policy: int | None
    initiative: int | None
    question: str
    reasons: str
    preferred_format: str
    language: str
    received_at: datetime.datetime
    due_on: datetime.date
    status: str
    answer: str
    answer_format: str
    refusal_ground: str
    refusal_reasons: str
    answered_by: int | None
    answered_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    notified_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class AnswerIn(InSchema):
    answer: str = Field(..., max_length=MAX_ANSWER)
    answer_format: str = Field("written", max_length=20)
    notify: bool = Field(True, description="Email the stakeholder.")


class RefuseIn(InSchema):
    refusal_ground: str = Field(..., max_length=20)
    refusal_reasons: str = Field(..., max_length=MAX_ANSWER, description="Sent to them.")
    notify: bool = Field(True, description="Email the stakeholder.")


RequestFilters = filter_schema(RequestFilterForm, "InformationRequestFilters")
RequestPage = page_schema(InformationRequestOut, "InformationRequestPage")


def information_request_out(row: InformationRequest, membership) -> dict:
    return {
        "id": row.pk,
        "version": version_of(row),
        **_requester(row, membership),
        "engagement": row.engagement_id,
        "policy": row.policy_id,
        "initiative": row.initiative_id,
        "question": row.question,
        "reasons": row.reasons,
        "preferred_format": row.preferred_format,
        "language": row.language,
        "received_at": row.received_at,
        "due_on": row.due_on,
        "status": row.status,
        "answer": row.answer,
        "answer_format": row.answer_format,
        "refusal_ground": row.refusal_ground,
        "refusal_reasons": row.refusal_reasons,
        "answered_by": row.answered_by_id,
        "answered_at": row.answered_at,
        "withdrawn_at": row.withdrawn_at,
        "notified_at": row.notified_at,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _information(request: HttpRequest, pk: int) -> InformationRequest:
    return get_in_workspace(queries.information_requests(request.workspace), pk)


def _information_out(request: HttpRequest, pk: int) -> dict:
    return information_request_out(_information(request, pk), request.membership)


@requests.get(
    "", response=RequestPage, summary="List information requests", auth=can(permissions.VIEW)
)
def list_information_requests(request, filters: Query[RequestFilters], page: Query[PageParams]):  # noqa: ARG001 (filters documents the parameters; the page's form reads them)
    """With the list page's filters (`q`, `status`, `format`, `overdue`)."""
    found = queries.request_list(
        request.workspace, filter_params(request), membership=request.membership
    )
    check_filters(found)
    queryset = queries.information_requests(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, lambda r: information_request_out(r, request.membership))


@requests.get(
    "/{int:pk}",
    response=InformationRequestOut,
    summary="Read an information request",
    auth=can(permissions.VIEW),
)
def read_information_request(request, pk: int):
    return _information_out(request, pk)


@requests.post(
    "/{int:pk}/answer",
    response=InformationRequestOut,
    summary="Answer an information request",
    auth=can(permissions.EDIT),
)
def answer_information_request(request, pk: int, payload: AnswerIn):
    found = _information(request, pk)
    data = valid(AnswerForm(_form_data(payload)))
    services.answer_request(
        workspace=request.workspace,
        actor=request.user,
        request=found,
        answer=data["answer"],
        answer_format=data["answer_format"],
        notify=data["notify"],
    )
    return _information_out(request, pk)


@requests.post(
    "/{int:pk}/refuse",
    response=InformationRequestOut,
    summary="Refuse an information request",
    auth=can(permissions.EDIT),
)
def refuse_information_request(request, pk: int, payload: RefuseIn):
    """In writing, with a ground and the reasons the stakeholder reads."""
    found = _information(request, pk)
    data = valid(RefuseForm(_form_data(payload)))
    services.refuse_request(
        workspace=request.workspace,
        actor=request.user,
        request=found,
        ground=data["refusal_ground"],
        reasons=data["refusal_reasons"],
        notify=data["notify"],
    )
    return _information_out(request, pk)


# --- data requests


class DataRequestOut(Schema):
    id: int
    version: str
    stakeholder: int | None = Field(description="None once the requester was erased.")
    stakeholder_name: str | None = Field(description="A pseudonym where your role may not know.")
    identity_hidden: bool
    kind: str
    details: str
    received_at: datetime.datetime
    due_on: datetime.date
    status: str
    note: str
    handled_by: int | None
    handled_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class DataDoneIn(InSchema):
    note: str = Field("", max_length=MAX_NOTE, description="What was done.")
    notify: bool = Field(True, description="Email the stakeholder.")


class DataDeclineIn(InSchema):
    note: str = Field(..., max_length=MAX_NOTE, description="The reasons; sent to them.")
    notify: bool = Field(True, description="Email the stakeholder.")


DataFilters = filter_schema(DataRequestFilterForm, "DataRequestFilters")
DataPage = page_schema(DataRequestOut, "DataRequestPage")


def data_request_out(row: DataRequest, membership) -> dict:
    return {
        "id": row.pk,
        "version": version_of(row),
        **_requester(row, membership),
        "kind": row.kind,
        "details": row.details,
        "received_at": row.received_at,
        "due_on": row.due_on,
        "status": row.status,
        "note": row.note,
        "handled_by": row.handled_by_id,
        "handled_at": row.handled_at,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _data(request: HttpRequest, pk: int) -> DataRequest:
    return get_in_workspace(queries.data_requests(request.workspace), pk)


def _data_out(request: HttpRequest, pk: int) -> dict:
    return data_request_out(_data(request, pk), request.membership)


@requests.get("/data", response=DataPage, summary="List data requests", auth=can(permissions.VIEW))
def list_data_requests(request, filters: Query[DataFilters], page: Query[PageParams]):  # noqa: ARG001
    """With the list page's filters (`q`, `status`, `kind`, `overdue`)."""
    found = queries.data_request_list(
        request.workspace, filter_params(request), membership=request.membership
    )
    check_filters(found)
    queryset = queries.data_requests(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, lambda r: data_request_out(r, request.membership))


@requests.get(
    "/data/{int:pk}",
    response=DataRequestOut,
    summary="Read a data request",
    auth=can(permissions.VIEW),
)
def read_data_request(request, pk: int):
    return _data_out(request, pk)


@requests.post(
    "/data/{int:pk}/done",
    response=DataRequestOut,
    summary="Mark a data request done",
    auth=can(permissions.EDIT),
)
def complete_data_request(request, pk: int, payload: DataDoneIn):
    found = _data(request, pk)
    data = valid(DataDoneForm(_form_data(payload)))
    services.complete_data_request(
        workspace=request.workspace,
        actor=request.user,
        request=found,
        note=data["note"],
        notify=data["notify"],
    )
    return _data_out(request, pk)


@requests.post(
    "/data/{int:pk}/decline",
    response=DataRequestOut,
    summary="Decline a data request",
    auth=can(permissions.EDIT),
)
def decline_data_request(request, pk: int, payload: DataDeclineIn):
    found = _data(request, pk)
    data = valid(DataDeclineForm(_form_data(payload)))
    services.decline_data_request(
        workspace=request.workspace,
        actor=request.user,
        request=found,
        reasons=data["note"],
        notify=data["notify"],
    )
    return _data_out(request, pk)
