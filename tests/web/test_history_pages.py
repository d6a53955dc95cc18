"""Public history: record history and version pages, recent changes, its feed, references."""

import datetime as dt
import json
import re

import feedparser
import pytest
from django.utils import timezone

from agreements import models as m
from agreements import services
from tests import factories as f

pytestmark = pytest.mark.django_db


def _edit(record, by=None, reason="", **values):
    for name, value in values.items():
        setattr(record, name, value)
    return services.record_save(instance=record, by=by, reason=reason)


@pytest.fixture
def plan():
    plan = f.WindowedAgreementFactory(slug="plan", title="Plan", status="announced")
    f.ParticipationFactory(agreement=plan, participant=f.ParticipantFactory(name="Mexico"))
    return plan


def test_a_record_history_shows_old_and_new_values_and_the_reason(client, plan):
    _edit(plan, status="concluded", reason="The window closed")

    page = client.get("/agreements/plan/history/")
    html = page.content.decode()

    assert page.status_code == 200
    row = re.search(
        r"<tr><th scope=\"row\">Status</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>", html
    )
    assert row.groups() == ("Announced", "Concluded")
    assert "The window closed" in html
    # The plan's parts are part of its history.
    assert "Participation" in html and "Mexico · Plan" in html


def test_staff_are_named_only_when_they_choose(client, plan, staff_user):
    _edit(plan, by=staff_user, title="Renamed")
    anonymous = client.get("/agreements/plan/history/").content.decode()
    m.EditorProfile.objects.create(user=staff_user, public_name="R. Editor", show_name=True)
    named = client.get("/agreements/plan/history/").content.decode()

    assert staff_user.username not in anonymous
    assert "by an editor" in anonymous
    assert "by R. Editor" in named
    assert staff_user.username not in named


def test_hidden_and_long_fields_stay_private_or_short(client):
    document = services.record_save(
        instance=m.Document(slug="d", title="Doc", kind="notice", text="word " * 400)
    )
    _edit(document, text="other " * 10)

    html = client.get("/documents/d/history/").content.decode()

    assert document.content_hash not in html
    assert "2000 characters" in html and "60 characters" in html
    assert "word word" not in html


def test_a_version_page_shows_the_record_as_it_stood(client, plan):
    first = plan.history.get()
    _edit(plan, title="Plan, amended", window_days=90)

    old = client.get(f"/agreements/plan/history/{first.history_id}/")
    new_id = plan.history.latest().history_id
    current = client.get(f"/agreements/plan/history/{new_id}/")

    assert old.status_code == current.status_code == 200
    old_html, current_html = old.content.decode(), current.content.decode()
    assert "<h1>Plan</h1>" in old_html and "<dd>60</dd>" in old_html
    assert "Newer version" in old_html
    assert "<h1>Plan, amended</h1>" in current_html and "<dd>90</dd>" in current_html
    assert "This is the current version." in current_html
    # A version of another record is not this record's.
    other = f.AgreementFactory(slug="other").history.get()
    assert client.get(f"/agreements/plan/history/{other.history_id}/").status_code == 404


def test_cite_this_record_names_the_version_shown(client, plan, settings):
    _edit(plan, title="Plan & {braces}_1")
    version = plan.history.latest()

    html = client.get("/agreements/plan/").content.decode()

    permalink = f"http://testserver/agreements/plan/history/{version.history_id}/"
    assert f"version {version.history_id} of" in html
    assert permalink in html
    bibtex = re.search(r"<summary>BibTeX</summary><pre>(.*?)</pre>", html, re.S).group(1)
    assert r"Plan \&amp; \{braces\}\_1" in bibtex
    csl = json.loads(
        re.search(r"<summary>CSL-JSON</summary><pre>(.*?)</pre>", html, re.S)
        .group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )
    assert csl[0]["version"] == str(version.history_id)
    assert csl[0]["URL"] == permalink
    assert csl[0]["title"] == "Plan & {braces}_1"


def test_recent_changes_filter_by_type_and_date(client, plan):
    participant = f.ParticipantFactory(name="Japan")
    _edit(participant, name="Japan (METI)")
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    everything = client.get("/changes/")
    by_type = client.get("/changes/?type=participant")
    future = client.get(f"/changes/?date_after={tomorrow}")

    assert {change.model for change in everything.context["changes"]} >= {
        m.Agreement,
        m.Participant,
        m.Participation,
    }
    assert {change.model for change in by_type.context["changes"]} == {m.Participant}
    assert "Japan (METI)" in by_type.content.decode()
    assert future.context["changes"] == []
    assert "No change matches these filters." in future.content.decode()


@pytest.mark.parametrize(
    "query,field",
    [("type=nothing", "type"), ("date_after=2026-05-01&date_before=2026-04-01", "date_before")],
)
def test_bad_change_filters_are_a_400_with_the_message(client, query, field):
    response = client.get(f"/changes/?{query}")
    feed = client.get(f"/changes/feed.atom?{query}")

    assert response.status_code == feed.status_code == 400
    assert response.context["form"].errors[field]
    assert field in feed.content.decode()


def test_the_changes_feed_carries_each_change(client, plan):
    _edit(plan, status="concluded", reason="The window closed")

    feed = feedparser.parse(client.get("/changes/feed.atom?type=agreement").content)

    assert feed.bozo == 0
    newest = feed.entries[0]
    assert newest.title == "Agreement changed: Plan"
    assert "Status: Announced → Concluded" in newest.summary
    assert "The window closed" in newest.summary
    assert newest.link.endswith("/agreements/plan/")
    assert {entry.title.split(":")[0] for entry in feed.entries} == {
        "Agreement changed",
        "Agreement created",
    }


def _grow_history(plan, n: int) -> None:
    for i in range(n):
        _edit(plan, summary=f"Summary {i}")
        participation = f.ParticipationFactory(agreement=plan)
        _edit(participation, note=f"note {i}")
        measure = services.record_save(
            instance=m.Measure(agreement=plan, kind="stockpiling", title=f"M{i}"),
            relations={"minerals": [f.MineralFactory()]},
        )
        services.citation_create(subject=plan, document=f.DocumentFactory())
        _edit(measure, title=f"M{i}!")


@pytest.mark.parametrize("url", ["/agreements/plan/history/", "/changes/", "/changes/feed.atom"])
def test_history_pages_have_a_fixed_query_budget(client, plan, url, django_assert_max_num_queries):
    _grow_history(plan, 3)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    _grow_history(plan, 30)
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_a_deleted_record_keeps_its_last_name_in_history(client, plan):
    gallium = f.MineralFactory(name="Gallium")
    measure = services.record_save(
        instance=m.Measure(agreement=plan, kind="stockpiling", title="Stock"),
        relations={"minerals": [gallium]},
    )
    services.record_save(instance=measure, relations={"minerals": []})
    services.record_delete(instance=gallium)

    html = client.get("/agreements/plan/history/").content.decode()

    row = re.search(r'<th scope="row">Minerals</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>', html)
    assert row.groups() == ("Gallium", "—")
