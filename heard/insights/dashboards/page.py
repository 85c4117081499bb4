"""One dashboard: every figure of heard.insights.dashboards.metrics for a period (and the
previous one), and the charts that show them, each bar linked to the records behind it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from heard.core.models import Workspace
from heard.impacts.models import Initiative
from heard.insights.charts import Chart, Point, Series
from heard.insights.dashboards import metrics
from heard.insights.dashboards.links import Links
from heard.insights.dashboards.metrics import Period


@dataclass
class Dashboard:
    """The figures of one dashboard (plain data: cached between requests)."""

    period: Period
    previous: Period
    current: metrics.Headline
    before: metrics.Headline
    teams: list[metrics.LoopFigures]
    engagements: list[metrics.LoopFigures]
    hrdd_steps: list[metrics.CountRow]
    stages: list[metrics.CountRow]
    global_majority: metrics.GlobalMajorityFigures
    fatigue: metrics.FatigueFigures
    compensation: list[metrics.AmountRow]
    outcomes: list[metrics.CountRow]
    rights: list[metrics.CountRow]
    impacts: list[metrics.CountRow]
    themes: list[metrics.CountRow]
    survey: metrics.SurveyFigures
    trend: metrics.Trend


def build(
    workspace: Workspace,
    period: Period,
    initiative: Initiative | None = None,
    *,
    today: datetime.date | None = None,
) -> Dashboard:
    """Compute every figure: a fixed number of aggregate queries, whatever the data size."""
    args = (workspace, period, initiative)
    return Dashboard(
        period=period,
        previous=period.previous(),
        current=metrics.headline(*args, today=today),
        before=metrics.headline(workspace, period.previous(), initiative, today=today),
        teams=metrics.loops_by_team(*args, today=today),
        engagements=metrics.loops_by_engagement(*args, today=today),
        hrdd_steps=metrics.engagements_by_hrdd_step(*args),
        stages=metrics.engagements_by_stage(*args),
        global_majority=metrics.global_majority(*args),
        fatigue=metrics.fatigue(workspace, period),
        compensation=metrics.compensation_by_currency(*args),
        outcomes=metrics.decision_outcomes(*args),
        rights=metrics.inputs_by_right(*args),
        impacts=metrics.inputs_by_impact(*args),
        themes=metrics.inputs_by_theme(*args),
        survey=metrics.survey_results(*args),
        trend=metrics.trends(*args),
    )


# --- comparison with the previous period


@dataclass(frozen=True)
class Comparison:
    """One headline figure now and in the previous period."""

    label: str
    value: float | int | None
    previous: float | int | None
    url: str
    unit: str = ""
    higher_is_better: bool = True

    @property
    def delta(self) -> float | int | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)

    @property
    def trend(self) -> str:
        """Whether the change is "better", "worse" or the "same" (the page says it in words)."""
        if not self.delta:
            return "same"
        return "better" if (self.delta > 0) == self.higher_is_better else "worse"


def comparisons(board: Dashboard, links: Links) -> list[Comparison]:
    """The headline figures with their previous-period values and links."""
    now, before = board.current, board.before
    return [
        Comparison(_("Inputs received"), now.input_count, before.input_count, links.inputs()),
        Comparison(
            _("Engagements"), now.engagement_count, before.engagement_count, links.engagements()
        ),
        Comparison(
            _("Stakeholders engaged"),
            now.stakeholder_count,
            before.stakeholder_count,
            links.inclusivity(),
        ),
        Comparison(
            _("Loops closed"),
            now.closed_percent,
            before.closed_percent,
            links.inputs(loop="closed"),
            unit="%",
        ),
        Comparison(
            _("Median days to response"),
            now.median_days,
            before.median_days,
            links.inputs(loop="closed"),
            unit=_("days"),
            higher_is_better=False,
        ),
        Comparison(
            _("Overdue loops"),
            now.overdue_count,
            before.overdue_count,
            links.inputs(loop="overdue"),
            higher_is_better=False,
        ),
    ]


# --- charts


def _period_text(period: Period) -> str:
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(period.end, "SHORT_DATE_FORMAT"),
    }


def _labels(board: Dashboard) -> dict[str, dict]:
    """Labels in the viewer's language for the rows whose label is a vocabulary term: kept
    figures are computed once, in English, and shown in every language."""
    from django.utils.translation import gettext

    from heard.feedback.models import Outcome
    from heard.impacts.models.choices import LifecycleStage
    from heard.impacts.rights import right_label

    return {
        "outcomes": {**dict(Outcome.choices), "none": _("Not decided yet")},
        "stages": {**dict(LifecycleStage.choices), "": _("No stage recorded")},
        "teams": {r.key: r.key or _("No team recorded") for r in board.teams},
        "hrdd": {r.key: gettext(r.label) for r in board.hrdd_steps},
        "rights": {r.key: right_label(r.key) for r in board.rights},
    }


def charts(board: Dashboard, links: Links) -> dict[str, Chart]:
    """Every chart of the dashboard by slug; each bar links to its records."""
    when = _period_text(board.period)
    label = _labels(board)
    return {
        "trend": _trend_chart(board, when),
        "outcomes": Chart(
            title=_("Decision outcomes"),
            description=_("Inputs received %(when)s by the current decision on them.")
            % {"when": when},
            points=[
                Point(str(label["outcomes"][r.key]), r.count, links.inputs(outcome=r.key))
                for r in board.outcomes
            ],
            unit=_("inputs"),
            slug="outcomes",
        ),
        "teams": Chart(
            title=_("Loops closed per team"),
            description=_(
                "Share of inputs received %(when)s whose stakeholder has been told, per team "
                "accountable for the engagement."
            )
            % {"when": when},
            points=[
                Point(
                    str(label["teams"][r.key]),
                    r.closed_percent,
                    links.inputs(team=r.key) if r.key else "",
                )
                for r in board.teams
            ],
            unit="%",
            slug="teams",
        ),
        "hrdd": Chart(
            title=_("Engagements per HRDD step"),
            description=_(
                "Engagements starting %(when)s per due-diligence step they serve; an engagement "
                "serving two steps counts in both."
            )
            % {"when": when},
            points=[
                Point(label["hrdd"][r.key], r.count, links.engagements(hrdd_step=r.key))
                for r in board.hrdd_steps
            ],
            unit=_("engagements"),
            slug="hrdd",
        ),
        "stages": Chart(
            title=_("Engagements per lifecycle stage"),
            description=_("Engagements starting %(when)s per product-lifecycle stage.")
            % {"when": when},
            points=[
                Point(
                    str(label["stages"][r.key]),
                    r.count,
                    links.engagements(lifecycle_stage=r.key) if r.key else "",
                )
                for r in board.stages
            ],
            unit=_("engagements"),
            slug="stages",
        ),
        "rights": _top_chart(
            _("Inputs by right affected"),
            _("Inputs received %(when)s per right affected by the impacts they are linked to.")
            % {"when": when},
            [
                Point(str(label["rights"][r.key]), r.count, links.inputs(right=r.key))
                for r in board.rights
            ],
            "rights",
        ),
        "impacts": _top_chart(
            _("Inputs by impact"),
            _("Inputs received %(when)s per linked impact, the ten with most.") % {"when": when},
            [Point(r.label, r.count, links.inputs(impact=r.key)) for r in board.impacts],
            "impacts",
        ),
        "themes": _top_chart(
            _("Inputs by theme"),
            _("Inputs received %(when)s per theme, the ten largest.") % {"when": when},
            [Point(r.label, r.count, links.theme(r.key)) for r in board.themes],
            "themes",
        ),
        "survey": Chart(
            title=_("Did you feel heard?"),
            description=_(
                "Answers given in the stakeholder portal %(when)s, from 1 (not at all) to 5 "
                "(completely)."
            )
            % {"when": when},
            points=[
                Point(str(score), n, "")
                for score, n in enumerate(board.survey.felt_heard_spread, 1)
            ],
            unit=_("answers"),
            kind="bar",
            slug="survey",
        ),
    }


def _top_chart(title: str, description: str, points: list[Point], slug: str) -> Chart:
    return Chart(title=title, description=description, points=points, unit=_("inputs"), slug=slug)


def _trend_chart(board: Dashboard, when: str) -> Chart:
    trend = board.trend
    fmt = "M j" if trend.is_weekly else "M Y"
    return Chart(
        title=_("Over time"),
        description=(
            _("Inputs received, engagements started and loops closed per week, %(when)s.")
            if trend.is_weekly
            else _("Inputs received, engagements started and loops closed per month, %(when)s.")
        )
        % {"when": when},
        kind="line",
        labels=[formats.date_format(day, fmt) for day in trend.buckets],
        series=[
            Series(_("Inputs received"), trend.inputs),
            Series(_("Engagements started"), trend.engagements),
            Series(_("Loops closed"), trend.loops_closed),
        ],
        slug="trend",
    )
