"""Impacts in Chromium: register an impact with the scored form, see it ranked, open its
detail with the arithmetic, move its status and add an action; axe-core on each page."""

import re

import pytest

from heard.core.models import Role
from heard.impacts import services
from heard.impacts.models import Impact
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(text: str) -> re.Pattern:
    """A form label as Django renders it, with or without its trailing colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")


def _seed(workspace):
    initiative = services.create_initiative(
        workspace=workspace,
        actor=None,
        name="Live location sharing",
        kind="feature",
        owning_team="Messaging",
        stage="testing",
    )
    services.save_plan(
        workspace=workspace,
        actor=None,
        initiative=initiative,
        stage="testing",
        categories=["lived_experience", "cso_representative"],
        risk_groups=["women_girls"],
        timing="before_launch",
        cleared_to_share="Prototype screens and the default settings.",
    )
    services.create_impact(
        workspace=workspace,
        actor=None,
        title="Older people locked out of essential services",
        kind="potential",
        involvement="contribute",
        rights=["icescr-9"],
        risk_groups=["older"],
        scale=2,
        scope=3,
        irremediability=2,
        likelihood=3,
    )
    return initiative


def test_register_rank_and_follow_an_impact(page, owner):
    workspace, slug = owner.workspace, owner.workspace.slug
    initiative = _seed(workspace)
    log_in(page, owner.user.email, PASSWORD)

    page.goto(f"/w/{slug}/impacts/new/?initiative={initiative.pk}")
    assert_accessible(page)
    page.get_by_label(field("Title")).fill("Live location exposed to abusive partners")
    page.get_by_label("Potential").check()
    page.get_by_label(field("Company involvement")).select_option("cause")
    page.get_by_label(field("Rights affected")).select_option(["iccpr-17", "udhr-3"])
    page.get_by_label("Women and girls").check()
    # Each level is a radio button labelled with its guidance ("5 — Very serious: …").
    for name, score in (("scale", 5), ("scope", 2), ("irremediability", 5), ("likelihood", 4)):
        page.locator(f"#id_{name} input[value='{score}']").check()
    assert page.locator("label[for='id_scale_4']").inner_text().strip().startswith("5 — Very")
    screenshot(page, "impact-form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()

    impact = Impact.objects.get(title="Live location exposed to abusive partners")
    assert (impact.severity, impact.salience) == (50, 200)
    assert list(impact.initiatives.all()) == [initiative]
    assert page.get_by_test_id("severity-arithmetic").inner_text() == "5 × 2 × 5 = 50"
    assert page.get_by_test_id("salience-arithmetic").inner_text() == "50 × 4 = 200"
    page.get_by_label("Move to").select_option("assessed")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_load_state()
    page.get_by_text("Add an action").click()
    page.get_by_label(field("Action")).fill("Turn location sharing off by default")
    page.get_by_label(field("Owner")).select_option(str(owner.user.pk))
    page.get_by_role("button", name="Add action").click()
    page.wait_for_load_state()
    assert page.get_by_role("cell", name="Turn location sharing off by default").is_visible()
    impact.refresh_from_db()
    assert impact.status == "assessed"
    screenshot(page, "impact-detail")
    assert_accessible(page)

    page.goto(f"/w/{slug}/impacts/")
    rows = page.locator("#results tbody tr")
    assert rows.count() == 2
    assert "Live location exposed" in rows.first.inner_text()  # salience 200 ranks above 36
    screenshot(page, "impact-list")
    assert_accessible(page)
    page.get_by_label("Right affected").select_option("icescr-9")
    page.wait_for_url("**right=icescr-9**")
    page.locator("#results tbody tr").first.wait_for()
    assert page.locator("#results tbody tr").count() == 1

    page.goto(f"/w/{slug}/initiatives/{initiative.pk}/")
    assert page.get_by_text("Prototype screens and the default settings.").is_visible()
    screenshot(page, "initiative-detail")
    assert_accessible(page)
