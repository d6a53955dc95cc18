"""Reading a query: `parse_query` for the SQLite fallback and the highlighter, and the
conditions that match it, as regular expressions on SQLite and as tsqueries on
PostgreSQL, where a phrase is narrowed by the word pairs it needs (read by a small parser
of PostgreSQL's tsquery text).
"""

from __future__ import annotations

import functools
import logging
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchQueryField
from django.db import connection, models
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, Value, When
from django.db.models.functions import Cast

from agreements.search.text import (
    PIECES,
    QUERY_CONFIGS,
    STOPWORDS,
    UNSAFE,
    WEIGHTS,
    fold,
    uses_postgres,
)

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200


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
    folded = fold(UNSAFE.sub(" ", text)).strip()
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


def sqlite_match(parsed: ParsedQuery, *, pieces: int | None = None) -> Q:
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


def sqlite_rank(parsed: ParsedQuery) -> models.Expression:
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


def postgres_query(parsed: ParsedQuery) -> SearchQuery:
    query = None
    for config in QUERY_CONFIGS:
        part = SearchQuery(parsed.text, config=config, search_type="websearch")
        query = part if query is None else query | part
    return query


def text_match(parsed: ParsedQuery) -> Q:
    """The query on an entry's whole text: the one definition of "matches"."""
    if not uses_postgres():
        return sqlite_match(parsed)
    return postgres_matches(parsed)[0]


def postgres_matches(parsed: ParsedQuery) -> tuple[Q, Q]:
    """The query on the whole vector and on the head.

    A query with phrases also asks for their adjacent word pairs in `pairs` (GIN-indexed):
    every row whose vector (or head) holds the phrase holds its pairs (or head pairs), and
    far fewer rows hold the pairs than hold the words, so the phrase is checked on those
    few only.
    """
    tsquery = postgres_query(parsed)
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
