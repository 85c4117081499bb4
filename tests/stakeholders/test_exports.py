"""Exports: CSV and XLSX of the current filter, formula neutralisation, pseudonyms, audit, CLI."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from heard.core.models import AuditAction, AuditEntry, Role
from heard.stakeholders.exports import neutralise
from tests.conftest import member_client

pytestmark = pytest.mark.django_db


def export_url(workspace, what="stakeholder", **params):
    base = reverse(f"stakeholders:{what}_export", args=[workspace.slug])
    return base + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response) -> list[list]:
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (7, 7),
        (None, ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_export_of_the_current_filter(workspace, owner_client, make_person):
    make_person("=cmd|' /C calc'!A0", country="KE", email="a@example.org")
    make_person("Bernd", country="DE")
    response = owner_client.get(export_url(workspace, format="csv", country="KE"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response)
    assert rows[0][:2] == ["ID", "Name"]
    assert len(rows) == 2
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert "a@example.org" in rows[1]
    entry = AuditEntry.objects.get(workspace=workspace, action=AuditAction.EXPORT)
    assert entry.changes["filter"][1] == {"country": "KE"}


def test_xlsx_export_opens_and_contains_rows(workspace, owner_client, make_person):
    make_person("+SUM(1,2)", languages=["sw"])
    make_person("Amina")
    response = owner_client.get(export_url(workspace, format="xlsx"))
    assert response.status_code == 200
    rows = read_xlsx(response)
    assert rows[0][1] == "Name"
    assert {r[1] for r in rows[1:]} == {"'+SUM(1,2)", "Amina"}
    assert any("Swahili" in str(cell) for row in rows for cell in row)


def test_organisation_exports(workspace, owner_client, organisation):
    rows = read_csv(owner_client.get(export_url(workspace, "organisation", format="csv")))
    assert rows[1][1] == "Digital Rights Watch"
    rows = read_xlsx(owner_client.get(export_url(workspace, "organisation", format="xlsx")))
    assert rows[1][1] == "Digital Rights Watch"


@pytest.mark.parametrize(("role", "sees"), [(Role.EDITOR, True), (Role.AUDITOR, True)])
def test_export_shows_identities_to_roles_that_may_see_them(workspace, make_person, role, sees):
    make_person("Zeynep Kaya", safety_level="high_risk", email="z@example.org", notes="secret")
    client = member_client(workspace, role)
    text = str(read_csv(client.get(export_url(workspace, format="csv"))))
    assert ("Zeynep" in text and "z@example.org" in text and "secret" in text) is sees


def test_export_hides_identities_when_the_role_may_not_see_them(workspace, make_person):
    # No built-in role has export without view_identity; check the columns directly.
    from heard.stakeholders.exports import rows as export_rows
    from heard.stakeholders.exports import stakeholder_columns
    from heard.stakeholders.queries import stakeholder_list
    from tests.factories import MembershipFactory

    person = make_person("Zeynep Kaya", safety_level="high_risk", email="z@example.org")
    viewer = MembershipFactory(workspace=workspace, role=Role.VIEWER)
    found = stakeholder_list(workspace, viewer, {})
    text = str(list(export_rows(found.queryset, stakeholder_columns(viewer))))
    assert "Zeynep" not in text and "z@example.org" not in text
    assert person.pseudonym in text


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_export_needs_the_export_permission(workspace, role):
    client = member_client(workspace, role)
    assert client.get(export_url(workspace, format="csv")).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_cli_export_csv_and_xlsx(workspace, make_person, tmp_path):
    make_person("Amina", country="KE")
    make_person("Zeynep Kaya", safety_level="high_risk", country="TR")
    out = tmp_path / "people.csv"
    call_command("export", "stakeholders", workspace=workspace.slug, output=str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == ["Amina", rows[2][1]]
    assert "Zeynep" not in out.read_text()
    out = tmp_path / "ke.xlsx"
    call_command(
        "export",
        "stakeholders",
        workspace=workspace.slug,
        format="xlsx",
        output=str(out),
        filter=["country=KE"],
    )
    sheet = load_workbook(out, read_only=True).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["Amina"]
    assert AuditEntry.objects.filter(workspace=workspace, action=AuditAction.EXPORT).count() == 2


def test_csv_export_streams_in_chunks(workspace, owner_client, make_person):
    for i in range(5):
        make_person(f"P{i}")
    response = owner_client.get(export_url(workspace, format="csv"))
    chunks = list(response.streaming_content)
    assert len(chunks) >= 6  # BOM/header and one chunk per row: never one big string
