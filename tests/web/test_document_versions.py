"""Document versions: re-adding a changed text keeps the earlier one; pages show the change."""

import hashlib

import pytest
from django.core.management import call_command

from agreements import models as m
from agreements import services
from agreements.history.versions import text_versions

pytestmark = pytest.mark.django_db

URL = "https://www.ustr.gov/plan"
FIRST = "Article 1. Sixty days.\nArticle 2. Price floors.\nArticle 3. Consultations."
SECOND = (
    "Article 1. Sixty days.\nArticle 2. Border-adjusted price floors.\nArticle 3. Consultations."
)


def _add(text: str):
    return services.document_add(
        url=URL, title="Action plan", text=text, slug="plan", kind="official_text"
    )


def test_re_adding_a_changed_text_keeps_the_earlier_version():
    document, created = _add(FIRST)
    same, written_again = _add(FIRST)
    changed, written = _add(SECOND)

    assert created and written and not written_again
    assert same.pk == changed.pk == document.pk
    assert m.Document.objects.count() == 1
    assert changed.text == SECOND
    versions = text_versions(changed)
    assert [v.content_hash for v in versions] == [
        hashlib.sha256(FIRST.encode()).hexdigest(),
        hashlib.sha256(SECOND.encode()).hexdigest(),
    ]
    assert [v.length for v in versions] == [len(FIRST), len(SECOND)]
    assert document.history.count() == 2  # the unchanged re-add wrote nothing
    assert document.history.earliest().text == FIRST


def test_a_metadata_edit_is_no_new_text_version():
    document, _created = _add(FIRST)
    document.title = "Action plan (USTR)"
    services.record_save(instance=document)

    assert len(text_versions(document)) == 1


def test_the_document_page_lists_versions_and_the_diff_page_shows_the_change(client):
    _add(FIRST)
    document, _written = _add(SECOND)

    page = client.get("/documents/plan/").content.decode()
    diff = client.get("/documents/plan/text/2/")
    first = client.get("/documents/plan/text/1/")

    assert "Versions of the text" in page
    assert document.content_hash[:12] in page
    html = diff.content.decode()
    assert diff.status_code == 200
    assert "Removed: </span>Article 2. Price floors." in html
    assert "Added: </span>Article 2. Border-adjusted price floors." in html
    assert "Article 1. Sixty days." in html  # context around the change
    assert [line.kind for line in diff.context["lines"]].count("added") == 1
    assert first.status_code == 200
    assert [line.kind for line in first.context["lines"]] == ["added"] * 3
    assert client.get("/documents/plan/text/3/").status_code == 404


def test_the_command_adds_then_records_a_new_version(tmp_path):
    text_file = tmp_path / "plan.txt"
    text_file.write_text(FIRST, encoding="utf-8")
    args = ["add_document", "--url", URL, "--title", "Action plan", "--text-file", str(text_file)]
    call_command(*args)
    text_file.write_text(SECOND, encoding="utf-8")
    call_command(*args)

    document = m.Document.objects.get(url=URL)
    assert len(text_versions(document)) == 2
    newest = document.history.latest()
    assert (newest.history_via, newest.history_command) == (m.Via.COMMAND, "add_document")


def test_the_document_page_budget_does_not_grow_with_versions(
    client, django_assert_max_num_queries
):
    _add(FIRST)
    client.get("/documents/plan/")
    with django_assert_max_num_queries(20) as few:
        one = client.get("/documents/plan/")
    for n in range(10):
        _add(f"{SECOND}\nAmendment {n}.")
    with django_assert_max_num_queries(len(few)):
        eleven = client.get("/documents/plan/")

    assert one.status_code == eleven.status_code == 200
    assert len(one.context["text_versions"]) == 1
    assert len(eleven.context["text_versions"]) == 11
    assert "/documents/plan/text/11/" in eleven.content.decode()
