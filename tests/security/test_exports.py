"""Exports neutralise spreadsheet formulas: every CSV/XLSX export URL (found by walking the
URL patterns) is fetched with text fields that start like formulas, and no cell a spreadsheet
would evaluate comes back."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import IntegrityError, models, transaction
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from heard.core.models import Role
from heard.stakeholders.exports import FORMULA_STARTS, csv_chunks, neutralise, write_xlsx
from tests.conftest import member_client
from tests.factories import FACTORIES, make
from tests.urlwalk import workspace_routes

PAYLOADS = ['=HYPERLINK("http://x")', "+1", "-1", "@x"]
EXPORT_ROUTES = [r for r in workspace_routes() if r.name.endswith("_export") and len(r.kwargs) == 1]
# Generated or parsed values, not free text: left as the factory made them.
SKIPPED_FIELDS = {"slug", "pseudonym", "email_index", "time_zone", "language", "token_hash"}


def _text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in SKIPPED_FIELDS
        and not f.name.endswith(("_hash", "_index", "_code"))
    ]


def _seed(workspace) -> None:
    """Objects of every workspace model whose free-text fields all start like formulas."""
    for model in FACTORIES:
        fields = _text_fields(model)
        for payload in PAYLOADS:
            values = {f.name: payload[: f.max_length] if f.max_length else payload for f in fields}
            try:
                with transaction.atomic():
                    obj = make(model, workspace)
                    model.objects.filter(pk=obj.pk).update(**values)
            except IntegrityError:
                break  # one per workspace (or a unique text field): one object is enough


def _cells(response, fmt: str) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        return [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    return [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def test_the_walk_finds_the_exports():
    names = {r.name for r in EXPORT_ROUTES}
    assert {"stakeholders:stakeholder_export", "feedback:input_export"} <= names
    assert {"concerns:concern_export", "requests:request_export"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("route", EXPORT_ROUTES, ids=lambda r: r.name)
def test_every_export_neutralises_formulas(route, workspace):
    _seed(workspace)
    client = member_client(workspace, Role.OWNER)
    path = route.path(workspace_slug=workspace.slug)
    for fmt in ("csv", "xlsx"):
        response = client.get(path, {"format": fmt})
        assert response.status_code == 200, (fmt, response.status_code)
        is_xlsx = "spreadsheet" in response["Content-Type"]
        cells = _cells(response, "xlsx" if is_xlsx else "csv")
        dangerous = [c for c in cells if c.startswith(FORMULA_STARTS)]
        assert not dangerous, dangerous[:5]
        # The payloads did reach the file, neutralised (a quote in front).
        assert any(c.startswith("'") and c[1:2] in "=+-@" for c in cells), cells[:20]


@given(st.text())
def test_neutralise_is_safe_and_idempotent(text):
    once = neutralise(text)
    assert not once.startswith(FORMULA_STARTS)
    assert neutralise(once) == once
    assert once in (text, "'" + text)


def test_the_writers_neutralise_rows_built_by_hand(tmp_path):
    """csv_chunks and write_xlsx neutralise every text cell themselves, so an exporter that
    builds its rows without `rows()` is still safe."""
    rows = [["header"], ['=HYPERLINK("http://x")'], ["@x"], [-1], [None]]
    text = "".join(csv_chunks(rows)).lstrip("\ufeff")
    assert list(csv.reader(io.StringIO(text))) == [
        ["header"],
        ['\'=HYPERLINK("http://x")'],
        ["'@x"],
        ["-1"],
        [""],
    ]
    target = tmp_path / "out.xlsx"
    write_xlsx(rows, target, title="t")
    values = [row[0] for row in load_workbook(target).active.iter_rows(values_only=True)]
    assert values[:4] == ["header", '\'=HYPERLINK("http://x")', "'@x", -1]
