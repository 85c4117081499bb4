from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_list_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="input",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True), ("merged_into__isnull", True)),
                fields=["stakeholder", "workspace", "engagement"],
                name="inp_stakeholder_shown_idx",
            ),
        ),
    ]
