"""Fill the database with synthetic records, for benchmarks (never for the real site).

    manage.py generate_volume --agreements 1000 --documents 100000

Records are slugged `vol-…` and written with simple-history's bulk helper, so their
history exists as for any other write (PostgreSQL or SQLite ≥ 3.35, which return the
ids of bulk inserts). Run it again with the same sizes and it does
nothing; `--replace` deletes the previous volume first. The records are made by
agreements.bench.volume.
"""

from django.core.management.base import BaseCommand

from agreements.bench import volume


class Command(BaseCommand):
    help = "Generate a volume of synthetic records (vol-…) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=1000)
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--participants", type=int, default=200)
        parser.add_argument("--minerals", type=int, default=100)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=4)
        parser.add_argument("--replace", action="store_true", help="Delete the old volume first.")

    def handle(self, *args, **options):
        generator = volume.Volume(
            seed=options["seed"], batch_size=options["batch_size"], progress=self.stderr
        )
        existing, documents = volume.counts()
        if options["replace"]:
            volume.delete()
        elif (existing, documents) == (options["agreements"], options["documents"]):
            self.stdout.write("The volume is already there; nothing to do.")
            return
        elif existing or documents:
            self.stderr.write("A different volume exists: use --replace.")
            return
        generator.generate(
            agreements=options["agreements"],
            documents=options["documents"],
            participants=options["participants"],
            minerals=options["minerals"],
        )
        self.stdout.write(self.style.SUCCESS("Volume generated."))
