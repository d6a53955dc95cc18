"""Public pages: what each shows, its filters, and its query budget."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import models as m
from agreements.services import citation_create
from tests import factories as f
from tests.kb import KB


def text_of(response) -> str:
    """The page's visible text, tags dropped and spaces collapsed, for content checks."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def get_ok(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


# --- Content -------------------------------------------------------------------------------


def test_home_shows_where_the_plan_stands(client, kb, today):
    response = get_ok(client, reverse("agreements:home"))
    text = text_of(response)
    assert "U.S.–Mexico Action Plan on Critical Minerals" in text
    assert "Day 44 of 60" in text
    assert "16 days left" in text
    assert "Comments on the plurilateral notice" in text  # next
    assert "Identify minerals of mutual interest" in text  # overdue
    assert "Overdue" in text and "Due soon" in text
    assert "USTR press release on the Action Plan" in text
    assert response.context["counts"].agreements == 2
    assert response.context["counts"].documents == 2
    assert b'role="img"' in response.content


def test_agreement_detail_shows_every_part(client, kb, today):
    response = get_ok(client, kb.plan.get_absolute_url())
    text = text_of(response)
    assert text.count("U.S.–Mexico Action Plan on Critical Minerals") >= 1
    assert "Border-adjusted price floors" in text
    assert "Lithium" in text and "Gallium" in text
    assert "Office of the U.S. Trade Representative" in text and "Lead" in text
    assert "This agreement leads to USMCA Joint Review" in text
    assert "Critical Minerals Ministerial" in text
    assert "5 April 2026" in text  # deadline
    assert "Present alternatives" in text and "day 60" in text
    # Footnote from the window length to the press release, with its locator.
    assert 'href="#fn-' in response.content.decode()
    assert "¶2" in text and "States: “60”" in text
    assert response.content.decode().count("<h1") == 1


def test_reverse_link_reads_from_the_other_side(client, kb, today):
    text = text_of(get_ok(client, kb.review.get_absolute_url()))
    assert "U.S.–Mexico Action Plan leads to this agreement" in text


def test_sources_differ_is_shown_with_each_value(client, kb, today):
    text = text_of(get_ok(client, kb.ministerial.get_absolute_url()))
    assert "Sources differ:" in text
    assert "“54 countries + EC”" in text and "“55 countries”" in text
    assert "para. 1" in text


def test_agreeing_sources_do_not_say_they_differ(client, kb, today):
    text = text_of(get_ok(client, kb.plan.get_absolute_url()))
    assert "Sources differ" not in text


def test_agreement_list_filters_by_participant_and_mineral(client, kb, today):
    url = reverse("agreements:agreements")
    text = text_of(get_ok(client, url + "?participant=mexico"))
    assert "U.S.–Mexico Action Plan on Critical Minerals" in text
    assert "USMCA Joint Review" not in text
    text = text_of(get_ok(client, url + "?mineral=lithium"))
    assert "1 result" in text and "USMCA Joint Review" not in text
    text = text_of(get_ok(client, url + "?kind=review"))
    assert "USMCA Joint Review" in text and "U.S.–Mexico Action Plan on" not in text


def test_agreement_list_sorts(client, kb, today):
    url = reverse("agreements:agreements")
    page = get_ok(client, url + "?ordering=title").context["page_obj"]
    assert [a.slug for a in page] == ["us-mexico-action-plan", "usmca-joint-review"]
    page = get_ok(client, url + "?ordering=-title").context["page_obj"]
    assert [a.slug for a in page] == ["usmca-joint-review", "us-mexico-action-plan"]


def test_invalid_filter_shows_the_error_and_no_rows(client, kb, today):
    response = get_ok(client, reverse("agreements:agreements") + "?participant=nobody", 400)
    assert "Select a valid choice" in text_of(response)
    assert len(response.context["page_obj"]) == 0


def test_milestone_list_filters_by_state(client, kb, today):
    url = reverse("agreements:milestones")
    page = get_ok(client, url + "?state=overdue").context["page_obj"]
    assert [ms.title for ms in page] == ["Identify minerals of mutual interest"]
    page = get_ok(client, url + "?participant=ustr").context["page_obj"]
    assert [ms.pk for ms in page] == [kb.overdue.pk]
    page = get_ok(client, url).context["page_obj"]
    # Default order is by due date, the day-60 milestone last.
    assert [ms.pk for ms in page] == [kb.overdue.pk, kb.soon.pk, kb.deadline.pk]


