"""Reads of stakeholders' requests shared by the staff pages, exports, the portal, the to-do
list and disclosure reports."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from heard.core.models import Membership, Role, Workspace
from heard.requests.filters import (
    DATA_SORTS,
    DEFAULT_SORT,
    REQUEST_SORTS,
    DataRequestFilterForm,
    RequestFilterForm,
)
from heard.requests.models import (
    DataRequest,
    DataRequestStatus,
    InformationRequest,
    RefusalGround,
    RequestStatus,
)


@dataclass
class FilteredList:
    """A filtered, sorted queryset, the form that made it and notes on ignored values."""

    queryset: QuerySet
    form: object
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def _ordering(sorts: dict, value: str | None) -> list:
    key = value or DEFAULT_SORT
    descending = key.startswith("-")
    return [F(c).desc() if descending else F(c).asc() for c in sorts[key.lstrip("-")]]


def _search(queryset: QuerySet, q: str, membership: Membership | None, *text_fields) -> QuerySet:
    """Text search; `#12` finds a number; names only for members who may see identities
    (a name search that matched a pseudonymised row would reveal who it is)."""
    if q.lstrip("#").isdigit():
        return queryset.filter(pk=int(q.lstrip("#")))
    condition = Q()
    for name in text_fields:
        condition |= Q(**{f"{name}__icontains": q})
    if membership is not None and membership.can("view_identity"):
        condition |= Q(stakeholder__name__icontains=q)
    return queryset.filter(condition)


# --- information requests


def information_requests(workspace: Workspace) -> QuerySet[InformationRequest]:
    """The workspace's information requests with what their pages show joined."""
    return InformationRequest.objects.for_workspace(workspace).select_related(
        "workspace", "stakeholder", "engagement", "policy", "initiative", "answered_by"
    )


def request_list(
    workspace: Workspace, params, *, membership: Membership | None = None, today=None
) -> FilteredList:
    """Information requests filtered by `params` and sorted (newest first by default)."""
    form = RequestFilterForm(params)
    values = form.values()
    queryset = information_requests(workspace)
    if "status" in values:
        queryset = queryset.filter(status=values["status"])
    if "format" in values:
        queryset = queryset.filter(preferred_format=values["format"])
    if values.get("overdue"):
        queryset = queryset.filter(
            status=RequestStatus.OPEN, due_on__lt=today or timezone.localdate()
        )
    if q := values.get("q"):
        queryset = _search(queryset, q, membership, "question", "reasons", "answer")
    queryset = queryset.order_by(*_ordering(REQUEST_SORTS, values.get("sort")))
    return FilteredList(queryset, form, form.notes(), values)


# --- data requests


def data_requests(workspace: Workspace) -> QuerySet[DataRequest]:
    """The workspace's data requests with what their pages show joined."""
    return DataRequest.objects.for_workspace(workspace).select_related(
        "workspace", "stakeholder", "handled_by"
    )


def data_request_list(
    workspace: Workspace, params, *, membership: Membership | None = None, today=None
) -> FilteredList:
    """Data requests filtered by `params` and sorted (newest first by default)."""
    form = DataRequestFilterForm(params)
    values = form.values()
    queryset = data_requests(workspace)
    if "status" in values:
        queryset = queryset.filter(status=values["status"])
    if "kind" in values:
        queryset = queryset.filter(kind=values["kind"])
    if values.get("overdue"):
        queryset = queryset.filter(
            status=DataRequestStatus.OPEN, due_on__lt=today or timezone.localdate()
        )
    if q := values.get("q"):
        queryset = _search(queryset, q, membership, "details", "note")
    queryset = queryset.order_by(*_ordering(DATA_SORTS, values.get("sort")))
    return FilteredList(queryset, form, form.notes(), values)


# --- what one stakeholder sees in the portal


def requests_of_stakeholder(stakeholder) -> QuerySet[InformationRequest]:
    """A stakeholder's own information requests, newest first."""
    return (
        InformationRequest.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder)
        .select_related("engagement", "policy")
        .order_by("-received_at", "-pk")
    )


def data_requests_of_stakeholder(stakeholder) -> QuerySet[DataRequest]:
    """A stakeholder's own data requests, newest first."""
    return (
        DataRequest.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder)
        .order_by("-received_at", "-pk")
    )


# --- overdue, for the to-do list


def _owned_by(queryset: QuerySet, workspace: Workspace, user) -> QuerySet:
    """All of them for owners and managers; else those of the user's stakeholders."""
    role = (
        Membership.objects.filter(workspace=workspace, user=user)
        .values_list("role", flat=True)
        .first()
    )
    if role in (Role.OWNER, Role.MANAGER):
        return queryset
    return queryset.filter(stakeholder__relationship_owner=user)


