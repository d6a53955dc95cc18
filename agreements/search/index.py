"""Writing the index: each searchable record's one `SearchEntry` row, written here and
nowhere else. `services.record_save` and `record_delete` call `index_record` /
`unindex_record`, and `rebuild_search_index` recreates every row (after loaddata or a
bulk import). On PostgreSQL the row also gets its weighted vectors and word pairs.
"""

from __future__ import annotations

import functools
import hashlib

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models, transaction
from django.db.models import F, Func, TextField, Value

from agreements.models import SAMPLE_KEYS, WORD_PAIRS_SQL, SearchEntry
from agreements.search.specs import INDEXED, PART_OF_ENTRY, REFRESH_ON_COMMIT, EntrySpec
from agreements.search.text import CONFIGS, HEAD_PIECES, PIECES, SEPARATOR, fold, uses_postgres


def _piece(number: int) -> Func:
    return Func(
        F("normalised"),
        Value(SEPARATOR),
        Value(number),
        function="split_part",
        output_field=TextField(),
    )


def _vector_expression(pieces: int = len(PIECES)) -> SearchVector:
    """The weighted vector of the first `pieces` pieces, computed in the database from the
    row's own normalised text."""
    vector = None
    for number, (_name, weight) in enumerate(PIECES[:pieces], start=1):
        piece = SearchVector(_piece(number), config=F("config"), weight=weight)
        vector = piece if vector is None else vector + piece
    return vector


def _vectors() -> dict[str, models.Expression]:
    """The stored vectors: every piece, the head (title, aliases, summary), and the word
    pairs of every piece, written in one UPDATE."""
    return {
        "vector": _vector_expression(),
        "head": _vector_expression(HEAD_PIECES),
        "pairs": WordPairs(_vector_expression(), _vector_expression(HEAD_PIECES)),
    }


class WordPairs(Func):
    """The adjacent word pairs of a vector expression, those in the head (the expression
    of its first pieces) marked too; computed once per row."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, **extra_context):
        vector, vector_params = compiler.compile(self.source_expressions[0])
        head, head_params = compiler.compile(self.source_expressions[1])
        return WORD_PAIRS_SQL.format(vector=vector, head=head), (*vector_params, *head_params)


def sample_key(kind: str, pk: int) -> int:
    """A pseudo-random number fixed for one record, uniform over the sample keys and
    unrelated to its content, so the entries with the lowest keys are a random sample."""
    digest = hashlib.blake2b(f"{kind}:{pk}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % SAMPLE_KEYS


def _entry_fields(kind: str, pk: int, spec: EntrySpec) -> dict:
    content = spec.content()
    return {
        "kind": kind,
        "title": spec.title[:400],
        "url": spec.url,
        "language": spec.language,
        "config": CONFIGS.get(spec.language, "simple"),
        "year": spec.year,
        "content": content,
        "normalised": fold(content),
        "sample": sample_key(kind, pk),
        # PostgreSQL's copy of the links, in the row (SQLite reads the link tables).
        **(
            {
                "participant_ids": sorted(spec.participant_ids),
                "mineral_ids": sorted(spec.mineral_ids),
            }
            if uses_postgres()
            else {}
        ),
    }


def _index(model: type[models.Model], pk: int) -> None:
    indexed = INDEXED[model]
    record = indexed.queryset().filter(pk=pk).first()
    if record is None:
        SearchEntry.objects.filter(**{f"{indexed.kind}_id": pk}).delete()
        return
    spec = indexed.spec(record)
    entry, _created = SearchEntry.objects.update_or_create(
        **{f"{indexed.kind}_id": pk}, defaults=_entry_fields(indexed.kind, pk, spec)
    )
    entry.participants.set(spec.participant_ids)
    entry.minerals.set(spec.mineral_ids)
    if uses_postgres():
        SearchEntry.objects.filter(pk=entry.pk).update(**_vectors())


def _targets(instance: models.Model) -> list[tuple[type[models.Model], int]]:
    if type(instance) in INDEXED:
        return [(type(instance), instance.pk)] if instance.pk is not None else []
    parent = PART_OF_ENTRY.get(type(instance))
    if parent is None:
        return []
    model, pk = parent(instance)
    return [(model, pk)] if pk is not None else []


def index_record(instance: models.Model) -> None:
    """Bring the index up to date after `instance` was saved (any model; most are no-ops)."""
    for model, pk in _targets(instance):
        _index(model, pk)
        if model in REFRESH_ON_COMMIT:
            transaction.on_commit(functools.partial(_index, model, pk), robust=True)


def unindex_record(instance: models.Model) -> None:
    """Bring the index up to date after `instance` was deleted.

    An indexed record's own entry goes with it (the link cascades); a record that fed
    another's entry (a participation, an alias) has that entry rebuilt without it.
    """
    if type(instance) in INDEXED:
        return
    for model, pk in _targets(instance):
        _index(model, pk)


@transaction.atomic
def rebuild_index(*, batch_size: int = 500) -> int:
    """Recreate every entry from the records; return how many there are."""
    SearchEntry.objects.all().delete()
    links = (SearchEntry.participants.through, SearchEntry.minerals.through)
    total = 0
    for indexed in INDEXED.values():
        batch: list[tuple[SearchEntry, EntrySpec]] = []
        for record in indexed.queryset().order_by("pk").iterator(chunk_size=batch_size):
            spec = indexed.spec(record)
            entry = SearchEntry(
                **{f"{indexed.kind}_id": record.pk},
                **_entry_fields(indexed.kind, record.pk, spec),
            )
            batch.append((entry, spec))
            if len(batch) >= batch_size:
                total += _write_batch(batch, links)
                batch = []
        total += _write_batch(batch, links)
    if uses_postgres():
        SearchEntry.objects.update(**_vectors())
        # Fresh statistics, so the planner knows how common each word is (docs/search.md)
        # and how the facets' link tables spread: without them a rare term's facets
        # took 70 ms instead of 12 at 100,000 entries.
        with connection.cursor() as cursor:
            for table in search_tables():
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return total


def search_tables() -> list[str]:
    """The index's table and its participant and mineral link tables."""
    return [
        SearchEntry._meta.db_table,
        SearchEntry.participants.through._meta.db_table,
        SearchEntry.minerals.through._meta.db_table,
    ]


def _write_batch(batch, links) -> int:
    if not batch:
        return 0
    entries = SearchEntry.objects.bulk_create([entry for entry, _spec in batch])
    participant_link, mineral_link = links
    participant_link.objects.bulk_create(
        participant_link(searchentry_id=entry.pk, participant_id=pid)
        for entry, (_e, spec) in zip(entries, batch, strict=True)
        for pid in spec.participant_ids
    )
    mineral_link.objects.bulk_create(
        mineral_link(searchentry_id=entry.pk, mineral_id=mid)
        for entry, (_e, spec) in zip(entries, batch, strict=True)
        for mid in spec.mineral_ids
    )
    return len(entries)
