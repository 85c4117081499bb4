"""Full-text search behind one small interface: SQLite FTS5 or PostgreSQL tsvector + GIN.

A searchable model has a `search_text` column holding normalised text (see `normalise`);
its migration adds `fts_migration(table)`, and lists call `full_text_filter(queryset, q)`.
Normalising in Python (case and diacritics folded) makes both engines match the same way:
"jose" finds "José" on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, migrations
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

MAX_TERMS = 8
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(*parts: str | None) -> str:
    """Text folded for searching: casefolded, diacritics removed, words separated by spaces."""
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(stripped))


def terms(query: str) -> list[str]:
    """The normalised words of a query (at most MAX_TERMS); each is matched as a prefix."""
    return normalise(query).split()[:MAX_TERMS]


def full_text_filter(queryset: QuerySet, query: str) -> QuerySet:
    """Rows whose search text contains every word of `query` (as a word prefix)."""
    words = terms(query)
    if not words:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite":
        table = f"{queryset.model._meta.db_table}_fts"
        match = " ".join(f'"{w}"*' for w in words)
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])  # noqa: S608
        )
    if vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        return queryset.annotate(search_vector=SearchVector("search_text", config="simple")).filter(
            search_vector=SearchQuery(tsquery, config="simple", search_type="raw")
        )
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _sqlite_sql(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"INSERT INTO {fts}(rowid, search_text) SELECT id, search_text FROM {table}",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
        " END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
        f" INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
    ]


def _sqlite_drop(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def _postgres_sql(table: str) -> list[str]:
    # The expression must be exactly what SearchVector("search_text", config="simple")
    # compiles to, or the planner will not use the index.
    return [
        f"CREATE INDEX {table}_fts ON {table} USING GIN "
        f"(to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
    ]


def fts_migration(table: str) -> migrations.RunPython:
    """A migration operation that adds full-text search on `table.search_text`."""

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"sqlite": _sqlite_sql, "postgresql": _postgres_sql}.get(vendor)
        for sql in statements(table) if statements else []:
            schema_editor.execute(sql)

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            for sql in _sqlite_drop(table):
                schema_editor.execute(sql)
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_fts")

    return migrations.RunPython(forward, backward)
