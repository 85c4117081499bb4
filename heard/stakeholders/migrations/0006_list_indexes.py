from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0005_alternatives_index")]

    operations = [
        migrations.RemoveIndex(model_name="stakeholder", name="sh_alternatives_idx"),
        migrations.AddIndex(
            model_name="stakeholder",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True), ("relation__isnull", False)),
                fields=["workspace", "country", "relation", "last_engaged_on", "id"],
                name="sh_alternatives_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="stakeholder",
            index=models.Index(
                fields=["workspace", "archived_at", "last_engaged_on", "id"],
                name="sh_ws_active_engaged_idx",
            ),
        ),
    ]
