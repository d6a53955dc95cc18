"""News feeds (Atom, and RSS 2.0 at a sibling URL): documents and milestone changes.

Items are built first as `FeedItem`s, so a feed can mix documents and milestones and
the Feed classes only read attributes. Ids are tag URIs (RFC 4151) that do not name the
host: a document keeps one id for good; a milestone change's id includes the time of
the change, so a reader shows each change as news. A milestone due on day N of a
window changes when its agreement's window moves, so its time is its revision time
(`Milestone.objects.with_revision()`), the calendars' too. Each feed's self link is the
URL it was fetched at, query string included.

Each feed makes a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.db.models import Q, QuerySet
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import models as m
from agreements.forms import ChangesFilterForm
from agreements.history import changes
from agreements.history.changes import Change
from agreements.timeline import MilestoneState

FEED_SIZE = 50
TAG_PREFIX = "tag:minerals-kb,2026:"


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _paragraphs(rows: Iterable[tuple[str, str]]) -> str:
    return format_html_join("", "<p>{}: {}</p>", rows)


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    description: str
    path: str
    published: dt.datetime
    updated: dt.datetime
    author: str | None = None


def document_item(document: m.Document) -> FeedItem:
    rows = [(_("Kind"), document.get_kind_display())]
    if document.publisher:
        rows.append((_("Publisher"), document.publisher))
    if document.published_on:
        rows.append((_("Published on"), _day(document.published_on)))
    rows.append((_("Language"), document.get_language_display()))
    if document.url:
        rows.append((_("Source"), document.url))
    description = _paragraphs(rows)
    if document.summary:
        description += format_html("<p>{}</p>", document.summary)
    return FeedItem(
        guid=f"{TAG_PREFIX}document-{document.pk}",
        title=document.title,
        description=description,
        path=document.get_absolute_url(),
        published=document.created_at,
        updated=document.updated_at,
        author=document.publisher or None,
    )


def milestone_item(milestone: m.Milestone) -> FeedItem:
    """Needs `due_date`, `state` and `revised_at` annotated, and the agreement selected."""
    state = MilestoneState(milestone.state).label
    due = _day(milestone.due_date) if milestone.due_date else _("no due date")
    rows = [
        (_("State"), state),
        (_("Status"), milestone.get_status_display()),
        (_("Due"), due),
        (_("Agreement"), milestone.agreement.title),
    ]
    if milestone.completed_on:
        rows.append((_("Completed on"), _day(milestone.completed_on)))
    if milestone.outcome:
        rows.append((_("Outcome"), milestone.outcome))
    changed = milestone.revised_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return FeedItem(
        guid=f"{TAG_PREFIX}milestone-{milestone.pk}/{changed}",
        title=(
            _("%(milestone)s: %(state)s, due %(due)s")
            % {"milestone": milestone.title, "state": state, "due": due}
            if milestone.due_date
            else _("%(milestone)s: %(state)s, no due date")
            % {"milestone": milestone.title, "state": state}
        ),
        description=_paragraphs(rows),
        path=milestone.get_absolute_url(),
        published=milestone.revised_at,
        updated=milestone.revised_at,
    )


def changed_milestones(today: dt.date) -> QuerySet[m.Milestone]:
    return (
        m.Milestone.objects.with_state(today)
        .with_revision()
        .select_related("agreement")
        .order_by("-revised_at", "-pk")
    )


def newest_first(
    documents: QuerySet[m.Document], milestones: QuerySet[m.Milestone]
) -> list[FeedItem]:
    """Documents and milestone changes together, the latest change first."""
    items = [
        *map(document_item, documents.order_by("-updated_at", "-pk")[:FEED_SIZE]),
        *map(milestone_item, milestones[:FEED_SIZE]),
    ]
    items.sort(key=lambda item: (item.updated, item.guid), reverse=True)
    return items[:FEED_SIZE]


class KBFeed(Feed):
    """Reads `FeedItem`s. RSS 2.0 by default; `atom=True` makes the Atom twin."""

    author_name = "Minerals KB"
    item_guid_is_permalink = False

    def __init__(self, *, atom: bool = False):
        super().__init__()
        if atom:
            self.feed_type = Atom1Feed

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django's self link is `request.path`: a search's or a filtered feed's URL is a
        # 400 without its query string.
        feed.feed["feed_url"] = add_domain(
            get_current_site(request).domain, request.get_full_path(), request.is_secure()
        )
        return feed

    def subtitle(self, obj) -> str:
        # Atom calls the description a subtitle; RSS ignores this.
        return self._get_dynamic_attr("description", obj)

    def item_title(self, item: FeedItem) -> str:
        # RSS readers treat a title as HTML (Django's default escapes it, see its #6533);
        # an Atom title without a type is plain text.
        return item.title if self.feed_type is Atom1Feed else escape(item.title)

    def item_description(self, item: FeedItem) -> str:
        return item.description

    def item_link(self, item: FeedItem) -> str:
        return item.path

    def item_guid(self, item: FeedItem) -> str:
        return item.guid

    def item_pubdate(self, item: FeedItem) -> dt.datetime:
        return item.published

    def item_updateddate(self, item: FeedItem) -> dt.datetime:
        return item.updated

    def item_author_name(self, item: FeedItem) -> str | None:
        return item.author


class DocumentsFeed(KBFeed):
    feed_guid = f"{TAG_PREFIX}feed/documents"
    title = gettext_lazy("Minerals KB: new documents")
    link = reverse_lazy("agreements:documents")
    description = gettext_lazy(
        "Sources newly tracked by Minerals KB: official texts, notices, press releases, "
        "reports and analysis on critical-minerals trade agreements."
    )

    def items(self) -> list[FeedItem]:
        documents = m.Document.objects.order_by("-created_at", "-pk")[:FEED_SIZE]
        return list(map(document_item, documents))


class MilestonesFeed(KBFeed):
    feed_guid = f"{TAG_PREFIX}feed/milestones"
    title = gettext_lazy("Minerals KB: milestone changes")
    link = reverse_lazy("agreements:milestones")
    description = gettext_lazy(
        "Milestones of critical-minerals trade agreements as they change: each item gives "
        "the milestone's current state, status and due date."
    )

    def items(self) -> list[FeedItem]:
        milestones = changed_milestones(timezone.localdate())[:FEED_SIZE]
        return list(map(milestone_item, milestones))


class RecordFeed(KBFeed):
    """One record's feed, found by its slug; subclasses name the model and the items."""

    model: type[m.KBModel]

    def get_object(self, request, slug: str):
        return get_object_or_404(self.model, slug=slug)

    def feed_guid(self, obj) -> str:
        return f"{TAG_PREFIX}feed/{obj._meta.model_name}-{obj.pk}"

    def title(self, obj) -> str:
        return _("Minerals KB: %(record)s") % {"record": self.name(obj)}

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def name(self, obj) -> str:
        return str(obj)


