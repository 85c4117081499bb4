"""Reads of the feedback loop shared by pages, exports, the to-do list, tasks and the CLI."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from heard.core.models import Membership, Workspace
from heard.core.search import full_text_filter
from heard.engagements.models import Engagement, Participation, ParticipationRole
from heard.feedback.attribution import visible_attribution_q
from heard.feedback.filters import (
    COMMITMENT_SORTS,
    INPUT_SORTS,
    UNDECIDED,
    CommitmentFilterForm,
    InputFilterForm,
)
from heard.feedback.models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Decision,
    EngagementSummary,
    Input,
    InputConflict,
    LoopState,
    Response,
)

NULLABLE_SORT_COLUMNS = {"loop_due_on", "due_on"}


@dataclass
class FilteredList:
    """A filtered, sorted queryset, the form that made it and notes on ignored values."""

    queryset: QuerySet
    form: object
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def _ordering(sorts: dict, value: str | None, default: str) -> list:
    key = value or default
    descending = key.startswith("-")
    ordering = []
    for column in sorts[key.lstrip("-")]:
        nulls = {"nulls_last": True} if column in NULLABLE_SORT_COLUMNS else {}
        expression = F(column)
        ordering.append(expression.desc(**nulls) if descending else expression.asc(**nulls))
    return ordering


# --- inputs


def inputs(workspace: Workspace) -> QuerySet[Input]:
    """The workspace's inputs ready for a list or export: source and engagement joined."""
    return Input.objects.for_workspace(workspace).select_related(
        "engagement", "session", "stakeholder", "organisation", "recorded_by"
    )


def open_loops(workspace: Workspace) -> QuerySet[Input]:
    """Inputs whose stakeholder has not been told yet (active, not merged)."""
    return (
        Input.objects.for_workspace(workspace)
        .active()
        .filter(merged_into__isnull=True, loop_closed_at__isnull=True)
    )


def _loop_filter(queryset: QuerySet, state: str, today: datetime.date) -> QuerySet:
    if state == LoopState.CLOSED:
        return queryset.filter(loop_closed_at__isnull=False)
    queryset = queryset.filter(loop_closed_at__isnull=True)
    if state == LoopState.OVERDUE:
        return queryset.filter(loop_due_on__lt=today)
    return queryset


# The engagement, impact and initiative filters list a bounded number of choices (and the one
# chosen): a select of every engagement or impact would weigh more than the page at tens of
# thousands of them (2,000 impacts made the input list 290 KB).
FILTER_CHOICES = 200


def bounded_choices(queryset, ordering: tuple[str, ...], label: str, chosen=None) -> list:
    """(id, label) of the first FILTER_CHOICES rows of `queryset` in `ordering`, plus the row
    `chosen` (an id from the query string) when it is further down."""
    rows = list(queryset.order_by(*ordering).values_list("pk", label)[:FILTER_CHOICES])
    if str(chosen or "").isdigit() and int(chosen) not in {pk for pk, _label in rows}:
        rows += list(queryset.filter(pk=int(chosen)).values_list("pk", label))
    return rows


def engagement_choices(workspace: Workspace, chosen=None) -> list[tuple[int, str]]:
    """(id, title) of the latest engagements, plus `chosen` if it is older."""
    engagements = Engagement.objects.for_workspace(workspace).active()
    return bounded_choices(engagements, ("-starts_on", "-pk"), "title", chosen)


def _by_label(rows: list) -> list:
    return sorted(rows, key=lambda row: (str(row[1]).lower(), row[0]))


def input_filter_form(workspace: Workspace, params) -> InputFilterForm:
    """The list filter form with the workspace's engagements, impacts, initiatives, topics:
    the latest engagements, the most salient impacts and the latest initiatives."""
    from heard.impacts.models import Impact, Initiative
    from heard.stakeholders.models import Topic

    impacts = Impact.objects.for_workspace(workspace).active()
    initiatives = Initiative.objects.for_workspace(workspace).active()
    return InputFilterForm(
        params,
        engagements=engagement_choices(workspace, params.get("engagement")),
        impacts=_by_label(
            bounded_choices(
                impacts, ("-salience", "-severity", "pk"), "title", params.get("impact")
            )
        ),
        initiatives=_by_label(
            bounded_choices(initiatives, ("-pk",), "name", params.get("initiative"))
        ),
        topics=Topic.objects.for_workspace(workspace).order_by("name").values_list("pk", "name"),
    )


