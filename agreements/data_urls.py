"""Open data: the dataset page and file, CSV and JSON downloads of every public list,
and news feeds of any search."""

from django.urls import path

from agreements import data_views, search_feeds

app_name = "data"

urlpatterns = [
    path("data/", data_views.dataset_page, name="page"),
    # Before the list downloads, whose pattern would take it for a list named so.
    path("data/minerals-kb.json", data_views.dataset_file, name="dataset"),
    path("data/<slug:name>.csv", data_views.export, {"fmt": "csv"}, name="export-csv"),
    path("data/<slug:name>.json", data_views.export, {"fmt": "json"}, name="export-json"),
    path("search/feed.atom", search_feeds.SearchAtomFeed(), name="search-atom"),
    path("search/feed.rss", search_feeds.SearchFeed(), name="search-rss"),
]
