"""What each record type puts in the index: its spec (title, aliases, summary, body,
related names, year, links), the queryset that loads it, and the records that feed
another's entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from agreements import models as m
from agreements.models import SearchKind
from agreements.search.text import SEPARATOR, clean


@dataclass
class EntrySpec:
    """What the index keeps of one record."""

    title: str
    url: str
    aliases: Iterable[str] = ()
    summary: str = ""
    body: Iterable[str] = ()
    related: Iterable[str] = ()
    language: str = m.Language.ENGLISH
    year: int | None = None
    participant_ids: set[int] = field(default_factory=set)
    mineral_ids: set[int] = field(default_factory=set)

    def content(self) -> str:
        pieces = [
            self.title,
            " · ".join(a for a in self.aliases if a),
            self.summary,
            "\n".join(b for b in self.body if b),
            " · ".join(r for r in self.related if r),
        ]
        return SEPARATOR.join(clean(piece) for piece in pieces)


def _names(records) -> list[str]:
    """Names and aliases of prefetched participants or minerals."""
    names = []
    for record in records:
        names.append(record.name)
        names.extend(alias.name for alias in record.aliases.all())
    return names


def _year(*dates) -> int | None:
    return next((d.year for d in dates if d is not None), None)


def _agreement_spec(agreement: m.Agreement) -> EntrySpec:
    participants = [p.participant for p in agreement.participations.all()]
    minerals = {
        mineral for measure in agreement.measures.all() for mineral in measure.minerals.all()
    }
    minerals |= {
        entry.mineral
        for mineral_list in agreement.mineral_lists.all()
        for entry in mineral_list.entries.all()
    }
    return EntrySpec(
        title=agreement.title,
        url=agreement.get_absolute_url(),
        aliases=[agreement.short_title],
        summary=agreement.summary,
        body=[f"{measure.title}. {measure.description}" for measure in agreement.measures.all()],
        related=_names(participants) + _names(minerals),
        year=_year(*(getattr(agreement, key_date.field) for key_date in m.KEY_DATES)),
        participant_ids={p.pk for p in participants},
        mineral_ids={mineral.pk for mineral in minerals},
    )


def _milestone_spec(milestone: m.Milestone) -> EntrySpec:
    responsible = list(milestone.responsible.all())
    return EntrySpec(
        title=milestone.title,
        url=milestone.get_absolute_url(),
        summary=milestone.description,
        body=[milestone.outcome],
        related=[milestone.agreement.title, *_names(responsible)],
        year=_year(milestone.due_date, milestone.completed_on),
        participant_ids={p.pk for p in responsible},
    )


def _participant_spec(participant: m.Participant) -> EntrySpec:
    return EntrySpec(
        title=participant.name,
        url=participant.get_absolute_url(),
        aliases=[
            participant.short_name,
            *(alias.name for alias in participant.aliases.all()),
            participant.title,
        ],
        summary=participant.description,
        related=[participant.parent.name if participant.parent else ""],
        participant_ids={participant.pk},
    )


def _mineral_spec(mineral: m.Mineral) -> EntrySpec:
    return EntrySpec(
        title=mineral.name,
        url=mineral.get_absolute_url(),
        aliases=[mineral.symbol, *(alias.name for alias in mineral.aliases.all())],
        summary=mineral.description,
        related=[str(mineral.get_group_display())],
        mineral_ids={mineral.pk},
    )


def _event_spec(event: m.Event) -> EntrySpec:
    participants = list(event.participants.all())
    return EntrySpec(
        title=event.title,
        url=event.get_absolute_url(),
        summary=event.summary,
        body=[event.location, event.attendance],
        related=_names(participants) + [a.title for a in event.agreements.all()],
        year=event.starts_on.year,
        participant_ids={p.pk for p in participants},
    )


def _document_spec(document: m.Document) -> EntrySpec:
    participants = list(document.mentioned_participants.all())
    minerals = list(document.mentioned_minerals.all())
    return EntrySpec(
        title=document.title,
        url=document.get_absolute_url(),
        summary=document.summary,
        body=[document.text],
        related=[document.publisher, document.author, *_names(participants), *_names(minerals)],
        language=document.language,
        year=_year(document.published_on),
        participant_ids={p.pk for p in participants},
        mineral_ids={mineral.pk for mineral in minerals},
    )


@dataclass(frozen=True)
class Indexed:
    """How one model is indexed: its kind, the queryset that loads it, its spec."""

    kind: str
    queryset: Callable[[], models.QuerySet]
    spec: Callable[[models.Model], EntrySpec]


INDEXED: dict[type[models.Model], Indexed] = {
    m.Agreement: Indexed(
        SearchKind.AGREEMENT,
        lambda: m.Agreement.objects.prefetch_related(
            "participations__participant__aliases",
            "measures__minerals__aliases",
            "mineral_lists__entries__mineral__aliases",
        ),
        _agreement_spec,
    ),
    m.Milestone: Indexed(
        SearchKind.MILESTONE,
        lambda: m.Milestone.objects.select_related("agreement").prefetch_related(
            "responsible__aliases"
        ),
        _milestone_spec,
    ),
    m.Participant: Indexed(
        SearchKind.PARTICIPANT,
        lambda: m.Participant.objects.select_related("parent").prefetch_related("aliases"),
        _participant_spec,
    ),
    m.Mineral: Indexed(
        SearchKind.MINERAL, lambda: m.Mineral.objects.prefetch_related("aliases"), _mineral_spec
    ),
    m.Event: Indexed(
        SearchKind.EVENT,
        lambda: m.Event.objects.prefetch_related("participants__aliases", "agreements"),
        _event_spec,
    ),
    m.Document: Indexed(
        SearchKind.DOCUMENT,
        lambda: m.Document.objects.prefetch_related(
            "mentioned_participants__aliases", "mentioned_minerals__aliases"
        ),
        _document_spec,
    ),
}

# Records that are not indexed themselves but are part of an indexed record's entry (a
# participation is part of its agreement's): the record whose entry to refresh.
PART_OF_ENTRY: dict[
    type[models.Model], Callable[[models.Model], tuple[type[models.Model], int | None]]
] = {
    m.Participation: lambda r: (m.Agreement, r.agreement_id),
    m.Measure: lambda r: (m.Agreement, r.agreement_id),
    m.MineralList: lambda r: (m.Agreement, r.agreement_id),
    m.MineralListEntry: lambda r: (m.Agreement, r.mineral_list.agreement_id),
    m.ParticipantAlias: lambda r: (m.Participant, r.participant_id),
    m.MineralAlias: lambda r: (m.Mineral, r.mineral_id),
}

# Many-to-many links the admin saves after the record itself (`save_related`): the
# entry is refreshed once more when the transaction commits, so their facets are current.
REFRESH_ON_COMMIT = (m.Agreement, m.Milestone, m.Event, m.Document)
