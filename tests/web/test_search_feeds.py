"""News feeds of a search: the newest matching records first, the search's filters, 400s
for bad parameters, a fixed query count, and the search page's links to them."""

from __future__ import annotations

import datetime as dt
import html

import feedparser
import pytest
from django.utils import timezone

from agreements import models as m
from agreements import services
from agreements.search import engine, index
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 2, day, 12, tzinfo=dt.UTC)


def stamp(record, day: int) -> None:
    """Set the times `auto_now` would not let a test choose."""
    type(record).objects.filter(pk=record.pk).update(updated_at=at(day), created_at=at(day))


def feed(client, url: str, content_type: str = "application/atom+xml"):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def lithium_kb(db):
    """Records that mention lithium, each last changed on a different day."""
    mexico = f.ParticipantFactory(name="Mexico", slug="mexico")
    mineral = f.MineralFactory(name="Lithium", slug="lithium", symbol="Li")
    plan = f.WindowedAgreementFactory(
        title="Battery Minerals Plan", slug="plan", summary="Price floors for lithium."
    )
    f.ParticipationFactory(agreement=plan, participant=mexico)
    milestone = f.MilestoneFactory(
        agreement=plan, title="Report on lithium supplies", due_on=dt.date(2026, 3, 5)
    )
    event = f.EventFactory(title="Lithium forum", slug="lithium-forum", location="Monterrey")
    notes = f.DocumentFactory(
        title="Weekly trade notes", slug="notes", text="Among other things, lithium prices fell."
    )
    spanish = f.DocumentFactory(
        title="Nota sobre el litio y el lithium", slug="nota", language="es"
    )
    spanish.mentioned_participants.add(mexico)
    company = f.ParticipantFactory(
        name="Lithium Producers Association", slug="lpa", kind=m.ParticipantKind.COMPANY
    )
    copper = f.DocumentFactory(title="Copper report", slug="copper")
    for day, record in enumerate(
        [company, mineral, plan, milestone, spanish, event, notes, copper], start=1
    ):
        stamp(record, day)
    index.rebuild_index()
    return {"plan": plan, "milestone": milestone, "notes": notes, "mineral": mineral}


def test_the_newest_matches_come_first_whatever_their_rank(client, lithium_kb):
    parsed = feed(client, "/search/feed.atom?q=lithium")
    assert [entry.title for entry in parsed.entries] == [
        "Weekly trade notes",
        "Lithium forum",
        "Nota sobre el litio y el lithium",
        "Report on lithium supplies: Due soon, due 5 Mar 2026",
        "Battery Minerals Plan",
        "Lithium",
        "Lithium Producers Association",
    ]
    # The best-ranked hit is not the newest one: the feed is not the page's order.
    assert engine.search("lithium").hits[0].title != parsed.entries[0].title
    notes = parsed.entries[0]
    assert notes.link == "http://testserver/documents/notes/"
    assert notes.id == f"tag:minerals-kb,2026:document-{lithium_kb['notes'].pk}"
    assert parsed.entries[5].id == f"tag:minerals-kb,2026:mineral-{lithium_kb['mineral'].pk}"
    assert "Symbol: Li" in parsed.entries[5].summary
    assert "Location: Monterrey" in parsed.entries[1].summary
    assert "Price floors for lithium." in parsed.entries[4].summary
    assert "Window deadline: 5 Apr 2026" in parsed.entries[4].summary
    assert "State: Due soon" in parsed.entries[3].summary


def test_the_feed_names_the_search_and_links_its_page(client, lithium_kb):
    parsed = feed(client, "/search/feed.atom?q=lithium&kind=document&language=es")
    assert parsed.feed.title == "Minerals KB search: “lithium” (Type: Document; Language: Spanish)"
    assert parsed.feed.link == "http://testserver/search/?q=lithium&kind=document&language=es"
    assert parsed.feed.id == "tag:minerals-kb,2026:feed/search?q=lithium&kind=document&language=es"
    assert [entry.title for entry in parsed.entries] == ["Nota sobre el litio y el lithium"]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/search/feed.atom", "application/atom+xml"), ("/search/feed.rss", "application/rss+xml")],
)
def test_the_self_link_is_the_requested_url_with_its_query(client, lithium_kb, path, content_type):
    url = f"{path}?q=lithium&kind=document"
    parsed = feed(client, url, content_type)
    selves = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert selves == [f"http://testserver{url}"]
    again = feed(client, selves[0].removeprefix("http://testserver"), content_type)
    assert [entry.id for entry in again.entries] == [entry.id for entry in parsed.entries]
    assert len(parsed.entries) == 2


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("&kind=document", ["Weekly trade notes", "Nota sobre el litio y el lithium"]),
        ("&participant=mexico", ["Nota sobre el litio y el lithium", "Battery Minerals Plan"]),
        ("&kind=milestone&year=2026", ["Report on lithium supplies: Due soon, due 5 Mar 2026"]),
        ("&kind=milestone&year=2025", []),
    ],
)
def test_the_searchs_filters_apply(client, lithium_kb, query, titles):
    parsed = feed(client, f"/search/feed.atom?q=lithium{query}")
    assert [entry.title for entry in parsed.entries] == titles


