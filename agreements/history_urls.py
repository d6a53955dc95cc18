"""Public history and provenance: recent changes, each record's changes and versions,
the facts whose sources differ, and the editors' page of thin and missing sources."""

from django.urls import path

from agreements import feeds, history_views

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
_PATHS = {
    "agreement": "agreements/<slug:lookup>",
    "participant": "participants/<slug:lookup>",
    "milestone": "milestones/<int:lookup>",
    "event": "events/<slug:lookup>",
    "mineral": "minerals/<slug:lookup>",
    "mineral-list": "mineral-lists/<slug:lookup>",
    "document": "documents/<slug:lookup>",
}
for _kind, _path in _PATHS.items():
    urlpatterns += [
        path(f"{_path}/history/", history_views.record_history, {"kind": _kind}, name=_kind),
        path(
            f"{_path}/history/<int:version>/",
            history_views.record_version,
            {"kind": _kind},
            name=f"{_kind}-version",
        ),
    ]
