"""The public search page: parse the form, call `engine.search`, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from agreements.search import engine
from agreements.search.forms import SearchForm
from agreements.search.statement import MAX_OFFSET, RANK_BLOCK

PER_PAGE = 20
MAX_PAGE = MAX_OFFSET // PER_PAGE + 1
FACET_NAMES = ("kind", "year", "language", "participant", "mineral")


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), MAX_PAGE))
    except ValueError:
        return 1


def _link(params: QueryDict, **changes) -> str:
    """This search's query string with `changes` applied (None removes) and page 1."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return "?" + query.urlencode()


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context = {"form": form, "results": None}
    if not form.is_valid():
        return render(request, "agreements/search.html", context, status=400)
    if not form.cleaned_data["q"].strip():
        return render(request, "agreements/search.html", context)
    page = _page_number(request.GET.get("page"))
    filters = form.filters()
    results = engine.search(
        form.cleaned_data["q"], filters=filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE
    )
    if page > 1 and not results.hits:  # past the last page: go to the last one
        last = max(1, min(MAX_PAGE, -(-results.count // PER_PAGE)))
        return redirect(request.path + _link(request.GET, page=str(last)))
    facets = []
    for name in FACET_NAMES:
        values = [
            (value, _link(request.GET, **{name: None if value.selected else value.value}))
            for value in results.facets.get(name, [])
        ]
        facets.append((name, form.fields[name].label, values))
    active_filters = [
        (
            form.fields[name].label,
            next((v.label for v in results.facets.get(name, []) if v.selected), value),
            _link(request.GET, **{name: None}),
        )
        for name in FACET_NAMES
        if (value := getattr(filters, name))
    ]
    context.update(
        results=results,
        rank_block=RANK_BLOCK,
        page=page,
        facets=facets,
        active_filters=active_filters,
        previous_link=_link(request.GET, page=str(page - 1)) if page > 1 else None,
        next_link=(
            _link(request.GET, page=str(page + 1)) if results.has_next and page < MAX_PAGE else None
        ),
    )
    return render(request, "agreements/search.html", context)
