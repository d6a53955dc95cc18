"""Services: validated, atomic writes that record who made them."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError

from agreements import models as m
from agreements import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_milestone_complete_sets_status_date_and_history(staff_user):
    milestone = factories.MilestoneFactory(status="planned")
    services.milestone_complete(
        milestone=milestone,
        completed_on=dt.date(2026, 4, 2),
        by=staff_user,
        outcome="Both sides published a list.",
    )
    milestone.refresh_from_db()
    assert milestone.status == "done"
    assert milestone.completed_on == dt.date(2026, 4, 2)
    assert milestone.outcome == "Both sides published a list."
    latest = milestone.history.latest()
    assert latest.history_user == staff_user
    assert latest.history_change_reason == "Marked done"


def test_milestone_set_status_refuses_done_and_clears_completion():
    milestone = factories.MilestoneFactory(status="done", completed_on=dt.date(2026, 4, 2))
    with pytest.raises(ValidationError) as exc:
        services.milestone_set_status(milestone=milestone, status="done")
    assert "status" in exc.value.message_dict
    services.milestone_set_status(milestone=milestone, status="unknown", reason="Reopened")
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == ("unknown", None)


def test_record_save_validates_before_writing():
    agreement = factories.AgreementFactory(title="Kept")
    agreement.title = "Changed"
    agreement.window_days = 60  # a window with no start
    with pytest.raises(ValidationError) as exc:
        services.record_save(instance=agreement)
    assert "A window needs both a start date and a length in days." in str(exc.value)
    agreement.refresh_from_db()
    assert agreement.title == "Kept"
    assert agreement.history.count() == 1


def test_record_save_keeps_document_hash_in_step_with_text():
    document = factories.DocumentFactory.build(text="Día 60: plazo.")
    services.record_save(instance=document)
    assert document.content_hash == hashlib.sha256("Día 60: plazo.".encode()).hexdigest()
    document.text = ""
    services.record_save(instance=document)
    document.refresh_from_db()
    assert document.content_hash == ""


def test_record_delete_refuses_when_others_depend_on_it():
    participation = factories.ParticipationFactory(participant__name="USTR")
    with pytest.raises(ValidationError) as exc:
        services.record_delete(instance=participation.participant)
    assert exc.value.code == "protected"
    assert "“USTR” cannot be deleted: participations still refer to it." in exc.value.messages
    assert m.Participant.objects.filter(name="USTR").exists()


def test_citation_create_links_a_field_to_a_document(staff_user):
    event = factories.EventFactory()
    document = factories.DocumentFactory()
    citation = services.citation_create(
        subject=event,
        document=document,
        field_name="attendance",
        locator="paragraph 4",
        stated_value="55 countries",
        by=staff_user,
    )
    assert list(event.citations.all()) == [citation]
    assert citation.stated_value == "55 countries"
    assert citation.history.latest().history_user == staff_user
    with pytest.raises(ValidationError):
        services.citation_create(subject=event, document=document, field_name="attendance")
    assert event.citations.count() == 1
