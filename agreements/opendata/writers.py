"""The list downloads written out: CSV or JSON, streamed in pieces of about FLUSH_CHARS.

Both formats write a list's columns for each row; a cell is the value in JSON's terms
(`_plain`), and a CSV cell is also made safe to open in a spreadsheet (`safe_cell`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import Promise

from agreements.opendata.columns import Column, ExportContext
from agreements.opendata.spreadsheet import safe_cell

# Roughly how much text to gather before handing a piece to the server.
FLUSH_CHARS = 64 * 1024
LIST_SEPARATOR = "; "


def _plain(value: Any) -> Any:
    """A value in JSON's terms: dates ISO 8601 (times in UTC), lazy text as text."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def csv_cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        value = LIST_SEPARATOR.join("" if item is None else str(item) for item in value)
    return safe_cell(str(value))


def _record(columns: Iterable[Column], row: Any, ctx: ExportContext) -> list[Any]:
    values = [column.value(row, ctx) for column in columns]
    if isinstance(row, models.Model):
        # A prefetched queryset points back at its instance, a cycle only the cyclic
        # collector frees: dropping it once the row is written frees each chunk at once.
        vars(row).pop("_prefetched_objects_cache", None)
    return values


def csv_lines(columns: tuple[Column, ...], rows: Iterable, ctx: ExportContext) -> Iterator[str]:
    """The header, then one line per row, gathered into pieces of about FLUSH_CHARS.

    It starts with a byte-order mark so spreadsheet programs read it as UTF-8.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([csv_cell(value) for value in _record(columns, row, ctx)])
        if buffer.tell() >= FLUSH_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def json_lines(columns: tuple[Column, ...], rows: Iterable, ctx: ExportContext) -> Iterator[str]:
    """One JSON array, one object per line, gathered into pieces of about FLUSH_CHARS."""
    names = [column.name for column in columns]
    pieces, size, separator = ["["], 1, "\n"
    for row in rows:
        values = (_plain(value) for value in _record(columns, row, ctx))
        line = separator + json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False)
        pieces.append(line)
        size += len(line)
        separator = ",\n"
        if size >= FLUSH_CHARS:
            yield "".join(pieces)
            pieces, size = [], 0
    pieces.append("\n]\n")
    yield "".join(pieces)
