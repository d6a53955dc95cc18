"""Public history and provenance: recent changes, each record's changes and versions,
the facts whose sources differ, and the editors' page of thin and missing sources."""

from django.urls import path

from agreements import feeds, history_views
from agreements.history.citing import RECORD_PAGES

app_name = "history"

urlpatterns = [
    path("changes/", history_views.recent_changes, name="changes"),
    path("changes/feed.atom", feeds.ChangesAtomFeed(), name="changes-atom"),
    path("sources-differ/", history_views.sources_differ, name="sources-differ"),
    path("editors/provenance/", history_views.editors_provenance, name="editors-provenance"),
    path(
        "documents/<slug:slug>/text/<int:number>/",
        history_views.document_version,
        name="document-text",
    ),
]
for _kind, _pages in RECORD_PAGES.items():
    urlpatterns += [
        path(
            f"{_pages.prefix}/history/", history_views.record_history, {"kind": _kind}, name=_kind
        ),
        path(
            f"{_pages.prefix}/history/<int:version>/",
            history_views.record_version,
            {"kind": _kind},
            name=f"{_kind}-version",
        ),
    ]
