"""Pure date logic for windows and milestones.

Nothing here reads the clock: every function takes `today`. Models expose these as
properties (using `timezone.localdate()` at the edge) and `MilestoneQuerySet.with_state`
mirrors `milestone_state` in SQL; tests prove the two agree on boundary days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DUE_SOON_DAYS = 7


class WindowPhase(StrEnum):
    BEFORE = "before"
    OPEN = "open"
    CLOSED = "closed"


class MilestoneState(StrEnum):
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return str(MILESTONE_STATE_LABELS[self])


MILESTONE_STATE_LABELS = {
    MilestoneState.DONE: _("Done"),
    MilestoneState.MISSED: _("Missed"),
    MilestoneState.CANCELLED: _("Cancelled"),
    MilestoneState.OVERDUE: _("Overdue"),
    MilestoneState.DUE_SOON: _("Due soon"),
    MilestoneState.UPCOMING: _("Upcoming"),
    MilestoneState.UNKNOWN: _("Outcome unknown"),
}


def window_deadline(start: dt.date, length_days: int) -> dt.date:
    """Day 0 is `start`; the deadline is day `length_days`."""
    return start + dt.timedelta(days=length_days)


def day_in_window(start: dt.date, day: int) -> dt.date:
    """The calendar date of day `day` of a window that starts on `start`."""
    return start + dt.timedelta(days=day)


@dataclass(frozen=True)
class WindowStatus:
    """Where `today` stands against a window of `length` days starting on `start`."""

    start: dt.date
    length: int
    deadline: dt.date
    phase: WindowPhase
    day: int | None  # day N of the window while open, else None
    days_left: int | None  # while open
    days_until_start: int | None  # before the start
    days_since_close: int | None  # after the deadline

    @property
    def label(self) -> str:
        if self.phase is WindowPhase.BEFORE:
            return ngettext(
                "starts in %(n)d day", "starts in %(n)d days", self.days_until_start
            ) % {"n": self.days_until_start}
        if self.phase is WindowPhase.OPEN:
            return _("day %(day)d of %(length)d") % {"day": self.day, "length": self.length}
        return ngettext("closed %(n)d day ago", "closed %(n)d days ago", self.days_since_close) % {
            "n": self.days_since_close
        }


def window_status(*, start: dt.date, length: int, today: dt.date) -> WindowStatus:
    deadline = window_deadline(start, length)
    if today < start:
        return WindowStatus(
            start, length, deadline, WindowPhase.BEFORE, None, None, (start - today).days, None
        )
    if today <= deadline:
        day = (today - start).days
        return WindowStatus(
            start, length, deadline, WindowPhase.OPEN, day, length - day, None, None
        )
    return WindowStatus(
        start, length, deadline, WindowPhase.CLOSED, None, None, None, (today - deadline).days
    )


def milestone_due_date(
    *, due_on: dt.date | None, due_day: int | None, window_start: dt.date | None
) -> dt.date | None:
    """A milestone is due on a date, or on day N of its agreement's window."""
    if due_on is not None:
        return due_on
    if due_day is not None and window_start is not None:
        return day_in_window(window_start, due_day)
    return None


def milestone_state(*, status: str, due: dt.date | None, today: dt.date) -> MilestoneState:
    """The one rule for a milestone's state.

    Recorded outcomes win (done, missed, cancelled). Otherwise the due date decides:
    past due is overdue when the milestone was planned or in progress, and "outcome
    unknown" when its status is unknown (no source reports what happened). Due within
    `DUE_SOON_DAYS` days (today included) is due soon; later is upcoming; no due date
    is unknown.
    """
    if status in (MilestoneState.DONE, MilestoneState.MISSED, MilestoneState.CANCELLED):
        return MilestoneState(status)
    if due is None:
        return MilestoneState.UNKNOWN
    if due < today:
        return MilestoneState.UNKNOWN if status == "unknown" else MilestoneState.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return MilestoneState.DUE_SOON
    return MilestoneState.UPCOMING
