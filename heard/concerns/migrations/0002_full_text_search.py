from django.db import migrations

from heard.core.search import fts_migration


class Migration(migrations.Migration):
    dependencies = [("concerns", "0001_initial")]

    operations = [fts_migration("concerns_concern")]
