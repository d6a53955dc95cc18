"""A renamed record's old addresses answer 301 to the same address under its new slug."""

import pytest

from agreements import models as m
from agreements import services
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_test_settings")]


def rename(record, slug: str):
    record.slug = slug
    return services.record_save(instance=record, reason="A clearer slug")


@pytest.fixture
def plan():
    plan = f.WindowedAgreementFactory(slug="old-plan", title="The plan")
    version = plan.history.latest().history_id
    rename(plan, "new-plan")
    plan.old_version = version
    return plan


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/agreements/old-plan/", "/agreements/new-plan/"),
        ("/agreements/old-plan/history/", "/agreements/new-plan/history/"),
        ("/calendars/agreements/old-plan.ics", "/calendars/agreements/new-plan.ics"),
        ("/feeds/agreements/old-plan.atom", "/feeds/agreements/new-plan.atom"),
        ("/api/v1/agreements/old-plan/", "/api/v1/agreements/new-plan/"),
        ("/api/v1/agreements/old-plan/history/", "/api/v1/agreements/new-plan/history/"),
        ("/api/v1/agreements/old-plan/cite/", "/api/v1/agreements/new-plan/cite/"),
    ],
)
def test_old_addresses_move_permanently(client, plan, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_a_cited_version_link_and_its_query_string_survive(client, plan):
    old = f"/agreements/old-plan/history/{plan.old_version}/"
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (
        301,
        f"/agreements/new-plan/history/{plan.old_version}/",
    )
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert "The plan" in followed.content.decode()
    api = client.get("/api/v1/agreements/old-plan/?as_of=2026-03-01&format=json")
    assert api["Location"] == "/api/v1/agreements/new-plan/?as_of=2026-03-01&format=json"


def test_every_earlier_slug_leads_to_the_record(client, plan):
    rename(m.Agreement.objects.get(pk=plan.pk), "newest-plan")
    assert client.get("/agreements/old-plan/")["Location"] == "/agreements/newest-plan/"
    assert client.get("/agreements/new-plan/")["Location"] == "/agreements/newest-plan/"


def test_an_old_slug_taken_by_another_record_leads_to_that_record(client, plan):
    f.AgreementFactory(slug="old-plan", title="Another")
    response = client.get("/agreements/old-plan/")
    assert response.status_code == 200
    assert "Another" in response.content.decode()


def test_unknown_slugs_deleted_records_and_writes_stay_404(client, plan, staff_client):
    assert client.get("/agreements/never-was/").status_code == 404
    gone = f.AgreementFactory(slug="gone")
    rename(gone, "gone-renamed")
    services.record_delete(instance=m.Agreement.objects.get(pk=gone.pk), reason="Duplicate")
    assert client.get("/agreements/gone/").status_code == 404
    written = staff_client.patch(
        "/api/v1/agreements/old-plan/", {"title": "x"}, content_type="application/json"
    )
    assert written.status_code == 404
    assert m.Agreement.objects.get(pk=plan.pk).title == "The plan"


def test_records_named_by_id_are_untouched(client, db):
    milestone = f.MilestoneFactory()
    assert client.get(f"/milestones/{milestone.pk + 1000}/").status_code == 404