def input_list(
    workspace: Workspace, membership: Membership | None, params, *, today=None
) -> FilteredList:
    """Inputs filtered by `params` and sorted. Filtering by stakeholder only ever matches
    inputs whose source `membership` may see (see heard.feedback.attribution)."""
    form = input_filter_form(workspace, params)
    values = form.values()
    queryset = inputs(workspace)
    show = values.get("show")
    if show == "archived":
        queryset = queryset.archived().filter(merged_into__isnull=True)
    elif show == "merged":
        queryset = queryset.filter(merged_into__isnull=False)
    elif show != "all":
        queryset = queryset.active().filter(merged_into__isnull=True)
    exact = {"kind": "kind", "engagement": "engagement_id", "source": "source"}
    queryset = queryset.filter(**{f: values[k] for k, f in exact.items() if k in values})
    if "language" in values:
        queryset = queryset.filter(language=values["language"])
    if outcome := values.get("outcome"):
        queryset = queryset.filter(outcome="" if outcome == UNDECIDED else outcome)
    if state := values.get("loop"):
        queryset = _loop_filter(queryset, state, today or timezone.localdate())
    if "stakeholder" in values:
        queryset = queryset.filter(visible_attribution_q(membership)).filter(
            stakeholder_id=values["stakeholder"]
        )
    for name, through, column in (
        ("impact", Input.impacts.through, "impact_id"),
        ("initiative", Input.initiatives.through, "initiative_id"),
        ("topic", Input.topics.through, "topic_id"),
    ):
        if name in values:
            queryset = queryset.filter(
                pk__in=through.objects.filter(**{column: values[name]}).values("input_id")
            )
    queryset = _drill_down_filter(queryset, values, membership)
    if q := values.get("q"):
        queryset = full_text_filter(queryset, q)
    queryset = queryset.order_by(*_ordering(INPUT_SORTS, values.get("sort"), "-created"))
    return FilteredList(queryset, form, form.notes(), values)


def _drill_down_filter(queryset: QuerySet, values: dict, membership) -> QuerySet:
    """The filters the dashboards link with: received dates (the site's time zone), the
    accountable team (the engagement's function, else its initiative's owning team), the
    initiative of the engagement, a right of a linked impact, and Global Majority (only over
    inputs whose source `membership` may see, as the stakeholder filter)."""
    from heard.impacts.models import Impact

    if day := values.get("received_from"):
        queryset = queryset.filter(created_at__gte=_start_of(day))
    if day := values.get("received_until"):
        queryset = queryset.filter(created_at__lt=_start_of(day + datetime.timedelta(days=1)))
    if team := values.get("team"):
        queryset = queryset.filter(
            Q(engagement__accountable_function=team)
            | Q(engagement__accountable_function="", engagement__initiative__owning_team=team)
        )
    if "from_initiative" in values:
        queryset = queryset.filter(engagement__initiative_id=values["from_initiative"])
    if right := values.get("right"):
        impacts = Impact.objects.filter(right_links__code=right).values("pk")
        queryset = queryset.filter(
            pk__in=Input.impacts.through.objects.filter(impact_id__in=impacts).values("input_id")
        )
    if gm := values.get("global_majority"):
        queryset = queryset.filter(visible_attribution_q(membership))
        if gm == "unknown":
            queryset = queryset.filter(stakeholder__is_global_majority__isnull=True)
        else:
            queryset = queryset.filter(stakeholder__is_global_majority=gm == "yes")
    return queryset


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def input_detail(workspace: Workspace) -> QuerySet[Input]:
    """Inputs for a detail page: links, decisions (newest first), responses, commitments."""
    from heard.impacts.models import Impact, Initiative
    from heard.stakeholders.models import Topic

    return inputs(workspace).prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("decided_by").order_by("-version"),
        ),
        Prefetch("impacts", queryset=Impact.objects.order_by("title")),
        Prefetch("initiatives", queryset=Initiative.objects.order_by("name")),
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        Prefetch("responses", queryset=Response.objects.order_by("-sent_at")),
        Prefetch("commitments", queryset=Commitment.objects.order_by("due_on")),
        Prefetch("merged_from", queryset=Input.objects.order_by("pk")),
    )


