"""Permalinks: the address of a renamed record keeps working.

A record found by its slug (an agreement, a document…) may be renamed. Every address that
named it by its old slug (its page, its history and version pages, its calendar and feeds,
its API resource and that resource's history and references) then answers 301 with the
same address under the current slug, so links and citations made before the change still
lead to the record. The old slugs are read from the record's own history: nothing else is
stored, and a slug since taken by another record leads to that record, as it should.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from agreements import record_types

# Endings of the URL names that name one record: "agreement-detail", "agreement-version",
# "agreement-calendar", "document-text"… (a history page's name is the kind itself).
_SUFFIXES = ("-detail", "-version", "-calendar", "-atom", "-rss", "-history", "-cite", "-text")
_SLUG_ARGUMENTS = ("slug", "lookup")


def _record_type(url_name: str) -> record_types.RecordType | None:
    for suffix in _SUFFIXES:
        if url_name.endswith(suffix):
            url_name = url_name.removesuffix(suffix)
            break
    record_type = record_types.BY_KIND.get(url_name)
    return record_type if record_type is not None and record_type.lookup == "slug" else None


def current_slug(record_type: record_types.RecordType, old: str) -> str | None:
    """The slug the record that last had `old` has now, if it still exists."""
    model = record_type.model
    pk = (
        model.history.filter(slug=old)
        .order_by("-history_date", "-history_id")
        .values_list("id", flat=True)
        .first()
    )
    if pk is None:
        return None
    return model._default_manager.filter(pk=pk).values_list("slug", flat=True).first()


def renamed_path(path: str) -> str | None:
    """The same address under the record's current slug, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    record_type = _record_type(match.url_name or "")
    if record_type is None:
        return None
    captured = dict(match.captured_kwargs)
    argument = next((name for name in _SLUG_ARGUMENTS if name in captured), None)
    if argument is None:
        return None
    slug = current_slug(record_type, captured[argument])
    if slug is None or slug == captured[argument]:
        return None
    try:
        return reverse(match.view_name, kwargs={**captured, argument: slug})
    except NoReverseMatch:
        return None


class PermalinkMiddleware:
    """Turns a read's 404 at a renamed record's old address into a 301 to its new one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = renamed_path(request.path_info)
        if path is None:
            return response
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
