"""The API's history: /history/ of a record, `as_of` and `version` on details, /cite/."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import parse_http_date

from agreements import models as m
from agreements import services
from tests import factories
from tests.api.support import LIST_PATHS, ROWS, detail_url, token_client, user_with_perms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_test_settings")]


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _save_on(day: dt.date, record, monkeypatch, **values):
    """Save `record` with `values` as if on `day` (history dates come from the clock)."""
    monkeypatch.setattr(timezone, "now", lambda: _at(day))
    for name, value in values.items():
        setattr(record, name, value)
    services.record_save(instance=record)
    monkeypatch.undo()
    return record


@pytest.fixture
def edited_plan(monkeypatch):
    """A plan created on 1 Feb, its window and a participation added on 4 Feb, its status
    and a citation changed on 10 Apr."""
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2026, 2, 1)))
    plan = factories.AgreementFactory(slug="plan", title="Plan", status="proposed")
    monkeypatch.undo()
    _save_on(
        dt.date(2026, 2, 4),
        plan,
        monkeypatch,
        status="announced",
        window_start=dt.date(2026, 2, 4),
        window_days=60,
    )
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2026, 2, 4), 13))
    mexico = factories.ParticipantFactory(slug="mexico", name="Mexico")
    factories.ParticipationFactory(agreement=plan, participant=mexico)
    monkeypatch.undo()
    _save_on(dt.date(2026, 4, 10), plan, monkeypatch, status="concluded", title="Plan (closed)")
    monkeypatch.setattr(timezone, "now", lambda: _at(dt.date(2026, 4, 10), 14))
    services.citation_create(subject=plan, document=factories.DocumentFactory(slug="report"))
    _save_on(dt.date(2026, 4, 11), mexico, monkeypatch, slug="mexico-gob", name="México")
    monkeypatch.undo()
    return plan


@pytest.mark.parametrize(
    "day,status,title,window_days,participants,citations",
    [
        ("2026-02-01", "proposed", "Plan", None, [], []),
        ("2026-02-03", "proposed", "Plan", None, [], []),
        ("2026-02-04", "announced", "Plan", 60, ["mexico"], []),
        ("2026-04-09", "announced", "Plan", 60, ["mexico"], []),
        ("2026-04-10", "concluded", "Plan (closed)", 60, ["mexico"], ["report"]),
        # The participant's later rename shows in later snapshots, not in earlier ones.
        ("2026-04-11", "concluded", "Plan (closed)", 60, ["mexico-gob"], ["report"]),
    ],
)
def test_as_of_returns_the_record_at_the_end_of_that_day(
    api, edited_plan, day, status, title, window_days, participants, citations
):
    response = api.get(f"/api/v1/agreements/plan/?as_of={day}")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["title"], body["window_days"]) == (status, title, window_days)
    assert [p["participant"] for p in body["participations"]] == participants
    assert [c["document"] for c in body["citations"]] == citations
    assert parse_http_date(response["Memento-Datetime"]) == int(
        timezone.make_aware(
            dt.datetime.combine(dt.date.fromisoformat(day), dt.time.max)
        ).timestamp()
    )
    # The record's own fields are those of the version in force that day.
    version = api.get(f"/api/v1/agreements/plan/cite/?as_of={day}").json()["version"]
    by_version = api.get(f"/api/v1/agreements/plan/?version={version}").json()
    assert (by_version["status"], by_version["title"]) == (status, title)


def test_as_of_judges_the_window_on_that_day(api, edited_plan):
    body = api.get("/api/v1/agreements/plan/?as_of=2026-03-06").json()
    assert body["window"]["phase"] == "open"
    assert body["window"]["day"] == 30
    assert body["window"]["label"] == "day 30 of 60"


def test_as_of_before_the_record_existed_is_a_404(api, edited_plan):
    response = api.get("/api/v1/agreements/plan/?as_of=2026-01-31")
    assert response.status_code == 404
    assert "did not exist" in response.json()["detail"]


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("as_of=2026-02-30", "as_of"),
        ("as_of=yesterday", "as_of"),
        ("as_of=2026-2-1", "as_of"),
        ("version=0", "version"),
        ("version=abc", "version"),
        ("as_of=2026-02-04&version=1", "version"),
    ],
)
def test_bad_as_of_or_version_is_a_400_naming_it(api, edited_plan, query, parameter):
    response = api.get(f"/api/v1/agreements/plan/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_a_version_of_another_record_is_a_404(api, edited_plan):
    other = factories.AgreementFactory(slug="other").history.get()
    assert api.get(f"/api/v1/agreements/plan/?version={other.history_id}").status_code == 404


def test_as_of_with_expand_embeds_the_related_records_as_they_were(api, edited_plan):
    early = api.get("/api/v1/agreements/plan/?as_of=2026-04-10&expand=participants").json()
    late = api.get("/api/v1/agreements/plan/?as_of=2026-04-11&expand=participants").json()
    assert [p["name"] for p in early["expanded"]["participants"]] == ["Mexico"]
    assert [p["name"] for p in late["expanded"]["participants"]] == ["México"]


def test_history_lists_versions_newest_first_with_changes(api, edited_plan):
    body = api.get("/api/v1/agreements/plan/history/").json()

    assert body["count"] == 3
    newest, middle, first = body["results"]
    assert [v["type"] for v in body["results"]] == ["changed", "changed", "created"]
    assert {c["field"]: (c["old"], c["new"]) for c in newest["changes"]} == {
        "title": ("Plan", "Plan (closed)"),
        "status": ("Announced", "Concluded"),
    }
    assert {"window_start", "window_days", "status"} <= {c["field"] for c in middle["changes"]}
    assert first["version"] < middle["version"] < newest["version"]
    assert newest["editor"] is None


def test_history_records_the_api_writer_and_channel():
    writer = user_with_perms("writer", m.Mineral)
    factories.MineralFactory(slug="li", name="Lithium")
    client = token_client(writer)

    assert client.patch("/api/v1/minerals/li/", {"name": "Li"}, format="json").status_code == 200
    newest = client.get("/api/v1/minerals/li/history/").json()["results"][0]

    assert newest["via"] == "api-token"
    assert newest["changes"] == [{"field": "name", "label": "Name", "old": "Lithium", "new": "Li"}]


def test_cite_names_the_current_or_requested_version(api, edited_plan):
    current = api.get("/api/v1/agreements/plan/cite/").json()
    old = api.get("/api/v1/agreements/plan/cite/?as_of=2026-02-04").json()

    latest = edited_plan.history.latest()
    assert current["version"] == latest.history_id
    assert current["url"] == f"http://testserver/agreements/plan/history/{latest.history_id}/"
    assert "Plan (closed)" in current["text"]
    assert current["csl_json"]["version"] == str(latest.history_id)
    assert old["version"] < current["version"]
    assert "“Plan” (agreement)" in old["text"]
    assert current["bibtex"].startswith(f"@misc{{mineralskb-agreement-plan-v{latest.history_id},")


def test_cite_of_a_record_without_pages_points_at_its_api_version(api):
    participation = factories.ParticipationFactory()
    body = api.get(f"/api/v1/participations/{participation.pk}/cite/").json()
    assert body["url"] == (
        f"http://testserver/api/v1/participations/{participation.pk}/"
        f"?version={participation.history.get().history_id}"
    )


@pytest.mark.parametrize("resource", sorted(ROWS))
def test_history_and_as_of_queries_do_not_grow_with_versions(api, resource):
    record = ROWS[resource]()
    url = detail_url(resource, record)
    today = timezone.localdate().isoformat()

    def counts():
        result = []
        for path in (f"{url}history/", f"{url}?as_of={today}", f"{url}cite/"):
            api.get(path)  # content types are cached after first use
            with CaptureQueriesContext(connection) as queries:
                assert api.get(path).status_code == 200
            result.append(len(queries))
        return result

    services.record_save(instance=record)
    few = counts()
    for _ in range(20):
        services.record_save(instance=record)
    many = counts()

    assert few == many
    assert many[0] <= 10
    assert LIST_PATHS[resource]
