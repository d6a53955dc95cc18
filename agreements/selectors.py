"""Reads that join, for the public pages.

Each function makes a fixed number of queries whatever the number of rows, so a
page's query count does not grow with the data. Date logic stays in `timeline.py`:
functions that need the date take `today`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from itertools import islice
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.models.milestone import AddDays
from agreements.timeline import MilestoneState

# --- Citations ---------------------------------------------------------------------------


@dataclass
class Footnote:
    """One citation, numbered on the page it is shown on."""

    number: int
    citation: m.Citation

    @property
    def document(self) -> m.Document:
        return self.citation.document


@dataclass
class StatedValue:
    value: str
    footnotes: list[Footnote]


# Detail pages list this many documents, newest first, and link to the filtered list.
DOCUMENTS_SHOWN = 20

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y")


def comparable_value(value: str) -> str:
    """A stated value reduced to what it says, so "4 Feb 2026" equals "February 4, 2026".

    Case, spacing and trailing punctuation do not make sources differ; a date written
    in a common English form is compared as a date.
    """
    text = " ".join(value.split()).strip(" .;,").casefold()
    for date_format in _DATE_FORMATS:
        try:
            # Only the calendar date is kept, so no time zone applies.
            return dt.datetime.strptime(text, date_format).date().isoformat()  # noqa: DTZ007
        except ValueError:
            continue
    return text


@dataclass
class FactSources:
    """The citations of one fact: a record, or one field of it."""

    footnotes: list[Footnote] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        """True when the documents state more than one value for this fact."""
        return len(self.stated_values) > 1

    @property
    def stated_values(self) -> list[StatedValue]:
        """The distinct values stated, each in the words of the first source to state it."""
        by_value: dict[str, StatedValue] = {}
        for note in self.footnotes:
            if note.citation.stated_value:
                key = comparable_value(note.citation.stated_value)
                by_value.setdefault(key, StatedValue(note.citation.stated_value, []))
                by_value[key].footnotes.append(note)
        return list(by_value.values())


class CitationIndex:
    """The citations of a page's records, grouped by (record, field).

    Footnote numbers are given in the order the page asks for facts (`sources`), so
    they read 1, 2, 3… down the page; `footnotes` then lists them all, numbering any
    fact the page did not show after the rest.
    """

    def __init__(self, citations: Iterable[m.Citation]):
        self._groups: dict[tuple[int, int, str], list[m.Citation]] = defaultdict(list)
        for citation in citations:
            key = (citation.content_type_id, citation.object_id, citation.field_name)
            self._groups[key].append(citation)
        self._numbered: dict[tuple[int, int, str], FactSources] = {}

    def __len__(self) -> int:
        return sum(len(group) for group in self._groups.values())

    def _number(self, key: tuple[int, int, str]) -> FactSources:
        if key not in self._numbered:
            start = sum(len(fact.footnotes) for fact in self._numbered.values())
            self._numbered[key] = FactSources(
                [
                    Footnote(start + offset, citation)
                    for offset, citation in enumerate(self._groups.get(key, []), start=1)
                ]
            )
        return self._numbered[key]

    def sources(self, obj: models.Model, field_name: str = "") -> FactSources:
        content_type = ContentType.objects.get_for_model(obj)
        key = (content_type.pk, obj.pk, field_name)
        if key not in self._groups:
            return FactSources()
        return self._number(key)

    @property
    def footnotes(self) -> list[Footnote]:
        for key in self._groups:
            self._number(key)
        return [note for fact in self._numbered.values() for note in fact.footnotes]


def citations_for(objects: Iterable[models.Model]) -> CitationIndex:
    """Every citation of `objects` (of any models), in one query, grouped by fact."""
    ids_by_type: dict[ContentType, set[int]] = defaultdict(set)
    for obj in objects:
        ids_by_type[ContentType.objects.get_for_model(obj)].add(obj.pk)
    if not ids_by_type:
        return CitationIndex([])
    condition = reduce(
        or_,
        (Q(content_type=ct, object_id__in=sorted(ids)) for ct, ids in ids_by_type.items()),
    )
    citations = (
        m.Citation.objects.filter(condition)
        .select_related("document")
        .order_by("content_type_id", "object_id", "field_name", "document__published_on", "id")
    )
    return CitationIndex(citations)


# --- Home ---------------------------------------------------------------------------------


@dataclass
class KBCounts:
    agreements: int
    milestones: int
    participants: int
    minerals: int
    mineral_lists: int
    documents: int
    events: int


def kb_counts() -> KBCounts:
    return KBCounts(
        agreements=m.Agreement.objects.count(),
        milestones=m.Milestone.objects.count(),
        participants=m.Participant.objects.count(),
        minerals=m.Mineral.objects.count(),
        mineral_lists=m.MineralList.objects.count(),
        documents=m.Document.objects.count(),
        events=m.Event.objects.count(),
    )


def windowed_plans(limit: int) -> list[m.Agreement]:
    """Plans with a window: the latest first; on the same day, the longer window first."""
    return list(
        m.Agreement.objects.windowed()
        .prefetch_related(_parties_prefetch())
        .order_by("-window_start", "-window_days", "title")[:limit]
    )


def _parties_prefetch() -> Prefetch:
    return Prefetch(
        "participations",
        # By participant, so a template can regroup one participant's several roles.
        queryset=m.Participation.objects.select_related("participant").order_by(
            "participant__name", "role"
        ),
    )


def milestones_with_state(today: dt.date) -> models.QuerySet:
    return m.Milestone.objects.with_state(today).select_related("agreement")


def next_milestones(today: dt.date, limit: int = 5) -> list[m.Milestone]:
    return list(
        milestones_with_state(today)
        .filter(state__in=[MilestoneState.DUE_SOON, MilestoneState.UPCOMING])
        .order_by("due_date", "title")[:limit]
    )


def overdue_milestones(today: dt.date, limit: int = 5) -> list[m.Milestone]:
    return list(
        milestones_with_state(today)
        .filter(state=MilestoneState.OVERDUE)
        .order_by("due_date", "title")[:limit]
    )


def recent_documents(limit: int = 5) -> list[m.Document]:
    return list(m.Document.objects.order_by("-published_on", "title")[:limit])


# --- Agreements ---------------------------------------------------------------------------


def agreement_list_queryset() -> models.QuerySet:
    return m.Agreement.objects.prefetch_related(_parties_prefetch())


@dataclass
class RelatedAgreement:
    """A typed link read from this agreement's side: "leads to X" or "X leads to this"."""

    link: m.AgreementLink
    other: m.Agreement
    outgoing: bool


