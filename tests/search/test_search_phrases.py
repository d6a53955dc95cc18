"""Phrase search: the word-pair condition that narrows a phrase on PostgreSQL, and phrases
matching the same records with and without it.

The pair condition is derived from PostgreSQL's own reading of the query, so the pure
tests below feed it tsquery texts as PostgreSQL writes them.
"""

import pytest
from django.db import connection

from agreements import models as m
from agreements.search import engine, index
from agreements.search.query import pairs_needed, parse_query, postgres_matches, postgres_query
from tests import factories

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL word pairs"
)


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        (["'rare' <-> 'earth' <-> 'magnet'"], "( 'rare earth' & 'earth magnet' )"),
        # Words beside the phrase need no pair; the phrase still does.
        (["'rare' <-> 'earth' & 'lithium' & !'china'"], "( 'rare earth' )"),
        # A stop word inside the phrase leaves a gap: only neighbours make a pair.
        (["'price' <2> 'floor' <-> 'import'"], "( 'floor import' )"),
        (["'rare-earth' <-> 'rare' <-> 'earth'"], "( 'rare-earth rare' & 'rare earth' )"),
        # Each alternative has a phrase: one or the other pair.
        (["'rare' <-> 'earth' | 'price' <-> 'floor'"], "( ( 'rare earth' ) | ( 'price floor' ) )"),
        # Each configuration's reading is one alternative; an empty one matches nothing.
        (
            ["'rare' <-> 'earth'", "", "'tierr' <-> 'rar'"],
            "( 'rare earth' ) | ( 'tierr rar' )",
        ),
        # Quotes and backslashes are unescaped from PostgreSQL's text and escaped again.
        (["'o''neil' <-> 'a\\\\b'"], "( 'o''neil a\\\\b' )"),
        # A negated phrase asks nothing of a row.
        (["'cobalt' <-> 'mine' & !( 'rare' <-> 'earth' )"], "( 'cobalt mine' )"),
    ],
)
def test_pairs_needed(readings, expected):
    assert pairs_needed(readings) == expected


def test_head_pairs_are_the_pairs_with_a_trailing_space():
    assert pairs_needed(["'rare' <-> 'earth' <-> 'magnet'"], head=True) == (
        "( 'rare earth ' & 'earth magnet ' )"
    )
    assert pairs_needed(["'rare' & 'earth'"], head=True) is None


@pytest.mark.parametrize(
    "readings",
    [
        ["'rare' & 'earth'"],  # no phrase
        ["'price' <3> 'floor'"],  # no two words side by side
        ["'rare' <-> 'earth' | 'cobalt'"],  # an alternative without a phrase
        ["'rare' <-> 'earth'", "'rare' & 'earth'"],  # a configuration without one
        ["'rare':* <-> 'earth'"],  # a prefix: the pair's first word is not known
        ["'rare':A <-> 'earth'"],  # a weight: no pair in `pairs` carries one
        ["!( 'rare' <-> 'earth' )"],
        ["", ""],
    ],
)
def test_no_pairs_needed(readings):
    assert pairs_needed(readings) is None


@pytest.mark.parametrize("text", ["'a' &", "( 'a'", "'a' )", "'a' 'b'", "&", "'a' # 'b'"])
def test_a_text_that_is_not_a_tsquery_is_refused(text):
    with pytest.raises(ValueError):
        pairs_needed([text])


# The database: both backends find the phrase and only the phrase.


@pytest.fixture
def texts():
    """Documents that hold the phrase, its words apart, across a sentence, in Spanish."""
    made = {
        slug: factories.DocumentFactory(slug=slug, title=title, text=text, language=language)
        for slug, title, text, language in [
            ("together", "Magnet supply", "Imports of rare earth magnets rose.", "en"),
            ("apart", "Earth survey", "A rare find: magnets made of earth.", "en"),
            ("sentence", "Notes", "The deposit is rare. Earth magnets are next.", "en"),
            ("gap", "Floors", "A floor on the price of lithium imports.", "en"),
            ("spanish", "Imanes", "Las tierras raras y los imanes permanentes.", "es"),
            ("hyphen", "Rare-earth supply", "Rare-earth processing in Mexico.", "en"),
        ]
    }
    index.rebuild_index()
    return made


