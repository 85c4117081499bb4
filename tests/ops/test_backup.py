"""`heard backup` / `heard restore` round-trip a database: every row of every table comes back."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from heard.core import audit
from heard.core.models import AuditAction, AuditEntry, Role, User, Workspace
from heard.feedback.models import Input
from heard.ops import backup, heartbeat
from heard.ops.models import WorkerHeartbeat
from tests.factories import FACTORIES, MembershipFactory, WorkspaceFactory, make
from tests.ops.conftest import in_thread, sqlite_database_at, table_rows

pytestmark = pytest.mark.django_db(transaction=True)


def populate() -> Workspace:
    """A workspace with a row of every workspace model, a member, an audit entry, a
    heartbeat: rows in every app."""
    workspace = WorkspaceFactory()
    owner = MembershipFactory(workspace=workspace, role=Role.OWNER).user
    for model in FACTORIES:
        make(model, workspace)
    audit.record(workspace=workspace, actor=owner, action=AuditAction.UPDATE, obj=workspace)
    heartbeat.beat("worker-1")
    return workspace


def test_round_trip_restores_every_row_of_every_table(tmp_path, capsys):
    populate()
    workspace_count = Workspace.objects.count()
    original = table_rows()
    # The comparison is not vacuous: every workspace model, users, audit log, heartbeat.
    for model in [*FACTORIES, User, AuditEntry, WorkerHeartbeat]:
        assert original[model._meta.db_table], model

    path = tmp_path / "heard.backup"
    call_command("backup", output=str(path))
    assert "Backed up to" in capsys.readouterr().out
    assert path.stat().st_mode & 0o077 == 0  # holds identities: owner-only

    # Disaster: new rows, changed rows, deleted rows.
    populate()
    Workspace.objects.update(name="overwritten")
    Input.objects.update(text="overwritten")
    WorkerHeartbeat.objects.all().delete()
    assert table_rows() != original

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(path))
    call_command("restore", str(path), yes=True)
    out = capsys.readouterr().out
    assert "Restored" in out and f"{workspace_count} workspaces" in out

    restored = table_rows()
    assert sorted(restored) == sorted(original)
    for table, rows in original.items():
        assert restored[table] == rows, f"{table} differs after restore"

    # Sequences came back too: new rows do not collide with restored ones.
    assert WorkspaceFactory().pk > max(Workspace.objects.values_list("pk", flat=True)[:1] or [0])


def test_restore_into_an_empty_database_needs_no_yes(tmp_path):
    path = tmp_path / "empty.backup"
    backup.backup(path)
    call_command("restore", str(path))
    assert not backup.has_data()


def test_restore_refuses_what_is_not_a_backup_of_this_kind(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    with pytest.raises(CommandError, match="not a Heard backup"):
        call_command("restore", str(text), yes=True)
    other = tmp_path / "other.backup"
    other.write_bytes(
        backup.PG_DUMP_MAGIC + b"\0" * 64
        if backup.engine() == backup.SQLITE
        else backup.SQLITE_MAGIC + b"\0" * 64
    )
    with pytest.raises(CommandError, match="same kind of database"):
        call_command("restore", str(other), yes=True)
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", str(tmp_path / "missing"), yes=True)


# SQLite only (collected only there, not skipped elsewhere): SQLite files are checked before
# restoring into SQLite, and a new server's database is just a new file.
ON_SQLITE = backup.engine() == backup.SQLITE


def _refuses_a_sqlite_file_that_is_not_heard(tmp_path):
    import sqlite3

    path = tmp_path / "foreign.sqlite3"
    foreign = sqlite3.connect(path)
    foreign.execute("CREATE TABLE t (x)")
    foreign.commit()
    foreign.close()
    with pytest.raises(CommandError, match="not a Heard database"):
        call_command("restore", str(path), yes=True)


def _restore_into_a_new_database_that_was_never_migrated(tmp_path):
    """Disaster recovery on a new server: the target has no tables at all."""
    populate()
    original = table_rows()
    path = tmp_path / "heard.backup"
    backup.backup(path)
    with sqlite_database_at(tmp_path / "new-server.sqlite3"):
        in_thread(call_command, "restore", str(path))
        restored = in_thread(table_rows)
    assert restored == original


if ON_SQLITE:
    test_restore_refuses_a_sqlite_file_that_is_not_heard = _refuses_a_sqlite_file_that_is_not_heard
    test_restore_into_a_new_database_that_was_never_migrated = (
        _restore_into_a_new_database_that_was_never_migrated
    )