def test_milestone_detail(client, kb, today):
    text = text_of(get_ok(client, kb.deadline.get_absolute_url()))
    assert "Present alternatives" in text
    assert "5 April 2026" in text and "day 60 of 60" in text
    assert "Upcoming" in text


def test_participant_detail_shows_roles_and_children(client, kb, today):
    text = text_of(get_ok(client, kb.usa.get_absolute_url()))
    assert "People and bodies under U.S." in text
    assert "Office of the U.S. Trade Representative" in text
    text = text_of(get_ok(client, kb.ustr.get_absolute_url()))
    assert "U.S.–Mexico Action Plan" in text and "Lead" in text
    assert "Identify minerals of mutual interest" in text


def test_a_participants_milestones_are_those_of_its_agreements_and_its_own(client, kb, today):
    # The same definition as its calendar, its feed and the timeline's participant filter.
    elsewhere = f.MilestoneFactory(title="Someone else's milestone")
    response = get_ok(client, kb.mexico.get_absolute_url())
    shown = {
        milestone.title: milestone.responsible_here
        for milestone in response.context["detail"].milestones
    }
    assert shown == {
        milestone.title: False for milestone in kb.plan.milestones.all()
    }  # a party to the plan, responsible for none of its milestones
    assert elsewhere.title not in text_of(response)
    ustr = get_ok(client, kb.ustr.get_absolute_url()).context["detail"].milestones
    assert {milestone.title for milestone in ustr if milestone.responsible_here} == {
        "Identify minerals of mutual interest"
    }
    calendar = client.get(f"/calendars/participants/{kb.mexico.slug}.ics").content.decode()
    assert all(title in calendar for title in shown)


def test_mineral_detail_shows_lists_and_agreements(client, kb, today):
    text = text_of(get_ok(client, kb.gallium.get_absolute_url()))
    assert "Ga" in text
    assert "USGS 2025 list" in text and "Added" in text
    assert "USGS 2022 list" not in text
    assert "U.S.–Mexico Action Plan on Critical Minerals" in text
    assert "Border-adjusted price floors" in text
    text = text_of(get_ok(client, kb.lithium.get_absolute_url()))
    assert "Litio" in text


def test_mineral_list_detail_and_comparison(client, kb, today):
    text = text_of(get_ok(client, kb.list_2025.get_absolute_url()))
    assert "Gallium" in text and "Lithium" in text and "USGS 2022 list" in text
    url = reverse("agreements:mineral-compare") + "?lists=usgs-2022&lists=usgs-2025"
    response = get_ok(client, url)
    comparison = response.context["comparison"]
    assert [row.mineral.name for row in comparison.in_all] == ["Lithium"]
    assert [row.mineral.name for row in comparison.in_some] == ["Gallium"]
    (change,) = comparison.edition_changes
    assert [mineral.name for mineral in change.added] == ["Gallium"]
    assert change.removed == []
    assert "From USGS 2022 list to USGS 2025 list" in text_of(response)


def test_comparison_needs_two_lists(client, kb, today):
    response = get_ok(client, reverse("agreements:mineral-compare") + "?lists=usgs-2022", 400)
    assert response.context["comparison"] is None
    assert "Choose at least two lists." in text_of(response)


def test_document_detail_lists_every_fact_citing_it(client, kb, today):
    text = text_of(get_ok(client, kb.press.get_absolute_url()))
    assert "Read the original" in text
    assert "Window length (days)" in text and "60" in text
    assert "Attendance" in text and "54 countries + EC" in text
    assert "Critical Minerals Ministerial" in text
    assert "U.S.–Mexico Action Plan" in text


def test_document_list_filters_primary(client, kb, today):
    url = reverse("agreements:documents")
    page = get_ok(client, url + "?primary=true").context["page_obj"]
    assert [d.slug for d in page] == ["ustr-press-release"]
    page = get_ok(client, url + "?publisher=reuters").context["page_obj"]
    assert [d.slug for d in page] == ["reuters-ministerial"]


