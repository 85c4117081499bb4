"""The dashboard figures: pure reads from (workspace, period, initiative) to plain dataclasses.

Every figure is one or two SQL aggregates (Count / Sum / Avg with filters, GROUP BY through
`values()`, window functions for per-group medians), never a Python loop over rows, so a
figure costs a constant number of queries at any data size. The disclosure reports import
these functions too: keep them small, documented and free of request or template concerns.

Definitions (docs/dashboards.md says the same for readers outside the code):
- an *input of the period* was received (created) in the period, is not archived and is not
  a merged duplicate; for an initiative, it came from one of the initiative's engagements;
- a *loop* is an input's feedback loop: *closed* once its stakeholder was told (or the
  engagement's "what we heard, what we did" summary was published), *overdue* when still open
  after its due date;
- *days to response* run from when the input was received to when its loop was closed;
- an *engagement of the period* starts (first session not cancelled) in the period;
- a *stakeholder engaged* took part (not declined, not as a company attendee) in an
  engagement dated in the period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Avg,
    CharField,
    Count,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.models import Workspace
from heard.engagements.models import (
    CompensationStatus,
    Engagement,
    HrddStep,
    InvitationState,
    Participation,
    ParticipationRole,
)
from heard.feedback.models import Input, Outcome
from heard.impacts.models import Initiative
from heard.impacts.models.choices import LifecycleStage

# How many bars a "top" chart shows; the rest are one click away on the list it links to.
TOP = 10
# Periods up to this many days are charted per week, longer ones per month.
WEEKLY_UP_TO_DAYS = 92


# --- the period


@dataclass(frozen=True)
class Period:
    """A range of days, both ends included, in the site's time zone."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def last(cls, days: int, today: datetime.date | None = None) -> Period:
        """The `days` days up to and including `today`."""
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        length = datetime.timedelta(days=self.days)
        return Period(self.start - length, self.start - datetime.timedelta(days=1))

    @property
    def start_at(self) -> datetime.datetime:
        """The first instant of the period (aware)."""
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_before(self) -> datetime.datetime:
        """The first instant after the period (aware)."""
        next_day = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))

    @property
    def is_weekly(self) -> bool:
        return self.days <= WEEKLY_UP_TO_DAYS


# --- result types


@dataclass(frozen=True)
class CountRow:
    """One bar: a key for the link, a label and a count (or an amount)."""

    key: object
    label: str
    count: int | float | Decimal


@dataclass(frozen=True)
class AmountRow:
    """Compensation paid in one currency: the sum and how many payments make it."""

    currency: str
    total: Decimal
    payment_count: int


@dataclass(frozen=True)
class LoopFigures:
    """Loop closure of the inputs of a period (or of one team or engagement)."""

    input_count: int
    closed_count: int
    overdue_count: int
    median_days: float | None
    key: object = None
    label: str = ""

    @property
    def open_count(self) -> int:
        return self.input_count - self.closed_count

    @property
    def closed_percent(self) -> float | None:
        return percent(self.closed_count, self.input_count)


@dataclass(frozen=True)
class GlobalMajorityFigures:
    """Global Majority share of the stakeholders engaged and of the inputs of a period."""

    stakeholder_count: int
    stakeholders_known: int
    stakeholders_global_majority: int
    input_count: int
    inputs_known: int
    inputs_global_majority: int

    @property
    def stakeholder_percent(self) -> float | None:
        return percent(self.stakeholders_global_majority, self.stakeholders_known)

    @property
    def input_percent(self) -> float | None:
        return percent(self.inputs_global_majority, self.inputs_known)


@dataclass(frozen=True)
class SurveyFigures:
    """The "did you feel heard" answers of a period: averages (1–5) and the spread."""

    answer_count: int
    felt_heard: float | None
    understood_outcome: float | None
    would_take_part_again: float | None
    felt_heard_spread: tuple[int, ...] = (0, 0, 0, 0, 0)

    @property
    def felt_heard_percent(self) -> float | None:
        """Share answering 4 or 5 to "did you feel heard"."""
        return percent(sum(self.felt_heard_spread[3:]), self.answer_count)


