"""The timeline: agreement dates, milestones, events and documents in one date order."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.models.milestone import AddDays

TIMELINE_PAGE_SIZE = 100


@dataclass(frozen=True)
class DatedItem:
    """One dated thing on the timeline."""

    date: dt.date
    kind: str  # agreement, milestone, event, document: a CSS hook and a sort key
    kind_label: str
    title: str
    what: str  # what happened on that date, e.g. "Announced", "Deadline"
    record: models.Model
    context: models.Model | None = None


@dataclass
class TimelineFilters:
    participant: m.Participant | None = None
    mineral: m.Mineral | None = None
    after: dt.date | None = None
    before: dt.date | None = None

    @classmethod
    def from_form(cls, cleaned_data: dict) -> TimelineFilters:
        """The filters of a valid `TimelineFilterForm`."""
        return cls(
            participant=cleaned_data["participant"],
            mineral=cleaned_data["mineral"],
            after=cleaned_data["date_after"],
            before=cleaned_data["date_before"],
        )


# The kinds in their sort order on a day: (kind, label, model, what happened).
_KINDS = (
    ("agreement", _("Agreement"), m.Agreement, None),
    ("event", _("Event"), m.Event, ""),
    ("milestone", _("Milestone"), m.Milestone, _("Due")),
    ("document", _("Document"), m.Document, _("Published")),
)
_AGREEMENT, _EVENT, _MILESTONE, _DOCUMENT = range(len(_KINDS))

# An agreement's dates in their sort order on a day; the deadline is computed.
_AGREEMENT_DATES = (
    *((key_date.field, key_date.label) for key_date in m.KEY_DATES),
    ("window_start", _("Window opens")),
)
_AGREEMENT_DEADLINE = len(_AGREEMENT_DATES)
_AGREEMENT_WHATS = [what for _field, what in _AGREEMENT_DATES] + [_("Window deadline")]


def _date_range(field_name: str, filters: TimelineFilters) -> Q:
    condition = Q(**{f"{field_name}__isnull": False})
    if filters.after:
        condition &= Q(**{f"{field_name}__gte": filters.after})
    if filters.before:
        condition &= Q(**{f"{field_name}__lte": filters.before})
    return condition


def _dated_rows(
    queryset: models.QuerySet, filters: TimelineFilters, *, kind: int, day, heading, step: int = 0
) -> models.QuerySet:
    """One branch of the timeline's union: the same columns, whatever the model."""
    return (
        queryset.annotate(day=day)
        .filter(_date_range("day", filters))
        .order_by()
        .values(
            "day",
            kind_order=Value(kind),
            heading=heading,
            record_pk=F("pk"),
            step=Value(step),
        )
    )


def _timeline_rows(filters: TimelineFilters) -> models.QuerySet:
    """Every dated item: one ordered UNION ALL of (day, kind_order, heading, record_pk, step)."""
    agreements = m.Agreement.objects.all()
    milestones = m.Milestone.objects.with_due_date()
    events = m.Event.objects.all()
    documents = m.Document.objects.all()
    # Filters select by `pk__in`, so a record matching through several rows counts once.
    if filters.participant:
        who = filters.participant
        theirs = m.Agreement.objects.filter(participations__participant=who).values("pk")
        agreements = agreements.filter(pk__in=theirs)
        milestones = milestones.involving(who)
        events = events.filter(pk__in=m.Event.objects.filter(participants=who).values("pk"))
        documents = documents.filter(
            pk__in=m.Document.objects.filter(mentioned_participants=who).values("pk")
        )
    if filters.mineral:
        what = filters.mineral
        covering = m.Agreement.objects.covering(what).values("pk")
        agreements = agreements.filter(pk__in=covering)
        milestones = milestones.filter(agreement__in=covering)
        events = events.filter(pk__in=m.Event.objects.filter(agreements__in=covering).values("pk"))
        documents = documents.filter(
            pk__in=m.Document.objects.filter(mentioned_minerals=what).values("pk")
        )

    agreement_title = Coalesce(NullIf("short_title", Value("")), "title")
    branches = [
        _dated_rows(
            agreements, filters, kind=_AGREEMENT, day=F(name), heading=agreement_title, step=step
        )
        for step, (name, _what) in enumerate(_AGREEMENT_DATES)
    ]
    branches += [
        _dated_rows(
            agreements,
            filters,
            kind=_AGREEMENT,
            day=AddDays(F("window_start"), F("window_days")),
            heading=agreement_title,
            step=_AGREEMENT_DEADLINE,
        ),
        _dated_rows(milestones, filters, kind=_MILESTONE, day=F("due_date"), heading=F("title")),
        _dated_rows(events, filters, kind=_EVENT, day=F("starts_on"), heading=F("title")),
        _dated_rows(documents, filters, kind=_DOCUMENT, day=F("published_on"), heading=F("title")),
    ]
    first, *others = branches
    return first.union(*others, all=True).order_by(
        "day", "kind_order", "heading", "record_pk", "step"
    )


def _items_of(rows: Iterable[dict]) -> list[DatedItem]:
    """The page's rows as items, with their records fetched in one query per kind shown."""
    rows = list(rows)
    pks: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        pks[row["kind_order"]].add(row["record_pk"])
    records = {}
    for kind, wanted in pks.items():
        queryset = _KINDS[kind][2].objects.all()
        if kind == _MILESTONE:
            queryset = queryset.select_related("agreement")
        elif kind == _DOCUMENT:
            queryset = queryset.defer("text")  # the timeline shows titles; texts are large
        records[kind] = queryset.in_bulk(wanted)
    items = []
    for row in rows:
        kind, kind_label, _model, what = _KINDS[row["kind_order"]]
        record = records[row["kind_order"]].get(row["record_pk"])
        if record is None:  # deleted between the two queries
            continue
        items.append(
            DatedItem(
                row["day"],
                kind,
                kind_label,
                row["heading"],
                _AGREEMENT_WHATS[row["step"]] if what is None else what,
                record,
                record.agreement if kind == "milestone" else None,
            )
        )
    return items


def dated_items(
    filters: TimelineFilters, page_number=1, *, per_page: int = TIMELINE_PAGE_SIZE
) -> Page:
    """One page of agreement dates, milestones, events and documents in date order.

    Counting and slicing the union are two queries; the page's records at most four more.
    """
    page = Paginator(_timeline_rows(filters), per_page).get_page(page_number)
    page.object_list = _items_of(page.object_list)
    return page


def iter_dated_items(filters: TimelineFilters, *, chunk_size: int) -> Iterator[DatedItem]:
    """Every dated item in order, for downloads: the union is read `chunk_size` rows at a
    time, and each chunk's records are fetched in one query per kind it holds."""
    rows = _timeline_rows(filters).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        yield from _items_of(chunk)