class AgreementFeed(RecordFeed):
    """An agreement's documents (mentioning it, cited for it, evidence for one of its
    milestones) and its milestones' changes."""

    model = m.Agreement

    def description(self, obj: m.Agreement) -> str:
        return _("New documents and milestone changes of %(agreement)s.") % {"agreement": obj.title}

    def items(self, obj: m.Agreement) -> list[FeedItem]:
        documents = m.Document.objects.filter(
            Q(mentioned_agreements=obj)
            | Q(pk__in=obj.citations.values("document"))
            | Q(evidence_for__agreement=obj)
        ).distinct()
        milestones = changed_milestones(timezone.localdate()).filter(agreement=obj)
        return newest_first(documents, milestones)


class ParticipantFeed(RecordFeed):
    """Documents mentioning a participant, and changes of its milestones: those of the
    agreements it takes part in and those it is responsible for."""

    model = m.Participant

    def name(self, obj: m.Participant) -> str:
        return obj.display_name

    def description(self, obj: m.Participant) -> str:
        return _(
            "New documents mentioning %(participant)s and changes of the milestones of the "
            "agreements it takes part in and of those it is responsible for."
        ) % {"participant": obj.name}

    def items(self, obj: m.Participant) -> list[FeedItem]:
        milestones = changed_milestones(timezone.localdate()).involving(obj)
        return newest_first(obj.mentioned_in.all(), milestones)


class MineralFeed(RecordFeed):
    """Documents mentioning a mineral and milestone changes of the agreements covering it."""

    model = m.Mineral

    def name(self, obj: m.Mineral) -> str:
        return obj.name

    def description(self, obj: m.Mineral) -> str:
        return _(
            "New documents mentioning %(mineral)s and milestone changes of the agreements "
            "covering it."
        ) % {"mineral": obj.name}

    def items(self, obj: m.Mineral) -> list[FeedItem]:
        milestones = changed_milestones(timezone.localdate()).filter(
            agreement__in=m.Agreement.objects.covering(obj).values("pk")
        )
        return newest_first(obj.mentioned_in.all(), milestones)


def change_item(change: Change) -> FeedItem:
    """One history row: what changed, old → new, and why."""
    rows = [
        (item.label, _("%(old)s → %(new)s") % {"old": item.old or "—", "new": item.new or "—"})
        for item in change.fields
    ]
    if change.reason:
        rows.append((_("Reason"), change.reason))
    return FeedItem(
        guid=f"{TAG_PREFIX}change-{change.model._meta.model_name}-{change.version}",
        title=_("%(type)s %(kind)s: %(title)s")
        % {
            "type": change.type_label.capitalize(),
            "kind": change.kind_label,
            "title": change.title,
        },
        description=_paragraphs(rows),
        path=change.url or reverse("history:changes"),
        published=change.when,
        updated=change.when,
        author=change.editor or None,
    )


class ChangesAtomFeed(KBFeed):
    """Every change to the knowledge base, newest first, with the recent-changes filters."""

    feed_type = Atom1Feed
    feed_guid = f"{TAG_PREFIX}feed/changes"
    title = gettext_lazy("Minerals KB: recent changes")
    link = reverse_lazy("history:changes")
    description = gettext_lazy(
        "Every change to the records of Minerals KB, old value and new, with the reason."
    )

    def __call__(self, request, *args, **kwargs):
        form = ChangesFilterForm(request.GET)
        if not form.is_valid():
            lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
            return HttpResponseBadRequest(
                "\n".join(lines), content_type="text/plain; charset=utf-8"
            )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request) -> ChangesFilterForm:
        # The feed instance serves every request: the filters travel as the feed's object.
        form = ChangesFilterForm(request.GET)
        form.is_valid()
        return form

    def items(self, form: ChangesFilterForm) -> list[FeedItem]:
        after, before = changes.day_bounds(
            form.cleaned_data["date_after"], form.cleaned_data["date_before"]
        )
        page = changes.changes_page(
            form.sources(), 1, per_page=FEED_SIZE, after=after, before=before
        )
        return list(map(change_item, page.object_list))
