"""Full-text search: relevance in English and Spanish, facets, filters, the index kept in
step with the services, the page and the endpoint, query budgets and bad input.

Every test runs on SQLite and PostgreSQL; the `postgres` ones check what only PostgreSQL
has (the stored vector, its GIN index, the stemming configuration).
"""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from agreements import models as m
from agreements import services
from agreements.search import engine, index, statement
from agreements.search.forms import SearchFilters
from tests import factories

pytestmark = pytest.mark.django_db

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


@pytest.fixture
def corpus():
    """A small knowledge base in English and Spanish, indexed by a rebuild."""
    aluminum = factories.MineralFactory(name="Aluminum", slug="aluminum", symbol="Al")
    factories.MineralAliasFactory(mineral=aluminum, name="aluminium")
    factories.MineralAliasFactory(mineral=aluminum, name="aluminio", language="es")
    lithium = factories.MineralFactory(name="Lithium", slug="lithium", symbol="Li")
    factories.MineralAliasFactory(mineral=lithium, name="litio", language="es")
    mexico = factories.ParticipantFactory(name="Mexico", slug="mexico", country_code="MX")
    factories.ParticipantAliasFactory(participant=mexico, name="México", language="es")
    economy = factories.ParticipantFactory(
        name="Secretariat of Economy",
        slug="mexico-economy",
        kind=m.ParticipantKind.GOVERNMENT_BODY,
        parent=mexico,
    )
    factories.ParticipantAliasFactory(
        participant=economy, name="Secretaría de Economía", language="es"
    )
    usa = factories.ParticipantFactory(name="United States", slug="united-states")
    factories.ParticipantAliasFactory(participant=usa, name="Estados Unidos", language="es")
    plan = factories.WindowedAgreementFactory(
        title="U.S.–Mexico Action Plan on Critical Minerals",
        slug="us-mexico-plan",
        summary="A 60-day window to coordinate trade policy on critical minerals.",
    )
    factories.ParticipationFactory(agreement=plan, participant=mexico)
    factories.ParticipationFactory(agreement=plan, participant=usa)
    measure = factories.MeasureFactory(
        agreement=plan, kind=m.MeasureKind.PRICE_FLOOR, title="Border-adjusted price floors"
    )
    measure.minerals.add(aluminum, lithium)
    milestone = factories.MilestoneFactory(
        agreement=plan,
        title="Publish the minerals of mutual interest",
        description="Both sides name the minerals the plan covers.",
        due_on=dt.date(2026, 3, 19),
    )
    milestone.responsible.add(mexico)
    fact_sheet = factories.DocumentFactory(
        title="Fact sheet: a price floor for critical minerals",
        slug="fact-sheet",
        language=m.Language.ENGLISH,
        published_on=dt.date(2026, 2, 4),
        summary="The United States and Mexico will explore price floors.",
        text="The parties will explore a border-adjusted price floor for imports.",
    )
    fact_sheet.mentioned_participants.add(usa, mexico)
    fact_sheet.mentioned_minerals.add(aluminum)
    comunicado = factories.DocumentFactory(
        title="Comunicado: precio mínimo ajustado en frontera",
        slug="comunicado",
        language=m.Language.SPANISH,
        published_on=dt.date(2026, 2, 5),
        summary="México y Estados Unidos explorarán precios mínimos para minerales críticos.",
        text="La Secretaría de Economía informa que ambos países explorarán un precio mínimo.",
    )
    comunicado.mentioned_participants.add(mexico)
    energia = factories.DocumentFactory(
        title="Política de Energía y minería",
        slug="energia",
        language=m.Language.SPANISH,
        published_on=dt.date(2025, 11, 3),
        summary="La transición energética y los minerales críticos.",
        text="El aluminio y el litio son clave para la Energía del futuro.",
    )
    energia.mentioned_minerals.add(aluminum, lithium)
    tariffs = factories.DocumentFactory(
        title="Tariff schedule update",
        slug="tariffs",
        published_on=dt.date(2025, 6, 1),
        summary="Changes to duties on steel imports.",
        text="Section 232 duties on steel; aluminum is unaffected.",
    )
    ministerial = factories.EventFactory(
        title="Critical Minerals Ministerial",
        slug="ministerial",
        starts_on=dt.date(2026, 2, 4),
        summary="Ministers from 54 countries and the European Commission met in Washington.",
    )
    ministerial.participants.add(usa)
    index.rebuild_index()
    return {
        "aluminum": aluminum,
        "lithium": lithium,
        "mexico": mexico,
        "economy": economy,
        "usa": usa,
        "plan": plan,
        "milestone": milestone,
        "fact_sheet": fact_sheet,
        "comunicado": comunicado,
        "energia": energia,
        "tariffs": tariffs,
        "ministerial": ministerial,
    }


