"""Uploads: size limits, type judged by content (not the name), stored under generated names,
and no file served from a path a user controls."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve

from heard.core.models import Role
from heard.imports import services
from heard.imports.models import ImportJob
from heard.imports.parsing import FileProblem
from tests.factories import MembershipFactory
from tests.imports.conftest import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

ROWS = [["Name", "Country"], ["Amina", "KE"]]


@pytest.fixture
def importer(workspace):
    return MembershipFactory(workspace=workspace, role=Role.EDITOR).user


def _import(workspace, importer, data: bytes, name: str) -> ImportJob:
    return services.create_import(
        workspace=workspace,
        actor=importer,
        upload=SimpleUploadedFile(name, data),
        kind="stakeholders",
    )


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "people.csv"),
        (b"%PDF-1.7\n" + b"x" * 64, "people.csv"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "people.xlsx"),  # no [Content_Types].xml
        (_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<T/>"}), "people.xlsx"),
        (b"Name,Country\r\nAmina\x00\x00,KE\r\n", "people.csv"),  # not text
        (bytes(range(256)) * 4, "people.csv"),
    ],
    ids=["png", "pdf", "zip-without-content-types", "docx", "nul-bytes", "random-bytes"],
)
def test_files_that_are_not_csv_or_xlsx_are_refused_and_nothing_is_written(
    workspace, importer, data, name
):
    with pytest.raises(FileProblem):
        _import(workspace, importer, data, name)
    assert not ImportJob.objects.for_workspace(workspace).exists()


def test_the_content_decides_the_format_not_the_extension(workspace, importer):
    assert _import(workspace, importer, xlsx_bytes(ROWS), "people.csv").file_format == "xlsx"
    assert _import(workspace, importer, csv_bytes(ROWS), "people.xlsx").file_format == "csv"


def test_files_over_the_limit_are_refused(workspace, importer, settings):
    settings.HEARD_IMPORT_MAX_BYTES = 100
    with pytest.raises(FileProblem, match="limit"):
        _import(workspace, importer, csv_bytes(ROWS * 20), "people.csv")


def test_request_bodies_are_limited():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.HEARD_IMPORT_MAX_BYTES <= 100 * 1024 * 1024


def test_an_oversized_form_body_is_a_400_not_a_500(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/accounts/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 400


def test_the_users_file_name_is_only_a_label(workspace, importer):
    job = _import(workspace, importer, csv_bytes(ROWS), "../../../etc/passwd.csv")
    assert job.original_name == "passwd.csv"
    assert ".." not in job.file.name and "passwd" not in job.file.name
    assert job.file.name.startswith("imports/")


def test_no_url_serves_media_or_arbitrary_files():
    from django.conf import settings

    from tests.urlwalk import all_routes

    for path in ("/media/imports/x.csv", f"/{settings.MEDIA_ROOT}/x"):
        with pytest.raises(Resolver404):
            resolve(path)
    serving = [
        r.route
        for r in all_routes()
        if getattr(r.callback, "__module__", "") == "django.views.static"
    ]
    assert serving == []
