"""Highlighting: the matches of a query in <mark>, in a title and in a snippet of the
text after it, cut in Python on SQLite and by `ts_headline` on PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from agreements.models import SearchEntry
from agreements.search.query import ParsedQuery
from agreements.search.text import QUERY_CONFIGS, SEPARATOR, fold

MARK_START, MARK_STOP = "\x02", "\x03"  # ts_headline's markers, turned into <mark> here
_SEPARATORS = re.compile(r"\s*\x1e[\s\x1e]*")


def _joined(html: str) -> SafeString:
    """Escaped HTML with the pieces' separators shown as one ellipsis each."""
    return mark_safe(_SEPARATORS.sub(" … ", html.strip(SEPARATOR + " ")))  # escaped by callers


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


def python_snippet(content: str, patterns: tuple[str, ...], width: int = 240) -> SafeString:
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


def postgres_snippets(ids: list[int], parsed: ParsedQuery) -> dict[int, SafeString]:
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