def conflicts_of(input: Input) -> list[tuple[InputConflict, Input]]:
    """The inputs linked to `input` as conflicting, with the link: (conflict, other input)."""
    rows = (
        InputConflict.objects.for_workspace(input.workspace_id)
        .filter(Q(first=input) | Q(second=input))
        .select_related(
            "first__engagement",
            "first__stakeholder",
            "first__organisation",
            "second__engagement",
            "second__stakeholder",
            "second__organisation",
        )
        .order_by("-created_at")
    )
    return [(c, c.second if c.first_id == input.pk else c.first) for c in rows]


def decision_history(input: Input) -> QuerySet[Decision]:
    """Every version of the decision on `input`, newest first."""
    return (
        Decision.objects.for_workspace(input.workspace_id)
        .filter(input=input)
        .select_related("decided_by")
        .order_by("-version")
    )


# --- entry and engagements


def entry_participants(engagement: Engagement) -> list[Participation]:
    """Who may have spoken at the engagement (participants and observers), for the quick
    picker of the entry page."""
    return list(
        Participation.objects.for_workspace(engagement.workspace_id)
        .filter(engagement=engagement, archived_at__isnull=True)
        .exclude(role__in=[ParticipationRole.FACILITATOR, ParticipationRole.COMPANY_ATTENDEE])
        .select_related("stakeholder", "stakeholder__organisation")
        .order_by("stakeholder__name", "pk")
    )


def engagement_inputs(engagement: Engagement) -> QuerySet[Input]:
    """An engagement's inputs, newest first (active, not merged)."""
    return (
        Input.objects.for_workspace(engagement.workspace_id)
        .active()
        .filter(engagement=engagement, merged_into__isnull=True)
        .select_related("engagement", "session", "stakeholder", "organisation")
        .order_by("-created_at", "-pk")
    )


def engagement_inputs_with_decisions(engagement: Engagement) -> QuerySet[Input]:
    """An engagement's inputs with their current decision as `current_decisions`."""
    return engagement_inputs(engagement).prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.filter(is_current=True),
            to_attr="current_decisions",
        )
    )


def engagement_loop_counts(engagement: Engagement, today=None) -> dict[str, int]:
    """How many of the engagement's inputs there are, decided, closed and overdue."""
    today = today or timezone.localdate()
    return (
        engagement_inputs(engagement)
        .order_by()
        .aggregate(
            total=Count("pk"),
            decided=Count("pk", filter=~Q(outcome="")),
            closed=Count("pk", filter=Q(loop_closed_at__isnull=False)),
            overdue=Count("pk", filter=Q(loop_closed_at__isnull=True, loop_due_on__lt=today)),
        )
    )


def summary_for(engagement: Engagement) -> EngagementSummary | None:
    """The engagement's "what we heard, what we did" summary, if any."""
    return (
        EngagementSummary.objects.for_workspace(engagement.workspace_id)
        .filter(engagement=engagement)
        .first()
    )


def draft_summary(engagement: Engagement) -> tuple[str, str]:
    """A first draft of "what we heard" and "what we did" from the inputs and decisions,
    with no attribution (it goes to every participant)."""
    inputs = list(engagement_inputs_with_decisions(engagement))
    heard = [f"- {i.get_kind_display()}: {i.text}" for i in reversed(inputs)]
    did = []
    for i in reversed(inputs):
        if i.current_decisions:
            d = i.current_decisions[0]
            line = f"- {d.get_outcome_display()}: {i.text[:120]}"
            if d.rationale:
                line += f" — {d.rationale}"
            did.append(line)
    return "\n".join(heard), "\n".join(did)


def respondents(engagement: Engagement) -> list[dict]:
    """Per stakeholder with inputs from the engagement: counts of inputs, decided and open,
    and when they were last told — the response page's table."""
    rows = (
        engagement_inputs(engagement)
        .filter(stakeholder__isnull=False, is_anonymous=False)
        .order_by()
        .values("stakeholder_id")
        .annotate(
            total=Count("pk"),
            decided=Count("pk", filter=~Q(outcome="")),
            open=Count("pk", filter=Q(loop_closed_at__isnull=True)),
        )
    )
    return list(rows)


# --- the to-do list of overdue loops


def loop_owner_q(user) -> Q:
    """Inputs whose loop `user` owns: the engagement lead's, else whoever recorded it."""
    return Q(engagement__owner=user) | (
        (Q(engagement__isnull=True) | Q(engagement__owner__isnull=True)) & Q(recorded_by=user)
    )


