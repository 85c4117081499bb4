"""Reads of initiatives and impacts shared by pages, exports, the bench and other apps."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from heard.core.models import Workspace
from heard.core.search import full_text_filter
from heard.impacts.filters import (
    ACTION_SORTS,
    IMPACT_SORTS,
    INITIATIVE_SORTS,
    ActionFilterForm,
    ImpactFilterForm,
    InitiativeFilterForm,
)
from heard.impacts.models import (
    EngagementPlan,
    Impact,
    ImpactAction,
    ImpactKind,
    ImpactRight,
    ImpactRiskGroup,
    ImpactStatus,
    Initiative,
    InitiativeKind,
    Involvement,
    LifecycleStage,
    StageChange,
)
from heard.impacts.rights import right_label
from heard.stakeholders.models import RiskGroup
from heard.stakeholders.queries import FilteredList, _archived, member_choices

NULLABLE_SORT_COLUMNS = {"stage_changed_at"}


def _ordering(sorts: dict, value: str | None, default: str) -> list:
    key = value or default
    descending = key.startswith("-")
    ordering = []
    for column in sorts[key.lstrip("-")]:
        expression = Lower(column) if column in {"name", "title"} else F(column)
        ordering.append(expression.desc() if descending else expression.asc())
    return ordering


# --- initiatives


def initiatives(workspace: Workspace) -> QuerySet[Initiative]:
    """The workspace's initiatives with their count of active impacts."""
    return Initiative.objects.for_workspace(workspace).annotate(
        impact_count=Count("impacts", filter=Q(impacts__archived_at__isnull=True), distinct=True)
    )


def owning_teams(workspace: Workspace) -> list[str]:
    """The distinct owning teams, for the team filter."""
    return list(
        Initiative.objects.for_workspace(workspace)
        .exclude(owning_team="")
        .order_by("owning_team")
        .values_list("owning_team", flat=True)
        .distinct()
    )


def initiative_list(workspace: Workspace, params) -> FilteredList:
    """Initiatives filtered and sorted by `params` (a QueryDict or dict)."""
    form = InitiativeFilterForm(params, teams=owning_teams(workspace))
    values = form.values()
    queryset = _archived(initiatives(workspace), values.get("archived"))
    queryset = queryset.filter(**{k: values[k] for k in ("kind", "stage") if k in values})
    if "team" in values:
        queryset = queryset.filter(owning_team=values["team"])
    if q := values.get("q"):
        queryset = full_text_filter(queryset, q)
    queryset = queryset.order_by(*_ordering(INITIATIVE_SORTS, values.get("sort"), "name"))
    return FilteredList(queryset, form, form.notes(), values)


def stage_history(initiative: Initiative) -> QuerySet[StageChange]:
    """An initiative's stage changes, newest first, with who made them."""
    return initiative.stage_changes.select_related("changed_by").order_by("-changed_at", "-pk")


def plans_by_stage(initiative: Initiative) -> list[tuple[str, str, EngagementPlan | None]]:
    """(stage, label, plan or None) for every lifecycle stage, in lifecycle order."""
    plans = {
        plan.stage: plan
        for plan in EngagementPlan.objects.for_workspace(initiative.workspace_id)
        .filter(initiative=initiative)
        .active()
        .prefetch_related("stakeholders", "organisations")
    }
    return [(value, label, plans.get(value)) for value, label in LifecycleStage.choices]


def initiative_impacts(initiative: Initiative) -> QuerySet[Impact]:
    """The active impacts of an initiative, most salient first."""
    return (
        Impact.objects.for_workspace(initiative.workspace_id)
        .filter(initiatives=initiative)
        .active()
        .order_by("-salience", "-severity", "pk")
    )


# --- impacts


def impacts(workspace: Workspace | int) -> QuerySet[Impact]:
    """The workspace's impacts with rights and groups prefetched, ready for a list."""
    return Impact.objects.for_workspace(workspace).prefetch_related(
        Prefetch("right_links", queryset=ImpactRight.objects.order_by("code")),
        Prefetch("risk_group_links", queryset=ImpactRiskGroup.objects.order_by("group")),
        Prefetch(
            "initiatives",
            queryset=Initiative.objects.order_by(Lower("name")).only("pk", "name", "workspace"),
        ),
    )


def initiative_choices(workspace: Workspace) -> list[tuple[int, str]]:
    """(id, name) of the workspace's active initiatives, for selects."""
    return list(
        Initiative.objects.for_workspace(workspace)
        .active()
        .order_by(Lower("name"))
        .values_list("pk", "name")
    )


def _open_actions() -> Exists:
    return Exists(ImpactAction.objects.filter(impact=OuterRef("pk"), is_done=False).active())


