"""The window and milestone rules, and proof that Python and SQL agree on them."""

import datetime as dt

import pytest

from agreements import timeline
from agreements.models import Milestone, MilestoneStatus
from agreements.timeline import MilestoneState, WindowPhase
from tests import factories

START = dt.date(2026, 2, 4)
DEADLINE = dt.date(2026, 4, 5)


def test_sixty_day_window_from_4_february_ends_5_april():
    assert timeline.window_deadline(START, 60) == DEADLINE


@pytest.mark.parametrize(
    ("today", "phase", "label", "day", "days_left"),
    [
        (dt.date(2026, 1, 25), WindowPhase.BEFORE, "starts in 10 days", None, None),
        (dt.date(2026, 2, 3), WindowPhase.BEFORE, "starts in 1 day", None, None),
        (START, WindowPhase.OPEN, "day 0 of 60", 0, 60),
        (dt.date(2026, 3, 6), WindowPhase.OPEN, "day 30 of 60", 30, 30),
        (DEADLINE, WindowPhase.OPEN, "day 60 of 60", 60, 0),
        (dt.date(2026, 4, 6), WindowPhase.CLOSED, "closed 1 day ago", None, None),
        (dt.date(2026, 11, 23), WindowPhase.CLOSED, "closed 232 days ago", None, None),
    ],
)
def test_window_status_on_boundary_days(today, phase, label, day, days_left):
    status = timeline.window_status(start=START, length=60, today=today)
    assert status.phase is phase
    assert status.label == label
    assert status.day == day
    assert status.days_left == days_left
    assert status.deadline == DEADLINE


@pytest.mark.parametrize(
    ("status", "due", "today", "expected"),
    [
        ("planned", DEADLINE, dt.date(2026, 2, 3), MilestoneState.UPCOMING),
        ("planned", DEADLINE, dt.date(2026, 3, 28), MilestoneState.UPCOMING),
        ("planned", DEADLINE, dt.date(2026, 3, 29), MilestoneState.DUE_SOON),
        ("planned", DEADLINE, DEADLINE, MilestoneState.DUE_SOON),
        ("planned", DEADLINE, dt.date(2026, 4, 6), MilestoneState.OVERDUE),
        ("in_progress", DEADLINE, dt.date(2026, 4, 6), MilestoneState.OVERDUE),
        ("unknown", DEADLINE, DEADLINE, MilestoneState.DUE_SOON),
        ("unknown", DEADLINE, dt.date(2026, 4, 6), MilestoneState.UNKNOWN),
        ("done", DEADLINE, dt.date(2026, 4, 6), MilestoneState.DONE),
        ("missed", DEADLINE, dt.date(2026, 2, 3), MilestoneState.MISSED),
        ("cancelled", DEADLINE, dt.date(2026, 4, 6), MilestoneState.CANCELLED),
        ("planned", None, DEADLINE, MilestoneState.UNKNOWN),
    ],
)
def test_milestone_state_rule(status, due, today, expected):
    assert timeline.milestone_state(status=status, due=due, today=today) is expected


def test_milestone_due_date_from_day_of_window():
    assert timeline.milestone_due_date(due_on=None, due_day=60, window_start=START) == DEADLINE
    assert timeline.milestone_due_date(due_on=None, due_day=None, window_start=START) is None
    explicit = dt.date(2026, 3, 19)
    assert timeline.milestone_due_date(due_on=explicit, due_day=None, window_start=START) == (
        explicit
    )


BOUNDARY_DAYS = [
    dt.date(2026, 2, 3),  # the day before the start
    START,  # day 0
    dt.date(2026, 3, 29),  # 7 days before the deadline
    DEADLINE,  # day 60
    dt.date(2026, 4, 6),  # day 61
]


@pytest.mark.django_db
@pytest.mark.parametrize("today", BOUNDARY_DAYS)
def test_property_and_queryset_annotation_agree(today):
    agreement = factories.WindowedAgreementFactory(window_start=START, window_days=60)
    by_day = {}
    for status in MilestoneStatus.values:
        completed = DEADLINE if status == MilestoneStatus.DONE else None
        by_day[status, "day"] = factories.MilestoneFactory(
            agreement=agreement, due_on=None, due_day=60, status=status, completed_on=completed
        )
        by_day[status, "date"] = factories.MilestoneFactory(
            agreement=agreement, due_on=DEADLINE, status=status, completed_on=completed
        )
    factories.MilestoneFactory(agreement=agreement, due_on=None, due_day=None)

    annotated = {m.pk: m for m in Milestone.objects.with_state(today)}
    assert len(annotated) == len(by_day) + 1
    for milestone in Milestone.objects.select_related("agreement"):
        row = annotated[milestone.pk]
        assert row.due_date == milestone.due_date
        assert row.state == milestone.state_on(today).value, milestone.title


@pytest.mark.django_db
def test_state_annotation_can_be_filtered_on():
    agreement = factories.WindowedAgreementFactory(window_start=START, window_days=60)
    overdue = factories.MilestoneFactory(agreement=agreement, due_on=dt.date(2026, 3, 1))
    factories.MilestoneFactory(agreement=agreement, due_on=None, due_day=60)
    found = list(Milestone.objects.with_state(dt.date(2026, 3, 10)).filter(state="overdue"))
    assert found == [overdue]


@pytest.mark.django_db
def test_agreement_window_properties():
    agreement = factories.WindowedAgreementFactory(window_start=START, window_days=60)
    assert agreement.deadline == DEADLINE
    assert agreement.window_status(DEADLINE).label == "day 60 of 60"
    plain = factories.AgreementFactory()
    assert plain.deadline is None
    assert plain.window_status(DEADLINE) is None
