"""Selectors: timeline items."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements import models as m
from agreements.selectors.dated import TimelineFilters, dated_items
from tests import factories as f


def test_dated_items_filters_by_participant_and_range(db):
    mexico = f.ParticipantFactory(slug="mexico")
    plan = f.WindowedAgreementFactory()
    f.ParticipationFactory(agreement=plan, participant=mexico)
    other = f.AgreementFactory(announced_on=dt.date(2026, 2, 10))
    f.MilestoneFactory(agreement=plan, title="Day 30", due_on=None, due_day=30)
    items = dated_items(TimelineFilters(participant=mexico)).object_list
    assert {item.record for item in items} == {plan, m.Milestone.objects.get()}
    assert other not in {item.record for item in items}
    day_30 = next(item for item in items if item.kind == "milestone")
    assert day_30.date == dt.date(2026, 3, 6)

    ranged = dated_items(
        TimelineFilters(after=dt.date(2026, 2, 5), before=dt.date(2026, 3, 31))
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
        page = dated_items(TimelineFilters())
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
