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
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements import models as m
from agreements.bench import search as bench_search

WARM_UP_SECONDS = 1
STOP_AFTER = """
local max = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "0")
local count = 0
response = function(status, headers, body)
  count = count + 1
  if max > 0 and count >= max then wrk.thread:stop() end
end
"""


@dataclass
class Target:
    name: str
    path: str
    kind: str  # baseline, list, detail, repeat, page
    etag: bool = False


@dataclass
class Result:
    target: Target
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    queries_warm: int | None
    queries_cold: int | None
    # Server CPU (gunicorn's processes, user + system) per request, in microseconds:
    # what a request costs, whatever else the machine was doing meanwhile.
    cpu_us: float


def _server_cpu_seconds(master: int) -> float:
    """CPU time used so far by gunicorn's master and workers (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in [master, *map(int, children)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


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
        targets = self._targets()
        env = self._production_env()
        # DEBUG off serves hashed static files: collect them (into ./staticfiles, ignored).
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=env,
            check=True,
        )
        server = self._serve(env, options)
        self.server_pid = server.pid
        try:
            base = f"http://127.0.0.1:{options['port']}"
            self._wait(base + "/healthz")
            baseline, *measured = targets
            # The bare view runs before every target and once more at the end, so each
            # target is compared with the machine as it was around it (a shared
            # machine's speed drifts over a run).
            bare = [self._measure(base, baseline, options)]
            results = []
            for target in measured:
                results.append(self._measure(base, target, options))
                bare.append(self._measure(base, baseline, options))
        finally:
            server.terminate()
            server.wait(timeout=30)
        table = self._table(bare, results, options)
        if options["search_documents"]:
            table += self._search_table(options)
        self.stdout.write(table)
        if options["write"]:
            self._write(Path(options["write"]), table, options)

    def _targets(self) -> list[Target]:
        agreement = m.Agreement.objects.filter(slug__startswith="vol-").order_by("pk").first()
        document = m.Document.objects.filter(slug__startswith="vol-").order_by("pk").first()
        milestone = m.Milestone.objects.filter(agreement=agreement).order_by("pk").first()
        targets = [
            Target("bare view /healthz", "/healthz", "baseline"),
            Target("agreements list", "/api/v1/agreements/", "list"),
            Target("documents list", "/api/v1/documents/", "list"),
            Target("milestones list", "/api/v1/milestones/", "list"),
            Target("agreements list, expanded", "/api/v1/agreements/?expand=participants", "list"),
            Target("agreement detail", f"/api/v1/agreements/{agreement.slug}/", "detail"),
            Target("document detail", f"/api/v1/documents/{document.slug}/", "detail"),
            Target("milestone detail", f"/api/v1/milestones/{milestone.pk}/", "detail"),
            Target("agreements list → 304", "/api/v1/agreements/", "repeat", etag=True),
            Target(
                "agreement detail → 304",
                f"/api/v1/agreements/{agreement.slug}/",
                "repeat",
                etag=True,
            ),
        ]
        for name, kwargs in (
            ("home", {}),
            ("agreements", {}),
            ("agreement-detail", {"slug": agreement.slug}),
            ("milestones", {}),
            ("documents", {}),
            ("timeline", {}),
        ):
            targets.append(
                Target(f"page {name}", reverse(f"agreements:{name}", kwargs=kwargs), "page")
            )
        return targets

    def _production_env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            # Throttles stay on, as in production, with a rate wrk's one address never
            # reaches. Per second, so each address's request history (which DRF saves on
            # every request) stays as short as a real client's, not a minute of wrk.
            "DJANGO_API_ANON_RATE": "1000000/s",
            "DJANGO_API_USER_RATE": "1000000/s",
        }
        return env

    def _serve(self, env, options):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return subprocess.Popen(
            [
                str(gunicorn),
                "minerals_kb.wsgi",
                "--bind",
                f"127.0.0.1:{options['port']}",
                "--workers",
                str(options["workers"]),
                "--log-level",
                "warning",
            ],
            env=env,
        )

    def _wait(self, url: str) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise CommandError("gunicorn did not answer /healthz within 30 s.")

    def _measure(self, base: str, target: Target, options) -> Result:
        url = base + target.path
        headers = []
        with urllib.request.urlopen(url, timeout=30) as response:  # warm up, read the ETag
            etag = response.headers.get("ETag")
        if target.etag:
            headers = ["-H", f"If-None-Match: {etag}"]
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(STOP_AFTER)
        try:
            # A short unmeasured run first, so every worker has rendered and cached the
            # target (the cold cost is the "uncached" query count); then the measured run.
            self._wrk(script.name, headers, url, options, duration=WARM_UP_SECONDS)
            cpu_before = _server_cpu_seconds(self.server_pid)
            output = self._wrk(script.name, headers, url, options, duration=options["duration"])
            cpu = _server_cpu_seconds(self.server_pid) - cpu_before
        finally:
            os.unlink(script.name)
        requests = int(re.search(r"(\d+) requests in", output).group(1))
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
        p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
        non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        warm, cold = self._queries(target)
        return Result(
            target,
            rps,
            p50,
            p99,
            int(non_2xx.group(1)) if non_2xx else 0,
            warm,
            cold,
            cpu / max(requests, 1) * 1e6,
        )

    def _wrk(self, script: str, headers: list[str], url: str, options, *, duration: int) -> str:
        completed = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{options['connections']}",
                f"-d{duration}s",
                "--timeout",
                "5s",
                "--latency",
                "-s",
                script,
                *headers,
                url,
            ],
            env={**os.environ, "BENCH_MAX_REQUESTS": str(options["max_requests"])},
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=True,
        )
        return completed.stdout

    def _queries(self, target: Target) -> tuple[int | None, int | None]:
        if target.kind == "baseline":
            return 1, 1
        client = Client(HTTP_HOST="127.0.0.1")
        client.get(target.path)
        extra = {"HTTP_IF_NONE_MATCH": client.get(target.path)["ETag"]} if target.etag else {}
        with CaptureQueriesContext(connection) as warm:
            client.get(target.path, **extra)
        read_cache_off = {**settings.REST_FRAMEWORK, "KB_READ_CACHE_SECONDS": 0}
        with (
            override_settings(REST_FRAMEWORK=read_cache_off, KB_PAGE_CACHE_SECONDS=0),
            CaptureQueriesContext(connection) as cold,
        ):
            client.get(target.path)
        return len(warm), len(cold)

    def _table(self, bare: list[Result], results: list[Result], options) -> str:
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

    def _search_table(self, options) -> str:
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

    def _write(self, path: Path, table: str, options) -> None:
        text = path.read_text() if path.exists() else ""
        marker = "<!-- bench results -->"
        stamp = f"Measured {timezone.now():%Y-%m-%d %H:%M %Z} by `make bench`.\n\n"
        head = text.split(marker)[0] if marker in text else text
        path.write_text(f"{head.rstrip()}\n\n{marker}\n{stamp}{table}")