def test_rss_is_the_same_list(client, lithium_kb):
    atom = feed(client, "/search/feed.atom?q=lithium")
    rss = feed(client, "/search/feed.rss?q=lithium", "application/rss+xml")
    assert rss.version == "rss20"
    assert [html.unescape(entry.title) for entry in rss.entries] == [
        entry.title for entry in atom.entries
    ]
    assert [entry.id for entry in rss.entries] == [entry.id for entry in atom.entries]


def test_a_change_brings_a_record_to_the_top(client, lithium_kb):
    plan = lithium_kb["plan"]
    plan.status = m.AgreementStatus.SIGNED
    services.record_save(instance=plan)
    first = feed(client, "/search/feed.atom?q=lithium").entries[0]
    assert first.title == "Battery Minerals Plan"
    assert "Status: Signed" in first.summary


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?q=lithium&kind=treaty", "kind", "Select a valid choice"),
        ("?q=lithium&year=1800", "year", "greater than or equal to 1900"),
        ("?q=lithium&participant=nobody", "participant", "No participant has this slug."),
        ("?q=lithium&sort=newest", "sort", "Unknown parameter."),
        ("?q=", "q", "Give the words to search for."),
        ("", "q", "Give the words to search for."),
    ],
)
@pytest.mark.parametrize("suffix", ["atom", "rss"])
def test_bad_parameters_are_a_400_naming_them(client, lithium_kb, query, field, message, suffix):
    response = client.get(f"/search/feed.{suffix}{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith(f"{field}: ") and message in text


def _grow(n: int) -> None:
    for _i in range(n):
        plan = f.WindowedAgreementFactory(summary="Lithium again.")
        f.MilestoneFactory(agreement=plan, title="Lithium step")
        f.ParticipantFactory(name=f"Lithium company {_i}")
        f.MineralFactory(description="Found with lithium.")
        f.EventFactory(title="Lithium meeting")
        f.DocumentFactory(title="Lithium news")


def test_the_query_count_does_not_grow_with_matches(client, lithium_kb, django_assert_num_queries):
    # One query for the matches, then one per kind of record among them (six here).
    _grow(5)
    index.rebuild_index()
    with django_assert_num_queries(7):
        assert len(feed(client, "/search/feed.atom?q=lithium").entries) == 37
    _grow(45)
    index.rebuild_index()
    with django_assert_num_queries(7):
        assert len(feed(client, "/search/feed.atom?q=lithium").entries) == 50


def test_the_search_page_advertises_and_links_the_feeds_of_its_search(client, lithium_kb):
    page = client.get("/search/?q=lithium&kind=document&page=1").content.decode()
    atom = "http://testserver/search/feed.atom?q=lithium&amp;kind=document"
    rss = "http://testserver/search/feed.rss?q=lithium&amp;kind=document"
    head = page.split("</head>", 1)[0]
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        f'title="Search “lithium” (Type: Document) (Atom)" href="{atom}">'
    ) in head
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        f'title="Search “lithium” (Type: Document) (RSS)" href="{rss}">'
    ) in head
    body = page.split("</head>", 1)[1]
    assert (
        f'<a href="{atom}" type="application/atom+xml">Follow this search (Atom feed)</a>' in body
    )
    assert f'<a href="{rss}" type="application/rss+xml">RSS feed</a>' in body
    # The site-wide feeds stay advertised too.
    assert 'href="http://testserver/feeds/documents.atom"' in head


@pytest.mark.parametrize("query", ["", "?q=", "?q=lithium&year=abc"])
def test_no_search_feed_without_a_valid_search(client, lithium_kb, query):
    page = client.get(f"/search/{query}").content.decode()
    assert "/search/feed." not in page