def found(query):
    return {hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in engine.search(query).hits}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"rare earth magnets"', {"together", "sentence"}),
        ('"price of lithium"', {"gap"}),
        ('"tierras raras"', {"spanish"}),
        ('"rare earth magnets" -imports', {"sentence"}),
        ('"rare earth magnets" or "tierras raras"', {"together", "sentence", "spanish"}),
    ],
)
def test_a_phrase_finds_its_words_side_by_side(texts, query, expected):
    # "sentence": a phrase may run over a full stop, as PostgreSQL's phrase search does.
    assert found(query) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 20])
def test_phrase_query_budget_is_constant(texts, django_assert_max_num_queries, extra):
    for number in range(extra):
        factories.DocumentFactory(title=f"Rare earth magnets {number}", text="Rare earth.")
    index.rebuild_index()
    # PostgreSQL reads the phrase's pairs in one more query.
    budget = 3 if connection.vendor == "postgresql" else 1
    with django_assert_max_num_queries(budget):
        results = engine.search('"rare earth magnets"')
    assert results.count == 2 + extra


@pytest.mark.django_db
@pytest.mark.postgres
@requires_postgres
def test_pairs_hold_the_neighbouring_lexemes_of_the_vector(texts):
    entry = m.SearchEntry.objects.get(document=texts["together"])
    assert {"rare earth", "earth magnet", "magnet rose"} <= _lexemes(entry)
    # Not neighbours: a stop word between, or words apart.
    assert "import rare" not in _lexemes(entry)
    assert "rare magnet" not in _lexemes(entry)
    spanish = m.SearchEntry.objects.get(document=texts["spanish"])
    assert "tierr rar" in _lexemes(spanish)  # Spanish stems, accents folded
    # Pairs in the title, aliases or summary are kept again with a trailing space.
    assert "magnet suppli " in _lexemes(entry)  # the title, "Magnet supply"
    assert "rare earth " not in _lexemes(entry)  # only in the text


def _lexemes(entry: m.SearchEntry) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(pairs) FROM agreements_searchentry WHERE id = %s", [entry.pk]
        )
        return set(cursor.fetchone()[0])


@pytest.mark.django_db
@pytest.mark.postgres
@requires_postgres
@pytest.mark.parametrize(
    "query",
    [
        '"rare earth magnets"',
        '"rare earth"',
        '"price of lithium"',
        '"tierras raras"',
        "rare-earth",
        '"earth magnets" imports',
        '"rare earth magnets" -imports',
        '"rare earth" or "price floor"',
        '"rare earth" or lithium',
        '"deposit is rare"',
    ],
)
def test_the_pair_condition_never_changes_what_matches(texts, query):
    parsed = parse_query(query)
    tsquery = postgres_query(parsed)
    plain = m.SearchEntry.objects.filter(vector=tsquery)
    narrowed = engine.matching_entries(query)
    assert set(narrowed.values_list("pk", flat=True)) == set(plain.values_list("pk", flat=True))
    assert plain.exists()
    # The same for the head: the title, aliases and summary.
    _text, head = postgres_matches(parsed)
    in_head = set(m.SearchEntry.objects.filter(head).values_list("pk", flat=True))
    assert in_head == set(m.SearchEntry.objects.filter(head=tsquery).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.postgres
@requires_postgres
def test_a_phrase_search_asks_for_pairs_the_pairs_index_serves(texts):
    assert "pairs" in str(engine.matching_entries('"rare earth magnets"').query)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_pairs_gin'")
        (definition,) = cursor.fetchone()
        assert "USING gin (pairs)" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM agreements_searchentry WHERE pairs @@ CAST(%s AS tsquery)",
            [pairs_needed(["'rare' <-> 'earth'"])],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_entry_pairs_gin" in plan
