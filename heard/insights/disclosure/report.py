"""The shape of a generated report: sections of figures, tables, charts and quoted examples.

Sections are plain data, so the page, the PDF and the workbook render the same content and tests
read figures by key without parsing HTML.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from heard.insights.charts import Chart
from heard.insights.disclosure.figures import Period


@dataclass
class Figure:
    """One number a section reports, with the key tests and the workbook use."""

    key: str
    label: str
    value: object
    unit: str = ""

    @property
    def display(self) -> str:
        if self.value is None:
            return "–"
        return f"{self.value}{self.unit}"


@dataclass
class Table:
    """A table of the report; each distinct table becomes a sheet of the workbook."""

    key: str
    title: str
    headers: list[str]
    rows: list[list]


@dataclass
class Quote:
    """An example quoted from the records: the company's own words (decision rationales,
    published summaries, stated barriers), never a stakeholder's name."""

    text: str
    label: str

    @property
    def direction(self) -> str:
        return text_direction(self.text)


@dataclass
class Section:
    """One framework requirement and what the records say about it."""

    key: str
    framework: str
    reference: str
    title: str
    empty: str = ""
    statements: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return not self.empty


@dataclass
class Report:
    """The whole report for one period."""

    workspace_name: str
    period: Period
    previous: Period
    sections: list[Section]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def figure(self, key: str):
        """The value of the figure `key` (the first section that reports it)."""
        for section in self.sections:
            for figure in section.figures:
                if figure.key == key:
                    return figure.value
        raise KeyError(key)

    def tables(self) -> list[Table]:
        """Every distinct table once, in the order they first appear."""
        seen: dict[str, Table] = {}
        for section in self.sections:
            for table in section.tables:
                seen.setdefault(table.key, table)
        return list(seen.values())

    def frameworks(self) -> list[str]:
        return list(dict.fromkeys(s.framework for s in self.sections))


def text_direction(text: str) -> str:
    """ "rtl" when the first strong character is right-to-left (Arabic, Hebrew…), else "ltr".
    Set explicitly because WeasyPrint does not resolve dir="auto"."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
