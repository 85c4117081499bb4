"""Backing up and restoring the whole database, online.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot while
the app keeps serving (WAL lets writers go on), and restores by copying the file back into the
live database in one step. PostgreSQL: `pg_dump --format=custom` and
`pg_restore --clean --if-exists --single-transaction`, so a failed restore changes nothing.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core.errors import DomainError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
SUFFIX = {SQLITE: ".sqlite3", POSTGRESQL: ".pgdump"}
KIND_NAMES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}


@dataclass(frozen=True)
class Summary:
    """What a backup holds or a restore brought back, for the command to print."""

    kind: str
    path: Path
    size: int
    counts: dict[str, int]
    migrations_to_apply: int = 0
    unknown_migrations: int = 0


# --- shared


def engine(using: str = "default") -> str:
    """SQLITE or POSTGRESQL for the connection `using`."""
    vendor = connections[using].vendor
    if vendor == "sqlite":
        return SQLITE
    if vendor == "postgresql":
        return POSTGRESQL
    raise DomainError(_("Backups support SQLite and PostgreSQL, not %(v)s.") % {"v": vendor})


def file_kind(path: Path) -> str | None:
    """SQLITE or POSTGRESQL from the file's first bytes; None for anything else."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return SQLITE
    if head.startswith(PG_DUMP_MAGIC):
        return POSTGRESQL
    return None


def default_path(kind: str) -> Path:
    """var/backups/heard-<UTC time>.<suffix>."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"heard-{stamp}{SUFFIX[kind]}"


def counts(using: str = "default") -> dict[str, int]:
    """A few row counts that tell a human what is in the database (one query)."""
    tables = {
        "workspaces": "core_workspace",
        "users": "core_user",
        "stakeholders": "stakeholders_stakeholder",
        "inputs": "feedback_input",
    }
    sql = " UNION ALL ".join(
        f"SELECT '{name}', COUNT(*) FROM {table}" for name, table in tables.items()
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def has_data(using: str = "default") -> bool:
    """Whether the database holds any workspace or user (what a restore would overwrite); a
    new, empty database (not even migrated) holds none."""
    if "core_workspace" not in connections[using].introspection.table_names():
        return False
    found = counts(using)
    return bool(found["workspaces"] or found["users"])


def migration_state(using: str = "default") -> tuple[int, int]:
    """(migrations the code has but the database lacks, migrations the database has that the
    code does not know — a backup from a newer Heard)."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    on_disk = set(loader.disk_migrations)
    applied = set(loader.applied_migrations)
    return len(on_disk - applied), len(applied - on_disk)


def _private_file(path: Path) -> None:
    """Backups hold stakeholder identities: readable by the owner only."""
    path.chmod(0o600)


# --- backup


def backup(output: Path | None = None, *, using: str = "default") -> Summary:
    """Write a backup of the database `using` to `output` (or var/backups/…)."""
    kind = engine(using)
    output = Path(output) if output else default_path(kind)
    if output.is_dir():
        output = output / default_path(kind).name
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed: a half-written file never has the final name.
    handle, partial = tempfile.mkstemp(prefix=".partial-", dir=output.parent)
    os.close(handle)
    partial = Path(partial)
    try:
        _private_file(partial)
        if kind == SQLITE:
            _sqlite_backup(partial, using)
        else:
            _pg_dump(partial, using)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return Summary(kind, output, output.stat().st_size, counts(using))


def _sqlite_backup(target: Path, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): a consistent snapshot under one read transaction; in WAL mode
        # the app's writers carry on meanwhile.
        connection.connection.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DomainError(_("The backup failed its integrity check; try again."))
    finally:
        copy.close()


def _pg_environment(using: str) -> dict[str, str]:
    """libpq variables for pg_dump/pg_restore (the password never on the command line)."""
    params = connections[using].settings_dict
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if params.get(key):
            env[name] = str(params[key])
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise DomainError(
            _(
                "%(tool)s was not found: install the PostgreSQL client tools "
                "(Debian: apt-get install postgresql-client), of the server's major version "
                "or newer."
            )
            % {"tool": name}
        )
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DomainError(
            _("%(tool)s failed: %(error)s")
            % {"tool": Path(command[0]).name, "error": result.stderr.strip()[-2000:]}
        )


def _pg_dump(target: Path, using: str) -> None:
    # --no-owner/--no-privileges: the dump restores under whatever role the target uses.
    _run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={target}",
        ],
        _pg_environment(using),
    )


# --- restore


def check_restorable(path: Path, *, using: str = "default") -> str:
    """The file's kind, after checking that it can be restored into `using`."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(_("No such file: %(path)s") % {"path": path})
    kind = file_kind(path)
    target = engine(using)
    if kind is None:
        raise DomainError(
            _("%(path)s is not a Heard backup (neither a SQLite file nor a pg_dump archive).")
            % {"path": path}
        )
    if kind != target:
        raise DomainError(
            _(
                "%(path)s is a %(kind)s backup but the database is %(target)s: restore it into "
                "the same kind of database it was taken from."
            )
            % {"path": path, "kind": KIND_NAMES[kind], "target": KIND_NAMES[target]}
        )
    if kind == SQLITE:
        _check_sqlite_file(path)
    return kind


def _check_sqlite_file(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DomainError(_("%(path)s is damaged (integrity check failed).") % {"path": path})
        found = source.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('django_migrations', "
            "'core_workspace')"
        ).fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise DomainError(
            _("%(path)s cannot be read: %(e)s") % {"path": path, "e": error}
        ) from None
    finally:
        source.close()
    if found != 2:
        raise DomainError(_("%(path)s is a SQLite file but not a Heard database.") % {"path": path})


def restore(path: Path, *, using: str = "default") -> Summary:
    """Replace the database `using` with the backup at `path`, all or nothing."""
    path = Path(path)
    kind = check_restorable(path, using=using)
    if kind == SQLITE:
        _sqlite_restore(path, using)
    else:
        _pg_restore(path, using)
    to_apply, unknown = migration_state(using)
    return Summary(kind, path, path.stat().st_size, counts(using), to_apply, unknown)


def _sqlite_restore(path: Path, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise DomainError(_("Cannot restore inside a transaction."))
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # The backup API in reverse: the live database's pages replaced in one transaction;
        # other connections wait (busy timeout) and then see the restored data.
        source.backup(connection.connection, pages=-1)
    finally:
        source.close()


def _pg_restore(path: Path, using: str) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise DomainError(_("Cannot restore inside a transaction."))
    connection.close()  # hold no locks on the tables pg_restore drops
    env = _pg_environment(using)
    _run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env.get('PGDATABASE', '')}",
            str(path),
        ],
        env,
    )
