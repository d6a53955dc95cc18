"""A plan's window drawn as SVG on the server: days on the axis, milestones, today, deadline.

`window_layout` is pure geometry (tested for known dates); `window_svg` renders it
with `includes/window_timeline.svg`, so every label goes through the translation
machinery and is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from agreements import timeline
from agreements.timeline import MilestoneState, WindowStatus

WIDTH = 640
MARGIN_LEFT = 40
MARGIN_RIGHT = 110  # room for the "deadline" label beside the end of the window
AXIS_Y = 100
MARK_RADIUS = 11
ROW_STEP = 26  # vertical distance between marks that would overlap


def _anchor(x: float) -> str:
    """Keep labels near either edge inside the drawing."""
    if x < MARGIN_LEFT + 24:
        return "start"
    if x > WIDTH - 24:
        return "end"
    return "middle"


@dataclass(frozen=True)
class Tick:
    day: int
    date: dt.date
    x: float

    @property
    def anchor(self) -> str:
        return _anchor(self.x)


@dataclass(frozen=True)
class Mark:
    number: int
    title: str
    due: dt.date
    day: int
    state: MilestoneState
    x: float
    y: float

    @property
    def stem_top(self) -> float:
        return self.y + MARK_RADIUS

    @property
    def label_y(self) -> float:
        return self.y + 5  # centres the number's digits in the circle


@dataclass(frozen=True)
class WindowLayout:
    width: int
    height: int
    status: WindowStatus
    x_start: float
    x_deadline: float
    axis_y: float
    ticks: list[Tick]
    marks: list[Mark]
    today: dt.date
    today_x: float | None  # None when today is off the drawn range
    today_side: str  # "before", "inside" or "after" the drawn range

    @property
    def band_width(self) -> float:
        return round(self.x_deadline - self.x_start, 1)

    @property
    def band_y(self) -> float:
        return self.axis_y - 6

    @property
    def deadline_label_x(self) -> float:
        return self.x_deadline + 10

    @property
    def deadline_label_y(self) -> float:
        return self.axis_y + 6

    @property
    def tick_end_y(self) -> float:
        return self.axis_y + 12

    @property
    def day_label_y(self) -> float:
        return self.axis_y + 28

    @property
    def date_label_y(self) -> float:
        return self.axis_y + 46

    @property
    def today_anchor(self) -> str:
        if self.today_x is None:
            return "start" if self.today_side == "before" else "end"
        return _anchor(self.today_x)

    @property
    def today_label_x(self) -> float:
        if self.today_x is not None:
            return self.today_x
        return 4 if self.today_side == "before" else self.width - 4


@dataclass(frozen=True)
class MilestonePoint:
    """What the drawing needs from a milestone."""

    title: str
    due: dt.date | None
    state: MilestoneState


def _tick_step(length: int) -> int:
    for step in (1, 2, 5, 7, 10, 15, 30, 60, 90, 180, 365):
        if length / step <= 4:
            return step
    return length


def window_layout(
    *, start: dt.date, length: int, milestones: Iterable[MilestonePoint], today: dt.date
) -> WindowLayout:
    """Place the window, its milestones and today on an axis `WIDTH` units wide.

    The axis runs from day 0 to the deadline, stretched to take in any milestone
    due outside the window. Marks that would overlap are stacked upwards.
    """
    status = timeline.window_status(start=start, length=length, today=today)
    dated = [point for point in milestones if point.due is not None]
    days = [(point.due - start).days for point in dated]
    first_day = min([0, *days])
    last_day = max([length, *days])
    span = last_day - first_day
    inner = WIDTH - MARGIN_LEFT - MARGIN_RIGHT

    def x_of(day: int) -> float:
        return round(MARGIN_LEFT + (day - first_day) / span * inner, 1)

    step = _tick_step(length)
    ticks = [
        Tick(day, timeline.day_in_window(start, day), x_of(day))
        for day in range(0, length, step)
        if length - day >= step / 2
    ] + [Tick(length, status.deadline, x_of(length))]

    marks: list[Mark] = []
    rows_used: list[tuple[float, int]] = []
    ordered = sorted(zip(dated, days, strict=True), key=lambda pair: pair[1])
    for number, (point, day) in enumerate(ordered, start=1):
        x = x_of(day)
        row = 0
        while any(abs(x - other_x) < 2 * MARK_RADIUS + 2 and r == row for other_x, r in rows_used):
            row += 1
        rows_used.append((x, row))
        y = AXIS_Y - 28 - row * ROW_STEP
        marks.append(Mark(number, point.title, point.due, day, point.state, x, y))

    top_rows = max((row for _x, row in rows_used), default=0)
    shift = top_rows * ROW_STEP
    if shift:
        marks = [
            Mark(mk.number, mk.title, mk.due, mk.day, mk.state, mk.x, mk.y + shift) for mk in marks
        ]
    axis_y = AXIS_Y + shift

    today_day = (today - start).days
    if today_day < first_day:
        today_side, today_x = "before", None
    elif today_day > last_day:
        today_side, today_x = "after", None
    else:
        today_side, today_x = "inside", x_of(today_day)

    return WindowLayout(
        width=WIDTH,
        height=int(axis_y + 56),
        status=status,
        x_start=x_of(0),
        x_deadline=x_of(length),
        axis_y=axis_y,
        ticks=ticks,
        marks=marks,
        today=today,
        today_x=today_x,
        today_side=today_side,
    )


def window_svg(layout: WindowLayout, *, title: str, id_prefix: str) -> SafeString:
    """The SVG markup of a layout; `id_prefix` keeps element ids unique on the page."""
    return SafeString(
        render_to_string(
            "includes/window_timeline.svg",
            {"layout": layout, "title": title, "id_prefix": id_prefix},
        )
    )
