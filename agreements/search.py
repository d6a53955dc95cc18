"""Full-text search over agreements, milestones, participants, minerals, events and documents.

Each searchable record has one `SearchEntry` row, written here and nowhere else:
`services.record_save` and `record_delete` call `index_record` / `unindex_record`, and
`rebuild_search_index` recreates every row (after loaddata or a bulk import).

PostgreSQL ranks with a weighted `tsvector` kept in the row (GIN-indexed) and cuts
snippets with `ts_headline`; SQLite matches word prefixes with a regular expression and
ranks with the same weights. Both match on `normalised`, the text lowercased with its
accents stripped, so "energia" finds "Energía".

A search is one statement (and on PostgreSQL one more for the snippets) whose work is
bounded whatever the number of matches: very large result sets are counted from a random
sample and ranked in blocks of their most recent matches. See docs/search.md.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import FullResultSet
from django.db import connection, models, transaction
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.models import SAMPLE_KEYS, WORD_PAIRS_SQL, SearchEntry, SearchKind

logger = logging.getLogger(__name__)

SEPARATOR = "\x1e"  # between the pieces of `content`; never in the text itself
MARK_START, MARK_STOP = "\x02", "\x03"  # ts_headline's markers, turned into <mark> here
MAX_QUERY_LENGTH = 200
MAX_OFFSET = 1000
MAX_LIMIT = 50
FACET_SIZE = 15
# The text indexed per record is capped: it bounds a tsvector (1 MB at most) and the
# cost of cutting a snippet from it.
MAX_PIECE_LENGTH = 100_000
CONFIGS = {m.Language.ENGLISH: "english", m.Language.SPANISH: "spanish"}
QUERY_CONFIGS = ("english", "spanish", "simple")
# Piece weights: PostgreSQL's defaults for A, B, C and D.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# The pieces of `content`, in order, with their weight.
PIECES = (("title", "A"), ("aliases", "A"), ("summary", "B"), ("body", "C"), ("related", "D"))
# The head: the first three pieces, the record's own title, aliases and summary.
HEAD_PIECES = 3
# Dropped from bare words in the SQLite fallback, as PostgreSQL's stemmers drop them.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "al",
        "con",
        "de",
        "del",
        "el",
        "en",
        "la",
        "las",
        "lo",
        "los",
        "para",
        "por",
        "se",
        "su",
        "un",
        "una",
        "y",
    ]
)
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Normalising


class _FoldTable(dict):
    """`str.translate` table: each character to exactly one lowercase, unaccented one."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        if len(base) != 1:
            base = char.lower() if len(char.lower()) == 1 else char
        self[code] = base
        return base


# Angle brackets become look-alikes, so ts_headline never takes text for an HTML tag
# (it would drop the tag and the snippet would no longer line up with the original).
_FOLD = _FoldTable({ord("<"): "‹", ord(">"): "›"})
_SEPARATORS = re.compile(r"\s*\x1e[\s\x1e]*")


def fold(text: str) -> str:
    """Lowercase and strip accents, keeping the length: offsets in the result are offsets
    in `text`."""
    return text.translate(_FOLD)


def _joined(html: str) -> SafeString:
    """Escaped HTML with the pieces' separators shown as one ellipsis each."""
    return mark_safe(_SEPARATORS.sub(" … ", html.strip(SEPARATOR + " ")))  # escaped by callers


def _clean(text: str) -> str:
    return _UNSAFE.sub(" ", text or "")[:MAX_PIECE_LENGTH]


# What each record contributes


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
        return SEPARATOR.join(_clean(piece) for piece in pieces)


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
        year=_year(agreement.announced_on, agreement.signed_on, agreement.in_force_on),
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

