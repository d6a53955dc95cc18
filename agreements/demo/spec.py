"""The small record shapes the demo data is written in."""

from __future__ import annotations

from typing import NamedTuple


class Cite(NamedTuple):
    """A citation of `doc` (a document slug) for a record, or for one `field` of it.

    `value` is the value that document states for the field, written the way the field
    is (dates as "4 Feb 2026", counts as "60 days", statuses by our status name), so that
    two sources differ only when their values do; the document's own wording, when it
    matters, goes in `note`.
    """

    doc: str
    field: str = ""
    locator: str = ""
    value: str = ""
    note: str = ""
