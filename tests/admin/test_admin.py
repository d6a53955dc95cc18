"""The admin: every model's pages, query budgets, and writes through the services."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape

from agreements import models as m
from agreements import services
from tests import factories as f
from tests.admin.support import admin_url, posted_values


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# One rich row per model: its relations are filled, so a per-row query in a change
# list would show as a count that grows with the rows.

CITATION_SUBJECTS = (
    f.AgreementFactory,
    f.ParticipationFactory,
    f.MineralListEntryFactory,
    f.AgreementLinkFactory,
)


def build_agreement(n: int) -> m.Agreement:
    agreement = f.WindowedAgreementFactory()
    f.ParticipationFactory(agreement=agreement)
    f.MilestoneFactory(agreement=agreement)
    f.AgreementLinkFactory(source=agreement)
    return agreement


def build_participant(n: int) -> m.Participant:
    participant = f.ParticipantFactory(parent=f.ParticipantFactory())
    f.ParticipantAliasFactory(participant=participant)
    f.ParticipationFactory(participant=participant)
    return participant


def build_milestone(n: int) -> m.Milestone:
    # Half due on a date, half on a day of the window, so both paths are listed.
    milestone = f.MilestoneFactory(due_on=None, due_day=30) if n % 2 else f.MilestoneFactory()
    milestone.responsible.add(f.ParticipantFactory())
    milestone.evidence.add(f.DocumentFactory())
    return milestone


def build_event(n: int) -> m.Event:
    event = f.EventFactory()
    event.participants.add(f.ParticipantFactory(), f.ParticipantFactory())
    event.agreements.add(f.AgreementFactory())
    return event


def build_measure(n: int) -> m.Measure:
    measure = f.MeasureFactory()
    measure.minerals.add(f.MineralFactory(), f.MineralFactory())
    return measure


def build_mineral(n: int) -> m.Mineral:
    entry = f.MineralListEntryFactory()
    f.MineralAliasFactory(mineral=entry.mineral)
    return entry.mineral


def build_mineral_list(n: int) -> m.MineralList:
    entry = f.MineralListEntryFactory(
        mineral_list__previous_edition=f.MineralListFactory(edition=2022),
        mineral_list__agreement=f.AgreementFactory(),
    )
    return entry.mineral_list


def build_document(n: int) -> m.Document:
    document = f.DocumentFactory(text=f"Text of document {n}.")
    document.mentioned_agreements.add(f.AgreementFactory())
    f.CitationFactory(document=document)
    return document


def build_citation(n: int) -> m.Citation:
    subject = CITATION_SUBJECTS[n % len(CITATION_SUBJECTS)]()
    return f.CitationFactory(subject_record=subject, field_name="")


@dataclass(frozen=True)
class Case:
    model: type[models.Model]
    build: Callable[[int], models.Model]
    add_fields: tuple[str, ...]
    budget: int  # the change list's queries, whatever the number of rows

    def __str__(self) -> str:
        return self.model._meta.model_name


CASES = [
    Case(
        m.Agreement,
        build_agreement,
        ("title", "slug", "kind", "status", "binding", "window_start", "window_days"),
        budget=7,
    ),
    Case(m.AgreementLink, lambda n: f.AgreementLinkFactory(), ("source", "target", "kind"), 5),
    Case(m.Participant, build_participant, ("name", "slug", "kind", "parent", "country_code"), 5),
    Case(
        m.Participation,
        lambda n: f.ParticipationFactory(),
        ("participant", "agreement", "role"),
        5,
    ),
    Case(
        m.Milestone,
        build_milestone,
        ("agreement", "title", "due_on", "due_day", "status", "responsible", "evidence"),
        5,
    ),
    Case(m.Event, build_event, ("title", "slug", "kind", "starts_on", "participants"), 7),
    Case(m.Measure, build_measure, ("agreement", "kind", "stage", "title", "minerals"), 6),
    Case(m.Mineral, build_mineral, ("name", "slug", "symbol", "group"), 5),
    Case(
        m.MineralList,
        build_mineral_list,
        ("name", "slug", "issuer", "edition", "stage", "previous_edition"),
        8,
    ),
    Case(
        m.MineralListEntry,
        lambda n: f.MineralListEntryFactory(),
        ("mineral_list", "mineral", "category", "change"),
        5,
    ),
    Case(
        m.Document,
        build_document,
        ("title", "slug", "url", "kind", "text", "mentioned_agreements"),
        7,
    ),
    Case(
        m.Citation,
        build_citation,
        ("content_type", "object_id", "field_name", "document", "stated_value"),
        10,
    ),
]
EVERY_MODEL = pytest.mark.parametrize("case", CASES, ids=str)


# Pages render for staff


@EVERY_MODEL
def test_changelist_lists_the_record(staff_client, case):
    record = case.build(0)

    response = staff_client.get(admin_url(case.model, "changelist"))

    assert response.status_code == 200
    assert record.pk in [row.pk for row in response.context["cl"].result_list]
    assert admin_url(case.model, "change", record.pk) in response.content.decode()


@EVERY_MODEL
def test_add_page_offers_the_fields(staff_client, case):
    response = staff_client.get(admin_url(case.model, "add"))

    assert response.status_code == 200
    assert set(case.add_fields) <= set(response.context["adminform"].form.fields)
    assert f'name="{case.add_fields[0]}"' in response.content.decode()


@EVERY_MODEL
def test_change_page_shows_the_record(staff_client, case):
    record = case.build(0)

    response = staff_client.get(admin_url(case.model, "change", record.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.instance.pk == record.pk
    assert escape(str(record)) in response.content.decode()


@EVERY_MODEL
def test_history_page_lists_the_record_versions(staff_client, case):
    record = case.build(0)

    response = staff_client.get(admin_url(case.model, "history", record.pk))

    assert response.status_code == 200
    assert escape(str(record)) in response.content.decode()
    versions = list(response.context["page_obj"].object_list)
    assert versions
    assert {version.id for version in versions} == {record.pk}


@EVERY_MODEL
def test_an_old_version_can_be_shown_for_reverting(staff_client, case):
    record = case.build(0)
    first = record.history.earliest("history_date")

    response = staff_client.get(
        admin_url(case.model, "simple_history", record.pk, first.history_id)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.instance.pk == record.pk
    assert escape(str(record)) in response.content.decode()


def test_reverting_saves_the_old_version_through_the_service(staff_client, staff_user):
    agreement = f.AgreementFactory(title="U.S.–Mexico Action Plan")
    first = agreement.history.get()
    agreement.title = "A wrong title"
    services.record_save(instance=agreement)
    url = admin_url(m.Agreement, "simple_history", agreement.pk, first.history_id)

    response = staff_client.post(url, posted_values(staff_client.get(url)))

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "U.S.–Mexico Action Plan"
    reverted = agreement.history.latest("history_date")
    assert (reverted.history_user, reverted.title) == (staff_user, "U.S.–Mexico Action Plan")
    assert reverted.history_change_reason == f"Reverted in the admin to version {first.history_id}"


@EVERY_MODEL
@pytest.mark.parametrize("view", ["changelist", "add", "change", "history", "delete"])
def test_anonymous_visitors_are_sent_to_the_login_page(db, client, case, view):
    record = case.build(0)
    url = admin_url(case.model, view, *([] if view in ("changelist", "add") else [record.pk]))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


@EVERY_MODEL
def test_reposting_the_change_page_saves_through_the_service(staff_client, staff_user, case):
    record = case.build(0)
    url = admin_url(case.model, "change", record.pk)
    versions_before = record.history.count()

    response = staff_client.post(url, posted_values(staff_client.get(url)))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"] == admin_url(case.model, "changelist")
    latest = record.history.latest("history_date")
    assert record.history.count() == versions_before + 1
    assert latest.history_user == staff_user
    assert latest.history_change_reason == "Saved in the admin"


# Query budgets


@EVERY_MODEL
def test_changelist_queries_do_not_grow_with_rows(
    staff_client, case, django_assert_max_num_queries
):
    url = admin_url(case.model, "changelist")
    for n in range(5):
        case.build(n)
    staff_client.get(url)  # warm the per-process caches (content types) first

    with django_assert_max_num_queries(case.budget) as few:
        response = staff_client.get(url)
    assert len(response.context["cl"].result_list) >= 5

    for n in range(5, 50):
        case.build(n)
    with django_assert_max_num_queries(case.budget) as many:
        response = staff_client.get(url)
    assert len(response.context["cl"].result_list) >= 50

    assert len(many.captured_queries) == len(few.captured_queries)


# Agreements: the window, inlines, citations


@pytest.mark.parametrize(
    ("start_offset", "label"),
    [(-10, "day 10 of 60"), (3, "starts in 3 days"), (-62, "closed 2 days ago")],
)
def test_agreement_pages_show_the_window_from_the_model(staff_client, start_offset, label):
    today = timezone.localdate()
    agreement = f.WindowedAgreementFactory(window_start=today + dt.timedelta(days=start_offset))
    deadline = formats.localize(today + dt.timedelta(days=start_offset + 60))

    change_page = staff_client.get(admin_url(m.Agreement, "change", agreement.pk))
    changelist = staff_client.get(admin_url(m.Agreement, "changelist"))

    for response in (change_page, changelist):
        content = response.content.decode()
        assert label in content
        assert deadline in content


def test_agreement_change_page_has_its_inlines(staff_client):
    agreement = build_agreement(0)
    f.MeasureFactory(agreement=agreement, title="Price floor for lithium")
    document = f.DocumentFactory(title="USTR press release")
    services.citation_create(subject=agreement, document=document, field_name="announced_on")

    response = staff_client.get(admin_url(m.Agreement, "change", agreement.pk))

    formsets = {
        inline.formset.model: inline.formset for inline in response.context["inline_admin_formsets"]
    }
    assert set(formsets) == {m.Participation, m.Milestone, m.Measure, m.AgreementLink, m.Citation}
    for model, formset in formsets.items():
        assert formset.queryset.count() == 1, model
    content = response.content.decode()
    assert "Price floor for lithium" in content
    assert "USTR press release" in content


def test_inline_citation_names_a_field_of_the_record(staff_client, staff_user):
    agreement = f.AgreementFactory()
    document = f.DocumentFactory()
    url = admin_url(m.Agreement, "change", agreement.pk)
    data = posted_values(staff_client.get(url))
    prefix = "agreements-citation-content_type-object_id"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-field_name": "announced_on",
            f"{prefix}-0-document": str(document.pk),
            f"{prefix}-0-stated_value": "4 Feb 2026",
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    citation = agreement.citations.get()
    assert (citation.document, citation.field_name) == (document, "announced_on")
    assert citation.history.get().history_user == staff_user


def test_inline_citation_refuses_a_field_the_record_lacks(staff_client):
    agreement = f.AgreementFactory()
    url = admin_url(m.Agreement, "change", agreement.pk)
    data = posted_values(staff_client.get(url))
    prefix = "agreements-citation-content_type-object_id"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-field_name": "attendance",
            f"{prefix}-0-document": str(f.DocumentFactory().pk),
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "attendance is not one of the available choices" in response.content.decode()
    assert not m.Citation.objects.exists()


def test_inline_rows_are_added_and_deleted_through_the_services(staff_client, staff_user):
    participant = f.ParticipantFactory()
    old_alias = f.ParticipantAliasFactory(participant=participant, name="SE")
    url = admin_url(m.Participant, "change", participant.pk)
    data = posted_values(staff_client.get(url))
    data.update(
        {
            "aliases-0-DELETE": "on",
            "aliases-TOTAL_FORMS": "2",
            "aliases-1-name": "Secretaría de Economía",
            "aliases-1-language": "es",
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    new_alias = participant.aliases.get()
    assert new_alias.name == "Secretaría de Economía"
    added = new_alias.history.get()
    assert (added.history_type, added.history_user) == ("+", staff_user)
    assert added.history_change_reason == "Added in the admin"
    deleted = m.ParticipantAlias.history.filter(id=old_alias.pk).latest("history_date")
    assert (deleted.history_type, deleted.history_user) == ("-", staff_user)
    assert deleted.history_change_reason == "Deleted in the admin"


def test_a_refused_inline_save_rolls_back_the_whole_page(staff_client, monkeypatch):
    agreement = f.AgreementFactory(title="Before")
    participant = f.ParticipantFactory()
    url = admin_url(m.Agreement, "change", agreement.pk)
    data = posted_values(staff_client.get(url))
    data.update(
        {
            "title": "After",
            "participations-TOTAL_FORMS": "1",
            "participations-0-participant": str(participant.pk),
            "participations-0-role": m.ParticipationRole.PARTY,
        }
    )
    record_save = services.record_save

    def refuse_participations(*, instance, **kwargs):
        if isinstance(instance, m.Participation):
            raise ValidationError("Participations are frozen.")
        return record_save(instance=instance, **kwargs)

    monkeypatch.setattr(services, "record_save", refuse_participations)

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == url
    assert messages_of(response) == ["Participations are frozen."]
    agreement.refresh_from_db()
    assert agreement.title == "Before"
    assert not m.Participation.objects.exists()


# Documents


def test_document_saved_in_the_admin_gets_its_hash_and_history(staff_client, staff_user):
    text = "The United States and Mexico will coordinate trade policy on critical minerals."
    add_url = admin_url(m.Document, "add")
    data = posted_values(staff_client.get(add_url))
    data.update(
        {
            "title": "Joint statement",
            "slug": "joint-statement",
            "kind": m.DocumentKind.STATEMENT,
            "language": m.Language.ENGLISH,
            "text": text,
        }
    )

    response = staff_client.post(add_url, data)

    assert response.status_code == 302
    document = m.Document.objects.get(slug="joint-statement")
    assert document.content_hash == hashlib.sha256(text.encode()).hexdigest()
    created = document.history.get()
    assert (created.history_type, created.history_user) == ("+", staff_user)
    assert created.content_hash == document.content_hash

    change_url = admin_url(m.Document, "change", document.pk)
    data = posted_values(staff_client.get(change_url))
    data["text"] = text + " Amended."
    staff_client.post(change_url, data)

    document.refresh_from_db()
    assert document.content_hash == hashlib.sha256(f"{text} Amended.".encode()).hexdigest()
    changed = document.history.latest("history_date")
    assert (changed.history_type, changed.history_user) == ("~", staff_user)
    assert changed.history_change_reason == "Changed in the admin: text"


def test_a_documents_text_can_be_uploaded_as_a_file(staff_client):
    document = services.record_save(instance=f.DocumentFactory.build(text=""))
    change_url = admin_url(m.Document, "change", document.pk)
    data = posted_values(staff_client.get(change_url))
    data["text_file"] = SimpleUploadedFile("statement.txt", "Día 60: precios mínimos.".encode())

    response = staff_client.post(change_url, data)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.text == "Día 60: precios mínimos."
    assert document.history.latest("history_date").history_change_reason == (
        "Changed in the admin: text"
    )


def test_an_upload_that_is_not_utf8_text_is_refused_and_nothing_changes(staff_client):
    document = services.record_save(instance=f.DocumentFactory.build(text="Kept."))
    change_url = admin_url(m.Document, "change", document.pk)
    data = posted_values(staff_client.get(change_url))
    data["text_file"] = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\xff\xfe\x00")

    response = staff_client.post(change_url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text_file"] == [
        "This file is not plain text in UTF-8."
    ]
    document.refresh_from_db()
    assert document.text == "Kept."


def test_document_hash_is_read_only(staff_client):
    document = services.record_save(instance=f.DocumentFactory.build(text="Día 60."))

    response = staff_client.get(admin_url(m.Document, "change", document.pk))

    assert "content_hash" not in response.context["adminform"].form.fields
    assert document.content_hash in response.content.decode()
    assert document.content_hash == hashlib.sha256("Día 60.".encode()).hexdigest()


# Milestones: due date, state, the "mark done today" action


def test_milestone_changelist_shows_due_date_and_state_and_filters_on_state(staff_client):
    today = timezone.localdate()
    overdue = f.MilestoneFactory(title="Overdue one", due_on=today - dt.timedelta(days=1))
    by_day = f.MilestoneFactory(
        title="On day 50",
        due_on=None,
        due_day=50,
        agreement=f.WindowedAgreementFactory(window_start=today),
    )
    url = admin_url(m.Milestone, "changelist")

    listed = staff_client.get(url)
    overdue_only = staff_client.get(url, {"state": "overdue"})

    rows = {row.pk: row for row in listed.context["cl"].result_list}
    assert rows[by_day.pk].due_date == today + dt.timedelta(days=50)
    content = listed.content.decode()
    assert formats.localize(today + dt.timedelta(days=50)) in content
    assert "Overdue" in content
    assert "Upcoming" in content
    assert [row.pk for row in overdue_only.context["cl"].result_list] == [overdue.pk]


def mark_done_today(staff_client, *milestones):
    return staff_client.post(
        admin_url(m.Milestone, "changelist"),
        {"action": "mark_done_today", "_selected_action": [ms.pk for ms in milestones]},
        follow=True,
    )


def test_mark_done_today_completes_through_the_service(staff_client, staff_user):
    planned = f.MilestoneFactory(title="Coordinate price floors")
    done_before = f.MilestoneFactory(
        title="Announce the plan",
        status=m.MilestoneStatus.DONE,
        completed_on=dt.date(2026, 2, 4),
    )

    response = mark_done_today(staff_client, planned, done_before)

    planned.refresh_from_db()
    assert planned.status == m.MilestoneStatus.DONE
    assert planned.completed_on == timezone.localdate()
    latest = planned.history.latest("history_date")
    assert (latest.history_user, latest.history_change_reason) == (staff_user, "Marked done")
    assert latest.completed_on == timezone.localdate()
    done_before.refresh_from_db()
    assert done_before.completed_on == dt.date(2026, 2, 4)
    assert messages_of(response) == [
        f"“Announce the plan” was already done on {dt.date(2026, 2, 4)}; left unchanged.",
        "1 milestone marked done today.",
    ]


def test_mark_done_today_reports_a_refusal_per_record_and_saves_nothing_of_it(staff_client):
    valid = f.MilestoneFactory(title="Valid")
    # Written around the services, as old data might be: day 70 of a 60-day window.
    broken = f.MilestoneFactory(title="Broken", due_on=None, due_day=70)
    versions_before = broken.history.count()

    response = mark_done_today(staff_client, valid, broken)

    broken.refresh_from_db()
    assert (broken.status, broken.completed_on) == (m.MilestoneStatus.PLANNED, None)
    assert broken.history.count() == versions_before
    valid.refresh_from_db()
    assert valid.status == m.MilestoneStatus.DONE
    assert messages_of(response) == [
        "“Broken” was not marked done: Day 70 is after the window's last day (60).",
        "1 milestone marked done today.",
    ]


# Deleting


def participant_with_a_participation():
    participation = f.ParticipationFactory()
    return participation.participant, participation


def mineral_on_a_list():
    entry = f.MineralListEntryFactory()
    return entry.mineral, entry


def cited_document():
    citation = f.CitationFactory()
    return citation.document, citation


PROTECTED = pytest.mark.parametrize(
    "build", [participant_with_a_participation, mineral_on_a_list, cited_document]
)


@PROTECTED
def test_deleting_a_protected_record_is_refused(staff_client, build):
    record, dependant = build()
    url = admin_url(type(record), "delete", record.pk)

    confirmation = staff_client.get(url)
    attempt = staff_client.post(url, {"post": "yes"})

    for response in (confirmation, attempt):
        assert response.status_code == 200
        content = response.content.decode()
        assert "would require deleting the following protected related objects" in content
        assert escape(str(dependant)) in content
    assert type(record).objects.filter(pk=record.pk).exists()


@PROTECTED
def test_bulk_deleting_a_protected_record_is_refused(staff_client, build):
    record, dependant = build()
    others = type(record).objects.exclude(pk=record.pk).count()

    response = staff_client.post(
        admin_url(type(record), "changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )

    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert type(record).objects.filter(pk=record.pk).exists()
    assert type(record).objects.count() == others + 1


def test_deleting_goes_through_the_service_and_is_kept_in_history(staff_client, staff_user):
    agreement = build_agreement(0)

    response = staff_client.post(admin_url(m.Agreement, "delete", agreement.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not m.Agreement.objects.filter(pk=agreement.pk).exists()
    deleted = m.Agreement.history.filter(id=agreement.pk).latest("history_date")
    assert (deleted.history_type, deleted.history_user) == ("-", staff_user)
    assert deleted.history_change_reason == "Deleted in the admin"


def test_a_refused_delete_becomes_a_message(staff_client, monkeypatch):
    participant = f.ParticipantFactory()

    def refuse(**kwargs):
        raise ValidationError("Someone else started citing it.")

    monkeypatch.setattr(services, "record_delete", refuse)
    url = admin_url(m.Participant, "delete", participant.pk)

    response = staff_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert response["Location"] == url
    assert messages_of(response) == ["Someone else started citing it."]
    assert m.Participant.objects.filter(pk=participant.pk).exists()


# Autocomplete


def test_participant_autocomplete_matches_aliases(staff_client):
    economy = f.ParticipantFactory(name="Secretariat of Economy")
    f.ParticipantAliasFactory(participant=economy, name="Secretaría de Economía")
    f.ParticipantFactory(name="USTR")

    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "agreements",
            "model_name": "participation",
            "field_name": "participant",
            "term": "Secretaría",
        },
    )

    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert results == [{"id": str(economy.pk), "text": "Secretariat of Economy"}]
