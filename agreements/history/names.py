"""Display names of the records a change names, and the titles of records and versions.

One query per model named, with the name it last had for a record deleted since.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements import record_types
from agreements.history import citing


class Names:
    """Display names of records, fetched in one query per model (history for deleted ones)."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set[int]] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], int], str] = {}
        self.records: dict[tuple[type[models.Model], int], models.Model] = {}

    def want(self, model: type[models.Model], pk) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            pairs = record_types.name_joins(model)
            found = model._default_manager.select_related(*pairs).in_bulk(pks)
            for pk, record in found.items():
                self.records[model, pk] = record
                self.names[model, pk] = title_of(model, record, {})
            missing = pks - set(found)
            history = getattr(model, "history", None)
            if missing and history is not None:
                # Deleted since: the name it last had, reading only the naming columns.
                naming = [
                    field.attname
                    for field in model._meta.concrete_fields
                    if field.name in ("short_title", "title", "name", "document", *pairs)
                ]
                rows = history.filter(id__in=missing).only("id", "history_id", *naming)
                for row in rows.order_by("id", "-history_id"):
                    self.names.setdefault((model, row.id), title_of(model, row, self.names))
        self.wanted.clear()

    def name(self, model: type[models.Model], pk) -> str:
        if pk is None:
            return ""
        return self.names.get((model, pk), f"#{pk}")

    def version_url(self, model: type[models.Model], row) -> str | None:
        record = self.records.get((model, row.id))
        return None if record is None else citing.history_path(record, row.history_id)

    def url(self, model: type[models.Model], pk) -> str | None:
        record = self.records.get((model, pk))
        if record is None or not hasattr(record, "get_absolute_url"):
            return None
        return record.get_absolute_url()


def title_of(model: type[models.Model], record, names: dict) -> str:
    """A record's (or history row's) title, without a query where names are known."""
    pair = record_types.name_joins(model)
    if pair:
        first, second = pair
        labels = []
        for name in (first, second):
            related = model._meta.get_field(name).related_model
            cached = record._state.fields_cache.get(name) if hasattr(record, "_state") else None
            if cached is not None:
                labels.append(str(cached))
            else:
                pk = getattr(record, f"{name}_id")
                labels.append(names.get((related, pk), f"#{pk}"))
        return " · ".join(labels)
    for name in ("short_title", "title", "name"):
        value = getattr(record, name, "")
        if value:
            return value
    if model is m.Citation:
        return str(_("Citation of document #%(id)s") % {"id": record.document_id})
    return f"#{record.pk}"
