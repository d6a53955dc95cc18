"""Search latency over generated documents: p50, p95 and p99 per query, and overall.

    manage.py bench_search --generate 100000    # once, on a scratch PostgreSQL database
    manage.py bench_search                      # measure
    manage.py bench_search --remove             # delete the generated records

Generated records have slugs starting with `bench-` and are written in bulk (no history):
never generate on a database whose data matters. The benchmark is agreements.bench.search.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from agreements import models as m
from agreements.bench.search import (
    bench_search,
    ensure_documents,
    generate_documents,
    remove_generated,
    table,
    vacuum_search_table,
)


class Command(BaseCommand):
    help = "Measure search latency (p50/p95/p99) over generated documents."

    def add_arguments(self, parser):
        parser.add_argument("--generate", type=int, default=0, help="Add this many documents.")
        parser.add_argument(
            "--ensure", type=int, default=0, help="Add documents up to this many in all."
        )
        parser.add_argument("--remove", action="store_true", help="Delete generated records.")
        parser.add_argument("--repeat", type=int, default=50, help="Runs per query (50).")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print JSON, not a table."
        )

    def handle(
        self, *args, generate: int, ensure: int, remove: bool, repeat: int, as_json: bool, **options
    ):
        if connection.vendor != "postgresql":
            raise CommandError("The search benchmark runs on PostgreSQL: set DATABASE_URL.")
        if remove:
            remove_generated()
            self.stdout.write("Removed the generated records.")
            return
        if generate:
            added = generate_documents(generate)
            vacuum_search_table()
            self.stdout.write(f"Generated {added} documents and rebuilt the index.")
        if ensure:
            ensure_documents(ensure)
        entries = m.SearchEntry.objects.count()
        timings = bench_search(repeat=repeat)
        if as_json:
            rows = [asdict(timing) for timing in timings]
            self.stdout.write(json.dumps({"entries": entries, "timings": rows}, indent=2))
            return
        self.stdout.write(table(timings, entries))
