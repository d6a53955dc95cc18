"""Records as they stood at a moment, rebuilt from history, with their related records.

`snapshot(row, moment=…, paths=…)` turns one history row into a model instance and fills the
relations that `paths` name (the same lookups a serializer prefetches, e.g.
`participations__participant` or a `Prefetch` of `citations`) with the related records as
they stood at that moment, so code that reads a current record reads the old one
the same way, without touching today's rows. One query per path segment, whatever the
number of related records.

Many-to-many links come from `history_relations`; where a row did not record them
(rows written before links were recorded, bulk loads), today's links stand in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, Q


def rows_as_of(model: type[models.Model], moment: dt.datetime, condition: Q | None = None) -> list:
    """The latest history row of each record of `model` at `moment`, deleted ones left out.

    `condition` narrows the records by their columns at that moment.
    """
    latest = model.history.filter(history_date__lte=moment).latest_of_each()
    if condition is not None:
        latest = latest.filter(condition)
    return [row for row in latest if row.history_type != "-"]


def version_at(model: type[models.Model], pk, moment: dt.datetime):
    """The record's history row in force at `moment`: None before it existed or once deleted."""
    row = (
        model.history.filter(id=pk, history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .first()
    )
    return None if row is None or row.history_type == "-" else row


def _instance(row) -> models.Model:
    instance = row.instance
    instance._kb_links = row.history_relations
    return instance


def _instances_as_of(model, moment, condition: Q) -> list[models.Model]:
    if not hasattr(model, "history"):
        return list(model._default_manager.filter(condition))
    return [_instance(row) for row in rows_as_of(model, moment, condition)]


def _set_prefetched(instance: models.Model, cache_name: str, model, records: list) -> None:
    # What prefetch_related leaves behind: a queryset whose results are already known.
    queryset = model._default_manager.none()
    queryset._result_cache = list(records)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[cache_name] = queryset


def snapshot(
    row,
    *,
    moment: dt.datetime | None = None,
    paths: Iterable[str | Prefetch] = (),
    select: Iterable[str] = (),
):
    """The record of history `row`, with `select` and `paths` filled as they stood at
    `moment` (by default, when the row was made)."""
    instance = _instance(row)
    fill([instance], moment=moment or row.history_date, select=select, paths=paths)
    return instance


def fill(
    instances: Sequence[models.Model],
    *,
    moment: dt.datetime,
    select: Iterable[str] = (),
    paths: Iterable[str | Prefetch] = (),
) -> None:
    """Fill the relations named in `select` and `paths` as they stood at `moment`."""
    for name in select:
        _fill_path(instances, [name], moment)
    for path in paths:
        if isinstance(path, Prefetch):
            segments = path.prefetch_through.split("__")
            # The Prefetch's own joins (a citation's document) belong to its records.
            extra = (
                list(path.queryset.query.select_related or {}) if path.queryset is not None else []
            )
            children = _fill_path(instances, segments, moment)
            for name in extra:
                _fill_path(children, [name], moment)
        else:
            _fill_path(instances, path.split("__"), moment)


def _fill_path(instances: Sequence[models.Model], segments: list[str], moment) -> list:
    """Fill the first segment on `instances`, then the rest on what it reached."""
    if not instances or not segments:
        return list(instances)
    model = type(instances[0])
    name, rest = segments[0], segments[1:]
    field = model._meta.get_field(name)
    reached = _fill_one(instances, model, field, moment)
    return _fill_path(reached, rest, moment) if rest else reached


def _fill_one(instances, model, field, moment) -> list:
    if isinstance(field, GenericForeignKey):
        return _fill_generic_subject(instances, field, moment)
    if isinstance(field, GenericRelation):
        content_type = ContentType.objects.get_for_model(model)
        pks = [instance.pk for instance in instances]
        children = _instances_as_of(
            field.related_model,
            moment,
            Q(
                **{
                    field.content_type_field_name: content_type.pk,
                    f"{field.object_id_field_name}__in": pks,
                }
            ),
        )
        by_parent = defaultdict(list)
        for child in children:
            by_parent[getattr(child, field.object_id_field_name)].append(child)
        for instance in instances:
            _set_prefetched(instance, field.name, field.related_model, by_parent[instance.pk])
        return children
    if field.many_to_many and not field.auto_created:
        return _fill_links(instances, field, moment)
    if field.one_to_many:
        remote = field.field
        pks = [instance.pk for instance in instances]
        children = _instances_as_of(
            field.related_model, moment, Q(**{f"{remote.attname}__in": pks})
        )
        by_parent = defaultdict(list)
        for child in children:
            by_parent[getattr(child, remote.attname)].append(child)
        for instance in instances:
            _set_prefetched(
                instance, field.get_accessor_name(), field.related_model, by_parent[instance.pk]
            )
        return children
    if field.many_to_one or field.one_to_one:
        ids = {getattr(instance, field.attname) for instance in instances} - {None}
        related = {
            record.pk: record
            for record in _instances_as_of(field.related_model, moment, Q(id__in=ids))
        }
        for instance in instances:
            field.set_cached_value(instance, related.get(getattr(instance, field.attname)))
        return list(related.values())
    raise ValueError(f"Cannot rebuild {model.__name__}.{field.name} from history.")


def _fill_links(instances, field: models.ManyToManyField, moment) -> list:
    target = field.related_model
    recorded = {}
    unknown = []
    for instance in instances:
        links = getattr(instance, "_kb_links", None)
        if links is not None and field.name in links:
            recorded[instance.pk] = links[field.name]
        else:
            unknown.append(instance.pk)
    if unknown:
        through = field.remote_field.through
        source, target_column = field.m2m_column_name(), field.m2m_reverse_name()
        for source_id, target_id in through.objects.filter(
            **{f"{source}__in": unknown}
        ).values_list(source, target_column):
            recorded.setdefault(source_id, []).append(target_id)
    ids = {pk for targets in recorded.values() for pk in targets}
    related = {record.pk: record for record in _instances_as_of(target, moment, Q(id__in=ids))}
    for instance in instances:
        linked = [related[pk] for pk in recorded.get(instance.pk, []) if pk in related]
        _set_prefetched(instance, field.name, target, linked)
    return list(related.values())


def _fill_generic_subject(instances, field: GenericForeignKey, moment) -> list:
    by_type = defaultdict(set)
    for instance in instances:
        by_type[getattr(instance, field.ct_field + "_id")].add(getattr(instance, field.fk_field))
    subjects = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for record in _instances_as_of(model, moment, Q(id__in=pks)):
            subjects[content_type_id, record.pk] = record
    for instance in instances:
        key = (getattr(instance, field.ct_field + "_id"), getattr(instance, field.fk_field))
        field.set_cached_value(instance, subjects.get(key))
    return list(subjects.values())