def overdue_information_requests(
    workspace: Workspace, user=None, *, today=None
) -> QuerySet[InformationRequest]:
    """Open information requests past their due date (the user's, when given)."""
    queryset = InformationRequest.objects.for_workspace(workspace).filter(
        status=RequestStatus.OPEN, due_on__lt=today or timezone.localdate()
    )
    return _owned_by(queryset, workspace, user) if user is not None else queryset


def overdue_data_requests(workspace: Workspace, user=None, *, today=None) -> QuerySet[DataRequest]:
    """Open data requests past their due date (the user's, when given)."""
    queryset = DataRequest.objects.for_workspace(workspace).filter(
        status=DataRequestStatus.OPEN, due_on__lt=today or timezone.localdate()
    )
    return _owned_by(queryset, workspace, user) if user is not None else queryset


# --- disclosure reporting (CSDDD art. 13)


@dataclass(frozen=True)
class RequestReport:
    """Information requests received in a period and what became of them.

    `median_days_to_answer` counts days from receipt to the reply (an answer, or a refusal in
    writing: both are the company's reply under CSDDD art. 13(2)). `on_time_share` is the
    share of replies given by the due date, among the replied requests and the open ones
    already past their due date (those count as late); None when there is nothing to count.
    """

    start: datetime.date
    end: datetime.date
    received: int
    answered: int
    refused: int
    withdrawn: int
    open: int
    overdue: int
    refused_by_ground: dict[str, int]
    median_days_to_answer: float | None
    on_time_share: float | None


def _day_bounds(start: datetime.date, end: datetime.date) -> tuple:
    zone = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    return low, high


def information_request_report(
    workspace: Workspace, start: datetime.date, end: datetime.date, *, today=None
) -> RequestReport:
    """Counts, refusal grounds, median days to answer and the on-time share of the information
    requests received between `start` and `end` (inclusive, local dates)."""
    today = today or timezone.localdate()
    low, high = _day_bounds(start, end)
    received = InformationRequest.objects.for_workspace(workspace).filter(
        received_at__gte=low, received_at__lt=high
    )
    counts = dict(received.values_list("status").annotate(n=Count("pk")).order_by())
    grounds = dict(
        received.filter(status=RequestStatus.REFUSED)
        .values_list("refusal_ground")
        .annotate(n=Count("pk"))
        .order_by()
    )
    replies = received.filter(status__in=[RequestStatus.ANSWERED, RequestStatus.REFUSED])
    days, on_time = [], 0
    for received_at, answered_at, due in replies.values_list(
        "received_at", "answered_at", "due_on"
    ):
        answered_on = timezone.localdate(answered_at)
        days.append((answered_on - timezone.localdate(received_at)).days)
        on_time += answered_on <= due
    overdue = received.filter(status=RequestStatus.OPEN, due_on__lt=today).count()
    counted = len(days) + overdue
    return RequestReport(
        start=start,
        end=end,
        received=sum(counts.values()),
        answered=counts.get(RequestStatus.ANSWERED, 0),
        refused=counts.get(RequestStatus.REFUSED, 0),
        withdrawn=counts.get(RequestStatus.WITHDRAWN, 0),
        open=counts.get(RequestStatus.OPEN, 0),
        overdue=overdue,
        refused_by_ground={g: grounds.get(g, 0) for g in RefusalGround.values},
        median_days_to_answer=float(statistics.median(days)) if days else None,
        on_time_share=on_time / counted if counted else None,
    )


# --- what a portal request can be about


PORTAL_CHOICES = 50


def portal_about_choices(stakeholder) -> dict[str, list[tuple[int, str]]]:
    """(pk, title) of the engagements the stakeholder took part in and of the published
    policies: what a portal request can name (the latest few of each, to keep pages small)."""
    from heard.engagements.models import Engagement
    from heard.policies.models import Policy

    workspace = stakeholder.workspace_id
    engagements = (
        Engagement.objects.for_workspace(workspace)
        .active()
        .filter(participations__stakeholder=stakeholder)
        .distinct()
        .order_by("-created_at")
        .values_list("pk", "title")[:PORTAL_CHOICES]
    )
    policies = (
        Policy.objects.for_workspace(workspace)
        .active()
        .filter(published_at__isnull=False)
        .order_by("title")
        .values_list("pk", "title")[:PORTAL_CHOICES]
    )
    return {"engagements": list(engagements), "policies": list(policies)}


def portal_about_object(stakeholder, kind: str, pk: int):
    """The engagement or policy a portal request names (already checked against the
    choices), read through the stakeholder's workspace."""
    from heard.engagements.models import Engagement
    from heard.policies.models import Policy

    model = {"engagement": Engagement, "policy": Policy}[kind]
    return model.objects.for_workspace(stakeholder.workspace_id).filter(pk=pk).first()
