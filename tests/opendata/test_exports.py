"""Downloads of the public lists: the page's rows and filters, the columns, CSV safety,
streaming, bad input, and queries per chunk of rows."""

# The list pages' knowledge base (`kb`, `today`) is shared with tests/test_pages.py.
# ruff: noqa: F811

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import math
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from agreements import filtersets
from agreements import models as m
from agreements.opendata import exports, spreadsheet, writers
from agreements.services import citation_create
from tests import factories as f
from tests.kb import KB

# --- Reading a download ----------------------------------------------------------------


def body_of(response) -> str:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(client, url: str) -> tuple[list[str], list[dict[str, str]]]:
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    body = body_of(response)
    assert body.startswith("\ufeff")  # so spreadsheets read UTF-8
    reader = csv.DictReader(io.StringIO(body.removeprefix("\ufeff"), newline=""))
    rows = list(reader)
    return reader.fieldnames, rows


def read_json(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(body_of(response))


def by(rows: list[dict], key: str, value) -> dict:
    (row,) = [row for row in rows if row[key] == value]
    return row


# --- The page's rows, through the page's own link ---------------------------------------

# (list, page with filters, how the page's rows and the download's rows are identified)
PAGES = [
    ("agreements", "/agreements/?kind=action_plan&page=1", "slug"),
    ("timeline", "/timeline/?mineral=lithium&date_after=2026-02-05", "date+title"),
    ("milestones", "/milestones/?state=overdue", "id"),
    ("participants", "/participants/?kind=government_body", "slug"),
    ("minerals", "/minerals/?mineral_list=usgs-2022", "slug"),
    ("mineral-lists", "/mineral-lists/?issuer=usgs&edition=2025", "slug"),
    ("documents", "/documents/?primary=true", "slug"),
    ("events", "/events/?participant=mexico", "slug"),
]


def _page_keys(response, identity: str) -> list:
    if identity == "date+title":
        return [(item.date.isoformat(), item.title) for item in response.context["items"]]
    return [
        str(getattr(record, "pk" if identity == "id" else identity))
        for record in (response.context["page_obj"])
    ]


def _row_keys(rows: list[dict], identity: str) -> list:
    if identity == "date+title":
        return [(row["date"], row["title"]) for row in rows]
    return [str(row[identity]) for row in rows]


def _download_link(page_html: str, name: str, fmt: str) -> str:
    found = re.findall(rf'href="(/data/{name}\.{fmt}[^"]*)"', page_html)
    assert len(found) == 1, found
    return html.unescape(found[0])


@pytest.mark.parametrize(("name", "page_url", "identity"), PAGES)
def test_each_pages_download_links_keep_its_filters_and_select_its_rows(
    client, kb, today, name, page_url, identity
):
    f.EventFactory(title="An unrelated meeting")  # so no filter here selects every row
    page = client.get(page_url)
    page_html = page.content.decode()
    assert "Download CSV" in page_html and "Download JSON" in page_html
    csv_link = _download_link(page_html, name, "csv")
    json_link = _download_link(page_html, name, "json")
    filters = page_url.split("?", 1)[1].replace("&page=1", "")
    assert csv_link == f"/data/{name}.csv?{filters}"
    assert json_link == f"/data/{name}.json?{filters}"

    expected = _page_keys(page, identity)
    assert expected  # the filter selects something…
    header, rows = read_csv(client, csv_link)
    assert header == [column.name for column in exports.EXPORTS[name].columns]
    assert _row_keys(rows, identity) == expected
    assert _row_keys(read_json(client, json_link), identity) == expected
    # …and not everything.
    _header, everything = read_csv(client, f"/data/{name}.csv")
    assert len(everything) > len(rows)


def test_download_links_leave_out_filters_set_to_any(client, kb, today):
    page = client.get("/agreements/?kind=&participant=mexico&status=&page=1").content.decode()
    assert _download_link(page, "agreements", "csv") == "/data/agreements.csv?participant=mexico"
    page = client.get("/agreements/?kind=&status=").content.decode()
    assert _download_link(page, "agreements", "json") == "/data/agreements.json"


# A page reached by a shared link carries parameters it ignores: tracking tags, and the
# API's `updated_since`. Its download links keep only the filters and the ordering.
@pytest.mark.parametrize(
    ("name", "page_url", "filters", "identity"),
    [
        (
            "agreements",
            "/agreements/?participant=mexico&fbclid=abc&ordering=title",
            "participant=mexico&ordering=title",
            "slug",
        ),
        (
            "milestones",
            "/milestones/?utm_source=newsletter&state=overdue&updated_since=2026-01-01T00:00Z",
            "state=overdue",
            "id",
        ),
        (
            "timeline",
            "/timeline/?mineral=lithium&utm_medium=email",
            "mineral=lithium",
            "date+title",
        ),
    ],
)
def test_download_links_leave_out_parameters_the_list_does_not_take(
    client, kb, today, name, page_url, filters, identity
):
    f.EventFactory(title="An unrelated meeting")  # so no filter here selects every row
    page = client.get(page_url)
    assert page.status_code == 200
    page_html = page.content.decode()
    csv_link = _download_link(page_html, name, "csv")
    assert csv_link == f"/data/{name}.csv?{filters}"
    assert _download_link(page_html, name, "json") == f"/data/{name}.json?{filters}"

    expected = _page_keys(page, identity)
    assert expected
    _header, rows = read_csv(client, csv_link)
    assert _row_keys(rows, identity) == expected
    _header, everything = read_csv(client, f"/data/{name}.csv")
    assert len(everything) > len(rows)


def test_no_download_link_when_the_filters_select_nothing(client, kb, today):
    for url in ("/agreements/?participant=nobody", "/agreements/?kind=law"):
        assert "/data/agreements.csv" not in client.get(url).content.decode()


def test_minerals_of_an_agreement_include_those_only_on_its_lists(
    client, kb, today, django_assert_num_queries
):
    # "Covers" is `Agreement.objects.covering()`: a measure, or a list of the agreement's.
    cobalt = f.MineralFactory(name="Cobalt", slug="cobalt")
    f.MineralFactory(name="Zinc", slug="zinc")  # covered by nothing
    annex = f.MineralListFactory(slug="plan-annex", issuer=kb.ustr, agreement=kb.plan)
    f.MineralListEntryFactory(mineral_list=annex, mineral=cobalt)
    f.MineralListEntryFactory(mineral_list=annex, mineral=kb.lithium)  # and by a measure
    expected = ["cobalt", "gallium", "lithium"]
    assert (
        sorted(
            mineral.slug
            for mineral in m.Mineral.objects.all()
            if kb.plan in m.Agreement.objects.covering(mineral)
        )
        == expected
    )

    page = client.get("/minerals/?agreement=us-mexico-action-plan")
    assert [mineral.slug for mineral in page.context["page_obj"]] == expected
    _header, rows = read_csv(client, _download_link(page.content.decode(), "minerals", "csv"))
    assert [row["slug"] for row in rows] == expected
    api = client.get("/api/v1/minerals/?agreement=us-mexico-action-plan").json()
    assert [mineral["slug"] for mineral in api["results"]] == expected
    assert client.get("/api/v1/minerals/?agreement=usmca-joint-review").json()["count"] == 0

    filterset = filtersets.MineralFilterSet(
        QueryDict("agreement=us-mexico-action-plan"), queryset=m.Mineral.objects.all()
    )
    assert filterset.is_valid()
    with django_assert_num_queries(1):
        assert [mineral.slug for mineral in filterset.qs] == expected


# --- Columns -------------------------------------------------------------------------


def test_agreement_row_has_public_fields_related_slugs_and_the_window_today(client, kb, today):
    response = client.get("/data/agreements.csv?participant=mexico")
    assert response["Content-Disposition"] == (
        'attachment; filename="minerals-kb-agreements-2026-03-20.csv"'
    )
    _header, rows = read_csv(client, "/data/agreements.csv?participant=mexico")
    (row,) = rows
    assert {key: row[key] for key in row if key != "updated_at"} == {
        "slug": "us-mexico-action-plan",
        "title": "U.S.–Mexico Action Plan on Critical Minerals",
        "short_title": "U.S.–Mexico Action Plan",
        "kind": "action_plan",
        "kind_label": "Action plan",
        "status": "announced",
        "status_label": "Announced",
        "binding": "unknown",
        "binding_label": "Binding status unknown",
        "announced_on": "2026-02-04",
        "signed_on": "",
        "in_force_on": "",
        "ended_on": "",
        "window_start": "2026-02-04",
        "window_days": "60",
        "deadline": "2026-04-05",
        "window_phase": "open",
        "window_label": "day 44 of 60",
        # By participant name, each once (the page's order).
        "participants": "mexico; ustr; united-states",
        "participant_names": "Mexico; Office of the U.S. Trade Representative; United States",
        "summary": "Sixty days to coordinate trade policy on critical minerals.",
        "url": "http://testserver/agreements/us-mexico-action-plan/",
    }
    updated = dt.datetime.fromisoformat(row["updated_at"])
    assert row["updated_at"].endswith("Z") and updated.utcoffset() == dt.timedelta(0)


def test_json_keeps_types_lists_and_nulls(client, kb, today):
    (plan,) = read_json(client, "/data/agreements.json?participant=mexico")
    assert plan["window_days"] == 60
    assert plan["signed_on"] is None
    assert plan["participants"] == ["mexico", "ustr", "united-states"]
    review = by(read_json(client, "/data/agreements.json"), "slug", "usmca-joint-review")
    assert review["window_phase"] is None and review["deadline"] is None
    assert review["participants"] == [] and review["participant_names"] == []
    (press,) = read_json(client, "/data/documents.json?primary=true")
    assert press["is_primary"] is True
    assert "text" not in press


def test_milestones_in_the_pages_order_with_their_state_today(client, kb, today):
    rows = read_json(client, "/data/milestones.json")
    assert [row["id"] for row in rows] == [kb.overdue.pk, kb.soon.pk, kb.deadline.pk]
    assert [(row["state"], row["state_label"]) for row in rows] == [
        ("overdue", "Overdue"),
        ("due_soon", "Due soon"),
        ("upcoming", "Upcoming"),
    ]
    deadline = rows[2]
    assert (deadline["due_on"], deadline["due_day"], deadline["due_date"]) == (
        None,
        60,
        "2026-04-05",
    )
    assert deadline["agreement"] == "us-mexico-action-plan"
    assert deadline["agreement_title"] == "U.S.–Mexico Action Plan on Critical Minerals"
    assert rows[0]["responsible"] == ["ustr"]
    assert rows[0]["responsible_names"] == ["Office of the U.S. Trade Representative"]
    kb.overdue.evidence.add(kb.press)
    assert read_json(client, "/data/milestones.json")[0]["evidence"] == ["ustr-press-release"]
    _header, csv_rows = read_csv(client, "/data/milestones.csv?ordering=-due")
    assert [int(row["id"]) for row in csv_rows] == [kb.deadline.pk, kb.soon.pk, kb.overdue.pk]


def test_participants_minerals_lists_documents_events_name_their_links(client, kb, today):
    participants = read_json(client, "/data/participants.json")
    ustr = by(participants, "slug", "ustr")
    assert (ustr["parent"], ustr["parent_name"], ustr["agreement_count"]) == (
        "united-states",
        "United States",
        1,
    )
    assert by(participants, "slug", "mexico")["aliases"] == ["México"]

    lithium = by(read_json(client, "/data/minerals.json"), "slug", "lithium")
    assert lithium["aliases"] == ["Litio"] and lithium["list_count"] == 2
    assert lithium["lists"] == ["usgs-2025", "usgs-2022"]  # newest edition first

    usgs_2025 = by(read_json(client, "/data/mineral-lists.json"), "slug", "usgs-2025")
    assert usgs_2025["minerals"] == ["gallium", "lithium"]
    assert usgs_2025["mineral_names"] == ["Gallium", "Lithium"]
    assert (usgs_2025["entry_count"], usgs_2025["previous_edition"]) == (2, "usgs-2022")
    assert (usgs_2025["issuer"], usgs_2025["issuer_name"]) == ("usgs", "U.S. Geological Survey")

    news = by(read_json(client, "/data/documents.json"), "slug", "reuters-ministerial")
    assert news["minerals"] == ["lithium"] and news["participants"] == ["mexico"]
    assert news["source_url"] == kb.news.url
    assert news["url"] == "http://testserver/documents/reuters-ministerial/"

    (ministerial,) = read_json(client, "/data/events.json")
    assert ministerial["participants"] == ["mexico"]
    assert ministerial["agreements"] == ["us-mexico-action-plan"]
    assert ministerial["attendance"] == "54 countries and the European Commission"


def test_timeline_rows_say_what_happened_and_to_which_agreement(client, kb, today):
    rows = read_json(client, "/data/timeline.json")
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    deadline = by([row for row in rows if row["kind"] == "agreement"], "what", "Window deadline")
    assert deadline["date"] == "2026-04-05"
    assert deadline["agreement"] == "us-mexico-action-plan"
    due = by(rows, "title", "Present alternatives")
    assert (due["kind"], due["kind_label"], due["what"], due["date"]) == (
        "milestone",
        "Milestone",
        "Due",
        "2026-04-05",
    )
    assert due["agreement"] == "us-mexico-action-plan"
    assert due["url"] == f"http://testserver/milestones/{kb.deadline.pk}/"
    assert by(rows, "title", "Critical Minerals Ministerial")["agreement"] is None


def test_every_column_is_described_once(db):
    for export in exports.EXPORTS.values():
        names = [column.name for column in export.columns]
        assert len(names) == len(set(names)), export.name
        assert all(str(column.description).strip() for column in export.columns), export.name


# --- Spreadsheet safety --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("http://example.org")', '\'=HYPERLINK("http://example.org")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("-3.5", "-3.5"),
        ("+1", "+1"),
        ("-1e6", "-1e6"),
        ("Lithium = Li", "Lithium = Li"),
        ("", ""),
    ],
)
def test_spreadsheet_safe_escapes_formulas_and_keeps_numbers(text, safe):
    assert spreadsheet.safe_cell(text) == safe


