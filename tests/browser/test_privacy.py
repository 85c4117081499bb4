"""Data protection in Chromium: an owner reads what Heard holds about a person, erases them
by typing the pseudonym, and sets the retention rule — axe-core on each page, screenshots."""

import pytest

from heard.core.models import Role
from heard.privacy.models import Erasure
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory
from tests.privacy.conftest import NAME, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_data_held_erasure_and_retention(page):
    owner = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    workspace = owner.workspace
    person = make_person(workspace, owner.user).stakeholder
    log_in(page, owner.user.email, PASSWORD)

    page.goto(person.get_absolute_url())
    page.get_by_role("link", name="Data held").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="What they said, and what was decided").is_visible()
    assert NAME in page.content()
    assert_accessible(page)
    screenshot(page, "privacy-data-held")

    page.get_by_role("button", name="Erase…").click()
    page.wait_for_load_state()
    assert_accessible(page)
    screenshot(page, "privacy-erase")
    page.get_by_label("Type the pseudonym code or ERASE to confirm").fill(person.pseudonym)
    page.get_by_role("button", name="Erase identity").click()
    page.wait_for_load_state()
    assert Erasure.objects.filter(stakeholder=person).exists()
    assert NAME not in page.content()
    screenshot(page, "privacy-erased")

    page.goto(f"/w/{workspace.slug}/privacy/retention/")
    page.get_by_label("Pseudonymise stakeholders after this many years without contact").fill("6")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Retention rule saved." in page.content()
    assert_accessible(page)
    screenshot(page, "privacy-retention")
