"""The figures of a disclosure report: each one SQL aggregate over the workspace's records.

Nothing here loops over rows in Python: a year of a large workspace is hundreds of thousands of
inputs, and the report must be ready in under a minute. Loops run over groups (a handful of
formats, steps, impacts), never over records.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from heard.concerns.models import Concern, ConcernChannelSettings, Remedy
from heard.core.models import Workspace
from heard.engagements.models import Engagement, EngagementStatus, HrddStep, Participation
from heard.engagements.models.choices import ParticipationRole
from heard.feedback.models import Commitment, Decision, EngagementSummary, Input
from heard.feedback.models.choices import Outcome
from heard.impacts.models import Impact
from heard.insights.dashboards import metrics
from heard.requests.models import InformationRequest
from heard.stakeholders.models import StakeholderRiskGroup

# Engagements that took place: the report counts what was held, not what was planned.
HELD_STATUSES = (
    EngagementStatus.HELD,
    EngagementStatus.DEBRIEFED,
    EngagementStatus.LOOP_CLOSED,
)
ADOPTED = (Outcome.ADOPTED, Outcome.PARTLY_ADOPTED)
SALIENT_IMPACTS = 10


# --- the period


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included, in the site's time zone."""

    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def start(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.starts_on, datetime.time.min))

    @property
    def end(self) -> datetime.datetime:
        """The first moment after the period (exclusive bound)."""
        day_after = self.ends_on + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def for_dashboards(self) -> metrics.Period:
        """The same days as the dashboards' period, to reuse their figures."""
        return metrics.Period(self.starts_on, self.ends_on)

    def previous(self) -> Period:
        """The period just before, as long: whole months shift by months (a calendar year
        compares with the year before), other periods by days."""
        months = _whole_months(self)
        if months:
            ends_on = self.starts_on - datetime.timedelta(days=1)
            return Period(_add_months(self.starts_on, -months), ends_on)
        ends_on = self.starts_on - datetime.timedelta(days=1)
        return Period(ends_on - datetime.timedelta(days=self.days - 1), ends_on)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _whole_months(period: Period) -> int:
    last_day = calendar.monthrange(period.ends_on.year, period.ends_on.month)[1]
    if period.starts_on.day != 1 or period.ends_on.day != last_day:
        return 0
    return (
        (period.ends_on.year - period.starts_on.year) * 12
        + period.ends_on.month
        - period.starts_on.month
        + 1
    )


# --- small shared aggregates


def grouped(queryset: QuerySet, field: str, *, count: str = "pk", distinct: bool = False) -> dict:
    """{value of `field`: number of rows (or distinct `count` values)} in one GROUP BY."""
    rows = (
        queryset.order_by()
        .values(field)
        .annotate(n=Count(count, distinct=distinct))
        .values_list(field, "n")
    )
    return dict(rows)