def test_csv_cells_that_would_run_as_formulas_are_escaped_json_is_not(client, kb, today):
    f.DocumentFactory(
        slug="formula",
        title='=HYPERLINK("http://evil.example","Click")',
        publisher="@SUM(1+1)",
        author="-1+2",
        summary="+cmd",
    )
    f.MineralFactory(slug="negative", name="-42")
    _header, rows = read_csv(client, "/data/documents.csv")
    row = by(rows, "slug", "formula")
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert (row["publisher"], row["author"], row["summary"]) == ("'@SUM(1+1)", "'-1+2", "'+cmd")
    document = by(read_json(client, "/data/documents.json"), "slug", "formula")
    assert document["title"] == '=HYPERLINK("http://evil.example","Click")'
    _header, minerals = read_csv(client, "/data/minerals.csv")
    assert by(minerals, "slug", "negative")["name"] == "-42"  # a number stays a number


# --- Bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/data/agreements.csv?participant=nobody", "participant", "Select a valid choice"),
        ("/data/agreements.json?year=99999", "year", "less than or equal to 9999"),
        (
            "/data/milestones.csv?due_after=2026-04-01&due_before=2026-03-01",
            "due_before",
            "must not be earlier",
        ),
        ("/data/timeline.json?date_after=2026-13-01", "date_after", "Enter a valid date"),
        ("/data/mineral-lists.csv?edition=1000000000", "edition", "less than or equal"),
        ("/data/documents.csv?kidn=mou", "kidn", "Unknown parameter"),
        ("/data/events.json?ordering=title", "ordering", "Unknown parameter"),
        ("/data/agreements.csv?updated_since=2026-01-01T00:00:00Z", "updated_since", "Unknown"),
        # Asked directly, a download still refuses what its page would ignore.
        ("/data/agreements.csv?participant=mexico&fbclid=abc", "fbclid", "Unknown parameter"),
        ("/data/timeline.json?mineral=lithium&utm_source=x", "utm_source", "Unknown parameter"),
    ],
)
def test_bad_filters_are_a_400_naming_the_field(client, kb, today, url, field, message):
    response = client.get(url)
    assert response.status_code == 400
    assert not response.streaming
    if ".json" in url:
        errors = json.loads(response.content)
        assert list(errors) == [field]
        assert message in errors[field][0]
    else:
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        text = response.content.decode()
        assert text.startswith(f"{field}: ") and message in text


