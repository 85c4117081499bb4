"""Reading files: encodings, delimiters, XLSX, and every kind of bad file (nothing written)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from heard.imports import services
from heard.imports.models import ImportJob
from heard.imports.parsing import FileProblem, looks_like_formula, open_table
from heard.stakeholders.models import Stakeholder
from tests.imports.conftest import csv_bytes, upload, xlsx_bytes

ROWS = [["Name", "Country", "Notes"], ["José Núñez", "Mexico", "Café €5"], ["Zoë", "KE", "—"]]


def table_from(tmp_path, data: bytes, name="file.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return open_table(path)


def rows_of(table):
    return [cells for _, cells, _ in table.rows()]


# --- encodings and delimiters


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # Python writes a BOM (LE here)
        ("utf-16-be", "utf-16"),
        ("cp1252", "cp1252"),
    ],
)
def test_encodings(tmp_path, encoding, detected):
    data = csv_bytes(ROWS, encoding=encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    table = table_from(tmp_path, data)
    assert table.encoding == detected
    assert table.headers == ["Name", "Country", "Notes"]
    assert rows_of(table) == ROWS[1:]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(tmp_path, delimiter):
    table = table_from(tmp_path, csv_bytes(ROWS, delimiter=delimiter))
    assert table.delimiter == delimiter
    assert rows_of(table) == ROWS[1:]


def test_undetectable_delimiter_falls_back_to_comma(tmp_path):
    table = table_from(tmp_path, b"Name\nAda\nGrace\n")
    assert table.delimiter == ","
    assert table.headers == ["Name"]


def test_xlsx(tmp_path):
    table = table_from(tmp_path, xlsx_bytes([["Name", "Age"], ["Ada", 36], ["Zoë", None]]), "x.csv")
    assert table.format == "xlsx"  # by content, whatever the name says
    assert table.headers == ["Name", "Age"]
    assert rows_of(table) == [["Ada", "36"], ["Zoë"]]


def test_xlsx_formula_cells_are_reported(tmp_path):
    data = xlsx_bytes([["Name", "Notes"], ["Ada", "x"]], formulas={"B2": "=1+1"})
    table = table_from(tmp_path, data, "x.xlsx")
    [(row, cells, formulas)] = list(table.rows())
    assert row == 2
    assert formulas == [(1, "=1+1")]


# --- bad files: a clear message, and no import job (nor anything else) written


BAD_FILES = {
    "empty": (b"", "empty"),
    "blank lines": (b"\n\n  \n", "empty"),
    "header only": (b"Name,Email\r\n", "no data rows"),
    "NUL bytes": (b"Name,Email\nAda,\x00\x01\x02\n", "NUL"),
    "image renamed": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    "pdf renamed": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    "wrong encoding": (b"Name\n\x81\x8d\x8f\x90\x9d\n", "encoding"),
    "broken BOM": (codecs.BOM_UTF8 + b"Name\n\xff\xfe\xfa\n", "UTF-8"),
    "UTF-16 without BOM": ("Name\nAda\n".encode("utf-16-le"), "UTF-16"),
    "duplicate headers": (b"Name,Email,name\nAda,a@x.org,Ada\n", "same header"),
    "empty header": (b"Name,,Email\nAda,x,a@x.org\n", "no header name"),
    "broken xlsx": (b"PK\x03\x04" + b"xl/workbook.xml" + b"\x00" * 40, ""),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_and_nothing_is_written(workspace, importer, case):
    data, message = BAD_FILES[case]
    with pytest.raises(FileProblem) as caught:
        services.create_import(
            workspace=workspace, actor=importer, upload=upload(data), kind="stakeholders"
        )
    assert message.casefold() in caught.value.message.casefold()
    assert not ImportJob.objects.exists()
    assert not Stakeholder.objects.exists()


def test_file_over_the_size_limit(workspace, importer, settings):
    settings.HEARD_IMPORT_MAX_BYTES = 100
    with pytest.raises(FileProblem, match="limit"):
        services.create_import(
            workspace=workspace,
            actor=importer,
            upload=upload(b"Name\n" + b"Ada\n" * 50),
            kind="stakeholders",
        )
    assert not ImportJob.objects.exists()


# --- row-level problems: listed by row and column in the preview


def test_ragged_rows_are_reported_per_row(make_job):
    job = make_job(b"Name,Email\nAda,ada@x.org\nGrace\nLin,l@x.org,extra\nMo,m@x.org,\n")
    assert [(p["row"], p["column"]) for p in job.problems] == [(3, ""), (4, "")]
    assert "2 columns" in job.problems[0]["message"]


def test_huge_cell_is_a_problem(make_job):
    job = make_job(b"Name,Notes\nAda," + b"x" * 50_000 + b"\nGrace,ok\n")
    assert job.error_count == 1
    assert job.problems[0]["row"] == 2 and job.problems[0]["column"] == "Notes"
    assert "10000" in job.problems[0]["message"].replace(",", "")


def test_csv_formulas_are_problems_never_imported(make_job):
    job = make_job(
        b"Name,Notes,Phone,Messaging handle\n"
        b'=HYPERLINK("http://x"),ok,+44 20 7946 0000,@ada\n'
        b"Grace,-1+A1,,\n"
        b"Lin,@SUM(1;2),-5,\n"
    )
    assert [(p["row"], p["column"]) for p in job.problems] == [
        (2, "Name"),
        (3, "Notes"),
        (4, "Notes"),
    ]


def test_xlsx_formula_is_a_problem(make_job):
    data = xlsx_bytes([["Name", "Notes"], ["Ada", "x"], ["Grace", "y"]], formulas={"B3": "=1+1"})
    job = make_job(data, name="people.xlsx")
    assert [(p["row"], p["column"]) for p in job.problems] == [(3, "Notes")]


@pytest.mark.parametrize(
    ("value", "is_formula"),
    [
        ("=1+1", True),
        ("=SUM(A1:A3)", True),
        ("+A1", True),
        ("-A1*2", True),
        ("@SUM(1)", True),
        ("+cmd|' /C calc'!A0", True),
        ("+44 20 7946 0000", False),
        ("-5", False),
        ("@ada_lovelace", False),
        ("- a bullet", False),
        ("=", False),
        ("plain", False),
    ],
)
def test_formula_detection(value, is_formula):
    assert looks_like_formula(value) is is_formula


# --- property: any text survives writing and reading in each encoding that can hold it

cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(cell_text, min_size=2, max_size=2), min_size=1, max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_round_trip(tmp_path, rows, encoding):
    import csv
    import io

    rows = [[f"id{n}", *cells] for n, cells in enumerate(rows)]
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        [["id", "a", "b"], *rows]
    )
    text = buffer.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    if encoding == "cp1252":
        # Bytes that are also valid UTF-8 are read as UTF-8: the documented order.
        assume(text.isascii() or not _is_utf8(data))
    path = tmp_path / "round.csv"
    path.write_bytes(data)
    table = open_table(path)
    assert table.headers == ["id", "a", "b"]
    assert rows_of(table) == rows


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_delimiter_when_the_sniffer_gives_up(tmp_path):
    # csv.Sniffer raises on this (commas and quotes inside cells); the width check finds ";".
    data = (
        'Nom;Langues;Notes\nAmina;en, yo;a\nJosé;es;\nLan;vi, en;=HYPERLINK("http://x")\n'
    ).encode()
    table = table_from(tmp_path, data)
    assert table.delimiter == ";"
    assert rows_of(table)[0] == ["Amina", "en, yo", "a"]
