"""The home page's reads, and each record type's list and detail reads.

Every record type has the same two: `<type>_list_queryset()`, the rows its list page
and download filter, and `<type>_detail(record, …) -> <Type>Detail`, what its page
shows beside the record the view read (with its citations).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch

from agreements import models as m
from agreements.selectors.citations import CitationIndex, citations_for
from agreements.timeline import MilestoneState

# Detail pages list this many documents, newest first, and link to the filtered list.
DOCUMENTS_SHOWN = 20

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


@dataclass
class PassedWithoutOutcome:
    """Deadlines that have passed with no outcome in any source we hold: news in itself."""

    milestones: list[m.Milestone]  # the earliest first, at most the limit
    count: int
    sources_to: dt.date | None  # the date of the latest document we hold
    today: dt.date

    @property
    def last_passed(self) -> dt.date:
        return self.today - dt.timedelta(days=1)


def sources_run_to() -> dt.date | None:
    """The publication date of the latest document we hold: how far our sources reach."""
    return m.Document.objects.aggregate(latest=Max("published_on"))["latest"]


def passed_without_outcome(today: dt.date, limit: int = 5) -> PassedWithoutOutcome:
    passed = milestones_with_state(today).filter(state=MilestoneState.UNKNOWN, due_date__lt=today)
    return PassedWithoutOutcome(
        milestones=list(passed.order_by("due_date", "title")[:limit]),
        count=passed.count(),
        sources_to=sources_run_to(),
        today=today,
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


@dataclass
class MilestoneDetail:
    milestone: m.Milestone
    responsible: list[m.Participant]
    evidence: list[m.Document]
    citations: CitationIndex


def milestone_detail(milestone: m.Milestone) -> MilestoneDetail:
    """`milestone` is read with its state as of the page's day (`with_state(today)`)."""
    return MilestoneDetail(
        milestone=milestone,
        responsible=list(milestone.responsible.all()),
        evidence=list(milestone.evidence.all()),
        citations=citations_for([milestone]),
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
            m.Milestone.objects.involving(participant)
            .with_state(today)
            .annotate(
                responsible_here=Exists(
                    m.Milestone.responsible.through.objects.filter(
                        milestone=OuterRef("pk"), participant=participant
                    )
                )
            )
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


def mineral_list_list_queryset() -> models.QuerySet:
    """The mineral lists' list (`mineral_list_queryset` is the minerals')."""
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
