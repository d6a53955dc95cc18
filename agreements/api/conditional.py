"""HTTP caching: ETags, 304s, 412s, and a shared cache of rendered reads.

The ETag of a response is a hash of its body, so it validates exactly what the client
holds. Rendering a list is the costly part, so rendered reads are kept in Django's
cache under a key made of the knowledge base's *data version*, today's date (windows
and milestone states move with it), the full URL and the Accept header (all content
negotiation reads), so the key is known before DRF runs. The data version
is the last history row id of every tracked model, read in one query: every
create, update and delete of a record writes a history row (services, admin and
commands alike), so any change gives new keys and old entries are never served.
A many-to-many change made on its own, without saving either record, is not seen
until the next save; the services and the admin always save the record.

The cache is Django's default cache: shared (Redis) when several processes serve.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_etags

# Bump when a representation changes shape, so a shared cache holds no old bodies.
REPRESENTATION_VERSION = "1"
CACHEABLE_FORMATS = frozenset({"json", "csv"})
CACHE_CONTROL = "public, max-age=0, must-revalidate"


@functools.cache
def _history_tables() -> tuple[str, ...]:
    # Cached: simple-history builds a new manager class on every `Model.history` access.
    tables = []
    for model in apps.get_app_config("agreements").get_models():
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            tables.append(history.model._meta.db_table)
    return tuple(sorted(tables))


def _version_sql(vendor: str, quote) -> str:
    tables = _history_tables()
    if vendor == "postgresql":
        # Sequences, not MAX(): planning 14 sub-selects costs more than running them.
        # A rolled-back insert moves a sequence too; that only costs a cache miss.
        return "SELECT " + ", ".join(
            f"pg_sequence_last_value(pg_get_serial_sequence('{quote(table)}', 'history_id'))"
            for table in tables
        )
    if vendor == "sqlite":
        # AUTOINCREMENT keeps each table's last id in sqlite_sequence.
        names = ", ".join(f"'{table}'" for table in tables)
        return f"SELECT name, seq FROM sqlite_sequence WHERE name IN ({names}) ORDER BY name"
    return "SELECT " + ", ".join(
        f"(SELECT MAX(history_id) FROM {quote(table)})" for table in tables
    )


def data_version() -> str:
    """A value that changes whenever any knowledge-base record is written."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(connection.vendor, connection.ops.quote_name))
        rows = cursor.fetchall()
    return ".".join("-" if value is None else str(value) for row in rows for value in row)


def cache_timeout() -> int:
    return int(settings.REST_FRAMEWORK.get("KB_READ_CACHE_SECONDS", 300))


def read_cache_key(request) -> str:
    parts = (
        REPRESENTATION_VERSION,
        data_version(),
        timezone.localdate().isoformat(),
        request.META.get("HTTP_ACCEPT", ""),
        request.build_absolute_uri(),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"api-read:{digest}"


def etag_for(content: bytes) -> str:
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def _strip_weak(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match / If-Match header names `etag` (or is `*`)."""
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or _strip_weak(etag) in {_strip_weak(tag) for tag in tags}


@dataclass(frozen=True)
class CachedRead:
    content: bytes
    content_type: str
    etag: str
    last_modified: str | None


def validator_headers(response, *, etag: str, last_modified: str | None) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    if last_modified:
        response["Last-Modified"] = last_modified


def not_modified(*, etag: str, last_modified: str | None) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    validator_headers(response, etag=etag, last_modified=last_modified)
    return response


def replay(request, entry: CachedRead):
    """Answer a read from the cache: 304 when the client already has it."""
    if matches(request.headers.get("If-None-Match"), entry.etag):
        return not_modified(etag=entry.etag, last_modified=entry.last_modified)
    response = HttpResponse(entry.content, content_type=entry.content_type)
    validator_headers(response, etag=entry.etag, last_modified=entry.last_modified)
    return response


def finish_read(request, response, *, key: str | None, updated_at):
    """After rendering: add validators, keep the body for the next reader, maybe 304."""
    if response.status_code != 200:
        return None
    etag = etag_for(response.content)
    last_modified = http_date(updated_at.timestamp()) if updated_at else None
    validator_headers(response, etag=etag, last_modified=last_modified)
    if key is not None:
        content_type = response.get("Content-Type", request.accepted_media_type)
        entry = CachedRead(response.content, content_type, etag, last_modified)
        cache.set(key, entry, cache_timeout())
    if matches(request.headers.get("If-None-Match"), etag):
        return not_modified(etag=etag, last_modified=last_modified)
    return None