def test_event_pages(client, kb, today):
    text = text_of(get_ok(client, reverse("agreements:events")))
    assert "Critical Minerals Ministerial" in text
    text = text_of(get_ok(client, kb.ministerial.get_absolute_url()))
    assert "Mexico" in text and "U.S.–Mexico Action Plan on Critical Minerals" in text


def test_timeline_orders_and_filters(client, kb, today):
    response = get_ok(client, reverse("agreements:timeline"))
    items = response.context["items"]
    dates = [item.date for item in items]
    assert dates == sorted(dates)
    whats = {(item.kind, str(item.what), item.date) for item in items}
    assert ("agreement", "Window deadline", dt.date(2026, 4, 5)) in whats
    assert ("milestone", "Due", dt.date(2026, 4, 5)) in whats
    assert ("event", "", dt.date(2026, 2, 4)) in whats

    filtered = get_ok(
        client, reverse("agreements:timeline") + "?mineral=lithium&date_after=2026-02-05"
    ).context["items"]
    assert {item.title for item in filtered} >= {
        "Reuters: ministerial draws dozens of countries",
        "Identify minerals of mutual interest",
    }
    assert all(item.date >= dt.date(2026, 2, 5) for item in filtered)
    assert "Critical Minerals Ministerial" in {item.title for item in items}


def test_timeline_pages_by_a_hundred_in_date_order_and_keeps_the_filters(client, kb, today):
    for day in range(120):
        f.DocumentFactory(
            title=f"Bulletin {day:03d}", published_on=dt.date(2027, 1, 1) + dt.timedelta(days=day)
        ).mentioned_minerals.add(kb.lithium)
    url = reverse("agreements:timeline") + "?mineral=lithium&date_after=2027-01-01"
    first = get_ok(client, url)
    html = first.content.decode()
    assert [item.title for item in first.context["items"]] == [
        f"Bulletin {day:03d}" for day in range(100)
    ]
    assert html.count('class="timeline__item ') == 100
    assert "120 dated items" in text_of(first)
    assert 'href="?mineral=lithium&amp;date_after=2027-01-01&amp;page=2"' in html

    second = get_ok(client, url + "&page=2")
    assert [(item.title, item.date) for item in second.context["items"]] == [
        (f"Bulletin {day:03d}", dt.date(2027, 1, 1) + dt.timedelta(days=day))
        for day in range(100, 120)
    ]
    assert 'href="?mineral=lithium&amp;date_after=2027-01-01&amp;page=1"' in (
        second.content.decode()
    )


def test_timeline_rejects_an_inverted_range(client, kb, today):
    url = reverse("agreements:timeline") + "?date_after=2026-04-01&date_before=2026-03-01"
    response = get_ok(client, url, 400)
    assert response.context["items"] == []
    assert "must not be earlier" in text_of(response)


def test_unknown_slug_is_a_friendly_404(client, db):
    response = client.get("/agreements/no-such-plan/")
    assert response.status_code == 404
    assert "We could not find that page" in text_of(response)


def test_every_page_has_title_description_and_opengraph(client, kb, today):
    for url in [
        "/",
        kb.plan.get_absolute_url(),
        kb.lithium.get_absolute_url(),
        kb.press.get_absolute_url(),
        reverse("agreements:timeline"),
    ]:
        html = get_ok(client, url).content.decode()
        assert re.search(r"<title>[^<]+ · Minerals KB</title>", html), url
        assert '<meta name="description" content="' in html
        assert '<meta property="og:title"' in html and '<meta property="og:url"' in html
        assert 'href="#main"' in html


def test_sitemap_and_robots(client, kb):
    xml = get_ok(client, "/sitemap.xml").content.decode()
    assert "/agreements/us-mexico-action-plan/" in xml
    assert f"/milestones/{kb.overdue.pk}/" in xml
    assert "/mineral-lists/usgs-2025/" in xml
    # Every page in both languages, each naming its twin.
    assert "<loc>http://testserver/es/agreements/us-mexico-action-plan/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="es" '
        'href="http://testserver/es/agreements/us-mexico-action-plan/"/>'
    ) in xml
    robots = get_ok(client, "/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_favicon_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")


