"""The search index: one row per searchable record, kept by `agreements.search`."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.indexes import Index
from django.utils.translation import gettext_lazy as _

from .base import Language

# Sample keys run from 0 to SAMPLE_KEYS - 1: every positive small integer.
SAMPLE_KEYS = 32768

# The adjacent word pairs ("rare earth", "earth magnet") of a vector, read off its
# positions: lexemes one position apart, joined by a space (which no lexeme holds). A pair
# that lies in the head (the first pieces, whose positions `head` shares) is kept a second
# time with a trailing space ("rare earth "), for phrases in the head. PostgreSQL only;
# `{vector}` and `{head}` are the vectors' SQL, in that order. Used by the index writer;
# the migrations that fill the pairs keep frozen copies of it.
WORD_PAIRS_SQL = """(
    WITH w AS (SELECT u.lexeme, p FROM unnest({vector}) u, unnest(u.positions) p),
    head_end AS (SELECT COALESCE(max(p), 0) AS p FROM unnest({head}) u, unnest(u.positions) p),
    pairs AS (
        SELECT a.lexeme || ' ' || b.lexeme AS pair, b.p <= (SELECT p FROM head_end) AS in_head
        FROM w a JOIN w b ON b.p = a.p + 1
    )
    SELECT array_to_tsvector(COALESCE(array_agg(DISTINCT token), '{{}}'))
    FROM (SELECT pair AS token FROM pairs UNION ALL SELECT pair || ' ' FROM pairs WHERE in_head) t
)"""


class SearchKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    MILESTONE = "milestone", _("Milestone")
    PARTICIPANT = "participant", _("Participant")
    MINERAL = "mineral", _("Mineral")
    EVENT = "event", _("Event")
    DOCUMENT = "document", _("Document")


class VectorGinIndex(GinIndex):
    """A GIN index on PostgreSQL; a plain index elsewhere, so SQLite can migrate.

    On SQLite the vector and array columns stay empty and are never queried.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return Index.create_sql(self, model, schema_editor, using=using, **kwargs)


class IdArrayField(ArrayField):
    """`integer[]` on PostgreSQL; elsewhere a column that stays NULL and is never queried
    (so no PostgreSQL cast in its SQL)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("base_field", models.IntegerField())
        super().__init__(**kwargs)

    def get_placeholder(self, value, compiler, connection):
        if connection.vendor == "postgresql":
            return super().get_placeholder(value, compiler, connection)
        return "%s"


def _one_target_per_kind() -> Q:
    """Exactly the record link named by `kind` is set, and no other."""
    condition = Q()
    for kind in SearchKind.values:
        clause = Q(kind=kind, **{f"{kind}__isnull": False})
        for other in SearchKind.values:
            if other != kind:
                clause &= Q(**{f"{other}__isnull": True})
        condition |= clause
    return condition


def _target(model: str) -> models.OneToOneField:
    # Cascading links, so deleting a record (or its agreement) never leaves a stale row.
    return models.OneToOneField(
        f"agreements.{model}", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )


class SearchEntry(models.Model):
    """One searchable record, denormalised for full-text search and facet counts.

    `content` is the record's text in pieces separated by U+001E (title, aliases, summary,
    body, related names); `normalised` is the same text lowercased with accents stripped,
    character for character, so a match found in one is at the same offset in the other.
    `vector` (every piece), `head` (title, aliases and summary only) and `pairs` (the
    adjacent word pairs of `vector`, which narrow a phrase search) are filled on
    PostgreSQL only, as are `participant_ids` and `mineral_ids`, the links of the
    `participants` and `minerals` tables kept in the row. `sample` is a fixed
    pseudo-random number per record: the entries with the lowest values are a random
    sample, from which very large result sets are counted.
    Rows are derived: `rebuild_search_index` recreates them all from the records.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=SearchKind.choices)
    agreement = _target("Agreement")
    milestone = _target("Milestone")
    participant = _target("Participant")
    mineral = _target("Mineral")
    event = _target("Event")
    document = _target("Document")
    title = models.CharField(_("title"), max_length=400)
    url = models.CharField(_("URL"), max_length=500)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    config = models.CharField(
        _("text search configuration"),
        max_length=20,
        help_text=_("The PostgreSQL configuration that stems this row: english, spanish, simple."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    content = models.TextField(_("content"))
    normalised = models.TextField(_("normalised content"))
    vector = SearchVectorField(_("search vector"), null=True, editable=False)
    head = SearchVectorField(_("title and summary vector"), null=True, editable=False)
    pairs = SearchVectorField(_("adjacent word pairs"), null=True, editable=False)
    sample = models.PositiveSmallIntegerField(
        _("sample key"),
        default=0,
        editable=False,
        help_text=_("Pseudo-random and fixed per record: for sampled counts."),
    )
    participants = models.ManyToManyField(
        "agreements.Participant", related_name="search_entries", blank=True
    )
    minerals = models.ManyToManyField(
        "agreements.Mineral", related_name="search_entries", blank=True
    )
    # The same links in the row, PostgreSQL only: a filter or a facet reads them with the
    # row instead of probing the link tables once per entry.
    participant_ids = IdArrayField(verbose_name=_("participant ids"), null=True, editable=False)
    mineral_ids = IdArrayField(verbose_name=_("mineral ids"), null=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            VectorGinIndex(fields=["vector"], name="search_entry_vector_gin"),
            VectorGinIndex(fields=["head"], name="search_entry_head_gin"),
            VectorGinIndex(fields=["pairs"], name="search_entry_pairs_gin"),
            VectorGinIndex(fields=["participant_ids"], name="search_entry_participants_gin"),
            VectorGinIndex(fields=["mineral_ids"], name="search_entry_minerals_gin"),
            # Read backwards: the most recent first, undated records before them.
            models.Index(fields=["year", "id"], name="search_entry_recent"),
            # The lowest sample keys of one kind first: that kind's random sample.
            models.Index(fields=["kind", "sample"], name="search_entry_kind_sample"),
            models.Index(fields=["language"], name="search_entry_language"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_one_target_per_kind(), name="search_entry_one_target_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(config__in=["english", "spanish", "simple"]),
                name="search_entry_config_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
