"""Links to the calendars and news feeds of a page's record, for the public pages.

    {% load subscriptions %}
    {% block extra_head %}{% feed_links agreement %}{% endblock extra_head %}
    {% subscriptions agreement as subs %}
    <a href="{{ subs.webcal }}">Subscribe</a> · <a href="{{ subs.calendar }}">.ics</a>
    · <a href="{{ subs.atom }}">Atom</a> · <a href="{{ subs.rss }}">RSS</a>

An agreement, a participant or a mineral has its own; any other record, or none, gets
the site-wide milestone feeds and calendar (and `feed_links` adds the documents feeds).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from agreements import models as m

register = template.Library()

ROUTE_PREFIX = {m.Agreement: "agreement", m.Participant: "participant", m.Mineral: "mineral"}


@dataclass(frozen=True)
class Subscriptions:
    """Absolute URLs when the template has the request, else paths (and no webcal)."""

    title: str
    atom: str
    rss: str
    calendar: str
    webcal: str


def _build(title: str, paths: list[str], request) -> Subscriptions:
    if request is None:
        return Subscriptions(title, *paths, webcal="")
    atom, rss, calendar = (request.build_absolute_uri(path) if path else "" for path in paths)
    # webcal:// asks the reader's calendar application to subscribe rather than import.
    webcal = "webcal://" + calendar.split("://", 1)[1] if calendar else ""
    return Subscriptions(title, atom, rss, calendar, webcal)


def subscriptions_for(record=None, request=None) -> Subscriptions:
    prefix = ROUTE_PREFIX.get(type(record))
    if prefix is None:
        names = ("milestones-atom", "milestones-rss", "calendar")
        return _build(
            _("Milestone changes"), [reverse(f"subscriptions:{name}") for name in names], request
        )
    paths = [
        reverse(f"subscriptions:{prefix}-{kind}", kwargs={"slug": record.slug})
        for kind in ("atom", "rss", "calendar")
    ]
    return _build(str(record), paths, request)


@register.simple_tag(takes_context=True)
def subscriptions(context, record=None) -> Subscriptions:
    """`{% subscriptions record as subs %}`: its Atom, RSS, calendar and webcal URLs."""
    return subscriptions_for(record, context.get("request"))


@register.simple_tag(takes_context=True)
def feed_links(context, record=None) -> SafeString:
    """`<link rel="alternate">` tags so browsers and feed readers discover the feeds."""
    request = context.get("request")
    feeds = [subscriptions_for(record, request)]
    if type(record) not in ROUTE_PREFIX:
        paths = [reverse("subscriptions:documents-atom"), reverse("subscriptions:documents-rss")]
        feeds.append(_build(_("New documents"), [*paths, ""], request))
    rows = []
    for feed in feeds:
        rows += [
            ("application/atom+xml", _("%(title)s (Atom)") % {"title": feed.title}, feed.atom),
            ("application/rss+xml", _("%(title)s (RSS)") % {"title": feed.title}, feed.rss),
        ]
    return format_html_join("\n", '<link rel="alternate" type="{}" title="{}" href="{}">', rows)
