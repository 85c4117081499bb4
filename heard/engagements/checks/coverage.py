"""Coverage matrix: which due-diligence steps have been engaged on at which lifecycle stage,
and which salient impacts have been discussed with the people affected (or their legitimate
representatives). Gaps are what engagement has not reached yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from heard.core.models import Workspace
from heard.impacts.models.choices import ImpactStatus, LifecycleStage
from heard.stakeholders.models import Relation

NO_STAGE = ""
# Impacts still open: engagement on them can still change what the company does.
OPEN_IMPACT_STATUSES = (
    ImpactStatus.IDENTIFIED,
    ImpactStatus.ASSESSED,
    ImpactStatus.ACTION_PLANNED,
    ImpactStatus.MITIGATING,
)
SALIENT_IMPACTS_SHOWN = 25


@dataclass
class Cell:
    """One step × stage cell: how many engagements, and whether that is a gap."""

    step_id: int
    stage: str
    count: int
    is_gap: bool
    is_future: bool = False
    stage_label: str = ""


@dataclass
class Matrix:
    """HRDD step × lifecycle stage."""

    stages: list[tuple[str, str]]
    rows: list[tuple[object, list[Cell], int]]  # (step, cells, row total)
    column_totals: list[int]
    without_step: int
    gap_count: int


def build_matrix(
    steps: list,
    counts: dict[tuple[int, str], int],
    *,
    current_stage: str | None = None,
    without_step: int = 0,
) -> Matrix:
    """The matrix from {(step id, stage): engagements}: pure. With `current_stage` (one
    initiative) stages after it are "not yet" rather than gaps; the "no stage" column is never
    a gap."""
    stage_codes = list(LifecycleStage.values)
    stages = list(LifecycleStage.choices) + [(NO_STAGE, str(_("No stage set")))]
    reached = (
        stage_codes[: stage_codes.index(current_stage) + 1]
        if current_stage in stage_codes
        else stage_codes
    )
    rows, totals, gaps = [], [0] * len(stages), 0
    for step in steps:
        cells, row_total = [], 0
        for index, (stage, label) in enumerate(stages):
            count = counts.get((step.pk, stage), 0)
            future = stage != NO_STAGE and stage not in reached
            gap = count == 0 and stage != NO_STAGE and not future
            gaps += gap
            cells.append(Cell(step.pk, stage, count, gap, future, str(label)))
            row_total += count
            totals[index] += count
        rows.append((step, cells, row_total))
    return Matrix(stages, rows, totals, without_step, gaps)


def step_stage_counts(workspace: Workspace, initiative=None) -> tuple[dict, int]:
    """{(step id, stage): engagements} and how many engagements serve no step — two aggregate
    queries over active engagements."""
    from heard.engagements.models import Engagement

    link = Engagement.hrdd_steps.through
    links = link.objects.filter(
        engagement__workspace=workspace, engagement__archived_at__isnull=True
    )
    engagements = Engagement.objects.for_workspace(workspace).active()
    if initiative is not None:
        links = links.filter(engagement__initiative=initiative)
        engagements = engagements.filter(initiative=initiative)
    rows = (
        links.values("hrddstep_id", "engagement__lifecycle_stage")
        .annotate(n=Count("engagement_id"))
        .order_by()
    )
    counts = {
        (r["hrddstep_id"], r["engagement__lifecycle_stage"] or NO_STAGE): r["n"] for r in rows
    }
    without = engagements.filter(hrdd_steps__isnull=True).count()
    return counts, without


def coverage_matrix(workspace: Workspace, initiative=None) -> Matrix:
    """The step × stage matrix of the workspace, or of one initiative."""
    from heard.engagements.queries import hrdd_steps

    counts, without = step_stage_counts(workspace, initiative)
    steps = list(hrdd_steps(workspace))
    return build_matrix(
        steps,
        counts,
        current_stage=initiative.stage if initiative is not None else None,
        without_step=without,
    )


# --- salient impacts × affected voices


@dataclass
class ImpactCoverage:
    """One salient impact and who has been heard on it."""

    impact: object
    engagement_count: int = 0
    affected: int = 0
    representatives: int = 0
    invited: int = 0
    last_engaged_on: object = None
    risk_groups: list[str] = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        """Nobody affected, and no legitimate representative, has been engaged on it."""
        return not (self.affected or self.representatives)


def impact_coverage(workspace: Workspace, initiative=None, limit: int = SALIENT_IMPACTS_SHOWN):
    """The most salient open impacts, each with the affected people and representatives
    engaged on it (attended, or accepted) — four queries, driven from the impacts shown so
    the cost follows their engagements, not the workspace's."""
    from heard.engagements.models import Engagement, InvitationState, Participation
    from heard.impacts.models import Impact, ImpactRiskGroup

    impacts = (
        Impact.objects.for_workspace(workspace).active().filter(status__in=OPEN_IMPACT_STATUSES)
    )
    if initiative is not None:
        impacts = impacts.filter(initiatives=initiative)
    impacts = list(impacts.order_by("-salience", "-severity", "pk")[:limit])
    result = {i.pk: ImpactCoverage(i) for i in impacts}
    by_engagement: dict[int, list[int]] = {}
    for engagement_id, impact_id in Engagement.impacts.through.objects.filter(
        impact_id__in=list(result), engagement__archived_at__isnull=True
    ).values_list("engagement_id", "impact_id"):
        by_engagement.setdefault(engagement_id, []).append(impact_id)
        result[impact_id].engagement_count += 1
    seen: dict[int, dict[str, set]] = {
        pk: {"affected": set(), "reps": set(), "all": set()} for pk in result
    }
    rows = (
        Participation.objects.filter(
            engagement_id__in=list(by_engagement),
            archived_at__isnull=True,
            stakeholder__relation__in=(
                Relation.POTENTIALLY_AFFECTED,
                Relation.LEGITIMATE_REPRESENTATIVE,
            ),
        )
        .exclude(invitation_state=InvitationState.DECLINED)
        .values_list(
            "engagement_id",
            "stakeholder_id",
            "stakeholder__relation",
            "attended",
            "invitation_state",
            "engaged_on",
        )
    )
    for engagement_id, person, relation, attended, state, day in rows:
        engaged = attended is True or (attended is None and state == InvitationState.ACCEPTED)
        for impact_id in by_engagement[engagement_id]:
            entry, people = result[impact_id], seen[impact_id]
            people["all"].add(person)
            if not engaged:
                continue
            people["affected" if relation == Relation.POTENTIALLY_AFFECTED else "reps"].add(person)
            if day and (entry.last_engaged_on is None or day > entry.last_engaged_on):
                entry.last_engaged_on = day
    for impact_id, people in seen.items():
        entry = result[impact_id]
        entry.affected, entry.representatives = len(people["affected"]), len(people["reps"])
        entry.invited = len(people["all"])
    for impact_id, group in ImpactRiskGroup.objects.filter(impact_id__in=list(result)).values_list(
        "impact_id", "group"
    ):
        result[impact_id].risk_groups.append(group)
    return [result[i.pk] for i in impacts]
