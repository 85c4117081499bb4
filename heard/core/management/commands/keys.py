"""`heard keys rotate`: re-encrypt every encrypted column under the newest key in
HEARD_FIELD_KEYS and recompute the email lookup hashes. `heard keys generate` prints a new key.

Put a new key first in HEARD_FIELD_KEYS (keep the old ones after it), run `heard keys rotate`,
then the old keys can be removed.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from heard.core import crypto

BATCH = 1000


def encrypted_fields(model) -> list[str]:
    """The column names of a model's encrypted fields."""
    return [
        f.column for f in model._meta.concrete_fields if isinstance(f, crypto.EncryptedTextField)
    ]


def rotate_model(model, batch: int = BATCH) -> tuple[int, int]:
    """Re-encrypt one model's encrypted columns in batches of raw rows (never through the
    field, which would decrypt). Returns (rows rotated, values that no key could decrypt)."""
    columns = encrypted_fields(model)
    table, pk = model._meta.db_table, model._meta.pk.column
    has_index = "email" in columns and any(
        f.column == "email_index" for f in model._meta.concrete_fields
    )
    quote = connection.ops.quote_name
    selected = columns + (["email_index"] if has_index else [])
    select = (
        f"SELECT {quote(pk)}, {', '.join(quote(c) for c in selected)} FROM {quote(table)} "  # noqa: S608
        f"WHERE {quote(pk)} > %s ORDER BY {quote(pk)} LIMIT %s"
    )
    assignments = [f"{quote(c)} = %s" for c in columns]
    if has_index:
        assignments.append(f"{quote('email_index')} = %s")
    update = f"UPDATE {quote(table)} SET {', '.join(assignments)} WHERE {quote(pk)} = %s"  # noqa: S608
    last, rotated, failed = 0, 0, 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(select, [last, batch])
            rows = cursor.fetchall()
            if not rows:
                break
            params = []
            for row_pk, *values in rows:
                old_index = values.pop() if has_index else ""
                new_values, index = [], old_index
                for column, token in zip(columns, values, strict=True):
                    try:
                        new_values.append(crypto.rotate(token or ""))
                        if column == "email":
                            index = crypto.blind_index(crypto.decrypt(token or ""))
                    except InvalidToken:
                        failed += 1
                        new_values.append(token)
                if has_index:
                    new_values.append(index)
                params.append([*new_values, row_pk])
            cursor.executemany(update, params)
            rotated += len(rows)
            last = rows[-1][0]
    return rotated, failed


class Command(BaseCommand):
    help = "Field-encryption keys. rotate: re-encrypt under the newest key. generate: new key."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate", "generate"])
        parser.add_argument("--batch", type=int, default=BATCH)

    def handle(self, *args, action, batch, **options):
        if action == "generate":
            self.stdout.write(Fernet.generate_key().decode())
            return
        total_failed = 0
        for model in apps.get_models():
            if not encrypted_fields(model):
                continue
            rotated, failed = rotate_model(model, batch)
            total_failed += failed
            label = model._meta.label
            self.stdout.write(f"{label}: {rotated} row(s) re-encrypted, {failed} unreadable.")
        if total_failed:
            self.stderr.write(
                self.style.WARNING(
                    f"{total_failed} value(s) were encrypted with a key no longer configured "
                    "and were left as they are."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("Every encrypted value uses the newest key."))
