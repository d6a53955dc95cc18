"""Invariants: the database refuses bad data, and validation says why, per field."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from agreements import models as m
from tests import factories

pytestmark = pytest.mark.django_db


def _messages(exc: ValidationError) -> str:
    return " ".join(msg for msgs in exc.message_dict.values() for msg in msgs)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: factories.AgreementFactory.build(window_start=dt.date(2026, 2, 4)),
            "A window needs both a start date and a length in days.",
        ),
        (
            lambda: factories.AgreementFactory.build(
                window_start=dt.date(2026, 2, 4), window_days=0
            ),
            "A window lasts at least one day.",
        ),
        (
            lambda: factories.AgreementFactory.build(
                signed_on=dt.date(2026, 3, 1), in_force_on=dt.date(2026, 2, 1)
            ),
            "An agreement cannot enter into force before it is signed.",
        ),
        (
            lambda: factories.AgreementFactory.build(
                announced_on=dt.date(2026, 3, 1), ended_on=dt.date(2026, 2, 1)
            ),
            "An agreement cannot end before it is announced.",
        ),
        (
            lambda: factories.EventFactory.build(
                starts_on=dt.date(2026, 3, 29), ends_on=dt.date(2026, 3, 26)
            ),
            "An event cannot end before it starts.",
        ),
        (
            lambda: factories.ParticipantFactory.build(country_code="mx"),
            "A country code is two capital letters (ISO 3166-1).",
        ),
        (
            lambda: factories.MineralFactory.build(symbol="li"),
            "A chemical symbol is a capital letter and up to two small ones.",
        ),
    ],
)
def test_full_clean_reports_constraint_messages(build, message):
    with pytest.raises(ValidationError) as exc:
        build().full_clean()
    assert message in _messages(exc.value)


def test_database_refuses_incomplete_window_even_without_validation():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AgreementFactory(window_start=dt.date(2026, 2, 4), window_days=None)
    assert not m.Agreement.objects.exists()


def test_milestone_cannot_have_both_date_and_day():
    milestone = factories.MilestoneFactory.build(
        agreement=factories.WindowedAgreementFactory(), due_on=dt.date(2026, 3, 1), due_day=10
    )
    with pytest.raises(ValidationError) as exc:
        milestone.full_clean()
    assert "Give a due date or a day of the window, not both." in _messages(exc.value)


def test_done_milestone_needs_completion_date_and_only_done_has_one():
    agreement = factories.WindowedAgreementFactory()
    with pytest.raises(ValidationError) as exc:
        factories.MilestoneFactory.build(agreement=agreement, status="done").full_clean()
    assert "A done milestone needs its completion date." in _messages(exc.value)
    with pytest.raises(ValidationError) as exc:
        factories.MilestoneFactory.build(
            agreement=agreement, status="planned", completed_on=dt.date(2026, 3, 1)
        ).full_clean()
    assert "Only a done milestone has a completion date." in _messages(exc.value)


def test_due_day_needs_a_window_and_must_fall_inside_it():
    plain = factories.AgreementFactory()
    with pytest.raises(ValidationError) as exc:
        factories.MilestoneFactory.build(agreement=plain, due_on=None, due_day=5).full_clean()
    assert exc.value.message_dict["due_day"] == [
        "This agreement has no window: give a due date instead."
    ]
    windowed = factories.WindowedAgreementFactory(window_days=60)
    with pytest.raises(ValidationError) as exc:
        factories.MilestoneFactory.build(agreement=windowed, due_on=None, due_day=61).full_clean()
    assert "Day 61 is after the window's last day (60)." in exc.value.message_dict["due_day"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {
                "kind": "stockpiling",
                "price_floor_amount": 10,
                "price_floor_currency": "USD",
                "price_floor_unit": "t",
            },
            "Only a price-floor measure has a price floor.",
        ),
        (
            {
                "kind": "price_floor",
                "price_floor_amount": -1,
                "price_floor_currency": "USD",
                "price_floor_unit": "t",
            },
            "A price floor is greater than zero.",
        ),
        (
            {
                "kind": "price_floor",
                "price_floor_amount": 10,
                "price_floor_currency": "usd",
                "price_floor_unit": "",
            },
            "A price floor needs a currency (three capital letters) and a unit.",
        ),
    ],
)
def test_price_floor_rules(fields, message):
    measure = factories.MeasureFactory.build(agreement=factories.AgreementFactory(), **fields)
    with pytest.raises(ValidationError) as exc:
        measure.full_clean()
    assert message in _messages(exc.value)


def test_a_complete_price_floor_is_valid():
    measure = factories.MeasureFactory.build(
        agreement=factories.AgreementFactory(),
        kind="price_floor",
        price_floor_amount=12500,
        price_floor_currency="USD",
        price_floor_unit="tonne",
    )
    measure.full_clean()


def test_agreement_cannot_link_to_itself_and_links_are_unique():
    agreement = factories.AgreementFactory()
    with pytest.raises(ValidationError) as exc:
        m.AgreementLink(source=agreement, target=agreement, kind="related").full_clean()
    assert "An agreement cannot be linked to itself." in _messages(exc.value)
    other = factories.AgreementFactory()
    factories.AgreementLinkFactory(source=agreement, target=other, kind="leads_to")
    with pytest.raises(ValidationError):
        m.AgreementLink(source=agreement, target=other, kind="leads_to").full_clean()


def test_participation_role_is_unique_per_agreement():
    participation = factories.ParticipationFactory(role="lead")
    duplicate = m.Participation(
        participant=participation.participant, agreement=participation.agreement, role="lead"
    )
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert "This participant already has this role here." in _messages(exc.value)


def test_document_url_unique_only_when_given():
    factories.DocumentFactory(url="")
    factories.DocumentFactory(url="")
    factories.DocumentFactory(url="https://example.org/a")
    with pytest.raises(ValidationError) as exc:
        factories.DocumentFactory.build(url="https://example.org/a").full_clean()
    assert "A document with this URL is already tracked." in _messages(exc.value)


def test_citation_validates_its_subject_and_field():
    agreement = factories.AgreementFactory()
    document = factories.DocumentFactory()
    bad_field = factories.CitationFactory.build(
        subject_record=agreement, document=document, field_name="no_such_field"
    )
    with pytest.raises(ValidationError) as exc:
        bad_field.full_clean()
    assert exc.value.message_dict["field_name"] == ["“no_such_field” is not a field of agreement."]
    missing = factories.CitationFactory.build(subject_record=agreement, document=document)
    missing.object_id = agreement.pk + 1000
    with pytest.raises(ValidationError) as exc:
        missing.full_clean()
    assert exc.value.message_dict["object_id"] == ["No such record to cite."]


def test_reference_data_is_protected_from_deletion():
    participation = factories.ParticipationFactory()
    with pytest.raises(ProtectedError):
        participation.participant.delete()
    assert m.Participant.objects.filter(pk=participation.participant.pk).exists()


def test_every_domain_model_keeps_history():
    agreement = factories.AgreementFactory(title="First")
    agreement.title = "Second"
    agreement.save()
    assert [h.title for h in agreement.history.order_by("history_id")] == ["First", "Second"]


def test_a_window_cannot_shrink_or_vanish_under_its_milestones():
    agreement = factories.WindowedAgreementFactory(window_days=60)
    factories.MilestoneFactory(agreement=agreement, due_on=None, due_day=60)
    agreement.window_days = 30
    with pytest.raises(ValidationError) as exc:
        agreement.full_clean()
    assert exc.value.message_dict["window_days"] == [
        "Some milestones are due after day 30: move them first."
    ]
    agreement.window_days = None
    agreement.window_start = None
    with pytest.raises(ValidationError) as exc:
        agreement.full_clean()
    assert "Milestones are due on days of this window" in exc.value.message_dict["window_start"][0]
    agreement.window_start, agreement.window_days = dt.date(2026, 2, 4), 90
    agreement.full_clean()


def test_window_and_window_days_are_bounded_to_a_century():
    agreement = factories.AgreementFactory.build(
        window_start=dt.date(2026, 2, 4), window_days=36501
    )
    with pytest.raises(ValidationError) as exc:
        agreement.full_clean()
    assert "window_days" in exc.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.WindowedAgreementFactory(window_days=10**9)
    milestone = factories.MilestoneFactory.build(
        agreement=factories.WindowedAgreementFactory(), due_on=None, due_day=40000
    )
    with pytest.raises(ValidationError) as exc:
        milestone.full_clean()
    assert "due_day" in exc.value.message_dict
