"""`manage.py load_demo`: the facts it loads, their citations, and re-runs.

Loading takes long enough that the module loads once, in a transaction rolled back at the
end; each test runs in its own savepoint inside it, as with Django's setUpTestData.
"""

import datetime as dt
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from agreements import services
from agreements.demo.documents import SOURCE_REPORTS
from agreements.history import provenance
from agreements.models import (
    Agreement,
    AgreementLink,
    Citation,
    Document,
    EntryCategory,
    EntryChange,
    Event,
    Measure,
    MeasureKind,
    Milestone,
    MineralList,
    Participant,
    Participation,
    ParticipationRole,
)
from agreements.timeline import MilestoneState

TODAY = dt.date(2026, 11, 23)
PLAN = "us-mexico-action-plan"
CITED_MODELS = [
    Agreement,
    AgreementLink,
    Participation,
    Milestone,
    Measure,
    Event,
    MineralList,
    Participant,
]


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def agreements_models():
    return list(apps.get_app_config("agreements").get_models())


def row_counts() -> dict[str, int]:
    """Rows of every model of the app, history tables included."""
    return {m._meta.label: m._default_manager.count() for m in agreements_models()}


def history_rows() -> int:
    return sum(
        m._default_manager.count()
        for m in agreements_models()
        if m.__name__.startswith("Historical")
    )


