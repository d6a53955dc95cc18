"""The text the index keeps and the queries read: its pieces and their weights, the
folding that makes "energia" find "Energía", the cleaning of what is indexed, the stop
words of the SQLite fallback, and which of the two (PostgreSQL or SQLite) searches.
"""

import re
import unicodedata

from django.db import connection

from agreements import models as m

SEPARATOR = "\x1e"  # between the pieces of `content`; never in the text itself
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
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


def fold(text: str) -> str:
    """Lowercase and strip accents, keeping the length: offsets in the result are offsets
    in `text`."""
    return text.translate(_FOLD)


def clean(text: str) -> str:
    return UNSAFE.sub(" ", text or "")[:MAX_PIECE_LENGTH]


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"
