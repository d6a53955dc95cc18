import importlib

from django.db import migrations

# The same fill as 0008's, which now marks the head's pairs too: rows filled by the first
# version of 0008 get them.
word_pairs = importlib.import_module("agreements.migrations.0008_search_word_pairs")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0009_search_links_in_the_row"),
    ]

    operations = [
        migrations.RunPython(word_pairs.fill_pairs, migrations.RunPython.noop),
    ]
