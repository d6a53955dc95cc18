"""Public pages: parse the request (FilterSet or form), call a selector, render.

Each view reads the date once, with `timezone.localdate()`, and passes it down.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_safe

from agreements import filtersets, forms
from agreements import models as m
from agreements.caching import cached_page
from agreements.history import citing
from agreements.history.versions import text_versions
from agreements.selectors import dated, records
from agreements.selectors.comparison import compare_mineral_lists
from agreements.timeline import MilestoneState
from agreements.web import passages
from agreements.web.svg import MilestonePoint, window_layout, window_svg

PER_PAGE = 25


def _provenance(request: HttpRequest, record, today) -> dict:
    """The link to the record's history and the reference to the version shown."""
    latest = citing.latest_version(record)
    return {
        "history_url": citing.history_path(record),
        "reference": latest and citing.reference(request, record, latest, today=today),
    }


def _list_page(
    request: HttpRequest,
    filterset,
    template: str,
    *,
    per_page: int = PER_PAGE,
    order=None,
    extra: dict | None = None,
) -> HttpResponse:
    """Validate the filters, then show a page of what they select.

    Invalid filters show the form with its messages and no rows, as a 400.
    """
    for name in filtersets.API_ONLY_FILTERS:
        filterset.form.fields.pop(name, None)
    valid = filterset.is_valid()
    rows = filterset.qs if valid else filterset.queryset.none()
    if order and not request.GET.get("ordering"):
        rows = rows.order_by(*order)
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    active = sum(1 for name in filterset.form.fields if request.GET.get(name))
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page,
        "active_filters": active,
    }
    return render(request, template, context | (extra or {}), status=200 if valid else 400)


def _window_drawing(agreement: m.Agreement, milestones, today):
    """The SVG and its layout for a windowed agreement, or (None, None)."""
    if not agreement.has_window:
        return None, None
    layout = window_layout(
        start=agreement.window_start,
        length=agreement.window_days,
        milestones=[
            MilestonePoint(milestone.title, milestone.due_date, MilestoneState(milestone.state))
            for milestone in milestones
        ],
        today=today,
    )
    return layout, window_svg(layout, title=str(agreement), id_prefix=f"window-{agreement.slug}")


HOME_OTHER_PLANS = 6


@require_safe
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # The featured plan, the others shown, and one more to know whether to link to all.
    plans = records.windowed_plans(limit=HOME_OTHER_PLANS + 2)
    featured = plans[0] if plans else None
    layout = svg = None
    if featured is not None:
        layout, svg = _window_drawing(
            featured, featured.milestones.with_state(today).order_by("due_date"), today
        )
    return render(
        request,
        "agreements/home.html",
        {
            "today": today,
            "featured": featured,
            "featured_layout": layout,
            "featured_svg": svg,
            "other_plans": plans[1 : HOME_OTHER_PLANS + 1],
            "more_plans": len(plans) > HOME_OTHER_PLANS + 1,
            "next_milestones": records.next_milestones(today),
            "overdue_milestones": records.overdue_milestones(today),
            "passed": records.passed_without_outcome(today),
            "recent_documents": records.recent_documents(),
            "counts": records.kb_counts(),
        },
    )


@require_safe
@cached_page
def agreement_list(request: HttpRequest) -> HttpResponse:
    filterset = filtersets.AgreementFilterSet(
        request.GET, queryset=records.agreement_list_queryset()
    )
    return _list_page(
        request,
        filterset,
        "agreements/agreement_list.html",
        extra={"today": timezone.localdate()},
    )


@require_safe
@cached_page
def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    agreement = get_object_or_404(m.Agreement, slug=slug)
    detail = records.agreement_detail(agreement, today)
    layout, svg = _window_drawing(agreement, detail.milestones, today)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "today": today,
            "detail": detail,
            "agreement": agreement,
            "window": agreement.window_status(today),
            "layout": layout,
            "svg": svg,
            "citations": detail.citations,
            **_provenance(request, agreement, today),
        },
    )


@require_safe
@cached_page
def timeline(request: HttpRequest) -> HttpResponse:
    form = forms.TimelineFilterForm(request.GET)
    if form.is_valid():
        page = dated.dated_items(
            dated.TimelineFilters.from_form(form.cleaned_data), request.GET.get("page")
        )
    else:
        page = Paginator([], dated.TIMELINE_PAGE_SIZE).get_page(1)
    active = sum(1 for name in form.fields if request.GET.get(name))
    return render(
        request,
        "agreements/timeline.html",
        {
            "form": form,
            "page_obj": page,
            "items": page.object_list,
            "today": timezone.localdate(),
            "active_filters": active,
        },
        status=400 if form.errors else 200,
    )


