"""Load the demo data (see agreements.demo for what it holds and how re-runs behave)."""

from django.core.management.base import BaseCommand

from agreements.demo import load_demo
from agreements.history.recording import recording
from agreements.models import Via


class Command(BaseCommand):
    help = (
        "Load the demo facts around the U.S.–Mexico critical minerals plan. Creates only "
        "what is missing; never changes an existing record."
    )

    def handle(self, *args, **options):
        with recording(via=Via.COMMAND, command="load_demo"):
            report = load_demo()
        for line in report.lines():
            self.stdout.write(line)
