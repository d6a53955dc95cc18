"""A document's page says where to read it, and marks the passages our facts quote."""

import pytest

from agreements import services
from tests import factories as f

pytestmark = pytest.mark.django_db

TEXT = "First paragraph, on minerals of <mutual> interest.\n\nSecond: explore price floors."


def test_quoted_passages_are_marked_and_footnotes_lead_to_them(client):
    document = f.DocumentFactory(
        slug="statement", title="Joint statement", text=TEXT, url="https://example.org/s"
    )
    plan = f.AgreementFactory(slug="plan")
    citation = services.citation_create(
        subject=plan, document=document, field_name="summary", quote="explore price floors"
    )

    page = client.get("/documents/statement/").content.decode()
    assert f'<mark id="quote-{citation.pk}">explore price floors</mark>' in page
    assert "minerals of &lt;mutual&gt; interest" in page  # the stored text is escaped
    assert f'href="#quote-{citation.pk}"' in page

    plan_page = client.get("/agreements/plan/").content.decode()
    assert f'href="/documents/statement/#quote-{citation.pk}"' in plan_page
    assert 'href="https://example.org/s"' in plan_page


@pytest.mark.parametrize(
    ("fields", "shown", "absent"),
    [
        (
            {"url": "https://example.org/a"},
            ['href="https://example.org/a"', "Read the original"],
            ["No public address"],
        ),
        (
            {"archived_url": "https://archive.example.org/a"},
            ['href="https://archive.example.org/a"', "Read a copy"],
            ["Read the original", "No public address"],
        ),
        (
            {"no_address_reason": "Read out at a press conference; no text was published."},
            ["No public address: Read out at a press conference; no text was published."],
            ["Read the original"],
        ),
        ({}, ["No public address recorded yet."], ["Read the original"]),
    ],
)
def test_the_page_says_where_to_read_it_or_why_it_cannot_be(client, fields, shown, absent):
    f.DocumentFactory(slug="doc", **{"url": "", **fields})
    page = client.get("/documents/doc/").content.decode()
    for text in shown:
        assert text in page
    for text in absent:
        assert text not in page