# Records that are not indexed themselves but feed an indexed record's entry.
PARENTS: dict[
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


# Writing the index


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


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
            if _uses_postgres()
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
    if _uses_postgres():
        SearchEntry.objects.filter(pk=entry.pk).update(**_vectors())


def _targets(instance: models.Model) -> list[tuple[type[models.Model], int]]:
    if type(instance) in INDEXED:
        return [(type(instance), instance.pk)] if instance.pk is not None else []
    parent = PARENTS.get(type(instance))
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
    if _uses_postgres():
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


# Reading the index


class SearchForm(forms.Form):
    """The query and its filters, shared by the page and the API."""

    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any"))] + SearchKind.choices, required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any"))] + m.Language.choices, required=False
    )
    participant = forms.SlugField(label=_("Participant"), max_length=120, required=False)
    mineral = forms.SlugField(label=_("Mineral"), max_length=80, required=False)

    def clean_participant(self) -> str:
        return self._known_slug("participant", m.Participant, _("No participant has this slug."))

    def clean_mineral(self) -> str:
        return self._known_slug("mineral", m.Mineral, _("No mineral has this slug."))

    def _known_slug(self, name, model, message) -> str:
        slug = self.cleaned_data[name]
        if slug:
            pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
            if pk is None:
                raise forms.ValidationError(message, code="unknown")
            self.cleaned_data[f"{name}_id"] = pk
        return slug

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            kind=data.get("kind") or None,
            year=data.get("year"),
            language=data.get("language") or None,
            participant=data.get("participant") or None,
            mineral=data.get("mineral") or None,
            participant_id=data.get("participant_id"),
            mineral_id=data.get("mineral_id"),
        )


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    year: int | None = None
    language: str | None = None
    participant: str | None = None
    mineral: str | None = None
    # The ids of `participant` and `mineral` when the caller has them (the form looks them
    # up as it checks the slugs); otherwise `as_q` looks them up, one query each.
    participant_id: int | None = field(default=None, compare=False, repr=False)
    mineral_id: int | None = field(default=None, compare=False, repr=False)

    def as_q(self) -> Q:
        condition = Q()
        if self.kind:
            condition &= Q(kind=self.kind)
        if self.year:
            condition &= Q(year=self.year)
        if self.language:
            condition &= Q(language=self.language)
        if self.participant:
            condition &= _linked(
                "participant", m.Participant, self.participant, self.participant_id
            )
        if self.mineral:
            condition &= _linked("mineral", m.Mineral, self.mineral, self.mineral_id)
        return condition


def _linked(name: str, model: type[models.Model], slug: str, pk: int | None) -> Q:
    """Entries linked to the record with `slug`, its id a constant the planner can weigh.

    PostgreSQL reads the link in the row (`mineral_ids @> ARRAY[5]`, GIN-indexed); SQLite
    probes the link table's unique index once per entry (EXISTS, not a join, so the
    condition stays on the entries' table)."""
    if pk is None:
        pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:  # no such record: nothing is linked to it
        return Q(pk__isnull=True)
    if _uses_postgres():
        return Q(**{f"{name}_ids__contains": [pk]})
    link = getattr(SearchEntry, f"{name}s").through
    return Q(Exists(link.objects.filter(searchentry_id=OuterRef("pk"), **{f"{name}_id": pk})))


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_label: str
    title: str
    title_html: SafeString
    snippet_html: SafeString
    url: str
    language: str
    language_label: str
    year: int | None
    rank: float


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    count_is_estimate: bool = False


@dataclass(frozen=True)
class SearchResults:
    """A page of hits. `count` is exact unless `count_is_estimate` (then rounded to two
    significant figures); unless `all_ranked`, the hits come from blocks of the most recent
    matches, each block ranked (see RANK_ALL)."""

    query: str
    count: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    limit: int
    offset: int
    count_is_estimate: bool = False
    all_ranked: bool = True

    @property
    def has_next(self) -> bool:
        return self.offset + self.limit < min(self.count, MAX_OFFSET + self.limit)


@dataclass(frozen=True)
class ParsedQuery:
    """The query as the SQLite fallback and the highlighter read it.

    `groups` are alternatives ("or"); each has regular expressions that must all match
    (`required`) and that must not (`excluded`). The same syntax as PostgreSQL's
    `websearch_to_tsquery`: words, "quoted phrases", -exclusions, or.
    """

    text: str
    groups: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    stems: tuple[str, ...] = ()  # the required words, stemmed: where a snippet may start

    @property
    def patterns(self) -> tuple[str, ...]:
        return tuple(pattern for required, _excluded in self.groups for pattern in required)


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


