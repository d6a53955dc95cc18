"""Crawl the public site over the demo data: no internal link may answer 4xx or 5xx."""

from __future__ import annotations

import io
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag

import pytest
from django.core.management import call_command

from agreements import models as m
from agreements.opendata import dataset

SKIPPED_PREFIXES = ("/admin/", "/api/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.links.append(urldefrag(href).url)


def links_of(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return parser.links


@pytest.mark.django_db
def test_every_internal_link_from_home_answers(client):
    call_command("load_demo", stdout=io.StringIO())
    dataset.build()
    seen = {"/"}
    queue = deque(["/"])
    failures: dict[str, tuple[int, str]] = {}
    referrer: dict[str, str] = {}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 400:
            failures[url] = (response.status_code, referrer.get(url, ""))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links_of(response.content.decode()):
            if link in seen or link.startswith(SKIPPED_PREFIXES):
                continue
            seen.add(link)
            referrer[link] = url
            queue.append(link)
    assert failures == {}
    # The crawl reached every kind of detail page, so the check above covered them.
    for record in (
        m.Agreement.objects.get(slug="us-mexico-action-plan"),
        m.Milestone.objects.order_by("pk").first(),
        m.Mineral.objects.get(slug="lithium"),
        m.MineralList.objects.order_by("pk").first(),
        m.Document.objects.order_by("pk").first(),
        m.Event.objects.order_by("pk").first(),
        m.Participant.objects.order_by("pk").first(),
    ):
        assert record.get_absolute_url() in seen, record
    assert "/timeline/" in seen and "/minerals/compare/" in seen
    # The open data: its page, the whole file, and every list's downloads.
    assert {"/data/", "/data/minerals-kb.json", "/data/timeline.csv", "/data/events.json"} <= seen


@pytest.mark.django_db
def test_the_spanish_site_answers_every_link_in_spanish(client):
    call_command("load_demo", stdout=io.StringIO())
    dataset.build()
    seen = {"/es/"}
    queue = deque(["/es/"])
    failures: dict[str, int] = {}
    not_spanish: list[str] = []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 400:
            failures[url] = response.status_code
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if '<html lang="es">' not in html:
            not_spanish.append(url)
        for link in links_of(html):
            # Pages link to their English twin (the language switch) and to the API.
            if link in seen or not link.startswith("/es/"):
                continue
            seen.add(link)
            queue.append(link)
    assert failures == {}
    assert not_spanish == []
    assert len(seen) > 300
    assert {"/es/agreements/us-mexico-action-plan/", "/es/how-we-source/", "/es/data/"} <= seen
