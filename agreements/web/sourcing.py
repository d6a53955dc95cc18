"""How we source, and how a reader tells us we got something wrong."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from agreements import forms, services
from agreements import models as m
from agreements.caching import cached_page
from agreements.selectors import records

# Reports one address may send in an hour: enough for a reader, not for a robot.
REPORTS_PER_HOUR = 5


@require_safe
@cached_page
def how_we_source(request: HttpRequest) -> HttpResponse:
    documents = m.Document.objects
    return render(
        request,
        "agreements/how_we_source.html",
        {
            "sources_to": records.sources_run_to(),
            "documents": documents.count(),
            "primary": documents.filter(is_primary=True).count(),
            "differ_url": reverse("history:sources-differ"),
            "corrections_url": reverse("agreements:corrections"),
            "changes_url": reverse("history:changes"),
        },
    )


def _over_the_limit(request: HttpRequest) -> bool:
    key = f"corrections:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, 60 * 60)
    return cache.incr(key) > REPORTS_PER_HOUR


@require_http_methods(["GET", "HEAD", "POST"])
def corrections(request: HttpRequest) -> HttpResponse:
    """The form (GET, with `?page=` the page the reader came from); POST keeps the report."""
    status = 200
    if request.method == "POST":
        form = forms.CorrectionForm(request.POST)
        if _over_the_limit(request):
            form.add_error(None, _("Too many reports from here in the last hour: try again later."))
            status = 429
        elif form.is_valid():
            fields = forms.CorrectionForm.Meta.fields
            services.correction_report(**{name: form.cleaned_data[name] for name in fields})
            return redirect(f"{reverse('agreements:corrections')}?sent=1", permanent=False)
        else:
            status = 400
    else:
        form = forms.CorrectionForm(initial={"page": request.GET.get("page", "")[:500]})
    return render(
        request,
        "agreements/corrections.html",
        {"form": form, "sent": request.GET.get("sent") == "1" and request.method != "POST"},
        status=status,
    )
