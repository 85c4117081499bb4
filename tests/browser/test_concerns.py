"""The concern channel in Chromium: a person raises a concern anonymously on the public form
(no JavaScript needed), a handler acknowledges it, the status page shows "Acknowledged" —
with axe-core on each page and screenshots to look at."""

import pytest
from playwright.sync_api import expect

from heard.concerns import services
from heard.concerns.models import Concern
from heard.core.models import Role
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def handler():
    membership = MembershipFactory(role=Role.EDITOR, workspace__name="Acme Social")
    services.update_channel_settings(
        workspace=membership.workspace,
        actor=membership.user,
        is_enabled=True,
        intro_text="Tell us if our apps harmed you or someone else.",
    )
    return membership


def test_anonymous_concern_acknowledged_and_followed(browser, live_server, handler):
    workspace = handler.workspace
    # The person: no account, JavaScript off (the form must work without it).
    person = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True
    )
    page = person.new_page()
    page.goto(f"/concerns/{workspace.slug}/new/")
    assert "What happens next" in page.content()
    page.get_by_label("What happened?").fill(
        "The photo app tagged my face in strangers' albums without asking me."
    )
    page.get_by_label("Which product or service is it about? (optional)").fill("Photos")
    page.get_by_label("I want to stay anonymous (do not ask for my name)").check()
    screenshot(page, "concerns-public-form")
    page.get_by_role("button", name="Send my concern").click()
    expect(page.get_by_test_id("reference")).to_be_visible()
    reference = page.get_by_test_id("reference").inner_text().strip()
    concern = Concern.objects.get()
    assert reference == concern.reference_display and concern.is_anonymous

    # The handler acknowledges it.
    staff = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    team = staff.new_page()
    log_in(team, handler.user.email, PASSWORD)
    team.goto(f"/w/{workspace.slug}/concerns/")
    team.get_by_role("link", name=reference).click()
    team.get_by_label("Message to the person (optional)").fill("Thank you. We are looking into it.")
    team.get_by_role("button", name="Acknowledge").click()
    expect(team.get_by_test_id("concern-status")).to_have_text("Acknowledged")
    screenshot(team, "concerns-staff-detail")
    assert_accessible(team)

    # The person follows it with the code.
    page.goto(f"/concerns/{workspace.slug}/status/")
    page.get_by_label("Your reference code").fill(reference.lower())
    page.get_by_role("button", name="Show the status").click()
    expect(page.get_by_test_id("concern-status")).to_have_text("Acknowledged")
    assert "Thank you. We are looking into it." in page.content()
    screenshot(page, "concerns-status-page")
    person.close()
    # axe-core needs scripts: check the status page in a context with JavaScript on.
    checker = browser.new_context(base_url=live_server.url, bypass_csp=True)
    check = checker.new_page()
    check.goto(f"/concerns/{workspace.slug}/new/")
    assert_accessible(check)
    checker.close()
    staff.close()

    # The same status page in Arabic, right to left.
    arabic = browser.new_context(base_url=live_server.url, locale="ar", java_script_enabled=False)
    page = arabic.new_page()
    page.goto(f"/concerns/{workspace.slug}/status/")
    page.locator("#id_reference").fill(reference)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("concern-status")).to_have_text("تم تأكيد الاستلام")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "concerns-status-page-ar")
    arabic.close()
