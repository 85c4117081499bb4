"""The checks against the database: one engagement's inclusivity and fatigue (with
alternatives), the workspace pages, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from heard.core.models import Role
from heard.engagements.checks.coverage import coverage_matrix, impact_coverage
from heard.engagements.checks.fatigue import Level, engagement_fatigue
from heard.engagements.checks.inclusivity import (
    engagement_inclusivity,
    engagement_rows,
    period_engagements,
    workspace_inclusivity,
)
from heard.engagements.models import HrddStep
from heard.stakeholders import services as registry
from heard.stakeholders.models import StakeholderRiskGroup
from tests.conftest import member_client
from tests.factories import (
    EngagementFactory,
    ImpactFactory,
    InitiativeFactory,
    OrganisationFactory,
    ParticipationFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def person(workspace, name, **fields):
    fields.setdefault("country", "KE")
    return registry.create_stakeholder(workspace=workspace, actor=None, name=name, **fields)


def engagement(workspace, days=0, **fields):
    return EngagementFactory(
        workspace=workspace, starts_on=TODAY + datetime.timedelta(days), **fields
    )


def invite(e, stakeholder, **fields):
    return ParticipationFactory(
        workspace=e.workspace, engagement=e, stakeholder=stakeholder, **fields
    )


# --- inclusivity


def test_engagement_inclusivity_reads_the_invitee_list(workspace):
    impact = ImpactFactory(workspace=workspace)
    for group in ("children", "women_girls"):
        impact.risk_group_links.create(group=group)
    e = engagement(workspace, languages=["en"], interpretation_languages=["fr"])
    e.impacts.add(impact)
    invite(
        e,
        person(
            workspace,
            "Global North expert",
            country="US",
            relation="other_relevant",
            languages=["en"],
        ),
    )
    invite(
        e,
        person(
            workspace, "Second expert", country="DE", relation="other_relevant", languages=["sw"]
        ),
    )
    rep = person(
        workspace,
        "Women's group rep",
        country="KE",
        relation="legitimate_representative",
        languages=["sw"],
        risk_groups=["women_girls"],
    )
    invite(e, rep)
    declined = person(workspace, "Declined", country="KE", relation="potentially_affected")
    invite(e, declined, invitation_state="declined")
    report = engagement_inclusivity(e)
    s = report.summary
    assert (s.total, s.global_majority, s.country_known) == (3, 1, 3)
    assert s.relations["legitimate_representative"] == 1
    assert s.relations["potentially_affected"] == 0  # the declined one does not count
    warnings = {f.code for f in report.findings if f.is_warning}
    assert {
        "global_majority_low",
        "missing_potentially_affected",
        "no_lived_experience",
        "missing_risk_group_children",
        "language_sw",
    } <= warnings
    assert "missing_risk_group_women_girls" not in warnings
    assert "no_affected_voices" not in warnings
    assert report.language_gaps == {"sw": 2}


def test_workspace_inclusivity_over_a_period(workspace):
    inside = engagement(workspace, days=-10)
    outside = engagement(workspace, days=-400)
    invite(inside, person(workspace, "A", country="US", relation="potentially_affected"))
    invite(outside, person(workspace, "B", country="KE", relation="potentially_affected"))
    period = workspace_inclusivity(workspace, TODAY - datetime.timedelta(days=30), TODAY)
    assert period.engagement_count == 1
    assert period.report.summary.total == 1
    assert period.report.summary.global_majority == 0
    (row,) = engagement_rows(list(period_engagements(workspace, period.start, period.end)))
    assert (row.invitee_count, row.affected_count, row.global_majority_count) == (1, 1, 0)


# --- fatigue


def test_fatigue_warns_over_the_threshold_with_the_two_exceptions(workspace):
    workspace.fatigue_threshold, workspace.fatigue_window_days = 2, 90
    workspace.save()
    busy = person(workspace, "Busy Bee", relation="potentially_affected")
    agreed = person(workspace, "Has agreement", has_standing_agreement=True)
    eligible = person(workspace, "Paid", is_compensation_eligible=True)
    paid_here = person(workspace, "Paid here")
    rested = person(workspace, "Rested")
    for days in (-30, 40):
        other = engagement(workspace, days=days)
        for p in (busy, agreed, eligible, paid_here):
            invite(other, p)
    far = engagement(workspace, days=-200)  # outside the window
    invite(far, rested)
    invite(engagement(workspace, days=-20), rested, invitation_state="declined")  # not counted
    e = engagement(workspace)
    for p in (busy, agreed, eligible, rested):
        invite(e, p)
    invite(e, paid_here, compensation_status="offered")
    report = engagement_fatigue(e)
    levels = {i.stakeholder.name: (i.level, i.count) for i in report.invitees}
    assert levels["Busy Bee"] == (Level.OVER, 2)
    assert levels["Has agreement"][0] == Level.EXCEPTED
    assert levels["Paid"][0] == Level.EXCEPTED
    assert levels["Paid here"][0] == Level.EXCEPTED
    assert "Rested" not in levels
    assert [i.stakeholder.name for i in report.over] == ["Busy Bee"]


def test_alternatives_are_similar_less_engaged_and_not_fatigued(workspace):
    workspace.fatigue_threshold = 1
    workspace.save()
    topics = registry.topics_named(workspace, ["content moderation", "privacy"])
    busy = person(workspace, "Busy", relation="potentially_affected", topics=topics[:1])
    twin = person(workspace, "Twin", relation="potentially_affected", topics=topics[:1])
    cousin = person(workspace, "Cousin", relation="potentially_affected", topics=topics[1:])
    also_busy = person(workspace, "Also busy", relation="potentially_affected", topics=topics[:1])
    person(workspace, "Expert", relation="other_relevant", topics=topics[:1])
    person(workspace, "Elsewhere", relation="potentially_affected", country="BR", topics=topics[:1])
    gone = person(workspace, "Archived", relation="potentially_affected", topics=topics[:1])
    registry.archive(workspace=workspace, actor=None, obj=gone)
    earlier = engagement(workspace, days=-10)
    invite(earlier, busy)
    invite(earlier, also_busy)
    e = engagement(workspace)
    invite(e, busy)
    (over,) = engagement_fatigue(e).over
    # Same relation and country; Twin shares the topic; the fatigued, the archived, the
    # expert and the person elsewhere are not suggested.
    assert [s.pk for s in over.alternatives] == [twin.pk, cousin.pk]


def test_organisation_fatigue(workspace):
    workspace.fatigue_threshold = 2
    workspace.save()
    org = OrganisationFactory(workspace=workspace, name="Busy NGO")
    colleagues = [person(workspace, f"Colleague {i}", organisation=org) for i in range(3)]
    for i, colleague in enumerate(colleagues[:2]):
        invite(engagement(workspace, days=-5 - i), colleague)
    e = engagement(workspace)
    invite(e, colleagues[2])
    report = engagement_fatigue(e)
    assert [(o.name, o.count) for o in report.organisations] == [("Busy NGO", 2)]
    assert report.over == []


# --- coverage


def test_coverage_counts_step_by_stage_per_initiative(workspace):
    steps = list(HrddStep.objects.for_workspace(workspace).order_by("position"))
    identify, remedy = steps[0], steps[-1]
    product = InitiativeFactory(workspace=workspace, stage="testing")
    for stage in ("research_design", "research_design", "testing"):
        e = engagement(workspace, lifecycle_stage=stage, initiative=product)
        e.hrdd_steps.add(identify)
    other = engagement(workspace, lifecycle_stage="launch")
    other.hrdd_steps.add(remedy)
    engagement(workspace, lifecycle_stage="launch")  # serves no step
    archived = engagement(workspace, lifecycle_stage="launch", archived_at=timezone.now())
    archived.hrdd_steps.add(remedy)
    whole = coverage_matrix(workspace)
    row = {step.pk: cells for step, cells, _total in whole.rows}
    assert [c.count for c in row[identify.pk][:4]] == [2, 0, 1, 0]
    assert row[remedy.pk][3].count == 1
    assert whole.without_step == 1
    mine = coverage_matrix(workspace, product)
    row = {step.pk: cells for step, cells, _total in mine.rows}
    assert row[remedy.pk][3].count == 0 and row[remedy.pk][3].is_future
    assert row[identify.pk][1].is_gap  # development reached, nothing there


def test_impact_coverage_counts_affected_and_representatives_engaged(workspace):
    high = ImpactFactory(workspace=workspace, title="High", salience=80)
    ImpactFactory(workspace=workspace, title="Low", salience=5)
    ImpactFactory(workspace=workspace, title="Closed", salience=99, status="closed")
    e = engagement(workspace)
    e.impacts.add(high)
    invite(e, person(workspace, "Affected", relation="potentially_affected"), attended=True)
    invite(
        e,
        person(workspace, "Rep", relation="legitimate_representative"),
        invitation_state="accepted",
    )
    invite(e, person(workspace, "No show", relation="potentially_affected"), attended=False)
    invite(e, person(workspace, "Expert", relation="other_relevant"), attended=True)
    rows = impact_coverage(workspace)
    assert [r.impact.title for r in rows] == ["High", "Low"]
    assert (rows[0].affected, rows[0].representatives, rows[0].engagement_count) == (1, 1, 1)
    assert not rows[0].is_gap and rows[1].is_gap


# --- pages


def test_engagement_page_shows_the_checks(workspace, owner_client):
    workspace.fatigue_threshold = 1
    workspace.save()
    busy = person(workspace, "Busy Bee", country="US", relation="other_relevant")
    invite(engagement(workspace, days=-3), busy)
    e = engagement(workspace)
    invite(e, busy)
    person(workspace, "Fresh Face", country="US", relation="other_relevant")
    page = owner_client.get(reverse("engagements:engagement_detail", args=[workspace.slug, e.pk]))
    checks_url = reverse("checks:engagement_checks", args=[workspace.slug, e.pk])
    # The page loads its checks in a second request (a link without JavaScript).
    assert f'hx-get="{checks_url}" hx-trigger="load"' in page.content.decode()
    html = owner_client.get(checks_url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html  # the partial alone
    assert "Inclusivity" in html and "Fatigue" in html
    assert "already in 1 other engagement in the window" in html
    assert "Fresh Face" in html  # offered as the alternative
    assert "are from the Global Majority" in html
    assert f"/engagements/{e.pk}/participants/add/?global_majority=yes" in html
    page = owner_client.get(reverse("checks:engagement_checks", args=[workspace.slug, e.pk]))
    assert "Busy Bee" in page.content.decode()


def test_viewer_gets_registry_links_not_invite_forms(workspace):
    e = engagement(workspace)
    viewer = member_client(workspace, Role.VIEWER)
    html = viewer.get(reverse("checks:engagement_checks", args=[workspace.slug, e.pk]))
    html = html.content.decode()
    assert f"/w/{workspace.slug}/stakeholders/?relation=potentially_affected" in html
    assert "participants/add" not in html


def test_coverage_page_links_cells_to_the_filtered_list(workspace, owner_client):
    step = HrddStep.objects.for_workspace(workspace).order_by("position").first()
    product = InitiativeFactory(workspace=workspace, stage="launch")
    e = engagement(workspace, lifecycle_stage="testing", initiative=product)
    e.hrdd_steps.add(step)
    page = owner_client.get(reverse("checks:coverage", args=[workspace.slug]))
    html = page.content.decode()
    assert f"?hrdd_step={step.pk}&amp;lifecycle_stage=testing" in html
    assert "gap" in html
    page = owner_client.get(
        reverse("checks:initiative_coverage", args=[workspace.slug, product.pk])
    )
    assert f"&amp;initiative={product.pk}" in page.content.decode()
    listed = owner_client.get(
        reverse("engagements:engagement_list", args=[workspace.slug]),
        {"hrdd_step": step.pk, "lifecycle_stage": "testing", "initiative": product.pk},
    )
    assert e.title in listed.content.decode()


def test_inclusivity_page_and_bad_dates(workspace, owner_client):
    url = reverse("checks:inclusivity", args=[workspace.slug])
    page = owner_client.get(url, {"start": "2026-13-45", "end": "2026-01-01"})
    assert page.status_code == 200
    assert "Ignored the filter" in page.content.decode()
    swapped = owner_client.get(url, {"start": "2026-05-01", "end": "2026-01-01"})
    assert "swapped" in swapped.content.decode()


def test_fatigue_page_lists_people_at_the_threshold(workspace, owner_client):
    workspace.fatigue_threshold = 2
    workspace.save()
    busy = person(workspace, "Busy Bee")
    today = timezone.localdate()
    for days in (-5, -15):
        e = EngagementFactory(workspace=workspace, starts_on=today + datetime.timedelta(days))
        invite(e, busy)
    html = owner_client.get(reverse("checks:fatigue", args=[workspace.slug])).content.decode()
    assert "Busy Bee" in html
    assert "1 person at or over the threshold" in html


def test_reports_are_cached_and_can_be_recalculated(workspace, owner_client):
    workspace.fatigue_threshold = 1
    workspace.save()
    url = reverse("checks:fatigue", args=[workspace.slug])
    assert "Nobody is at the threshold" in owner_client.get(url).content.decode()
    busy = person(workspace, "Busy Bee")
    invite(EngagementFactory(workspace=workspace, starts_on=timezone.localdate()), busy)
    assert "Busy Bee" not in owner_client.get(url).content.decode()  # cached figures
    fresh = owner_client.get(url, {"fresh": "1"}).content.decode()
    assert "Busy Bee" in fresh and "Figures as of" in fresh


# --- query counts at two sizes


def _count(client, path) -> int:
    cache.clear()  # the workspace reports are cached: count the computation, not a hit
    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(workspace, n: int, offset: int) -> None:
    step = HrddStep.objects.for_workspace(workspace).first()
    impact = ImpactFactory(workspace=workspace, salience=10 + offset)
    for i in range(n):
        e = engagement(workspace, days=-i, lifecycle_stage="testing")
        e.hrdd_steps.add(step)
        e.impacts.add(impact)
        for _j in range(3):
            s = StakeholderFactory(workspace=workspace, relation="potentially_affected")
            StakeholderRiskGroup.objects.create(stakeholder=s, group="children")
            invite(e, s, attended=True)


@pytest.mark.parametrize("name", ["coverage", "inclusivity", "fatigue"])
def test_check_pages_queries_do_not_grow(workspace, owner_client, name):
    path = reverse(f"checks:{name}", args=[workspace.slug])
    _grow(workspace, 2, 0)
    small = _count(owner_client, path)
    _grow(workspace, 12, 100)
    assert _count(owner_client, path) == small


def test_engagement_checks_queries_do_not_grow(workspace, owner_client):
    workspace.fatigue_threshold = 1
    workspace.save()
    e = engagement(workspace)
    path = reverse("checks:engagement_checks", args=[workspace.slug, e.pk])

    def add(n):
        for _ in range(n):
            s = StakeholderFactory(workspace=workspace, relation="potentially_affected")
            StakeholderFactory(
                workspace=workspace, relation="potentially_affected"
            )  # an alternative
            invite(engagement(workspace, days=-3), s)  # makes them fatigued
            invite(e, s)

    add(2)
    small = _count(owner_client, path)
    add(15)
    assert _count(owner_client, path) == small
