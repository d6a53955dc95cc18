"""The one SQL statement that answers a search: the hits, the count and the facets, its
work bounded whatever the number of matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import FullResultSet
from django.db import connection, models
from django.db.models import Q

from agreements import models as m
from agreements.models import SAMPLE_KEYS, SearchEntry

MAX_OFFSET = 1000
MAX_LIMIT = 50
FACET_SIZE = 15

# One statement answers a search: the hits, the count and the facets. Its work is bounded
# whatever the number of matches (docs/search.md, "Bounded work"):
# - counts: each kind's matches in sample-key order, at most EXACT_COUNT + 1 of them. A kind
#   with no more is counted exactly; beyond, the matches with a key below the last one read
#   are a uniform random sample of that kind, and each counts for SAMPLE_KEYS / key.
# - ranking: up to RANK_ALL matches, all of them are ranked. Beyond, the results are the
#   matches whose head (title, aliases, summary) matches, most recent first, then the
#   others, most recent first, in blocks of RANK_BLOCK, each block ranked: a page costs
#   the blocks up to it, and every page is the same whichever is asked first.
EXACT_COUNT = 1000
RANK_ALL = MAX_OFFSET + MAX_LIMIT
RANK_BLOCK = 200
# The statement's rows, with their types: a hit, a total or a facet value, NULL where a
# column does not apply (typed, so every part of the UNION agrees).
COLUMNS = {
    "part": "TEXT",
    "id": "BIGINT",
    "value": "TEXT",
    "label": "TEXT",
    "url": "TEXT",
    "language": "TEXT",
    "year": "INTEGER",
    "number": "DOUBLE PRECISION",
    "weight": "DOUBLE PRECISION",
    "position": "BIGINT",
    "content": "TEXT",
}


def _select(part: str, source: str, **columns: str) -> str:
    """One SELECT of the statement's rows from `source`, NULL in the columns not given."""
    values = {"part": f"'{part}'", **columns}
    listed = ", ".join(
        f"{values.get(name, f'CAST(NULL AS {kind})')} AS {name}" for name, kind in COLUMNS.items()
    )
    return f"SELECT {listed} FROM {source}"


class _SQL:
    """SQL text put together from fragments, with the parameters in the order they appear:
    each fragment must be added in its place in the text, left to right."""

    def __init__(self) -> None:
        self.params: list = []

    def __call__(self, fragment: tuple[str, Iterable]) -> str:
        sql, params = fragment
        self.params.extend(params)
        return sql

    def value(self, value: object) -> str:
        self.params.append(value)
        return "%s"


def _compiled(condition: Q | models.Expression) -> tuple[str, list]:
    """A condition or an expression as SQL on the entries' own table (its columns named
    by table, no joins), so one compilation serves every part of the statement."""
    if isinstance(condition, Q):
        query = SearchEntry.objects.filter(condition).query
        node = query.where
    else:
        query = SearchEntry.objects.annotate(value=condition).query
        node = query.annotations["value"]
    try:
        sql, params = query.get_compiler(connection=connection).compile(node)
    except FullResultSet:  # no condition at all (no filters)
        return "(1 = 1)", []
    return f"({sql})", list(params)


@dataclass(frozen=True)
class Conditions:
    """The parts of a search, each compiled once into the statement's SQL."""

    filters: Q  # type, year, language, participant, mineral
    text: Q  # the query on the whole text
    head: Q  # the query on the title, aliases and summary
    rank: models.Expression
    # Whether a head match also needs the text condition: only an excluded word can make
    # a record whose head matches fail on its whole text.
    head_needs_text: bool


