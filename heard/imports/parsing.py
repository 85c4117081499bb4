"""Reading an uploaded table: format, encoding and delimiter detection, headers and rows.

Everything that makes a whole file unusable (empty, binary, undecodable, too big, bad headers)
raises `FileProblem` before anything is written. What is wrong with single cells or rows
(ragged rows, formulas, huge cells) is reported per row by `cell_problems` / `Table.rows`,
so the preview can list every problem with its row number.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from heard.core.errors import DomainError

# One cell longer than this is a problem ("50 MB of one column").
MAX_CELL_CHARS = 10_000
DELIMITERS = ",;\t|"
SNIFF_BYTES = 64 * 1024
FORMAT_CSV, FORMAT_XLSX = "csv", "xlsx"

# Signatures of common binary files someone might rename to .csv.
BINARY_SIGNATURES = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"\xd0\xcf\x11\xe0": "old Excel (.xls) or Word document",
    b"PK\x03\x04": "ZIP archive",
}
# The csv module refuses fields over its limit; our own, clearer limit applies per cell.
csv.field_size_limit(2**31 - 1)


class FileProblem(DomainError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass
class Table:
    """A parsed file: its headers and a way to iterate its data rows (re-readable)."""

    format: str
    encoding: str
    delimiter: str
    headers: list[str]
    _text: str | None = field(default=None, repr=False)
    _path: Path | None = field(default=None, repr=False)

    def rows(self) -> Iterator[tuple[int, list[str], list[tuple[int, str]]]]:
        """(spreadsheet row number, cells, formula cells as [(column index, formula)])."""
        if self.format == FORMAT_XLSX:
            yield from _xlsx_rows(self._path, skip_header=True)
            return
        reader = csv.reader(io.StringIO(self._text), delimiter=self.delimiter)
        next(reader, None)
        for index, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            yield index, cells, []

    def count_rows(self) -> int:
        """How many data rows (blank lines left out)."""
        return sum(1 for _ in self.rows())


# --- detection


def check_size(size: int) -> None:
    """Refuse a file over settings.HEARD_IMPORT_MAX_BYTES."""
    limit = settings.HEARD_IMPORT_MAX_BYTES
    if size > limit:
        raise FileProblem(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files.")
            % {"size": round(size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)}
        )


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(encoding name, decoded text): BOMs first, then strict UTF-8, then Windows-1252."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, name in boms:
        if data.startswith(bom):
            try:
                return name, data.decode(name)
            except UnicodeDecodeError as error:
                raise FileProblem(
                    _("The file says it is %(encoding)s but byte %(position)s is not valid in it.")
                    % {"encoding": name.upper(), "position": error.start}
                ) from error
    if b"\x00" in data:
        raise FileProblem(
            _(
                "This is not a text file (it contains NUL bytes): it may be binary, or UTF-16 "
                "without a byte-order mark. Save it as “CSV UTF-8” or as an Excel workbook."
            )
        )
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return "cp1252", data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The file's encoding could not be recognised (byte %(position)s is neither "
                "UTF-8 nor Windows-1252). Save it as “CSV UTF-8”."
            )
            % {"position": error.start}
        ) from error


def detect_delimiter(text: str) -> str:
    """The delimiter among , ; tab | : csv.Sniffer's guess when it finds one that splits the
    header; otherwise the one that gives the most rows the header's (plural) width; else comma."""
    sample = text[:SNIFF_BYTES]
    if len(text) > SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and _widths(sample, sniffed)[0] > 1:
        return sniffed
    # The Sniffer gives up on files with quotes or commas inside cells ("en, yo").
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        header_width, consistent = _widths(sample, delimiter)
        score = (consistent, header_width)
        if header_width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _widths(sample: str, delimiter: str) -> tuple[int, float]:
    """(header width, share of the next rows with that width) when split on `delimiter`."""
    rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r][:50]
    if not rows:
        return 0, 0.0
    width = len(rows[0])
    rest = rows[1:] or rows
    return width, sum(1 for r in rest if len(r) == width) / len(rest)


def _binary_kind(head: bytes) -> str | None:
    for signature, kind in BINARY_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def check_headers(headers: list[str]) -> list[str]:
    """Headers stripped; empty or duplicate names are a file problem."""
    cleaned = [h.strip() for h in headers]
    while cleaned and not cleaned[-1]:
        cleaned.pop()  # trailing empty columns, as spreadsheets often save
    for index, header in enumerate(cleaned, start=1):
        if not header:
            raise FileProblem(_("Column %(number)s has no header name.") % {"number": index})
        if len(header) > 200:
            raise FileProblem(_("Column %(number)s's header is too long.") % {"number": index})
    seen: dict[str, int] = {}
    for index, header in enumerate(cleaned, start=1):
        key = header.casefold()
        if key in seen:
            raise FileProblem(
                _("Columns %(first)s and %(second)s have the same header, “%(name)s”.")
                % {"first": seen[key], "second": index, "name": header}
            )
        seen[key] = index
    return cleaned


