"""Selectors: citations grouped by fact, "sources differ", timeline items, list comparison."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements import models as m
from agreements import selectors
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
    selectors.citations_for([plan])  # warms the content-type cache
    with CaptureQueriesContext(connection) as captured:
        index = selectors.citations_for([event, plan])
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
    index = selectors.citations_for([event, plan])
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
    fact = selectors.citations_for([event]).sources(event, "attendance")
    assert fact.differs is not same


def test_a_citation_without_a_stated_value_does_not_make_sources_differ(event):
    one, two = f.DocumentFactory(), f.DocumentFactory()
    citation_create(subject=event, document=one, field_name="attendance", stated_value="55")
    citation_create(subject=event, document=two, field_name="attendance")
    assert not selectors.citations_for([event]).sources(event, "attendance").differs


def test_dated_items_filters_by_participant_and_range(db):
    mexico = f.ParticipantFactory(slug="mexico")
    plan = f.WindowedAgreementFactory()
    f.ParticipationFactory(agreement=plan, participant=mexico)
    other = f.AgreementFactory(announced_on=dt.date(2026, 2, 10))
    f.MilestoneFactory(agreement=plan, title="Day 30", due_on=None, due_day=30)
    items = selectors.dated_items(selectors.TimelineFilters(participant=mexico)).object_list
    assert {item.record for item in items} == {plan, m.Milestone.objects.get()}
    assert other not in {item.record for item in items}
    day_30 = next(item for item in items if item.kind == "milestone")
    assert day_30.date == dt.date(2026, 3, 6)

    ranged = selectors.dated_items(
        selectors.TimelineFilters(after=dt.date(2026, 2, 5), before=dt.date(2026, 3, 31))
    ).object_list
    assert [(item.title, item.date) for item in ranged] == [
        (str(other), dt.date(2026, 2, 10)),
        ("Day 30", dt.date(2026, 3, 6)),
    ]


def test_a_page_of_dated_items_is_two_queries_plus_one_per_kind_shown(db):
    plan = f.WindowedAgreementFactory()
    milestone = f.MilestoneFactory(agreement=plan, due_on=dt.date(2026, 2, 4))
    event, document = f.EventFactory(), f.DocumentFactory()
    with CaptureQueriesContext(connection) as captured:
        page = selectors.dated_items(selectors.TimelineFilters())
    assert len(captured) == 6  # count, page slice, then agreements, milestones, events, documents
    assert [(item.kind, str(item.what), item.record, item.context) for item in page] == [
        ("agreement", "Announced", plan, None),
        ("agreement", "Window opens", plan, None),
        ("event", "", event, None),
        ("milestone", "Due", milestone, plan),
        ("document", "Published", document, None),
        ("agreement", "Window deadline", plan, None),
    ]
    assert page.paginator.count == 6
    assert {item.date for item in page} == {dt.date(2026, 2, 4), dt.date(2026, 4, 5)}


def test_compare_lists_reports_added_and_removed_between_editions(db):
    old = f.MineralListFactory(edition=2022, name="Old")
    new = f.MineralListFactory(edition=2025, name="New", previous_edition=old)
    kept, dropped, added = (
        f.MineralFactory(name="Kept"),
        f.MineralFactory(name="Dropped"),
        (f.MineralFactory(name="Added")),
    )
    for mineral in (kept, dropped):
        f.MineralListEntryFactory(mineral_list=old, mineral=mineral)
    for mineral in (kept, added):
        f.MineralListEntryFactory(mineral_list=new, mineral=mineral)
    comparison = selectors.compare_mineral_lists([new, old])
    assert comparison.lists == [old, new]
    assert [row.mineral for row in comparison.in_all] == [kept]
    assert {row.mineral for row in comparison.in_some} == {dropped, added}
    (change,) = comparison.edition_changes
    assert (change.earlier, change.later) == (old, new)
    assert change.added == [added] and change.removed == [dropped]
    detail = selectors.mineral_list_detail(new)
    assert detail.removed == [dropped]
