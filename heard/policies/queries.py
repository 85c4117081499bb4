"""Reads of policies, forums and minutes shared by pages, exports, the demo and (later) the
transparency centre."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Lower

from heard.core.models import Workspace
from heard.engagements.models import EngagementStatus, Participation, ParticipationRole
from heard.feedback.models import Decision, Input
from heard.policies.checklist import Checklist, build_checklist, flags_from_row
from heard.policies.forms import ForumFilterForm, PolicyFilterForm
from heard.policies.models import (
    ForumMeeting,
    ForumMinutes,
    ForumStage,
    MinutesStatus,
    Policy,
    PolicyForum,
    PolicyVersion,
    VersionStatus,
)

HELD = (EngagementStatus.HELD, EngagementStatus.DEBRIEFED, EngagementStatus.LOOP_CLOSED)


@dataclass
class FilteredList:
    """A filtered, sorted queryset, the form that made it and notes on ignored values."""

    queryset: QuerySet
    form: object
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def _count(queryset: QuerySet, key: str) -> Coalesce:
    """A correlated COUNT(*) per row: counts only the rows a page returns."""
    counted = queryset.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _ordering(sorts: dict, key: str | None, default: str) -> list:
    key = key or default
    columns = sorts[key.lstrip("-")]
    ordering = []
    for column in columns:
        expression = F(column) if isinstance(column, str) else column
        nulls = {"nulls_last": True} if column == "published_at" else {}
        ordering.append(
            expression.desc(**nulls) if key.startswith("-") else expression.asc(**nulls)
        )
    return ordering


def _archived(queryset: QuerySet, value: str | None) -> QuerySet:
    if value == "archived":
        return queryset.archived()
    if value == "all":
        return queryset
    return queryset.active()


# --- policies


def _about(policy) -> Q:
    """Inputs about a policy: linked to it, or given in one of its forums' meetings."""
    return Q(related_policies=policy) | Q(engagement__forum_meetings__forum__policy=policy)


def policies(workspace: Workspace) -> QuerySet[Policy]:
    """The workspace's policies with owner, their forums counted and whether input arrived
    since the last publication (`has_new_input`)."""
    forums = PolicyForum.objects.filter(policy=OuterRef("pk"), archived_at__isnull=True)
    new_input = Input.objects.filter(
        _about(OuterRef("pk")),
        created_at__gt=OuterRef("published_at"),
        merged_into__isnull=True,
    )
    return (
        Policy.objects.for_workspace(workspace)
        .select_related("owner")
        .annotate(forum_count=_count(forums, "policy_id"), has_new_input=Exists(new_input))
    )


# --- inputs


def policy_inputs(policy: Policy) -> QuerySet[Input]:
    """Every input about the policy (linked, or from its forums' meetings), not merged."""
    ids = (
        Input.objects.for_workspace(policy.workspace_id)
        .filter(_about(policy), merged_into__isnull=True)
        .values("pk")
    )
    return (
        Input.objects.for_workspace(policy.workspace_id)
        .filter(pk__in=ids)
        .select_related("engagement")
        .prefetch_related(_current_decision())
        .order_by("-created_at", "-pk")
    )


def _current_decision() -> Prefetch:
    return Prefetch(
        "decisions",
        queryset=Decision.objects.filter(is_current=True).select_related("decided_by"),
        to_attr="current_decisions",
    )


def considered_inputs(version: PolicyVersion) -> list[Input]:
    """The inputs a version considered, each with `decision` (its current Decision or None)."""
    rows = list(
        Input.objects.for_workspace(version.workspace_id)
        .filter(considered_in_versions=version)
        .select_related("engagement")
        .prefetch_related(_current_decision())
        .order_by("created_at", "pk")
    )
    for row in rows:
        row.decision = row.current_decisions[0] if row.current_decisions else None
    return rows


def candidate_inputs(version: PolicyVersion) -> QuerySet[Input]:
    """Inputs about the policy that this version does not consider yet."""
    return policy_inputs(version.policy).exclude(considered_in_versions=version)


@dataclass
class NewInputSignal:
    """Input about a policy that arrived after its last publication."""

    count: int
    since: object
    latest: list
    is_published: bool


