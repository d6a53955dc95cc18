"""Public pages: one rendering per data version, served again with validators and 304s."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from agreements import services
from agreements.web import pages
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.KB_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rendered(monkeypatch):
    """The URLs whose page view actually ran."""
    runs = []
    original = pages.render

    def counted(request, *args, **kwargs):
        runs.append(request.path)
        return original(request, *args, **kwargs)

    monkeypatch.setattr(pages, "render", counted)
    return runs


def test_a_repeat_visit_is_served_from_the_cache_in_one_query(
    client, rendered, django_assert_num_queries
):
    f.AgreementFactory(slug="plan", title="Plan")
    first = client.get("/agreements/plan/")

    with django_assert_num_queries(2):  # one each: the data version
        again = client.get("/agreements/plan/")
        not_modified = client.get("/agreements/plan/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert rendered == ["/agreements/plan/"]
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert again["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"
    assert not_modified.status_code == 304


def test_a_write_gives_visitors_a_fresh_page(client, rendered):
    plan = f.AgreementFactory(slug="plan", title="Before")
    first = client.get("/agreements/plan/")
    plan.title = "After"
    services.record_save(instance=plan)

    fresh = client.get("/agreements/plan/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert fresh.status_code == 200
    assert "After" in fresh.content.decode()
    assert len(rendered) == 2


def test_signed_in_staff_get_the_same_page_through_the_full_path(staff_client, client, rendered):
    f.AgreementFactory(slug="plan")
    anonymous = client.get("/agreements/plan/")
    staff = staff_client.get("/agreements/plan/")

    assert staff.content == anonymous.content
    assert rendered == ["/agreements/plan/"]  # the staff read was the cached rendering


def test_bad_filters_and_missing_records_are_never_cached(client, rendered):
    assert client.get("/agreements/?kind=nope").status_code == 400
    assert client.get("/agreements/?kind=nope").status_code == 400
    assert client.get("/agreements/missing/").status_code == 404
    assert client.get("/agreements/missing/").status_code == 404
    assert rendered.count("/agreements/") == 2


def test_each_language_and_day_has_its_own_rendering(client, rendered, monkeypatch):
    # A plan with a window: its page says how long ago the window closed, which moves daily.
    f.WindowedAgreementFactory(slug="plan")
    english = client.get("/agreements/plan/")
    spanish = client.get("/es/agreements/plan/")
    english_again = client.get("/agreements/plan/")

    assert (english["Content-Language"], spanish["Content-Language"]) == ("en", "es")
    assert '<html lang="es"' in spanish.content.decode()
    assert english_again.content == english.content
    # The second English visit was the cache's.
    assert rendered == ["/agreements/plan/", "/es/agreements/plan/"]

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    next_day = client.get("/agreements/plan/")

    assert len(rendered) == 3
    assert next_day.content != english.content