@require_safe
@cached_page
def milestone_list(request: HttpRequest) -> HttpResponse:
    filterset = filtersets.MilestoneFilterSet(
        request.GET, queryset=records.milestone_list_queryset()
    )
    return _list_page(
        request,
        filterset,
        "agreements/milestone_list.html",
        order=records.MILESTONE_LIST_ORDER,
        extra={"passed": records.passed_without_outcome(timezone.localdate(), limit=0)},
    )


@require_safe
@cached_page
def milestone_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    milestone = get_object_or_404(
        m.Milestone.objects.with_state(today).select_related("agreement"), pk=pk
    )
    detail = records.milestone_detail(milestone)
    return render(
        request,
        "agreements/milestone_detail.html",
        {
            "today": today,
            "milestone": milestone,
            "detail": detail,
            "sources_to": records.sources_run_to(),
            "citations": detail.citations,
            **_provenance(request, milestone, today),
        },
    )


@require_safe
@cached_page
def participant_list(request: HttpRequest) -> HttpResponse:
    filterset = filtersets.ParticipantFilterSet(
        request.GET, queryset=records.participant_list_queryset()
    )
    return _list_page(request, filterset, "agreements/participant_list.html", per_page=50)


@require_safe
@cached_page
def participant_detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    participant = get_object_or_404(m.Participant.objects.with_parent(), slug=slug)
    detail = records.participant_detail(participant, today)
    return render(
        request,
        "agreements/participant_detail.html",
        {
            "today": today,
            "participant": participant,
            "detail": detail,
            "citations": detail.citations,
            **_provenance(request, participant, today),
        },
    )


@require_safe
@cached_page
def mineral_list(request: HttpRequest) -> HttpResponse:
    filterset = filtersets.MineralFilterSet(request.GET, queryset=records.mineral_list_queryset())
    return _list_page(request, filterset, "agreements/mineral_list.html", per_page=100)


@require_safe
@cached_page
def mineral_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mineral = get_object_or_404(m.Mineral, slug=slug)
    detail = records.mineral_detail(mineral)
    return render(
        request,
        "agreements/mineral_detail.html",
        {
            "mineral": mineral,
            "detail": detail,
            "citations": detail.citations,
            **_provenance(request, mineral, timezone.localdate()),
        },
    )


@require_safe
@cached_page
def mineral_compare(request: HttpRequest) -> HttpResponse:
    form = forms.MineralListCompareForm(request.GET or None)
    comparison = None
    if form.is_valid():
        comparison = compare_mineral_lists(form.cleaned_data["lists"])
    return render(
        request,
        "agreements/mineral_compare.html",
        {"form": form, "comparison": comparison},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_safe
@cached_page
def mineral_list_index(request: HttpRequest) -> HttpResponse:
    filterset = filtersets.MineralListFilterSet(
        request.GET, queryset=records.mineral_list_list_queryset()
    )
    return _list_page(request, filterset, "agreements/mineral_list_index.html")


@require_safe
@cached_page
def mineral_list_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mineral_list = get_object_or_404(
        m.MineralList.objects.select_related("issuer", "previous_edition", "agreement"), slug=slug
    )
    detail = records.mineral_list_detail(mineral_list)
    return render(
        request,
        "agreements/mineral_list_detail.html",
        {
            "mineral_list": mineral_list,
            "detail": detail,
            "citations": detail.citations,
            **_provenance(request, mineral_list, timezone.localdate()),
        },
    )


@require_safe
@cached_page
def document_list(request: HttpRequest) -> HttpResponse:
    filterset = filtersets.DocumentFilterSet(request.GET, queryset=records.document_list_queryset())
    return _list_page(request, filterset, "agreements/document_list.html")


@require_safe
@cached_page
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(m.Document, slug=slug)
    detail = records.document_detail(document)
    return render(
        request,
        "agreements/document_detail.html",
        {
            "document": document,
            "detail": detail,
            "text_html": passages.marked_text(
                document.text, (fact.citation for fact in detail.facts)
            ),
            "text_versions": text_versions(document),
            **_provenance(request, document, timezone.localdate()),
        },
    )


@require_safe
@cached_page
def event_list(request: HttpRequest) -> HttpResponse:
    filterset = filtersets.EventFilterSet(request.GET, queryset=records.event_list_queryset())
    return _list_page(request, filterset, "agreements/event_list.html")


@require_safe
@cached_page
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(m.Event, slug=slug)
    detail = records.event_detail(event)
    return render(
        request,
        "agreements/event_detail.html",
        {
            "event": event,
            "detail": detail,
            "citations": detail.citations,
            **_provenance(request, event, timezone.localdate()),
        },
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    body = render_to_string("agreements/robots.txt", {"request": request})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico whatever the page links to; the icon is an SVG.
    return redirect(static("favicon.svg"))