def overdue_loops(workspace: Workspace, *, owner=None, today=None) -> QuerySet[Input]:
    """Open loops past their due date, oldest due first; only `owner`'s when given."""
    today = today or timezone.localdate()
    queryset = open_loops(workspace).filter(loop_due_on__lt=today)
    if owner is not None:
        queryset = queryset.filter(loop_owner_q(owner))
    return queryset.select_related("engagement").order_by("loop_due_on", "pk")


def _grouped(queryset: QuerySet[Input]) -> list[dict]:
    return list(
        queryset.order_by()
        .values("engagement_id")
        .annotate(count=Count("pk"), due=Min("loop_due_on"))
    )


# Above this many led engagements the to-do reads the oldest overdue loops in due order
# instead of grouping every one of them; totals are then capped ("1,000+").
MANY_ENGAGEMENTS = 300
SCAN_ROWS = 500
COUNT_CAP = 1000


def _overdue_of_engagements(engagement_ids: list[int], today) -> QuerySet[Input]:
    """Open overdue loops of these engagements. The ids come from a workspace-scoped read;
    leaving the workspace out of this filter lets SQLite pick the per-engagement partial
    index instead of scanning the workspace's open loops."""
    return Input.objects.filter(
        engagement_id__in=engagement_ids,
        loop_closed_at__isnull=True,
        merged_into__isnull=True,
        archived_at__isnull=True,
        loop_due_on__lt=today,
    )


def overdue_groups(workspace: Workspace, owner, *, today=None, shown: int = 8) -> dict:
    """`owner`'s overdue loops for the to-do: {"groups": the `shown` engagements with the
    oldest overdue loops (engagement_id, count, due), "total": how many (capped at
    COUNT_CAP when "is_capped")}. Each read is served by a partial index on open loops, so
    the cost follows what is shown, not how many loops the workspace or the owner has."""
    today = today or timezone.localdate()
    overdue = open_loops(workspace).filter(loop_due_on__lt=today)
    led = list(
        Engagement.objects.for_workspace(workspace)
        .filter(owner=owner)
        .order_by()
        .values_list("pk", flat=True)[: MANY_ENGAGEMENTS + 1]
    )
    recorded = overdue.filter(recorded_by=owner).filter(
        Q(engagement__isnull=True) | Q(engagement__owner__isnull=True)
    )
    if len(led) <= MANY_ENGAGEMENTS:
        groups = _grouped(_overdue_of_engagements(led, today)) + _grouped(recorded)
        groups.sort(key=lambda g: (g["due"], g["engagement_id"] or 0))
        return {
            "groups": groups[:shown],
            "total": sum(g["count"] for g in groups),
            "is_capped": False,
        }
    mine = overdue.filter(loop_owner_q(owner))
    chosen: list = []
    for engagement_id in mine.order_by("loop_due_on", "pk").values_list("engagement_id", flat=True)[
        :SCAN_ROWS
    ]:
        if engagement_id not in chosen:
            chosen.append(engagement_id)
            if len(chosen) == shown:
                break
    ids = [pk for pk in chosen if pk is not None]
    groups = _grouped(_overdue_of_engagements(ids, today)) if ids else []
    if None in chosen:
        groups += _grouped(recorded.filter(engagement__isnull=True))
    groups.sort(key=lambda g: (g["due"], g["engagement_id"] or 0))
    total = mine.order_by()[: COUNT_CAP + 1].count()
    return {"groups": groups, "total": min(total, COUNT_CAP), "is_capped": total > COUNT_CAP}


def with_titles(workspace: Workspace, groups: list[dict]) -> list[dict]:
    """The groups with `engagement__title` filled in (one query)."""
    titles = dict(
        Engagement.objects.for_workspace(workspace)
        .filter(pk__in=[g["engagement_id"] for g in groups if g["engagement_id"]])
        .values_list("pk", "title")
    )
    return [{**g, "engagement__title": titles.get(g["engagement_id"], "")} for g in groups]


def overdue_by_engagement(queryset: QuerySet[Input]) -> list[dict]:
    """Overdue inputs grouped by engagement: id, title, count, oldest due date."""
    return list(
        queryset.order_by()
        .values("engagement_id", "engagement__title")
        .annotate(count=Count("pk"), due=Min("loop_due_on"))
        .order_by("due", "engagement_id")
    )


