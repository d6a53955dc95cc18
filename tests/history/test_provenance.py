"""Provenance: facts whose sources differ (public), thin and missing sources (editors)."""

import pytest

from agreements import services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts():
    event = f.EventFactory(slug="ministerial", title="Ministerial", attendance="54 countries")
    plan = f.AgreementFactory(slug="plan", title="Plan", announced_on="2026-02-04")
    fact_sheet = f.DocumentFactory(slug="fact-sheet", title="Fact sheet")
    report = f.DocumentFactory(slug="report", title="Report")
    for document, value in ((fact_sheet, "54 countries"), (report, "56 countries")):
        services.citation_create(
            subject=event, document=document, field_name="attendance", stated_value=value
        )
    # The same date in other words is no disagreement.
    for document, value in ((fact_sheet, "4 Feb 2026"), (report, "February 4, 2026")):
        services.citation_create(
            subject=plan, document=document, field_name="announced_on", stated_value=value
        )
    return event, plan


def test_sources_differ_lists_each_value_with_its_documents(client, facts):
    response = client.get("/sources-differ/")
    html = response.content.decode()

    facts_shown = response.context["facts"]
    assert [(fact.title, fact.field_name) for fact in facts_shown] == [
        ("Ministerial", "attendance")
    ]
    assert [stated.value for stated in facts_shown[0].sources.stated_values] == [
        "54 countries",
        "56 countries",
    ]
    assert "“56 countries”" in html and 'href="/documents/report/"' in html
    assert "1 disputed fact" in html


def test_the_editors_page_is_for_staff(client, facts):
    response = client.get("/editors/provenance/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_editors_page_lists_thin_and_missing_sources(staff_client, facts):
    event, plan = facts
    lonely = f.AgreementFactory(title="Uncited", signed_on="2026-03-01")
    services.citation_create(subject=lonely, document=f.DocumentFactory(), field_name="title")
    nobody = f.ParticipantFactory(name="Nobody")

    response = staff_client.get("/editors/provenance/")

    assert response.status_code == 200
    single = {(fact.title, fact.field_name) for fact in response.context["single"]}
    assert ("Uncited", "title") in single
    assert ("Ministerial", "attendance") not in single  # two documents
    fields = {(g.model, g.field_name): g.records for g in response.context["unsourced_fields"]}
    assert fields[type(lonely), "signed_on"] == [lonely]
    assert plan not in fields.get((type(plan), "announced_on"), [])
    records = {g.model: g.records for g in response.context["unsourced_records"]}
    assert nobody in records[type(nobody)]
    assert lonely not in records.get(type(lonely), [])
    assert event not in records.get(type(event), [])
    assert f'href="/admin/agreements/participant/{nobody.pk}/change/"' in response.content.decode()


def test_provenance_pages_have_a_fixed_query_budget(
    staff_client, facts, django_assert_max_num_queries
):
    def grow(n):
        for i in range(n):
            event = f.EventFactory()
            for value in ("1", "2"):
                services.citation_create(
                    subject=event,
                    document=f.DocumentFactory(),
                    field_name="attendance",
                    stated_value=f"{value}{i}",
                )
            f.ParticipationFactory()

    counts = []
    for n in (3, 30):
        grow(n)
        for url in ("/sources-differ/", "/editors/provenance/"):
            staff_client.get(url)
        with django_assert_max_num_queries(60) as captured:
            staff_client.get("/sources-differ/")
            staff_client.get("/editors/provenance/")
        counts.append(len(captured))
    assert counts[0] == counts[1]
