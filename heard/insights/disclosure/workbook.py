"""The report's underlying tables as an XLSX workbook: a sheet of figures, then one sheet per
table. Every cell is neutralised against spreadsheet-formula injection (tables carry text
people typed, such as reasons for refusals and issue titles)."""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook

from heard.insights.disclosure.report import Report
from heard.stakeholders.exports import neutralise

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: str, used: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = " ".join(_SHEET_FORBIDDEN.sub(" ", text).split())[:31].strip() or "Sheet"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _row(values) -> list:
    return [neutralise(v) for v in values]


def write_workbook(report: Report) -> bytes:
    """The workbook as bytes."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    figures = workbook.create_sheet(title=sheet_title(_("Figures"), used))
    figures.append(_row([_("Section"), _("Reference"), _("Key"), _("Figure"), _("Value")]))
    for section in report.sections:
        if not section.has_data:
            figures.append(_row([section.title, section.reference, "", section.empty, None]))
        for figure in section.figures:
            figures.append(
                _row([section.title, section.reference, figure.key, figure.label, figure.value])
            )
    for table in report.tables():
        sheet = workbook.create_sheet(title=sheet_title(table.title, used))
        sheet.append(_row(table.headers))
        for row in table.rows:
            sheet.append(_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
