"""The benchmark's report: the HTTP results as a Markdown table, the search section,
and docs/benchmarks.md rewritten below its marker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.utils import timezone

from agreements import models as m

from . import search as bench_search
from .http import Result


def table(bare: list[Result], results: list[Result], options) -> str:
    rates = sorted(run.rps for run in bare)
    lines = [
        f"{options['connections']} connections, {options['duration']} s per target, "
        f"{options['workers']} gunicorn workers, {os.cpu_count()} CPUs, "
        f"{connection.vendor}; {options['agreements']} agreements, "
        f"{options['documents']} documents.",
        "",
        f"The bare view ran {len(bare)} times, before each target and after the last: "
        f'{rates[0]:.0f} to {rates[-1]:.0f} req/s. "vs bare" compares each target with '
        "the mean of the bare runs just before and after it. *CPU/req* is gunicorn's CPU "
        "time per request, which does not depend on what else the machine was doing; "
        "*vs bare (CPU)* is the bare view's CPU per request over the target's: the share "
        "of the bare view's throughput the target would reach on a quiet machine.",
        "",
        "| target | req/s | vs bare | CPU/req µs | vs bare (CPU) | p50 ms | p99 ms "
        "| non-2xx | queries served/uncached |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    rows = [(bare[0], None)] + [
        (result, (bare[number].rps + bare[number + 1].rps) / 2)
        for number, result in enumerate(results)
    ]
    bare_cpu = sorted(run.cpu_us for run in bare)[len(bare) // 2]
    for result, around in rows:
        share = "100%" if around is None else f"{result.rps / around:.0%}"
        cpu_share = bare_cpu / result.cpu_us if result.cpu_us else 0
        lines.append(
            f"| {result.target.name} | {result.rps:.0f} | {share} "
            f"| {result.cpu_us:.0f} | {cpu_share:.0%} "
            f"| {result.p50_ms:.2f} | {result.p99_ms:.2f} | {result.non_2xx} "
            f"| {result.queries_warm} / {result.queries_cold} |"
        )
    return "\n".join(lines) + "\n"


def search_table(options) -> str:
    heading = (
        f"\n### Search\n\n{options['search_documents']:,} generated documents with text "
        "(`bench_search`), measured in-process after the load runs"
    )
    if options["search_database"]:
        # Its own database: the documents searched are these and no others.
        env = {**os.environ, "DATABASE_URL": options["search_database"]}
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        report = subprocess.run(
            [
                *manage,
                "bench_search",
                "--ensure",
                str(options["search_documents"]),
                "--repeat",
                str(options["search_repeat"]),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return f"{heading}, in a database of their own.\n\n{report}"
    timings = bench_search.bench_search(repeat=options["search_repeat"])
    return f"{heading}.\n\n" + bench_search.table(timings, m.SearchEntry.objects.count())


def write(path: Path, table: str, options) -> None:
    text = path.read_text() if path.exists() else ""
    marker = "<!-- bench results -->"
    stamp = f"Measured {timezone.now():%Y-%m-%d %H:%M %Z} by `make bench`.\n\n"
    head = text.split(marker)[0] if marker in text else text
    path.write_text(f"{head.rstrip()}\n\n{marker}\n{stamp}{table}")