@dataclass
class AgreementDetail:
    agreement: m.Agreement
    participations: list[m.Participation]
    measures: list[m.Measure]
    milestones: list[m.Milestone]
    related: list[RelatedAgreement]
    events: list[m.Event]
    mineral_lists: list[m.MineralList]
    documents: list[m.Document]
    document_count: int
    citations: CitationIndex


def agreement_detail(agreement: m.Agreement, today: dt.date) -> AgreementDetail:
    participations = list(
        agreement.participations.select_related("participant", "participant__parent").order_by(
            "role", "participant__name"
        )
    )
    measures = list(agreement.measures.prefetch_related("minerals"))
    milestones = list(
        agreement.milestones.with_state(today)
        .prefetch_related("responsible")
        .order_by(models.F("due_date").asc(nulls_last=True), "position", "id")
    )
    links_out = agreement.links_out.select_related("target")
    links_in = agreement.links_in.select_related("source")
    related = [RelatedAgreement(link, link.target, True) for link in links_out] + [
        RelatedAgreement(link, link.source, False) for link in links_in
    ]
    events = list(agreement.events.order_by("starts_on", "title"))
    mineral_lists = list(agreement.mineral_lists.select_related("issuer"))
    citations = citations_for([agreement, *participations, *measures, *milestones])
    cited_ids = {note.document.pk for note in citations.footnotes}
    # Ids first, through the indexed link table: an OR of two IN subqueries makes
    # PostgreSQL scan every document.
    mentioned_ids = m.Document.mentioned_agreements.through.objects.filter(
        agreement=agreement
    ).values_list("document_id", flat=True)
    document_ids = cited_ids.union(mentioned_ids)
    documents = list(
        m.Document.objects.filter(pk__in=document_ids)
        .defer("text", "summary")
        .order_by("-published_on", "title")[:DOCUMENTS_SHOWN]
    )
    return AgreementDetail(
        agreement=agreement,
        participations=participations,
        measures=measures,
        milestones=milestones,
        related=related,
        events=events,
        mineral_lists=mineral_lists,
        documents=documents,
        document_count=len(document_ids),
        citations=citations,
    )


# --- Milestones ---------------------------------------------------------------------------


# The milestone list's order when the reader picks none: by due date, undated last.
MILESTONE_LIST_ORDER = (F("due_date").asc(nulls_last=True), "title")


def milestone_list_queryset() -> models.QuerySet:
    # MilestoneFilterSet adds `state` and `due_date` as of today.
    return m.Milestone.objects.select_related("agreement").prefetch_related("responsible")


def milestone_with_state(pk: int, today: dt.date) -> m.Milestone:
    return (
        m.Milestone.objects.with_state(today)
        .select_related("agreement")
        .prefetch_related("responsible", "evidence")
        .get(pk=pk)
    )


# --- Participants -------------------------------------------------------------------------


def participant_list_queryset() -> models.QuerySet:
    # An aggregate drops the model's default ordering, so it is restated for pagination.
    return (
        m.Participant.objects.with_parent()
        .annotate(agreement_count=Count("participations__agreement", distinct=True))
        .order_by("name")
    )