@dataclass(frozen=True)
class FatigueFigures:
    """Who is over-asked around the end of the period (the workspace's fatigue rule)."""

    threshold: int
    window_start: datetime.date
    window_end: datetime.date
    person_count: int
    busiest: list[tuple[int, int]] = field(default_factory=list)  # (stakeholder id, count)


@dataclass(frozen=True)
class Trend:
    """Counts per week or month: bucket start dates and one list per series."""

    buckets: list[datetime.date]
    is_weekly: bool
    inputs: list[int]
    engagements: list[int]
    loops_closed: list[int]


@dataclass(frozen=True)
class Headline:
    """The figures compared with the previous period."""

    loops: LoopFigures
    engagement_count: int
    stakeholder_count: int

    @property
    def input_count(self) -> int:
        return self.loops.input_count

    @property
    def closed_percent(self) -> float | None:
        return self.loops.closed_percent

    @property
    def median_days(self) -> float | None:
        return self.loops.median_days

    @property
    def overdue_count(self) -> int:
        return self.loops.overdue_count


def percent(part: int, whole: int) -> float | None:
    """`part` of `whole` in percent, one decimal; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


# --- base querysets


def period_inputs(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> QuerySet[Input]:
    """The inputs of the period: received in it, active, not merged; an initiative's come from
    its engagements."""
    queryset = (
        Input.objects.for_workspace(workspace)
        .active()
        .filter(
            merged_into__isnull=True,
            created_at__gte=period.start_at,
            created_at__lt=period.end_before,
        )
    )
    if initiative is not None:
        queryset = queryset.filter(engagement__initiative=initiative)
    return queryset.order_by()


def period_engagements(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> QuerySet[Engagement]:
    """The active engagements starting in the period."""
    queryset = (
        Engagement.objects.for_workspace(workspace)
        .active()
        .filter(starts_on__gte=period.start, starts_on__lte=period.end)
    )
    if initiative is not None:
        queryset = queryset.filter(initiative=initiative)
    return queryset.order_by()


def period_participations(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> QuerySet[Participation]:
    """Participations dated in the period that count as engaging someone: not declined, not
    a company attendee, not removed, in an active engagement."""
    queryset = (
        Participation.objects.for_workspace(workspace)
        .filter(
            engaged_on__gte=period.start,
            engaged_on__lte=period.end,
            archived_at__isnull=True,
            engagement__archived_at__isnull=True,
        )
        .exclude(invitation_state=InvitationState.DECLINED)
        .exclude(role=ParticipationRole.COMPANY_ATTENDEE)
    )
    if initiative is not None:
        queryset = queryset.filter(engagement__initiative=initiative)
    return queryset.order_by()


# --- loops


class DaysBetween(Func):
    """Days (with fractions) from the second expression to the first, in each engine's own
    arithmetic: Django's generic datetime difference calls a Python function per row on
    SQLite, many times slower over hundreds of thousands of closed loops."""

    output_field = FloatField()
    arity = 2

    def _compiled(self, compiler):
        end, start = (compiler.compile(e) for e in self.source_expressions)
        return end, start

    def as_sqlite(self, compiler, connection, **extra):
        (end, end_params), (start, start_params) = self._compiled(compiler)
        return f"(julianday({end}) - julianday({start}))", [*end_params, *start_params]

    def as_sql(self, compiler, connection, **extra):
        (end, end_params), (start, start_params) = self._compiled(compiler)
        sql = f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"
        return sql, [*end_params, *start_params]


def _duration():
    return DaysBetween(F("loop_closed_at"), F("created_at"))


def _days(value) -> float | None:
    return None if value is None else float(value)


def median_days(closed: QuerySet[Input], count: int) -> float | None:
    """Median days from receipt to loop closure of `count` closed inputs: one query reading the
    middle one or two durations (ORDER BY duration, LIMIT 2 OFFSET (count-1)/2) — the same
    SQL on SQLite and PostgreSQL, with no row brought into Python but the middle ones."""
    if not count:
        return None
    middle = (count - 1) // 2
    values = list(
        closed.annotate(duration=_duration())
        .order_by("duration")
        .values_list("duration", flat=True)[middle : middle + 2]
    )
    picked = values[:1] if count % 2 else values[:2]
    days = [_days(v) for v in picked]
    return round(sum(days) / len(days), 1)


def loop_figures(
    workspace: Workspace,
    period: Period,
    initiative: Initiative | None = None,
    *,
    today: datetime.date | None = None,
) -> LoopFigures:
    """Inputs of the period, how many loops are closed and overdue today, and the median days
    to response (two queries)."""
    today = today or timezone.localdate()
    inputs = period_inputs(workspace, period, initiative)
    counts = inputs.aggregate(
        total=Count("pk"),
        closed=Count("pk", filter=Q(loop_closed_at__isnull=False)),
        overdue=Count("pk", filter=Q(loop_closed_at__isnull=True, loop_due_on__lt=today)),
    )
    closed = inputs.filter(loop_closed_at__isnull=False)
    return LoopFigures(
        input_count=counts["total"],
        closed_count=counts["closed"],
        overdue_count=counts["overdue"],
        median_days=median_days(closed, counts["closed"]),
    )


def team_expression():
    """The team accountable for an input's loop: its engagement's accountable function, else
    the owning team of the engagement's initiative ('' when neither is recorded)."""
    return Coalesce(
        NullIf(F("engagement__accountable_function"), Value("")),
        NullIf(F("engagement__initiative__owning_team"), Value("")),
        Value(""),
    )


