"""Webhooks in Chromium: an owner adds an endpoint, copies the secret shown once, sends a test
event to a real local receiver and reads the delivery log — axe-core on each page."""

import pytest

from heard.core.models import Role
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory
from tests.webhooks.conftest import receiver  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_an_endpoint_and_send_a_test_event(page, receiver):  # noqa: F811
    owner = MembershipFactory(role=Role.OWNER, user__email="owner@example.org")
    slug = owner.workspace.slug
    page.set_default_timeout(60_000)  # a loaded machine; the flow itself is quick
    log_in(page, "owner@example.org", PASSWORD)
    page.goto(f"/w/{slug}/settings/")
    page.get_by_role("link", name="Webhooks").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Add an endpoint").click()
    page.get_by_label("URL").fill(receiver.url)
    page.get_by_label("Description").fill("Jira automation")
    page.get_by_label("Input recorded").check()
    page.get_by_label("Decision made (or revised)").check()
    assert_accessible(page)
    screenshot(page, "webhooks-form")
    page.get_by_role("button", name="Save").click()
    secret = page.get_by_label("Signing secret").input_value()
    assert secret.startswith("whsec_")
    assert_accessible(page)
    screenshot(page, "webhooks-secret")
    page.get_by_role("button", name="I have copied it").click()
    page.get_by_role("button", name="Send test event").click()
    assert page.get_by_text("Test event queued").is_visible()
    assert page.locator("td code", has_text="ping").count() == 1
    assert receiver.last["headers"]["Heard-Event"] == "ping"
    page.get_by_text("Payload").first.click()
    assert_accessible(page)
    screenshot(page, "webhooks-log")
    page.goto(f"/w/{slug}/settings/webhooks/")
    assert page.get_by_text("Jira automation").is_visible()
    screenshot(page, "webhooks-list")
