"""News feeds of a search: the newest records matching a query and its filters.

`/search/feed.atom?q=lithium&kind=document` (and `.rss`) take the search page's
parameters, validated by the same `SearchForm`; a bad, unknown or missing one is a 400
naming it. The match is `engine.matching_entries`, the search page's own; the feed
orders what matches by when each record last changed, newest first, so a new or changed
record appears at the top whatever its rank. Documents and milestones are the items of
the other feeds (feeds.py); agreements, participants, minerals and events get items of
the same form. A fixed number of queries, whatever the number of matches.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from agreements import models as m
from agreements.opendata.exports import InvalidParameters, form_errors, refuse_unknown
from agreements.search.engine import matching_entries
from agreements.search.forms import SearchFilters, SearchForm
from agreements.web import feeds
from agreements.web.feeds import TAG_PREFIX, FeedItem, KBFeed
from agreements.web.params import bad_request

KINDS = tuple(m.SearchKind.values)


def _shown(form_field, value) -> str:
    """A filter's value as the page shows it: a choice's label, else the value."""
    return str(dict(getattr(form_field, "choices", ())).get(value, value))


@dataclass(frozen=True)
class SearchSubscription:
    """A valid search as a feed: its words, its filters, and its canonical query string."""

    query: str
    filters: SearchFilters
    params: str
    shown_filters: tuple[tuple[str, str], ...]  # (label, value) of each filter set

    @classmethod
    def of(cls, form: SearchForm) -> SearchSubscription:
        """From a valid `SearchForm`: only what is set, in the form's order."""
        data = form.cleaned_data
        params = [(name, data[name]) for name in form.fields if data.get(name) not in ("", None)]
        shown = tuple(
            (str(form.fields[name].label), _shown(form.fields[name], value))
            for name, value in params
            if name != "q"
        )
        return cls(
            query=data["q"], filters=form.filters(), params=urlencode(params), shown_filters=shown
        )

    @property
    def name(self) -> str:
        """“lithium” (Type: Document; Year: 2026): the words, then the filters."""
        words = f"“{self.query}”"
        if not self.shown_filters:
            return words
        filters = "; ".join(f"{label}: {value}" for label, value in self.shown_filters)
        return f"{words} ({filters})"


def subscription_from(params: QueryDict) -> SearchSubscription:
    """The search that `params` ask a feed of; `InvalidParameters` when they ask none."""
    form = SearchForm(params)
    refuse_unknown(params, form.fields)
    if not form.is_valid():
        raise InvalidParameters(form_errors(form))
    if not form.cleaned_data["q"].strip():
        raise InvalidParameters({"q": [_("Give the words to search for.")]})
    return SearchSubscription.of(form)


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _item(record, kind: str, title: str, rows: list[tuple[str, str]], text: str) -> FeedItem:
    description = format_html_join("", "<p>{}: {}</p>", rows)
    if text:
        description += format_html("<p>{}</p>", text)
    return FeedItem(
        guid=f"{TAG_PREFIX}{kind}-{record.pk}",
        title=title,
        description=description,
        path=record.get_absolute_url(),
        published=record.created_at,
        updated=record.updated_at,
    )


def agreement_item(agreement: m.Agreement) -> FeedItem:
    rows = [
        (_("Kind"), agreement.get_kind_display()),
        (_("Status"), agreement.get_status_display()),
    ]
    if agreement.announced_on:
        rows.append((_("Announced on"), _day(agreement.announced_on)))
    if agreement.has_window:
        rows.append((_("Window deadline"), _day(agreement.deadline)))
    return _item(agreement, "agreement", agreement.title, rows, agreement.summary)


def participant_item(participant: m.Participant) -> FeedItem:
    rows = [(_("Kind"), participant.get_kind_display())]
    if participant.parent:
        rows.append((_("Part of"), participant.parent.name))
    return _item(participant, "participant", participant.name, rows, participant.description)


def mineral_item(mineral: m.Mineral) -> FeedItem:
    rows = [(_("Group"), mineral.get_group_display())]
    if mineral.symbol:
        rows.append((_("Symbol"), mineral.symbol))
    return _item(mineral, "mineral", mineral.name, rows, mineral.description)


def event_item(event: m.Event) -> FeedItem:
    rows = [(_("Kind"), event.get_kind_display()), (_("Starts on"), _day(event.starts_on))]
    if event.location:
        rows.append((_("Location"), event.location))
    if event.attendance:
        rows.append((_("Attendance"), event.attendance))
    return _item(event, "event", event.title, rows, event.summary)


def _loaders(today: dt.date) -> dict[str, tuple[QuerySet, Callable[..., FeedItem]]]:
    """Per kind: how to fetch its records for the feed, and how to show one."""
    return {
        "agreement": (m.Agreement.objects.all(), agreement_item),
        "milestone": (feeds.changed_milestones(today), feeds.milestone_item),
        "participant": (m.Participant.objects.with_parent(), participant_item),
        "mineral": (m.Mineral.objects.all(), mineral_item),
        "event": (m.Event.objects.all(), event_item),
        "document": (m.Document.objects.defer("text"), feeds.document_item),
    }


def newest_matches(subscription: SearchSubscription, today: dt.date) -> list[FeedItem]:
    """The FEED_SIZE matching records that changed last, newest first.

    One query for the entries, then one per kind among them.
    """
    changed = Coalesce(*(F(f"{kind}__updated_at") for kind in KINDS))
    rows = list(
        matching_entries(subscription.query, filters=subscription.filters)
        .annotate(changed=changed)
        .order_by("-changed", "-pk")
        .values_list("kind", *(f"{kind}_id" for kind in KINDS))[: feeds.FEED_SIZE]
    )
    targets = [(kind, ids[KINDS.index(kind)]) for kind, *ids in rows]
    wanted: dict[str, list[int]] = defaultdict(list)
    for kind, pk in targets:
        wanted[kind].append(pk)
    loaders = _loaders(today)
    records = {kind: loaders[kind][0].in_bulk(pks) for kind, pks in wanted.items()}
    return [
        loaders[kind][1](records[kind][pk])
        for kind, pk in targets
        if pk in records[kind]  # deleted between the two queries
    ]


class SearchFeed(KBFeed):
    """A search's results as news: RSS 2.0, or Atom with `atom=True`."""

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidParameters as exc:
            return bad_request(exc.errors)

    def get_object(self, request: HttpRequest) -> SearchSubscription:
        return subscription_from(request.GET)

    def feed_guid(self, obj: SearchSubscription) -> str:
        return f"{TAG_PREFIX}feed/search?{obj.params}"

    def title(self, obj: SearchSubscription) -> str:
        return _("Minerals KB search: %(search)s") % {"search": obj.name}

    def link(self, obj: SearchSubscription) -> str:
        return f"{reverse('search:page')}?{obj.params}"

    def description(self, obj: SearchSubscription) -> str:
        return _(
            "The newest records matching %(search)s: new and changed agreements, "
            "milestones, participants, minerals, events and documents."
        ) % {"search": obj.name}

    def items(self, obj: SearchSubscription) -> list[FeedItem]:
        return newest_matches(obj, timezone.localdate())
