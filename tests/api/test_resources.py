"""The JSON API's contract: representations, filters, caching, writes and bad input."""

import csv
import datetime as dt
import io
import secrets

import pytest
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from rest_framework.test import APIClient

from agreements import caching, services
from agreements import models as m
from tests import factories
from tests.api.support import LIST_PATHS, database_state, token_client, user_with_perms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_test_settings")]


def test_root_lists_every_resource(api):
    response = api.get("/api/v1/")
    assert response.status_code == 200
    # Every resource, and the search, which is not one.
    assert set(response.json()) == {*LIST_PATHS.values(), "search"}
    assert response.json()["mineral-lists"] == "http://testserver/api/v1/mineral-lists/"


def test_agreement_carries_window_participations_links_and_citations(api):
    today = timezone.localdate()
    agreement = factories.AgreementFactory(
        slug="us-mx-plan", window_start=today - dt.timedelta(days=10), window_days=60
    )
    mexico = factories.ParticipantFactory(slug="mexico")
    factories.ParticipationFactory(agreement=agreement, participant=mexico, role="party")
    target = factories.AgreementFactory(slug="plurilateral")
    factories.AgreementLinkFactory(source=agreement, target=target, kind="leads_to")
    document = factories.DocumentFactory(slug="ustr-release")
    factories.CitationFactory(
        subject_record=agreement, document=document, field_name="window_days", stated_value="60"
    )

    body = api.get("/api/v1/agreements/us-mx-plan/").json()

    assert body["url"] == "http://testserver/api/v1/agreements/us-mx-plan/"
    assert body["deadline"] == (today + dt.timedelta(days=50)).isoformat()
    assert body["window"]["phase"] == "open"
    assert body["window"]["day"] == 10
    assert body["window"]["days_left"] == 50
    assert body["window"]["label"] == "day 10 of 60"
    assert body["participations"][0]["participant"] == "mexico"
    assert body["participations"][0]["participant_url"].endswith("/api/v1/participants/mexico/")
    assert body["links"] == [
        {
            "kind": "leads_to",
            "target": "plurilateral",
            "target_url": "http://testserver/api/v1/agreements/plurilateral/",
            "note": "",
        }
    ]
    assert body["citations"][0]["document"] == "ustr-release"
    assert body["citations"][0]["field_name"] == "window_days"
    assert body["citations"][0]["stated_value"] == "60"
    assert body["expanded"] == {}


def test_agreement_without_window_has_null_window(api):
    factories.AgreementFactory(slug="no-window")
    body = api.get("/api/v1/agreements/no-window/").json()
    assert body["window"] is None
    assert body["deadline"] is None


def test_milestone_due_day_gives_due_date_and_state(api):
    today = timezone.localdate()
    agreement = factories.AgreementFactory(
        slug="plan", window_start=today - dt.timedelta(days=10), window_days=60
    )
    soon = factories.MilestoneFactory(agreement=agreement, due_on=None, due_day=13)
    late = factories.MilestoneFactory(agreement=agreement, due_on=today - dt.timedelta(days=1))

    soon_body = api.get(f"/api/v1/milestones/{soon.pk}/").json()
    late_body = api.get(f"/api/v1/milestones/{late.pk}/").json()

    assert soon_body["due_date"] == (today + dt.timedelta(days=3)).isoformat()
    assert (soon_body["state"], soon_body["state_label"]) == ("due_soon", "Due soon")
    assert (late_body["state"], late_body["state_label"]) == ("overdue", "Overdue")
    assert soon_body["agreement"] == "plan"


def test_expand_embeds_related_records_one_level(api):
    agreement = factories.WindowedAgreementFactory(slug="plan")
    parent = factories.ParticipantFactory(slug="us")
    ustr = factories.ParticipantFactory(slug="ustr", parent=parent)
    factories.ParticipationFactory(agreement=agreement, participant=ustr)
    factories.MilestoneFactory(agreement=agreement, title="Select minerals")

    body = api.get("/api/v1/agreements/plan/?expand=participants,milestones").json()

    assert [p["slug"] for p in body["expanded"]["participants"]] == ["ustr"]
    assert body["expanded"]["participants"][0]["parent"] == "us"
    assert body["expanded"]["participants"][0]["expanded"] == {}
    assert body["expanded"]["milestones"][0]["title"] == "Select minerals"
    assert "measures" not in body["expanded"]


