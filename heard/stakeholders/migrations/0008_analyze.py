from django.db import migrations

from heard.core.migration_ops import analyze


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0007_key_owner_index")]

    operations = [analyze("stakeholders_stakeholder")]
