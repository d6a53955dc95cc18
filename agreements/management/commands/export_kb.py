"""Write the whole knowledge base, history and citations included, to one JSON file."""

from django.core.management.base import BaseCommand

from agreements.opendata import backup


class Command(BaseCommand):
    help = "Export the knowledge base (records, history, citations) to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the JSON file.")

    def handle(self, *args, path, **options):
        backup.export_kb(path)
        self.stdout.write(self.style.SUCCESS(f"Exported the knowledge base to {path}"))