def test_expand_unknown_relation_is_refused(api):
    response = api.get("/api/v1/agreements/?expand=participants,nonsense")
    assert response.status_code == 400
    assert "nonsense" in response.json()["expand"][0]


def test_filters_use_the_shared_filtersets(api):
    mexico = factories.ParticipantFactory(slug="mexico")
    with_mexico = factories.AgreementFactory(slug="with-mexico", kind="mou")
    factories.ParticipationFactory(agreement=with_mexico, participant=mexico)
    factories.AgreementFactory(slug="other", kind="mou")
    factories.AgreementFactory(slug="law", kind="law")

    by_participant = api.get("/api/v1/agreements/?participant=mexico").json()
    by_kind = api.get("/api/v1/agreements/?kind=mou&ordering=title").json()

    assert [a["slug"] for a in by_participant["results"]] == ["with-mexico"]
    assert by_kind["count"] == 2
    assert {a["slug"] for a in by_kind["results"]} == {"with-mexico", "other"}


def test_updated_since_returns_only_newer_records(api):
    old = factories.AgreementFactory(slug="old")
    m.Agreement.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=30))
    factories.AgreementFactory(slug="new")
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    response = api.get("/api/v1/agreements/", {"updated_since": since})

    assert [a["slug"] for a in response.json()["results"]] == ["new"]


@pytest.mark.parametrize(
    ("since", "status"),
    [
        ("0311-01-03T23:51:25-16:49", 200),  # an offset PostgreSQL refuses, as UTC
        ("2026-02-04T10:00:00+14:30", 200),
        ("9999-12-31T23:00:00-05:00", 400),  # after the year 9999 in UTC
        ("0001-01-01T00:30:00+01:00", 400),  # before the year 1 in UTC
    ],
)
def test_updated_since_takes_any_offset_as_the_same_instant(api, since, status):
    factories.AgreementFactory(slug="recent")
    response = api.get("/api/v1/agreements/", {"updated_since": since})
    assert response.status_code == status
    if status == 200:
        assert [a["slug"] for a in response.json()["results"]] == ["recent"]
    else:
        assert "updated_since" in response.json()


def test_date_range_filters(api):
    factories.DocumentFactory(slug="feb", published_on=dt.date(2026, 2, 4))
    factories.DocumentFactory(slug="mar", published_on=dt.date(2026, 3, 4))

    body = api.get(
        "/api/v1/documents/?published_after=2026-03-01&published_before=2026-03-31"
    ).json()

    assert [d["slug"] for d in body["results"]] == ["mar"]


