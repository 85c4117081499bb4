"""Every figure of the report against a value computed by hand from the fixed data set."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heard.insights.disclosure.figures import Period
from heard.insights.disclosure.models import Framework
from heard.insights.disclosure.sections import build_report
from tests.factories import WorkspaceFactory
from tests.insights.disclosure.conftest import ARABIC_RATIONALE, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(workspace, dataset):
    return build_report(workspace, YEAR, Framework.values)


def table(report, key) -> list[list]:
    return next(t for t in report.tables() if t.key == key).rows


EXPECTED = {
    # who was engaged: 4 held engagements in 2025 (one planned and one from 2024 left out);
    # 5 participations of 3 stakeholders (the absentee is not counted).
    "engagements_held": 4,
    "stakeholders_engaged": 3,
    "participations": 5,
    "global_majority_share": 66.7,  # 2 of 3
    "steps_covered": 3,
    "months_with_engagement": 3,  # March, June, September
    "engagements_with_senior_role": 2,
    "engagements_with_purpose": 1,
    # inputs: 9 counted (merged and archived ones are not), 7 decided, 5 adopted in full or part
    "inputs": 9,
    "inputs_decided": 7,
    "inputs_adopted": 5,
    "adoption_share": 71.4,  # 5 / 7
    "commitments": 1,
    "commitments_done": 1,
    "summaries_published": 1,
    # effectiveness: 5 of 9 loops closed after 2, 4, 10, 20 and 30 days; 2024: 1 of 2 in 4 days
    "loop_closure_share": 55.6,
    "loop_closure_share_previous": 50.0,
    "median_days_to_response": 10.0,
    "median_days_to_response_previous": 4.0,
    "survey_answers": 3,
    "felt_heard": 4.0,  # (5 + 3 + 4) / 3
    "felt_heard_previous": 2.0,
    "felt_heard_share": 66.7,  # 5 and 4 of three answers
    "understood_outcome": 4.0,  # (4 + 3 + 5) / 3
    # vulnerable groups and barriers
    "stakeholders_at_risk": 2,
    "engagements_with_accommodations": 1,
    "engagements_with_interpretation": 1,
    "participants_interpreted": 1,
    "engagements_with_compensation": 1,
    "participants_paid": 2,
    "engagements_with_barriers": 1,
    "engagements_with_limits": 0,
    "engagements_with_briefing": 1,
    "engagements_with_glossary": 1,
    # safeguards
    "engagements_chatham_house": 2,
    "engagements_anonymous": 1,
    "inputs_anonymous": 1,
    "stakeholders_high_risk": 1,
    "stakeholders_elevated_risk": 1,
    # CSDDD art. 13(3): five default stages name it; three consulted (remedy only in a planned
    # engagement, suspending a relationship in none)
    "csddd_stages_required": 5,
    "csddd_stages_consulted": 3,
    # information requests: answered in 10 days, refused in 4
    "requests_received": 2,
    "requests_answered": 1,
    "requests_refused": 1,
    "requests_open": 0,
    "days_to_answer": 7.0,
    # concerns and remedy
    "concerns": 1,
    "concerns_anonymous": 0,
    "concerns_acknowledged": 1,
    "concerns_closed": 0,
    "days_to_acknowledge": 2.0,
    "days_to_outcome": 30.0,
    "remedies": 1,
    "remedies_provided": 1,
    "concern_satisfaction": 4.0,
    "concern_ratings": 1,
    "channel_open": "yes",
    # UNGP C2
    "salient_issues": 3,
    "salient_issues_engaged": 2,
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_figure_matches_the_hand_computed_value(report, key):
    assert report.figure(key) == EXPECTED[key]


def test_every_figure_is_checked(report):
    keys = {f.key for s in report.sections for f in s.figures}
    assert keys - set(EXPECTED) == set()


def test_engagement_tables(report):
    assert table(report, "representation") == [
        ["Directly (affected person)", 1],
        ["Legitimate representative", 2],
        ["Expert", 2],
    ]
    assert table(report, "relation") == [
        ["Potentially affected", 1],
        ["Legitimate representative of affected people", 1],
        ["Other relevant stakeholder / expert", 1],
    ]
    assert table(report, "esrs_groups") == [
        ["S1 Own workforce", 0],
        ["S2 Workers in the value chain", 0],
        ["S3 Affected communities", 2],
        ["S4 Consumers and end-users", 0],
        ["Other relevant stakeholders and experts", 1],
    ]
    assert table(report, "hrdd_steps") == [
        ["Identify & assess", "UNGP 17–18; CSDDD art. 13(3)(a)", 2],
        ["Prevention and action plans", "UNGP 19; CSDDD art. 13(3)(b)", 2],
        [
            "Decisions to suspend or end a business relationship",
            "UNGP 19 commentary; CSDDD art. 13(3)(c)",
            0,
        ],
        ["Integrate & act", "UNGP 19", 0],
        ["Track and monitoring indicators", "UNGP 20; CSDDD art. 13(3)(e)", 1],
        ["Communicate", "UNGP 21", 0],
        ["Remedy", "UNGP 22; CSDDD art. 13(3)(d)", 0],
    ]
    assert table(report, "formats") == [
        ["1:1 interview", 1],
        ["Roundtable", 2],
        ["Workshop", 1],
    ]
    assert table(report, "frequency") == [["2025-03", 2], ["2025-06", 1], ["2025-09", 1]]
    assert table(report, "lifecycle") == [["Not recorded", 4]]
    assert table(report, "responsibility") == [
        ["Not recorded", "Not recorded", 2],
        ["Human rights", "Chief Legal Officer", 2],
    ]
    assert table(report, "categories") == [
        ["Community member", 1],
        ["Civil society representative", 1],
        ["Expert / academic", 1],
    ]


def test_decision_and_vulnerability_tables(report):
    assert table(report, "outcomes") == [
        ["Adopted", 3],
        ["Partly adopted", 2],
        ["Not adopted", 1],
        ["Deferred", 1],
        ["Not decided yet", 2],
    ]
    assert table(report, "commitments") == [["Done", 1]]
    assert table(report, "risk_groups") == [["Women and girls", 1], ["Human rights defenders", 1]]
    assert table(report, "safety_levels") == [["Standard", 1], ["Elevated", 1], ["High-risk", 1]]
    assert table(report, "compensation") == [["EUR", 150.0, 2]]
    assert table(report, "attribution") == [
        ["Chatham House rule", 2],
        ["Attributed with consent", 1],
        ["Anonymous", 1],
    ]
    effectiveness = table(report, "effectiveness")
    assert effectiveness[0][1:] == [55.6, 50.0]
    assert effectiveness[2][1:] == [3, 1]
    assert effectiveness[5][1:] == [4.7, 3.0]  # (5 + 4 + 5) / 3, one decimal


def test_requests_concerns_and_salient_issues(report):
    assert table(report, "requests") == [["Answered", 1], ["Refused", 1]]
    assert table(report, "refusals") == [
        ["Confidential business information", 1, "Commercially sensitive supplier contracts."]
    ]
    assert table(report, "concern_channels") == [["Stakeholder portal", 1]]
    assert table(report, "concern_outcomes") == [["Upheld", 1]]
    assert table(report, "remedy_kinds") == [["Apology", 1]]
    assert table(report, "remedy_status") == [["Provided", 1]]
    rows = table(report, "salient_issues")
    assert rows[0] == [
        "Wrongful account suspension",
        100,
        "Identified",
        1,
        2,
        "Legitimate representative of affected people: 1; Potentially affected: 1",
        3,
        3,  # all three inputs on it adopted in full or in part
    ]
    assert rows[1] == [
        "Exposure of defenders",
        50,
        "Identified",
        1,
        1,
        "Other relevant stakeholder / expert: 1",
        1,
        0,
    ]
    assert rows[2][3:] == [0, 0, "–", 0, 0]


def test_examples_are_rationales_and_summaries_with_their_direction(report):
    quotes = report.section("esrs_decisions").quotes
    texts = [q.text for q in quotes]
    # adopted or partly adopted decisions with a rationale, newest first; then the summary
    assert texts[:4] == [
        "Notice period shortened, not removed.",
        "Appeals in Arabic first, other languages later.",
        ARABIC_RATIONALE,
        "We added a human review step to appeals.",
    ]
    assert "Appeals are now offered in Arabic." in texts
    assert [q.direction for q in quotes[:4]] == ["ltr", "ltr", "rtl", "ltr"]
    c2 = report.section("ungp_c2").quotes
    assert [q.text for q in c2] == ["Appeals in Arabic first, other languages later."]
    barriers = report.section("esrs_barriers").quotes
    assert [q.text for q in barriers] == ["Poor connectivity in rural areas."]


def test_missing_stage_is_said_plainly(report):
    statements = report.section("csddd_stages").statements
    assert statements == [
        "No consultation was recorded at the stage “Decisions to suspend or end a business "
        "relationship” (UNGP 19 commentary; CSDDD art. 13(3)(c)).",
        "No consultation was recorded at the stage “Remedy” (UNGP 22; CSDDD art. 13(3)(d)).",
    ]


def test_empty_workspace_says_no_process_in_place(db):
    report = build_report(WorkspaceFactory(), YEAR, Framework.values)
    for section in report.sections:
        assert section.empty.startswith("No process in place"), section.key
        assert not section.figures and not section.tables and not section.quotes


def test_workspace_with_records_outside_the_period_says_no_records(workspace, dataset):
    quiet = Period(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    report = build_report(workspace, quiet, Framework.values)
    assert report.section("esrs_engagement").empty == "No records in this period."
    assert report.section("esrs_decisions").empty == "No records in this period."
    # the channel is open: said so, with zero concerns
    assert report.figure("concerns") == 0


def test_previous_period_of_a_calendar_year_is_the_year_before():
    assert YEAR.previous() == Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    odd = Period(datetime.date(2025, 3, 15), datetime.date(2025, 3, 24))
    assert odd.previous() == Period(datetime.date(2025, 3, 5), datetime.date(2025, 3, 14))


def test_query_count_does_not_grow_with_the_data(workspace, dataset):
    def count(ws) -> int:
        with CaptureQueriesContext(connection) as queries:
            build_report(ws, YEAR, Framework.values)
        return len(queries)

    small = count(workspace)
    from tests.insights.disclosure.conftest import _inputs

    _inputs(workspace, dataset.engagements, dataset.stakeholders, dataset.impacts)
    assert count(workspace) == small
