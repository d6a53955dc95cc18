"""How we source, and the form a reader uses to report an error."""

import datetime as dt

import pytest
from django.core.cache import cache

from agreements import models as m
from agreements.web import sourcing
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_page_says_how_far_our_sources_run_and_how_to_report(client):
    f.DocumentFactory(published_on=dt.date(2026, 4, 24), is_primary=True)
    f.DocumentFactory(published_on=dt.date(2026, 2, 4), is_primary=False)
    page = client.get("/how-we-source/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "We track 2 documents; the latest was published on 24 April 2026." in text
    assert "1 of our documents is primary." in text
    assert "no document we track, up to 24 April 2026, reports what happened" in text
    assert 'href="/corrections/"' in text and 'href="/sources-differ/"' in text


def test_a_report_reaches_the_staff_and_nothing_else_sees_it(client, staff_client):
    form = client.get("/corrections/?page=/agreements/plan/")
    assert form.context["form"]["page"].value() == "/agreements/plan/"

    sent = client.post(
        "/corrections/",
        {
            "page": "/agreements/plan/",
            "message": "The window closes on 5 April, not 4 April.",
            "source": "https://example.org/statement",
            "contact": "reader@example.org",
            "website": "",
        },
    )

    assert (sent.status_code, sent["Location"]) == (302, "/corrections/?sent=1")
    report = m.CorrectionRequest.objects.get()
    assert (report.page, report.status, report.contact) == (
        "/agreements/plan/",
        "new",
        "reader@example.org",
    )
    assert report.history.get().history_change_reason == "Reported by a reader"
    assert "has reached the editors" in client.get(sent["Location"]).content.decode()
    # Staff read it in the admin; the public history and the dataset never show it.
    admin = staff_client.get("/admin/agreements/correctionrequest/")
    assert "The window closes on 5 April" in admin.content.decode()
    assert "reader@example.org" not in client.get("/changes/").content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"message": ""}, "message", "This field is required."),
        (
            {"message": "Wrong.", "contact": "not-an-address"},
            "contact",
            "Enter a valid email address.",
        ),
        (
            {"message": "Wrong.", "website": "https://spam.example"},
            "website",
            "Leave this field empty.",
        ),
    ],
)
def test_a_bad_report_is_a_400_with_the_fields_message_and_nothing_kept(
    client, data, field, message
):
    response = client.post("/corrections/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not m.CorrectionRequest.objects.exists()


def test_one_address_may_send_a_few_reports_an_hour(client, monkeypatch):
    monkeypatch.setattr(sourcing, "REPORTS_PER_HOUR", 2)
    statuses = [
        client.post("/corrections/", {"message": f"Report {n}"}).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert m.CorrectionRequest.objects.count() == 2
