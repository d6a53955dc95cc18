"""The public site's URLs, by resource. Each group keeps its namespace, which templates
and code reverse: `agreements` (pages), `search`, `subscriptions` (calendars and feeds),
`history` (changes, versions, provenance) and `data` (downloads and the dataset)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from agreements import record_types
from agreements.web import (
    calendars,
    data,
    feeds,
    history,
    pages,
    search,
    search_feeds,
    sourcing,
)
from agreements.web.sitemaps import SITEMAPS

page_urls = [
    path("", pages.home, name="home"),
    path("agreements/", pages.agreement_list, name="agreements"),
    path("agreements/<slug:slug>/", pages.agreement_detail, name="agreement-detail"),
    path("timeline/", pages.timeline, name="timeline"),
    path("milestones/", pages.milestone_list, name="milestones"),
    path("milestones/<int:pk>/", pages.milestone_detail, name="milestone-detail"),
    path("participants/", pages.participant_list, name="participants"),
    path("participants/<slug:slug>/", pages.participant_detail, name="participant-detail"),
    path("minerals/", pages.mineral_list, name="minerals"),
    # Before the slug pattern, which would otherwise take "compare" for a mineral.
    path("minerals/compare/", pages.mineral_compare, name="mineral-compare"),
    path("minerals/<slug:slug>/", pages.mineral_detail, name="mineral-detail"),
    path("mineral-lists/", pages.mineral_list_index, name="mineral-lists"),
    path("mineral-lists/<slug:slug>/", pages.mineral_list_detail, name="mineral-list-detail"),
    path("documents/", pages.document_list, name="documents"),
    path("documents/<slug:slug>/", pages.document_detail, name="document-detail"),
    path("events/", pages.event_list, name="events"),
    path("events/<slug:slug>/", pages.event_detail, name="event-detail"),
    path("how-we-source/", sourcing.how_we_source, name="how-we-source"),
    path("corrections/", sourcing.corrections, name="corrections"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.robots_txt, name="robots"),
    path("favicon.ico", pages.favicon, name="favicon"),
]

search_urls = [
    path("search/", search.search_page, name="page"),
]

# Calendars (iCalendar) and news feeds (Atom, with RSS 2.0 beside each).
subscription_urls = [
    path("calendars/milestones.ics", calendars.all_calendar, name="calendar"),
    path(
        "calendars/agreements/<slug:slug>.ics",
        calendars.agreement_calendar,
        name="agreement-calendar",
    ),
    path(
        "calendars/participants/<slug:slug>.ics",
        calendars.participant_calendar,
        name="participant-calendar",
    ),
    path(
        "calendars/minerals/<slug:slug>.ics",
        calendars.mineral_calendar,
        name="mineral-calendar",
    ),
    path("feeds/documents.atom", feeds.DocumentsFeed(atom=True), name="documents-atom"),
    path("feeds/documents.rss", feeds.DocumentsFeed(), name="documents-rss"),
    path("feeds/milestones.atom", feeds.MilestonesFeed(atom=True), name="milestones-atom"),
    path("feeds/milestones.rss", feeds.MilestonesFeed(), name="milestones-rss"),
    path(
        "feeds/agreements/<slug:slug>.atom", feeds.AgreementFeed(atom=True), name="agreement-atom"
    ),
    path("feeds/agreements/<slug:slug>.rss", feeds.AgreementFeed(), name="agreement-rss"),
    path(
        "feeds/participants/<slug:slug>.atom",
        feeds.ParticipantFeed(atom=True),
        name="participant-atom",
    ),
    path("feeds/participants/<slug:slug>.rss", feeds.ParticipantFeed(), name="participant-rss"),
    path("feeds/minerals/<slug:slug>.atom", feeds.MineralFeed(atom=True), name="mineral-atom"),
    path("feeds/minerals/<slug:slug>.rss", feeds.MineralFeed(), name="mineral-rss"),
]

# Recent changes, each record's changes and versions, the facts whose sources differ,
# and the editors' page of thin and missing sources.
history_urls = [
    path("changes/", history.recent_changes, name="changes"),
    path("changes/feed.atom", feeds.ChangesAtomFeed(), name="changes-atom"),
    path("sources-differ/", history.sources_differ, name="sources-differ"),
    path("editors/provenance/", history.editors_provenance, name="editors-provenance"),
    path(
        "documents/<slug:slug>/text/<int:number>/", history.document_version, name="document-text"
    ),
]
for _type in record_types.with_pages():
    history_urls += [
        path(
            f"{_type.page_prefix}/history/",
            history.record_history,
            {"kind": _type.kind},
            name=_type.kind,
        ),
        path(
            f"{_type.page_prefix}/history/<int:version>/",
            history.record_version,
            {"kind": _type.kind},
            name=f"{_type.kind}-version",
        ),
    ]

# The dataset page and file, CSV and JSON downloads of every public list, and news feeds
# of any search.
data_urls = [
    path("data/", data.dataset_page, name="page"),
    # Before the list downloads, whose pattern would take it for a list named so.
    path("data/minerals-kb.json", data.dataset_file, name="dataset"),
    path("data/<slug:name>.csv", data.export, {"fmt": "csv"}, name="export-csv"),
    path("data/<slug:name>.json", data.export, {"fmt": "json"}, name="export-json"),
    path("search/feed.atom", search_feeds.SearchFeed(atom=True), name="search-atom"),
    path("search/feed.rss", search_feeds.SearchFeed(), name="search-rss"),
]

urlpatterns = [
    path("", include((search_urls, "search"))),
    path("", include((subscription_urls, "subscriptions"))),
    path("", include((history_urls, "history"))),
    path("", include((data_urls, "data"))),
    path("", include((page_urls, "agreements"))),
]
