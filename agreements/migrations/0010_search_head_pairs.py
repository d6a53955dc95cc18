from django.db import migrations

TABLE = "agreements_searchentry"
# The same fill as 0008's, which now marks the head's pairs too: rows filled by the first
# version of 0008 get them. Its own frozen copy of the SQL (`WORD_PAIRS_SQL` of
# agreements.models.search on the row's columns), so this migration never changes.
WORD_PAIRS_SQL = """(
    WITH w AS (SELECT u.lexeme, p FROM unnest(vector) u, unnest(u.positions) p),
    head_end AS (SELECT COALESCE(max(p), 0) AS p FROM unnest(head) u, unnest(u.positions) p),
    pairs AS (
        SELECT a.lexeme || ' ' || b.lexeme AS pair, b.p <= (SELECT p FROM head_end) AS in_head
        FROM w a JOIN w b ON b.p = a.p + 1
    )
    SELECT array_to_tsvector(COALESCE(array_agg(DISTINCT token), '{}'))
    FROM (SELECT pair AS token FROM pairs UNION ALL SELECT pair || ' ' FROM pairs WHERE in_head) t
)"""


def fill_pairs(apps, schema_editor):
    """Existing rows get their word pairs, the head's marked, without a rebuild."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE {TABLE} SET pairs = " + WORD_PAIRS_SQL)
        schema_editor.execute(f"ANALYZE {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0009_search_links_in_the_row"),
    ]

    operations = [
        migrations.RunPython(fill_pairs, migrations.RunPython.noop),
    ]
