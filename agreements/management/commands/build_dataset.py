"""Build the dataset download: the whole knowledge base as one file, in storage."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from agreements.opendata import dataset


class Command(BaseCommand):
    help = (
        "Export the knowledge base (records, history, citations) into the storage the "
        "/data/ page serves it from. Writes nothing when nothing has changed."
    )

    def handle(self, *args, **options):
        build = dataset.build()
        built = build.dataset
        facts = f"{filesizeformat(built.size)}, SHA-256 {built.sha256}"
        if build.changed:
            self.stdout.write(self.style.SUCCESS(f"Built the dataset {built.name} ({facts})."))
        else:
            self.stdout.write(
                f"The dataset is unchanged since {built.built_at:%Y-%m-%d %H:%M} UTC "
                f"({built.name}, {facts})."
            )
