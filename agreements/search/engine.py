"""A search: the entries matching a query and its filters, best first, with snippets and
facets (`search`), or all of them unranked (`matching_entries`). A search is one
statement (and on PostgreSQL one more for the snippets) whose work is bounded whatever
the number of matches: very large result sets are counted from a random sample and
ranked in blocks of their most recent matches. See docs/search.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.db import connection, models
from django.db.models import F
from django.utils.safestring import SafeString, mark_safe

from agreements import models as m
from agreements.models import SearchEntry, SearchKind
from agreements.search.forms import SearchFilters
from agreements.search.query import (
    MAX_QUERY_LENGTH,
    parse_query,
    postgres_matches,
    postgres_query,
    sqlite_match,
    sqlite_rank,
    text_match,
)
from agreements.search.snippets import highlight, postgres_snippets, python_snippet
from agreements.search.statement import COLUMNS, MAX_LIMIT, MAX_OFFSET, Conditions, statement
from agreements.search.text import HEAD_PIECES, uses_postgres


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_label: str
    title: str
    title_html: SafeString
    snippet_html: SafeString
    url: str
    language: str
    language_label: str
    year: int | None
    rank: float


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    count_is_estimate: bool = False


@dataclass(frozen=True)
class SearchResults:
    """A page of hits. `count` is exact unless `count_is_estimate` (then rounded to two
    significant figures); unless `all_ranked`, the hits come from blocks of the most recent
    matches, each block ranked (see RANK_ALL)."""

    query: str
    count: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    limit: int
    offset: int
    count_is_estimate: bool = False
    all_ranked: bool = True

    @property
    def has_next(self) -> bool:
        return self.offset + self.limit < min(self.count, MAX_OFFSET + self.limit)


def _about(number: float) -> int:
    """An estimate rounded to two significant figures: no more precision than it has."""
    digits = len(str(int(number)))
    return int(round(number, min(0, 2 - digits)))


def _count(number: float, weight: float) -> tuple[int, bool]:
    """A count from the statement, and whether it is an estimate."""
    estimated = weight > 1
    return (_about(number) if estimated else round(number)), estimated


def search(
    query: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """The entries matching `query` and `filters`, best first, with snippets and facets.

    One statement for the hits, the count and the facets, and on PostgreSQL one for the
    snippets, whatever the number of matches; beyond EXACT_COUNT matches of a kind the
    counts are estimates, beyond RANK_ALL matches the ranking is by blocks (see `statement`).
    """
    filters = filters or SearchFilters()
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    parsed = parse_query(query[:MAX_QUERY_LENGTH])
    if not parsed.groups:
        return SearchResults(parsed.text, 0, [], {}, limit, offset)
    postgres = uses_postgres()
    excluding = any(excluded for _required, excluded in parsed.groups)
    if postgres:
        tsquery = postgres_query(parsed)
        text, head = postgres_matches(parsed)
        conditions = Conditions(
            filters=filters.as_q(),
            text=text,
            head=head,
            rank=SearchRank(F("vector"), tsquery),
            head_needs_text=excluding,
        )
    else:
        conditions = Conditions(
            filters=filters.as_q(),
            text=text_match(parsed),
            head=sqlite_match(parsed, pieces=HEAD_PIECES),
            rank=sqlite_rank(parsed),
            # The SQLite head condition leaves exclusions to the text condition.
            head_needs_text=True,
        )
    sql, params = statement(
        conditions,
        kinds=[filters.kind] if filters.kind else SearchKind.values,
        limit=limit,
        offset=offset,
        with_content=not postgres,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    hits_rows = sorted((r for r in rows if r["part"] == "hit"), key=lambda r: r["position"])
    count, count_is_estimate = next(
        (_count(r["number"] or 0, r["weight"] or 1) for r in rows if r["part"] == "count"),
        (0, False),
    )
    all_ranked = next(r["number"] for r in rows if r["part"] == "scope") == 1
    if postgres and hits_rows:
        snippets = postgres_snippets([row["id"] for row in hits_rows], parsed)
    else:
        snippets = {row["id"]: python_snippet(row["content"], parsed.patterns) for row in hits_rows}
    kind_labels = dict(SearchKind.choices)
    language_labels = dict(m.Language.choices)
    hits = [
        SearchHit(
            kind=row["value"],
            kind_label=str(kind_labels[row["value"]]),
            title=row["label"],
            title_html=highlight(row["label"], parsed.patterns),
            snippet_html=snippets.get(row["id"], mark_safe("")),
            url=row["url"],
            language=row["language"],
            language_label=str(language_labels.get(row["language"], row["language"])),
            year=row["year"],
            rank=float(row["number"]),
        )
        for row in hits_rows
    ]
    return SearchResults(
        query=parsed.text,
        count=count,
        hits=hits,
        facets=_facets(rows, filters),
        limit=limit,
        offset=offset,
        count_is_estimate=count_is_estimate,
        all_ranked=all_ranked,
    )


# How each facet's values are ordered: most matches first, years newest first, and the
# participants and minerals as the statement ranked them.
_FACET_ORDER: dict[str, Callable[[dict], object]] = {
    "kind": lambda row: (-row["number"], row["value"]),
    "year": lambda row: -int(row["value"]),
    "language": lambda row: (-row["number"], row["value"]),
    "participant": lambda row: row["position"],
    "mineral": lambda row: row["position"],
}


def _facets(rows: list[dict], filters: SearchFilters) -> dict[str, list[FacetValue]]:
    labels = {
        "kind": {value: str(label) for value, label in SearchKind.choices},
        "language": {value: str(label) for value, label in m.Language.choices},
    }
    selected = {name: str(getattr(filters, name) or "") for name in _FACET_ORDER}
    facets = {}
    for name, order in _FACET_ORDER.items():
        values = []
        for row in sorted((r for r in rows if r["part"] == name and r["value"]), key=order):
            count, estimated = _count(row["number"], row["weight"])
            label = labels.get(name, {}).get(row["value"]) or row["label"] or row["value"]
            values.append(
                FacetValue(
                    value=row["value"],
                    label=label,
                    count=count,
                    selected=row["value"] == selected.get(name),
                    count_is_estimate=estimated,
                )
            )
        facets[name] = values
    return facets


def matching_entries(
    query: str, *, filters: SearchFilters | None = None
) -> models.QuerySet[SearchEntry]:
    """Every entry matching `query` and `filters`, unranked and unordered: the same match
    as `search`, for callers that order otherwise (the search feeds take the newest)."""
    parsed = parse_query(query[:MAX_QUERY_LENGTH])
    if not parsed.groups:
        return SearchEntry.objects.none()
    return SearchEntry.objects.filter((filters or SearchFilters()).as_q(), text_match(parsed))
