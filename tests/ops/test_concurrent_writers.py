"""10 writers recording inputs at once through the real service: no "database is locked", no
lost row, an unbroken audit chain. On SQLite the writers share a WAL file database with the
project's connection options (busy timeout, IMMEDIATE transactions); on PostgreSQL the test
database."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from heard.core.audit import verify_chain
from heard.core.models import AuditEntry, Role, Workspace
from heard.feedback.models import Input
from heard.feedback.services.inputs import record_input
from tests.factories import MembershipFactory, WorkspaceFactory
from tests.ops.conftest import in_thread, sqlite_file_database

WRITERS = 10
INPUTS_EACH = 20

pytestmark = pytest.mark.django_db(transaction=True)


def write_concurrently(workspace, actor) -> list[BaseException]:
    """Start WRITERS threads together, each recording INPUTS_EACH inputs; their errors."""
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        from django.db import connection as thread_connection

        try:
            start.wait()
            for index in range(INPUTS_EACH):
                record_input(
                    workspace=workspace,
                    actor=actor,
                    text=f"Writer {number}, input {index}: the appeal needs a human.",
                    language="en",
                )
        except BaseException as error:
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    return errors


def outcome(workspace) -> tuple[int, int, int, list]:
    """Inputs, distinct texts, audit entries and audit chain problems of `workspace`."""
    inputs = Input.objects.filter(workspace=workspace)
    return (
        inputs.count(),
        inputs.values("text").distinct().count(),
        AuditEntry.objects.filter(workspace=workspace).count(),
        verify_chain(Workspace.objects.filter(pk=workspace.pk)),
    )


def test_ten_concurrent_writers_lose_nothing(tmp_path):
    workspace = WorkspaceFactory()
    actor = MembershipFactory(workspace=workspace, role=Role.EDITOR).user
    expected = WRITERS * INPUTS_EACH
    if connection.vendor == "sqlite":
        with sqlite_file_database(tmp_path):
            errors = write_concurrently(workspace, actor)
            result = in_thread(outcome, workspace)
    else:
        errors = write_concurrently(workspace, actor)
        result = outcome(workspace)
    assert not [e for e in errors if "locked" in str(e)], "database is locked"
    assert errors == []
    count, distinct, audit_entries, chain_problems = result
    assert count == distinct == expected
    assert audit_entries == expected
    assert chain_problems == []