def impact_list(workspace: Workspace, params) -> FilteredList:
    """Impacts filtered by `params`, ranked by salience unless another sort is asked for."""
    form = ImpactFilterForm(params, initiatives=initiative_choices(workspace))
    values = form.values()
    queryset = _archived(impacts(workspace), values.get("archived"))
    queryset = queryset.filter(
        **{k: values[k] for k in ("kind", "involvement", "status") if k in values}
    )
    for score in ("scale", "scope", "irremediability", "likelihood"):
        if score in values:
            queryset = queryset.filter(**{score: int(values[score])})
    if "min_severity" in values:
        queryset = queryset.filter(severity__gte=values["min_severity"])
    if "right" in values:
        queryset = queryset.filter(
            Exists(ImpactRight.objects.filter(impact=OuterRef("pk"), code=values["right"]))
        )
    if "risk_group" in values:
        queryset = queryset.filter(
            Exists(
                ImpactRiskGroup.objects.filter(impact=OuterRef("pk"), group=values["risk_group"])
            )
        )
    if "initiative" in values:
        queryset = queryset.filter(
            Exists(
                Impact.initiatives.through.objects.filter(
                    impact=OuterRef("pk"), initiative=values["initiative"]
                )
            )
        )
    queryset = _action_filter(queryset, values.get("actions"))
    if q := values.get("q"):
        queryset = full_text_filter(queryset, q)
    queryset = queryset.order_by(*_ordering(IMPACT_SORTS, values.get("sort"), "-salience"))
    return FilteredList(queryset, form, form.notes(), values)


def _action_filter(queryset: QuerySet, state: str | None) -> QuerySet:
    if state == "open":
        return queryset.filter(_open_actions())
    if state == "overdue":
        overdue = ImpactAction.objects.filter(
            impact=OuterRef("pk"), is_done=False, due_on__lt=timezone.localdate()
        ).active()
        return queryset.filter(Exists(overdue))
    if state == "none":
        return queryset.filter(~Exists(ImpactAction.objects.filter(impact=OuterRef("pk")).active()))
    return queryset


def actions_of(impact: Impact) -> QuerySet[ImpactAction]:
    """An impact's active actions, open first then by due date, with their owners."""
    return (
        ImpactAction.objects.for_workspace(impact.workspace_id)
        .filter(impact=impact)
        .active()
        .select_related("owner")
        .order_by("is_done", F("due_on").asc(nulls_last=True), "pk")
    )


def label_impacts(impacts) -> list[Impact]:
    """Attach display labels to a page of impacts. Django's get_FOO_display rebuilds (and
    translates) the whole choice list on every call; a page of 100 impacts made hundreds of
    such calls, a third of the page's time at the large size. Labels are translated once here."""
    kinds, involvements = _labels(ImpactKind), _labels(Involvement)
    statuses, groups = _labels(ImpactStatus), _labels(RiskGroup)
    rights_seen: dict[str, str] = {}
    impacts = list(impacts)
    for impact in impacts:
        impact.kind_label = kinds[impact.kind]
        impact.involvement_label = involvements[impact.involvement]
        impact.status_label = statuses[impact.status]
        impact.risk_group_labels = [groups[g.group] for g in impact.risk_group_links.all()]
        impact.right_labels = [
            rights_seen.setdefault(r.code, right_label(r.code)) for r in impact.right_links.all()
        ]
    return impacts


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def label_initiatives(initiatives) -> list[Initiative]:
    """Attach translated kind and stage labels to a page of initiatives (see label_impacts)."""
    kinds, stages = _labels(InitiativeKind), _labels(LifecycleStage)
    initiatives = list(initiatives)
    for initiative in initiatives:
        initiative.kind_label = kinds[initiative.kind]
        initiative.stage_label = stages[initiative.stage]
    return initiatives


def action_list(workspace: Workspace, params) -> FilteredList:
    """Actions across the workspace's impacts: open ones by due date unless asked otherwise."""
    members = member_choices(workspace)
    form = ActionFilterForm(params, owners=members)
    values = form.values()
    queryset = _archived(
        ImpactAction.objects.for_workspace(workspace).select_related("owner", "impact"),
        values.get("archived"),
    )
    state = values.get("state")
    if state in ("open", "overdue"):
        queryset = queryset.filter(is_done=False)
    if state == "overdue":
        queryset = queryset.filter(due_on__lt=timezone.localdate())
    if state == "done":
        queryset = queryset.filter(is_done=True)
    if owner := values.get("owner"):
        queryset = (
            queryset.filter(owner__isnull=True)
            if owner == "none"
            else queryset.filter(owner_id=owner)
        )
    if status := values.get("impact_status"):
        queryset = queryset.filter(impact__status=status)
    if q := values.get("q"):
        queryset = queryset.filter(Q(description__icontains=q) | Q(impact__title__icontains=q))
    key = values.get("sort") or "due"
    columns = ACTION_SORTS[key.lstrip("-")]
    descending = key.startswith("-")
    ordering = [
        (F(c).desc(nulls_last=True) if descending else F(c).asc(nulls_last=True)) for c in columns
    ]
    return FilteredList(
        queryset.order_by("is_done", *ordering), form, form.notes(), values, members
    )
