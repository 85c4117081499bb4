# The input list and the open-loop reads get partial indexes; the plain indexes on
# loop_closed_at and loop_due_on go (SQLite's planner preferred them and read every open loop).
# The fields change in the migration state only and the two indexes are dropped by name:
# an AlterField would make SQLite rebuild the table, losing the full-text search triggers.

from django.db import migrations, models

DROP = (
    "DROP INDEX IF EXISTS feedback_input_loop_closed_at_206745c3",
    "DROP INDEX IF EXISTS feedback_input_loop_due_on_47e8e31d",
)
CREATE = (
    'CREATE INDEX "feedback_input_loop_closed_at_206745c3" ON "feedback_input" ("loop_closed_at")',
    'CREATE INDEX "feedback_input_loop_due_on_47e8e31d" ON "feedback_input" ("loop_due_on")',
)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0004_open_loop_owner_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="input", name="inp_ws_open_loop_idx"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="input",
                    name="loop_closed_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="loop closed at"
                    ),
                ),
                migrations.AlterField(
                    model_name="input",
                    name="loop_due_on",
                    field=models.DateField(
                        blank=True, editable=False, null=True, verbose_name="loop due on"
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(list(DROP), reverse_sql=list(CREATE)),
            ],
        ),
        migrations.AddIndex(
            model_name="input",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True), ("merged_into__isnull", True)),
                fields=["workspace", "created_at", "id"],
                name="inp_ws_active_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="input",
            index=models.Index(
                condition=models.Q(
                    ("archived_at__isnull", True),
                    ("loop_closed_at__isnull", True),
                    ("merged_into__isnull", True),
                ),
                fields=["workspace", "loop_due_on"],
                name="inp_ws_open_loop_idx",
            ),
        ),
    ]