# --- commitments


def commitments(workspace: Workspace) -> QuerySet[Commitment]:
    """The workspace's commitments ready for a list: owner joined, linked inputs counted."""
    return (
        Commitment.objects.for_workspace(workspace)
        .select_related("owner")
        .annotate(input_count=Count("inputs", distinct=True))
    )


def commitment_list(workspace: Workspace, params, *, today=None) -> FilteredList:
    """Commitments filtered by `params` and sorted (by due date by default)."""
    from heard.stakeholders.queries import member_choices

    form = CommitmentFilterForm(params, owners=member_choices(workspace))
    values = form.values()
    queryset = commitments(workspace)
    show = values.get("show")
    if show == "archived":
        queryset = queryset.archived()
    elif show != "all":
        queryset = queryset.active()
    if "status" in values:
        queryset = queryset.filter(status=values["status"])
    if "owner" in values:
        queryset = queryset.filter(owner_id=values["owner"])
    if values.get("overdue"):
        queryset = queryset.filter(
            due_on__lt=today or timezone.localdate(),
            status__in=[CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS],
        )
    if q := values.get("q"):
        queryset = queryset.filter(Q(title__icontains=q) | Q(description__icontains=q))
    queryset = queryset.order_by(*_ordering(COMMITMENT_SORTS, values.get("sort"), "due"))
    return FilteredList(queryset, form, form.notes(), values)


def commitment_detail(workspace: Workspace) -> QuerySet[Commitment]:
    """Commitments for a detail page: updates, inputs and decisions fetched in constant
    queries."""
    return (
        Commitment.objects.for_workspace(workspace)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=CommitmentUpdate.objects.select_related("recorded_by").order_by(
                    "-created_at", "-pk"
                ),
            ),
            Prefetch(
                "inputs",
                queryset=Input.objects.select_related(
                    "engagement", "stakeholder", "organisation"
                ).order_by("-created_at"),
            ),
            Prefetch("decisions", queryset=Decision.objects.select_related("input")),
        )
    )


# --- a stakeholder's inputs


def inputs_of_stakeholder(workspace: Workspace, stakeholder, membership) -> QuerySet[Input]:
    """A stakeholder's inputs that `membership` may see attributed to them."""
    return (
        inputs(workspace)
        .filter(stakeholder=stakeholder, merged_into__isnull=True)
        .filter(visible_attribution_q(membership))
        .order_by("-created_at", "-pk")
    )


# --- form choices and service arguments shared by the pages and the API


def session_choices(engagement: Engagement) -> list[tuple[int, str]]:
    """(id, label) of the engagement's sessions that were not cancelled."""
    from heard.engagements.models import Session

    sessions = Session.objects.for_workspace(engagement.workspace_id).filter(
        engagement=engagement, cancelled_at__isnull=True
    )
    return [(s.pk, s.label or s.local_starts_at.strftime("%Y-%m-%d %H:%M")) for s in sessions]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# Without an engagement to narrow it, the stakeholder select lists the whole registry only
# while it is small; larger registries start from a stakeholder's page instead.
SMALL_REGISTRY = 300


def input_form_choices(workspace: Workspace, membership, data, current: Input | None) -> dict:
    """The choices of the full input form (heard.feedback.forms.InputForm): every id it
    accepts belongs to `workspace`; `data` (posted or initial) keeps its chosen rows in."""
    from heard.engagements.models import Engagement as EngagementModel
    from heard.impacts.models import Impact, Initiative
    from heard.stakeholders.models import Organisation, Stakeholder, Topic

    pk = _int(data.get("engagement"))
    engagement = (
        EngagementModel.objects.for_workspace(workspace).filter(pk=pk).first() if pk else None
    )
    people = Stakeholder.objects.for_workspace(workspace).active()
    wanted = {_int(data.get("stakeholder"))} | {current.stakeholder_id if current else None}
    if engagement is not None:
        people = people.filter(participations__engagement=engagement) | people.filter(
            pk__in=[p for p in wanted if p]
        )
    elif people.count() > SMALL_REGISTRY:
        people = people.filter(pk__in=[p for p in wanted if p])
    people = list(people.select_related("organisation").distinct().order_by("name")[:1000])
    org_ids = {p.organisation_id for p in people if p.organisation_id}
    org_ids |= {_int(data.get("organisation")), current.organisation_id if current else None}
    return {
        "engagement": EngagementModel.objects.for_workspace(workspace)
        .active()
        .order_by("-starts_on", "title")
        .values_list("pk", "title"),
        "session": session_choices(engagement) if engagement else [],
        "stakeholder": [(p.pk, p.display_name_for(membership)) for p in people],
        "organisation": Organisation.objects.for_workspace(workspace)
        .filter(pk__in=[o for o in org_ids if o])
        .order_by("name")
        .values_list("pk", "name"),
        "impacts": Impact.objects.for_workspace(workspace)
        .active()
        .order_by("title")
        .values_list("pk", "title"),
        "initiatives": Initiative.objects.for_workspace(workspace)
        .active()
        .order_by("name")
        .values_list("pk", "name"),
        "topics": Topic.objects.for_workspace(workspace).order_by("name").values_list("pk", "name"),
    }


