"""`make bench`: a benchmark, not a test.

Generates volume, serves the site with gunicorn as in production (DEBUG off, a random
secret key, 127.0.0.1 only) and measures with wrk, in one run: /healthz (a bare Django
JSON view, the baseline), the main API lists and details (fresh and answered with 304),
and the main public pages. Prints throughput as a ratio of the baseline,
p50/p99 latency, non-2xx counts and queries per request (counted in-process on the same
database, warm and with the read cache off). Then, with the server stopped, the search
section: `bench_search` over generated documents with text (p50/p95/p99 per query,
a very common term among them). `--write docs/benchmarks.md` keeps the tables. Every
load run is bounded in time (`--duration`) and in count (`--max-requests`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from agreements.bench import http, report
from agreements.bench import search as bench_search


class Command(BaseCommand):
    help = "Benchmark the API and pages under gunicorn with wrk (see docs/benchmarks.md)."

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=1000)
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--duration", type=int, default=10, help="Seconds per target.")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--max-requests", type=int, default=200_000, help="Per wrk thread.")
        parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--write", help="Write the results table to this Markdown file.")
        parser.add_argument(
            "--search-documents",
            type=int,
            default=100_000,
            help="Generated documents with text for the search section (0: no section).",
        )
        parser.add_argument("--search-repeat", type=int, default=50, help="Runs per query.")
        parser.add_argument(
            "--search-database",
            help=(
                "DATABASE_URL of the search section's own database, so it holds exactly "
                "--search-documents documents (default: this database)."
            ),
        )

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (Debian: apt-get install wrk).")
        if "db.sqlite3" in str(settings.DATABASES["default"]["NAME"]):
            raise CommandError("Use a benchmark database (DATABASE_URL), never ./db.sqlite3.")
        call_command("migrate", verbosity=0)
        call_command(
            "generate_volume", agreements=options["agreements"], documents=options["documents"]
        )
        if options["search_documents"] and not options["search_database"]:
            bench_search.ensure_documents(options["search_documents"])
        bare, results = http.run(options)
        table = report.table(bare, results, options)
        if options["search_documents"]:
            table += report.search_table(options)
        self.stdout.write(table)
        if options["write"]:
            report.write(Path(options["write"]), table, options)