def statement(
    conditions: Conditions,
    *,
    kinds: Iterable[str],
    limit: int,
    offset: int,
    with_content: bool,
) -> tuple[str, list]:
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    filters_sql, text_sql, head_sql, rank_sql = (
        _compiled(part)
        for part in (conditions.filters, conditions.text, conditions.head, conditions.rank)
    )
    sql = _SQL()

    def match() -> str:
        return f"{sql(filters_sql)} AND {sql(text_sql)}"

    def head_match() -> str:
        # Without a redundant text condition the planner estimates head matches alone,
        # and walks the recent entries when they are many.
        parts = [sql(filters_sql), sql(head_sql)]
        if conditions.head_needs_text:
            parts.append(sql(text_sql))
        return " AND ".join(parts)

    strata = " UNION ALL ".join(
        "SELECT * FROM ("
        f"SELECT id, kind, year, language, sample, participant_ids, mineral_ids FROM {table} "
        f"WHERE kind = {sql.value(kind)} AND {match()} "
        f"ORDER BY sample LIMIT {EXACT_COUNT + 1}"
        f") AS stratum_{number}"
        for number, kind in enumerate(kinds)
    )
    # The blocks up to the one holding the page's last result.
    needed = ((offset + limit - 1) // RANK_BLOCK + 1) * RANK_BLOCK
    recent = "ORDER BY year DESC NULLS FIRST, id DESC"
    unranked = "NOT (SELECT all_ranked FROM scope)"
    head_recent = (
        f"SELECT id, year FROM {table} WHERE {unranked} AND {head_match()} {recent} LIMIT {needed}"
    )
    rest_recent = (
        f"SELECT id, year FROM {table} WHERE {unranked} "
        f"AND (SELECT COUNT(*) FROM head_recent) < {needed} "
        f"AND {match()} AND NOT COALESCE({sql(head_sql)}, FALSE) {recent} "
        f"LIMIT {needed}"
    )
    block = f"(ROW_NUMBER() OVER ({recent}) - 1) / {RANK_BLOCK}"
    content = f", {table}.content" if with_content else ""
    hits = (
        f"SELECT {table}.id, kind, title, url, language, year, {sql(rank_sql)} AS rank, "
        f"c.tier, c.block{content} "
        f"FROM candidates c JOIN {table} ON {table}.id = c.id "
        f"ORDER BY c.tier, c.block, rank DESC, year DESC, title, {table}.id "
        f"LIMIT {limit} OFFSET {offset}"
    )
    linked = []
    for name, model in {"participant": m.Participant, "mineral": m.Mineral}.items():
        if connection.vendor == "postgresql":  # the links in the row, carried in `counted`
            links = f"CROSS JOIN LATERAL unnest(c.{name}_ids) AS l({name}_id)"
        else:
            link_table = getattr(SearchEntry, f"{name}s").through._meta.db_table
            links = f"JOIN {link_table} l ON l.searchentry_id = c.id"
        source = (
            f"counted c {links} JOIN {model._meta.db_table} r ON r.id = l.{name}_id "
            "GROUP BY r.slug, r.name"
        )
        order = "SUM(c.weight) DESC, r.name"
        select = _select(
            name,
            source,
            value="r.slug",
            label="r.name",
            number="CAST(SUM(c.weight) AS DOUBLE PRECISION)",
            weight="CAST(MAX(c.weight) AS DOUBLE PRECISION)",
            position=f"ROW_NUMBER() OVER (ORDER BY {order})",
        )
        linked.append(f"SELECT * FROM ({select} ORDER BY {order} LIMIT {FACET_SIZE}) AS {name}s")
    sums = {
        "number": "CAST(SUM(weight) AS DOUBLE PRECISION)",
        "weight": "CAST(MAX(weight) AS DOUBLE PRECISION)",
    }
    rows = [
        _select(
            "hit",
            "hits",
            id="id",
            value="kind",
            label="title",
            url="url",
            language="language",
            year="year",
            number="CAST(rank AS DOUBLE PRECISION)",
            position="ROW_NUMBER() OVER (ORDER BY tier, block, rank DESC, year DESC, title, id)",
            content="content" if with_content else "CAST(NULL AS TEXT)",
        ),
        _select("count", "counted", **sums),
        _select("scope", "scope", number="CASE WHEN all_ranked THEN 1.0 ELSE 0.0 END"),
        _select("kind", "counted GROUP BY kind", value="kind", **sums),
        _select("year", "counted GROUP BY year", value="CAST(year AS TEXT)", **sums),
        _select("language", "counted GROUP BY language", value="language", **sums),
        *linked,
    ]
    # Only our own SQL and the ORM's compiled conditions are interpolated; values are
    # parameters, and limit and offset are integers.
    statement = f"""
        WITH
        sampled AS MATERIALIZED ({strata}),
        cuts AS (
            SELECT kind, COUNT(*) AS n,
                   CASE WHEN COUNT(*) > {EXACT_COUNT} THEN MAX(sample) END AS cut
            FROM sampled GROUP BY kind
        ),
        counted AS MATERIALIZED (
            SELECT s.id, s.kind, s.year, s.language, s.participant_ids, s.mineral_ids,
                   CASE WHEN c.cut IS NULL THEN 1.0 ELSE {SAMPLE_KEYS}.0 / c.cut END AS weight
            FROM sampled s JOIN cuts c ON c.kind = s.kind
            WHERE c.cut IS NULL OR s.sample < c.cut
        ),
        scope AS (
            SELECT COALESCE(SUM(CASE WHEN cut IS NULL THEN n ELSE {RANK_ALL + 1} END), 0)
                   <= {RANK_ALL} AS all_ranked
            FROM cuts
        ),
        head_recent AS MATERIALIZED ({head_recent}),
        rest_recent AS MATERIALIZED ({rest_recent}),
        candidates AS (
            SELECT id, 0 AS tier, 0 AS block FROM sampled WHERE (SELECT all_ranked FROM scope)
            UNION ALL SELECT id, 1, {block} FROM head_recent
            UNION ALL SELECT id, 2, {block} FROM rest_recent
        ),
        hits AS ({hits})
        {" UNION ALL ".join(rows)}
    """
    return statement, sql.params