@dataclass
class ParticipantDetail:
    participant: m.Participant
    participations: list[m.Participation]
    children: list[m.Participant]
    aliases: list[m.ParticipantAlias]
    milestones: list[m.Milestone]
    events: list[m.Event]
    mineral_lists: list[m.MineralList]
    documents: list[m.Document]
    citations: CitationIndex


def participant_detail(participant: m.Participant, today: dt.date) -> ParticipantDetail:
    participations = list(
        participant.participations.select_related("agreement").order_by(
            "-agreement__announced_on", "agreement__title", "role"
        )
    )
    return ParticipantDetail(
        participant=participant,
        participations=participations,
        children=list(participant.children.order_by("kind", "name")),
        aliases=list(participant.aliases.all()),
        milestones=list(
            participant.milestones.with_state(today)
            .select_related("agreement")
            .order_by("due_date", "title")
        ),
        events=list(participant.events.order_by("-starts_on", "title")),
        mineral_lists=list(participant.mineral_lists.order_by("-edition", "name")),
        documents=list(
            participant.mentioned_in.defer("text", "summary").order_by("-published_on", "title")[
                :DOCUMENTS_SHOWN
            ]
        ),
        citations=citations_for([participant, *participations]),
    )


# --- Minerals and lists -------------------------------------------------------------------


def mineral_list_queryset() -> models.QuerySet:
    return (
        m.Mineral.objects.prefetch_related("aliases")
        .annotate(list_count=Count("list_entries__mineral_list", distinct=True))
        .order_by("name")
    )


@dataclass
class MineralDetail:
    mineral: m.Mineral
    aliases: list[m.MineralAlias]
    entries: list[m.MineralListEntry]
    measures: list[m.Measure]
    agreements: list[m.Agreement]
    documents: list[m.Document]
    citations: CitationIndex


def mineral_detail(mineral: m.Mineral) -> MineralDetail:
    measures = list(
        mineral.measures.select_related("agreement").order_by(
            "-agreement__announced_on", "agreement__title", "position"
        )
    )
    entries = list(
        mineral.list_entries.select_related("mineral_list", "mineral_list__issuer").order_by(
            "-mineral_list__edition", "mineral_list__name"
        )
    )
    agreements = list(
        m.Agreement.objects.covering(mineral).distinct().order_by("-announced_on", "title")
    )
    return MineralDetail(
        mineral=mineral,
        aliases=list(mineral.aliases.all()),
        entries=entries,
        measures=measures,
        agreements=agreements,
        documents=list(
            mineral.mentioned_in.defer("text", "summary").order_by("-published_on", "title")[
                :DOCUMENTS_SHOWN
            ]
        ),
        citations=citations_for([mineral, *entries]),
    )


def mineral_lists_queryset() -> models.QuerySet:
    return m.MineralList.objects.with_counts().order_by("-edition", "name")


@dataclass
class MineralListDetail:
    mineral_list: m.MineralList
    entries: list[m.MineralListEntry]
    removed: list[m.Mineral]
    next_editions: list[m.MineralList]
    citations: CitationIndex


def mineral_list_detail(mineral_list: m.MineralList) -> MineralListDetail:
    entries = list(
        mineral_list.entries.select_related("mineral").order_by("mineral__name", "category")
    )
    removed: list[m.Mineral] = []
    if mineral_list.previous_edition_id:
        removed = list(
            m.Mineral.objects.filter(list_entries__mineral_list=mineral_list.previous_edition_id)
            .exclude(list_entries__mineral_list=mineral_list)
            .distinct()
            .order_by("name")
        )
    return MineralListDetail(
        mineral_list=mineral_list,
        entries=entries,
        removed=removed,
        next_editions=list(mineral_list.next_editions.order_by("edition")),
        citations=citations_for([mineral_list, *entries]),
    )


@dataclass
class ComparisonRow:
    mineral: m.Mineral
    cells: list[list[m.MineralListEntry]]  # one cell per list, in the lists' order

    @property
    def in_all(self) -> bool:
        return all(self.cells)

    @property
    def count(self) -> int:
        return sum(1 for cell in self.cells if cell)


@dataclass
class EditionChange:
    earlier: m.MineralList
    later: m.MineralList
    added: list[m.Mineral]
    removed: list[m.Mineral]


@dataclass
class ListComparison:
    lists: list[m.MineralList]
    rows: list[ComparisonRow]
    edition_changes: list[EditionChange]

    @property
    def in_all(self) -> list[ComparisonRow]:
        return [row for row in self.rows if row.in_all]

    @property
    def in_some(self) -> list[ComparisonRow]:
        return [row for row in self.rows if not row.in_all]


