"""Recreate the search index from the records: after loaddata, an import or a bulk update."""

from django.core.management.base import BaseCommand

from agreements.search.index import rebuild_index


class Command(BaseCommand):
    help = "Recreate every search entry from the knowledge-base records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Records written per batch (500)."
        )

    def handle(self, *args, batch_size: int, **options):
        total = rebuild_index(batch_size=batch_size)
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} records for search."))
