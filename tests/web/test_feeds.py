"""News feeds: parsed with feedparser, checked item by item in Atom and in RSS."""

import datetime as dt
import html
import re

import feedparser
import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone

from agreements import models as m
from agreements.services import milestone_set_status, record_save
from tests import factories as f

TODAY = dt.date(2026, 3, 1)


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 2, day, hour, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def stamp(record, *, updated: dt.datetime, created: dt.datetime | None = None) -> None:
    """Set the timestamps `auto_now` would not let a test choose."""
    type(record).objects.filter(pk=record.pk).update(
        updated_at=updated, created_at=created or updated
    )


def fetch(client, url: str, content_type: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def atom(client, url):
    return fetch(client, url, "application/atom+xml")


def rss(client, url):
    return fetch(client, url, "application/rss+xml")


def moment(struct) -> dt.datetime:
    return dt.datetime(*struct[:6], tzinfo=dt.UTC)


@pytest.fixture
def plan(db):
    return f.WindowedAgreementFactory(
        slug="us-mexico-action-plan",
        title="U.S.–Mexico Action Plan on Critical Minerals",
        short_title="U.S.–Mexico plan",
    )


def test_documents_atom_newest_first_with_links_ids_dates_and_publisher(client, db):
    older = f.DocumentFactory(title="USTR press release", publisher="USTR", slug="ustr-release")
    newer = f.DocumentFactory(
        title="Comunicado de la Secretaría de Economía",
        publisher="Secretaría de Economía",
        slug="se-comunicado",
        summary="Mexico's account of the plan.",
    )
    stamp(older, created=at(4), updated=at(6))
    stamp(newer, created=at(5), updated=at(5))

    feed = atom(client, "/feeds/documents.atom")

    assert feed.feed.title == "Minerals KB: new documents"
    assert feed.feed.id == "tag:minerals-kb,2026:feed/documents"
    assert feed.feed.link == "http://testserver/documents/"
    assert [entry.title for entry in feed.entries] == [newer.title, older.title]
    first = feed.entries[0]
    assert first.link == "http://testserver/documents/se-comunicado/"
    assert first.id == f"tag:minerals-kb,2026:document-{newer.pk}"
    assert first.author == "Secretaría de Economía"
    assert moment(first.published_parsed) == at(5)
    assert moment(feed.entries[1].updated_parsed) == at(6)
    assert "<p>Mexico&#x27;s account of the plan.</p>" in first.summary
    assert "Publisher: Secretaría de Economía" in first.summary


def test_documents_rss_is_the_same_list(client, db):
    older = f.DocumentFactory(title="Notice", publisher="Federal Register")
    newer = f.DocumentFactory(title="Fact sheet", publisher="")
    stamp(older, updated=at(4))
    stamp(newer, updated=at(5))

    feed = rss(client, "/feeds/documents.rss")

    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Fact sheet", "Notice"]
    notice = feed.entries[1]
    assert notice.id == f"tag:minerals-kb,2026:document-{older.pk}"
    assert notice.guidislink is False
    assert notice.link == f"http://testserver/documents/{older.slug}/"
    assert notice.author == "Federal Register"
    assert moment(notice.published_parsed) == at(4)
    assert "author" not in feed.entries[0]


@pytest.mark.parametrize(("suffix", "reader"), [("atom", atom), ("rss", rss)])
def test_titles_with_markup_characters_display_as_written(client, db, suffix, reader):
    f.DocumentFactory(title="Tariffs & quotas <draft>")

    title = reader(client, f"/feeds/documents.{suffix}").entries[0].title_detail

    # RSS readers take a title as HTML, so RSS escapes it (Django's default); an Atom
    # title is plain text.
    assert title.type == ("text/html" if suffix == "rss" else "text/plain")
    shown = html.unescape(title.value) if title.type == "text/html" else title.value
    assert shown == "Tariffs & quotas <draft>"


def test_milestone_changes_latest_first_each_with_state_status_and_due_date(client, plan):
    day_60 = f.MilestoneFactory(agreement=plan, due_on=None, due_day=60, title="Coordinate")
    soon = f.MilestoneFactory(
        agreement=plan, due_on=dt.date(2026, 3, 5), title="Consult", outcome="Talks began."
    )
    undated = f.MilestoneFactory(agreement=f.AgreementFactory(), due_on=None, title="Report")
    # Day 60 of the window: the agreement's edits are its changes too.
    stamp(plan, updated=at(9))
    stamp(day_60, updated=at(10))
    stamp(soon, updated=at(12))
    stamp(undated, updated=at(11))

    feed = atom(client, "/feeds/milestones.atom")

    assert [entry.title for entry in feed.entries] == [
        "Consult: Due soon, due 5 Mar 2026",
        "Report: Outcome unknown, no due date",
        "Coordinate: Upcoming, due 5 Apr 2026",
    ]
    coordinate = feed.entries[2]
    assert coordinate.link == f"http://testserver/milestones/{day_60.pk}/"
    assert coordinate.id == f"tag:minerals-kb,2026:milestone-{day_60.pk}/20260210T120000000000Z"
    assert moment(coordinate.updated_parsed) == at(10)
    assert "Status: Planned" in coordinate.summary
    assert "Agreement: U.S.–Mexico Action Plan on Critical Minerals" in coordinate.summary
    assert "Outcome: Talks began." in feed.entries[0].summary


def test_a_milestone_change_is_a_new_item_at_the_top(client, plan):
    first = f.MilestoneFactory(agreement=plan, title="Coordinate")
    second = f.MilestoneFactory(agreement=plan, title="Consult")
    stamp(first, updated=at(10))
    stamp(second, updated=at(11))
    before = atom(client, "/feeds/milestones.atom")
    assert [entry.title.split(":")[0] for entry in before.entries] == ["Consult", "Coordinate"]

    milestone_set_status(milestone=first, status=m.MilestoneStatus.MISSED)

    after = rss(client, "/feeds/milestones.rss")
    assert after.entries[0].title == "Coordinate: Missed, due 19 Mar 2026"
    assert "Status: Missed" in after.entries[0].summary
    assert after.entries[0].id not in {entry.id for entry in before.entries}
    assert after.entries[1].id == before.entries[0].id


def test_moving_the_window_is_a_change_of_its_window_relative_milestones(client, plan):
    relative = f.MilestoneFactory(agreement=plan, due_on=None, due_day=60, title="Coordinate")
    fixed = f.MilestoneFactory(agreement=plan, due_on=dt.date(2026, 3, 5), title="Consult")
    newer = f.MilestoneFactory(agreement=f.AgreementFactory(), title="Report")
    stamp(plan, updated=at(9))
    stamp(relative, updated=at(10))
    stamp(fixed, updated=at(11))
    stamp(newer, updated=at(12))
    before = {
        entry.title.split(":")[0]: entry for entry in atom(client, "/feeds/milestones.atom").entries
    }
    assert moment(before["Coordinate"].updated_parsed) == at(10)

    plan.refresh_from_db()
    plan.window_start = dt.date(2026, 2, 11)
    record_save(instance=plan)
    plan.refresh_from_db()

    after = atom(client, "/feeds/milestones.atom").entries
    assert [entry.title for entry in after] == [
        "Coordinate: Upcoming, due 12 Apr 2026",
        "Report: Upcoming, due 19 Mar 2026",
        "Consult: Due soon, due 5 Mar 2026",
    ]
    moved = after[0]
    changed = plan.updated_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    assert moved.id == f"tag:minerals-kb,2026:milestone-{relative.pk}/{changed}"
    assert moved.id != before["Coordinate"].id
    assert moment(moved.updated_parsed) == plan.updated_at.replace(microsecond=0)
    # A milestone with its own date is not changed by the agreement's edit.
    assert after[2].id == before["Consult"].id
    assert moment(after[2].updated_parsed) == at(11)


def test_agreement_feed_mixes_its_documents_and_milestones_newest_first(client, plan):
    mentioned = f.DocumentFactory(title="Mentions the plan")
    mentioned.mentioned_agreements.add(plan)
    cited = f.DocumentFactory(title="Cited for the plan")
    f.CitationFactory(subject_record=plan, document=cited)
    milestone = f.MilestoneFactory(agreement=plan, title="Coordinate")
    evidence = f.DocumentFactory(title="Evidence of coordination")
    milestone.evidence.add(evidence)
    other_document = f.DocumentFactory(title="About something else")
    other_milestone = f.MilestoneFactory(title="Elsewhere")
    for day, record in enumerate(
        [mentioned, cited, milestone, evidence, other_document, other_milestone], start=1
    ):
        stamp(record, updated=at(day))

    feed = atom(client, f"/feeds/agreements/{plan.slug}.atom")

    assert feed.feed.title == "Minerals KB: U.S.–Mexico plan"
    assert feed.feed.link == "http://testserver/agreements/us-mexico-action-plan/"
    assert feed.feed.id == f"tag:minerals-kb,2026:feed/agreement-{plan.pk}"
    assert [entry.title for entry in feed.entries] == [
        "Evidence of coordination",
        "Coordinate: Upcoming, due 19 Mar 2026",
        "Cited for the plan",
        "Mentions the plan",
    ]
    assert [moment(entry.updated_parsed) for entry in feed.entries] == [
        at(4),
        at(3),
        at(2),
        at(1),
    ]

    same = rss(client, f"/feeds/agreements/{plan.slug}.rss")
    assert [entry.id for entry in same.entries] == [entry.id for entry in feed.entries]
    assert [entry.link for entry in same.entries] == [entry.link for entry in feed.entries]


def test_participant_feed(client, plan):
    ustr = f.ParticipantFactory(slug="ustr", name="Office of the U.S. Trade Representative")
    mentioning = f.DocumentFactory(title="USTR statement")
    mentioning.mentioned_participants.add(ustr)
    theirs = f.MilestoneFactory(agreement=plan, title="Coordinate")
    theirs.responsible.add(ustr)
    f.MilestoneFactory(agreement=plan, title="Not theirs")
    # A milestone of an agreement it is a party to is its milestone too, as on its page,
    # its calendar and the timeline's participant filter.
    party_to = f.WindowedAgreementFactory(slug="party-to")
    f.ParticipationFactory(agreement=party_to, participant=ustr)
    f.MilestoneFactory(agreement=party_to, title="Of its agreement", due_on=dt.date(2026, 3, 20))
    f.DocumentFactory(title="Unrelated")

    for feed in (
        atom(client, "/feeds/participants/ustr.atom"),
        rss(client, "/feeds/participants/ustr.rss"),
    ):
        assert feed.feed.title == "Minerals KB: Office of the U.S. Trade Representative"
        assert sorted(entry.title for entry in feed.entries) == [
            "Coordinate: Upcoming, due 19 Mar 2026",
            "Of its agreement: Upcoming, due 20 Mar 2026",
            "USTR statement",
        ]


def test_mineral_feed(client, plan):
    lithium = f.MineralFactory(slug="lithium", name="Lithium")
    f.MeasureFactory(agreement=plan).minerals.add(lithium)
    covered = f.MilestoneFactory(agreement=plan, title="Coordinate")
    f.MilestoneFactory(title="Uncovered")
    report = f.DocumentFactory(title="Lithium market report")
    report.mentioned_minerals.add(lithium)
    f.DocumentFactory(title="Copper market report")
    stamp(covered, updated=at(2))
    stamp(report, updated=at(3))

    feed = atom(client, "/feeds/minerals/lithium.atom")

    assert feed.feed.title == "Minerals KB: Lithium"
    assert [entry.title for entry in feed.entries] == [
        "Lithium market report",
        "Coordinate: Upcoming, due 19 Mar 2026",
    ]
    assert feed.entries[1].link == f"http://testserver/milestones/{covered.pk}/"


@pytest.mark.parametrize("kind", ["agreements", "participants", "minerals"])
@pytest.mark.parametrize("suffix", ["atom", "rss"])
def test_unknown_slug_is_404(client, db, kind, suffix):
    response = client.get(f"/feeds/{kind}/no-such-thing.{suffix}")

    assert response.status_code == 404
    assert "xml" not in response["Content-Type"]


def _populate(rows: int) -> None:
    agreement = f.WindowedAgreementFactory(slug="plan")
    participant = f.ParticipantFactory(slug="party")
    mineral = f.MineralFactory(slug="lithium")
    f.MeasureFactory(agreement=agreement).minerals.add(mineral)
    for _ in range(rows):
        milestone = f.MilestoneFactory(agreement=agreement)
        milestone.responsible.add(participant)
        document = f.DocumentFactory()
        document.mentioned_agreements.add(agreement)
        document.mentioned_participants.add(participant)
        document.mentioned_minerals.add(mineral)
        milestone.evidence.add(document)
        f.CitationFactory(subject_record=agreement, document=f.DocumentFactory())


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/feeds/documents.atom", 1),
        ("/feeds/documents.rss", 1),
        ("/feeds/milestones.atom", 1),
        ("/feeds/milestones.rss", 1),
        ("/feeds/agreements/plan.atom", 4),
        ("/feeds/agreements/plan.rss", 4),
        ("/feeds/participants/party.atom", 3),
        ("/feeds/minerals/lithium.rss", 3),
    ],
)
def test_query_budget_does_not_grow_with_rows(
    client, db, django_assert_max_num_queries, rows, url, budget
):
    _populate(rows)

    with django_assert_max_num_queries(budget):
        response = client.get(url)

    assert len(feedparser.parse(response.content).entries) >= rows