def new_input_signal(policy: Policy) -> NewInputSignal | None:
    """What arrived since the policy was last published, or None if nothing (or never
    published)."""
    if policy.published_at is None:
        return None
    found = policy_inputs(policy).filter(created_at__gt=policy.published_at)
    count = found.count()
    if not count:
        return None
    return NewInputSignal(
        count=count,
        since=policy.published_at,
        latest=list(found[:5]),
        is_published=policy.status == VersionStatus.PUBLISHED,
    )


POLICY_SORTS = {
    "title": (Lower("title"), "pk"),
    "area": ("area", Lower("title"), "pk"),
    "status": ("status", Lower("title"), "pk"),
    "published": ("published_at", "pk"),
    "updated": ("updated_at", "pk"),
}


def policy_list(workspace: Workspace, params, owners=()) -> FilteredList:
    """Policies filtered by `params` (search, area, status, owner, archived) and sorted."""
    form = PolicyFilterForm(params, owners=owners)
    values = form.values()
    queryset = _archived(policies(workspace), values.get("archived"))
    if q := values.get("q"):
        queryset = queryset.filter(Q(title__icontains=q) | Q(description__icontains=q))
    for name in ("area", "status"):
        if name in values:
            queryset = queryset.filter(**{name: values[name]})
    if owner := values.get("owner"):
        queryset = queryset.filter(owner_id=owner)
    if "new_input" in values:
        queryset = queryset.filter(has_new_input=values["new_input"] == "yes")
    ordering = _ordering(POLICY_SORTS, values.get("sort"), "title")
    return FilteredList(queryset.order_by(*ordering), form, form.notes(), values)


def versions_of(policy: Policy) -> QuerySet[PolicyVersion]:
    """A policy's versions, newest first."""
    return (
        PolicyVersion.objects.for_workspace(policy.workspace_id)
        .filter(policy=policy)
        .select_related("published_by", "reopened_by")
        .order_by("-number")
    )


def forums_of(policy: Policy) -> QuerySet[PolicyForum]:
    """A policy's forums, newest first, with their progress."""
    return forums(policy.workspace).filter(policy=policy).order_by("-created_at", "-pk")


# --- forums


def _stage_held(stage: str) -> Exists:
    return Exists(
        ForumMeeting.objects.filter(forum=OuterRef("pk"), stage=stage, engagement__status__in=HELD)
    )


def forums(workspace: Workspace) -> QuerySet[PolicyForum]:
    """The workspace's forums with what the checklist needs per row, in constant queries."""
    internal_with_observers = ForumMeeting.objects.filter(
        forum=OuterRef("pk"),
        stage=ForumStage.INTERNAL_MEETING,
        engagement__status__in=HELD,
        engagement__participations__role=ParticipationRole.OBSERVER,
        engagement__participations__archived_at__isnull=True,
    )
    post_glossary = ForumMeeting.objects.filter(
        forum=OuterRef("pk"), stage=ForumStage.POST_ENGAGEMENT
    ).exclude(engagement__glossary=[])
    minutes_status = ForumMinutes.objects.filter(forum=OuterRef("pk")).values("status")[:1]
    return (
        PolicyForum.objects.for_workspace(workspace)
        .select_related("policy", "version", "owner")
        .annotate(
            meeting_count=_count(ForumMeeting.objects.filter(forum=OuterRef("pk")), "forum_id"),
            pre_held=_stage_held(ForumStage.PRE_CONSULTATION),
            briefing_held=_stage_held(ForumStage.BRIEFING),
            internal_held=Exists(internal_with_observers),
            debrief_held=_stage_held(ForumStage.DEBRIEF),
            post_held=_stage_held(ForumStage.POST_ENGAGEMENT),
            post_glossary=Exists(post_glossary),
            minutes_status=Subquery(minutes_status, output_field=CharField()),
        )
    )


FORUM_SORTS = {
    "title": (Lower("title"), "pk"),
    "policy": (Lower("policy__title"), Lower("title"), "pk"),
    "created": ("created_at", "pk"),
}


def forum_list(workspace: Workspace, params, policy_choices=()) -> FilteredList:
    """Forums filtered by `params` (search, policy, step, archived) and sorted; each row gets
    `progress` (its checklist, built from the annotations)."""
    form = ForumFilterForm(params, policies=policy_choices)
    values = form.values()
    queryset = _archived(forums(workspace), values.get("archived"))
    if q := values.get("q"):
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(purpose__icontains=q) | Q(policy__title__icontains=q)
        )
    if policy := values.get("policy"):
        queryset = queryset.filter(policy_id=policy)
    if minutes := values.get("minutes"):
        if minutes == "none":
            queryset = queryset.filter(minutes__isnull=True)
        else:
            queryset = queryset.filter(minutes__status=minutes)
    ordering = _ordering(FORUM_SORTS, values.get("sort"), "-created")
    return FilteredList(queryset.order_by(*ordering), form, form.notes(), values)