def test_search_and_strict_ordering(api):
    factories.ParticipantFactory(slug="b", name="Bravo Mexico")
    factories.ParticipantFactory(slug="a", name="Alpha Mexico")
    factories.ParticipantFactory(slug="c", name="Charlie")

    body = api.get("/api/v1/participants/?search=mexico&ordering=-name").json()
    refused = api.get("/api/v1/participants/?ordering=password")

    assert [p["slug"] for p in body["results"]] == ["b", "a"]
    assert refused.status_code == 400
    assert "name" in refused.json()["ordering"][0]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("bogus=1", "bogus"),
        ("kind=not-a-kind", "kind"),
        ("announced_after=2026-03-01&announced_before=2026-01-01", "announced_before"),
        ("announced_after=yesterday", "announced_after"),
        ("page_size=100000", "page_size"),
        ("page_size=0", "page_size"),
        ("page=abc", "page"),
        ("search=a%00b", "search"),
        ("participant=nobody", "participant"),
        ("format=xml", "format"),
        ("windowed=perhaps", "windowed"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api, query, parameter):
    factories.AgreementFactory()
    response = api.get(f"/api/v1/agreements/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert parameter in response.json()


def test_page_size_is_client_chosen_within_the_bound(api):
    factories.MineralFactory.create_batch(3)
    body = api.get("/api/v1/minerals/?page_size=2").json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    assert api.get("/api/v1/minerals/?page=9").status_code == 404


def test_csv_keeps_the_filters(api):
    factories.AgreementFactory(slug="mou-1", kind="mou", title="First MoU")
    factories.AgreementFactory(slug="law-1", kind="law")

    response = api.get("/api/v1/agreements/?format=csv&kind=mou")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().strip().splitlines()
    assert lines[0].startswith("url,slug,title,")
    assert len(lines) == 2
    assert "mou-1,First MoU" in lines[1]


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_makes_formula_text_inert_and_keeps_numbers(api):
    plan = factories.WindowedAgreementFactory(slug="a", title='=HYPERLINK("http://x.test","y")')
    factories.MilestoneFactory(agreement=plan, title="@SUM(1)", due_on=None, due_day=7)

    agreement = _csv_rows(api.get("/api/v1/agreements/?format=csv"))[0]
    milestone = _csv_rows(api.get("/api/v1/milestones/?format=csv"))[0]

    assert agreement["title"] == '\'=HYPERLINK("http://x.test","y")'
    assert agreement["window_days"] == "60"
    assert milestone["title"] == "'@SUM(1)"
    assert milestone["due_day"] == "7"


def test_csv_error_is_json(api):
    response = api.get("/api/v1/agreements/?format=csv&kind=nope")
    assert response.status_code == 400
    assert response.json() == {"kind": [response.json()["kind"][0]]}


def test_csv_only_on_lists(api):
    factories.AgreementFactory(slug="a")
    response = api.get("/api/v1/agreements/a/?format=csv")
    assert response.status_code == 400
    assert "format" in response.json()


# HTTP caching -----------------------------------------------------------------------


def test_etag_and_last_modified_then_304(api):
    agreement = factories.AgreementFactory(slug="a")

    first = api.get("/api/v1/agreements/a/")
    again = api.get("/api/v1/agreements/a/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Last-Modified"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]

    agreement.title = "Changed"
    services.record_save(instance=agreement)
    changed = api.get("/api/v1/agreements/a/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["title"] == "Changed"
    assert changed["ETag"] != first["ETag"]


def test_if_modified_since_is_a_304_until_a_write(api, monkeypatch):
    agreement = factories.AgreementFactory(slug="a")
    first = api.get("/api/v1/agreements/a/")
    rendered = parse_http_date(first["Last-Modified"])

    assert (
        api.get("/api/v1/agreements/a/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code
        == 304
    )
    earlier = http_date(rendered - 1)
    assert api.get("/api/v1/agreements/a/", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    # The ETag is exact, so it wins over the date when both are sent.
    both = api.get(
        "/api/v1/agreements/a/",
        HTTP_IF_NONE_MATCH='"stale"',
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert both.status_code == 200

    # A later write is rendered later: the old date no longer matches.
    monkeypatch.setattr(caching.time, "time", lambda: rendered + 5)
    agreement.title = "Changed"
    services.record_save(instance=agreement)
    changed = api.get("/api/v1/agreements/a/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert changed.status_code == 200
    assert changed.json()["title"] == "Changed"
    assert parse_http_date(changed["Last-Modified"]) == rendered + 5


def test_last_modified_follows_a_change_to_a_citation(api, monkeypatch):
    """A record's own updated_at misses a change to its citations; Last-Modified does not."""
    agreement = factories.AgreementFactory(slug="a")
    first = api.get("/api/v1/agreements/a/")
    monkeypatch.setattr(caching.time, "time", lambda: parse_http_date(first["Last-Modified"]) + 60)

    services.citation_create(subject=agreement, document=factories.DocumentFactory(slug="d"))
    again = api.get("/api/v1/agreements/a/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 200
    assert again.json()["citations"][0]["document"] == "d"


def test_each_language_has_its_own_cached_read(api, full_path_runs):
    factories.AgreementFactory(slug="a")
    english = api.get("/api/v1/agreements/a/", HTTP_ACCEPT_LANGUAGE="en")
    spanish = api.get("/api/v1/agreements/a/", HTTP_ACCEPT_LANGUAGE="es")
    spanish_again = api.get("/api/v1/agreements/a/", HTTP_ACCEPT_LANGUAGE="es")

    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == spanish_again["Content-Language"] == "es"
    assert "Accept-Language" in spanish_again["Vary"]
    assert len(full_path_runs) == 2  # one render per language; the third was replayed


def test_list_etag_changes_when_a_related_record_changes(api):
    agreement = factories.AgreementFactory(slug="a")
    participant = factories.ParticipantFactory(slug="p")
    factories.ParticipationFactory(agreement=agreement, participant=participant)

    first = api.get("/api/v1/agreements/")
    participant.slug = "renamed"
    services.record_save(instance=participant)
    second = api.get("/api/v1/agreements/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second.json()["results"][0]["participations"][0]["participant"] == "renamed"


def test_cached_read_is_the_same_body_and_costs_one_query_each(api, django_assert_num_queries):
    factories.AgreementFactory.create_batch(3)
    first = api.get("/api/v1/agreements/")
    with django_assert_num_queries(2):  # one each: the data version
        second = api.get("/api/v1/agreements/")
        not_modified = api.get("/api/v1/agreements/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert not_modified.status_code == 304


REPLAYED_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type", "Allow")


@pytest.fixture
def full_path_runs(monkeypatch):
    """How many requests went through DRF's checks (authentication, throttles, ...)."""
    from agreements.api.viewsets import KBViewSet

    runs = []
    initial = KBViewSet.initial

    def counted(self, request, *args, **kwargs):
        runs.append(request.path)
        return initial(self, request, *args, **kwargs)

    monkeypatch.setattr(KBViewSet, "initial", counted)
    return runs


def _headers(response) -> dict:
    return {name: response.get(name) for name in REPLAYED_HEADERS}


@pytest.mark.parametrize(
    "path", ["/api/v1/agreements/", "/api/v1/agreements/a/", "/api/v1/agreements/?format=csv"]
)
def test_anonymous_cached_read_skips_drf_with_the_full_paths_headers_and_body(
    api, full_path_runs, path
):
    factories.AgreementFactory(slug="a")
    reader = factories.UserFactory(username="reader")
    rendered = api.get(path)
    assert len(full_path_runs) == 1

    replayed = api.get(path)
    head = api.head(path)
    assert len(full_path_runs) == 1  # both answered before DRF ran
    signed_in = token_client(reader).get(path)  # the full path, from the same cache entry
    assert len(full_path_runs) == 2

    assert rendered.status_code == replayed.status_code == head.status_code == 200
    assert signed_in.status_code == 200
    assert replayed.content == signed_in.content == rendered.content
    assert _headers(replayed) == _headers(head) == _headers(rendered)
    assert replayed["ETag"] == signed_in["ETag"]
    assert rendered["Allow"] and "Accept" in rendered["Vary"] and "Cookie" in rendered["Vary"]


def test_anonymous_304_skips_drf_with_the_same_validators(api, full_path_runs):
    factories.AgreementFactory(slug="a")
    rendered = api.get("/api/v1/agreements/")

    fast = api.get("/api/v1/agreements/", HTTP_IF_NONE_MATCH=rendered["ETag"])
    assert len(full_path_runs) == 1
    full = token_client(factories.UserFactory(username="reader")).get(
        "/api/v1/agreements/", HTTP_IF_NONE_MATCH=rendered["ETag"]
    )

    assert fast.status_code == full.status_code == 304
    assert fast.content == b""
    assert fast["ETag"] == rendered["ETag"]
    assert {**_headers(fast), "Content-Type": None} == {**_headers(rendered), "Content-Type": None}
    # A token client's session is never read, so its Vary lacks Cookie; the rest is the same.
    assert {**_headers(fast), "Vary": None} == {**_headers(full), "Vary": None}


def test_anonymous_cached_reads_are_throttled_and_counted_once(api, settings, full_path_runs):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": None},
    }
    factories.AgreementFactory(slug="a")
    statuses = [api.get("/api/v1/agreements/").status_code for _ in range(3)]
    assert len(full_path_runs) == 1  # the first rendered; two replayed before DRF

    refused = api.get("/api/v1/agreements/")

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()


def test_signed_in_reads_never_take_the_anonymous_path(api, staff_user, full_path_runs):
    factories.AgreementFactory(slug="a")
    api.get("/api/v1/agreements/")
    bad_token = APIClient()
    bad_token.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    staff = APIClient()
    staff.force_login(staff_user)

    assert (
        token_client(factories.UserFactory(username="reader"))
        .get("/api/v1/agreements/")
        .status_code
        == 200
    )
    assert bad_token.get("/api/v1/agreements/").status_code == 401
    assert staff.get("/api/v1/agreements/").status_code == 200
    assert len(full_path_runs) == 4


def test_a_write_gives_anonymous_readers_a_fresh_body(api, writer):
    client, _user = writer
    factories.AgreementFactory(slug="a", title="Before")
    first = api.get("/api/v1/agreements/a/")
    assert api.get("/api/v1/agreements/a/").content == first.content

    assert (
        client.patch("/api/v1/agreements/a/", {"title": "After"}, format="json").status_code == 200
    )
    fresh = api.get("/api/v1/agreements/a/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert fresh.status_code == 200
    assert fresh.json()["title"] == "After"
    assert fresh["ETag"] != first["ETag"]
    assert api.get("/api/v1/agreements/a/", HTTP_IF_NONE_MATCH=fresh["ETag"]).status_code == 304


def test_stale_if_match_is_412_and_nothing_changes(writer):
    client, _user = writer
    factories.AgreementFactory(slug="a", title="Original")
    etag = client.get("/api/v1/agreements/a/")["ETag"]
    services.record_save(instance=m.Agreement.objects.get(slug="a"), reason="someone else")
    m.Agreement.objects.filter(slug="a").update(summary="Changed meanwhile")
    before = database_state()

    stale = client.patch(
        "/api/v1/agreements/a/", {"title": "Mine"}, format="json", HTTP_IF_MATCH=etag
    )

    assert stale.status_code == 412
    assert database_state() == before
    fresh_etag = client.get("/api/v1/agreements/a/")["ETag"]
    ok = client.patch(
        "/api/v1/agreements/a/", {"title": "Mine"}, format="json", HTTP_IF_MATCH=fresh_etag
    )
    assert ok.status_code == 200
    assert ok.json()["title"] == "Mine"
    assert ok["ETag"] != fresh_etag
    assert client.get("/api/v1/agreements/a/")["ETag"] == ok["ETag"]


def test_stale_if_match_on_delete_is_412(writer):
    client, _user = writer
    factories.MineralFactory(slug="li")
    response = client.delete("/api/v1/minerals/li/", HTTP_IF_MATCH='"stale"')
    assert response.status_code == 412
    assert m.Mineral.objects.filter(slug="li").exists()


# Writes -----------------------------------------------------------------------------


def test_create_goes_through_the_service_and_records_the_user(writer):
    client, user = writer
    factories.ParticipantFactory(slug="mexico")
    factories.DocumentFactory(slug="release")
    agreement = factories.WindowedAgreementFactory(slug="plan")

    response = client.post(
        "/api/v1/milestones/",
        {
            "agreement": "plan",
            "title": "Select minerals",
            "due_day": 30,
            "responsible": ["mexico"],
            "evidence": ["release"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["due_date"] == (agreement.window_start + dt.timedelta(days=30)).isoformat()
    assert body["responsible"] == ["mexico"]
    assert response["Location"] == body["url"]
    milestone = m.Milestone.objects.get(pk=body["id"])
    assert list(milestone.responsible.values_list("slug", flat=True)) == ["mexico"]
    assert milestone.history.latest().history_user == user


def test_document_content_hash_is_kept_by_the_service(writer):
    client, _user = writer
    response = client.post(
        "/api/v1/documents/",
        {
            "slug": "d",
            "title": "D",
            "kind": "notice",
            "text": "abc",
            "source_url": "https://example.org/d",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["content_hash"] == services.document_content_hash("abc")
    assert m.Document.objects.get(slug="d").url == "https://example.org/d"


def test_model_validation_is_a_400_with_field_messages(writer):
    client, _user = writer
    factories.AgreementFactory(slug="no-window")
    before = database_state()

    response = client.post(
        "/api/v1/milestones/",
        {"agreement": "no-window", "title": "Day ten", "due_day": 10},
        format="json",
    )

    assert response.status_code == 400
    assert "no window" in response.json()["due_day"][0]
    assert database_state() == before


def test_constraint_violation_is_a_400_and_nothing_is_written(writer):
    client, _user = writer
    before = database_state()
    response = client.post(
        "/api/v1/agreements/",
        {"slug": "half", "title": "Half a window", "kind": "action_plan", "window_days": 60},
        format="json",
    )
    assert response.status_code == 400
    assert "start date" in str(response.json())
    assert database_state() == before


def test_deleting_a_record_others_depend_on_is_409(writer):
    client, _user = writer
    participant = factories.ParticipantFactory(slug="mexico")
    factories.ParticipationFactory(participant=participant)

    response = client.delete("/api/v1/participants/mexico/")

    assert response.status_code == 409
    assert response.json()["detail"].startswith("“Participant")
    assert "participations" in response.json()["detail"]
    assert m.Participant.objects.filter(slug="mexico").exists()


def test_delete_records_the_user(writer):
    client, user = writer
    factories.MineralFactory(slug="li")
    response = client.delete("/api/v1/minerals/li/")
    assert response.status_code == 204
    assert not m.Mineral.objects.filter(slug="li").exists()
    deletion = m.Mineral.history.filter(slug="li").latest()
    assert deletion.history_type == "-"
    assert deletion.history_user == user


def test_citation_create_and_unknown_subject(writer):
    client, _user = writer
    agreement = factories.AgreementFactory(slug="a")
    factories.DocumentFactory(slug="doc")

    created = client.post(
        "/api/v1/citations/",
        {"subject_type": "agreement", "subject_id": agreement.pk, "document": "doc"},
        format="json",
    )
    missing = client.post(
        "/api/v1/citations/",
        {"subject_type": "agreement", "subject_id": 999999, "document": "doc"},
        format="json",
    )
    duplicate = client.post(
        "/api/v1/citations/",
        {"subject_type": "agreement", "subject_id": agreement.pk, "document": "doc"},
        format="json",
    )

    assert created.status_code == 201
    assert created.json()["subject_url"] == "http://testserver/api/v1/agreements/a/"
    assert missing.status_code == 400
    assert "subject_id" in missing.json()
    assert duplicate.status_code == 400
    assert "already cited" in str(duplicate.json())
    assert m.Citation.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "content_type", "field"),
    [
        ('{"slug": "x", "title": ', "application/json", "detail"),
        ('{"slug": "x", "title": "T", "kind": "nope"}', "application/json", "kind"),
        ('{"slug": "x", "title": ["T"], "kind": "mou"}', "application/json", "title"),
        ('{"slug": "x", "title": "T", "kind": "mou", "window_days": "many"}', None, "window_days"),
        ('{"slug": "x", "title": "T\\u0000", "kind": "mou"}', "application/json", "title"),
        ('{"slug": "x y", "title": "T", "kind": "mou"}', "application/json", "slug"),
        ('{"slug": "x", "title": "T", "kind": "mou", "signed_on": "soon"}', None, "signed_on"),
        ("[]", "application/json", "non_field_errors"),
    ],
)
def test_bad_bodies_are_a_4xx_with_a_message(writer, body, content_type, field):
    client, _user = writer
    before = database_state()
    response = client.generic(
        "POST", "/api/v1/agreements/", body, content_type=content_type or "application/json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert database_state() == before


def test_links_must_be_a_list(writer):
    client, _user = writer
    body = {"slug": "d", "title": "D", "kind": "notice", "mentioned_minerals": {}}

    response = client.post("/api/v1/documents/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {"mentioned_minerals": ["Expected a list."]}
    assert not m.Document.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"slug": "l", "name": "L", "edition": 2026, "issuer": "us\x00a"},
        {
            "slug": "e",
            "title": "E",
            "kind": "meeting",
            "starts_on": "2026-02-04",
            "participants": ["x\x00"],
        },
    ],
)
def test_a_nul_in_a_related_slug_is_a_400(writer, body):
    client, _user = writer
    path = "/api/v1/mineral-lists/" if "edition" in body else "/api/v1/events/"
    before = database_state()

    response = client.post(path, body, format="json")

    assert response.status_code == 400
    assert "Null characters are not allowed." in str(response.json())
    assert database_state() == before


def test_unsupported_media_type_is_415(writer):
    client, _user = writer
    response = client.generic("POST", "/api/v1/agreements/", "a=b", content_type="text/plain")
    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


def test_staff_session_needs_csrf_and_plain_sessions_cannot_write(staff_user):
    staff = APIClient(enforce_csrf_checks=True)
    staff.force_login(staff_user)
    body = {"slug": "s", "name": "Staff mineral"}

    without_token = staff.post("/api/v1/minerals/", body, format="json")
    token = secrets.token_hex(16)
    staff.cookies["csrftoken"] = token
    with_token = staff.post("/api/v1/minerals/", body, format="json", HTTP_X_CSRFTOKEN=token)

    assert without_token.status_code == 403
    assert "CSRF" in without_token.json()["detail"]
    assert with_token.status_code == 201
    assert m.Mineral.objects.get(slug="s").history.latest().history_user == staff_user

    # Even with the model permission, a non-staff browser session is not an API credential.
    member = user_with_perms("member", m.Mineral)
    session = APIClient()
    session.force_login(member)
    refused = session.post("/api/v1/minerals/", {"slug": "t", "name": "T"}, format="json")
    assert refused.status_code == 401
    assert not m.Mineral.objects.filter(slug="t").exists()


def test_healthz_is_a_bare_json_view(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
