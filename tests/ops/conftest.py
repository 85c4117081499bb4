"""Helpers for the operations tests: whole-database snapshots and a file-based SQLite copy of
the test database that threads can write to concurrently."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from django.db import connection

from heard.ops import backup


def table_rows() -> dict[str, list[str]]:
    """Every row of every table (found by introspection, not through the models), sorted, as
    comparable text: a restore that loses, adds or changes any row changes this."""
    tables = set(connection.introspection.table_names())
    if connection.vendor == "sqlite":
        tables.add("sqlite_sequence")
    data = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            data[table] = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
    return data


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


@contextlib.contextmanager
def sqlite_file_database(directory: Path):
    """While inside, new connections (other threads') open a WAL file copy of the in-memory
    SQLite test database, with the project's connection options (busy timeout, IMMEDIATE
    transactions): concurrent writers there meet the locking a real deployment meets. The main
    thread keeps its in-memory connection, so it must only read through `in_thread`."""
    path = directory / "concurrent.sqlite3"
    backup.backup(path)
    wal = sqlite3.connect(path)
    wal.execute("PRAGMA journal_mode=WAL")
    wal.close()
    with sqlite_database_at(path):
        yield path


@contextlib.contextmanager
def sqlite_database_at(path: Path):
    """While inside, new connections (other threads') open the SQLite database at `path`."""
    settings_dict = connection.settings_dict  # shared by every thread's connection
    saved = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield path
    finally:
        settings_dict["NAME"] = saved


def in_thread(function, *args):
    """Run `function` on a new thread with its own database connection; return its result."""
    result, errors = [], []

    def run():
        from django.db import connection as thread_connection

        try:
            result.append(function(*args))
        except BaseException as error:  # re-raised in the caller
            errors.append(error)
        finally:
            thread_connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]
