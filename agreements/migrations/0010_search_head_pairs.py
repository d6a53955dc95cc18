import agreements.models.search
from django.db import migrations

TABLE = "agreements_searchentry"


def refill_pairs(apps, schema_editor):
    """The word pairs again, now with the head's pairs marked, so a phrase in titles and
    summaries is narrowed without a rebuild (PostgreSQL)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE {TABLE} SET pairs = "
            + agreements.models.search.WORD_PAIRS_SQL.format(vector="vector", head="head")
        )
        schema_editor.execute(f"ANALYZE {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0009_search_links_in_the_row"),
    ]

    operations = [
        migrations.RunPython(refill_pairs, migrations.RunPython.noop),
    ]
