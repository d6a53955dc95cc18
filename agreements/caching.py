"""HTTP caching: ETags, Last-Modified, 304s, 412s, and a shared cache of rendered reads.

The ETag of a response is a hash of its body, so it validates exactly what the client
holds. Rendering a list is the costly part, so rendered reads are kept in Django's
cache under a key made of the knowledge base's *data version*, today's date (windows
and milestone states move with it), the language, the full URL and the Accept header
(all content negotiation reads), so the key is known before DRF runs. The data version
is the last history row id of every tracked model, read in one query: every create,
update and delete of a record writes a history row (services, admin and commands alike),
so any change gives new keys and old entries are never served.
A many-to-many change made on its own, without saving either record, is not seen
until the next save; the services and the admin always save the record.

`Last-Modified` is when the cached representation was rendered: never earlier than the
last change it shows (a citation or a related record included, which a record's own
`updated_at` would miss), and a new one after any write or at midnight. With HTTP's
one-second resolution `If-Modified-Since` cannot tell two versions made in the same
second apart; `If-None-Match` (the ETag) is exact and wins when both are sent.

`ReadCacheMiddleware` answers a repeat read of a client without credentials from the
cache before sessions, authentication, URL resolution and DRF run, with the headers the
full path gave the same kind of client.

The cache is Django's default cache: shared (Redis) when several processes serve.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from rest_framework.settings import api_settings

from agreements import languages, record_types
from agreements.history.changes import tracked_models

# Bump when a representation changes shape, so a shared cache holds no old bodies.
REPRESENTATION_VERSION = "2"
CACHEABLE_FORMATS = frozenset({"json", "csv"})
CACHE_CONTROL = "public, max-age=0, must-revalidate"
# Headers of a 200 that a 304 for it does not repeat.
BODY_HEADERS = frozenset({"content-type", "content-length"})


@functools.cache
def _history_tables() -> tuple[str, ...]:
    # Cached: simple-history builds a new manager class on every `Model.history` access.
    return tuple(sorted(model.history.model._meta.db_table for model in tracked_models()))


@functools.cache
def _version_sql(vendor: str) -> str:
    tables = _history_tables()
    quote = connection.ops.quote_name
    if vendor == "postgresql":
        # Sequences, not MAX(): planning 14 sub-selects costs more than running them.
        # The names are looked up once per process; a literal regclass is resolved when
        # the statement is parsed, where pg_get_serial_sequence() would run per call.
        # A rolled-back insert moves a sequence too; that only costs a cache miss.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT "
                + ", ".join(
                    f"pg_get_serial_sequence('{quote(table)}', 'history_id')" for table in tables
                )
            )
            sequences = cursor.fetchone()
        return "SELECT " + ", ".join(
            f"pg_sequence_last_value('{sequence}'::regclass)" for sequence in sequences
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
        cursor.execute(_version_sql(connection.vendor))
        rows = cursor.fetchall()
    return ".".join("-" if value is None else str(value) for row in rows for value in row)


def cache_timeout() -> int:
    """How long a rendered API read stays cached (0: not cached)."""
    return int(settings.REST_FRAMEWORK.get("KB_READ_CACHE_SECONDS", 300))


def page_cache_timeout() -> int:
    """How long a rendered public page stays cached (0: not cached)."""
    return int(getattr(settings, "KB_PAGE_CACHE_SECONDS", 300))


def read_cache_key(request) -> str:
    """The cache key of a read; the same before and after LocaleMiddleware has run."""
    cached = getattr(request, "kb_read_cache_key", None)
    if cached is not None:
        return cached
    parts = (
        REPRESENTATION_VERSION,
        data_version(),
        timezone.localdate().isoformat(),
        languages.language_of(request),
        request.META.get("HTTP_ACCEPT", ""),
        request.build_absolute_uri(),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    request.kb_read_cache_key = f"api-read:{digest}"
    return request.kb_read_cache_key


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


@dataclasses.dataclass(frozen=True)
class CachedRead:
    content: bytes
    content_type: str
    etag: str
    # Whole seconds since the epoch: what Last-Modified says.
    rendered_at: int
    # The full path's final headers for a client without credentials, added by
    # ReadCacheMiddleware on the way out; until then only the view's path replays it.
    headers: tuple[tuple[str, str], ...] | None = None

    @property
    def last_modified(self) -> str:
        return http_date(self.rendered_at)


def is_fresh(request, entry: CachedRead) -> bool:
    """Whether the client already holds `entry`: If-None-Match, else If-Modified-Since."""
    if request.method not in ("GET", "HEAD"):
        return False
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return matches(if_none_match, entry.etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    return since is not None and entry.rendered_at <= since


def validator_headers(response, entry: CachedRead) -> None:
    response["ETag"] = entry.etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Last-Modified"] = entry.last_modified


def replay(request, entry: CachedRead, *, with_headers: bool = False):
    """Answer a read from the cache: 304 when the client already has it.

    `with_headers` adds the full path's final headers (for the middleware, which runs
    before the middlewares and DRF code that would add them).
    """
    if is_fresh(request, entry):
        response = HttpResponseNotModified()
        stored = [
            (name, value) for name, value in entry.headers or () if name.lower() not in BODY_HEADERS
        ]
    else:
        response = HttpResponse(entry.content, content_type=entry.content_type)
        stored = list(entry.headers or ())
    if with_headers:
        for name, value in stored:
            response[name] = value
    validator_headers(response, entry)
    return response


def finish_read(request, response, *, key: str | None, timeout: int | None = None):
    """After rendering: add validators, keep the body for the next reader, maybe 304."""
    if response.status_code != 200:
        return None
    content_type = response.get("Content-Type") or request.accepted_media_type
    entry = CachedRead(response.content, content_type, etag_for(response.content), int(time.time()))
    validator_headers(response, entry)
    if key is not None:
        timeout = cache_timeout() if timeout is None else timeout
        cache.set(key, entry, timeout)
        # ReadCacheMiddleware completes the entry with the final headers.
        response.kb_read_entry = (key, entry, timeout)
    if is_fresh(request, entry):
        not_modified = HttpResponseNotModified()
        validator_headers(not_modified, entry)
        return not_modified
    return None


def cached_page(view):
    """A public page, rendered once per data version, day, language and URL.

    Pages show nothing that depends on who asks, so one rendering serves everyone; it
    carries the same validators as API reads (ETag, Last-Modified, 304s), and
    ReadCacheMiddleware replays it to visitors without a session before the rest runs.
    """

    @functools.wraps(view)
    def cached(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or page_cache_timeout() <= 0:
            return view(request, *args, **kwargs)
        key = read_cache_key(request)
        entry = cache.get(key)
        if entry is not None:
            response = replay(request, entry)
            if entry.headers is None:
                response.kb_read_entry = (key, entry, page_cache_timeout())
            return response
        response = view(request, *args, **kwargs)
        if response.streaming or response.cookies:
            return response
        return finish_read(request, response, key=key, timeout=page_cache_timeout()) or response

    cached.kb_cached_page = True
    return cached


# The fast path ------------------------------------------------------------------------


@functools.cache
def _resource_prefixes() -> tuple[str, ...]:
    return tuple(reverse(f"api:{record_type.kind}-list") for record_type in record_types.in_api())


def _cached_view(request) -> bool:
    """Whether the request is for an API read or a page whose renderings are cached."""
    if request.path.startswith(_resource_prefixes()):
        return cache_timeout() > 0
    if page_cache_timeout() <= 0:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "kb_cached_page", False)


def _without_credentials(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _cached_view(request)
    )


def _throttle_waits(request) -> list:
    """Each API throttle's wait for a refused request, counted as DRF counts them."""
    return [
        throttle.wait()
        for throttle in (cls() for cls in api_settings.DEFAULT_THROTTLE_CLASSES)
        if not throttle.allow_request(request, None)
    ]


class ReadCacheMiddleware:
    """Replays cached API reads to clients without credentials, before the rest runs.

    Place it after SecurityMiddleware and WhiteNoise and before the session middleware.
    It would pass every check the full path makes: only 200s of list and detail reads
    are cached, under a key made of everything the body depends on, and a client with
    no token and no session is anonymous. The throttles still count it; when they
    refuse, the request goes down the full path for its 429 without being counted twice.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        eligible = _without_credentials(request)
        if eligible:
            entry = cache.get(read_cache_key(request))
            if entry is not None and entry.headers is not None:
                request.user = AnonymousUser()
                request.kb_throttle_waits = _throttle_waits(request)
                if not request.kb_throttle_waits:
                    return replay(request, entry, with_headers=True)
        response = self.get_response(request)
        stored = getattr(response, "kb_read_entry", None)
        if eligible and stored is not None and response.status_code == 200 and not response.cookies:
            key, entry, timeout = stored
            headers = tuple(
                (name, value) for name, value in response.items() if name.lower() != "date"
            )
            cache.set(key, dataclasses.replace(entry, headers=headers), timeout)
        return response
