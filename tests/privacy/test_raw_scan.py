"""After erasure the person's name and contacts are nowhere in the database: every column of
every table read on the raw connection (SQLite, FTS shadow tables included; PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from heard.core.audit import verify_chain
from heard.privacy import services
from tests.privacy.conftest import EMAIL, HANDLE, NAME, PHONE

pytestmark = pytest.mark.django_db

NEEDLES = (NAME, EMAIL, PHONE, HANDLE, "quillfeather", "zenobia")


def _text(value) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="ignore")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value if isinstance(value, str) else ""


def find_anywhere(needles) -> list[tuple[str, str]]:
    """(table, needle) for every table holding a needle in any column, case-insensitively."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from the db
            for row in cursor.fetchall():
                text = " ".join(_text(v) for v in row).casefold()
                found += [(table, n) for n in needles if n.casefold() in text]
    return sorted(set(found))


def test_the_scan_finds_the_person_before_erasure(workspace, person):
    tables = {table for table, _needle in find_anywhere(NEEDLES)}
    # Contacts are encrypted at rest, the name is not: the scan must see it where it is.
    assert {"stakeholders_stakeholder", "core_auditentry", "feedback_input"} <= tables
    assert ("stakeholders_stakeholder", EMAIL) not in find_anywhere(NEEDLES)


def test_after_erasure_the_name_and_contacts_are_nowhere(
    workspace, person, bystander, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_stakeholder(
            workspace=workspace, actor=None, stakeholder=person.stakeholder, reason="request"
        )
    assert find_anywhere(NEEDLES) == []
    assert find_anywhere(["Bartholomew Inkwright"])  # the scan still sees other people
    assert verify_chain() == []