def titles(results):
    return [hit.title for hit in results.hits]


def facet(results, name):
    return {value.value: value.count for value in results.facets[name]}


# Relevance


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("price floor", "Fact sheet: a price floor for critical minerals"),
        ("precio mínimo", "Comunicado: precio mínimo ajustado en frontera"),
        ("precio minimo", "Comunicado: precio mínimo ajustado en frontera"),
        ("energia", "Política de Energía y minería"),
        ("ENERGÍA", "Política de Energía y minería"),
        ("aluminium", "Aluminum"),
        ("aluminio", "Aluminum"),
        ("Aluminum", "Aluminum"),
        ("litio", "Lithium"),
        ("secretaria de economia", "Secretariat of Economy"),
        ("Estados Unidos", "United States"),
        ("ministerial", "Critical Minerals Ministerial"),
        ('"mutual interest"', "Publish the minerals of mutual interest"),
        ("action plan", "U.S.–Mexico Action Plan on Critical Minerals"),
    ],
)
def test_expected_top_result(corpus, query, expected_first):
    results = engine.search(query)
    assert results.hits, f"nothing found for {query!r}"
    assert results.hits[0].title == expected_first


def test_a_word_only_in_the_text_ranks_below_the_same_word_in_a_title(corpus):
    results = engine.search("tariff")
    assert titles(results)[0] == "Tariff schedule update"
    ranked = engine.search("aluminum")
    # The mineral (its name) before a document that only mentions it in its text.
    assert titles(ranked).index("Aluminum") < titles(ranked).index("Tariff schedule update")


def test_every_word_must_match_and_excluded_words_exclude(corpus):
    assert titles(engine.search("price floor steel")) == []
    with_steel = set(titles(engine.search("aluminum")))
    without_steel = set(titles(engine.search("aluminum -steel")))
    assert "Tariff schedule update" in with_steel
    assert "Tariff schedule update" not in without_steel
    assert "Aluminum" in without_steel


def test_or_accepts_either_word(corpus):
    found = set(titles(engine.search("tariff or ministerial")))
    assert {"Tariff schedule update", "Critical Minerals Ministerial"} <= found


def test_a_participant_alias_finds_documents_that_mention_it(corpus):
    found = titles(engine.search("Estados Unidos"))
    assert "Fact sheet: a price floor for critical minerals" in found  # English, via alias


# Snippets


def test_snippets_keep_the_original_accents_and_mark_matches(corpus):
    hit = engine.search("energia", filters=SearchFilters(kind="document")).hits[0]
    assert hit.title_html == "Política de <mark>Energía</mark> y minería"
    assert "<mark>Energía</mark>" in hit.snippet_html
    assert "Energía del futuro" in hit.snippet_html.replace("<mark>", "").replace("</mark>", "")


def test_snippets_escape_html_in_the_text():
    document = factories.DocumentFactory(
        title="<script>alert(1)</script> cobalt notice", text="Cobalt <b>stocks</b> & more."
    )
    index.index_record(document)
    hit = engine.search("cobalt").hits[0]
    assert "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<b>" not in hit.snippet_html
    assert "<mark>Cobalt</mark> &lt;b&gt;stocks&lt;/b&gt; &amp; more." in hit.snippet_html


