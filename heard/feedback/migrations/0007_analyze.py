from django.db import migrations

from heard.core.migration_ops import analyze


class Migration(migrations.Migration):
    dependencies = [("feedback", "0006_stakeholder_shown_index")]

    operations = [analyze("feedback_input")]
