"""The checks and councils in Chromium: an engagement's inclusivity and fatigue warnings with
one-click remedies, the coverage matrix, and an advisory council set up through the forms —
with axe-core on each page and screenshots to look at."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from heard.core.models import Role
from heard.engagements.models import HrddStep, Participation
from heard.stakeholders import services as registry
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import (
    PASSWORD,
    EngagementFactory,
    ImpactFactory,
    InitiativeFactory,
    MembershipFactory,
    ParticipationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")


def _person(workspace, name, **fields):
    fields.setdefault("country", "US")
    return registry.create_stakeholder(workspace=workspace, actor=None, name=name, **fields)


@pytest.fixture
def planned(owner):
    """An engagement whose invitees are all experts from the Global North, one of them busy."""
    workspace = owner.workspace
    workspace.fatigue_threshold = 2
    workspace.save()
    today = timezone.localdate()
    impact = ImpactFactory(workspace=workspace, title="Child safety in group chats", salience=60)
    impact.risk_group_links.create(group="children")
    busy = _person(workspace, "Busy Expert", relation="other_relevant", languages=["en"])
    for days in (-20, -50):
        earlier = EngagementFactory(
            workspace=workspace, starts_on=today + datetime.timedelta(days=days)
        )
        ParticipationFactory(workspace=workspace, engagement=earlier, stakeholder=busy)
    _person(workspace, "Fresh Expert", relation="other_relevant", languages=["en"])
    engagement = EngagementFactory(
        workspace=workspace,
        title="Roundtable on group chats",
        starts_on=today + datetime.timedelta(days=10),
        languages=["en"],
    )
    engagement.impacts.add(impact)
    ParticipationFactory(workspace=workspace, engagement=engagement, stakeholder=busy)
    other = _person(workspace, "Second Expert", relation="other_relevant", languages=["sw"])
    ParticipationFactory(workspace=workspace, engagement=engagement, stakeholder=other)
    return engagement


def test_engagement_checks_warn_and_offer_alternatives(page, owner, planned):
    slug = owner.workspace.slug
    log_in(page, owner.user.email, PASSWORD)
    page.goto(f"/w/{slug}/engagements/{planned.pk}/")
    checks = page.locator("#checks")
    checks.locator("#fatigue-h").wait_for()  # loaded after the page
    checks.scroll_into_view_if_needed()
    text = checks.inner_text()
    assert "Only 0 of 2 invitees (0%) are from the Global Majority" in text
    assert "Neither potentially affected people nor their legitimate representatives" in text
    assert "Children and young people" in text
    assert "1 invitee works in Swahili" in text
    assert "already in 2 other engagements in the window" in text
    assert "Fresh Expert" in text  # the suggested alternative
    checks.screenshot(path=str(_shots() / "checks-partial.png"))
    screenshot(page, "engagement-checks")
    assert_accessible(page)

    # One click invites the alternative instead.
    page.get_by_role("button", name="Invite instead").first.click()
    page.wait_for_load_state()
    assert Participation.objects.filter(
        engagement=planned, stakeholder__name="Fresh Expert"
    ).exists()

    # One click finds the missing voices, filtered, on the invite page.
    page.goto(f"/w/{slug}/engagements/{planned.pk}/")
    page.locator("#checks #fatigue-h").wait_for()
    page.get_by_role("link", name="Find Global Majority voices →").click()
    page.wait_for_load_state()
    assert "global_majority=yes" in page.url and "/participants/add/" in page.url


def _shots():
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def test_coverage_matrix(page, owner):
    workspace = owner.workspace
    steps = list(HrddStep.objects.for_workspace(workspace).order_by("position"))
    product = InitiativeFactory(workspace=workspace, name="Group chats", stage="launch")
    for step, stage in ((steps[0], "research_design"), (steps[0], "testing"), (steps[1], "launch")):
        e = EngagementFactory(workspace=workspace, lifecycle_stage=stage, initiative=product)
        e.hrdd_steps.add(step)
    impact = ImpactFactory(workspace=workspace, title="Harassment of journalists", salience=70)
    impact.initiatives.add(product)
    log_in(page, owner.user.email, PASSWORD)
    page.goto(f"/w/{workspace.slug}/checks/coverage/?initiative={product.pk}")
    assert page.get_by_role("heading", name="Coverage: Group chats").is_visible()
    matrix = page.locator("table.coverage-matrix")
    assert matrix.locator("td.cell-gap").count() > 0
    assert matrix.locator("td.cell-future").count() == 2 * len(steps)  # in use, retirement
    assert "has not been discussed with anyone affected" in page.content()
    screenshot(page, "coverage-matrix")
    assert_accessible(page)
    matrix.get_by_role("link", name=re.compile(r"^1 engagement: .*, Testing$")).click()
    page.wait_for_load_state()
    assert f"hrdd_step={steps[0].pk}" in page.url and "lifecycle_stage=testing" in page.url
    assert "1 engagement" in page.content()


def test_set_up_a_council_and_seat_a_member(page, owner):
    workspace = owner.workspace
    _person(workspace, "Amina Yusuf", country="NG", relation="legitimate_representative")
    log_in(page, owner.user.email, PASSWORD)
    page.goto(f"/w/{workspace.slug}/councils/")
    assert_accessible(page)
    page.get_by_role("button", name="Set up a council").click()
    page.get_by_label("Name").fill("Trust & Safety Advisory Council")
    page.get_by_label("Terms of reference").fill("Advise on content policy, twice a year.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Trust & Safety Advisory Council").is_visible()

    page.get_by_role("button", name="Add a member").click()
    page.get_by_label("Find a stakeholder in the registry").fill("Amina")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Amina Yusuf").click()
    today = timezone.localdate()
    page.get_by_label("Role").select_option("chair")
    page.get_by_label("Term starts on").fill((today - datetime.timedelta(days=700)).isoformat())
    page.get_by_label("Term ends on").fill((today + datetime.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Add to the council").click()
    page.wait_for_load_state()
    members = page.locator("#members")
    assert "Amina Yusuf" in members.inner_text()
    assert "ends in 20 days: plan rotation" in members.inner_text()

    # A second, overlapping term is refused with a clear message.
    page.get_by_role("button", name="Add a member").click()
    page.get_by_label("Find a stakeholder in the registry").fill("Amina")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Amina Yusuf").click()
    page.get_by_label("Term starts on").fill(today.isoformat())
    page.get_by_label("Term ends on").fill((today + datetime.timedelta(days=400)).isoformat())
    page.get_by_role("button", name="Add to the council").click()
    assert page.get_by_text("already on the council").is_visible()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_load_state()
    screenshot(page, "council")
    assert_accessible(page)


def test_relationship_timeline_and_todo(page, owner):
    workspace = owner.workspace
    workspace.key_relationship_months = 6
    workspace.save()
    today = timezone.localdate()
    person = _person(
        workspace,
        "Amina Yusuf",
        country="NG",
        is_key_relationship=True,
        relationship_owner=owner.user,
    )
    registry.record_consent(
        workspace=workspace,
        actor=None,
        stakeholder=person,
        given_at=timezone.now() - datetime.timedelta(days=400),
    )
    old = EngagementFactory(
        workspace=workspace, title="Listening session", starts_on=today - datetime.timedelta(300)
    )
    ParticipationFactory(workspace=workspace, engagement=old, stakeholder=person, attended=True)
    log_in(page, owner.user.email, PASSWORD)
    page.goto(f"/w/{workspace.slug}/")
    todo = page.locator("section.todo")
    assert "Key relationships to renew" in todo.inner_text()
    todo.get_by_role("link", name="Amina Yusuf").click()
    page.wait_for_load_state()
    text = page.locator("#relationship").inner_text()
    assert "Listening session" in text and "Consent given" in text
    assert "no contact in 6 months" in text
    screenshot(page, "relationship-timeline")
    assert_accessible(page)