def test_page_number_is_ignored_and_unknown_lists_are_404(client, kb, today):
    _header, rows = read_csv(client, "/data/agreements.csv?page=7")
    assert len(rows) == 2
    assert client.get("/data/treaties.csv").status_code == 404


# --- Streaming and queries -----------------------------------------------------------


def grow(kb: KB, n: int) -> None:
    """`n` more rows of every list, each linked the way its columns show."""
    for i in range(n):
        person = f.ParticipantFactory(kind=m.ParticipantKind.PERSON, parent=kb.ustr)
        f.ParticipantAliasFactory(participant=person)
        agreement = f.AgreementFactory(announced_on=dt.date(2026, 1, 1 + i % 28))
        f.ParticipationFactory(agreement=agreement, participant=person)
        milestone = f.MilestoneFactory(agreement=kb.plan)
        milestone.responsible.add(person)
        mineral = f.MineralFactory()
        f.MineralAliasFactory(mineral=mineral)
        mineral_list = f.MineralListFactory(issuer=kb.ustr)
        f.MineralListEntryFactory(mineral_list=mineral_list, mineral=mineral)
        document = f.DocumentFactory(text="A long text. " * 50)
        document.mentioned_agreements.add(agreement)
        document.mentioned_participants.add(person)
        document.mentioned_minerals.add(mineral)
        milestone.evidence.add(document)
        event = f.EventFactory()
        event.participants.add(person)
        event.agreements.add(agreement)
        citation_create(subject=agreement, document=document)