# Facets and filters


def test_facets_count_the_matches(corpus):
    results = engine.search("mexico")
    assert results.count == len(results.hits) == 6
    assert facet(results, "kind") == {
        "agreement": 1,
        "document": 2,
        "milestone": 1,
        "participant": 2,
    }
    assert facet(results, "language") == {"en": 5, "es": 1}
    assert facet(results, "year") == {"2026": 4}
    assert facet(results, "participant") == {"mexico": 5, "united-states": 2, "mexico-economy": 1}
    assert facet(results, "mineral") == {"aluminum": 2, "lithium": 1}
    labels = {value.value: value.label for value in results.facets["participant"]}
    assert labels["mexico-economy"] == "Secretariat of Economy"
    assert [value.value for value in results.facets["participant"]][0] == "mexico"  # most first


def test_total_count_is_not_limited_by_the_page(corpus):
    results = engine.search("mexico", limit=2)
    assert len(results.hits) == 2
    assert results.count == 6
    assert results.has_next
    second = engine.search("mexico", limit=2, offset=2)
    assert len(second.hits) == 2
    assert not set(titles(results)) & set(titles(second))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "document"}, {"fact_sheet", "comunicado"}),
        ({"language": "es"}, {"comunicado"}),
        ({"year": 2026}, {"plan", "milestone", "fact_sheet", "comunicado"}),
        ({"participant": "mexico"}, {"plan", "milestone", "mexico", "fact_sheet", "comunicado"}),
        ({"participant": "united-states"}, {"plan", "fact_sheet"}),
        ({"mineral": "lithium"}, {"plan"}),
        ({"kind": "document", "mineral": "aluminum"}, {"fact_sheet"}),
    ],
)
def test_filters(corpus, filters, expected):
    results = engine.search("mexico", filters=SearchFilters(**filters))
    expected_titles = {getattr(corpus[key], "title", None) or corpus[key].name for key in expected}
    assert set(titles(results)) == expected_titles
    assert results.count == len(expected)
    selected = [value for values in results.facets.values() for value in values if value.selected]
    assert {value.value for value in selected} == {str(v) for v in filters.values()}


# The index follows the services


def test_saving_through_the_service_indexes_and_reindexes():
    document = services.record_save(
        instance=factories.DocumentFactory.build(title="Cobalt stockpile", slug="cobalt")
    )
    assert titles(engine.search("cobalt")) == ["Cobalt stockpile"]
    document.title = "Nickel stockpile"
    services.record_save(instance=document)
    assert titles(engine.search("cobalt")) == []
    assert titles(engine.search("nickel")) == ["Nickel stockpile"]
    assert m.SearchEntry.objects.filter(document=document).count() == 1


def test_deleting_through_the_service_removes_the_entry_and_its_dependants():
    plan = services.record_save(
        instance=factories.WindowedAgreementFactory.build(title="Gallium plan")
    )
    milestone = services.record_save(
        instance=factories.MilestoneFactory.build(agreement=plan, title="Gallium report")
    )
    assert set(titles(engine.search("gallium"))) == {"Gallium plan", "Gallium report"}
    services.record_delete(instance=plan)
    assert titles(engine.search("gallium")) == []
    assert not m.SearchEntry.objects.filter(milestone_id=milestone.pk).exists()


def test_an_alias_saved_or_deleted_through_the_service_updates_its_mineral():
    mineral = services.record_save(instance=factories.MineralFactory.build(name="Fluorspar"))
    alias = services.record_save(instance=m.MineralAlias(mineral=mineral, name="fluorita"))
    assert titles(engine.search("fluorita")) == ["Fluorspar"]
    services.record_delete(instance=alias)
    assert titles(engine.search("fluorita")) == []