# --- Query budgets -------------------------------------------------------------------------


def _grow(kb: KB, n: int) -> None:
    """Add `n` rows of everything the pages list, all linked to the plan."""
    for _i in range(n):
        person = f.ParticipantFactory(kind=m.ParticipantKind.PERSON, parent=kb.ustr)
        f.ParticipationFactory(agreement=kb.plan, participant=person)
        milestone = f.MilestoneFactory(agreement=kb.plan)
        milestone.responsible.add(person)
        milestone.evidence.add(kb.press)
        mineral = f.MineralFactory()
        f.MineralAliasFactory(mineral=mineral)
        f.MineralListEntryFactory(mineral_list=kb.list_2025, mineral=mineral)
        measure = f.MeasureFactory(agreement=kb.plan)
        measure.minerals.add(mineral)
        document = f.DocumentFactory()
        document.mentioned_agreements.add(kb.plan)
        document.mentioned_minerals.add(mineral)
        event = f.EventFactory()
        event.agreements.add(kb.plan)
        event.participants.add(person)
        other = f.AgreementFactory()
        f.ParticipationFactory(agreement=other, participant=person)
        f.AgreementLinkFactory(source=other, target=kb.plan)
        citation_create(subject=milestone, document=document, field_name="due_on")
        citation_create(subject=kb.ministerial, document=document, stated_value=str(_i))
        citation_create(subject=measure, document=kb.press)


def _page_urls(kb: KB) -> dict[str, str]:
    return {
        "home": "/",
        "agreements": "/agreements/",
        "agreement": kb.plan.get_absolute_url(),
        # One record fetch per kind on the page: this page shows all four, with 5 or 50 rows.
        "timeline": "/timeline/?participant=mexico",
        "milestones": "/milestones/",
        "milestone": kb.overdue.get_absolute_url(),
        "participants": "/participants/",
        "participant": kb.ustr.get_absolute_url(),
        "minerals": "/minerals/",
        "mineral": kb.lithium.get_absolute_url(),
        "mineral-lists": "/mineral-lists/",
        "mineral-list": kb.list_2025.get_absolute_url(),
        "compare": "/minerals/compare/?lists=usgs-2022&lists=usgs-2025",
        "documents": "/documents/",
        "document": kb.press.get_absolute_url(),
        "events": "/events/",
        "event": kb.ministerial.get_absolute_url(),
        "changes": "/changes/",
        "changes-feed": "/changes/feed.atom",
        "agreement-version": (
            f"{kb.plan.get_absolute_url()}history/{kb.plan.history.earliest().history_id}/"
        ),
    }


# The pinned budget of each page; the test below also proves it does not grow with rows.
QUERY_BUDGETS = {
    "home": 16,
    "agreements": 5,
    "agreement": 14,
    "timeline": 9,
    "milestones": 7,
    "milestone": 6,
    "participants": 4,
    "participant": 10,
    "minerals": 5,
    "mineral": 8,
    "mineral-lists": 4,
    "mineral-list": 6,
    "compare": 3,
    "documents": 5,
    "document": 11,
    "events": 6,
    "event": 6,
    # A fixed number per model on the page (its rows, their earlier versions, the records
    # and the names they link to): the recent changes mix every model.
    "changes": 23,
    "changes-feed": 23,
    "agreement-version": 4,
}


def _count_queries(client, url: str) -> int:
    client.get(url)  # warm caches (content types) so only the page's own queries count
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_query_budgets_hold_and_do_not_grow_with_rows(
    client, kb, today, django_assert_max_num_queries
):
    # One data set grown once (5 rows, then 50) for every page: building it is the slow part.
    urls = _page_urls(kb)
    _grow(kb, 5)
    with_5 = {page: _count_queries(client, url) for page, url in urls.items()}
    _grow(kb, 45)
    with_50 = {page: _count_queries(client, url) for page, url in urls.items()}
    assert with_50 == with_5
    assert with_5 == QUERY_BUDGETS
    for page, url in urls.items():
        with django_assert_max_num_queries(QUERY_BUDGETS[page], info=page):
            client.get(url)


