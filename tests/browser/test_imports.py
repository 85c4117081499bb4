"""Importing stakeholders from a French-headed CSV in Chromium: upload → mapping → preview →
apply, with axe-core on each step."""

import pytest

from heard.core.models import Role
from heard.imports.models import ImportJob, ImportStatus
from heard.stakeholders.models import Stakeholder
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "Nom;Courriel;Pays;Langues;Fonction;Sujets;Remarques\n"
GOOD_ROWS = (
    "Aïssata Diallo;aissata@example.org;Senegal;fr, wo;Coordinatrice régionale;"
    "eau, droits fonciers;Rencontrée lors de la consultation de Thiès sur l'accès à l'eau\n"
    "Rodrigo Pérez;rodrigo@example.org;CO;es;Représentant syndical;"
    "conditions de travail;\n"
)
BAD_ROW = "Kofi Mensah;kofi@example.org;Atlantide;en;;;\n"


def _upload(page, slug: str, path) -> None:
    page.goto(f"/w/{slug}/imports/new/")
    page.get_by_label("Stakeholders").check()
    page.get_by_label("File", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Upload and map columns").click()
    page.wait_for_url("**/mapping/")


def test_import_shows_problems_first_then_applies_a_clean_file(page, tmp_path):
    membership = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    slug = membership.workspace.slug
    log_in(page, membership.user.email, PASSWORD)

    page.goto(f"/w/{slug}/imports/new/")
    assert_accessible(page)

    # First attempt: one row names a country that does not exist.
    bad = tmp_path / "parties-prenantes.csv"
    bad.write_text(HEADER + GOOD_ROWS + BAD_ROW, encoding="utf-8")
    _upload(page, slug, bad)
    assert page.get_by_role("heading", name="Map columns").is_visible()
    assert page.get_by_label("Nom", exact=True).input_value() == "name"
    assert page.get_by_label("Courriel", exact=True).input_value() == "email"
    assert page.get_by_label("Pays", exact=True).input_value() == "country"
    assert page.get_by_label("Langues", exact=True).input_value() == "languages"
    assert page.get_by_label("Remarques", exact=True).input_value() == "notes"
    screenshot(page, "import-mapping")
    assert_accessible(page)
    page.get_by_role("button", name="Check every row").click()
    page.wait_for_url("**/preview/")

    problems = page.get_by_role("table", name="Problems by row and column")
    assert problems.is_visible()
    assert problems.locator("tbody tr").count() == 1
    problem = problems.locator("tbody tr").first.inner_text()
    assert "Atlantide" in problem
    assert "4" in problem  # the file's row number (header is row 1)
    assert page.get_by_role("button", name="Apply").is_disabled()
    screenshot(page, "import-preview-problems")
    assert_accessible(page)
    assert not Stakeholder.objects.filter(workspace=membership.workspace).exists()

    # Second attempt: the clean file goes through.
    good = tmp_path / "parties-prenantes-corrigé.csv"
    good.write_text(HEADER + GOOD_ROWS, encoding="utf-8")
    _upload(page, slug, good)
    page.get_by_role("button", name="Check every row").click()
    page.wait_for_url("**/preview/")
    assert page.get_by_role("table", name="Problems by row and column").count() == 0
    sample = page.locator("table.sample-table")
    assert "Aïssata Diallo" in sample.inner_text()
    assert "SN" in sample.inner_text()
    screenshot(page, "import-preview")
    assert_accessible(page)
    page.get_by_role("button", name="Apply 2 rows").click()
    page.wait_for_url("**/result/")
    assert page.get_by_role("heading", name="Import result").is_visible()
    assert_accessible(page)

    job = ImportJob.objects.filter(workspace=membership.workspace).latest("pk")
    assert job.status == ImportStatus.APPLIED
    created = Stakeholder.objects.filter(workspace=membership.workspace)
    assert sorted(created.values_list("name", flat=True)) == ["Aïssata Diallo", "Rodrigo Pérez"]
    assert created.get(name="Rodrigo Pérez").country.code == "CO"

    page.get_by_role("link", name="See the stakeholders").click()
    page.wait_for_url("**/stakeholders/")
    results = page.locator("#results")
    assert results.get_by_role("link", name="Aïssata Diallo").is_visible()
    assert results.get_by_role("link", name="Rodrigo Pérez").is_visible()
    screenshot(page, "stakeholder-list-after-import")


def test_cancel_from_the_mapping_step_asks_then_cancels(page, tmp_path):
    membership = MembershipFactory(role=Role.OWNER)
    log_in(page, membership.user.email, PASSWORD)
    upload = tmp_path / "contacts.csv"
    upload.write_text(HEADER + GOOD_ROWS, encoding="utf-8")
    _upload(page, membership.workspace.slug, upload)

    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Cancel this import").click()
    page.wait_for_url("**/imports/")
    assert dialogs == ["Cancel this import? Nothing will be imported."]
    assert ImportJob.objects.get(workspace=membership.workspace).status == ImportStatus.CANCELLED
    assert not Stakeholder.objects.filter(workspace=membership.workspace).exists()
