from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0006_list_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="stakeholder",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True), ("is_key_relationship", True)),
                fields=["workspace", "relationship_owner", "last_engaged_on"],
                name="sh_key_owner_idx",
            ),
        ),
    ]
