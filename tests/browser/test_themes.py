"""Themes in Chromium: group inputs, rename a theme, move an input from a theme page to another
theme — with axe-core on each page and screenshots to look at."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from heard.core.models import Role
from heard.insights.themes import services
from heard.insights.themes.models import Theme, ThemeMembership
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory
from tests.insights.themes.conftest import CORPUS, add_inputs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def grouped():
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    owner = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    add_inputs(owner.workspace, [r["text"] for r in corpus[:150]], language="en")
    services.recluster(workspace=owner.workspace)
    return owner


def test_rename_a_theme_and_move_an_input(page, grouped):
    workspace = grouped.workspace
    log_in(page, grouped.user.email, PASSWORD)
    page.goto(f"/w/{workspace.slug}/insights/themes/")
    assert page.get_by_role("heading", name="Themes", level=1).is_visible()
    assert page.get_by_text(re.compile("Last grouped")).is_visible()
    assert_accessible(page)
    screenshot(page, "themes-list")

    largest, second = Theme.objects.for_workspace(workspace).active().order_by("-input_count")[:2]
    page.get_by_role("link", name=largest.label, exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_text("Rename", exact=True).click()
    page.locator("#rename").get_by_label("Name").fill("Appeals nobody answers")
    page.get_by_role("button", name="Save name").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=re.compile("Appeals nobody answers")).is_visible()
    screenshot(page, "themes-detail")

    moved = ThemeMembership.objects.filter(theme=largest).order_by("input_id").first().input_id
    page.locator("table.theme-inputs tr", has=page.locator(f"#pick-{moved}")).get_by_role(
        "link", name="Move"
    ).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Move to").select_option(str(second.pk))
    page.get_by_role("button", name="Move").click()
    page.wait_for_load_state()
    assert page.get_by_text("Input moved").is_visible()
    assert "Appeals nobody answers" in page.title()  # back on the theme page (next=)

    membership = ThemeMembership.objects.get(input_id=moved)
    assert membership.theme_id == second.pk and membership.pinned
    largest.refresh_from_db()
    assert largest.name == "Appeals nobody answers" and largest.is_curated
    # The input's own page shows its new theme and keeps the move control.
    page.goto(reverse("feedback:input_detail", args=[workspace.slug, moved]))
    assert page.locator("#theme").get_by_role("link", name=second.label).is_visible()
    assert_accessible(page)
