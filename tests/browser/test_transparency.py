"""The transparency centre in Chromium: an owner publishes it, then anyone opens the public
home and a policy's change log — no login, no JavaScript needed; axe-core on each page."""

from __future__ import annotations

import pytest

from heard.core.models import Role
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory
from tests.transparency.conftest import publish, stakeholders_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_publishes_and_the_public_reads_a_change_log(page, browser, live_server):
    owner = MembershipFactory(role=Role.OWNER)
    workspace = owner.workspace
    data = publish(workspace, is_published=False, public_slug="acme-rights")
    stakeholders_in(workspace, "KE", 6, data["engagement"])
    stakeholders_in(workspace, "IN", 5, data["engagement"])
    stakeholders_in(workspace, "DE", 2, data["engagement"])

    # Unpublished: the public address is not found.
    assert page.goto("/t/acme-rights/").status == 404

    log_in(page, owner.user.email, PASSWORD)
    page.goto(f"/w/{workspace.slug}/")
    page.get_by_text(workspace.name, exact=True).first.click()
    page.get_by_role("link", name="Transparency centre").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Exactly what is public").is_visible()
    page.get_by_label("Publish the transparency centre").check()
    page.get_by_label("Introduction").fill("We publish what we heard and what we did.")
    page.get_by_label("Contact for questions").fill("humanrights@acme.example")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_text("The transparency centre is published").is_visible()
    assert_accessible(page)
    screenshot(page, "transparency-settings")

    # The public, in a fresh context without any session and without JavaScript.
    public = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True
    )
    visitor = public.new_page()
    visitor.goto("/t/acme-rights/")
    assert visitor.get_by_role("heading", level=1).inner_text() == data["centre"].title
    assert visitor.get_by_text("We publish what we heard and what we did.").is_visible()
    table = visitor.get_by_role("table").inner_text()
    assert "Africa" in table and "Asia" in table and "fewer than 5" in table
    visitor.get_by_role("link", name="Policies", exact=True).click()
    visitor.get_by_role("link", name=data["policy"].title).click()
    visitor.wait_for_load_state()
    assert visitor.get_by_role(
        "heading", name="Change log: what we heard, what we did"
    ).is_visible()
    assert visitor.get_by_text("3 inputs from stakeholders considered").is_visible()
    visitor.get_by_text("What changed in version 2").click()
    assert visitor.locator("ins").first.is_visible()
    screenshot(visitor, "transparency-policy")
    public.close()

    # axe needs scripts: check the same public pages in the scripted context.
    page.goto("/t/acme-rights/")
    assert_accessible(page)
    screenshot(page, "transparency-home")
    page.goto(f"/t/acme-rights/policies/{data['policy'].pk}/")
    assert_accessible(page)
    page.goto("/t/acme-rights/minutes/")
    assert_accessible(page)