def with_progress(rows) -> list[PolicyForum]:
    """Attach `progress` (a Checklist) to forums annotated by `forums()`."""
    rows = list(rows)
    for forum in rows:
        forum.progress = build_checklist(forum, flags_from_row(forum))
    return rows


def meetings_of(forum: PolicyForum) -> list[ForumMeeting]:
    """The forum's meetings with their engagement, lead and participants counted."""
    participations = Participation.objects.filter(
        engagement=OuterRef("engagement_id"), archived_at__isnull=True
    )
    return list(
        ForumMeeting.objects.for_workspace(forum.workspace_id)
        .filter(forum=forum)
        .select_related("engagement", "engagement__owner")
        .annotate(
            participant_count=_count(participations, "engagement_id"),
            observer_count=_count(
                participations.filter(role=ParticipationRole.OBSERVER), "engagement_id"
            ),
        )
        .order_by("engagement__starts_on", "pk")
    )


def forum_checklist(forum: PolicyForum) -> Checklist:
    """Where one forum stands: every step, done or not, its owner and what comes next."""
    from heard.policies.checklist import checklist_for

    minutes = (
        ForumMinutes.objects.filter(forum=forum)
        .select_related("recorded_by", "redacted_by", "approved_by", "published_by")
        .first()
    )
    return checklist_for(forum, meetings_of(forum), minutes, HELD)


def linkable_engagements(forum: PolicyForum):
    """Engagements of the workspace not yet linked to this forum, newest first."""
    from heard.engagements.models import Engagement

    return (
        Engagement.objects.for_workspace(forum.workspace_id)
        .active()
        .exclude(forum_meetings__forum=forum)
        .order_by(F("starts_on").desc(nulls_last=True), "-pk")
    )


# --- minutes


def published_minutes(workspace: Workspace) -> QuerySet[ForumMinutes]:
    """Published minutes, newest first, for the transparency centre. The recorded (named)
    text is not even loaded: use `redacted_text`."""
    return (
        ForumMinutes.objects.for_workspace(workspace)
        .filter(status=MinutesStatus.PUBLISHED, published_at__isnull=False)
        .filter(forum__archived_at__isnull=True, forum__policy__archived_at__isnull=True)
        .select_related("forum", "forum__policy", "forum__version")
        .defer("recorded_text", "redactions")
        .order_by("-published_at", "-pk")
    )


def minutes_of(forum: PolicyForum) -> ForumMinutes | None:
    """The forum's minutes, or None."""
    return (
        ForumMinutes.objects.for_workspace(forum.workspace_id)
        .filter(forum=forum)
        .select_related("recorded_by", "redacted_by", "approved_by", "published_by")
        .first()
    )


# --- for the transparency centre (public pages: no personal data in what these return)


def published_policies(workspace: Workspace) -> QuerySet[Policy]:
    """Active policies published at least once, by title."""
    return (
        Policy.objects.for_workspace(workspace)
        .active()
        .filter(published_at__isnull=False)
        .order_by(Lower("title"), "pk")
    )


def public_change_log(policy: Policy) -> QuerySet[PolicyVersion]:
    """The policy's published versions, newest first, each with how many inputs it considered
    and how many of those were adopted (fully or partly) or not — "what we heard, what we did"
    as counts, without anyone's name. The newest is the public text, even while a reopened
    draft is being written."""

    def considered(*outcomes) -> Count:
        condition = Q(considered_inputs__merged_into__isnull=True)
        if outcomes:
            condition &= Q(considered_inputs__outcome__in=outcomes)
        return Count("considered_inputs", filter=condition, distinct=True)

    return (
        PolicyVersion.objects.for_workspace(policy.workspace_id)
        .filter(policy=policy, published_at__isnull=False)
        .annotate(
            considered_count=considered(),
            adopted_count=considered("adopted", "partly_adopted"),
            not_adopted_count=considered("not_adopted", "out_of_scope"),
        )
        .defer("reopened_by", "published_by")
        .order_by("-number")
    )