def _group_medians(closed: QuerySet[Input], group: str) -> dict:
    """{group value: median days} in one query: each group's durations numbered in order by a
    window function, and only the middle one or two rows of each group read."""
    ranked = closed.annotate(
        duration=_duration(),
        position=Window(RowNumber(), partition_by=[F(group)], order_by=F("duration").asc()),
        size=Window(Count("pk"), partition_by=[F(group)]),
    ).filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
    found: dict = {}
    for key, duration in ranked.values_list(group, "duration"):
        found.setdefault(key, []).append(_days(duration))
    return {key: round(sum(days) / len(days), 1) for key, days in found.items()}


def _loop_rows(inputs: QuerySet[Input], group: str, today: datetime.date, limit: int | None):
    rows = (
        inputs.values(group)
        .annotate(
            total=Count("pk"),
            closed=Count("pk", filter=Q(loop_closed_at__isnull=False)),
            overdue=Count("pk", filter=Q(loop_closed_at__isnull=True, loop_due_on__lt=today)),
        )
        .order_by("-total", group)
    )
    return list(rows[:limit] if limit else rows)


def loops_by_team(
    workspace: Workspace,
    period: Period,
    initiative: Initiative | None = None,
    *,
    today: datetime.date | None = None,
    limit: int = TOP,
) -> list[LoopFigures]:
    """Loop closure per accountable team (see `team_expression`), the busiest first."""
    today = today or timezone.localdate()
    inputs = period_inputs(workspace, period, initiative).annotate(team=team_expression())
    rows = _loop_rows(inputs, "team", today, limit)
    medians = _group_medians(
        inputs.filter(loop_closed_at__isnull=False, team__in=[r["team"] for r in rows]), "team"
    )
    return [
        LoopFigures(
            r["total"],
            r["closed"],
            r["overdue"],
            medians.get(r["team"]),
            key=r["team"],
            label=r["team"] or str(_("No team recorded")),
        )
        for r in rows
    ]


def loops_by_engagement(
    workspace: Workspace,
    period: Period,
    initiative: Initiative | None = None,
    *,
    today: datetime.date | None = None,
    limit: int = TOP,
) -> list[LoopFigures]:
    """Loop closure of the engagements with most inputs in the period (inputs recorded
    without an engagement are left out)."""
    today = today or timezone.localdate()
    inputs = period_inputs(workspace, period, initiative).filter(engagement__isnull=False)
    rows = _loop_rows(inputs, "engagement_id", today, limit)
    ids = [r["engagement_id"] for r in rows]
    medians = _group_medians(
        inputs.filter(loop_closed_at__isnull=False, engagement_id__in=ids), "engagement_id"
    )
    titles = dict(
        Engagement.objects.for_workspace(workspace).filter(pk__in=ids).values_list("pk", "title")
    )
    return [
        LoopFigures(
            r["total"],
            r["closed"],
            r["overdue"],
            medians.get(r["engagement_id"]),
            key=r["engagement_id"],
            label=titles.get(r["engagement_id"], ""),
        )
        for r in rows
    ]