def render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    return Template("{% load subscriptions %}" + source).render(RequestContext(request, context))


def test_feed_links_tag_advertises_the_records_feeds(plan):
    tags = render("{% feed_links agreement %}", agreement=plan).splitlines()

    assert tags == [
        '<link rel="alternate" type="application/atom+xml" title="U.S.–Mexico plan (Atom)" '
        'href="http://testserver/feeds/agreements/us-mexico-action-plan.atom">',
        '<link rel="alternate" type="application/rss+xml" title="U.S.–Mexico plan (RSS)" '
        'href="http://testserver/feeds/agreements/us-mexico-action-plan.rss">',
    ]


def test_feed_links_tag_without_a_record_gives_the_site_feeds(db):
    hrefs = re.findall(r'href="([^"]+)"', render("{% feed_links %}"))

    assert hrefs == [
        "http://testserver/feeds/milestones.atom",
        "http://testserver/feeds/milestones.rss",
        "http://testserver/feeds/documents.atom",
        "http://testserver/feeds/documents.rss",
    ]


def test_subscriptions_tag_urls_are_served(client, db):
    lithium = f.MineralFactory(slug="lithium", name="Lithium")

    rendered = render(
        "{% subscriptions mineral as subs %}{{ subs.atom }} {{ subs.rss }} {{ subs.calendar }} "
        "{{ subs.webcal }}",
        mineral=lithium,
    )

    atom_url, rss_url, calendar_url, webcal_url = rendered.split()
    assert webcal_url == "webcal://testserver/calendars/minerals/lithium.ics"
    assert calendar_url == "http://testserver/calendars/minerals/lithium.ics"
    assert atom(client, atom_url).feed.title == "Minerals KB: Lithium"
    assert rss(client, rss_url).feed.title == "Minerals KB: Lithium"
    assert client.get(calendar_url)["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.mark.parametrize(
    ("url", "reader"),
    [
        ("/feeds/milestones.atom", atom),
        ("/feeds/milestones.rss", rss),
        ("/changes/feed.atom?type=milestone", atom),
        ("/changes/feed.atom?type=milestone&date_after=2026-01-01", atom),
    ],
)
def test_the_self_link_is_the_requested_url(client, plan, url, reader):
    record_save(instance=f.MilestoneFactory.build(agreement=plan, title="Coordinate"))

    feed = reader(client, url)

    selves = [link.href for link in feed.feed.links if link.rel == "self"]
    assert selves == [f"http://testserver{url}"]
    again = reader(client, selves[0].removeprefix("http://testserver"))
    assert [entry.id for entry in again.entries] == [entry.id for entry in feed.entries]
    assert again.entries
