"""Selectors: citations grouped by fact, and "sources differ"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.selectors.citations import citations_for
from agreements.services import citation_create
from tests import factories as f


@pytest.fixture
def event(db):
    return f.EventFactory(title="Ministerial", attendance="54 countries + EC")


def test_citations_for_groups_by_record_and_field_in_one_query(event):
    plan = f.AgreementFactory()
    press, news, wire = f.DocumentFactory(), f.DocumentFactory(), f.DocumentFactory()
    citation_create(subject=event, document=press, field_name="attendance", stated_value="54 + EC")
    citation_create(subject=event, document=news, field_name="attendance", stated_value="55")
    citation_create(subject=event, document=wire)
    citation_create(subject=plan, document=press, field_name="announced_on")
    citations_for([plan])  # warms the content-type cache
    with CaptureQueriesContext(connection) as captured:
        index = citations_for([event, plan])
        attendance = index.sources(event, "attendance")
    assert len(captured) == 1
    assert len(index) == 4
    assert [note.document for note in attendance.footnotes] == [press, news]
    assert attendance.differs
    assert [v.value for v in attendance.stated_values] == ["54 + EC", "55"]
    assert not index.sources(event).differs
    assert index.sources(event, "location").footnotes == []


def test_footnotes_are_numbered_in_the_order_the_page_asks(event):
    plan = f.AgreementFactory()
    first, second = f.DocumentFactory(), f.DocumentFactory()
    citation_create(subject=event, document=first, field_name="attendance")
    citation_create(subject=plan, document=second)
    index = citations_for([event, plan])
    assert [note.number for note in index.sources(plan).footnotes] == [1]
    assert [note.number for note in index.sources(event, "attendance").footnotes] == [2]
    # Asking again keeps the numbers; the full list has each citation once.
    assert [note.number for note in index.sources(plan).footnotes] == [1]
    assert [note.number for note in index.footnotes] == [1, 2]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("February 4, 2026", "4 Feb 2026", True),
        ("4 February 2026", "2026-02-04", True),
        ("60 days", " 60  Days. ", True),
        ("54 countries + EC", "55 countries", False),
        ("4 Feb 2026", "5 Feb 2026", False),
    ],
)
def test_sources_differ_only_when_the_values_do(event, a, b, same):
    one, two = f.DocumentFactory(), f.DocumentFactory()
    citation_create(subject=event, document=one, field_name="attendance", stated_value=a)
    citation_create(subject=event, document=two, field_name="attendance", stated_value=b)
    fact = citations_for([event]).sources(event, "attendance")
    assert fact.differs is not same


def test_a_citation_without_a_stated_value_does_not_make_sources_differ(event):
    one, two = f.DocumentFactory(), f.DocumentFactory()
    citation_create(subject=event, document=one, field_name="attendance", stated_value="55")
    citation_create(subject=event, document=two, field_name="attendance")
    assert not citations_for([event]).sources(event, "attendance").differs
