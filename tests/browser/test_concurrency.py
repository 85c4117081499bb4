"""Two browser tabs edit the same stakeholder: the second save shows a conflict with both
versions, writes nothing, and a deliberate second submit goes through."""

import re

import pytest

from heard.core.models import Role
from heard.stakeholders.models import Stakeholder
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory, StakeholderFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}:?$")


def test_two_tabs_editing_one_stakeholder(browser, live_server):
    owner = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    stakeholder = StakeholderFactory(workspace=owner.workspace, role_at_organisation="Analyst")
    path = f"/w/{owner.workspace.slug}/stakeholders/{stakeholder.pk}/edit/"
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    try:
        first, second = context.new_page(), context.new_page()  # same session, two tabs
        log_in(first, owner.user.email, PASSWORD)
        first.goto(path)
        second.goto(path)

        first.get_by_label(field("Role at the organisation")).fill("Director")
        first.get_by_role("button", name="Save changes").click()
        first.wait_for_load_state()

        second.get_by_label(field("Role at the organisation")).fill("Researcher")
        second.get_by_role("button", name="Save changes").click()
        second.wait_for_load_state()
        alert = second.get_by_role("alert").filter(has_text="Someone else changed this record")
        assert alert.is_visible()
        table = second.locator(".conflict-table")
        assert "Director" in table.inner_text() and "Researcher" in table.inner_text()
        assert second.get_by_label(field("Role at the organisation")).input_value() == "Researcher"
        assert_accessible(second)
        screenshot(second, "edit-conflict")
        stakeholder.refresh_from_db()
        assert stakeholder.role_at_organisation == "Director"

        second.get_by_role("button", name="Save changes").click()  # knowingly, this time
        second.wait_for_load_state()
        assert Stakeholder.objects.get(pk=stakeholder.pk).role_at_organisation == "Researcher"
    finally:
        context.close()
