"""Helpers for the import tests: files in every shape, and jobs made through the services."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.core.models import Role
from heard.imports import services
from tests.factories import MembershipFactory


def csv_bytes(rows, *, encoding="utf-8", delimiter=",") -> bytes:
    """Rows written by the csv module, encoded."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(data: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def xlsx_bytes(rows, *, formulas: dict | None = None) -> bytes:
    """An XLSX workbook with `rows`; `formulas` = {"B2": "=SUM(1,2)"} sets formula cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cell, formula in (formulas or {}).items():
        sheet[cell] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def importer(workspace):
    """A workspace member allowed to import."""
    return MembershipFactory(workspace=workspace, role=Role.EDITOR).user


@pytest.fixture
def make_job(workspace, importer):
    """Upload, guess the mapping and preview; returns the job."""

    def make(data: bytes, kind: str = "stakeholders", name: str = "people.csv", mapping=None):
        job = services.create_import(
            workspace=workspace, actor=importer, upload=upload(data, name), kind=kind
        )
        if mapping is not None:
            services.set_mapping(workspace=workspace, actor=importer, job=job, mapping=mapping)
        return services.preview(workspace=workspace, actor=importer, job=job)

    return make