# --- engagements


def engagements_by_hrdd_step(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> list[CountRow]:
    """Engagements of the period per HRDD step (every active step, in the workspace's order;
    an engagement serving two steps counts in both)."""
    condition = Q(
        engagements__starts_on__gte=period.start,
        engagements__starts_on__lte=period.end,
        engagements__archived_at__isnull=True,
    )
    if initiative is not None:
        condition &= Q(engagements__initiative=initiative)
    steps = (
        HrddStep.objects.for_workspace(workspace)
        .active()
        .annotate(n=Count("engagements", filter=condition, distinct=True))
        .order_by("position", "name")
    )
    return [CountRow(step.pk, str(step), step.n) for step in steps]


def engagements_by_stage(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> list[CountRow]:
    """Engagements of the period per product-lifecycle stage, every stage listed, then those
    with no stage recorded."""
    counts = dict(
        period_engagements(workspace, period, initiative)
        .values_list("lifecycle_stage")
        .annotate(n=Count("pk"))
    )
    rows = [CountRow(value, str(label), counts.get(value, 0)) for value, label in _stages()]
    if counts.get(""):
        rows.append(CountRow("", str(_("No stage recorded")), counts[""]))
    return rows


def _stages():
    return LifecycleStage.choices


def engagement_count(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> int:
    """How many active engagements start in the period."""
    return period_engagements(workspace, period, initiative).count()


# --- who is engaged


def global_majority(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> GlobalMajorityFigures:
    """Global Majority share of the distinct stakeholders engaged (of those with a known
    country) and of the inputs given by a known stakeholder (two queries)."""
    people = period_participations(workspace, period, initiative).aggregate(
        total=Count("stakeholder_id", distinct=True),
        known=Count(
            "stakeholder_id",
            distinct=True,
            filter=Q(stakeholder__is_global_majority__isnull=False),
        ),
        gm=Count("stakeholder_id", distinct=True, filter=Q(stakeholder__is_global_majority=True)),
    )
    inputs = period_inputs(workspace, period, initiative).aggregate(
        total=Count("pk"),
        known=Count("pk", filter=Q(stakeholder__is_global_majority__isnull=False)),
        gm=Count("pk", filter=Q(stakeholder__is_global_majority=True)),
    )
    return GlobalMajorityFigures(
        people["total"],
        people["known"],
        people["gm"],
        inputs["total"],
        inputs["known"],
        inputs["gm"],
    )


def fatigue(
    workspace: Workspace,
    period: Period,
    *,
    limit: int = TOP,
) -> FatigueFigures:
    """Who is over-asked: the workspace's fatigue check (heard.engagements.checks.fatigue)
    around the end of the period — everyone in at least the threshold of engagements within
    the fatigue window either side — as (stakeholder id, count), the busiest `limit` first
    (two queries; `fatigued_people` fetches the people)."""
    from heard.engagements.checks.fatigue import fatigued_stakeholders

    start, end, rows = fatigued_stakeholders(workspace, reference=period.end)
    top = [(r["stakeholder_id"], r["n"]) for r in rows[:limit]]
    person_count = rows.count() if len(top) == limit else len(top)
    return FatigueFigures(workspace.fatigue_threshold, start, end, person_count, top)


def fatigued_people(workspace: Workspace, figures: FatigueFigures) -> list[tuple[object, int]]:
    """(Stakeholder, count) for `figures.busiest`, in order (one query). Show each with
    `display_name_for(membership)`: high-risk people are pseudonymised for most roles."""
    from heard.engagements.checks.fatigue import PERSON_FIELDS
    from heard.stakeholders.models import Stakeholder

    people = (
        Stakeholder.objects.for_workspace(workspace)
        .select_related("organisation")
        .only(*PERSON_FIELDS, "has_standing_agreement", "is_compensation_eligible")
        .in_bulk([pk for pk, _n in figures.busiest])
    )
    return [(people[pk], n) for pk, n in figures.busiest if pk in people]


def compensation_by_currency(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> list[AmountRow]:
    """Compensation paid to participants of the period's engagements, summed per currency
    (amounts in different currencies are never added together)."""
    rows = (
        period_participations(workspace, period, initiative)
        .filter(compensation_status=CompensationStatus.PAID, compensation_amount__isnull=False)
        .values("compensation_currency")
        .annotate(total=Sum("compensation_amount"), n=Count("pk"))
        .order_by("compensation_currency")
    )
    return [
        AmountRow(r["compensation_currency"] or "—", r["total"] or Decimal(0), r["n"]) for r in rows
    ]


# --- what was said and done


def decision_outcomes(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> list[CountRow]:
    """Inputs of the period per current decision outcome, every outcome listed, then those
    not decided yet (key "none", as the input list's filter)."""
    counts = dict(
        period_inputs(workspace, period, initiative).values_list("outcome").annotate(n=Count("pk"))
    )
    rows = [CountRow(value, str(label), counts.get(value, 0)) for value, label in Outcome.choices]
    rows.append(CountRow("none", str(_("Not decided yet")), counts.get("", 0)))
    return rows


def _impact_links(workspace, period, initiative):
    through = Input.impacts.through
    return through.objects.filter(
        input_id__in=period_inputs(workspace, period, initiative).values("pk")
    ).order_by()


def inputs_by_right(
    workspace: Workspace, period: Period, initiative: Initiative | None = None, *, limit=TOP
) -> list[CountRow]:
    """Inputs of the period per right affected by the impacts they are linked to (an input
    counts once per right), most first."""
    from heard.impacts.rights import right_label

    rows = (
        _impact_links(workspace, period, initiative)
        .filter(impact__right_links__code__isnull=False)
        .values("impact__right_links__code")
        .annotate(n=Count("input_id", distinct=True))
        .order_by("-n", "impact__right_links__code")[:limit]
    )
    return [
        CountRow(
            r["impact__right_links__code"], right_label(r["impact__right_links__code"]), r["n"]
        )
        for r in rows
    ]


def inputs_by_impact(
    workspace: Workspace, period: Period, initiative: Initiative | None = None, *, limit=TOP
) -> list[CountRow]:
    """Inputs of the period per linked impact, most first."""
    rows = (
        _impact_links(workspace, period, initiative)
        .filter(impact__archived_at__isnull=True)
        .values("impact_id", "impact__title")
        .annotate(n=Count("input_id"))
        .order_by("-n", "impact__title")[:limit]
    )
    return [CountRow(r["impact_id"], r["impact__title"], r["n"]) for r in rows]


def inputs_by_theme(
    workspace: Workspace, period: Period, initiative: Initiative | None = None, *, limit=TOP
) -> list[CountRow]:
    """Inputs of the period per theme (heard.insights.themes), most first; empty until themes
    have been found."""
    from heard.insights.themes.models import Theme, ThemeMembership

    rows = list(
        ThemeMembership.objects.filter(
            workspace=workspace,
            input_id__in=period_inputs(workspace, period, initiative).values("pk"),
        )
        .values("theme_id", "theme__name", "theme__top_terms")
        .annotate(n=Count("input_id"))
        .order_by("-n", "theme_id")[:limit]
    )
    labels = {
        r["theme_id"]: Theme(name=r["theme__name"], top_terms=r["theme__top_terms"] or []).label
        for r in rows
    }
    return [CountRow(r["theme_id"], labels[r["theme_id"]], r["n"]) for r in rows]


def survey_results(
    workspace: Workspace, period: Period, initiative: Initiative | None = None
) -> SurveyFigures:
    """The portal's "did you feel heard" answers given in the period: averages of the three
    questions (1–5) and how many answered 1, 2, 3, 4 and 5 to the first (one query)."""
    from heard.portal.models import SurveyAnswer

    answers = SurveyAnswer.objects.for_workspace(workspace).filter(
        created_at__gte=period.start_at, created_at__lt=period.end_before
    )
    if initiative is not None:
        answers = answers.filter(engagement__initiative=initiative)
    found = answers.order_by().aggregate(
        n=Count("pk"),
        felt=Avg("felt_heard"),
        understood=Avg("understood_outcome"),
        again=Avg("would_take_part_again"),
        **{f"s{score}": Count("pk", filter=Q(felt_heard=score)) for score in range(1, 6)},
    )

    def avg(value):
        return round(float(value), 1) if value is not None else None

    return SurveyFigures(
        found["n"],
        avg(found["felt"]),
        avg(found["understood"]),
        avg(found["again"]),
        tuple(found[f"s{score}"] for score in range(1, 6)),
    )


# --- over time


def buckets(period: Period) -> list[datetime.date]:
    """The first day of each week (Monday) or month the period touches."""
    if period.is_weekly:
        first = period.start - datetime.timedelta(days=period.start.weekday())
        step = datetime.timedelta(days=7)
        found, day = [], first
        while day <= period.end:
            found.append(day)
            day += step
        return found
    found, day = [], period.start.replace(day=1)
    while day <= period.end:
        found.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return found


def _bucket_expression(column: str, period: Period):
    """The week's Monday or the month's first day of `column`. On SQLite (in UTC, the site's
    time zone) with the engine's own date functions: Django's Trunc calls Python per row."""
    if connection.vendor == "sqlite" and timezone.get_current_timezone_name() == "UTC":
        # '%%%%' survives both Func's %-formatting and the SQLite cursor's: strftime sees '%'.
        template = (
            "date(%(expressions)s, 'weekday 0', '-6 days')"
            if period.is_weekly
            else "strftime('%%%%Y-%%%%m-01', %(expressions)s)"
        )
        return Func(F(column), template=template, output_field=CharField())
    return (TruncWeek if period.is_weekly else TruncMonth)(column)


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


def _per_bucket(queryset: QuerySet, column: str, period: Period, keys) -> list[int]:
    rows = (
        queryset.annotate(bucket=_bucket_expression(column, period))
        .values("bucket")
        .annotate(n=Count("pk"))
        .values_list("bucket", "n")
        .order_by()
    )
    counts: dict = {}
    for bucket, n in rows:
        day = _as_date(bucket)
        counts[day] = counts.get(day, 0) + n
    return [counts.get(key, 0) for key in keys]


def trends(workspace: Workspace, period: Period, initiative: Initiative | None = None) -> Trend:
    """Inputs received, engagements started and loops closed per week (periods up to
    WEEKLY_UP_TO_DAYS) or per month (three grouped queries)."""
    keys = buckets(period)
    inputs = period_inputs(workspace, period, initiative)
    closed = (
        Input.objects.for_workspace(workspace)
        .active()
        .filter(
            merged_into__isnull=True,
            loop_closed_at__gte=period.start_at,
            loop_closed_at__lt=period.end_before,
        )
        .order_by()
    )
    if initiative is not None:
        closed = closed.filter(engagement__initiative=initiative)
    return Trend(
        buckets=keys,
        is_weekly=period.is_weekly,
        inputs=_per_bucket(inputs, "created_at", period, keys),
        engagements=_per_bucket(
            period_engagements(workspace, period, initiative), "starts_on", period, keys
        ),
        loops_closed=_per_bucket(closed, "loop_closed_at", period, keys),
    )


def headline(
    workspace: Workspace,
    period: Period,
    initiative: Initiative | None = None,
    *,
    today: datetime.date | None = None,
) -> Headline:
    """The figures the dashboard compares with the previous period (five queries)."""
    loops = loop_figures(workspace, period, initiative, today=today)
    people = period_participations(workspace, period, initiative).aggregate(
        n=Count("stakeholder_id", distinct=True)
    )
    return Headline(
        loops=loops,
        engagement_count=engagement_count(workspace, period, initiative),
        stakeholder_count=people["n"],
    )
