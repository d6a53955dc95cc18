"""Recording history: every write path leaves exactly one row, with who, how and links."""

import pytest
from django.core.management import call_command
from django.db import models
from django.middleware.csrf import _get_new_csrf_string
from rest_framework.test import APIClient

from agreements import models as m
from agreements import services
from agreements.history import changes
from agreements.history.recording import recording
from tests import factories as f
from tests.admin.support import admin_url, posted_values
from tests.api.support import token_client, user_with_perms

pytestmark = pytest.mark.django_db


def history_rows() -> int:
    return sum(model.history.count() for model in changes.tracked_models())


def test_a_service_write_is_one_row_with_its_user_and_reason(staff_user):
    agreement = f.AgreementFactory(title="First")
    before = history_rows()

    agreement.title = "Second"
    services.record_save(instance=agreement, by=staff_user, reason="Typo")

    assert history_rows() == before + 1
    latest = agreement.history.latest()
    assert (latest.title, latest.history_type) == ("Second", "~")
    assert latest.history_user == staff_user
    assert latest.history_change_reason == "Typo"
    assert latest.history_via == m.Via.DIRECT


def test_links_are_recorded_on_the_same_row():
    lithium, cobalt = f.MineralFactory(slug="li"), f.MineralFactory(slug="co")
    measure = services.record_save(
        instance=m.Measure(agreement=f.AgreementFactory(), kind="stockpiling", title="Stock"),
        relations={"minerals": [lithium]},
    )
    services.record_save(instance=measure, relations={"minerals": [lithium, cobalt]})

    rows = list(measure.history.order_by("history_id"))
    assert [row.history_relations for row in rows] == [
        {"minerals": [lithium.pk]},
        {"minerals": sorted([lithium.pk, cobalt.pk])},
    ]
    # Records with no links of their own record none.
    assert f.AgreementFactory().history.get().history_relations is None


def test_an_admin_save_is_one_row_with_the_staff_user_and_the_links(staff_client, staff_user):
    lithium, cobalt = f.MineralFactory(slug="li"), f.MineralFactory(slug="co")
    measure = f.MeasureFactory()
    measure.minerals.set([lithium])
    url = admin_url(m.Measure, "change", measure.pk)
    data = posted_values(staff_client.get(url))
    data["minerals"] = [str(cobalt.pk)]
    before = history_rows()

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert history_rows() == before + 1
    latest = measure.history.latest()
    assert latest.history_user == staff_user
    assert latest.history_via == m.Via.ADMIN
    assert latest.history_change_reason == "Changed in the admin: minerals"
    assert latest.history_relations == {"minerals": [cobalt.pk]}
    assert list(measure.minerals.all()) == [cobalt]


def test_an_admin_inline_save_records_the_inline_records_links(staff_client):
    agreement = f.AgreementFactory()
    measure = f.MeasureFactory(agreement=agreement)
    gallium = f.MineralFactory(slug="ga")
    url = admin_url(m.Agreement, "change", agreement.pk)
    data = posted_values(staff_client.get(url))
    prefix = next(key for key in data if key.endswith("-0-minerals")).removesuffix("minerals")
    data[f"{prefix}minerals"] = [str(gallium.pk)]

    assert staff_client.post(url, data).status_code == 302

    latest = measure.history.latest()
    assert latest.history_relations == {"minerals": [gallium.pk]}
    assert latest.history_via == m.Via.ADMIN


def test_reverting_in_the_admin_restores_the_links_and_is_recorded(staff_client, staff_user):
    lithium, cobalt = f.MineralFactory(slug="li"), f.MineralFactory(slug="co")
    measure = services.record_save(
        instance=m.Measure(agreement=f.AgreementFactory(), kind="stockpiling", title="Stock"),
        relations={"minerals": [lithium]},
    )
    first = measure.history.get()
    measure.title = "Changed"
    services.record_save(instance=measure, relations={"minerals": [cobalt]})
    url = admin_url(m.Measure, "simple_history", measure.pk, first.history_id)

    form = staff_client.get(url)
    response = staff_client.post(url, posted_values(form))

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Stock"
    assert list(measure.minerals.all()) == [lithium]
    reverted = measure.history.latest()
    assert measure.history.count() == 3
    assert reverted.history_relations == {"minerals": [lithium.pk]}
    assert reverted.history_user == staff_user
    assert reverted.history_change_reason == f"Reverted in the admin to version {first.history_id}"


