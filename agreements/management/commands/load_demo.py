"""Load the demo data (see agreements.demo for what it holds and how re-runs behave)."""

from django.core.management.base import BaseCommand

from agreements.demo import load_demo
from agreements.history.recording import recording
from agreements.models import Via


class Command(BaseCommand):
    help = (
        "Load the demo facts around the U.S.–Mexico critical minerals plan. Creates what "
        "is missing, and brings records only it ever wrote to the current demo data "
        "(recorded in their history); never changes a record anyone else has edited."
    )

    def handle(self, *args, **options):
        with recording(via=Via.COMMAND, command="load_demo"):
            report = load_demo()
        for line in report.lines():
            self.stdout.write(line)