def test_500_page_renders_without_the_database(rf, db, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.parametrize(
    ("record", "prefix"),
    [("plan", "agreements"), ("ustr", "participants"), ("lithium", "minerals")],
)
def test_detail_pages_offer_their_calendar_and_feeds(client, kb, today, record, prefix):
    obj = getattr(kb, record)
    html = client.get(obj.get_absolute_url()).content.decode()
    atom = f"http://testserver/feeds/{prefix}/{obj.slug}.atom"
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{atom}"' in html
    assert f'href="webcal://testserver/calendars/{prefix}/{obj.slug}.ics"' in html
    assert f'href="http://testserver/feeds/{prefix}/{obj.slug}.rss"' in html


def test_every_page_links_search_and_site_wide_subscriptions(client, kb, today):
    html = client.get(reverse("agreements:home")).content.decode()
    assert 'href="/search/"' in html
    assert 'href="/calendars/milestones.ics"' in html
    assert 'href="http://testserver/feeds/milestones.atom"' in html


def test_unknown_binding_says_what_is_unknown(client, kb, today):
    html = client.get(kb.plan.get_absolute_url()).content.decode()
    assert "Binding status unknown" in html


def test_agreement_page_lists_the_newest_documents_and_links_to_all(client, kb, today):
    for day in range(1, 26):
        f.DocumentFactory(
            title=f"Report {day:02d}", published_on=dt.date(2026, 3, day)
        ).mentioned_agreements.add(kb.plan)
    html = client.get(kb.plan.get_absolute_url()).content.decode()
    shown = re.findall(r">Report (\d\d)</a>", html)
    assert shown == [f"{day:02d}" for day in range(25, 5, -1)]
    total = m.Document.objects.filter(mentioned_agreements=kb.plan).count()
    assert f'href="/documents/?agreement={kb.plan.slug}">All {total} documents</a>' in html


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/agreements/?year=99999", "year"),
        ("/agreements/?year=2026.5", "year"),
        ("/mineral-lists/?edition=1000000000", "edition"),
    ],
)
def test_out_of_range_numbers_are_form_errors_not_server_errors(client, kb, today, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert response.context["form"].errors[field]


def test_home_shows_six_other_plans_and_links_to_all(client, kb, today):
    for n in range(10):
        f.WindowedAgreementFactory(title=f"Plan {n}", window_start=dt.date(2025, 1, 1 + n))
    response = client.get(reverse("agreements:home"))
    assert len(response.context["other_plans"]) == 6
    html = response.content.decode()
    assert 'href="/agreements/?windowed=true">All plans with a window</a>' in html
    listed = client.get("/agreements/?windowed=true").context["page_obj"].paginator.count
    assert listed == m.Agreement.objects.windowed().count() == 11


def test_passed_deadlines_without_an_outcome_are_news_on_home_and_milestone_pages(
    client, kb, today
):
    # kb.overdue (1 Mar) is planned: overdue. Two more passed with no reported outcome.
    unknown = [
        f.MilestoneFactory(agreement=kb.plan, title=title, due_on=due, status="unknown")
        for title, due in [
            ("Agree a mineral list", dt.date(2026, 3, 5)),
            ("Set a floor", dt.date(2026, 3, 19)),  # yesterday
        ]
    ]
    f.MilestoneFactory(title="No date, no outcome", due_on=None, status="unknown")
    f.DocumentFactory(published_on=dt.date(2026, 3, 18))

    home = get_ok(client, "/")
    assert home.context["passed"].count == 2
    assert [m.title for m in home.context["passed"].milestones] == [
        "Agree a mineral list",
        "Set a floor",
    ]
    text = text_of(home)
    assert "2 deadlines have passed and no source we hold, up to 18 March 2026" in text
    assert "?state=unknown&amp;due_before=2026-03-19" in home.content.decode()

    listed = text_of(get_ok(client, "/milestones/"))
    assert "2 deadlines have passed with no outcome reported" in listed
    filtered = get_ok(client, "/milestones/?state=unknown&due_before=2026-03-19")
    assert {m.title for m in filtered.context["page_obj"]} == {
        "Agree a mineral list",
        "Set a floor",
    }

    page = text_of(get_ok(client, unknown[0].get_absolute_url()))
    assert (
        "Due on 5 March 2026. No source we hold, up to 18 March 2026, reports an outcome." in page
    )
