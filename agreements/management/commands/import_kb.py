"""Restore the knowledge base from an export_kb file."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agreements.opendata import backup


class Command(BaseCommand):
    help = "Import an export_kb file into an empty database (or --replace what is there)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The JSON file written by export_kb.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the knowledge-base records already in the database first.",
        )

    def handle(self, *args, path, replace, **options):
        try:
            created = backup.import_kb(path, replace=replace)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported the knowledge base from {path} ({created} user name(s) recreated)."
            )
        )
