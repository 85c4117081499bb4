"""The report as HTML, PDF and XLSX: content, attribution, right-to-left text, the CLI."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from heard.insights.disclosure import services
from heard.insights.disclosure.models import Framework
from heard.insights.disclosure.sections import build_report
from heard.insights.disclosure.workbook import write_workbook
from tests.insights.disclosure.conftest import ARABIC_RATIONALE, NAMES, YEAR

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def workbook_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        " ".join(str(v) for v in row if v is not None)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_no_stakeholder_is_named_in_any_format(workspace, dataset, tmp_path):
    """Least of all the Chatham House participant and the high-risk stakeholder, whose names
    are in the inputs' texts and on the participations."""
    files = services.write_files(workspace, YEAR, formats=["html", "pdf", "xlsx"])
    html = files["html"].decode()
    text = pdf_text(files["pdf"], tmp_path)
    sheets = workbook_text(files["xlsx"])
    assert "Wrongful account suspension" in html and "Wrongful account suspension" in sheets
    assert "Wrongful account suspension" in text
    for name in NAMES:
        for part in name.split():
            assert part not in html
            assert part not in text
            assert part not in sheets
    # pseudonyms are not shown either: the report names nobody
    for person in dataset.stakeholders:
        assert person.pseudonym not in html


def test_html_has_every_section_with_its_reference_and_rtl_quotes(workspace, dataset):
    content = build_report(workspace, YEAR, Framework.values)
    html = services.render_body(content)
    for section in content.sections:
        assert f'id="{section.key}"' in html
        assert section.reference in html
    assert f'<blockquote dir="rtl">{ARABIC_RATIONALE}</blockquote>' in html
    assert '<blockquote dir="ltr">We added a human review step to appeals.</blockquote>' in html
    assert 'data-figure="median_days_to_response"' in html
    # the page's charts carry no inline style (CSP); the printed ones embed their stylesheet
    assert "<style" not in html
    assert "<style" in services.render_document(content)


def test_only_the_chosen_frameworks(workspace, dataset):
    content = build_report(workspace, YEAR, ["ungp"])
    assert [s.key for s in content.sections] == ["ungp_c2", "ungp_c6"]


def test_arabic_report_is_right_to_left(workspace, dataset, tmp_path):
    with translation.override("ar"):
        content = build_report(workspace, YEAR, Framework.values)
        document = services.render_document(content)
        pdf = services.html_to_pdf(document)
    assert '<html lang="ar" dir="rtl">' in document
    text = pdf_text(pdf, tmp_path)
    # pdftotext gives the words in reading order when the PDF laid them out right to left
    assert "مراجعة بشرية" in text


def test_workbook_has_a_sheet_per_table_with_the_figures(workspace, dataset):
    content = build_report(workspace, YEAR, Framework.values)
    book = load_workbook(io.BytesIO(write_workbook(content)), read_only=True)
    names = book.sheetnames
    assert names[0] == "Figures"
    assert len(names) == len(content.tables()) + 1
    for expected in (
        "Engagements by due diligence st",
        "Inputs by decision",
        "Requests refused, with the reas",
        "Salient issues who was engaged",
    ):
        assert expected in names
    figures = {row[2]: row[4] for row in book["Figures"].iter_rows(min_row=2, values_only=True)}
    assert figures["median_days_to_response"] == 10
    assert figures["loop_closure_share"] == 55.6
    assert figures["requests_refused"] == 1
    outcomes = list(book["Inputs by decision"].iter_rows(values_only=True))
    assert outcomes == [
        ("Decision", "Number"),
        ("Adopted", 3),
        ("Partly adopted", 2),
        ("Not adopted", 1),
        ("Deferred", 1),
        ("Not decided yet", 2),
    ]


def test_workbook_neutralises_formulas(workspace, dataset):
    dataset.impacts[0].title = '=HYPERLINK("http://evil.example")'
    dataset.impacts[0].save()
    content = build_report(workspace, YEAR, ["ungp"])
    book = load_workbook(io.BytesIO(write_workbook(content)))
    cells = [c.value for row in book["Salient issues who was engaged"].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


@pytest.mark.parametrize("fmt,magic", [("pdf", b"%PDF"), ("xlsx", b"PK"), ("html", b"<!doctype")])
def test_cli_writes_each_format(workspace, dataset, tmp_path, fmt, magic):
    out = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "disclosure",
        "--workspace",
        workspace.slug,
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--format",
        fmt,
        "--output",
        str(out),
    )
    data = out.read_bytes()
    assert data.startswith(magic)
    if fmt == "html":
        assert "Wrongful account suspension" in data.decode()
        assert NAMES[0] not in data.decode()


def test_cli_refuses_unknown_workspace_and_backwards_period(workspace, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "report",
            "disclosure",
            "--workspace",
            "nope",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        )
    with pytest.raises(CommandError):
        call_command(
            "report",
            "disclosure",
            "--workspace",
            workspace.slug,
            "--from",
            "2025-12-31",
            "--to",
            "2025-01-01",
        )