def entries(slug: str):
    return MineralList.objects.get(slug=slug).entries


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """The output of loading the demo into the empty test database."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(first_run, db):
    return first_run


def test_plan_window_and_deadline(demo):
    plan = Agreement.objects.get(slug=PLAN)
    assert plan.window_start == dt.date(2026, 2, 4)
    assert plan.window_days == 60
    assert plan.deadline == dt.date(2026, 4, 5)
    assert plan.kind == "action_plan"
    assert plan.binding == "unknown"


def test_usgs_lists(demo):
    usgs_2022 = entries("usgs-critical-minerals-2022")
    usgs_2025 = entries("usgs-critical-minerals-2025")
    assert usgs_2022.count() == 50
    assert set(
        usgs_2022.filter(change=EntryChange.ADDED).values_list("mineral__slug", flat=True)
    ) == {
        "nickel",
        "zinc",
    }
    assert usgs_2025.count() == 60
    added = set(usgs_2025.filter(change=EntryChange.ADDED).values_list("mineral__slug", flat=True))
    assert added == {
        "boron",
        "copper",
        "lead",
        "metallurgical-coal",
        "phosphate",
        "potash",
        "rhenium",
        "silicon",
        "silver",
        "uranium",
    }
    assert usgs_2025.filter(change=EntryChange.RETAINED).count() == 50
    # Every 2022 mineral is on the 2025 list: nothing was removed.
    assert set(usgs_2022.values_list("mineral", flat=True)) <= set(
        usgs_2025.values_list("mineral", flat=True)
    )
    assert MineralList.objects.get(slug="usgs-critical-minerals-2025").previous_edition.slug == (
        "usgs-critical-minerals-2022"
    )


def test_doe_and_eu_lists(demo):
    doe = entries("doe-critical-materials-2023")
    assert doe.count() == 18
    assert set(doe.values_list("category", flat=True)) == {EntryCategory.ENERGY_CRITICAL}
    strategic = entries("eu-crma-strategic-2024")
    critical = entries("eu-crma-critical-2024")
    assert strategic.filter(category=EntryCategory.STRATEGIC).count() == 17
    assert critical.filter(category=EntryCategory.CRITICAL).count() == 34
    assert strategic.get(mineral__slug="lithium").name_as_listed == "Lithium (battery grade)"
    assert critical.get(mineral__slug="aluminum").name_as_listed == "Bauxite/alumina/aluminium"


def test_mexico_list_and_no_bilateral_list(demo):
    mexico = entries("mexico-minerals-statement-2026")
    assert mexico.filter(category=EntryCategory.SCARCE).count() == 13
    assert mexico.filter(category=EntryCategory.PRODUCED).count() == 9
    # A reporter's three examples are not a list, and no list is issued by the United States.
    assert not MineralList.objects.filter(slug="us-mexico-plan-reported-minerals-2026").exists()
    assert not MineralList.objects.filter(agreement__slug=PLAN).exists()
    assert not MineralList.objects.filter(issuer__slug="united-states").exists()
    selection = Measure.objects.get(agreement__slug=PLAN, kind=MeasureKind.MINERAL_SELECTION)
    assert "aluminum, lithium and zinc" in selection.description
    assert not selection.minerals.exists()
    example = selection.citations.get(document__slug="report-us-mexico-plan-supply-chain")
    assert example.locator == "paragraphs 3–4"
    assert "aluminum, lithium and zinc" in Agreement.objects.get(slug=PLAN).summary


def test_plan_leads_and_parties(demo):
    roles = set(
        Participation.objects.filter(agreement__slug=PLAN).values_list("participant__slug", "role")
    )
    assert ("ustr", ParticipationRole.LEAD) in roles
    assert ("secretaria-de-economia", ParticipationRole.LEAD) in roles
    assert ("jamieson-greer", ParticipationRole.ANNOUNCER) in roles
    assert ("marcelo-ebrard", ParticipationRole.ANNOUNCER) in roles
    assert ("united-states", ParticipationRole.PARTY) in roles
    assert ("mexico", ParticipationRole.PARTY) in roles


def test_greer_parent_chain_reaches_the_united_states(demo):
    chain = []
    participant = Participant.objects.get(slug="jamieson-greer")
    while participant is not None:
        chain.append(participant.slug)
        participant = participant.parent
    assert chain == ["jamieson-greer", "ustr", "united-states"]


def test_secretaria_de_economia_aliases(demo):
    aliases = set(
        Participant.objects.get(slug="secretaria-de-economia").aliases.values_list(
            "name", flat=True
        )
    )
    assert {"SE", "Secretaría de Economía", "Ministry of Economy"} <= aliases


def test_ministerial_attendance_cites_three_different_values(demo):
    ministerial = Event.objects.get(slug="critical-minerals-ministerial-2026")
    stated = set(
        ministerial.citations.filter(field_name="attendance").values_list("stated_value", flat=True)
    )
    assert stated == {"54 countries and the European Commission", "55 countries", "56 countries"}


def test_plan_milestones_outcome_unknown_on_23_nov_2026(demo):
    milestones = Milestone.objects.filter(agreement__slug=PLAN)
    assert milestones.count() == 4
    annotated = {m.pk: m.state for m in milestones.with_state(TODAY)}
    for milestone in milestones.select_related("agreement"):
        assert milestone.due_date == dt.date(2026, 4, 5)
        assert milestone.state_on(TODAY) == MilestoneState.UNKNOWN
        assert annotated[milestone.pk] == milestone.state_on(TODAY)
        assert "none of the sources" in milestone.outcome


def test_price_floor_has_no_amount(demo):
    floor = Measure.objects.get(agreement__slug=PLAN, kind=MeasureKind.PRICE_FLOOR)
    assert floor.stage == "to_explore"
    assert floor.price_floor_amount is None


@pytest.mark.parametrize("model", CITED_MODELS, ids=lambda m: m.__name__)
def test_every_demo_fact_is_cited(demo, model, django_assert_num_queries):
    assert model.objects.exists()
    with django_assert_num_queries(1):
        uncited = list(model.objects.filter(citations__isnull=True).values_list("pk", flat=True))
    assert uncited == []


def test_disputed_dates_cite_each_source(demo):
    framework = Agreement.objects.get(slug="us-japan-framework-critical-minerals")
    assert set(
        framework.citations.filter(field_name="signed_on").values_list("stated_value", flat=True)
    ) == {"28 Oct 2025", "27 Oct 2025"}
    proclamation = Agreement.objects.get(slug="proclamation-11001")
    assert proclamation.deadline == dt.date(2026, 7, 13)
    assert set(
        proclamation.citations.filter(field_name="signed_on").values_list("stated_value", flat=True)
    ) == {"14 Jan 2026", "15 Jan 2026", "20 Jan 2026"}


def test_sources_differ_only_where_the_research_records_a_disagreement(demo):
    values = {}
    for citation in Citation.objects.exclude(field_name="").exclude(stated_value=""):
        key = (citation.content_type.model, citation.object_id, citation.field_name)
        values.setdefault(key, set()).add(citation.stated_value)
    names = {
        model: dict(apps.get_model("agreements", model).objects.values_list("pk", "slug"))
        for model in ("agreement", "event", "minerallist", "participant")
    }
    names["milestone"] = {
        milestone.pk: f"{milestone.agreement.slug}: {milestone.title}"
        for milestone in Milestone.objects.select_related("agreement")
    }
    differing = {
        (model, names[model][pk], field)
        for (model, pk, field), stated in values.items()
        if len(stated) > 1
    }
    # The "Where sources differ" page shows the same facts.
    shown = set()
    for fact in provenance.disputed_facts():
        model = fact.model._meta.model_name
        shown.add((model, names[model][fact.object_id], fact.field_name))
    assert shown == differing
    assert differing == {
        ("agreement", "us-japan-framework-critical-minerals", "signed_on"),
        ("agreement", "proclamation-11001", "signed_on"),
        ("agreement", "forge", "title"),
        ("event", "critical-minerals-ministerial-2026", "attendance"),
        ("event", "critical-minerals-ministerial-2026", "starts_on"),
        # 11 frameworks (State Department) or 12 (Clark Hill, counting the UK).
        ("event", "critical-minerals-ministerial-2026", "summary"),
        # Mexico lacks 13 minerals (Diario 7), or "at least 14" naming the same 13.
        ("minerallist", "mexico-minerals-statement-2026", "minerals"),
        # "Renegotiation" in one source report, "review" in the other.
        ("agreement", "usmca-joint-review-2026", "kind"),
        # Within the plan's 60 days, or "in the coming months".
        ("milestone", f"{PLAN}: Explore border-adjusted price floors", "due_day"),
        (
            "milestone",
            f"{PLAN}: Consult on a binding plurilateral agreement on trade in critical minerals",
            "due_day",
        ),
    }


def test_first_run_creates_everything(demo):
    *model_lines, total_line = demo.strip().splitlines()
    created = {}
    for line in model_lines:
        name, numbers = line.split("  created ")
        made, present = (int(n) for n in re.findall(r"\d+", numbers))
        assert present == 0, line
        created[name.strip()] = made
    assert created["Citations"] == Citation.objects.count()
    assert created["Agreements"] == Agreement.objects.count() == 11
    assert total_line == f"{sum(created.values())} records created."


def test_second_run_creates_and_records_nothing(demo):
    counts, history = row_counts(), history_rows()
    second = load()
    assert row_counts() == counts
    assert history_rows() == history
    assert "0 records created." in second
    assert "edited since" not in second


def test_rerun_keeps_a_staff_edit(demo, staff_user):
    plan = Agreement.objects.get(slug=PLAN)
    plan.summary = "Edited by staff."
    services.record_save(instance=plan, by=staff_user, reason="edit")
    counts, history = row_counts(), history_rows()
    out = load()
    plan.refresh_from_db()
    assert plan.summary == "Edited by staff."
    assert plan.history.latest().history_user == staff_user
    assert row_counts() == counts
    assert history_rows() == history
    assert "edited since, kept: 1" in out


def test_rerun_restores_a_missing_citation_without_touching_the_rest(demo):
    ministerial = Event.objects.get(slug="critical-minerals-ministerial-2026")
    ministerial.citations.get(field_name="attendance", stated_value="56 countries").delete()
    before = Citation.objects.count()
    load()
    assert Citation.objects.count() == before + 1
    assert ministerial.citations.filter(stated_value="56 countries").exists()


def test_source_reports_are_stored_without_their_text(demo):
    reports = Document.objects.filter(slug__in=SOURCE_REPORTS)
    assert reports.count() == 2
    for report in reports:
        assert report.text == ""
        assert report.content_hash == ""
        assert report.kind == "news_report"
        assert report.is_primary is False
        assert report.language == "en"
        assert report.summary
    long_report = reports.get(slug="report-us-mexico-plan-supply-chain")
    assert long_report.author == "Ahmed Hassan"
    assert long_report.url.startswith("https://www.newsdirectory3.com/")
    assert reports.get(slug="report-us-mexico-60-day-plan").no_address_reason
    assert not Document.objects.exclude(text="").exists()


def test_spanish_outlets_are_marked_spanish(demo):
    assert set(
        Document.objects.filter(publisher__in=["La Jornada", "La Razón de México"]).values_list(
            "language", flat=True
        )
    ) == {"es"}


def test_vance_trade_zone_is_a_record_of_its_own_linked_from_the_plan(demo):
    zone = Agreement.objects.get(slug="critical-minerals-preferential-trade-zone")
    assert (zone.status, zone.binding) == ("proposed", "unknown")
    assert zone.announced_on == dt.date(2026, 2, 4)
    assert zone.participations.get().participant.slug == "jd-vance"
    assert set(zone.measures.values_list("kind", flat=True)) == {
        MeasureKind.PRICE_FLOOR,
        MeasureKind.TARIFF,
    }
    # Both source reports tie the plan to it, each at the place that says so.
    link = AgreementLink.objects.get(source__slug=PLAN, target=zone)
    assert set(link.citations.values_list("document__slug", "locator")) == {
        ("report-us-mexico-plan-supply-chain", "paragraph 6"),
        ("report-us-mexico-60-day-plan", "Why It's Important?"),
    }
    assert (
        Event.objects.get(slug="critical-minerals-ministerial-2026")
        .agreements.filter(pk=zone.pk)
        .exists()
    )


def test_china_and_the_three_claims_about_it(demo):
    china = Participant.objects.get(slug="china")
    assert not china.participations.exists()
    claims = {c.document.slug: c for c in china.citations.filter(field_name="description")}
    assert {slug: c.locator for slug, c in claims.items()} == {
        "report-us-mexico-60-day-plan": "Why It's Important?",
        "report-us-mexico-plan-supply-chain": "paragraph 6",
        "reuters-us-mexico-plan": "",
    }
    # Three different claims, none a value the others contradict.
    assert all(c.note and not c.stated_value for c in claims.values())
    assert set(china.mentioned_in.values_list("slug", flat=True)) >= set(claims)


def test_ebrard_remarks_of_4_feb(demo):
    remarks = Event.objects.get(slug="ebrard-remarks-2026-02-04")
    assert remarks.starts_on == dt.date(2026, 2, 4)
    assert "60 critical minerals" in remarks.summary
    assert "lithium" in remarks.summary
    assert remarks.agreements.get().slug == PLAN
    # The research names no outlet for the 60-minerals and lithium points: the note says so.
    summary_source = remarks.citations.get(field_name="summary")
    assert summary_source.document.slug == "vanguardia-ebrard-sre-leads"
    assert "without naming the outlet" in summary_source.note


def test_mexico_canada_plan(demo):
    plan = Agreement.objects.get(slug="mexico-canada-action-plan")
    assert (plan.status, plan.binding) == ("proposed", "unknown")
    assert plan.announced_on == dt.date(2026, 2, 16)
    assert plan.window_start is None and not plan.milestones.exists()
    assert set(plan.participations.values_list("participant__slug", flat=True)) == {
        "mexico",
        "canada",
    }
    assert AgreementLink.objects.filter(source__slug=PLAN, target=plan).exists()


def test_usgs_release_dates_are_separate_from_the_federal_register(demo):
    usgs_2022 = MineralList.objects.get(slug="usgs-critical-minerals-2022")
    assert usgs_2022.published_on == dt.date(2022, 2, 22)
    assert "24 Feb 2022" in usgs_2022.legal_reference
    assert set(
        usgs_2022.citations.exclude(stated_value="").values_list(
            "field_name", "document__slug", "stated_value"
        )
    ) >= {
        ("published_on", "smenet-usgs-2022", "22 Feb 2022"),
        (
            "legal_reference",
            "usgs-2022-fr-notice",
            "Federal Register, 24 Feb 2022, FR Doc. 2022-04027",
        ),
    }
    release = Event.objects.get(slug="usgs-2025-final-list-release")
    assert (release.starts_on, release.ends_on) == (dt.date(2025, 11, 6), dt.date(2025, 11, 7))
    assert release.citations.get(field_name="ends_on").stated_value == "7 Nov 2025"
    usgs_2025 = MineralList.objects.get(slug="usgs-critical-minerals-2025")
    assert usgs_2025.published_on == dt.date(2025, 11, 7)
    assert "6–7 Nov 2025" in usgs_2025.summary


def test_forge_chair_is_a_term_with_its_end(demo):
    chair = Participation.objects.get(
        agreement__slug="forge", participant__slug="south-korea", role=ParticipationRole.CHAIR
    )
    assert chair.note == "Chair for the term from 4 Feb 2026 to June 2026."
    assert set(
        chair.citations.filter(field_name="note").values_list("document__slug", "stated_value")
    ) == {("state-ministerial-fact-sheet", "June 2026"), ("anews-forge-chair", "June 2026")}
    forge = Agreement.objects.get(slug="forge")
    assert "until" not in forge.summary and "term ending in June 2026" in forge.summary


def test_locators_only_where_someone_read_the_text(demo):
    # Only the two source reports were read: no other document's citation has a locator.
    assert not (
        Citation.objects.exclude(locator="").exclude(document__slug__in=SOURCE_REPORTS).exists()
    )
    long_report = set(
        Citation.objects.filter(document__slug="report-us-mexico-plan-supply-chain")
        .exclude(locator="")
        .values_list("locator", flat=True)
    )
    assert long_report and all(
        re.fullmatch(r"paragraphs? \d+(–\d+)?( and \d+)?", locator) for locator in long_report
    )
    short_report = set(
        Citation.objects.filter(document__slug="report-us-mexico-60-day-plan")
        .exclude(locator="")
        .values_list("locator", flat=True)
    )
    sections = {"What's Happening?", "Why It's Important?", "What's Next?"}
    assert short_report and all(set(locator.split("; ")) <= sections for locator in short_report)
    # No quotation from a text nobody had.
    assert not Citation.objects.filter(stated_value__icontains="within the next").exists()


def test_sources_the_research_does_not_give_are_gone(demo):
    gone = ["informador-ebrard-investment-meeting", "us-japan-framework-text"]
    assert not Document.objects.filter(slug__in=gone).exists()
    assert not Document.objects.filter(publisher__icontains="informador").exists()
    assert not Document.objects.filter(kind="official_text", publisher="The White House").exists()
    # KBS is cited for the attendance it reports, not for FORGE, the MSP or the chair.
    kbs = Citation.objects.filter(document__slug="kbs-ministerial-56-countries")
    assert {(c.content_type.model, c.field_name) for c in kbs} == {
        ("event", "attendance"),
        ("participant", ""),
    }


def test_plan_window_start_is_computed_not_stated(demo):
    plan = Agreement.objects.get(slug=PLAN)
    window_start = plan.citations.filter(field_name="window_start")
    assert window_start.exists()
    assert all(c.stated_value == "" and "Computed" in c.note for c in window_start)
    assert set(
        plan.citations.filter(field_name="announced_on").values_list(
            "document__slug", "stated_value"
        )
    ) == {("ustr-post-us-mexico-plan", "4 Feb 2026"), ("reuters-us-mexico-plan", "4 Feb 2026")}


def test_usmca_tie_is_cited_to_ustrs_statement(demo):
    link = AgreementLink.objects.get(source__slug=PLAN, target__slug="usmca-joint-review-2026")
    assert set(link.citations.values_list("document__slug", flat=True)) == {
        "dpa-afx-us-critical-minerals-cooperation",
        "clcouncil-us-mexico-action-plan",
    }
    assert not link.citations.exclude(locator="").exists()


def test_when_the_plans_working_steps_are_due_is_a_disagreement(demo):
    for title, sixty_days in (
        ("Explore border-adjusted price floors", "mexicanpressagency-us-mexico-plan"),
        (
            "Consult on a binding plurilateral agreement on trade in critical minerals",
            "clcouncil-us-mexico-action-plan",
        ),
    ):
        milestone = Milestone.objects.get(agreement__slug=PLAN, title=title)
        assert set(
            milestone.citations.filter(field_name="due_day").values_list(
                "document__slug", "locator", "stated_value"
            )
        ) == {
            (sixty_days, "", "60 days"),
            ("report-us-mexico-60-day-plan", "What's Next?", "in the coming months"),
        }
        assert "Sources differ on when" in milestone.description


def test_every_demo_source_can_be_checked(demo):
    out = io.StringIO()
    call_command("check_sources", stdout=out)  # raises CommandError on any failure
    output = out.getvalue()
    assert output.endswith("Every source can be checked.\n")
    exceptions = set(
        Document.objects.filter(url="", archived_url="").values_list("slug", flat=True)
    )
    assert exceptions == {
        "report-us-mexico-60-day-plan",
        "supremacy-mexico-canada-plan",
        "usgs-2025-fr-notice",
        "ustr-fr-notice-plurilateral",
    }
    assert all(
        reason
        for reason in Document.objects.filter(slug__in=exceptions).values_list(
            "no_address_reason", flat=True
        )
    )
    # Every address is a complete https (or, as seen, http) address.
    for url in Document.objects.exclude(url="").values_list("url", flat=True):
        assert url.startswith(("https://", "http://")) and "…" not in url


def test_every_fact_on_the_plan_page_has_a_source_a_reader_can_open(demo, client):
    page = client.get(f"/agreements/{PLAN}/")
    assert page.status_code == 200
    citations = page.context["citations"]
    facts = {}
    for note in citations.footnotes:
        key = (note.citation.content_type_id, note.citation.object_id, note.citation.field_name)
        facts.setdefault(key, []).append(note.document)
    assert len(facts) > 10
    unreachable = [key for key, documents in facts.items() if not any(d.address for d in documents)]
    assert unreachable == []
    html = page.content.decode()
    for documents in facts.values():
        opened = next(d for d in documents if d.address)
        assert f'href="{opened.address}"' in html
