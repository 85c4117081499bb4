from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0004_organisation_member_index")]

    operations = [
        migrations.AddIndex(
            model_name="stakeholder",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["workspace", "country", "relation", "last_engaged_on", "id"],
                name="sh_alternatives_idx",
            ),
        ),
    ]
