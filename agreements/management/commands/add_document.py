"""Track a document, or record a new version of its text (see services.document_add)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from agreements import services
from agreements.history.recording import recording
from agreements.models import DocumentKind, Language, Via


class Command(BaseCommand):
    help = (
        "Add the document at --url with the text of --text-file; if it is already tracked "
        "and its text changed, keep the earlier text as a version and store the new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", required=True)
        parser.add_argument("--title", required=True)
        parser.add_argument("--text-file", required=True, type=Path)
        parser.add_argument("--slug", help="For a new document (default: from the title).")
        parser.add_argument("--kind", default=DocumentKind.OTHER, choices=DocumentKind.values)
        parser.add_argument("--language", default=Language.ENGLISH, choices=Language.values)
        parser.add_argument("--publisher", default="")
        parser.add_argument("--reason", default="")

    def handle(self, *args, **options):
        try:
            text = options["text_file"].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read the text file: {exc}") from exc
        try:
            with recording(via=Via.COMMAND, command="add_document"):
                document, written = services.document_add(
                    url=options["url"],
                    title=options["title"],
                    text=text,
                    reason=options["reason"],
                    slug=options["slug"] or slugify(options["title"])[:140],
                    kind=options["kind"],
                    language=options["language"],
                    publisher=options["publisher"],
                )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if not written:
            self.stdout.write(f"“{document}” is unchanged (same text).")
        else:
            self.stdout.write(f"“{document}”: text {document.content_hash[:12]}… recorded.")