def input_service_fields(workspace: Workspace, data: dict) -> dict:
    """Cleaned InputForm data as arguments of record_input/update_input (ids turned into
    rows of `workspace`)."""
    from heard.engagements.models import Engagement as EngagementModel
    from heard.engagements.models import Session
    from heard.impacts.models import Impact, Initiative
    from heard.stakeholders.models import Organisation, Stakeholder, Topic

    def one(model, pk):
        return model.objects.for_workspace(workspace).filter(pk=pk).first() if pk else None

    return {
        "text": data["text"],
        "kind": data["kind"],
        "engagement": one(EngagementModel, data.get("engagement")),
        "session": one(Session, data.get("session")),
        "stakeholder": one(Stakeholder, data.get("stakeholder")),
        "organisation": one(Organisation, data.get("organisation")),
        "is_anonymous": data.get("is_anonymous", False),
        "source": data["source"],
        "language": data.get("language", ""),
        "impacts": list(Impact.objects.for_workspace(workspace).filter(pk__in=data["impacts"])),
        "initiatives": list(
            Initiative.objects.for_workspace(workspace).filter(pk__in=data["initiatives"])
        ),
        "topics": list(Topic.objects.for_workspace(workspace).filter(pk__in=data["topics"])),
    }


def input_initial(row: Input) -> dict:
    """An input's current values as InputForm data (the edit page's initial data)."""
    return {
        "text": row.text,
        "kind": row.kind,
        "engagement": row.engagement_id,
        "session": row.session_id,
        "stakeholder": row.stakeholder_id,
        "organisation": row.organisation_id,
        "is_anonymous": row.is_anonymous,
        "source": row.source,
        "language": row.language,
        "impacts": list(row.impacts.values_list("pk", flat=True)),
        "initiatives": list(row.initiatives.values_list("pk", flat=True)),
        "topics": list(row.topics.values_list("pk", flat=True)),
    }


def commitment_service_fields(workspace: Workspace, data: dict) -> dict:
    """Cleaned CommitmentForm data as arguments of create/update_commitment: input numbers
    and the owner resolved within `workspace` (an unknown number is a DomainError)."""
    from django.utils.translation import gettext as _

    from heard.core.errors import DomainError
    from heard.core.models import User

    data = dict(data)
    ids = data.pop("inputs")
    linked = list(Input.objects.for_workspace(workspace).filter(pk__in=ids))
    missing = set(ids) - {i.pk for i in linked}
    if missing:
        raise DomainError(
            _("There is no input numbered %(n)s.") % {"n": ", ".join(map(str, sorted(missing)))},
            field="inputs",
        )
    owner = data.pop("owner")
    data["owner"] = (
        User.objects.filter(pk=owner, memberships__workspace=workspace).first() if owner else None
    )
    data["inputs"] = linked
    data["decisions"] = list(
        Decision.objects.for_workspace(workspace).filter(input__in=linked, is_current=True)
    )
    return data


def commitment_initial(c: Commitment) -> dict:
    """A commitment's current values as CommitmentForm data (the edit page's initial data)."""
    return {
        "title": c.title,
        "description": c.description,
        "owner": c.owner_id,
        "due_on": c.due_on,
        "status": c.status,
        "progress": c.progress,
        "evidence": c.evidence,
        "is_public": c.is_public,
        "inputs": ", ".join(str(pk) for pk in c.inputs.values_list("pk", flat=True)),
    }
