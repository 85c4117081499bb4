"""Reads of the insight cycle shared by the pages, the brief (page and PDF) and the demo."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from heard.core import permissions
from heard.core.models import Membership, Workspace
from heard.feedback.models import Input
from heard.insights.briefs.filters import (
    DEFAULT_SORT,
    REQUEST_SORTS,
    InsightRequestFilterForm,
)
from heard.insights.briefs.models import (
    ANSWERED_STATUSES,
    InsightRequest,
    PlanningCycle,
    RequestStatus,
)
from heard.insights.themes.models import Theme

PICKER_ROWS = 20


@dataclass
class FilteredList:
    """A filtered, sorted queryset, the form that made it and notes on ignored values."""

    queryset: QuerySet
    form: object
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


# --- who sees which requests


def sees_every_request(membership: Membership) -> bool:
    """The engagement team (editors and up) and auditors see every request; contributors and
    viewers see their own requests and the answered briefs."""
    return membership.can(permissions.EDIT) or membership.can(permissions.VIEW_IDENTITY)


def may_see(membership: Membership, request: InsightRequest) -> bool:
    """Whether `membership` may open `request` (the rule of `visible_requests`, for one)."""
    return (
        sees_every_request(membership)
        or request.requester_id == membership.user_id
        or request.status in ANSWERED_STATUSES
    )


def insight_requests(workspace: Workspace) -> QuerySet[InsightRequest]:
    """The workspace's requests with what their pages show joined."""
    return InsightRequest.objects.for_workspace(workspace).select_related(
        "workspace", "requester", "cycle", "initiative", "policy", "impact", "answered_by"
    )


def visible_requests(workspace: Workspace, membership: Membership) -> QuerySet[InsightRequest]:
    """The requests `membership` may open; others answer 404 like missing ones."""
    found = insight_requests(workspace)
    if sees_every_request(membership):
        return found
    return found.filter(Q(requester_id=membership.user_id) | Q(status__in=ANSWERED_STATUSES))


def cycle_choices(workspace: Workspace) -> list[tuple[int, str]]:
    """(id, name) of the workspace's cycles, latest first."""
    return list(
        PlanningCycle.objects.for_workspace(workspace)
        .order_by("-opens_on", "-pk")
        .values_list("pk", "name")
    )


def request_list(workspace: Workspace, membership: Membership, params) -> FilteredList:
    """Visible requests filtered by `params` and sorted (newest first by default)."""
    form = InsightRequestFilterForm(params, cycles=cycle_choices(workspace))
    values = form.values()
    queryset = visible_requests(workspace, membership)
    for name in ("status", "team"):
        if name in values:
            queryset = queryset.filter(**{name: values[name]})
    if "cycle" in values:
        cycle = values["cycle"]
        queryset = (
            queryset.filter(cycle__isnull=True)
            if cycle == "none"
            else queryset.filter(cycle_id=cycle)
        )
    if values.get("mine"):
        queryset = queryset.filter(requester_id=membership.user_id)
    if q := values.get("q"):
        if q.lstrip("#").isdigit():
            queryset = queryset.filter(pk=int(q.lstrip("#")))
        else:
            queryset = queryset.filter(
                Q(question__icontains=q) | Q(context__icontains=q) | Q(summary__icontains=q)
            )
    key = values.get("sort") or DEFAULT_SORT
    columns = REQUEST_SORTS[key.lstrip("-")]
    descending = key.startswith("-")
    queryset = queryset.order_by(
        *[F(c).desc(nulls_last=True) if descending else F(c).asc(nulls_last=True) for c in columns]
    )
    return FilteredList(queryset, form, form.notes(), values)


def open_cycle(workspace: Workspace, today=None) -> PlanningCycle | None:
    """The cycle taking requests today, if any (the form picks it by default)."""
    today = today or timezone.localdate()
    return (
        PlanningCycle.objects.for_workspace(workspace)
        .filter(opens_on__lte=today, requests_due_on__gte=today)
        .order_by("-opens_on")
        .first()
    )


# --- cycles


def _status_counts() -> dict:
    counts = {
        f"{status}_count": Count("requests", filter=Q(requests__status=status))
        for status in RequestStatus.values
    }
    return {"request_count": Count("requests"), **counts}


def cycles_with_counts(workspace: Workspace) -> QuerySet[PlanningCycle]:
    """The workspace's cycles, latest first, each with its requests counted per status (one
    query, however many cycles)."""
    return (
        PlanningCycle.objects.for_workspace(workspace)
        .select_related("workspace")
        .annotate(**_status_counts())
        .order_by("-opens_on", "-pk")
    )


def requests_without_cycle_counts(workspace: Workspace) -> dict:
    """Counts per status of requests filed outside any cycle."""
    rows = (
        InsightRequest.objects.for_workspace(workspace)
        .filter(cycle__isnull=True)
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = {f"{s}_count": 0 for s in RequestStatus.values}
    for row in rows:
        counts[f"{row['status']}_count"] = row["n"]
    counts["request_count"] = sum(counts.values())
    return counts


# --- the answering workflow's pickers


def linked_themes(request: InsightRequest) -> QuerySet[Theme]:
    """The themes of the answer, largest first."""
    return request.themes.order_by("-input_count", "pk")


def linked_inputs(request: InsightRequest) -> QuerySet[Input]:
    """The inputs of the answer, with what the brief and the detail page show joined."""
    return request.inputs.select_related(
        "engagement", "stakeholder", "organisation", "workspace"
    ).order_by("-created_at", "-pk")


def theme_candidates(workspace: Workspace, q: str, exclude: list[int]) -> list[Theme]:
    """Themes matching `q` (all, largest first, when `q` is empty), not yet linked."""
    found = Theme.objects.for_workspace(workspace).active().exclude(pk__in=exclude)
    if q:
        found = found.filter(Q(name__icontains=q) | Q(description__icontains=q))
    return list(found.order_by("-input_count", "pk")[:PICKER_ROWS])


def input_candidates(workspace: Workspace, q: str, exclude: list[int]) -> list[Input]:
    """Inputs matching `q` (full-text), not yet linked; nothing until someone searches."""
    from heard.core.search import full_text_filter

    if not q:
        return []
    found = (
        Input.objects.for_workspace(workspace)
        .active()
        .filter(merged_into__isnull=True)
        .exclude(pk__in=exclude)
        .select_related("engagement", "stakeholder", "organisation")
    )
    if q.lstrip("#").isdigit():
        found = found.filter(pk=int(q.lstrip("#")))
    else:
        found = full_text_filter(found, q)
    return list(found.order_by("-created_at", "-pk")[:PICKER_ROWS])