def median_days(queryset: QuerySet, start: str, end: str) -> float | None:
    """The median of `end - start` in days over rows where `end` is set: the database sorts
    the durations (the dashboards' `DaysBetween`, native date arithmetic on each engine) and
    returns the one or two middle rows."""
    durations = (
        queryset.filter(**{f"{end}__isnull": False})
        .annotate(took=metrics.DaysBetween(F(end), F(start)))
        .order_by("took")
    )
    n = durations.count()
    if not n:
        return None
    middle = list(durations.values_list("took", flat=True)[(n - 1) // 2 : n // 2 + 1])
    return round(sum(float(d) for d in middle) / len(middle), 1)


def share(part: int, whole: int) -> float | None:
    """part / whole as a percentage with one decimal, None when there is no whole."""
    return metrics.percent(part, whole)


# --- the figures of one period


class Figures:
    """Every aggregate of one workspace and period, computed once when first asked."""

    def __init__(self, workspace: Workspace, period: Period):
        self.workspace = workspace
        self.period = period

    # querysets (lazy; used as subqueries)

    @cached_property
    def engagements(self) -> QuerySet[Engagement]:
        """Engagements held in the period (by their start date)."""
        return Engagement.objects.for_workspace(self.workspace).filter(
            archived_at__isnull=True,
            status__in=HELD_STATUSES,
            starts_on__gte=self.period.starts_on,
            starts_on__lte=self.period.ends_on,
        )

    @cached_property
    def participations(self) -> QuerySet[Participation]:
        """Stakeholders taking part (not facilitators or company staff) in those engagements,
        unless recorded as absent."""
        return (
            Participation.objects.for_workspace(self.workspace)
            .filter(
                archived_at__isnull=True,
                engagement__in=self.engagements.values("pk"),
                role__in=(ParticipationRole.PARTICIPANT, ParticipationRole.OBSERVER),
            )
            .exclude(attended=False)
        )

    @cached_property
    def inputs(self) -> QuerySet[Input]:
        """Inputs recorded in the period, not archived or merged into another."""
        return Input.objects.for_workspace(self.workspace).filter(
            archived_at__isnull=True,
            merged_into__isnull=True,
            created_at__gte=self.period.start,
            created_at__lt=self.period.end,
        )

    @cached_property
    def concerns(self) -> QuerySet[Concern]:
        return Concern.objects.for_workspace(self.workspace).filter(
            archived_at__isnull=True,
            raised_at__gte=self.period.start,
            raised_at__lt=self.period.end,
        )

    @cached_property
    def information_requests(self) -> QuerySet[InformationRequest]:
        return InformationRequest.objects.for_workspace(self.workspace).filter(
            archived_at__isnull=True,
            received_at__gte=self.period.start,
            received_at__lt=self.period.end,
        )

    # engagement

    @cached_property
    def engagement_count(self) -> int:
        return self.engagements.count()

    @cached_property
    def has_any_engagement(self) -> bool:
        """Whether the workspace ever recorded an engagement ("no process" otherwise)."""
        return (
            Engagement.objects.for_workspace(self.workspace)
            .filter(archived_at__isnull=True)
            .exists()
        )

    @cached_property
    def engagements_by_format(self) -> dict[str, int]:
        return grouped(self.engagements, "format")

    @cached_property
    def engagements_by_stage(self) -> dict[str, int]:
        return grouped(self.engagements, "lifecycle_stage")

    @cached_property
    def engagements_by_attribution(self) -> dict[str, int]:
        return grouped(self.engagements, "attribution_rule")

    @cached_property
    def engagements_by_month(self) -> list[tuple[datetime.date, int]]:
        rows = (
            self.engagements.order_by()
            .annotate(month=TruncMonth("starts_on"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
            .values_list("month", "n")
        )
        return list(rows)

    @cached_property
    def steps(self) -> list[dict]:
        """Every active HRDD step of the workspace with its engagements in the period."""
        held = Q(
            engagements__in=self.engagements.values("pk"),
        )
        return list(
            HrddStep.objects.for_workspace(self.workspace)
            .filter(archived_at__isnull=True)
            .annotate(engagement_count=Count("engagements", filter=held, distinct=True))
            .order_by("position", "name")
            .values("pk", "code", "name", "reference", "engagement_count")
        )

    @cached_property
    def responsibility(self) -> list[dict]:
        """Engagements per accountable function and most senior role responsible."""
        return list(
            self.engagements.order_by()
            .values("accountable_function", "senior_responsible_role")
            .annotate(n=Count("pk"))
            .order_by("-n", "accountable_function", "senior_responsible_role")
        )

    @cached_property
    def engagement_practice(self) -> dict[str, int]:
        """Engagements with each practice recorded (briefings, barriers, accommodations…)."""
        filled = {
            "briefing": ~Q(briefing_materials=""),
            "glossary": ~Q(glossary=[]),
            "cannot_share": ~Q(cannot_share=""),
            "barriers": ~Q(barriers=""),
            "accommodations": ~Q(accessibility_accommodations=""),
            "interpretation": ~Q(interpretation_languages=[]),
            "compensation": Q(is_compensation_offered=True),
            "purpose": ~Q(purpose=""),
            "responsibility": ~Q(senior_responsible_role=""),
        }
        return self.engagements.aggregate(
            **{key: Count("pk", filter=condition) for key, condition in filled.items()}
        )

    @cached_property
    def barrier_examples(self) -> list[str]:
        rows = self.engagements.exclude(barriers="").order_by("-starts_on", "-pk")
        return list(rows.values_list("barriers", flat=True)[:3])

    # who was engaged

    @cached_property
    def stakeholder_profiles(self) -> list[tuple[str, str, str, bool | None, int]]:
        """(relation, category, safety level, Global Majority, distinct stakeholders) in one
        GROUP BY: each stakeholder has one value of each, so the groups are disjoint and every
        per-dimension count below is a sum over them, without another pass."""
        return list(
            self.participations.order_by()
            .values_list(
                "stakeholder__relation",
                "stakeholder__category",
                "stakeholder__safety_level",
                "stakeholder__is_global_majority",
            )
            .annotate(n=Count("stakeholder", distinct=True))
        )

    def _by_profile(self, index: int) -> dict:
        counts: dict = {}
        for row in self.stakeholder_profiles:  # a few dozen groups, not records
            counts[row[index]] = counts.get(row[index], 0) + row[-1]
        return counts

    @cached_property
    def stakeholder_count(self) -> int:
        return sum(row[-1] for row in self.stakeholder_profiles)

    @cached_property
    def participation_totals(self) -> dict[str, int]:
        totals = self.participations.aggregate(
            participations=Count("pk"),
            interpretation=Count("pk", filter=Q(needs_interpretation=True)),
            accessibility=Count("pk", filter=~Q(accessibility_needs="")),
            compensated=Count("pk", filter=Q(compensation_status="paid")),
        )
        totals["global_majority"] = self._by_profile(3).get(True, 0)
        return totals

    @cached_property
    def by_representation(self) -> dict[str, int]:
        return grouped(self.participations, "representation")

    @cached_property
    def by_relation(self) -> dict[str, int]:
        return self._by_profile(0)

    @cached_property
    def by_category(self) -> dict[str, int]:
        return self._by_profile(1)

    @cached_property
    def by_safety_level(self) -> dict[str, int]:
        return self._by_profile(2)

    @cached_property
    def by_risk_group(self) -> dict[str, int]:
        links = StakeholderRiskGroup.objects.filter(
            stakeholder__in=self.participations.values("stakeholder")
        )
        return grouped(links, "group", count="stakeholder", distinct=True)

    @cached_property
    def stakeholders_at_risk(self) -> int:
        """Distinct stakeholders engaged who belong to at least one group at heightened risk."""
        return (
            StakeholderRiskGroup.objects.filter(
                stakeholder__in=self.participations.values("stakeholder")
            )
            .values("stakeholder")
            .distinct()
            .count()
        )

    @cached_property
    def compensation_paid(self) -> list[tuple[str, object, int]]:
        """(currency, total paid, participants paid) per currency."""
        rows = (
            self.participations.filter(
                compensation_status="paid", compensation_amount__isnull=False
            )
            .order_by()
            .values("compensation_currency")
            .annotate(total=Sum("compensation_amount"), n=Count("pk"))
            .order_by("compensation_currency")
            .values_list("compensation_currency", "total", "n")
        )
        return list(rows)

    # inputs, decisions, loops

    @cached_property
    def input_totals(self) -> dict[str, int]:
        """Every count of the period's inputs in one pass over them (the costliest read of a
        large workspace: one scan, not one per figure)."""
        per_outcome = {
            f"outcome_{value or 'none'}": Count("pk", filter=Q(outcome=value))
            for value in ("", *Outcome.values)
        }
        return self.inputs.aggregate(
            inputs=Count("pk"),
            decided=Count("pk", filter=~Q(outcome="")),
            adopted=Count("pk", filter=Q(outcome__in=ADOPTED)),
            loops_closed=Count("pk", filter=Q(loop_closed_at__isnull=False)),
            anonymous=Count("pk", filter=Q(is_anonymous=True)),
            grievances=Count("pk", filter=Q(kind="grievance")),
            **per_outcome,
        )

    @cached_property
    def inputs_by_outcome(self) -> dict[str, int]:
        totals = self.input_totals
        return {
            value: totals[f"outcome_{value or 'none'}"]
            for value in (*Outcome.values, "")
            if totals[f"outcome_{value or 'none'}"]
        }

    @cached_property
    def loop_closure_share(self) -> float | None:
        """Share of the period's inputs whose loop is closed (the dashboards' definition)."""
        return metrics.percent(self.input_totals["loops_closed"], self.input_totals["inputs"])

    @cached_property
    def median_days_to_response(self) -> float | None:
        """Median days from receipt to loop closure: the dashboards' `median_days`."""
        closed = self.inputs.filter(loop_closed_at__isnull=False).order_by()
        return metrics.median_days(closed, self.input_totals["loops_closed"])

    @cached_property
    def commitments(self) -> dict[str, int]:
        """Commitments made in answer to the period's inputs, by status. Read from the links
        (few) joined to their inputs, not by testing every input of the period."""
        links = Commitment.inputs.through.objects.filter(
            commitment__workspace=self.workspace,
            commitment__archived_at__isnull=True,
            **self._input_fields("input__"),
        )
        return grouped(links, "commitment__status", count="commitment_id", distinct=True)

    def _input_fields(self, prefix: str) -> dict:
        """The conditions of `inputs` as filters through a relation named `prefix`."""
        return {
            f"{prefix}workspace": self.workspace,
            f"{prefix}archived_at__isnull": True,
            f"{prefix}merged_into__isnull": True,
            f"{prefix}created_at__gte": self.period.start,
            f"{prefix}created_at__lt": self.period.end,
        }

    @cached_property
    def rationale_examples(self) -> list[dict]:
        """Rationales of decisions that adopted the period's latest inputs (the company's own
        words: no stakeholder is named or quoted). Ordered by the inputs' date, so the database
        walks the period's inputs backwards and stops at the fifth match."""
        return list(
            self._adopted_decisions()
            .order_by("-input__created_at", "-input_id")
            .values("outcome", "rationale", "input__engagement__format")[:5]
        )

    def _adopted_decisions(self) -> QuerySet[Decision]:
        return (
            Decision.objects.for_workspace(self.workspace)
            .filter(
                is_current=True,
                input__outcome__in=ADOPTED,
                **self._input_fields("input__"),
            )
            .exclude(rationale="")
        )

    @cached_property
    def summaries(self) -> QuerySet[EngagementSummary]:
        return EngagementSummary.objects.for_workspace(self.workspace).filter(
            archived_at__isnull=True,
            published_at__gte=self.period.start,
            published_at__lt=self.period.end,
        )

    @cached_property
    def summary_count(self) -> int:
        return self.summaries.count()

    @cached_property
    def summary_examples(self) -> list[dict]:
        return list(
            self.summaries.order_by("-published_at", "-pk").values(
                "what_we_heard", "what_we_did", "engagement__format"
            )[:3]
        )

    # effectiveness

    @cached_property
    def survey(self) -> dict:
        """ "Did you feel heard" answers given in the period, as the dashboards compute them."""
        found = metrics.survey_results(self.workspace, self.period.for_dashboards())
        return {
            "answers": found.answer_count,
            "felt_heard": found.felt_heard,
            "understood_outcome": found.understood_outcome,
            "would_take_part_again": found.would_take_part_again,
            "felt_heard_share": found.felt_heard_percent,
        }

    # concerns and remedy

    @cached_property
    def channel_enabled(self) -> bool:
        return ConcernChannelSettings.objects.filter(
            workspace=self.workspace, is_enabled=True
        ).exists()

    @cached_property
    def concern_totals(self) -> dict:
        result = self.concerns.aggregate(
            concerns=Count("pk"),
            anonymous=Count("pk", filter=Q(is_anonymous=True)),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
            decided=Count("pk", filter=Q(outcome_decided_at__isnull=False)),
            closed=Count("pk", filter=Q(closed_at__isnull=False)),
            rated=Count("pk", filter=Q(satisfaction_rating__isnull=False)),
            satisfaction=Avg("satisfaction_rating"),
        )
        if result["satisfaction"] is not None:
            result["satisfaction"] = round(float(result["satisfaction"]), 2)
        result["days_to_acknowledge"] = median_days(self.concerns, "raised_at", "acknowledged_at")
        result["days_to_outcome"] = median_days(self.concerns, "raised_at", "outcome_decided_at")
        return result

    @cached_property
    def concerns_by_channel(self) -> dict[str, int]:
        return grouped(self.concerns, "channel")

    @cached_property
    def concerns_by_status(self) -> dict[str, int]:
        return grouped(self.concerns, "status")

    @cached_property
    def concerns_by_outcome(self) -> dict[str, int]:
        return grouped(self.concerns.exclude(outcome=""), "outcome")

    @cached_property
    def remedies(self) -> QuerySet[Remedy]:
        return Remedy.objects.for_workspace(self.workspace).filter(
            archived_at__isnull=True, concern__in=self.concerns.values("pk")
        )

    @cached_property
    def remedies_by_kind(self) -> dict[str, int]:
        return grouped(self.remedies, "kind")

    @cached_property
    def remedies_by_status(self) -> dict[str, int]:
        return grouped(self.remedies, "status")

    # information requests (CSDDD art. 13(2))

    @cached_property
    def requests_by_status(self) -> dict[str, int]:
        return grouped(self.information_requests, "status")

    @cached_property
    def refusals(self) -> list[dict]:
        """Refused requests per ground, with the latest reasons given."""
        refused = self.information_requests.filter(status="refused")
        counts = grouped(refused, "refusal_ground")
        reasons = dict(
            refused.exclude(refusal_reasons="")
            .order_by("refusal_ground", "-answered_at", "-pk")
            .values_list("refusal_ground", "refusal_reasons")
        )
        return [
            {"ground": ground, "count": n, "reasons": reasons.get(ground, "")}
            for ground, n in sorted(counts.items())
        ]

    @cached_property
    def days_to_answer(self) -> float | None:
        return median_days(self.information_requests, "received_at", "answered_at")

    # salient impacts (UNGP C2)

    @cached_property
    def salient_impacts(self) -> list[dict]:
        """The most salient impacts, each with who was engaged on it in the period and how
        their views were taken up: one grouped query per measure, not one per impact."""
        impacts = list(
            Impact.objects.for_workspace(self.workspace)
            .filter(archived_at__isnull=True)
            .order_by("-salience", "-severity", "pk")
            .values("pk", "title", "salience", "severity", "status")[:SALIENT_IMPACTS]
        )
        ids = [row["pk"] for row in impacts]
        links = Engagement.impacts.through.objects.filter(
            impact_id__in=ids, engagement__in=self.engagements.values("pk")
        )
        engagements = grouped(links, "impact_id", count="engagement_id", distinct=True)
        stakeholders = self._impact_stakeholders(ids)
        input_links = Input.impacts.through.objects.filter(
            impact_id__in=ids, **self._input_fields("input__")
        )
        inputs = grouped(input_links, "impact_id", count="input_id", distinct=True)
        adopted = grouped(
            input_links.filter(input__outcome__in=ADOPTED),
            "impact_id",
            count="input_id",
            distinct=True,
        )
        for row in impacts:
            pk = row["pk"]
            row["engagement_count"] = engagements.get(pk, 0)
            row["by_relation"] = stakeholders.get(pk, {})
            row["stakeholder_count"] = sum(row["by_relation"].values())
            row["input_count"] = inputs.get(pk, 0)
            row["adopted_count"] = adopted.get(pk, 0)
            row["example"] = ""
        self._impact_examples(impacts)
        return impacts

    def _impact_stakeholders(self, ids: list[int]) -> dict[int, dict[str, int]]:
        """{impact id: {relation to impacts: distinct stakeholders engaged on it}}."""
        rows = (
            self.participations.filter(engagement__impacts__in=ids)
            .order_by()
            .values("engagement__impacts", "stakeholder__relation")
            .annotate(n=Count("stakeholder", distinct=True))
            .values_list("engagement__impacts", "stakeholder__relation", "n")
        )
        result: dict[int, dict[str, int]] = {}
        for impact_id, relation, n in rows:
            result.setdefault(impact_id, {})[relation] = n
        return result

    def _impact_examples(self, impacts: list[dict]) -> None:
        """One decision rationale per impact (one query per impact, at most ten)."""
        for row in impacts:
            if not row["adopted_count"]:
                continue
            rationale = (
                self._adopted_decisions()
                .filter(input__impacts=row["pk"])
                .order_by("-input__created_at", "-input_id")
                .values_list("rationale", flat=True)
                .first()
            )
            row["example"] = rationale or ""
