"""Exports of filtered lists: CSV streamed row by row, XLSX written in openpyxl's write-only
mode to a temporary file. Memory stays flat however long the list; every cell is neutralised
against spreadsheet-formula injection; hidden identities stay hidden."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook

from heard.core.models import Membership
from heard.stakeholders.vocab import language_label

CHUNK = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str | int | float:
    """A cell value safe to open in a spreadsheet: text that a spreadsheet would read as a
    formula (starting with = + - @, tab or carriage return) gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _date(value) -> str:
    return value.isoformat() if value else ""


def stakeholder_columns(
    membership: Membership | None, *, with_identities: bool = False
) -> list[tuple[str, Callable]]:
    """(header, value getter) for each stakeholder column, as `membership` may see them.
    Without a membership (the CLI), high-risk identities are hidden unless `with_identities`."""

    def hidden(s) -> bool:
        if membership is None:
            return s.is_high_risk and not with_identities
        return s.is_identity_hidden_for(membership)

    def name(s) -> str:
        return s.pseudonym_label if hidden(s) else s.name

    def private(attr):
        return lambda s: "" if hidden(s) else getattr(s, attr)

    return [
        (_("ID"), lambda s: s.pk),
        (_("Name"), name),
        (_("Pseudonym"), lambda s: s.pseudonym),
        (_("Internal or external"), lambda s: s.get_kind_display()),
        (_("Category"), lambda s: s.get_category_display()),
        (_("Relation to impacts"), lambda s: s.get_relation_display()),
        (_("Organisation"), lambda s: s.organisation.name if s.organisation else ""),
        (_("Role at the organisation"), lambda s: s.role_at_organisation),
        (_("Country"), lambda s: s.country.name if s.country else ""),
        (_("Country code"), lambda s: s.country.code if s.country else ""),
        (_("Region"), lambda s: s.region),
        (
            _("Global Majority"),
            lambda s: "" if s.is_global_majority is None else s.is_global_majority,
        ),
        (
            _("Languages"),
            lambda s: "; ".join(language_label(li.code) for li in s.language_links.all()),
        ),
        (_("Time zone"), lambda s: s.time_zone),
        (_("Expertise topics"), lambda s: "; ".join(t.name for t in s.topics.all())),
        (_("Tags"), lambda s: "; ".join(t.name for t in s.tags.all())),
        (
            _("Groups at heightened risk"),
            lambda s: "; ".join(g.get_group_display() for g in s.risk_group_links.all()),
        ),
        (_("Safety level"), lambda s: s.get_safety_level_display()),
        (
            _("Relationship owner"),
            lambda s: s.relationship_owner.email if s.relationship_owner else "",
        ),
        (_("Standing agreement"), lambda s: s.has_standing_agreement),
        (_("Eligible for compensation"), lambda s: s.is_compensation_eligible),
        (_("Key relationship"), lambda s: s.is_key_relationship),
        (_("Valid consent to contact"), lambda s: bool(getattr(s, "has_valid_consent", False))),
        (_("Last engaged on"), lambda s: _date(s.last_engaged_on)),
        (_("Email"), private("email")),
        (_("Phone"), private("phone")),
        (_("Messaging handle"), private("messaging_handle")),
        (_("Lived experience"), private("lived_experience")),
        (_("Notes"), private("notes")),
        (_("Created at"), lambda s: _date(s.created_at)),
        (_("Archived at"), lambda s: _date(s.archived_at)),
    ]


def organisation_columns() -> list[tuple[str, Callable]]:
    """(header, value getter) for each organisation column."""
    return [
        (_("ID"), lambda o: o.pk),
        (_("Name"), lambda o: o.name),
        (_("Type"), lambda o: o.get_type_display()),
        (_("Country"), lambda o: o.country.name if o.country else ""),
        (_("Country code"), lambda o: o.country.code if o.country else ""),
        (_("Region"), lambda o: o.region),
        (
            _("Global Majority"),
            lambda o: "" if o.is_global_majority is None else o.is_global_majority,
        ),
        (_("Website"), lambda o: o.website),
        (_("Parent organisation"), lambda o: o.parent.name if o.parent else ""),
        (_("Active stakeholders"), lambda o: getattr(o, "stakeholder_count", "")),
        (_("Last engaged on"), lambda o: _date(o.last_engaged_on)),
        (_("Description"), lambda o: o.description),
        (_("Created at"), lambda o: _date(o.created_at)),
        (_("Archived at"), lambda o: _date(o.archived_at)),
    ]


def rows(queryset, columns) -> Iterator[list]:
    """Header then one neutralised row per object, fetched in chunks."""
    yield [header for header, _getter in columns]
    for obj in queryset.iterator(chunk_size=CHUNK):
        yield [neutralise(getter(obj)) for _header, getter in columns]


def _safe(row: list) -> list:
    """Every text cell neutralised once more where it is written, so a caller that builds its
    own rows cannot forget (idempotent; numbers, dates and empty cells keep their type)."""
    return [neutralise(value) if isinstance(value, str) else value for value in row]


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(row_iter: Iterable[list]) -> Iterator[str]:
    """CSV text, one line at a time (a UTF-8 BOM first so spreadsheets pick the encoding)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in row_iter:
        yield writer.writerow(_safe(row))


def write_csv(row_iter: Iterable[list], handle) -> int:
    """Write rows to an open text file; returns the number of data rows."""
    writer = csv.writer(handle)
    handle.write("\ufeff")
    count = -1
    for row in row_iter:
        writer.writerow(_safe(row))
        count += 1
    return max(count, 0)


def write_xlsx(row_iter: Iterable[list], target, *, title: str) -> int:
    """Write rows to an XLSX file (path or binary file) in write-only mode; returns the number
    of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    count = -1
    for row in row_iter:
        sheet.append(_safe(row))
        count += 1
    workbook.save(target)
    return max(count, 0)


def xlsx_tempfile(row_iter: Iterable[list], *, title: str):
    """The rows as an XLSX in a temporary file (deleted when closed), rewound for reading."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    write_xlsx(row_iter, handle, title=title)
    handle.flush()
    handle.seek(0)
    return handle
