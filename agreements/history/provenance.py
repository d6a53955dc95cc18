"""Where facts stand with their sources: disputed facts, thin ones and unsourced ones.

A *fact* is a record, or one field of it, as citations name it. "Sources differ" is the
rule the pages use (`FactSources.differs`: stated values that still differ once
wording is set aside). Every function here makes a fixed number of queries: one or two
aggregates over citations, then one per model whose records are named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import capfirst

from agreements import models as m
from agreements import record_types
from agreements.selectors.citations import FactSources, Footnote

SHOWN = 200
# Links that records' names (Participation: "participant — role — agreement") or pages
# (a measure is shown on its agreement's) read.
NAME_JOINS = frozenset(
    name
    for record_type in record_types.RECORD_TYPES
    for name in (*record_type.name_joins, *filter(None, [record_type.shown_on]))
)


@dataclass
class Fact:
    """A record (or one of its fields) and the citations that state it."""

    model: type[models.Model]
    record: models.Model | None
    object_id: int
    field_name: str
    sources: FactSources

    @property
    def field_label(self) -> str:
        if not self.field_name:
            return ""
        try:
            return capfirst(self.model._meta.get_field(self.field_name).verbose_name)
        except FieldDoesNotExist:
            return self.field_name

    @property
    def type_label(self) -> str:
        return self.model._meta.verbose_name

    @property
    def title(self) -> str:
        return str(self.record) if self.record is not None else f"#{self.object_id}"

    @property
    def url(self) -> str | None:
        record = self.record
        if record is None:
            return None
        if hasattr(record, "get_absolute_url"):
            return record.get_absolute_url()
        parent = getattr(record, "agreement", None) or getattr(record, "mineral_list", None)
        return parent.get_absolute_url() if parent is not None else None


def _named(model: type[models.Model]) -> models.QuerySet:
    """The model's records with what their names and pages read joined in."""
    joins = [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field.name in NAME_JOINS
    ]
    return model._default_manager.select_related(*joins)


def _records(wanted: dict[int, set[int]]) -> dict[tuple[int, int], models.Model]:
    """The current records named by (content type id, id), one query per model."""
    found = {}
    for content_type_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for pk, record in _named(model).in_bulk(pks).items():
            found[content_type_id, pk] = record
    return found


def _facts(citations) -> list[Fact]:
    grouped: dict[tuple[int, int, str], list[m.Citation]] = defaultdict(list)
    for citation in citations:
        grouped[citation.content_type_id, citation.object_id, citation.field_name].append(citation)
    wanted: dict[int, set[int]] = defaultdict(set)
    for content_type_id, object_id, _field in grouped:
        wanted[content_type_id].add(object_id)
    records = _records(wanted)
    facts = []
    for (content_type_id, object_id, field_name), group in grouped.items():
        sources = FactSources([Footnote(n, c) for n, c in enumerate(group, start=1)])
        facts.append(
            Fact(
                ContentType.objects.get_for_id(content_type_id).model_class(),
                records.get((content_type_id, object_id)),
                object_id,
                field_name,
                sources,
            )
        )
    return facts


def disputed_facts() -> list[Fact]:
    """Facts whose documents state different values."""
    other_value = (
        m.Citation.objects.filter(
            content_type=OuterRef("content_type"),
            object_id=OuterRef("object_id"),
            field_name=OuterRef("field_name"),
        )
        .exclude(stated_value="")
        .exclude(stated_value=OuterRef("stated_value"))
    )
    candidates = (
        m.Citation.objects.exclude(stated_value="")
        .filter(Exists(other_value))
        .select_related("document")
        .order_by("content_type", "object_id", "field_name", "document__published_on", "pk")
    )
    return [fact for fact in _facts(candidates) if fact.sources.differs]


def single_source_facts() -> tuple[int, list[Fact]]:
    """How many facts rest on one document, and the first `SHOWN` of them."""
    groups = (
        m.Citation.objects.values("content_type", "object_id", "field_name")
        .annotate(documents=Count("document", distinct=True))
        .filter(documents=1)
        .order_by("content_type", "object_id", "field_name")
    )
    total = groups.count()
    shown = list(groups[:SHOWN])
    if not shown:
        return total, []
    condition = Q()
    for group in shown:
        condition |= Q(
            content_type=group["content_type"],
            object_id=group["object_id"],
            field_name=group["field_name"],
        )
    citations = m.Citation.objects.filter(condition).select_related("document")
    return total, _facts(citations)


@dataclass
class Unsourced:
    """Records of one model, or one field of it, that no citation supports."""

    model: type[models.Model]
    field_name: str
    count: int
    records: list[models.Model]

    @property
    def type_label(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def field_label(self) -> str:
        if not self.field_name:
            return ""
        return capfirst(self.model._meta.get_field(self.field_name).verbose_name)

    @property
    def links(self) -> list[tuple[str, str]]:
        """(name, admin change page) of each record shown."""
        view = f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change"
        return [(str(record), reverse(view, args=[record.pk])) for record in self.records]


def _cited(model, field_name: str | None):
    content_type = ContentType.objects.get_for_model(model)
    citations = m.Citation.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
    if field_name is not None:
        citations = citations.filter(field_name=field_name)
    return Exists(citations)


def unsourced_records(shown: int = 20) -> list[Unsourced]:
    """Per citable model, the records with no citation at all."""
    result = []
    for model in m.citable_models():
        missing = _named(model).filter(~_cited(model, None)).order_by("pk")
        count = missing.count()
        if count:
            result.append(Unsourced(model, "", count, list(missing[:shown])))
    return result


def unsourced_key_fields(shown: int = 20) -> list[Unsourced]:
    """Per key field (a date, a status…), the records that give it with no citation of it."""
    result = []
    for record_type in record_types.RECORD_TYPES:
        model = record_type.model
        for name in record_type.key_fields:
            field = model._meta.get_field(name)
            has_value = ~Q(**{f"{name}__isnull": True})
            if isinstance(field, models.CharField | models.TextField):
                has_value &= ~Q(**{name: ""})
            missing = _named(model).filter(has_value).filter(~_cited(model, name)).order_by("pk")
            count = missing.count()
            if count:
                result.append(Unsourced(model, name, count, list(missing[:shown])))
    return result
