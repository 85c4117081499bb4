"""The stakeholder registry in Chromium: forms, search, duplicate warning, filtered export,
with axe-core on each page."""

import csv
import io
import re
from pathlib import Path

import pytest

from heard.core.models import Role
from heard.stakeholders.models import Organisation, Stakeholder
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory, StakeholderFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(text: str) -> re.Pattern:
    """A form label as Django renders it, with or without its trailing colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")


def _add_stakeholder(page, slug: str, *, name: str, email: str, organisation: str = "") -> None:
    page.goto(f"/w/{slug}/stakeholders/new/")
    page.get_by_label(field("Name")).fill(name)
    if organisation:
        page.get_by_label(field("Organisation")).select_option(label=organisation)
    page.get_by_label(field("Country")).select_option("KE")
    page.get_by_label(field("Languages")).fill("sw, en")
    page.get_by_label(field("Email")).fill(email)
    page.get_by_role("button", name="Add stakeholder").click()
    page.wait_for_load_state()


def test_create_organisation_and_stakeholder_then_search_and_open(page, owner):
    slug = owner.workspace.slug
    log_in(page, owner.user.email, PASSWORD)

    page.goto(f"/w/{slug}/organisations/new/")
    assert_accessible(page)
    page.get_by_label(field("Name")).fill("Kilimo Growers Cooperative")
    page.get_by_label(field("Country")).select_option("KE")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    organisation = Organisation.objects.get(workspace=owner.workspace)
    assert organisation.name == "Kilimo Growers Cooperative"

    page.goto(f"/w/{slug}/organisations/")
    assert page.get_by_role("link", name="Kilimo Growers Cooperative").is_visible()
    screenshot(page, "organisation-list")
    assert_accessible(page)

    page.goto(f"/w/{slug}/stakeholders/new/")
    screenshot(page, "stakeholder-form")
    assert_accessible(page)
    _add_stakeholder(
        page,
        slug,
        name="Wanjiru Mwangi",
        email="wanjiru@kilimo.example",
        organisation="Kilimo Growers Cooperative",
    )
    stakeholder = Stakeholder.objects.get(workspace=owner.workspace)
    assert stakeholder.organisation == organisation
    assert page.get_by_role("heading", name="Wanjiru Mwangi", level=1).is_visible()
    StakeholderFactory(workspace=owner.workspace, name="Someone Else Entirely")

    page.goto(f"/w/{slug}/stakeholders/")
    assert page.locator("#results tbody tr").count() == 2
    page.get_by_label("Search", exact=True).fill("Kilimo")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**q=Kilimo**")
    rows = page.locator("#results tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    assert "Someone Else" not in page.locator("#results").inner_text()
    screenshot(page, "stakeholder-list-search")
    assert_accessible(page)

    page.get_by_role("link", name="Wanjiru Mwangi").click()
    page.wait_for_url(f"**/stakeholders/{stakeholder.pk}/")
    assert page.get_by_role("heading", name="Wanjiru Mwangi", level=1).is_visible()
    assert page.get_by_role("link", name="wanjiru@kilimo.example").is_visible()
    screenshot(page, "stakeholder-detail")
    assert_accessible(page)

    # Same email again: the form warns, and nothing is created until the user confirms.
    _add_stakeholder(page, slug, name="W. Mwangi", email="wanjiru@kilimo.example")
    warning = page.get_by_role("alert").filter(has_text="already in the registry")
    assert warning.is_visible()
    assert warning.get_by_role("link", name="Wanjiru Mwangi").is_visible()
    assert "same email address" in warning.inner_text()
    assert Stakeholder.objects.filter(workspace=owner.workspace).count() == 2
    screenshot(page, "stakeholder-duplicate-warning")
    assert_accessible(page)
    page.get_by_label("I checked: this is a different person").check()
    page.get_by_role("button", name="Create").click()
    page.wait_for_load_state()
    assert Stakeholder.objects.filter(workspace=owner.workspace).count() == 3


def test_export_of_filtered_list_holds_only_matching_rows(page, owner):
    workspace = owner.workspace
    for name in ("Amina Yusuf", "Baraka Otieno"):
        StakeholderFactory(workspace=workspace, name=name, country="KE")
    StakeholderFactory(workspace=workspace, name="Carmen Rojas", country="CO")
    log_in(page, owner.user.email, PASSWORD)

    page.goto(f"/w/{workspace.slug}/stakeholders/")
    screenshot(page, "stakeholder-list")
    assert_accessible(page)
    page.get_by_label(field("Country")).select_option("KE")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**country=KE**")
    page.get_by_text("2 stakeholders match the filters").wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["Name"] for r in rows) == ["Amina Yusuf", "Baraka Otieno"]
    assert {r["Country code"] for r in rows} == {"KE"}