@pytest.mark.usefixtures("api_test_settings")
def test_an_api_write_with_a_token_is_one_row_with_the_tokens_user():
    writer = user_with_perms("writer", m.Milestone)
    milestone = f.MilestoneFactory()
    owner = f.ParticipantFactory(slug="ustr")
    before = history_rows()

    response = token_client(writer).patch(
        f"/api/v1/milestones/{milestone.pk}/",
        {"title": "Renamed", "responsible": ["ustr"]},
        format="json",
    )

    assert response.status_code == 200
    assert history_rows() == before + 1
    latest = milestone.history.latest()
    assert (latest.title, latest.history_user) == ("Renamed", writer)
    assert latest.history_via == m.Via.API_TOKEN
    assert latest.history_relations == {"evidence": [], "responsible": [owner.pk]}


@pytest.mark.usefixtures("api_test_settings")
def test_an_api_write_in_a_staff_session_says_so(staff_user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(staff_user)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    mineral = f.MineralFactory(slug="li")

    response = client.patch(
        "/api/v1/minerals/li/", {"name": "Lithium"}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 200
    latest = mineral.history.latest()
    assert (latest.history_user, latest.history_via) == (staff_user, m.Via.API_SESSION)


@pytest.mark.usefixtures("api_test_settings")
def test_an_api_delete_records_the_user_on_the_deletion_and_its_cascade():
    writer = user_with_perms("writer", m.Agreement)
    agreement = f.AgreementFactory(slug="a")
    participation = f.ParticipationFactory(agreement=agreement)

    assert token_client(writer).delete("/api/v1/agreements/a/").status_code == 204

    deleted = m.Agreement.history.filter(id=agreement.pk).latest()
    cascaded = m.Participation.history.filter(id=participation.pk).latest()
    for row in (deleted, cascaded):
        assert (row.history_type, row.history_user, row.history_via) == (
            "-",
            writer,
            m.Via.API_TOKEN,
        )


def test_a_command_write_names_the_command():
    call_command("load_demo", verbosity=0)

    plan = m.Agreement.objects.get(slug="us-mexico-action-plan")
    row = plan.history.get()
    assert (row.history_via, row.history_command) == (m.Via.COMMAND, "load_demo")
    assert row.history_user is None
    assert row.history_change_reason
    # Every record the command wrote has exactly one row, each saying so.
    for model in changes.tracked_models():
        history = model.history.model
        assert history.objects.count() == model.objects.count(), model
        assert not history.objects.exclude(history_command="load_demo").exists(), model
        links = [
            field.name
            for field in model._meta.many_to_many
            if field.remote_field.through._meta.auto_created
        ]
        if links:
            assert not history.objects.filter(history_relations__isnull=True).exists(), model


def test_a_direct_call_outside_any_entry_point_is_recorded_as_such():
    participant = f.ParticipantFactory()
    assert participant.history.get().history_via == m.Via.DIRECT
    assert isinstance(m.Participant.history.model._meta.get_field("history_via"), models.CharField)


def test_the_admin_history_shows_each_change_and_how_it_arrived(staff_client, staff_user):
    agreement = f.AgreementFactory(title="First")
    agreement.title = "Second"
    with recording(via=m.Via.API_TOKEN):
        services.record_save(instance=agreement, by=staff_user)

    html = staff_client.get(admin_url(m.Agreement, "history", agreement.pk)).content.decode()

    assert "<strong>Title:</strong>" in html
    assert "First" in html and "Second" in html
    assert "the API, with a token" in html
    assert "a direct call" in html
