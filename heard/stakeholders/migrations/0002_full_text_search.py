from django.db import migrations

from heard.core.search import fts_migration


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial")]

    operations = [
        fts_migration("stakeholders_stakeholder"),
        fts_migration("stakeholders_organisation"),
    ]
