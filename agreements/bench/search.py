"""Search latency over generated documents: p50, p95 and p99 per query, and overall.

Generated records have slugs starting with `bench-` and are written in bulk (no history):
never generate on a database whose data matters. `make bench` calls `ensure_documents`
and `bench_search` for the search section of its table.

Every run is a whole `engine.search` call, which caches nothing: each one reads the
database (warm, as in steady use), so the percentiles are not cache hits.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agreements import models as m
from agreements.search import engine, index
from agreements.search.forms import SearchFilters

PREFIX = "bench-"
# (label, query, filters): a very common term, rarer ones, Spanish, accents, a phrase.
QUERIES = [
    ("common term", "minerals", {}),
    ("common term, Spanish only", "minerales", {"language": "es"}),
    ("two words", "price floor", {}),
    ("Spanish", "precio mínimo", {}),
    ("accents ignored", "energia", {}),
    ("rare term", "wafer", {}),
    ("phrase", '"rare earth magnets"', {}),
    ("mineral facet", "supply", {"mineral": f"{PREFIX}lithium"}),
]
ENGLISH = (  # noqa: SIM905 - a word list reads better as text
    "critical minerals supply chain price floor tariff border adjusted stockpile processing "
    "refining rare earth magnets battery lithium cobalt nickel graphite copper investment "
    "screening project finance geological mapping agreement negotiation window deadline "
    "ministers announced plan partners coordinate trade policy mutual interest review"
).split()
SPANISH = (  # noqa: SIM905 - a word list reads better as text
    "minerales críticos cadena suministro precio mínimo arancel frontera ajustado reservas "
    "procesamiento refinación tierras raras imanes batería litio cobalto níquel grafito "
    "cobre inversión financiamiento mapeo geológico acuerdo negociación plazo ministros "
    "anunciaron plan socios coordinar política comercial interés mutuo revisión energía"
).split()
MINERALS = ["lithium", "cobalt", "nickel", "graphite", "copper", "gallium", "germanium"]


@dataclass
class Timing:
    label: str
    query: str
    runs: int
    matches: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    estimated: bool = False
    queries: int = 0


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))
    return round(ordered[index], 1)


def _timing(label: str, query: str, runs: list[float], matches: int, **extra) -> Timing:
    return Timing(
        label=label,
        query=query,
        runs=len(runs),
        matches=matches,
        p50_ms=_percentile(runs, 50),
        p95_ms=_percentile(runs, 95),
        p99_ms=_percentile(runs, 99),
        **extra,
    )


def bench_search(*, repeat: int = 50, limit: int = 20) -> list[Timing]:
    """Time `engine.search` for each of QUERIES `repeat` times (after one warm-up run that
    also counts its database queries); the last row is every run together."""
    timings, everything = [], []
    for label, query, filters in QUERIES:
        search_filters = SearchFilters(**filters)
        with CaptureQueriesContext(connection) as warm_up:
            results = engine.search(query, filters=search_filters, limit=limit)
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            engine.search(query, filters=search_filters, limit=limit)
            runs.append((time.perf_counter() - start) * 1000)
        everything.extend(runs)
        timings.append(
            _timing(
                label,
                query,
                runs,
                results.count,
                estimated=results.count_is_estimate,
                queries=len(warm_up),
            )
        )
    timings.append(_timing("all queries", "", everything, 0))
    return timings


def table(timings: list[Timing], entries: int) -> str:
    """The timings as a Markdown table."""
    lines = [
        f"{entries:,} search entries, {timings[0].runs} runs per query after one warm-up; "
        "times are whole `engine.search` calls (no cache).",
        "",
        "| query | matches | p50 ms | p95 ms | p99 ms | queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        query = f"{t.label}: `{t.query}`" if t.query else f"**{t.label}**"
        matches = (f"about {t.matches:,}" if t.estimated else f"{t.matches:,}") if t.query else ""
        queries = t.queries or ""
        lines.append(f"| {query} | {matches} | {t.p50_ms} | {t.p95_ms} | {t.p99_ms} | {queries} |")
    return "\n".join(lines) + "\n"


def _sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


@transaction.atomic
def generate_documents(count: int, *, seed: int = 2026) -> int:
    """Add `count` documents (and a few minerals and participants) in bulk; reindex."""
    rng = random.Random(seed)
    minerals = [
        m.Mineral.objects.get_or_create(
            slug=f"{PREFIX}{name}", defaults={"name": f"{name.title()} (bench)"}
        )[0]
        for name in MINERALS
    ]
    participants = [
        m.Participant.objects.get_or_create(
            slug=f"{PREFIX}country-{number}",
            defaults={"name": f"Country {number} (bench)", "kind": m.ParticipantKind.COUNTRY},
        )[0]
        for number in range(40)
    ]
    start = m.Document.objects.filter(slug__startswith=PREFIX).count()
    documents = []
    for number in range(start, start + count):
        spanish = rng.random() < 0.35
        words = SPANISH if spanish else ENGLISH
        common = "minerales" if spanish else "minerals"
        documents.append(
            m.Document(
                slug=f"{PREFIX}doc-{number}",
                title=f"{_sentence(rng, words, 6)} {common}",
                language=m.Language.SPANISH if spanish else m.Language.ENGLISH,
                kind=m.DocumentKind.NEWS_REPORT,
                published_on=f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-01",
                summary=_sentence(rng, words, 30),
                text=" ".join(_sentence(rng, words, 15) for _ in range(20))
                + (" Germanium wafer export licences." if number % 1000 == 0 else ""),
            )
        )
    created = m.Document.objects.bulk_create(documents, batch_size=2000)
    mentions_minerals = m.Document.mentioned_minerals.through
    mentions_participants = m.Document.mentioned_participants.through
    mentions_minerals.objects.bulk_create(
        (
            mentions_minerals(document_id=document.pk, mineral_id=mineral.pk)
            for document in created
            for mineral in rng.sample(minerals, 2)
        ),
        batch_size=5000,
    )
    mentions_participants.objects.bulk_create(
        (
            mentions_participants(document_id=document.pk, participant_id=participant.pk)
            for document in created
            for participant in rng.sample(participants, 2)
        ),
        batch_size=5000,
    )
    index.rebuild_index()
    return len(created)


def ensure_documents(count: int) -> int:
    """At least `count` generated documents, adding the missing ones; then the search
    table is vacuumed and analysed, as autovacuum would in steady use. Returns how many
    were added."""
    missing = count - m.Document.objects.filter(slug__startswith=PREFIX).count()
    added = generate_documents(missing) if missing > 0 else 0
    if added:
        vacuum_search_table()
    return added


def vacuum_search_table() -> None:
    """VACUUM ANALYZE the search tables (PostgreSQL): a bulk rebuild leaves a dead row
    version behind every row. VACUUM cannot run inside a transaction (a test's); the
    rebuild has analysed the tables already."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for table in index.search_tables():
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


@transaction.atomic
def remove_generated() -> None:
    m.Document.objects.filter(slug__startswith=PREFIX).delete()
    m.Mineral.objects.filter(slug__startswith=PREFIX).delete()
    m.Participant.objects.filter(slug__startswith=PREFIX).delete()
    index.rebuild_index()
