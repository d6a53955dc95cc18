"""The one registry of record types: what each kind of record has, in one place.

Pages, history, the API, search, downloads and provenance all read it, so adding a
record type starts here (docs/architecture.md lists the rest, and
`tests/test_record_types.py` names anything a new entry still lacks).

It imports only the models: every other layer imports it, never the reverse. What is
code rather than a fact (a serializer, a search spec, export columns) stays with the
layer that runs it, keyed by the kind named here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from agreements import models as m


@dataclass(frozen=True)
class RecordType:
    kind: str  # the record type's name: URL names, API basenames, history kinds
    model: type[models.Model]
    lookup: str = "pk"  # the field its URLs name a record by
    # Public pages: the detail page's path (also its history and version pages), e.g.
    # "agreements/<slug:lookup>", and the URL name of its list page.
    page_prefix: str | None = None
    list_url: str | None = None
    api_resource: str | None = None  # the API's collection path, e.g. "agreements"
    # A record shown on another record's page: the link to that record (its changes are
    # listed there, and a citation of it links there).
    shown_on: str | None = None
    # The links its name reads (`Participation` is "participant — role — agreement"),
    # selected with it wherever names are listed.
    name_joins: tuple[str, ...] = ()
    # Fields whose value is a claim a source should state.
    key_fields: tuple[str, ...] = ()

    @property
    def has_pages(self) -> bool:
        return self.page_prefix is not None


_AGREEMENT_KEY_FIELDS = (
    "status",
    "binding",
    *(key_date.field for key_date in m.KEY_DATES),
    "window_start",
    "window_days",
)

# In the API's order (its root and schema list resources so).
RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        "agreement",
        m.Agreement,
        lookup="slug",
        page_prefix="agreements/<slug:lookup>",
        list_url="agreements:agreements",
        api_resource="agreements",
        key_fields=_AGREEMENT_KEY_FIELDS,
    ),
    RecordType(
        "participant",
        m.Participant,
        lookup="slug",
        page_prefix="participants/<slug:lookup>",
        list_url="agreements:participants",
        api_resource="participants",
    ),
    RecordType(
        "participation",
        m.Participation,
        api_resource="participations",
        shown_on="agreement",
        name_joins=("participant", "agreement"),
    ),
    RecordType(
        "milestone",
        m.Milestone,
        page_prefix="milestones/<int:lookup>",
        list_url="agreements:milestones",
        api_resource="milestones",
        shown_on="agreement",
        key_fields=("due_on", "due_day", "status", "completed_on"),
    ),
    RecordType(
        "event",
        m.Event,
        lookup="slug",
        page_prefix="events/<slug:lookup>",
        list_url="agreements:events",
        api_resource="events",
        key_fields=("starts_on", "ends_on", "location", "attendance"),
    ),
    RecordType("measure", m.Measure, api_resource="measures", shown_on="agreement"),
    RecordType(
        "mineral",
        m.Mineral,
        lookup="slug",
        page_prefix="minerals/<slug:lookup>",
        list_url="agreements:minerals",
        api_resource="minerals",
    ),
    RecordType(
        "mineral-list",
        m.MineralList,
        lookup="slug",
        page_prefix="mineral-lists/<slug:lookup>",
        list_url="agreements:mineral-lists",
        api_resource="mineral-lists",
        key_fields=("edition", "published_on"),
    ),
    RecordType(
        "document",
        m.Document,
        lookup="slug",
        page_prefix="documents/<slug:lookup>",
        list_url="agreements:documents",
        api_resource="documents",
    ),
    RecordType("citation", m.Citation, api_resource="citations"),
    RecordType(
        "agreement-link", m.AgreementLink, shown_on="source", name_joins=("source", "target")
    ),
    RecordType("participant-alias", m.ParticipantAlias, shown_on="participant"),
    RecordType("mineral-alias", m.MineralAlias, shown_on="mineral"),
    RecordType(
        "mineral-list-entry",
        m.MineralListEntry,
        shown_on="mineral_list",
        name_joins=("mineral", "mineral_list"),
    ),
)

BY_KIND: dict[str, RecordType] = {record_type.kind: record_type for record_type in RECORD_TYPES}
BY_MODEL: dict[type[models.Model], RecordType] = {
    record_type.model: record_type for record_type in RECORD_TYPES
}


def of(model: type[models.Model]) -> RecordType | None:
    """The registered type of `model`, or None."""
    return BY_MODEL.get(model)


def with_pages() -> tuple[RecordType, ...]:
    """The types with public detail pages (and so history and version pages)."""
    return tuple(record_type for record_type in RECORD_TYPES if record_type.has_pages)


def in_api() -> tuple[RecordType, ...]:
    """The types the API serves as resources, in the API's order."""
    return tuple(record_type for record_type in RECORD_TYPES if record_type.api_resource)


def shown_on(model: type[models.Model]) -> str | None:
    """The link to the record whose page shows a `model` record, if it has one."""
    record_type = BY_MODEL.get(model)
    return record_type.shown_on if record_type else None


def name_joins(model: type[models.Model]) -> tuple[str, ...]:
    """The links a `model` record's name reads."""
    record_type = BY_MODEL.get(model)
    return record_type.name_joins if record_type else ()
