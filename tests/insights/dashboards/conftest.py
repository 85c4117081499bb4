"""A small fixed data set whose every dashboard figure is computed by hand below.

Today is T; the period is the 30 days [T-29, T]; the previous period is [T-59, T-30].

Engagements (starts_on, initiative, team, stage, HRDD steps):
  E1  T-20  A  "Policy" (accountable function)  development  Identify & assess
  E2  T-10  A  "Product" (A's owning team)       testing      Identify & assess, Remedy
  E3  T-5   B  "Policy"                          no stage     no step
  E0  T-40  A  "Product" (previous period)       development  no step

Inputs of the period (received at noon):
  i1  E1  T-25  adopted         closed after 10 days  by s_gm (Global Majority)
  i2  E1  T-24  not adopted     closed after 20 days  by s_north (not Global Majority)
  i3  E2  T-9   partly adopted  open, due T-1 (overdue)   by s_gm
  i4  E2  T-8   not decided     open, due T+20            anonymous
  i5  E3  T-4   deferred        open, due T-2 (overdue)   by s_nowhere (no country)
  i6  E3  T-3   adopted         open, no due date         by s_gm
  i7  —   T-2   referred        open, no due date         no stakeholder
  (plus one archived and one merged input of the period, both left out)
Previous period: i0 from E0, received T-40, closed after 5 days.

So: 7 inputs, 2 loops closed (28.6 %), median (10 + 20) / 2 = 15 days, 2 overdue.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from heard.engagements.models import HrddStep
from heard.feedback.models import Input
from heard.impacts.models import ImpactRight
from heard.insights.dashboards.metrics import Period
from heard.insights.themes.models import ThemeMembership
from tests.factories import (
    EngagementFactory,
    ImpactFactory,
    InitiativeFactory,
    InputFactory,
    ParticipationFactory,
    StakeholderFactory,
    SurveyAnswerFactory,
    ThemeFactory,
)


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@dataclass
class Fixed:
    """The data set and the handles tests need."""

    today: datetime.date
    period: Period
    initiative_a: object
    initiative_b: object
    engagements: dict
    inputs: dict
    stakeholders: dict
    impacts: dict
    themes: dict


def build(workspace) -> Fixed:
    """Make the data set described in the module docstring."""
    today = timezone.localdate()
    day = lambda n: today - datetime.timedelta(days=n)  # noqa: E731
    workspace.fatigue_threshold = 2
    workspace.fatigue_window_days = 30
    workspace.save()
    steps = {s.code: s for s in HrddStep.objects.filter(workspace=workspace)}
    a = InitiativeFactory(workspace=workspace, name="Initiative A", owning_team="Product")
    b = InitiativeFactory(workspace=workspace, name="Initiative B", owning_team="Legal")

    def engagement(title, starts, initiative, team, stage, hrdd=()):
        made = EngagementFactory(
            workspace=workspace,
            title=title,
            starts_on=day(starts),
            initiative=initiative,
            accountable_function=team,
            lifecycle_stage=stage,
            attribution_rule="attributed_with_consent",
        )
        made.hrdd_steps.set([steps[code] for code in hrdd])
        return made

    e = {
        "E1": engagement("E1", 20, a, "Policy", "development", ["identify_assess"]),
        "E2": engagement("E2", 10, a, "", "testing", ["identify_assess", "remedy"]),
        "E3": engagement("E3", 5, b, "Policy", ""),
        "E0": engagement("E0", 40, a, "", "development"),
    }
    s = {
        "gm": StakeholderFactory(
            workspace=workspace, name="Ana Secret", country="BR", safety_level="high_risk"
        ),
        "north": StakeholderFactory(workspace=workspace, name="Nils North", country="DE"),
        "nowhere": StakeholderFactory(
            workspace=workspace, name="Nobody Known", country="", is_global_majority=None
        ),
        "declined": StakeholderFactory(workspace=workspace, name="Dee Clined", country="KE"),
    }

    for key, ago in (("gm", 10), ("north", 20), ("nowhere", 10)):
        type(s[key]).objects.filter(pk=s[key].pk).update(last_engaged_on=day(ago))

    def take_part(engagement, person, **kwargs):
        return ParticipationFactory(
            workspace=workspace, engagement=engagement, stakeholder=person, **kwargs
        )

    take_part(e["E1"], s["gm"], compensation_status="paid", compensation_amount=Decimal("50"),
              compensation_currency="EUR")  # fmt: skip
    take_part(e["E1"], s["north"], compensation_status="paid",
              compensation_amount=Decimal("1000"), compensation_currency="KES")  # fmt: skip
    take_part(e["E2"], s["gm"], compensation_status="paid", compensation_amount=Decimal("30"),
              compensation_currency="EUR")  # fmt: skip
    take_part(e["E2"], s["nowhere"], compensation_status="offered",
              compensation_amount=Decimal("20"), compensation_currency="EUR")  # fmt: skip
    take_part(e["E2"], s["declined"], invitation_state="declined")

    def put(name, engagement, received, outcome="", closed_after=None, due=None, **kwargs):
        made = InputFactory(
            workspace=workspace, engagement=engagement, text=f"Input {name}", **kwargs
        )
        created = noon(day(received))
        Input.objects.filter(pk=made.pk).update(
            created_at=created,
            outcome=outcome,
            loop_closed_at=created + datetime.timedelta(days=closed_after)
            if closed_after is not None
            else None,
            loop_due_on=day(due) if due is not None else None,
        )
        made.refresh_from_db()
        return made

    i = {
        "i1": put("i1", e["E1"], 25, "adopted", 10, stakeholder=s["gm"]),
        "i2": put("i2", e["E1"], 24, "not_adopted", 20, stakeholder=s["north"]),
        "i3": put("i3", e["E2"], 9, "partly_adopted", due=1, stakeholder=s["gm"]),
        "i4": put("i4", e["E2"], 8, due=-20, is_anonymous=True),
        "i5": put("i5", e["E3"], 4, "deferred", due=2, stakeholder=s["nowhere"]),
        "i6": put("i6", e["E3"], 3, "adopted", stakeholder=s["gm"]),
        "i7": put("i7", None, 2, "referred"),
        "i0": put("i0", e["E0"], 40, "adopted", 5, stakeholder=s["north"]),
    }
    archived = put("archived", e["E1"], 6, "adopted", 1, stakeholder=s["gm"])
    Input.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    merged = put("merged", e["E1"], 6, "adopted", 1, stakeholder=s["gm"])
    Input.objects.filter(pk=merged.pk).update(merged_into=i["i1"])

    x = ImpactFactory(workspace=workspace, title="Impact X")
    y = ImpactFactory(workspace=workspace, title="Impact Y")
    ImpactRight.objects.filter(impact__in=[x, y]).delete()
    ImpactRight.objects.bulk_create(
        [
            ImpactRight(impact=x, code="udhr-19"),
            ImpactRight(impact=x, code="udhr-12"),
            ImpactRight(impact=y, code="udhr-19"),
        ]
    )
    i["i1"].impacts.add(x)
    i["i2"].impacts.add(x)
    i["i3"].impacts.add(y)
    i["i0"].impacts.add(x)

    t1 = ThemeFactory(workspace=workspace, name="Appeals")
    t2 = ThemeFactory(workspace=workspace, name="", top_terms=["language", "access"])
    ThemeMembership.objects.bulk_create(
        [
            ThemeMembership(workspace=workspace, theme=t1, input=i["i1"]),
            ThemeMembership(workspace=workspace, theme=t1, input=i["i2"]),
            ThemeMembership(workspace=workspace, theme=t1, input=i["i3"]),
            ThemeMembership(workspace=workspace, theme=t2, input=i["i5"]),
        ]
    )

    answers = [
        (e["E1"], s["gm"], 5, 4, 5, 3),
        (e["E1"], s["north"], 4, 4, 5, 2),
        (e["E2"], s["nowhere"], 2, 1, 2, 1),
        (e["E0"], s["north"], 1, 1, 1, 40),  # previous period
    ]
    for engagement, person, felt, understood, again, ago in answers:
        answer = SurveyAnswerFactory(
            workspace=workspace,
            engagement=engagement,
            stakeholder=person,
            felt_heard=felt,
            understood_outcome=understood,
            would_take_part_again=again,
        )
        type(answer).objects.filter(pk=answer.pk).update(created_at=noon(day(ago)))

    return Fixed(
        today=today,
        period=Period(day(29), today),
        initiative_a=a,
        initiative_b=b,
        engagements=e,
        inputs=i,
        stakeholders=s,
        impacts={"X": x, "Y": y},
        themes={"T1": t1, "T2": t2},
    )


@pytest.fixture
def fixed(workspace) -> Fixed:
    return build(workspace)
