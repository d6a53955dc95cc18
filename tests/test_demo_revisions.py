"""A revision of the demo data reaches a database loaded from an earlier one, visibly, and
only where no one has edited: `load_demo` updates and removes what it alone wrote."""

import copy
import io

import pytest
from django.core.management import call_command

from agreements import models as m
from agreements import services
from agreements.demo import loader
from tests import factories as f

pytestmark = pytest.mark.django_db

PLAN = "us-mexico-action-plan"


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def revised(monkeypatch):
    """Load the demo data as it is, then hand back copies a test may revise."""
    load()
    documents = copy.deepcopy(loader.DOCUMENTS)
    agreements = copy.deepcopy(loader.AGREEMENTS)
    monkeypatch.setattr(loader, "DOCUMENTS", documents)
    monkeypatch.setattr(loader, "AGREEMENTS", agreements)
    return documents, agreements


def spec(items, slug):
    return next(item for item in items if item["slug"] == slug)


def test_an_untouched_record_is_brought_to_the_revised_data_with_a_visible_reason(revised):
    documents, agreements = revised
    spec(agreements, PLAN)["fields"]["summary"] = "A revised summary."
    first_document = documents[0]
    first_document["fields"]["summary"] = "Revised document summary."

    output = load()

    plan = m.Agreement.objects.get(slug=PLAN)
    assert plan.summary == "A revised summary."
    newest = plan.history.latest("history_id")
    assert newest.history_change_reason == loader.UPDATE_REASON
    assert m.Document.objects.get(slug=first_document["slug"]).summary == (
        "Revised document summary."
    )
    assert "updated 1" in output
    # Once brought up to date, a further run writes nothing.
    before = m.Agreement.history.count() + m.Document.history.count()
    load()
    assert m.Agreement.history.count() + m.Document.history.count() == before


def test_an_edited_record_is_kept_as_its_editor_left_it(revised, staff_user):
    _documents, agreements = revised
    plan = m.Agreement.objects.get(slug=PLAN)
    plan.summary = "Written by an editor."
    services.record_save(instance=plan, by=staff_user, reason="Clearer")
    spec(agreements, PLAN)["fields"]["summary"] = "A revised summary."

    output = load()

    assert m.Agreement.objects.get(slug=PLAN).summary == "Written by an editor."
    assert "(edited since, kept: 1)" in output


def test_a_citation_the_data_no_longer_has_is_removed_unless_someone_edited_it(revised):
    _documents, agreements = revised
    plan_spec = spec(agreements, PLAN)
    dropped, edited = plan_spec["cite"][0], plan_spec["cite"][1]
    plan_spec["cite"] = plan_spec["cite"][2:]
    plan = m.Agreement.objects.get(slug=PLAN)

    def citation(cite):
        return m.Citation.objects.filter(
            object_id=plan.pk,
            content_type__model="agreement",
            field_name=cite.field,
            document__slug=cite.doc,
        )

    kept = citation(edited).get()
    kept.note = "Checked by an editor."
    services.record_save(instance=kept, reason="Checked")

    load()

    assert not citation(dropped).exists()
    assert citation(edited).get().note == "Checked by an editor."
    deleted = m.Citation.history.filter(history_type="-").latest("history_id")
    assert deleted.history_change_reason == loader.UPDATE_REASON


def test_a_removed_document_goes_unless_someone_else_cites_it(revised):
    documents, _agreements = revised
    for slug in ("dropped-report", "report-an-editor-cites"):
        extra = copy.deepcopy(documents[0])
        extra["slug"] = slug
        extra["fields"]["url"] = ""
        documents.append(extra)
    load()
    cited = m.Document.objects.get(slug="report-an-editor-cites")
    services.citation_create(subject=f.AgreementFactory(), document=cited, reason="Mine")
    documents[:] = documents[:-2]

    output = load()

    assert not m.Document.objects.filter(slug="dropped-report").exists()
    assert m.Document.objects.filter(slug="report-an-editor-cites").exists()
    assert "removed 1" in output


def test_records_the_loader_never_wrote_are_never_removed(revised):
    mine = services.record_save(
        instance=f.AgreementFactory.build(slug="an-editors-agreement"), reason="Added"
    )
    bulk = m.Mineral.objects.create(slug="bulk-loaded", name="Bulk")  # no history at all

    load()

    assert m.Agreement.objects.filter(pk=mine.pk).exists()
    assert m.Mineral.objects.filter(pk=bulk.pk).exists()
