"""The dashboard in Chromium: open it, choose a period, follow a figure to the records behind
it — with axe-core on the page and a screenshot to look at."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from heard.core.models import Role
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory
from tests.insights.dashboards.conftest import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_follow_a_figure_to_its_records(page):
    owner = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    workspace = owner.workspace
    build(workspace)  # 7 inputs in the last 30 days, 2 of them adopted
    cache.clear()
    log_in(page, owner.user.email, PASSWORD)
    page.get_by_role("link", name="Dashboard").first.click()
    page.get_by_role("combobox", name="Period").select_option("30")
    page.get_by_role("button", name="Show").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert "7 inputs received" in page.locator(".stat-grid").first.inner_text().replace("\n", " ")
    assert_accessible(page)
    screenshot(page, "dashboard")
    # The "Adopted" row of the decision outcomes' data table leads to the two adopted inputs.
    page.locator("#outcomes summary").click()
    page.locator("#outcomes table").get_by_role("link", name="Adopted", exact=True).click()
    page.wait_for_load_state()
    assert "/inputs/" in page.url and "outcome=adopted" in page.url
    rows = page.locator("#results table tbody tr")
    assert rows.count() == 2
    texts = rows.all_inner_texts()
    assert any("Input i1" in t for t in texts) and any("Input i6" in t for t in texts)
