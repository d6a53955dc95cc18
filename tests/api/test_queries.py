"""Query budgets: every list and detail costs the same number of queries for 5 or 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements import models as m
from tests.api.support import LIST_PATHS, ROWS, detail_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_test_settings")]


@pytest.fixture(autouse=True)
def no_read_cache(api_test_settings, settings):
    """Budgets are for rendering; a cached read costs one query (tested in test_resources)."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "KB_READ_CACHE_SECONDS": 0}


# The most queries a list may make, without and with every expansion: the count, the
# page, then one per joined relation (the read cache, off here, adds one for the data
# version). Constant in the number of rows.
LIST_BUDGET = {
    "agreement": (7, 16),
    "participant": (4, 6),
    "participation": (3, 9),
    "milestone": (5, 14),
    "event": (5, 10),
    "measure": (4, 9),
    "mineral": (4, 4),
    "mineral-list": (5, 12),
    "document": (6, 13),
    "citation": (3, 7),
}


def _count(api, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


def _expand_all(resource: str) -> str:
    from agreements.api.serializers.records import SERIALIZERS

    names = ",".join(SERIALIZERS[resource].expandable)
    return f"?expand={names}" if names else ""


@pytest.mark.parametrize("resource", sorted(ROWS))
def test_list_queries_do_not_grow_with_rows(api, resource):
    url = f"/api/v1/{LIST_PATHS[resource]}/"
    expanded = url + _expand_all(resource)
    model = m.Citation if resource == "citation" else None
    for _ in range(5):
        ROWS[resource]()
    # Content types are cached per process after their first use; count warm requests.
    _count(api, expanded)
    small, small_body = _count(api, url)
    small_expanded, _ = _count(api, expanded)
    for _ in range(45):
        ROWS[resource]()
    large, large_body = _count(api, url)
    large_expanded, _ = _count(api, expanded)

    assert len(large_body["results"]) == 50
    assert large_body["count"] > small_body["count"] >= 5
    assert model is None or large_body["count"] == model.objects.count()
    assert small == large <= LIST_BUDGET[resource][0]
    assert small_expanded == large_expanded <= LIST_BUDGET[resource][1]


@pytest.mark.parametrize("resource", sorted(ROWS))
def test_detail_queries_are_bounded(api, resource):
    record = ROWS[resource]()
    for _ in range(5):
        ROWS[resource]()
    url = detail_url(resource, record)
    _count(api, url + _expand_all(resource))
    plain, body = _count(api, url)
    expanded, expanded_body = _count(api, url + _expand_all(resource))

    assert body["url"].endswith(url)
    assert set(expanded_body["expanded"]) == set(_expand_all(resource)[8:].split(",")) - {""}
    # A detail is a list of one: the same joins, less the count.
    assert plain <= LIST_BUDGET[resource][0] - 1
    assert expanded <= LIST_BUDGET[resource][1] - 1
