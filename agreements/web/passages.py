"""A document's stored text as a page shows it: paragraphs, with each quoted passage
marked and anchored, so a footnote can lead straight to the words it relies on."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from agreements import models as m


def anchor(citation: m.Citation) -> str:
    """The id of a quoted passage on its document's page."""
    return f"quote-{citation.pk}"


def marked_text(text: str, citations: Iterable[m.Citation]) -> SafeString:
    """`text` escaped, in paragraphs, each citation's quote in a <mark> with its anchor.

    Passages that overlap an earlier one are left unmarked (the earlier mark holds them).
    """
    spans = []
    for citation in citations:
        found = m.find_passage(text, citation.quote) if citation.quote else None
        if found is not None:
            spans.append((found.start(), found.end(), anchor(citation)))
    pieces, position = [], 0
    for start, end, name in sorted(spans):
        if start < position:
            continue
        pieces.append(escape(text[position:start]))
        pieces.append(f'<mark id="{name}">{escape(text[start:end])}</mark>')
        position = end
    pieces.append(escape(text[position:]))
    paragraphs = "".join(pieces).replace("\r\n", "\n").split("\n\n")
    return mark_safe(  # noqa: S308 - every piece of text above is escaped
        "".join(f"<p>{paragraph.strip()}</p>" for paragraph in paragraphs if paragraph.strip())
    )
