"""Template helpers for the public pages: badges, citations, window progress.

They display what models, `timeline.py` and selectors decide; none holds a rule.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.conf import settings
from django.db import models
from django.urls import reverse, translate_url
from django.utils import translation

from agreements.selectors.citations import CitationIndex
from agreements.timeline import MilestoneState, WindowPhase, WindowStatus

register = template.Library()


@register.inclusion_tag("includes/state_badge.html")
def state_badge(state: str) -> dict:
    """A milestone's state as a badge: colour and words (from `MilestoneState.label`)."""
    state = MilestoneState(state)
    return {"state": state, "label": state.label}


@register.simple_tag
def window_of(agreement, today: dt.date) -> WindowStatus | None:
    """`{% window_of agreement today as window %}`: the window as of the page's date."""
    return agreement.window_status(today)


@register.filter
def window_percent(status: WindowStatus | None) -> int:
    """How much of the window has passed, 0–100, for the progress bar."""
    if status is None or status.phase is WindowPhase.BEFORE:
        return 0
    if status.phase is WindowPhase.CLOSED:
        return 100
    return round(100 * status.day / status.length)


@register.inclusion_tag("includes/cite.html")
def cite(citations: CitationIndex | None, obj: models.Model, field_name: str = "") -> dict:
    """Footnote links from a fact to its sources, and "sources differ" when they do."""
    if citations is None or obj is None:
        return {"fact": None}
    return {"fact": citations.sources(obj, field_name)}


@register.inclusion_tag("includes/nav_link.html", takes_context=True)
def nav_link(context, url_name: str, label: str) -> dict:
    """A main-menu link, marked as the current section when the page is under it."""
    url = reverse(url_name)
    path = context["request"].path if "request" in context else ""
    current = path == url if url == "/" else path.startswith(url)
    return {"url": url, "label": label, "current": current}


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each of the site's languages: its code, name, address (absolute, for
    `hreflang`), path (for links) and whether it is the one shown."""
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        path = translate_url(request.get_full_path(), code)
        versions.append(
            {
                "code": code,
                "name": name,
                "path": path,
                "url": request.build_absolute_uri(path),
                "current": code == current,
            }
        )
    return versions
