"""A small fixed data set whose every figure is computed by hand in the tests.

Period: 2025 (the previous period: 2024). Names that must never appear in a report are in
NAMES: the first is a Chatham House participant, the third a high-risk stakeholder.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from heard.concerns.models import ConcernChannelSettings
from heard.engagements.models import HrddStep
from heard.insights.disclosure.figures import Period
from heard.stakeholders.models import StakeholderRiskGroup
from tests.factories import (
    CommitmentFactory,
    ConcernFactory,
    DecisionFactory,
    EngagementFactory,
    EngagementSummaryFactory,
    ImpactFactory,
    InformationRequestFactory,
    InputFactory,
    ParticipationFactory,
    RemedyFactory,
    StakeholderFactory,
    SurveyAnswerFactory,
)

YEAR = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
NAMES = ("Amina Chathamhouse", "Bruno Representante", "Chen Highrisk", "Dana Absentee")
ARABIC_RATIONALE = "أضفنا مراجعة بشرية لكل طعن في تعليق الحسابات."


def at(day: str, hour: int = 12) -> datetime.datetime:
    """Noon UTC on an ISO day."""
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T{hour:02d}:00"))


@dataclass
class DataSet:
    engagements: list
    stakeholders: list
    impacts: list
    inputs: list


def _steps(ws):
    """The default steps every new workspace gets (UNGPs 17–22, CSDDD art. 13(3))."""
    steps = {s.code: s for s in HrddStep.objects.for_workspace(ws)}
    return {
        "identify": steps["identify_assess"],
        "prevention": steps["prevention_action_plans"],
        "track": steps["track_monitor"],
        "remedy": steps["remedy"],
    }


def _engagements(ws, steps, impacts):
    common = {"workspace": ws, "status": "held"}
    e1 = EngagementFactory(
        **common,
        format="roundtable",
        starts_on=datetime.date(2025, 3, 10),
        attribution_rule="chatham_house",
        accountable_function="Human rights",
        senior_responsible_role="Chief Legal Officer",
        barriers="Poor connectivity in rural areas.",
        briefing_materials="Briefing pack in Arabic and English.",
        interpretation_languages=["ar"],
        accessibility_accommodations="Live captions.",
        purpose="Hear users about suspensions.",
    )
    e2 = EngagementFactory(
        **common,
        format="interview",
        starts_on=datetime.date(2025, 3, 20),
        attribution_rule="attributed_with_consent",
        accountable_function="Human rights",
        senior_responsible_role="Chief Legal Officer",
        glossary=[["appeal", "a request to review a decision"]],
    )
    e3 = EngagementFactory(
        **common,
        format="workshop",
        starts_on=datetime.date(2025, 6, 5),
        attribution_rule="anonymous",
    )
    e4 = EngagementFactory(
        **common,
        format="roundtable",
        starts_on=datetime.date(2025, 9, 1),
        attribution_rule="chatham_house",
        is_compensation_offered=True,
    )
    planned = EngagementFactory(workspace=ws, starts_on=datetime.date(2025, 10, 1))
    last_year = EngagementFactory(**common, starts_on=datetime.date(2024, 5, 1))
    e1.hrdd_steps.set([steps["identify"]])
    e2.hrdd_steps.set([steps["identify"], steps["prevention"]])
    e3.hrdd_steps.set([steps["track"]])
    e4.hrdd_steps.set([steps["prevention"]])
    planned.hrdd_steps.set([steps["remedy"]])
    e1.impacts.set([impacts[0]])
    e3.impacts.set([impacts[1]])
    return [e1, e2, e3, e4, planned, last_year]


def _stakeholders(ws):
    s1 = StakeholderFactory(
        workspace=ws,
        name=NAMES[0],
        relation="potentially_affected",
        category="community_member",
        is_global_majority=True,
    )
    s2 = StakeholderFactory(
        workspace=ws,
        name=NAMES[1],
        relation="legitimate_representative",
        category="cso_representative",
        is_global_majority=False,
        safety_level="elevated",
    )
    s3 = StakeholderFactory(
        workspace=ws,
        name=NAMES[2],
        relation="other_relevant",
        category="expert_academic",
        is_global_majority=True,
        safety_level="high_risk",
    )
    s4 = StakeholderFactory(
        workspace=ws,
        name=NAMES[3],
        relation="potentially_affected",
        category="employee",
        is_global_majority=False,
    )
    StakeholderRiskGroup.objects.create(stakeholder=s1, group="women_girls")
    StakeholderRiskGroup.objects.create(stakeholder=s3, group="hrd")
    StakeholderRiskGroup.objects.create(stakeholder=s4, group="workers")  # absent: not counted
    return [s1, s2, s3, s4]


def _participations(engagements, people):
    e1, e2, e3, e4, _planned, last_year = engagements
    s1, s2, s3, s4 = people

    def take_part(engagement, stakeholder, **kwargs):
        return ParticipationFactory(
            workspace=engagement.workspace,
            engagement=engagement,
            stakeholder=stakeholder,
            **kwargs,
        )

    take_part(
        e1,
        s1,
        representation="direct",
        needs_interpretation=True,
        compensation_status="paid",
        compensation_amount=50,
        compensation_currency="EUR",
    )
    take_part(e1, s2, representation="legitimate_representative")
    take_part(e2, s2, representation="legitimate_representative")
    take_part(e3, s3, representation="expert")
    take_part(
        e4,
        s3,
        representation="expert",
        compensation_status="paid",
        compensation_amount=100,
        compensation_currency="EUR",
    )
    take_part(e4, s4, representation="direct", attended=False)
    take_part(last_year, s2, representation="legitimate_representative")


def _inputs(ws, engagements, people, impacts):
    """Nine inputs in 2025 with known outcomes and loop times, two in 2024, and two that
    never count (merged, archived)."""
    e1, e2, e3, e4, _planned, last_year = engagements
    s1, s2, s3, _s4 = people
    # (engagement, stakeholder, outcome, rationale, days to close, impacts)
    rows = [
        (e1, s1, "adopted", "We added a human review step to appeals.", 2, [0]),
        (e1, s2, "adopted", ARABIC_RATIONALE, 4, [0]),
        (e1, s1, "partly_adopted", "Appeals in Arabic first, other languages later.", 10, [0]),
        (e2, s2, "adopted", "", 20, []),
        (e2, s2, "partly_adopted", "Notice period shortened, not removed.", 30, []),
        (e3, None, "not_adopted", "Out of our control.", None, [1]),
        (e4, s3, "deferred", "Waiting for the regulator.", None, []),
        (e4, s3, "", "", None, []),
        (None, s2, "", "", None, []),
    ]
    inputs = []
    for n, (engagement, who, outcome, rationale, days, linked) in enumerate(rows):
        created = at("2025-04-01") + datetime.timedelta(days=n)
        row = InputFactory(
            workspace=ws,
            engagement=engagement,
            stakeholder=who,
            is_anonymous=who is None,
            outcome=outcome,
            created_at=created,
            loop_closed_at=created + datetime.timedelta(days=days) if days else None,
            text=f"Input {n} from {who.name if who else 'someone'}",
        )
        row.impacts.set([impacts[i] for i in linked])
        if outcome:
            DecisionFactory(
                workspace=ws,
                input=row,
                outcome=outcome,
                rationale=rationale,
                decided_at=created + datetime.timedelta(days=1),
            )
        inputs.append(row)
    InputFactory(workspace=ws, created_at=at("2025-05-01"), merged_into=inputs[0])
    InputFactory(workspace=ws, created_at=at("2025-05-02"), archived_at=at("2025-06-01"))
    for days in (4, None):
        InputFactory(
            workspace=ws,
            engagement=last_year,
            created_at=at("2024-06-01"),
            loop_closed_at=at("2024-06-01") + datetime.timedelta(days=days) if days else None,
        )
    commitment = CommitmentFactory(workspace=ws, status="done", progress=100)
    commitment.inputs.set(inputs[:2])
    return inputs


def _the_rest(ws, engagements, people):
    e1, e2, _e3, _e4, _planned, last_year = engagements
    s1, s2, s3, _s4 = people
    EngagementSummaryFactory(
        workspace=ws,
        engagement=e1,
        what_we_heard="Participants asked for appeals in their own language.",
        what_we_did="Appeals are now offered in Arabic.",
        published_at=at("2025-04-20"),
    )
    SurveyAnswerFactory(
        workspace=ws,
        created_at=at("2025-05-01"),
        engagement=e1,
        stakeholder=s1,
        felt_heard=5,
        understood_outcome=4,
        would_take_part_again=5,
    )
    SurveyAnswerFactory(
        workspace=ws,
        created_at=at("2025-05-01"),
        engagement=e1,
        stakeholder=s2,
        felt_heard=3,
        understood_outcome=3,
        would_take_part_again=4,
    )
    SurveyAnswerFactory(
        workspace=ws,
        created_at=at("2025-05-01"),
        engagement=e2,
        stakeholder=s2,
        felt_heard=4,
        understood_outcome=5,
        would_take_part_again=5,
    )
    SurveyAnswerFactory(
        workspace=ws,
        created_at=at("2024-06-01"),
        engagement=last_year,
        stakeholder=s2,
        felt_heard=2,
        understood_outcome=2,
        would_take_part_again=3,
    )
    InformationRequestFactory(
        workspace=ws,
        stakeholder=s2,
        status="answered",
        received_at=at("2025-02-01"),
        answered_at=at("2025-02-11"),
        answer="Here is how appeals are reviewed.",
    )
    InformationRequestFactory(
        workspace=ws,
        stakeholder=s2,
        status="refused",
        refusal_ground="confidential",
        refusal_reasons="Commercially sensitive supplier contracts.",
        received_at=at("2025-05-01"),
        answered_at=at("2025-05-05"),
    )
    ConcernChannelSettings.objects.create(workspace=ws, is_enabled=True)
    concern = ConcernFactory(
        workspace=ws,
        channel="portal",
        raised_at=at("2025-07-01"),
        acknowledged_at=at("2025-07-03"),
        outcome="upheld",
        outcome_reasons="The suspension was wrong.",
        outcome_decided_at=at("2025-07-31"),
        status="remedy_in_progress",
        satisfaction_rating=4,
        stakeholder=s3,
    )
    RemedyFactory(workspace=ws, concern=concern, kind="apology", status="provided")


@pytest.fixture
def dataset(workspace) -> DataSet:
    steps = _steps(workspace)
    impacts = [
        ImpactFactory(workspace=workspace, title="Wrongful account suspension", salience=100),
        ImpactFactory(workspace=workspace, title="Exposure of defenders", salience=50),
        ImpactFactory(workspace=workspace, title="Unengaged issue", salience=10),
    ]
    engagements = _engagements(workspace, steps, impacts)
    people = _stakeholders(workspace)
    _participations(engagements, people)
    inputs = _inputs(workspace, engagements, people, impacts)
    _the_rest(workspace, engagements, people)
    return DataSet(engagements, people, impacts, inputs)
