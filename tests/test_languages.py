"""Spanish beside English: the catalogue is complete, pages live under /es/, the API
answers in the request's language."""

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests import factories as f

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/es/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|<[^>]+>|&[a-z]+;")


def entries():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    return catalogue, [message for message in catalogue if message.id]


def test_the_catalogue_is_complete_and_nothing_is_fuzzy():
    catalogue, messages = entries()
    assert catalogue.num_plurals == 3
    assert len(messages) > 800
    untranslated = [
        message.id
        for message in messages
        if "fuzzy" in message.flags
        or not all(message.string if message.pluralizable else [message.string])
        or (message.pluralizable and len(message.string) != catalogue.num_plurals)
    ]
    assert untranslated == []


def test_every_translation_keeps_its_placeholders_and_markup():
    _catalogue, messages = entries()
    broken = []
    for message in messages:
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            # A singular may spell out "one" instead of its count.
            missing = wanted - set(PLACEHOLDER.findall(string)) - {"%(counter)s", "%(n)s", "%(n)d"}
            if missing or set(PLACEHOLDER.findall(string)) - wanted - set(
                PLACEHOLDER.findall(ids[0])
            ):
                broken.append(ids[0])
    assert broken == []


@pytest.mark.django_db
def test_spanish_pages_live_under_es_and_english_ones_stay_where_they_were(client):
    f.WindowedAgreementFactory(slug="plan", title="The plan")
    english = client.get("/agreements/plan/")
    spanish = client.get("/es/agreements/plan/")

    assert (english.status_code, spanish.status_code) == (200, 200)
    assert (english["Content-Language"], spanish["Content-Language"]) == ("en", "es")
    english_html, spanish_html = english.content.decode(), spanish.content.decode()
    assert '<html lang="es">' in spanish_html
    assert ">Acuerdos</a>" in spanish_html and ">Agreements</a>" in english_html
    # Each page names its twin for search engines and readers.
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/agreements/plan/">' in (
        english_html
    )
    assert '<a href="/agreements/plan/" hreflang="en" lang="en">English</a>' in spanish_html
    # Links inside a Spanish page stay in Spanish.
    assert 'href="/es/agreements/"' in spanish_html


@pytest.mark.django_db
@pytest.mark.usefixtures("api_test_settings")
def test_the_api_answers_in_the_requests_language(client):
    response = client.get("/api/v1/agreements/?kind=treaty", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "es"
    assert response.status_code == 400
    assert "Escoja una opción válida" in response.json()["kind"][0]


@pytest.mark.django_db
def test_dates_read_as_each_language_writes_them(client):
    f.WindowedAgreementFactory(
        slug="plan", window_start=dt.date(2026, 2, 4), window_days=60, announced_on=None
    )
    english = client.get("/agreements/plan/").content.decode()
    spanish = client.get("/es/agreements/plan/").content.decode()
    assert "4 February 2026" in english and "Day 0: 4 Feb 2026" in english
    assert "4 de febrero de 2026" in spanish and "Día 0: 4 feb 2026" in spanish
    assert "February" not in spanish


@pytest.mark.django_db
@pytest.mark.usefixtures("api_test_settings")
def test_the_api_takes_lang_before_accept_language_and_refuses_others(client):
    chosen = client.get("/api/v1/agreements/?kind=treaty&lang=es", HTTP_ACCEPT_LANGUAGE="en")
    assert chosen["Content-Language"] == "es"
    assert "Escoja una opción válida" in chosen.json()["kind"][0]
    english = client.get("/api/v1/agreements/?lang=en", HTTP_ACCEPT_LANGUAGE="es")
    assert (english.status_code, english["Content-Language"]) == (200, "en")
    refused = client.get("/api/v1/agreements/?lang=fr")
    assert refused.status_code == 400
    assert refused.json() == {"lang": ["Use one of: en, es."]}
    searched = client.get("/api/v1/search/?q=plan&lang=es")
    assert (searched.status_code, searched["Content-Language"]) == (200, "es")
