"""The registry of record types agrees with every layer that reads it.

Adding a record type starts in agreements/record_types.py; each test here names what a
new entry still lacks elsewhere (a serializer, a viewset, a sitemap, a page…).
"""

import pytest
from django.urls import reverse

from agreements import models as m
from agreements import record_types
from agreements.api.fields import RESOURCES
from agreements.api.serializers.records import SERIALIZERS
from agreements.api.urls import router
from agreements.api.views import VIEWSETS
from agreements.history.changes import tracked_models
from agreements.opendata.exports import EXPORTS
from agreements.search.specs import INDEXED
from agreements.web.sitemaps import SITEMAPS

TYPES = record_types.RECORD_TYPES


def ids(record_type):
    return record_type.kind


def test_kinds_and_models_are_unique():
    assert len({t.kind for t in TYPES}) == len({t.model for t in TYPES}) == len(TYPES)


def test_every_citable_and_tracked_model_is_registered():
    # Changes, citations and provenance name records through the registry.
    registered = set(record_types.BY_MODEL)
    assert set(m.citable_models()) - registered == set()
    assert {model for model in tracked_models() if model is not m.EditorProfile} <= registered


@pytest.mark.parametrize("record_type", TYPES, ids=ids)
def test_the_fields_it_names_exist(record_type):
    meta = record_type.model._meta
    for name in (*record_type.name_joins, *filter(None, [record_type.shown_on])):
        assert meta.get_field(name).many_to_one, name
    for name in record_type.key_fields:
        assert meta.get_field(name).concrete, name
    assert meta.get_field(record_type.lookup if record_type.lookup != "pk" else "id")


@pytest.mark.parametrize("record_type", TYPES, ids=ids)
def test_a_record_shown_on_another_page_points_at_a_type_with_pages(record_type):
    if record_type.shown_on:
        target = record_type.model._meta.get_field(record_type.shown_on).related_model
        assert record_types.BY_MODEL[target].has_pages


@pytest.mark.parametrize("record_type", record_types.in_api(), ids=ids)
def test_an_api_type_has_its_serializer_and_viewset(record_type):
    serializer, viewset = SERIALIZERS[record_type.kind], VIEWSETS[record_type.kind]
    assert serializer.Meta.model is record_type.model
    assert viewset.queryset.model is record_type.model
    assert viewset.serializer_class is serializer
    assert viewset.lookup_field == record_type.lookup
    assert RESOURCES[record_type.model] == (record_type.kind, record_type.lookup)
    assert reverse(f"api:{record_type.kind}-list") == f"/api/v1/{record_type.api_resource}/"


def test_the_api_serves_exactly_the_registered_types_in_their_order():
    assert [basename for _prefix, _viewset, basename in router.registry] == [
        t.kind for t in record_types.in_api()
    ]
    assert set(SERIALIZERS) == set(VIEWSETS) == {t.kind for t in record_types.in_api()}


@pytest.mark.parametrize("record_type", record_types.with_pages(), ids=ids)
def test_a_type_with_pages_has_them_all(record_type):
    record = record_type.model
    assert hasattr(record, "get_absolute_url")
    assert reverse(record_type.list_url)
    lookup = 1 if record_type.lookup == "pk" else "x"
    history = reverse(f"history:{record_type.kind}", kwargs={"lookup": lookup})
    assert history.endswith("/history/")
    key = record_type.list_url.partition(":")[2]
    assert SITEMAPS[key].model is record


def test_types_without_pages_have_no_history_routes():
    assert {t.kind for t in record_types.with_pages()} == {
        "agreement",
        "participant",
        "milestone",
        "event",
        "mineral",
        "mineral-list",
        "document",
    }


def test_search_and_downloads_cover_only_registered_types():
    assert set(INDEXED) <= set(record_types.BY_MODEL)
    list_pages = {t.list_url for t in record_types.with_pages()}
    assert {export.page for export in EXPORTS.values()} - list_pages == {"agreements:timeline"}