def test_a_participation_saved_through_the_service_updates_the_agreement_facet():
    plan = services.record_save(instance=factories.AgreementFactory.build(title="Graphite pact"))
    japan = services.record_save(
        instance=factories.ParticipantFactory.build(name="Japan", slug="japan")
    )
    services.record_save(
        instance=m.Participation(agreement=plan, participant=japan, role=m.ParticipationRole.PARTY)
    )
    assert facet(engine.search("graphite"), "participant") == {"japan": 1}


def test_links_saved_after_the_record_count_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    # The admin saves a form's many-to-many links after the record (save_related).
    tin = factories.MineralFactory(name="Tin", slug="tin")
    with django_capture_on_commit_callbacks(execute=True):
        document = services.record_save(
            instance=factories.DocumentFactory.build(title="Solder supply report")
        )
        document.mentioned_minerals.set([tin])
        assert facet(engine.search("solder"), "mineral") == {}
    assert facet(engine.search("solder"), "mineral") == {"tin": 1}


def test_rebuild_command_recreates_the_index(corpus):
    m.SearchEntry.objects.all().delete()
    assert engine.search("aluminio").count == 0
    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert "Indexed 12 records" in output.getvalue()
    assert titles(engine.search("aluminio"))[0] == "Aluminum"
    assert m.SearchEntry.objects.count() == 12  # 2 minerals, 3 participants, 7 others


# Bounded work: counts beyond EXACT_COUNT are estimated, beyond RANK_ALL ranked in blocks


def _two_figures(number):
    digits = len(str(int(number)))
    return int(round(number, min(0, 2 - digits)))


def _cobalt_documents(n):
    return [
        services.record_save(
            instance=factories.DocumentFactory.build(
                title=f"Cobalt report {number}", slug=f"cobalt-{number}", text="Cobalt supply."
            )
        )
        for number in range(n)
    ]


def test_counts_beyond_the_exact_limit_are_estimated_from_the_lowest_sample_keys(monkeypatch):
    monkeypatch.setattr(statement, "EXACT_COUNT", 4)
    services.record_save(instance=factories.MineralFactory.build(name="Cobalt", slug="cobalt"))
    _cobalt_documents(30)
    results = engine.search("cobalt")
    keys = sorted(m.SearchEntry.objects.filter(kind="document").values_list("sample", flat=True))
    cut = keys[4]  # the fifth lowest key: the four below it are a random sample
    sampled = sum(1 for key in keys if key < cut)
    documents = sampled * m.SAMPLE_KEYS / cut
    kinds = {value.value: value for value in results.facets["kind"]}
    assert kinds["document"].count == _two_figures(documents)
    assert kinds["document"].count_is_estimate
    assert (kinds["mineral"].count, kinds["mineral"].count_is_estimate) == (1, False)
    assert results.count == _two_figures(documents + 1)
    assert results.count_is_estimate
    assert not results.all_ranked


def test_counts_up_to_the_exact_limit_are_exact(monkeypatch):
    monkeypatch.setattr(statement, "EXACT_COUNT", 30)
    _cobalt_documents(30)
    results = engine.search("cobalt")
    assert (results.count, results.count_is_estimate) == (30, False)
    assert [(v.value, v.count, v.count_is_estimate) for v in results.facets["kind"]] == [
        ("document", 30, False)
    ]


