"""Checkable sources: a citation's quote must stand in its document's stored text."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from agreements import models as m
from agreements import services
from tests import factories as f

pytestmark = pytest.mark.django_db

TEXT = "The parties will identify minerals of mutual interest.\n\nThey will explore price floors."


@pytest.fixture
def document():
    return f.DocumentFactory(slug="statement", text=TEXT)


def test_a_quote_found_in_the_text_is_kept_whatever_its_line_breaks(document):
    plan = f.AgreementFactory()
    citation = services.citation_create(
        subject=plan, document=document, quote="identify  minerals\nof mutual interest"
    )
    assert m.Citation.objects.get(pk=citation.pk).quote == "identify  minerals\nof mutual interest"


def test_a_quote_not_in_the_stored_text_is_refused_and_nothing_is_written(document):
    plan = f.AgreementFactory()
    with pytest.raises(ValidationError) as refused:
        services.citation_create(subject=plan, document=document, quote="within 30 days")
    assert refused.value.message_dict == {
        "quote": ["This passage is not in the document's stored text."]
    }
    assert not m.Citation.objects.exists()


def test_a_quote_of_a_document_without_stored_text_cannot_be_checked_and_is_kept():
    document = f.DocumentFactory(text="")
    citation = services.citation_create(
        subject=f.AgreementFactory(), document=document, quote="as reported"
    )
    assert citation.quote == "as reported"


def test_a_new_text_that_loses_a_quoted_passage_is_refused(document):
    services.citation_create(
        subject=f.AgreementFactory(), document=document, quote="explore price floors"
    )
    document.text = "The parties will identify minerals of mutual interest."
    with pytest.raises(ValidationError) as refused:
        services.record_save(instance=document)
    assert "“explore price floors”" in refused.value.message_dict["text"][0]
    assert m.Document.objects.get(pk=document.pk).text == TEXT


@pytest.mark.usefixtures("api_test_settings")
def test_the_api_refuses_a_quote_that_is_not_in_the_text(document, staff_client):
    plan = f.AgreementFactory()
    body = {
        "subject_type": "agreement",
        "subject_id": plan.pk,
        "document": "statement",
        "quote": "a binding treaty",
    }
    response = staff_client.post("/api/v1/citations/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"quote": ["This passage is not in the document's stored text."]}
    body["quote"] = "explore price floors"
    created = staff_client.post("/api/v1/citations/", body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["quote"] == "explore price floors"


def run_check() -> tuple[str, str | None]:
    out = io.StringIO()
    try:
        call_command("check_sources", stdout=out)
    except CommandError as failed:
        return out.getvalue(), str(failed)
    return out.getvalue(), None


def test_check_sources_names_each_kind_of_problem():
    plan = f.AgreementFactory(slug="plan")
    hidden = f.DocumentFactory(slug="hidden", url="")
    spoken = f.DocumentFactory(
        slug="spoken", url="", no_address_reason="Remarks; no text was published."
    )
    copy = f.DocumentFactory(slug="copy", url="", archived_url="https://archive.example.org/c")
    original = f.DocumentFactory(slug="original", url="https://example.org/o")
    services.citation_create(subject=plan, document=hidden, field_name="status", locator="¶2")
    services.citation_create(subject=plan, document=copy, field_name="announced_on", locator="¶1")
    services.citation_create(subject=plan, document=original, field_name="status")
    services.citation_create(subject=plan, document=original, field_name="summary")
    # A locator on a document whose lack of an address is explained is not a failure.
    services.citation_create(subject=plan, document=spoken, field_name="ended_on", locator="end")

    output, failure = run_check()

    assert failure == "2 source problem(s) found."
    assert "Documents with no address and no stated reason: 1\n  hidden\n" in output
    assert (
        "Locators on documents no reader can open, with no stated reason: 1\n"
        f"  agreement #{plan.pk} status ← hidden: ¶2\n"
    ) in output
    # A key fact (status) without a locator is listed, the summary is not a key fact.
    assert (
        "Key facts cited without a locator (to locate once the text is read): 1\n"
        f"  agreement #{plan.pk} status ← original\n"
    ) in output
    assert "spoken: Remarks; no text was published." in output


def test_check_sources_is_clean_when_every_source_can_be_checked():
    plan = f.AgreementFactory()
    document = f.DocumentFactory(url="https://example.org/a", text="It opens on 4 February.")
    services.citation_create(
        subject=plan, document=document, field_name="status", locator="¶1", quote="4 February"
    )
    output, failure = run_check()
    assert failure is None
    assert output.endswith("Every source can be checked.\n")
