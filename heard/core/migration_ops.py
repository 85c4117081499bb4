"""Operations migrations share."""

from __future__ import annotations

from django.db import migrations


def analyze(*tables: str) -> migrations.RunPython:
    """Refresh the planner's statistics of `tables`, after adding indexes to them: SQLite takes
    an index it has no statistics for as highly selective, and may read it (then sort a whole
    workspace) instead of the index that serves the page's ORDER BY."""

    def run(apps, schema_editor) -> None:
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit=1000")  # sampled, as in settings.py
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    return migrations.RunPython(run, migrations.RunPython.noop, elidable=True)