def _stem(word: str) -> str:
    """A light, language-blind stem: the plural endings off, matched as a word prefix."""
    if len(word) > 4 and word.endswith("es"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _pattern(words: list[str]) -> str:
    return r"\b" + r"\w*\W+".join(re.escape(_stem(word)) for word in words)


def parse_query(text: str) -> ParsedQuery:
    folded = fold(_UNSAFE.sub(" ", text)).strip()
    groups = []
    stems: list[str] = []
    required: list[str] = []
    excluded: list[str] = []
    for match in _TOKEN.finditer(folded):
        negated = bool(match.group(1) or match.group(3))
        phrase = match.group(2) is not None
        words = _WORD.findall(match.group(2) if phrase else match.group(4))
        if not phrase and not negated and words == ["or"]:
            groups.append((tuple(required), tuple(excluded)))
            required, excluded = [], []
            continue
        if not phrase:
            words = [word for word in words if word not in STOPWORDS]
        if not words:
            continue
        (excluded if negated else required).append(_pattern(words))
        if not negated:
            stems.extend(_stem(word) for word in words)
    groups.append((tuple(required), tuple(excluded)))
    return ParsedQuery(
        text=folded,
        groups=tuple((req, exc) for req, exc in groups if req),
        stems=tuple(dict.fromkeys(stems)),
    )


def _sqlite_match(parsed: ParsedQuery, *, pieces: int | None = None) -> Q:
    """The query as regular expressions on the folded text; with `pieces`, the required
    words must occur in the first `pieces` pieces (exclusions always apply to the whole
    text, so they are left to the full match)."""
    groups = []
    for required, excluded in parsed.groups:
        group = Q()
        for pattern in required:
            if pieces is not None:
                pattern = rf"^(?:[^\x1e]*\x1e){{0,{pieces - 1}}}[^\x1e]*{pattern}"
            group &= Q(normalised__regex=pattern)
        if pieces is None:
            for pattern in excluded:
                group &= ~Q(normalised__regex=pattern)
        groups.append(group)
    return functools.reduce(operator.or_, groups)


def _sqlite_rank(parsed: ParsedQuery) -> models.Expression:
    """The sum over query terms of the weight of the first piece each occurs in."""
    rank = Value(0.0)
    for pattern in parsed.patterns:
        whens = [
            When(
                normalised__regex=rf"^(?:[^\x1e]*\x1e){{{number}}}[^\x1e]*{pattern}",
                then=Value(WEIGHTS[weight]),
            )
            for number, (_name, weight) in enumerate(PIECES)
        ]
        rank = rank + Case(*whens, default=Value(0.0), output_field=FloatField())
    return rank


def _postgres_query(parsed: ParsedQuery) -> SearchQuery:
    query = None
    for config in QUERY_CONFIGS:
        part = SearchQuery(parsed.text, config=config, search_type="websearch")
        query = part if query is None else query | part
    return query


def _text_match(parsed: ParsedQuery) -> Q:
    """The query on an entry's whole text: the one definition of "matches"."""
    if not _uses_postgres():
        return _sqlite_match(parsed)
    return _postgres_matches(parsed)[0]


def _postgres_matches(parsed: ParsedQuery) -> tuple[Q, Q]:
    """The query on the whole vector and on the head.

    A query with phrases also asks for their adjacent word pairs in `pairs` (GIN-indexed):
    every row whose vector (or head) holds the phrase holds its pairs (or head pairs), and
    far fewer rows hold the pairs than hold the words, so the phrase is checked on those
    few only.
    """
    tsquery = _postgres_query(parsed)
    pairs = _phrase_pairs(parsed)
    if pairs is None:
        return Q(vector=tsquery), Q(head=tsquery)
    text_pairs, head_pairs = pairs
    return _narrowed("vector", tsquery, text_pairs), _narrowed("head", tsquery, head_pairs)


def _narrowed(column: str, tsquery: SearchQuery, pairs: str) -> Q:
    # The phrase as a function call, which no index serves: the pairs' index finds the
    # few candidates, and the vector's (every row with the words) is not read as well.
    # The vector is checked first: it is in the row, the pairs often are not.
    return Q(Func(F(column), tsquery, function="ts_match_vq", output_field=BooleanField())) & Q(
        _Matches(F("pairs"), Cast(Value(pairs), SearchQueryField()))
    )


class _Matches(Func):
    """`column @@ query` with the query as given (SearchVectorExact would re-parse it)."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


# Phrases and the word pairs they need. websearch_to_tsquery makes a phrase of a quoted
# text and of a hyphenated word ("rare-earth"); other queries have no phrase to narrow.
_MAY_HOLD_PHRASE = re.compile(r'"|\w-\w')
_TSQUERY_TOKEN = re.compile(r"\s*(?:'((?:[^'\\]|''|\\.)*)'(:[*a-dA-D]+)?|(<->|<\d+>|[!&|()]))")


def _phrase_pairs(parsed: ParsedQuery) -> tuple[str, str] | None:
    """Two tsqueries over `pairs`: one that every row matching the query satisfies, one
    that every row whose head matches it satisfies; None when the query needs no pair (no
    phrase, or an alternative without one).

    PostgreSQL reads the query in each configuration (one small query), so the pairs are
    the lexemes its own parser and stemmers make; a row matches the query if it matches
    one configuration's reading, so the pair conditions are OR-ed.
    """
    if not _MAY_HOLD_PHRASE.search(parsed.text):
        return None
    columns = ", ".join("websearch_to_tsquery(%s::regconfig, %s)::text" for _c in QUERY_CONFIGS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}",
            [value for config in QUERY_CONFIGS for value in (config, parsed.text)],
        )
        readings = cursor.fetchone()
    try:
        text_pairs = pairs_needed(readings)
        return None if text_pairs is None else (text_pairs, pairs_needed(readings, head=True))
    except ValueError:  # a form this parser does not know: search without the pairs
        logger.exception("Could not read the pairs of %r", readings)
        return None


def pairs_needed(readings: Iterable[str], *, head: bool = False) -> str | None:
    """The pair condition for a query read as each of `readings` (tsquery texts, OR-ed);
    with `head`, on the pairs that lie in the head (written with a trailing space)."""
    conditions = []
    for reading in readings:
        if not reading:  # only stop words in this configuration: it matches nothing
            continue
        condition = _required_pairs(_TsqueryParser(reading).parse(), " " if head else "")
        if condition is None:
            return None
        conditions.append(condition)
    if not conditions:
        return None
    return " | ".join(f"( {condition} )" for condition in conditions)


def _required_pairs(node: tuple, suffix: str) -> str | None:
    """The pairs a row matching `node` must hold, as a tsquery text; None for none.

    A phrase of plain lexemes needs each pair of lexemes one position apart; `and` needs
    what either side needs, `or` what both sides need (one or the other), `not` nothing.
    """
    operator_, *operands = node
    if operator_ == "phrase":
        chain = _chain(node)
        if chain is None:
            return None
        pairs = dict.fromkeys(
            f"{first} {second}{suffix}"
            for (first, at), (second, next_at) in zip(chain, chain[1:], strict=False)
            if next_at - at == 1
        )
        return " & ".join(_quoted(pair) for pair in pairs) or None
    if operator_ == "and":
        needed = [c for o in operands if (c := _required_pairs(o, suffix)) is not None]
        if len(needed) < 2:
            return needed[0] if needed else None
        return " & ".join(f"( {c} )" for c in needed)
    if operator_ == "or":
        needed = [_required_pairs(operand, suffix) for operand in operands]
        if any(c is None for c in needed):
            return None
        return " | ".join(f"( {c} )" for c in needed)
    return None


def _chain(node: tuple) -> list[tuple[str, int]] | None:
    """A phrase as its lexemes and their offsets, or None unless it is a left-to-right
    chain of plain lexemes (as websearch_to_tsquery writes every phrase)."""
    if node[0] == "lexeme":
        _operator, lexeme, plain = node
        return [(lexeme, 0)] if plain else None
    if node[0] != "phrase":
        return None
    _operator, left, right, distance = node
    chain = _chain(left)
    if chain is None or right[0] != "lexeme" or not right[2]:
        return None
    return [*chain, (right[1], chain[-1][1] + distance)]


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


class _TsqueryParser:
    """PostgreSQL's text form of a tsquery as a tree: ("lexeme", text, plain), ("not", x),
    ("and", a, b), ("or", a, b), ("phrase", a, b, distance). `!` binds tightest, then the
    phrase operators, then `&`, then `|`. A lexeme with a weight or a prefix mark is not
    plain: its pair cannot be known."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str, bool]] = []
        position = 0
        text = text.rstrip()
        while position < len(text):
            match = _TSQUERY_TOKEN.match(text, position)
            if match is None:
                raise ValueError(f"Not a tsquery: {text!r}")
            lexeme, marks, symbol = match.groups()
            if symbol is None:
                unescaped = re.sub(r"''|\\(.)", lambda m: m.group(1) or "'", lexeme)
                self.tokens.append(("lexeme", unescaped, not marks))
            else:
                self.tokens.append((symbol, "", False))
            position = match.end()
        self.position = 0

    def parse(self) -> tuple:
        node = self._or()
        if self.position != len(self.tokens):
            raise ValueError("Unexpected text after a complete tsquery")
        return node

    def _peek(self) -> str | None:
        return self.tokens[self.position][0] if self.position < len(self.tokens) else None

    def _take(self) -> tuple[str, str, bool]:
        if self.position >= len(self.tokens):
            raise ValueError("A tsquery ends too early")
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _or(self) -> tuple:
        return self._binary("|", "or", self._and)

    def _and(self) -> tuple:
        return self._binary("&", "and", self._phrase)

    def _binary(self, symbol: str, name: str, operand: Callable[[], tuple]) -> tuple:
        node = operand()
        while self._peek() == symbol:
            self._take()
            node = (name, node, operand())
        return node

    def _phrase(self) -> tuple:
        node = self._unary()
        while (symbol := self._peek()) is not None and symbol.startswith("<"):
            self._take()
            distance = 1 if symbol == "<->" else int(symbol[1:-1])
            node = ("phrase", node, self._unary(), distance)
        return node

    def _unary(self) -> tuple:
        kind, text, plain = self._take()
        if kind == "!":
            return ("not", self._unary())
        if kind == "(":
            node = self._or()
            if self._take()[0] != ")":
                raise ValueError("Unbalanced parentheses in a tsquery")
            return node
        if kind != "lexeme":
            raise ValueError(f"Unexpected {kind!r} in a tsquery")
        return ("lexeme", text, plain)


def highlight(text: str, patterns: Iterable[str]) -> SafeString:
    """`text`, escaped, with each accent- and case-insensitive match wrapped in <mark>."""
    folded = fold(text)
    spans = sorted(
        match.span()
        for pattern in patterns
        for match in re.finditer(pattern + r"\w*", folded)
        if match.end() > match.start()
    )
    html, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        html.append(escape(text[position:start]))
        html.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    html.append(escape(text[position:]))
    return _joined("".join(html))


def _python_snippet(content: str, patterns: tuple[str, ...], width: int = 240) -> SafeString:
    """A window of the text after the title around the first match, highlighted."""
    rest = content.split(SEPARATOR, 1)[1] if SEPARATOR in content else ""
    folded = fold(rest)
    first = min(
        (match.start() for pattern in patterns if (match := re.search(pattern, folded))),
        default=0,
    )
    start = max(0, first - width // 3)
    if start:
        start = folded.find(" ", start) + 1 or start
    end = min(len(rest), start + width)
    if end < len(rest) and rest.rfind(" ", start, end) > start:
        end = rest.rfind(" ", start, end)
    window = rest[start:end].strip(SEPARATOR + " ")
    prefix = "… " if start else ""
    suffix = " …" if end < len(rest) else ""
    return mark_safe(prefix + highlight(window, patterns) + suffix)  # escaped above


_MARKERS = re.compile(f"[{MARK_START}{MARK_STOP}]")


def _marked(original: str, marked: str) -> SafeString:
    """Move ts_headline's markers from the normalised fragment onto the original text."""
    html, index = [], 0
    for piece, marker in zip(_MARKERS.split(marked), [*_MARKERS.findall(marked), ""], strict=True):
        html.append(escape(original[index : index + len(piece)]))
        index += len(piece)
        html.append({MARK_START: "<mark>", MARK_STOP: "</mark>"}.get(marker, ""))
    return _joined("".join(html))


_HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxFragments=1, MaxWords=40, MinWords=15, "
    "ShortWord=2, FragmentDelimiter=…"
)


# ts_headline reads (parses and stems) all the text it is given, so it gets a window of
# the text after the title: from a little before the first word that starts like a query
# word, long enough for any fragment of MaxWords words.
SNIPPET_LEAD = 300
SNIPPET_WINDOW = 1000


def _postgres_snippets(ids: list[int], parsed: ParsedQuery) -> dict[int, SafeString]:
    """One fragment per entry cut by ts_headline from a window of the normalised text after
    the title, and the original text at the same offsets; the markers move onto the
    original."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    tsquery = " || ".join("websearch_to_tsquery(%s::regconfig, %s)" for _c in QUERY_CONFIGS)
    # OFFSET 0 keeps each LATERAL step a step: flattened, PostgreSQL would compute
    # ts_headline (and read the text) again for every reference to its result.
    sql = f"""
        SELECT e.id, h.marked,
               substr(e.content, strpos(e.normalised, h.plain), char_length(h.plain))
        FROM {table} e
        CROSS JOIN LATERAL (
            SELECT substr(e.normalised, strpos(e.normalised, chr(30)) + 1) AS rest OFFSET 0
        ) r
        CROSS JOIN LATERAL (
            SELECT greatest(
                1, coalesce(char_length(r.rest) - char_length(substring(r.rest from %s)), 0) - %s
            ) AS lead OFFSET 0
        ) l
        CROSS JOIN LATERAL (
            SELECT ts_headline(
                e.config::regconfig,
                substr(
                    r.rest,
                    l.lead + CASE WHEN l.lead > 1
                        THEN strpos(substr(r.rest, l.lead, 40), ' ') ELSE 0 END,
                    %s
                ),
                {tsquery},
                %s
            ) AS marked OFFSET 0
        ) m
        CROSS JOIN LATERAL (
            SELECT m.marked, replace(replace(m.marked, chr(2), ''), chr(3), '') AS plain
            OFFSET 0
        ) h
        WHERE e.id = ANY(%s)
    """  # only the quoted table name is interpolated
    # The text from the first word that starts with a stem (\m: start of a word) to the
    # end; the stems are word characters only, which a regular expression reads literally.
    locate = r"\m(?:" + "|".join(parsed.stems) + ").*$"
    params = [locate, SNIPPET_LEAD, SNIPPET_WINDOW]
    params += [value for config in QUERY_CONFIGS for value in (config, parsed.text)]
    params += [_HEADLINE_OPTIONS, ids]
    snippets = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for pk, marked, original in cursor.fetchall():
            plain = marked.replace(MARK_START, "").replace(MARK_STOP, "")
            if fold(original or "") == plain:
                snippets[pk] = _marked(original, marked)
            else:
                snippets[pk] = _marked(plain, marked)
    return snippets


# One statement answers a search: the hits, the count and the facets. Its work is bounded
# whatever the number of matches (docs/search.md, "Bounded work"):
# - counts: each kind's matches in sample-key order, at most EXACT_COUNT + 1 of them. A kind
#   with no more is counted exactly; beyond, the matches with a key below the last one read
#   are a uniform random sample of that kind, and each counts for SAMPLE_KEYS / key.
# - ranking: up to RANK_ALL matches, all of them are ranked. Beyond, the results are the
#   matches whose head (title, aliases, summary) matches, most recent first, then the
#   others, most recent first, in blocks of RANK_BLOCK, each block ranked: a page costs
#   the blocks up to it, and every page is the same whichever is asked first.
EXACT_COUNT = 1000
RANK_ALL = MAX_OFFSET + MAX_LIMIT
RANK_BLOCK = 200
# The statement's rows, with their types: a hit, a total or a facet value, NULL where a
# column does not apply (typed, so every part of the UNION agrees).
_COLUMNS = {
    "part": "TEXT",
    "id": "BIGINT",
    "value": "TEXT",
    "label": "TEXT",
    "url": "TEXT",
    "language": "TEXT",
    "year": "INTEGER",
    "number": "DOUBLE PRECISION",
    "weight": "DOUBLE PRECISION",
    "position": "BIGINT",
    "content": "TEXT",
}


def _select(part: str, source: str, **columns: str) -> str:
    """One SELECT of the statement's rows from `source`, NULL in the columns not given."""
    values = {"part": f"'{part}'", **columns}
    listed = ", ".join(
        f"{values.get(name, f'CAST(NULL AS {kind})')} AS {name}" for name, kind in _COLUMNS.items()
    )
    return f"SELECT {listed} FROM {source}"


class _SQL:
    """SQL text put together from fragments, with the parameters in the order they appear:
    each fragment must be added in its place in the text, left to right."""

    def __init__(self) -> None:
        self.params: list = []

    def __call__(self, fragment: tuple[str, Iterable]) -> str:
        sql, params = fragment
        self.params.extend(params)
        return sql

    def value(self, value: object) -> str:
        self.params.append(value)
        return "%s"


def _compiled(condition: Q | models.Expression) -> tuple[str, list]:
    """A condition or an expression as SQL on the entries' own table (its columns named
    by table, no joins), so one compilation serves every part of the statement."""
    if isinstance(condition, Q):
        query = SearchEntry.objects.filter(condition).query
        node = query.where
    else:
        query = SearchEntry.objects.annotate(value=condition).query
        node = query.annotations["value"]
    try:
        sql, params = query.get_compiler(connection=connection).compile(node)
    except FullResultSet:  # no condition at all (no filters)
        return "(1 = 1)", []
    return f"({sql})", list(params)


@dataclass(frozen=True)
class _Conditions:
    """The parts of a search, each compiled once into the statement's SQL."""

    filters: Q  # type, year, language, participant, mineral
    text: Q  # the query on the whole text
    head: Q  # the query on the title, aliases and summary
    rank: models.Expression
    # Whether a head match also needs the text condition: only an excluded word can make
    # a record whose head matches fail on its whole text.
    head_needs_text: bool


def _statement(
    conditions: _Conditions,
    *,
    kinds: Iterable[str],
    limit: int,
    offset: int,
    with_content: bool,
) -> tuple[str, list]:
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    filters_sql, text_sql, head_sql, rank_sql = (
        _compiled(part)
        for part in (conditions.filters, conditions.text, conditions.head, conditions.rank)
    )
    sql = _SQL()

    def match() -> str:
        return f"{sql(filters_sql)} AND {sql(text_sql)}"

    def head_match() -> str:
        # Without a redundant text condition the planner estimates head matches alone,
        # and walks the recent entries when they are many.
        parts = [sql(filters_sql), sql(head_sql)]
        if conditions.head_needs_text:
            parts.append(sql(text_sql))
        return " AND ".join(parts)

    strata = " UNION ALL ".join(
        "SELECT * FROM ("
        f"SELECT id, kind, year, language, sample, participant_ids, mineral_ids FROM {table} "
        f"WHERE kind = {sql.value(kind)} AND {match()} "
        f"ORDER BY sample LIMIT {EXACT_COUNT + 1}"
        f") AS stratum_{number}"
        for number, kind in enumerate(kinds)
    )
    # The blocks up to the one holding the page's last result.
    needed = ((offset + limit - 1) // RANK_BLOCK + 1) * RANK_BLOCK
    recent = "ORDER BY year DESC NULLS FIRST, id DESC"
    unranked = "NOT (SELECT all_ranked FROM scope)"
    head_recent = (
        f"SELECT id, year FROM {table} WHERE {unranked} AND {head_match()} {recent} LIMIT {needed}"
    )
    rest_recent = (
        f"SELECT id, year FROM {table} WHERE {unranked} "
        f"AND (SELECT COUNT(*) FROM head_recent) < {needed} "
        f"AND {match()} AND NOT COALESCE({sql(head_sql)}, FALSE) {recent} "
        f"LIMIT {needed}"
    )
    block = f"(ROW_NUMBER() OVER ({recent}) - 1) / {RANK_BLOCK}"
    content = f", {table}.content" if with_content else ""
    hits = (
        f"SELECT {table}.id, kind, title, url, language, year, {sql(rank_sql)} AS rank, "
        f"c.tier, c.block{content} "
        f"FROM candidates c JOIN {table} ON {table}.id = c.id "
        f"ORDER BY c.tier, c.block, rank DESC, year DESC, title, {table}.id "
        f"LIMIT {limit} OFFSET {offset}"
    )
    linked = []
    for name, model in {"participant": m.Participant, "mineral": m.Mineral}.items():
        if connection.vendor == "postgresql":  # the links in the row, carried in `counted`
            links = f"CROSS JOIN LATERAL unnest(c.{name}_ids) AS l({name}_id)"
        else:
            link_table = getattr(SearchEntry, f"{name}s").through._meta.db_table
            links = f"JOIN {link_table} l ON l.searchentry_id = c.id"
        source = (
            f"counted c {links} JOIN {model._meta.db_table} r ON r.id = l.{name}_id "
            "GROUP BY r.slug, r.name"
        )
        order = "SUM(c.weight) DESC, r.name"
        select = _select(
            name,
            source,
            value="r.slug",
            label="r.name",
            number="CAST(SUM(c.weight) AS DOUBLE PRECISION)",
            weight="CAST(MAX(c.weight) AS DOUBLE PRECISION)",
            position=f"ROW_NUMBER() OVER (ORDER BY {order})",
        )
        linked.append(f"SELECT * FROM ({select} ORDER BY {order} LIMIT {FACET_SIZE}) AS {name}s")
    sums = {
        "number": "CAST(SUM(weight) AS DOUBLE PRECISION)",
        "weight": "CAST(MAX(weight) AS DOUBLE PRECISION)",
    }
    rows = [
        _select(
            "hit",
            "hits",
            id="id",
            value="kind",
            label="title",
            url="url",
            language="language",
            year="year",
            number="CAST(rank AS DOUBLE PRECISION)",
            position="ROW_NUMBER() OVER (ORDER BY tier, block, rank DESC, year DESC, title, id)",
            content="content" if with_content else "CAST(NULL AS TEXT)",
        ),
        _select("count", "counted", **sums),
        _select("scope", "scope", number="CASE WHEN all_ranked THEN 1.0 ELSE 0.0 END"),
        _select("kind", "counted GROUP BY kind", value="kind", **sums),
        _select("year", "counted GROUP BY year", value="CAST(year AS TEXT)", **sums),
        _select("language", "counted GROUP BY language", value="language", **sums),
        *linked,
    ]
    # Only our own SQL and the ORM's compiled conditions are interpolated; values are
    # parameters, and limit and offset are integers.
    statement = f"""
        WITH
        sampled AS MATERIALIZED ({strata}),
        cuts AS (
            SELECT kind, COUNT(*) AS n,
                   CASE WHEN COUNT(*) > {EXACT_COUNT} THEN MAX(sample) END AS cut
            FROM sampled GROUP BY kind
        ),
        counted AS MATERIALIZED (
            SELECT s.id, s.kind, s.year, s.language, s.participant_ids, s.mineral_ids,
                   CASE WHEN c.cut IS NULL THEN 1.0 ELSE {SAMPLE_KEYS}.0 / c.cut END AS weight
            FROM sampled s JOIN cuts c ON c.kind = s.kind
            WHERE c.cut IS NULL OR s.sample < c.cut
        ),
        scope AS (
            SELECT COALESCE(SUM(CASE WHEN cut IS NULL THEN n ELSE {RANK_ALL + 1} END), 0)
                   <= {RANK_ALL} AS all_ranked
            FROM cuts
        ),
        head_recent AS MATERIALIZED ({head_recent}),
        rest_recent AS MATERIALIZED ({rest_recent}),
        candidates AS (
            SELECT id, 0 AS tier, 0 AS block FROM sampled WHERE (SELECT all_ranked FROM scope)
            UNION ALL SELECT id, 1, {block} FROM head_recent
            UNION ALL SELECT id, 2, {block} FROM rest_recent
        ),
        hits AS ({hits})
        {" UNION ALL ".join(rows)}
    """
    return statement, sql.params


def _about(number: float) -> int:
    """An estimate rounded to two significant figures: no more precision than it has."""
    digits = len(str(int(number)))
    return int(round(number, min(0, 2 - digits)))


def _count(number: float, weight: float) -> tuple[int, bool]:
    """A count from the statement, and whether it is an estimate."""
    estimated = weight > 1
    return (_about(number) if estimated else round(number)), estimated


def search(
    query: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """The entries matching `query` and `filters`, best first, with snippets and facets.

    One statement for the hits, the count and the facets, and on PostgreSQL one for the
    snippets, whatever the number of matches; beyond EXACT_COUNT matches of a kind the
    counts are estimates, beyond RANK_ALL matches the ranking is by blocks (see above).
    """
    filters = filters or SearchFilters()
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    parsed = parse_query(query[:MAX_QUERY_LENGTH])
    if not parsed.groups:
        return SearchResults(parsed.text, 0, [], {}, limit, offset)
    postgres = _uses_postgres()
    excluding = any(excluded for _required, excluded in parsed.groups)
    if postgres:
        tsquery = _postgres_query(parsed)
        text, head = _postgres_matches(parsed)
        conditions = _Conditions(
            filters=filters.as_q(),
            text=text,
            head=head,
            rank=SearchRank(F("vector"), tsquery),
            head_needs_text=excluding,
        )
    else:
        conditions = _Conditions(
            filters=filters.as_q(),
            text=_text_match(parsed),
            head=_sqlite_match(parsed, pieces=HEAD_PIECES),
            rank=_sqlite_rank(parsed),
            # The SQLite head condition leaves exclusions to the text condition.
            head_needs_text=True,
        )
    sql, params = _statement(
        conditions,
        kinds=[filters.kind] if filters.kind else SearchKind.values,
        limit=limit,
        offset=offset,
        with_content=not postgres,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    hits_rows = sorted((r for r in rows if r["part"] == "hit"), key=lambda r: r["position"])
    count, count_is_estimate = next(
        (_count(r["number"] or 0, r["weight"] or 1) for r in rows if r["part"] == "count"),
        (0, False),
    )
    all_ranked = next(r["number"] for r in rows if r["part"] == "scope") == 1
    if postgres and hits_rows:
        snippets = _postgres_snippets([row["id"] for row in hits_rows], parsed)
    else:
        snippets = {
            row["id"]: _python_snippet(row["content"], parsed.patterns) for row in hits_rows
        }
    kind_labels = dict(SearchKind.choices)
    language_labels = dict(m.Language.choices)
    hits = [
        SearchHit(
            kind=row["value"],
            kind_label=str(kind_labels[row["value"]]),
            title=row["label"],
            title_html=highlight(row["label"], parsed.patterns),
            snippet_html=snippets.get(row["id"], mark_safe("")),
            url=row["url"],
            language=row["language"],
            language_label=str(language_labels.get(row["language"], row["language"])),
            year=row["year"],
            rank=float(row["number"]),
        )
        for row in hits_rows
    ]
    return SearchResults(
        query=parsed.text,
        count=count,
        hits=hits,
        facets=_facets(rows, filters),
        limit=limit,
        offset=offset,
        count_is_estimate=count_is_estimate,
        all_ranked=all_ranked,
    )


# How each facet's values are ordered: most matches first, years newest first, and the
# participants and minerals as the statement ranked them.
_FACET_ORDER: dict[str, Callable[[dict], object]] = {
    "kind": lambda row: (-row["number"], row["value"]),
    "year": lambda row: -int(row["value"]),
    "language": lambda row: (-row["number"], row["value"]),
    "participant": lambda row: row["position"],
    "mineral": lambda row: row["position"],
}


def _facets(rows: list[dict], filters: SearchFilters) -> dict[str, list[FacetValue]]:
    labels = {
        "kind": {value: str(label) for value, label in SearchKind.choices},
        "language": {value: str(label) for value, label in m.Language.choices},
    }
    selected = {name: str(getattr(filters, name) or "") for name in _FACET_ORDER}
    facets = {}
    for name, order in _FACET_ORDER.items():
        values = []
        for row in sorted((r for r in rows if r["part"] == name and r["value"]), key=order):
            count, estimated = _count(row["number"], row["weight"])
            label = labels.get(name, {}).get(row["value"]) or row["label"] or row["value"]
            values.append(
                FacetValue(
                    value=row["value"],
                    label=label,
                    count=count,
                    selected=row["value"] == selected.get(name),
                    count_is_estimate=estimated,
                )
            )
        facets[name] = values
    return facets


def matching_entries(
    query: str, *, filters: SearchFilters | None = None
) -> models.QuerySet[SearchEntry]:
    """Every entry matching `query` and `filters`, unranked and unordered: the same match
    as `search`, for callers that order otherwise (the search feeds take the newest)."""
    parsed = parse_query(query[:MAX_QUERY_LENGTH])
    if not parsed.groups:
        return SearchEntry.objects.none()
    return SearchEntry.objects.filter((filters or SearchFilters()).as_q(), _text_match(parsed))
