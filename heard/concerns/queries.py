"""Reads about concerns shared by the staff pages, exports, the to-do list, the portal, the
public status page and the disclosure figures."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, QuerySet
from django.utils import timezone

from heard.concerns.filters import CONCERN_SORTS, OPEN, ConcernFilterForm
from heard.concerns.models import (
    OPEN_STATUSES,
    Concern,
    ConcernChannel,
    ConcernChannelSettings,
    ConcernEvent,
    ConcernOutcome,
    ConcernStatus,
    Remedy,
    RemedyKind,
)
from heard.core.models import Workspace
from heard.core.search import full_text_filter
from heard.impacts.queries import initiative_choices

# --- the staff list


@dataclass
class FilteredList:
    """A filtered, sorted queryset, the form that made it and notes on ignored values."""

    queryset: QuerySet
    form: object
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def concerns(workspace: Workspace) -> QuerySet[Concern]:
    """The workspace's concerns for a list or export (initiative and handler joined)."""
    return Concern.objects.for_workspace(workspace).select_related("initiative", "handler")


def _ordering(value: str | None) -> list:
    key = value or "-raised"
    descending = key.startswith("-")
    ordering = []
    for column in CONCERN_SORTS[key.lstrip("-")]:
        expression = F(column)
        nulls = {"nulls_last": True} if column == "due_on" else {}
        ordering.append(expression.desc(**nulls) if descending else expression.asc(**nulls))
    return ordering


def concern_list(workspace: Workspace, params, *, today=None) -> FilteredList:
    """Concerns filtered by `params` (search, status, overdue, channel, outcome, initiative)
    and sorted."""
    form = ConcernFilterForm(params, initiatives=initiative_choices(workspace))
    values = form.values()
    queryset = concerns(workspace).active()
    if status := values.get("status"):
        if status == OPEN:
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        else:
            queryset = queryset.filter(status=status)
    if values.get("overdue"):
        queryset = queryset.filter(due_on__lt=today or timezone.localdate())
    for name in ("channel", "outcome"):
        if name in values:
            queryset = queryset.filter(**{name: values[name]})
    if "initiative" in values:
        queryset = queryset.filter(initiative_id=values["initiative"])
    if q := values.get("q"):
        queryset = full_text_filter(queryset, q)
    queryset = queryset.order_by(*_ordering(values.get("sort")))
    return FilteredList(queryset, form, form.notes(), values)


def concern_detail(workspace: Workspace) -> QuerySet[Concern]:
    """Concerns for a detail page: timeline (with actors), remedies, links."""
    return (
        concerns(workspace)
        .select_related("stakeholder")
        .prefetch_related(
            Prefetch(
                "events", queryset=ConcernEvent.objects.select_related("actor").order_by("at")
            ),
            Prefetch("remedies", queryset=Remedy.objects.order_by("created_at", "id")),
        )
    )


def overdue_concerns(workspace: Workspace, *, today=None) -> QuerySet[Concern]:
    """Open concerns whose current step is past its deadline, oldest deadline first."""
    return (
        Concern.objects.for_workspace(workspace)
        .active()
        .filter(due_on__lt=today or timezone.localdate())
        .order_by("due_on", "id")
    )


# --- the person's side (public status page and portal)


def channel_for_public_slug(slug: str) -> ConcernChannelSettings | None:
    """The open channel of the workspace with this slug, or None (closed or unknown)."""
    return (
        ConcernChannelSettings.objects.select_related("workspace")
        .filter(workspace__slug=slug, is_enabled=True)
        .first()
    )


def concern_by_reference(workspace: Workspace, reference: str) -> Concern | None:
    """The workspace's concern with this (normalised) code, with its timeline and remedies."""
    if not reference:
        return None
    return (
        Concern.objects.for_workspace(workspace)
        .filter(reference=reference)
        .prefetch_related(
            Prefetch("events", queryset=ConcernEvent.objects.order_by("at", "id")),
            Prefetch("remedies", queryset=Remedy.objects.order_by("created_at", "id")),
        )
        .first()
    )


