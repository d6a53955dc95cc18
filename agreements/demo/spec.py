"""The small record shapes the demo data is written in."""

from __future__ import annotations

from typing import NamedTuple


class Cite(NamedTuple):
    """A citation of `doc` (a document slug) for a record, or for one `field` of it.

    `value` is what that document states for the field, in its own terms.
    """

    doc: str
    field: str = ""
    locator: str = ""
    value: str = ""
    note: str = ""
