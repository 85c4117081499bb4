"""The checks' rules on plain data: no database."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from heard.engagements.checks import coverage, fatigue
from heard.engagements.checks.inclusivity import InviteeSummary, assess, language_gaps

PA, LR, OR = "potentially_affected", "legitimate_representative", "other_relevant"


def codes(report) -> set[str]:
    return {f.code for f in report.findings if f.is_warning}


def balanced(**changes) -> InviteeSummary:
    fields = {
        "total": 10,
        "global_majority": 7,
        "country_known": 10,
        "relations": {PA: 4, LR: 3, OR: 3},
        "lived_experience": 2,
        "risk_groups": {"women_girls", "lgbtqi"},
    }
    fields.update(changes)
    return InviteeSummary(**fields)


# --- inclusivity


def test_a_balanced_list_has_no_warnings():
    report = assess(balanced(), risk_groups_needed={"women_girls"})
    assert codes(report) == set()
    assert report.findings[0].code == "inclusive"


def test_low_global_majority_share_warns_with_a_filter_link():
    report = assess(balanced(global_majority=3))
    (finding,) = [f for f in report.findings if f.code == "global_majority_low"]
    assert "3 of 10" in finding.message and "30%" in finding.message
    assert finding.query == "global_majority=yes"


def test_share_counts_only_known_countries():
    summary = balanced(global_majority=3, country_known=5)
    assert summary.global_majority_percent == 60
    assert "global_majority_low" not in codes(assess(summary))
    unknown = assess(balanced(global_majority=0, country_known=0))
    assert "country_unknown" in {f.code for f in unknown.findings}


def test_missing_affected_voices_warns_per_relation():
    report = assess(balanced(relations={PA: 0, LR: 0, OR: 10}))
    # One warning for the gap; the representatives' link stays as a pointer.
    assert codes(report) == {"no_affected_voices"}
    link = next(f for f in report.findings if f.code == f"missing_{LR}")
    assert link.query == f"relation={LR}" and link.level == "info"
    only_reps = assess(balanced(relations={PA: 0, LR: 3, OR: 7}))
    assert codes(only_reps) == {f"missing_{PA}"}
    experts_missing = assess(balanced(relations={PA: 5, LR: 5, OR: 0}))
    assert f"missing_{OR}" not in codes(experts_missing)  # experts: a note, not a warning
    assert f"missing_{OR}" in {f.code for f in experts_missing.findings}


def test_no_lived_experience_warns():
    report = assess(balanced(lived_experience=0))
    finding = next(f for f in report.findings if f.code == "no_lived_experience")
    assert finding.query == "category=lived_experience"


def test_risk_groups_named_by_impacts_but_not_represented():
    report = assess(balanced(), risk_groups_needed={"women_girls", "children", "indigenous"})
    assert report.missing_risk_groups == ["children", "indigenous"]
    assert {"missing_risk_group_children", "missing_risk_group_indigenous"} <= codes(report)
    finding = next(f for f in report.findings if f.code == "missing_risk_group_children")
    assert finding.query == "risk_group=children"
    assert "Children" in finding.message


def test_empty_list_points_to_affected_people_and_named_groups():
    report = assess(InviteeSummary(), risk_groups_needed={"children"})
    assert {f.code for f in report.findings} == {"no_invitees", "missing_risk_group_children"}


def test_language_gaps():
    invitees = [
        (["sw"], ""),  # needs Swahili: not covered
        (["sw", "en"], ""),  # speaks English: covered
        (["pt"], ""),  # Portuguese interpretation planned: covered
        ([], ""),  # unknown languages: not counted
        (["sw"], "sw"),  # asked for Swahili interpretation: not planned
        (["fr"], "pt"),  # asked for Portuguese: planned
    ]
    assert language_gaps(invitees, ["en"], ["pt"]) == {"sw": 2}
    assert language_gaps(invitees, ["en", "SW"], ["pt"]) == {}


def test_language_findings_ask_to_plan_interpretation():
    report = assess(balanced(), gaps={"sw": 2, "am": 1})
    findings = [f for f in report.findings if f.action == "plan_interpretation"]
    assert [f.code for f in findings] == ["language_sw", "language_am"]
    assert "2 invitees work in Swahili" in findings[0].message


# --- fatigue


def test_threshold_and_the_two_exceptions():
    assert fatigue.level_for(2, 3) == fatigue.Level.OK
    assert fatigue.level_for(3, 3) == fatigue.Level.OVER
    assert fatigue.level_for(5, 3, has_standing_agreement=True) == fatigue.Level.EXCEPTED
    assert fatigue.level_for(5, 3, is_compensated=True) == fatigue.Level.EXCEPTED
    assert fatigue.level_for(0, 1) == fatigue.Level.OK


def test_window_reaches_both_sides():
    start, end = fatigue.window(datetime.date(2026, 3, 31), 90)
    assert (start, end) == (datetime.date(2025, 12, 31), datetime.date(2026, 6, 29))


def profile(pk, relation=PA, country="KE", topics=(), languages=(), last=None):
    return {
        "id": pk,
        "relation": relation,
        "country": country,
        "topics": list(topics),
        "languages": list(languages),
        "last_engaged_on": last,
    }


def test_alternatives_rank_by_similarity_then_least_recently_engaged():
    target = profile(1, topics=[1, 2], languages=["sw"])
    candidates = [
        profile(2, topics=[9], last=datetime.date(2026, 1, 1)),
        profile(3, topics=[1], last=datetime.date(2026, 5, 1)),
        profile(4, topics=[1], last=None),  # never engaged: first among equals
        profile(5, topics=[1, 2], languages=["sw"], last=datetime.date(2026, 6, 1)),
        profile(6, relation=OR, country="US"),  # shares nothing: never suggested
    ]
    ranked = fatigue.rank_alternatives(target, candidates, limit=4)
    assert [c["id"] for c in ranked] == [5, 4, 3, 2]


# --- coverage


def test_matrix_gaps_and_not_yet_stages():
    steps = [SimpleNamespace(pk=1, name="Identify"), SimpleNamespace(pk=2, name="Remedy")]
    counts = {(1, "research_design"): 2, (1, "testing"): 1, (2, ""): 4}
    whole = coverage.build_matrix(steps, counts)
    identify = whole.rows[0][1]
    assert [c.count for c in identify][:3] == [2, 0, 1]
    assert identify[1].is_gap and not identify[0].is_gap
    assert not whole.rows[1][1][-1].is_gap  # "no stage" is never a gap
    assert whole.gap_count == 6 + 4  # 6 stages: Identify misses 4, Remedy all 6 → 10
    assert whole.rows[1][2] == 4
    assert whole.column_totals[0] == 2 and whole.column_totals[-1] == 4

    early = coverage.build_matrix(steps, counts, current_stage="development")
    cells = early.rows[0][1]
    assert [c.is_future for c in cells[:6]] == [False, False, True, True, True, True]
    assert not cells[2].is_gap  # testing: not reached yet, not a gap
    assert early.gap_count == 1 + 2  # Identify misses development; Remedy misses both