def stakeholder_concerns(stakeholder) -> QuerySet[Concern]:
    """The concerns a portal visitor raised in their own name."""
    return (
        Concern.objects.for_workspace(stakeholder.workspace_id)
        .active()
        .filter(stakeholder=stakeholder)
        .order_by("-raised_at", "-id")
    )


# --- disclosure figures (ESRS S1-3, S2-3, S3-3, S4-3; GRI 2-25)


@dataclass
class ChannelFigures:
    """What a sustainability report discloses about the concern channel for a period."""

    start: datetime.date
    end: datetime.date
    received: int
    by_channel: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    median_days_to_acknowledgement: float | None
    median_days_to_outcome: float | None
    acknowledged_count: int
    acknowledged_in_time: int
    decided_count: int
    decided_in_time: int
    outcomes: list[tuple[str, int]]
    remedies_by_kind: list[tuple[str, int]]
    satisfaction_count: int
    satisfaction_average: float | None
    satisfaction_distribution: list[tuple[int, int]]

    @property
    def acknowledged_in_time_share(self) -> float | None:
        return _share(self.acknowledged_in_time, self.acknowledged_count)

    @property
    def decided_in_time_share(self) -> float | None:
        return _share(self.decided_in_time, self.decided_count)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _days(later: datetime.datetime, earlier: datetime.datetime) -> float:
    return (later - earlier).total_seconds() / 86400


def _counts(queryset: QuerySet, column: str, choices) -> list[tuple[str, int]]:
    found = dict(queryset.values_list(column).annotate(n=Count("id")).order_by())
    return [(label, found.get(value, 0)) for value, label in choices]


def channel_figures(
    workspace: Workspace, start: datetime.date, end: datetime.date
) -> ChannelFigures:
    """Figures for concerns raised between `start` and `end` (both included): counts by
    channel and status, median days to acknowledgement and to outcome, the share handled
    within the deadlines, outcomes, remedies by kind and the raisers' satisfaction."""
    raised = (
        Concern.objects.for_workspace(workspace)
        .active()
        .filter(raised_at__date__gte=start, raised_at__date__lte=end)
    )
    timing = list(
        raised.values_list(
            "raised_at",
            "acknowledged_at",
            "acknowledge_due_on",
            "outcome_decided_at",
            "outcome_due_on",
        )
    )
    ack = [(r, a, due) for r, a, due, _o, _od in timing if a is not None]
    decided = [(r, o, due) for r, _a, _ad, o, due in timing if o is not None]
    ratings = list(
        raised.exclude(satisfaction_rating=None).values_list("satisfaction_rating", flat=True)
    )
    remedies = Remedy.objects.for_workspace(workspace).filter(concern__in=raised.values("pk"))
    return ChannelFigures(
        start=start,
        end=end,
        received=len(timing),
        by_channel=_counts(raised, "channel", ConcernChannel.choices),
        by_status=_counts(raised, "status", ConcernStatus.choices),
        median_days_to_acknowledgement=_median([_days(a, r) for r, a, _d in ack]),
        median_days_to_outcome=_median([_days(o, r) for r, o, _d in decided]),
        acknowledged_count=len(ack),
        acknowledged_in_time=sum(1 for _r, a, due in ack if timezone.localdate(a) <= due),
        decided_count=len(decided),
        decided_in_time=sum(1 for _r, o, due in decided if timezone.localdate(o) <= due),
        outcomes=_counts(raised.exclude(outcome=""), "outcome", ConcernOutcome.choices),
        remedies_by_kind=_counts(remedies, "kind", RemedyKind.choices),
        satisfaction_count=len(ratings),
        satisfaction_average=round(statistics.fmean(ratings), 2) if ratings else None,
        satisfaction_distribution=[(n, ratings.count(n)) for n in range(1, 6)],
    )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None
