"""The search benchmark's data and report (its timings are measured, never asserted)."""

import pytest

from agreements import models as m
from agreements.bench import search as bench_search

pytestmark = pytest.mark.django_db


def test_ensure_documents_adds_only_what_is_missing_and_indexes_them():
    assert bench_search.ensure_documents(30) == 30
    assert bench_search.ensure_documents(20) == 0
    assert bench_search.ensure_documents(35) == 5
    generated = m.Document.objects.filter(slug__startswith=bench_search.PREFIX)
    assert generated.count() == 35
    assert m.SearchEntry.objects.filter(document__in=generated).count() == 35


def test_the_report_has_a_row_per_query_with_its_matches_and_query_count():
    bench_search.ensure_documents(40)
    timings = bench_search.bench_search(repeat=2)
    assert [t.label for t in timings] == [label for label, _q, _f in bench_search.QUERIES] + [
        "all queries"
    ]
    common = timings[0]
    english = m.Document.objects.filter(
        slug__startswith=bench_search.PREFIX, language=m.Language.ENGLISH
    ).count()
    assert common.query == "minerals"
    assert common.matches >= english  # every English generated title ends with "minerals"
    assert common.runs == 2
    assert 1 <= common.queries <= 2
    assert timings[-1].runs == 2 * len(bench_search.QUERIES)
    report = bench_search.table(timings, m.SearchEntry.objects.count())
    assert f"| common term: `minerals` | {common.matches:,} |" in report
    assert "| **all queries** |" in report
