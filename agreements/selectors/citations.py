"""Citations: a page's sources, grouped by fact and numbered as footnotes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from agreements import models as m


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
        # A footnote needs to know whether its document's text is stored, not the text.
        .defer("document__text", "document__summary")
        .annotate(document_has_text=~Q(document__text=""))
        .order_by("content_type_id", "object_id", "field_name", "document__published_on", "id")
    )
    return CitationIndex(citations)
