"""Public history and provenance: each record's changes and versions, recent changes,
facts whose sources differ, and (for editors) facts with one source or none.

Thin views: the filters come from `forms.ChangesFilterForm`, the reading from
`history.changes` and `history.versions`, the references from `history.citing`.
"""

from __future__ import annotations

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from agreements import forms, record_types
from agreements import models as m
from agreements.caching import cached_page
from agreements.history import changes, citing, provenance
from agreements.history.versions import (
    KINDS,
    text_diff,
    text_versions,
    version_fields,
    version_title,
    versions_of,
)

PER_PAGE = 50


def _record(kind: str, lookup) -> tuple:
    record_type = record_types.BY_KIND[kind]
    record = get_object_or_404(record_type.model, **{record_type.lookup: lookup})
    context = {
        "record": record,
        "kind": kind,
        "list_url": record_type.list_url,
        "list_label": record_type.model._meta.verbose_name_plural,
        "record_label": record_type.model._meta.verbose_name,
        "history_url": citing.history_path(record),
    }
    return record, context


@require_safe
@cached_page
def record_history(request: HttpRequest, kind: str, lookup) -> HttpResponse:
    record, context = _record(kind, lookup)
    page = changes.changes_page(
        changes.record_sources(record), request.GET.get("page"), per_page=PER_PAGE
    )
    latest = citing.latest_version(record)
    context |= {
        "page_obj": page,
        "changes": page.object_list,
        "reference": latest
        and citing.reference(request, record, latest, today=timezone.localdate()),
    }
    return render(request, "agreements/record_history.html", context)


@require_safe
@cached_page
def record_version(request: HttpRequest, kind: str, lookup, version: int) -> HttpResponse:
    record, context = _record(kind, lookup)
    versions = versions_of(record)
    row = get_object_or_404(versions, history_id=version)
    newer = versions.filter(history_id__gt=version).order_by("history_id").first()
    older = versions.filter(history_id__lt=version).first()
    context |= {
        "row": row,
        "title": version_title(type(record), row),
        "kind_label": KINDS[row.history_type].capitalize(),
        "fields": version_fields(type(record), row),
        "newer": newer,
        "newer_url": newer and citing.history_path(record, newer.history_id),
        "older": older,
        "older_url": older and citing.history_path(record, older.history_id),
        "reference": citing.reference(request, record, row, today=timezone.localdate()),
    }
    return render(request, "agreements/record_version.html", context)


@require_safe
@cached_page
def recent_changes(request: HttpRequest) -> HttpResponse:
    form = forms.ChangesFilterForm(request.GET)
    if form.is_valid():
        after, before = changes.day_bounds(
            form.cleaned_data["date_after"], form.cleaned_data["date_before"]
        )
        page = changes.changes_page(
            form.sources(), request.GET.get("page"), per_page=PER_PAGE, after=after, before=before
        )
        status = 200
    else:
        page, status = Paginator([], PER_PAGE).get_page(1), 400
    return render(
        request,
        "agreements/changes.html",
        {
            "form": form,
            "page_obj": page,
            "changes": page.object_list,
            "active_filters": sum(1 for name in form.fields if request.GET.get(name)),
        },
        status=status,
    )


@require_safe
@cached_page
def sources_differ(request: HttpRequest) -> HttpResponse:
    """Every fact whose documents state different values, each value with its sources."""
    return render(request, "agreements/sources_differ.html", {"facts": provenance.disputed_facts()})


@require_safe
@staff_member_required
def editors_provenance(request: HttpRequest) -> HttpResponse:
    """For editors: what rests on one source, and what has none."""
    single_total, single = provenance.single_source_facts()
    return render(
        request,
        "agreements/editors_provenance.html",
        {
            "single_total": single_total,
            "single": single,
            "unsourced_records": provenance.unsourced_records(),
            "unsourced_fields": provenance.unsourced_key_fields(),
        },
    )


@require_safe
@cached_page
def document_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One version of a document's text: what changed against the version before it."""
    document = get_object_or_404(m.Document, slug=slug)
    versions = text_versions(document)
    if not 1 <= number <= len(versions):
        raise Http404("This document has no such version of its text.")
    version = versions[number - 1]
    previous = versions[number - 2] if number > 1 else None
    return render(
        request,
        "agreements/document_version.html",
        {
            "document": document,
            "versions": versions,
            "version": version,
            "previous": previous,
            "lines": text_diff(document, version, previous),
        },
    )