def test_sample_keys_are_spread_evenly_over_their_range():
    buckets = [0] * 16
    for pk in range(1, 8193):
        for kind in ("document", "agreement"):
            buckets[index.sample_key(kind, pk) * 16 // m.SAMPLE_KEYS] += 1
    assert min(buckets) > 1024 * 0.9 and max(buckets) < 1024 * 1.1
    assert index.sample_key("document", 7) == index.sample_key("document", 7)


@pytest.fixture
def gallium(monkeypatch):
    """Nine gallium documents. From 2020 to 2025 the word is in the head: in the title in
    even years, only in the summary (a weaker match) in odd years, whose text also says
    "steel". Three newer ones (2026) say it only in their text. Beyond three matches the
    results are ranked in blocks of two."""
    monkeypatch.setattr(statement, "RANK_ALL", 3)
    monkeypatch.setattr(statement, "RANK_BLOCK", 2)
    japan = factories.ParticipantFactory(name="Japan", slug="japan")
    documents = {}
    for year in range(2020, 2026):
        odd = year % 2
        documents[year] = factories.DocumentFactory(
            title=f"Report {year}" if odd else f"Gallium {year}",
            summary="About gallium." if odd else "",
            text="Steel." if odd else "",
            published_on=dt.date(year, 5, 1),
        )
    for number in range(3):
        documents[f"text-{number}"] = factories.DocumentFactory(
            title=f"Wafer note {number}",
            published_on=dt.date(2026, 1, 1),
            text="It mentions gallium once.",
        )
    for key in (2021, 2022, 2025, "text-1"):
        documents[key].mentioned_participants.add(japan)
    index.rebuild_index()
    return documents


def test_beyond_rank_all_head_matches_come_first_in_ranked_blocks_of_the_most_recent(gallium):
    results = engine.search("gallium", limit=10)
    assert not results.all_ranked
    assert (results.count, results.count_is_estimate) == (9, False)
    # Blocks of two, most recent first (2025 and 2024, then 2023 and 2022, …); within a
    # block the title match before the summary match. Then the text-only matches, also
    # in blocks by recency (same year: the later id first), equal ranks by title.
    assert titles(results) == [
        "Gallium 2024",
        "Report 2025",
        "Gallium 2022",
        "Report 2023",
        "Gallium 2020",
        "Report 2021",
        "Wafer note 1",
        "Wafer note 2",
        "Wafer note 0",
    ]
    paged = [
        title
        for offset in range(0, 9, 2)
        for title in titles(engine.search("gallium", limit=2, offset=offset))
    ]
    assert paged == titles(results)


def test_ranked_blocks_keep_filters_and_exclusions(gallium):
    japan = SearchFilters(participant="japan")
    assert titles(engine.search("gallium", filters=japan)) == [
        "Gallium 2022",
        "Report 2025",
        "Report 2021",
        "Wafer note 1",
    ]
    # The odd years' heads match, but their text says "steel".
    assert titles(engine.search("gallium -steel", limit=10)) == [
        "Gallium 2024",
        "Gallium 2022",
        "Gallium 2020",
        "Wafer note 1",
        "Wafer note 2",
        "Wafer note 0",
    ]


def test_page_and_endpoint_say_when_counts_are_estimates(client, monkeypatch):
    monkeypatch.setattr(statement, "EXACT_COUNT", 4)
    services.record_save(instance=factories.MineralFactory.build(name="Cobalt", slug="cobalt"))
    _cobalt_documents(30)
    estimated = engine.search("cobalt")
    documents = next(v for v in estimated.facets["kind"] if v.value == "document")
    data = client.get("/api/v1/search/", {"q": "cobalt"}).json()
    assert (data["count"], data["count_is_estimate"], data["all_ranked"]) == (
        estimated.count,
        True,
        False,
    )
    kinds = {v["value"]: v for v in data["facets"]["kind"]}
    assert (kinds["document"]["count"], kinds["document"]["count_is_estimate"]) == (
        documents.count,
        True,
    )
    assert (kinds["mineral"]["count"], kinds["mineral"]["count_is_estimate"]) == (1, False)
    html = client.get("/search/", {"q": "cobalt"}).content.decode()
    assert f"About {estimated.count:,} results for “cobalt”" in html
    assert f"(about {documents.count:,} results)" in html
    assert "(1 result)" in html
    assert "estimated from a random sample" in html
    assert "in blocks of 200 ranked by relevance" in html


def test_exact_results_say_nothing_of_estimates(client, corpus):
    data = client.get("/api/v1/search/", {"q": "mexico"}).json()
    assert (data["count"], data["count_is_estimate"], data["all_ranked"]) == (6, False, True)
    assert not any(v["count_is_estimate"] for v in data["facets"]["kind"])
    html = client.get("/search/", {"q": "mexico"}).content.decode()
    assert "6 results for “mexico”" in html
    assert "random sample" not in html and "in blocks of" not in html


def test_a_snippet_comes_from_around_the_first_match_deep_in_a_long_text():
    factories.DocumentFactory(
        title="Annual report",
        text="Nothing to see here. " * 500 + "The zirconium deposit was mapped in 2025.",
    )
    index.rebuild_index()
    hit = engine.search("zirconium").hits[0]
    assert "<mark>zirconium</mark> deposit was mapped" in hit.snippet_html


# The page and the endpoint


def test_page_renders_results_with_highlights_and_facets(client, corpus):
    response = client.get("/search/", {"q": "energia"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<label for="id_q">' in html
    assert "<mark>Energía</mark>" in html
    assert 'href="/documents/energia/"' in html
    assert 'aria-label="Refine the results"' in html
    assert "?q=energia&amp;kind=document" in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_page_filter_links_mark_the_selected_value(client, corpus):
    response = client.get("/search/", {"q": "mexico", "language": "es"})
    html = response.content.decode()
    assert 'aria-current="true"' in html
    assert "Comunicado" in html and "Fact sheet" not in html
    assert "Remove filter Language" in html


def test_page_without_a_query_shows_the_form_only(client, corpus):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] is None
    assert 'type="search"' in response.content.decode()


def test_endpoint_returns_results_facets_and_count(client, corpus):
    response = client.get("/api/v1/search/", {"q": "aluminio", "limit": 5})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == len(data["results"]) >= 2
    assert data["results"][0]["title"] == "Aluminum"
    # Absolute, as every URL the API gives.
    assert data["results"][0]["url"] == "http://testserver/minerals/aluminum/"
    assert "<mark>aluminio</mark>" in data["results"][0]["snippet_html"]
    assert {v["value"]: v["count"] for v in data["facets"]["kind"]}["mineral"] == 1
    assert set(data["facets"]) == {"kind", "year", "language", "participant", "mineral"}


def test_endpoint_is_in_the_schema_with_its_parameters(client):
    response = client.get("/api/schema/", {"format": "json"})
    operation = json.loads(response.content)["paths"]["/api/v1/search/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    assert set(parameters) == {
        "q",
        "kind",
        "year",
        "language",
        "participant",
        "mineral",
        "limit",
        "offset",
        "lang",  # the language of labels and messages, on every operation
    }
    assert parameters["q"]["required"] is True
    assert set(parameters["kind"]["schema"]["enum"]) == set(m.SearchKind.values)
    response_schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert response_schema["$ref"].endswith("/SearchResponse")


# Query budgets: constant whatever the number of matches


def _grow(n):
    mineral = m.Mineral.objects.get(slug="aluminum")
    mexico = m.Participant.objects.get(slug="mexico")
    for number in range(n):
        document = factories.DocumentFactory(
            title=f"Critical minerals note {number}", text="Aluminum and critical minerals."
        )
        document.mentioned_minerals.add(mineral)
        document.mentioned_participants.add(mexico)
        index.index_record(document)


# One statement for hits, count and facets; PostgreSQL cuts the snippets in a second.
SEARCH_QUERIES = 2 if connection.vendor == "postgresql" else 1


@pytest.mark.parametrize("extra", [0, 40])
def test_search_query_budget_is_constant(corpus, django_assert_max_num_queries, extra):
    _grow(extra)
    with django_assert_max_num_queries(SEARCH_QUERIES):
        results = engine.search("critical minerals", filters=SearchFilters(language="en"))
    assert results.count >= extra


@pytest.mark.parametrize("extra", [0, 40])
def test_search_query_budget_is_constant_when_counts_are_estimated(
    corpus, django_assert_max_num_queries, monkeypatch, extra
):
    monkeypatch.setattr(statement, "EXACT_COUNT", 5)
    monkeypatch.setattr(statement, "RANK_ALL", 5)
    _grow(extra)
    # A mineral given by slug alone is looked up first (the form hands over its id).
    with django_assert_max_num_queries(1 + SEARCH_QUERIES):
        results = engine.search("critical minerals", filters=SearchFilters(mineral="aluminum"))
    assert results.count_is_estimate is bool(extra)
    assert len(results.hits) == min(20, 2 + extra)


@pytest.mark.parametrize("extra", [0, 40])
def test_page_and_endpoint_query_budgets_are_constant(
    client, corpus, django_assert_max_num_queries, extra
):
    _grow(extra)
    # The form checks the slug exists, then the search.
    with django_assert_max_num_queries(1 + SEARCH_QUERIES):
        page = client.get("/search/", {"q": "critical minerals", "mineral": "aluminum"})
    with django_assert_max_num_queries(1 + SEARCH_QUERIES):
        api = client.get("/api/v1/search/", {"q": "critical minerals", "participant": "mexico"})
    assert page.status_code == api.status_code == 200
    assert api.json()["count"] >= extra


# Bad input: a clear 400 or an empty result, never a 500


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "ab\x00cd"}, "q"),
        ({"q": "minerals", "kind": "treaty"}, "kind"),
        ({"q": "minerals", "language": "fr"}, "language"),
        ({"q": "minerals", "year": "last"}, "year"),
        ({"q": "minerals", "participant": "atlantis"}, "participant"),
        ({"q": "minerals", "mineral": "unobtainium"}, "mineral"),
        ({"q": "minerals", "limit": "500"}, "limit"),
        ({"q": "minerals", "offset": "-1"}, "offset"),
        # Parameters it does not take: other endpoints page with `page`, this one with
        # `offset`; a typo must not read as "no filter".
        ({"q": "minerals", "page": "2"}, "page"),
        ({"q": "minerals", "page_size": "50"}, "page_size"),
        ({"q": "minerals", "minerl": "lithium"}, "minerl"),
    ],
)
def test_endpoint_rejects_bad_parameters(client, corpus, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert field in response.json()


def test_endpoint_says_which_parameters_it_takes_and_the_api_root_lists_it(client, corpus):
    message = client.get("/api/v1/search/", {"q": "minerals", "page": "2"}).json()["page"][0]
    assert message.startswith("Unknown parameter. This endpoint takes: ")
    assert {"q", "kind", "limit", "offset", "format"} <= set(
        message.split(": ")[1][:-1].split(", ")
    )
    assert client.get("/api/v1/search/", {"q": "minerals", "format": "json"}).status_code == 200
    root = client.get("/api/v1/", HTTP_ACCEPT="application/json").json()
    assert root["search"] == "http://testserver/api/v1/search/"
    assert root["agreements"] == "http://testserver/api/v1/agreements/"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 201},
        {"q": "ab\x00cd"},
        {"q": "minerals", "participant": "atlantis"},
        {"q": "minerals", "year": "1200"},
    ],
)
def test_page_shows_bad_parameters_as_a_400_with_the_form(client, corpus, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert 'class="field__error"' in response.content.decode()


@pytest.mark.parametrize(
    "query", ["!!!", "the", '"', "-", " or ", "--aluminum", "a" * 200, "%_%", "\\b(", "*"]
)
def test_odd_queries_give_an_answer_not_an_error(client, corpus, query):
    response = client.get("/api/v1/search/", {"q": query})
    assert response.status_code == 200
    assert response.json()["count"] == len(response.json()["results"])
    assert client.get("/search/", {"q": query}).status_code == 200


def test_a_page_past_the_last_goes_to_the_last_page_not_an_error(client, corpus):
    _grow(30)  # two pages of results
    response = client.get("/search/", {"q": "minerals", "kind": "document", "page": "99999"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=minerals&kind=document&page=2"
    last = client.get(response["Location"])
    assert last.context["page"] == 2 and last.context["results"].hits
    assert last.context["next_link"] is None
    assert client.get("/search/", {"q": "nothing-like-this", "page": "3"})["Location"] == (
        "/search/?q=nothing-like-this&page=1"
    )


# PostgreSQL: the stored vector, its index and the stemming configuration


@pytest.mark.postgres
@requires_postgres
def test_vectors_are_weighted_and_stemmed_by_language(corpus):
    entry = m.SearchEntry.objects.get(document=corpus["comunicado"])
    assert entry.config == "spanish"
    vector = entry.vector
    assert "'minim':" in vector  # Spanish stem of "mínimo", accents stripped first
    assert "'comunic':1A" in vector  # the title carries weight A
    english = m.SearchEntry.objects.get(document=corpus["fact_sheet"]).vector
    assert "'floor':" in english and "'price':" in english


@pytest.mark.postgres
@requires_postgres
def test_the_vector_has_a_gin_index_the_planner_uses(corpus):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'"
        )
        (definition,) = cursor.fetchone()
        assert "USING gin (vector)" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM agreements_searchentry "
            "WHERE vector @@ websearch_to_tsquery('english', 'aluminum')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_entry_vector_gin" in plan


@pytest.mark.postgres
@requires_postgres
def test_stemming_matches_other_forms_of_a_word(corpus):
    assert titles(engine.search("floors"))[0] == "Fact sheet: a price floor for critical minerals"
    assert "Comunicado: precio mínimo ajustado en frontera" in titles(engine.search("explorar"))


@pytest.mark.postgres
@requires_postgres
def test_the_head_vector_holds_the_title_aliases_and_summary_only(corpus):
    head = m.SearchEntry.objects.get(document=corpus["fact_sheet"]).head
    assert "'fact':1A" in head  # title
    assert "'explor':" in head and "B" in head.split("'explor':")[1].split()[0]  # summary
    assert "'import'" not in head  # only in the text
    assert "'import'" in m.SearchEntry.objects.get(document=corpus["fact_sheet"]).vector
    saved = services.record_save(
        instance=factories.DocumentFactory.build(title="Tungsten", text="Carbide tools.")
    )
    entry = m.SearchEntry.objects.get(document=saved)
    assert "'tungsten'" in entry.head and "'carbid'" not in entry.head
    assert entry.sample == index.sample_key("document", saved.pk)


@pytest.mark.postgres
@requires_postgres
def test_both_vectors_stay_in_the_row_and_the_head_has_a_gin_index(corpus):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute "
            "WHERE attrelid = 'agreements_searchentry'::regclass AND attname = ANY(%s)",
            [["vector", "head", "content"]],
        )
        assert dict(cursor.fetchall()) == {"vector": "m", "head": "m", "content": "x"}
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_head_gin'")
        (definition,) = cursor.fetchone()
    assert "USING gin (head)" in definition


@pytest.mark.postgres
@requires_postgres
def test_the_rows_carry_the_same_links_as_the_link_tables(corpus):
    services.record_save(
        instance=factories.ParticipationFactory.build(
            agreement=corpus["plan"], participant=corpus["economy"]
        )
    )
    entries = m.SearchEntry.objects.prefetch_related("participants", "minerals")
    assert entries.count() > 10
    for entry in entries:
        assert entry.participant_ids == sorted(p.pk for p in entry.participants.all())
        assert entry.mineral_ids == sorted(mineral.pk for mineral in entry.minerals.all())
    plan = m.SearchEntry.objects.get(agreement=corpus["plan"])
    assert corpus["economy"].pk in plan.participant_ids
    assert plan.mineral_ids == sorted([corpus["aluminum"].pk, corpus["lithium"].pk])