# --- opening


def open_table(path: Path | str) -> Table:
    """Open and check a stored upload; raises FileProblem when it cannot be imported."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise FileProblem(_("The file is empty."))
    check_size(size)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04") and _is_xlsx(path):
        table = _open_xlsx(path)
    else:
        kind = _binary_kind(head)
        if kind:
            raise FileProblem(_("This is a %(kind)s, not a CSV or XLSX file.") % {"kind": _(kind)})
        table = _open_csv(path.read_bytes())
    if not any(True for _ in table.rows()):
        raise FileProblem(_("The file has a header row but no data rows."))
    return table


def _open_csv(data: bytes) -> Table:
    encoding, text = detect_encoding(data)
    if "\x00" in text:
        raise FileProblem(_("This is not a text file (it contains NUL characters)."))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FileProblem(_("The file is empty."))
    delimiter = detect_delimiter(text)
    header_cells = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    headers = check_headers(header_cells)
    if not headers:
        raise FileProblem(_("The first row must name the columns."))
    return Table(FORMAT_CSV, encoding, delimiter, headers, _text=text)


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
        # An Office Open XML workbook: its content-types part and a workbook part.
        return {"[Content_Types].xml", "xl/workbook.xml"} <= names
    except zipfile.BadZipFile:
        return False


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path, *, skip_header: bool):
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl judges paths by their extension, we by content.
    with Path(path).open("rb") as handle:
        workbook = load_workbook(handle, read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            for index, row in enumerate(sheet.iter_rows(), start=1):
                if skip_header and index == 1:
                    continue
                cells = [_cell_text(getattr(c, "value", None)) for c in row]
                formulas = [
                    (column, _cell_text(c.value))
                    for column, c in enumerate(row)
                    if getattr(c, "data_type", None) == "f"
                ]
                while cells and not cells[-1].strip():
                    cells.pop()
                if not cells and not formulas:
                    continue
                yield index, cells, formulas
        finally:
            workbook.close()


def _open_xlsx(path: Path) -> Table:
    try:
        first = next(_xlsx_rows(path, skip_header=False), None)
    except Exception as error:  # openpyxl raises many types for a broken workbook
        raise FileProblem(
            _("The workbook could not be read: %(error)s") % {"error": error}
        ) from error
    if first is None:
        raise FileProblem(_("The workbook's first sheet is empty."))
    headers = check_headers(first[1])
    if not headers:
        raise FileProblem(_("The first row must name the columns."))
    return Table(FORMAT_XLSX, "", "", headers, _path=path)


# --- per-cell checks

# After = + - @, something a spreadsheet would evaluate: a function call, a cell reference,
# or a DDE command ("cmd|"). Phone numbers ("+44 20 …"), negative numbers and handles
# ("@alice") are left alone.
_FORMULA_AFTER_PREFIX = re.compile(
    r"^[=+\-@]\s*("
    r"[A-Za-z_][A-Za-z0-9_.]*\s*\("  # SUM( HYPERLINK( cmd(
    r"|[A-Za-z_][A-Za-z0-9_]*\|"  # cmd|' /C calc'!A0
    r")"
)
_CELL_REFERENCE = re.compile(r"^[+\-=]\$?[A-Za-z]{1,3}\$?\d+([+\-*/:].*)?$")
# Arithmetic that reaches a cell or a function: "-1+A1", "+2*SUM(B1:B3)".
_ARITHMETIC = re.compile(
    r"^[+\-][^A-Za-z]*?[+\-*/^&(]\s*(\$?[A-Za-z]{1,3}\$?\d+|[A-Za-z_][\w.]*\()"
)


def looks_like_formula(value: str) -> bool:
    """Whether a CSV cell would be run as a formula by a spreadsheet that opens it."""
    text = value.lstrip()
    if not text or text[0] not in "=+-@":
        return False
    if text[0] == "=" and text.strip("=").strip():
        return True
    return bool(
        _FORMULA_AFTER_PREFIX.match(text) or _CELL_REFERENCE.match(text) or _ARITHMETIC.match(text)
    )
