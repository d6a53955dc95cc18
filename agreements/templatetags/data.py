"""Links to the open data: a list's downloads with the page's filters, a search's feeds.

{% load data %}
{% export_links "agreements" as downloads %}
<a href="{{ downloads.csv }}">CSV</a> · <a href="{{ downloads.json }}">JSON</a>
{% search_feeds form as feed %}
<a href="{{ feed.atom }}">Atom</a> · <a href="{{ feed.rss }}">RSS</a>
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse

from agreements.opendata.exports import EXPORTS
from agreements.web.search_feeds import SearchSubscription

register = template.Library()


@dataclass(frozen=True)
class Downloads:
    csv: str
    json: str


@register.simple_tag(takes_context=True)
def export_links(context, name: str) -> Downloads:
    """The list `name` as CSV and JSON, with the filters of the page's query string."""
    request = context.get("request")
    suffix = EXPORTS[name].link_query(request.GET) if request is not None else ""
    return Downloads(
        csv=reverse("data:export-csv", kwargs={"name": name}) + suffix,
        json=reverse("data:export-json", kwargs={"name": name}) + suffix,
    )


@dataclass(frozen=True)
class SearchFeeds:
    title: str
    atom: str
    rss: str


@register.simple_tag(takes_context=True)
def search_feeds(context, form) -> SearchFeeds:
    """The Atom and RSS feeds of the search a valid `SearchForm` holds (absolute URLs)."""
    subscription = SearchSubscription.of(form)
    request = context.get("request")
    atom, rss = (
        f"{reverse(name)}?{subscription.params}" for name in ("data:search-atom", "data:search-rss")
    )
    if request is not None:
        atom, rss = request.build_absolute_uri(atom), request.build_absolute_uri(rss)
    return SearchFeeds(title=subscription.name, atom=atom, rss=rss)
