from django.db import migrations

from heard.core.search import fts_migration


class Migration(migrations.Migration):
    dependencies = [("impacts", "0001_initial")]

    operations = [
        fts_migration("impacts_initiative"),
        fts_migration("impacts_impact"),
    ]
