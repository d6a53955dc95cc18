"""Can a reader check our sources? The checks behind `manage.py check_sources`.

Three things fail the check: a document with no address and no stated reason for having
none; a locator on such a document (it points into a text no reader can find, and nobody
has said why); a quote its document's stored text does not hold. A document with no
address and a stated reason is a stated exception, listed as such. Key facts cited
without a locator are listed too, as work to do rather than a failure: a locator is
written only once someone has read the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from agreements import models as m
from agreements import record_types

NO_ADDRESS = Q(url="", archived_url="")
NO_ADDRESS_OF_DOCUMENT = Q(document__url="", document__archived_url="")


@dataclass
class SourceReport:
    without_address: list[m.Document] = field(default_factory=list)
    located_but_unreachable: list[m.Citation] = field(default_factory=list)  # and unexplained
    quotes_not_in_text: list[m.Citation] = field(default_factory=list)
    unlocated_key_facts: list[m.Citation] = field(default_factory=list)
    stated_exceptions: list[m.Document] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return (
            len(self.without_address)
            + len(self.located_but_unreachable)
            + len(self.quotes_not_in_text)
        )


def _key_fact_condition() -> Q:
    condition = Q(pk__in=[])
    for record_type in record_types.RECORD_TYPES:
        if record_type.key_fields:
            condition |= Q(
                content_type=ContentType.objects.get_for_model(record_type.model),
                field_name__in=record_type.key_fields,
            )
    return condition


def check_sources() -> SourceReport:
    documents = m.Document.objects.defer("text", "summary").order_by("slug")
    citations = m.Citation.objects.select_related("document", "content_type").order_by(
        "document__slug", "content_type_id", "object_id", "field_name"
    )
    quoted = citations.exclude(quote="").exclude(document__text="")
    return SourceReport(
        without_address=list(documents.filter(NO_ADDRESS, no_address_reason="")),
        located_but_unreachable=list(
            citations.filter(NO_ADDRESS_OF_DOCUMENT, document__no_address_reason="").exclude(
                locator=""
            )
        ),
        quotes_not_in_text=[
            citation
            for citation in quoted
            if m.find_passage(citation.document.text, citation.quote) is None
        ],
        unlocated_key_facts=list(
            citations.filter(_key_fact_condition(), locator="").exclude(NO_ADDRESS_OF_DOCUMENT)
        ),
        stated_exceptions=list(documents.filter(NO_ADDRESS).exclude(no_address_reason="")),
    )