# Per list: queries before the first row, and per chunk of rows (one per prefetch; for
# the timeline, one per kind of record in the chunk, at most four).
EXPORT_QUERIES = {
    "agreements": (1, 1),
    "timeline": (1, 4),
    "milestones": (1, 2),
    "participants": (1, 1),
    "minerals": (1, 2),
    "mineral-lists": (1, 1),
    "documents": (1, 3),
    "events": (1, 2),
}


def _count(client, url: str) -> tuple[int, int]:
    """(queries, rows) of one whole download."""
    with CaptureQueriesContext(connection) as captured:
        rows = read_json(client, url)
    return len(captured), len(rows)


def test_query_budgets_hold_and_do_not_grow_with_rows(
    client, kb, today, django_assert_max_num_queries
):
    assert set(EXPORT_QUERIES) == set(exports.EXPORTS)
    budgets = {name: base + per_chunk for name, (base, per_chunk) in EXPORT_QUERIES.items()}
    grow(kb, 5)
    with_5 = {name: _count(client, f"/data/{name}.json") for name in exports.EXPORTS}
    grow(kb, 45)
    with_50 = {name: _count(client, f"/data/{name}.json") for name in exports.EXPORTS}
    assert {name: queries for name, (queries, _rows) in with_5.items()} == budgets
    assert {name: queries for name, (queries, _rows) in with_50.items()} == budgets
    assert all(with_50[name][1] >= with_5[name][1] + 45 for name in exports.EXPORTS)
    for name in exports.EXPORTS:
        with django_assert_max_num_queries(budgets[name], info=name):
            read_csv(client, f"/data/{name}.csv")


def test_queries_grow_by_chunk_never_by_row(client, kb, today, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
    grow(kb, 50)
    for name, (base, per_chunk) in EXPORT_QUERIES.items():
        queries, rows = _count(client, f"/data/{name}.json")
        chunks = math.ceil(rows / 10)
        assert rows > 50, name
        if name == "timeline":  # a chunk may hold fewer than four kinds
            assert base + chunks <= queries <= base + chunks * per_chunk
        else:
            assert queries == base + chunks * per_chunk, name


def test_the_response_streams_rows_as_they_are_read(client, kb, today, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
    monkeypatch.setattr(writers, "FLUSH_CHARS", 1)
    grow(kb, 50)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/data/documents.csv")
        assert len(captured) == 0  # nothing read before the body is asked for
        pieces = iter(response.streaming_content)
        first = next(pieces).decode()
        after_first_piece = len(captured)
        rest = [piece.decode() for piece in pieces]
    assert first.startswith("\ufeffslug,title,") and first.count("\r\n") == 2  # header, row
    assert after_first_piece == 1 + 3  # the first chunk and its three prefetches
    assert len(captured) == 1 + 3 * math.ceil(m.Document.objects.count() / 10)
    assert len(rest) == m.Document.objects.count() - 1  # then one piece a row
