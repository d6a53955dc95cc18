"""The HTTP benchmark: the site under gunicorn as in production (DEBUG off, a random
secret key, 127.0.0.1 only), measured with wrk target by target, with /healthz (a bare
Django JSON view) as the baseline around each; the queries per request are counted
in-process on the same database, warm and with the read cache off.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import models as m

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


def run(options) -> tuple[list[Result], list[Result]]:
    """Serve the site with gunicorn as in production and measure every target with wrk:
    the bare view's runs (before each target and after the last) and the targets'."""
    targets = _targets()
    env = _production_env()
    # DEBUG off serves hashed static files: collect them (into ./staticfiles, ignored).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
    )
    server = _serve(env, options)
    try:
        base = f"http://127.0.0.1:{options['port']}"
        _wait(base + "/healthz")
        baseline, *measured = targets
        # The bare view runs before every target and once more at the end, so each
        # target is compared with the machine as it was around it (a shared
        # machine's speed drifts over a run).
        bare = [_measure(base, baseline, options, server.pid)]
        results = []
        for target in measured:
            results.append(_measure(base, target, options, server.pid))
            bare.append(_measure(base, baseline, options, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return bare, results


def _targets() -> list[Target]:
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
        targets.append(Target(f"page {name}", reverse(f"agreements:{name}", kwargs=kwargs), "page"))
    return targets


def _production_env() -> dict[str, str]:
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


def _serve(env, options):
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


def _wait(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise CommandError("gunicorn did not answer /healthz within 30 s.")


def _measure(base: str, target: Target, options, server_pid: int) -> Result:
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
        _wrk(script.name, headers, url, options, duration=WARM_UP_SECONDS)
        cpu_before = _server_cpu_seconds(server_pid)
        output = _wrk(script.name, headers, url, options, duration=options["duration"])
        cpu = _server_cpu_seconds(server_pid) - cpu_before
    finally:
        os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    warm, cold = _queries(target)
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


def _wrk(script: str, headers: list[str], url: str, options, *, duration: int) -> str:
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


def _queries(target: Target) -> tuple[int | None, int | None]:
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
