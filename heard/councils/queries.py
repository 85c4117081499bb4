"""Reads of advisory councils shared by pages, exports, reminders and the demo."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from heard.core.models import Workspace
from heard.councils.forms import CouncilFilterForm
from heard.councils.models import Council, CouncilMeeting, CouncilMember


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) subquery: two counts on one row without multiplying joins."""
    counted = queryset.order_by().values("council_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def councils(workspace: Workspace, today: datetime.date | None = None) -> QuerySet[Council]:
    """The workspace's councils with their initiative, convener, current members and
    meetings counted."""
    today = today or timezone.localdate()
    current = CouncilMember.objects.filter(
        council=OuterRef("pk"),
        archived_at__isnull=True,
        term_start__lte=today,
        term_end__gte=today,
    )
    meetings = CouncilMeeting.objects.filter(
        council=OuterRef("pk"), engagement__archived_at__isnull=True
    )
    return (
        Council.objects.for_workspace(workspace)
        .select_related("initiative", "convener")
        .annotate(member_count=_count(current), meeting_count=_count(meetings))
    )


COUNCIL_SORTS = {
    "name": (Lower("name"), "pk"),
    "members": ("member_count", "pk"),
    "meetings": ("meeting_count", "pk"),
    "created": ("created_at", "pk"),
}


@dataclass
class FilteredCouncils:
    """A filtered, sorted queryset and the form that made it."""

    queryset: QuerySet
    form: CouncilFilterForm
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def council_list(workspace: Workspace, params) -> FilteredCouncils:
    """Councils filtered by `params` (search, initiative, archived) and sorted."""
    from heard.impacts.models import Initiative

    initiatives = (
        Initiative.objects.for_workspace(workspace)
        .order_by(Lower("name"))
        .values_list("pk", "name")
    )
    form = CouncilFilterForm(params, initiatives=initiatives)
    values = form.values()
    queryset = councils(workspace)
    archived = values.get("archived")
    if archived == "archived":
        queryset = queryset.archived()
    elif archived != "all":
        queryset = queryset.active()
    if q := values.get("q"):
        queryset = queryset.filter(Q(name__icontains=q) | Q(terms_of_reference__icontains=q))
    if initiative := values.get("initiative"):
        queryset = queryset.filter(initiative_id=initiative)
    key = values.get("sort") or "name"
    columns = COUNCIL_SORTS[key.lstrip("-")]
    ordering = []
    for column in columns:
        expression = F(column) if isinstance(column, str) else column
        ordering.append(expression.desc() if key.startswith("-") else expression.asc())
    return FilteredCouncils(queryset.order_by(*ordering), form, form.notes(), values)


def members_of(council: Council) -> QuerySet[CouncilMember]:
    """Every term on a council (archived ones too), ready for the council page."""
    return (
        CouncilMember.objects.for_workspace(council.workspace_id)
        .filter(council=council)
        .select_related(
            "stakeholder", "stakeholder__organisation", "stakeholder__relationship_owner"
        )
        .order_by("-term_end", "term_start", "pk")
    )


def meetings_of(council: Council):
    """The engagements held as this council's meetings, newest first."""
    from heard.engagements.models import Engagement

    return (
        Engagement.objects.for_workspace(council.workspace_id)
        .filter(council_meeting__council=council)
        .annotate(participant_count=Count("participations"))
        .order_by("-starts_on", "-pk")
    )


def linkable_meetings(council: Council):
    """Council-meeting engagements not yet attached to any council, for the link form."""
    from heard.engagements.models import Engagement, EngagementFormat

    return (
        Engagement.objects.for_workspace(council.workspace_id)
        .active()
        .filter(format=EngagementFormat.ADVISORY_COUNCIL, council_meeting__isnull=True)
        .order_by("-starts_on", "-pk")
    )


def terms_ending(today: datetime.date, workspace: Workspace | None = None) -> list[CouncilMember]:
    """Active terms whose council's reminder window has opened and whose reminder has not gone
    out yet — what the daily rotation-reminder task sends. Each council sets its own window
    (at most 365 days), so rows are bounded in SQL by the widest window and narrowed here."""
    queryset = CouncilMember.objects.filter(
        archived_at__isnull=True,
        council__archived_at__isnull=True,
        stakeholder__archived_at__isnull=True,
        reminded_on__isnull=True,
        term_end__gte=today,
        term_end__lte=today + datetime.timedelta(days=365),
    )
    if workspace is not None:
        queryset = queryset.filter(workspace=workspace)
    rows = queryset.select_related(
        "council",
        "council__convener",
        "workspace",
        "stakeholder",
        "stakeholder__relationship_owner",
    ).order_by("term_end", "pk")
    return [
        m for m in rows if m.term_end - datetime.timedelta(days=m.council.reminder_days) <= today
    ]