def compare_mineral_lists(lists: Iterable[m.MineralList]) -> ListComparison:
    """Minerals of several lists side by side, and what changed between editions."""
    lists = sorted(lists, key=lambda item: (item.edition, item.name))
    position = {item.pk: index for index, item in enumerate(lists)}
    entries = m.MineralListEntry.objects.filter(mineral_list__in=lists).select_related("mineral")
    by_mineral: dict[int, ComparisonRow] = {}
    for entry in entries:
        row = by_mineral.setdefault(
            entry.mineral_id, ComparisonRow(entry.mineral, [[] for _item in lists])
        )
        row.cells[position[entry.mineral_list_id]].append(entry)
    rows = sorted(by_mineral.values(), key=lambda row: (-row.count, row.mineral.name))

    def minerals_on(item: m.MineralList) -> dict[int, m.Mineral]:
        return {row.mineral.pk: row.mineral for row in rows if row.cells[position[item.pk]]}

    changes = []
    for later in lists:
        if later.previous_edition_id in position:
            earlier = lists[position[later.previous_edition_id]]
            before, after = minerals_on(earlier), minerals_on(later)
            changes.append(
                EditionChange(
                    earlier=earlier,
                    later=later,
                    added=sorted((after[k] for k in after.keys() - before.keys()), key=str),
                    removed=sorted((before[k] for k in before.keys() - after.keys()), key=str),
                )
            )
    return ListComparison(lists=lists, rows=rows, edition_changes=changes)


# --- Documents and events -----------------------------------------------------------------


def document_list_queryset() -> models.QuerySet:
    return m.Document.objects.all()


@dataclass
class CitedFact:
    """A fact that cites a document: the record, the field's label, and where to read it."""

    citation: m.Citation
    record: models.Model
    record_type: str
    field_label: str
    page: models.Model | None


def public_page_of(record: models.Model) -> models.Model | None:
    """The record whose public page shows `record` (itself, or the agreement it belongs to)."""
    if hasattr(record, "get_absolute_url"):
        return record
    for parent in ("agreement", "source", "mineral_list"):
        if hasattr(record, parent):
            return getattr(record, parent)
    return None


def _field_label(model: type[models.Model], field_name: str) -> str:
    if not field_name:
        return ""
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except FieldDoesNotExist:
        return field_name


@dataclass
class DocumentDetail:
    document: m.Document
    facts: list[CitedFact]
    agreements: list[m.Agreement]
    participants: list[m.Participant]
    minerals: list[m.Mineral]
    milestones: list[m.Milestone]


def document_detail(document: m.Document) -> DocumentDetail:
    citations = document.citations_made.select_related("content_type").prefetch_related(
        GenericPrefetch(
            "subject",
            [
                m.Agreement.objects.all(),
                m.Participant.objects.all(),
                m.Milestone.objects.select_related("agreement"),
                m.Event.objects.all(),
                m.Measure.objects.select_related("agreement"),
                m.Mineral.objects.all(),
                m.MineralList.objects.all(),
                m.MineralListEntry.objects.select_related("mineral", "mineral_list"),
                m.Participation.objects.select_related("participant", "agreement"),
                m.AgreementLink.objects.select_related("source", "target"),
                m.Document.objects.all(),
            ],
        )
    )
    facts = [
        CitedFact(
            citation=citation,
            record=citation.subject,
            record_type=str(citation.content_type.model_class()._meta.verbose_name),
            field_label=_field_label(citation.content_type.model_class(), citation.field_name),
            page=public_page_of(citation.subject),
        )
        for citation in citations
        if citation.subject is not None
    ]
    return DocumentDetail(
        document=document,
        facts=facts,
        agreements=list(document.mentioned_agreements.all()),
        participants=list(document.mentioned_participants.all()),
        minerals=list(document.mentioned_minerals.all()),
        milestones=list(document.evidence_for.select_related("agreement")),
    )


def event_list_queryset() -> models.QuerySet:
    return m.Event.objects.with_related()


@dataclass
class EventDetail:
    event: m.Event
    participants: list[m.Participant]
    agreements: list[m.Agreement]
    documents: list[m.Document]
    citations: CitationIndex


def event_detail(event: m.Event) -> EventDetail:
    citations = citations_for([event])
    cited_ids = {note.document.pk for note in citations.footnotes}
    return EventDetail(
        event=event,
        participants=list(event.participants.order_by("name")),
        agreements=list(event.agreements.order_by("-announced_on", "title")),
        documents=list(
            m.Document.objects.filter(pk__in=cited_ids).order_by("-published_on", "title")
        ),
        citations=citations,
    )


# --- The timeline -------------------------------------------------------------------------

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
    ("announced_on", _("Announced")),
    ("signed_on", _("Signed")),
    ("in_force_on", _("Entered into force")),
    ("ended_on", _("Ended")),
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
