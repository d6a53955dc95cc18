"""Cells that are safe to open in a spreadsheet.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets (CSV injection; OWASP's list).
Such text gets a leading apostrophe, which spreadsheets show as text; numbers, and text
that is just a number such as "-3.5", stay as they are. Every CSV the site writes (the
API's and the page downloads) goes through `safe_cell`.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value):
    """`value`, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return f"'{value}"
    return value
