"""Every dashboard figure against the value computed by hand from conftest.py's data set."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from heard.insights.dashboards import metrics
from heard.insights.dashboards.metrics import Period

pytestmark = pytest.mark.django_db


def figures(name, workspace, fixed, initiative=None, **kwargs):
    return getattr(metrics, name)(workspace, fixed.period, initiative, **kwargs)


# --- the period


def test_period_previous_has_the_same_length_and_ends_the_day_before():
    period = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    assert period.days == 31
    assert period.previous() == Period(datetime.date(2026, 1, 29), datetime.date(2026, 2, 28))
    assert Period.last(30, datetime.date(2026, 3, 31)).start == datetime.date(2026, 3, 2)


def test_weekly_and_monthly_buckets():
    weekly = Period(datetime.date(2026, 3, 4), datetime.date(2026, 3, 20))  # Wed to Fri
    assert metrics.buckets(weekly) == [
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 16),
    ]
    monthly = Period(datetime.date(2025, 11, 15), datetime.date(2026, 3, 1))
    assert not monthly.is_weekly
    assert metrics.buckets(monthly) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]


def test_median_of_an_odd_count_is_the_middle_value(workspace, fixed):
    closed = metrics.period_inputs(workspace, Period(fixed.period.start, fixed.today)).filter(
        loop_closed_at__isnull=False, pk=fixed.inputs["i1"].pk
    )
    assert metrics.median_days(closed, 1) == 10.0
    assert metrics.median_days(closed.none(), 0) is None


# --- loops


def test_loop_figures(workspace, fixed):
    loops = metrics.loop_figures(workspace, fixed.period, today=fixed.today)
    assert loops.input_count == 7
    assert loops.closed_count == 2
    assert loops.closed_percent == 28.6
    assert loops.median_days == 15.0
    assert loops.overdue_count == 2
    assert loops.open_count == 5


def test_loops_per_team(workspace, fixed):
    rows = {r.key: r for r in figures("loops_by_team", workspace, fixed, today=fixed.today)}
    assert set(rows) == {"Policy", "Product", ""}
    assert (rows["Policy"].input_count, rows["Policy"].closed_count) == (4, 2)
    assert rows["Policy"].median_days == 15.0
    assert rows["Policy"].overdue_count == 1
    assert (rows["Product"].input_count, rows["Product"].closed_count) == (2, 0)
    assert rows["Product"].median_days is None
    assert rows["Product"].overdue_count == 1
    assert rows[""].input_count == 1
    assert rows[""].label == "No team recorded"


def test_loops_per_engagement(workspace, fixed):
    rows = figures("loops_by_engagement", workspace, fixed, today=fixed.today)
    by_title = {r.label: r for r in rows}
    assert set(by_title) == {"E1", "E2", "E3"}  # i7 has no engagement
    assert (by_title["E1"].input_count, by_title["E1"].closed_count) == (2, 2)
    assert by_title["E1"].median_days == 15.0
    assert by_title["E1"].closed_percent == 100.0
    assert by_title["E2"].overdue_count == 1
    assert by_title["E3"].overdue_count == 1


def test_group_medians_pick_the_middle_of_each_group(workspace, fixed):
    """Three closed loops in one engagement (1, 10 and 20 days): the median is 10."""
    i4 = fixed.inputs["i4"]
    type(i4).objects.filter(pk=i4.pk).update(
        engagement=fixed.engagements["E1"],
        loop_closed_at=i4.created_at + datetime.timedelta(days=1),
    )
    rows = {r.label: r for r in figures("loops_by_engagement", workspace, fixed)}
    assert rows["E1"].closed_count == 3
    assert rows["E1"].median_days == 10.0


# --- engagements


def test_engagements_per_hrdd_step(workspace, fixed):
    rows = {r.label: r.count for r in figures("engagements_by_hrdd_step", workspace, fixed)}
    assert rows["Identify & assess"] == 2
    assert rows["Remedy"] == 1
    assert sum(rows.values()) == 3  # every step listed, the others at 0
    assert len(rows) == 7


def test_engagements_per_stage(workspace, fixed):
    rows = {r.key: r.count for r in figures("engagements_by_stage", workspace, fixed)}
    assert rows["development"] == 1  # E0 is in the previous period
    assert rows["testing"] == 1
    assert rows[""] == 1
    assert rows["launch"] == 0
    assert metrics.engagement_count(workspace, fixed.period) == 3


# --- who


def test_global_majority(workspace, fixed):
    gm = figures("global_majority", workspace, fixed)
    # Engaged: Ana (BR), Nils (DE), Nobody (no country); the declined invitee left out.
    assert (gm.stakeholder_count, gm.stakeholders_known, gm.stakeholders_global_majority) == (
        3,
        2,
        1,
    )
    assert gm.stakeholder_percent == 50.0
    # Inputs from a known country: i1, i2, i3, i6; from the Global Majority: i1, i3, i6.
    assert (gm.input_count, gm.inputs_known, gm.inputs_global_majority) == (7, 4, 3)
    assert gm.input_percent == 75.0


def test_fatigue(workspace, fixed):
    found = metrics.fatigue(workspace, fixed.period)
    assert found.threshold == 2
    assert found.person_count == 1
    assert found.busiest == [(fixed.stakeholders["gm"].pk, 2)]
    people = metrics.fatigued_people(workspace, found)
    assert [(s.name, n) for s, n in people] == [("Ana Secret", 2)]
    assert found.window_start == fixed.today - datetime.timedelta(days=30)


def test_compensation_paid_per_currency(workspace, fixed):
    rows = figures("compensation_by_currency", workspace, fixed)
    assert [(r.currency, r.total, r.payment_count) for r in rows] == [
        ("EUR", Decimal("80"), 2),
        ("KES", Decimal("1000"), 1),
    ]


# --- what


def test_decision_outcomes(workspace, fixed):
    rows = {r.key: r.count for r in figures("decision_outcomes", workspace, fixed)}
    assert rows == {
        "adopted": 2,
        "partly_adopted": 1,
        "not_adopted": 1,
        "deferred": 1,
        "referred": 1,
        "out_of_scope": 0,
        "none": 1,
    }


def test_inputs_by_right_impact_and_theme(workspace, fixed):
    rights = [(r.key, r.count) for r in figures("inputs_by_right", workspace, fixed)]
    assert rights == [("udhr-19", 3), ("udhr-12", 2)]  # i0 is in the previous period
    impacts = [(r.label, r.count) for r in figures("inputs_by_impact", workspace, fixed)]
    assert impacts == [("Impact X", 2), ("Impact Y", 1)]
    themes = [(r.label, r.count) for r in figures("inputs_by_theme", workspace, fixed)]
    assert themes == [("Appeals", 3), ("language · access", 1)]


def test_survey_results(workspace, fixed):
    survey = figures("survey_results", workspace, fixed)
    assert survey.answer_count == 3
    assert survey.felt_heard == 3.7  # (5 + 4 + 2) / 3
    assert survey.understood_outcome == 3.0
    assert survey.would_take_part_again == 4.0
    assert survey.felt_heard_spread == (0, 1, 0, 1, 1)
    assert survey.felt_heard_percent == 66.7


def test_trends(workspace, fixed):
    trend = figures("trends", workspace, fixed)
    assert trend.is_weekly
    assert sum(trend.inputs) == 7
    assert sum(trend.engagements) == 3
    assert sum(trend.loops_closed) == 2  # i1 at T-15, i2 at T-4
    week_of = dict(zip(trend.buckets, trend.inputs, strict=True))
    monday = fixed.today - datetime.timedelta(days=2)
    monday -= datetime.timedelta(days=monday.weekday())
    assert week_of[monday] >= 1  # i7, received two days ago


# --- comparison and initiative


def test_previous_period_headline(workspace, fixed):
    before = metrics.headline(workspace, fixed.period.previous(), today=fixed.today)
    assert before.input_count == 1
    assert before.engagement_count == 1
    assert before.closed_percent == 100.0
    assert before.median_days == 5.0
    now = metrics.headline(workspace, fixed.period, today=fixed.today)
    assert now.stakeholder_count == 3
    assert now.input_count == 7


def test_initiative_figures(workspace, fixed):
    a = fixed.initiative_a
    loops = metrics.loop_figures(workspace, fixed.period, a, today=fixed.today)
    assert (loops.input_count, loops.closed_count, loops.median_days) == (4, 2, 15.0)
    assert metrics.engagement_count(workspace, fixed.period, a) == 2
    gm = metrics.global_majority(workspace, fixed.period, a)
    assert (gm.stakeholder_count, gm.stakeholders_global_majority) == (3, 1)
    b = metrics.loop_figures(workspace, fixed.period, fixed.initiative_b, today=fixed.today)
    assert (b.input_count, b.overdue_count) == (2, 1)


def test_empty_workspace_has_no_figures(workspace):
    period = Period.last(30)
    loops = metrics.loop_figures(workspace, period)
    assert (loops.input_count, loops.closed_percent, loops.median_days) == (0, None, None)
    assert metrics.loops_by_team(workspace, period) == []
    assert metrics.inputs_by_theme(workspace, period) == []
    assert metrics.survey_results(workspace, period).felt_heard is None
    assert metrics.global_majority(workspace, period).stakeholder_percent is None
