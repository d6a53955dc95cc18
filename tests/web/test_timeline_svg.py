"""The server-drawn window: mark positions, today's line and the deadline, for known dates."""

import datetime as dt
import re

import pytest

from agreements.timeline import MilestoneState
from agreements.web.svg import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    WIDTH,
    MilestonePoint,
    window_layout,
    window_svg,
)
from tests import factories as f

START = dt.date(2026, 2, 4)
INNER = WIDTH - MARGIN_LEFT - MARGIN_RIGHT


def x_for(day: int, span: int = 60) -> float:
    return round(MARGIN_LEFT + day / span * INNER, 1)


def layout_on(today: dt.date, milestones=()):
    return window_layout(start=START, length=60, milestones=list(milestones), today=today)


def test_axis_runs_from_day_0_to_the_deadline():
    layout = layout_on(dt.date(2026, 3, 20))
    assert layout.x_start == MARGIN_LEFT
    assert layout.x_deadline == WIDTH - MARGIN_RIGHT
    assert [tick.day for tick in layout.ticks] == [0, 15, 30, 45, 60]
    assert layout.ticks[-1].date == dt.date(2026, 4, 5)


def test_marks_sit_at_their_due_day():
    layout = layout_on(
        dt.date(2026, 3, 20),
        [
            MilestonePoint("Deadline", dt.date(2026, 4, 5), MilestoneState.UPCOMING),
            MilestonePoint("Notice comments", dt.date(2026, 3, 19), MilestoneState.OVERDUE),
            MilestonePoint("No date", None, MilestoneState.UNKNOWN),
        ],
    )
    # Numbered in date order; an undated milestone is not drawn.
    assert [(mark.number, mark.title, mark.day) for mark in layout.marks] == [
        (1, "Notice comments", 43),
        (2, "Deadline", 60),
    ]
    assert layout.marks[0].x == x_for(43)
    assert layout.marks[1].x == x_for(60) == layout.x_deadline


def test_today_line_on_day_44():
    layout = layout_on(dt.date(2026, 3, 20))
    assert layout.status.day == 44
    assert layout.today_side == "inside"
    assert layout.today_x == x_for(44)


@pytest.mark.parametrize(
    ("today", "side"),
    [(dt.date(2026, 1, 1), "before"), (dt.date(2026, 11, 23), "after")],
)
def test_today_off_the_axis_is_pointed_at_not_drawn(today, side):
    layout = layout_on(today)
    assert layout.today_x is None
    assert layout.today_side == side


def test_a_milestone_after_the_deadline_stretches_the_axis():
    late = MilestonePoint("Joint review", dt.date(2026, 7, 1), MilestoneState.UPCOMING)
    layout = layout_on(dt.date(2026, 3, 20), [late])
    assert layout.marks[0].x == WIDTH - MARGIN_RIGHT
    assert layout.x_deadline == x_for(60, span=147)


def test_marks_on_the_same_day_are_stacked_not_overlapped():
    same_day = [
        MilestonePoint(f"M{i}", dt.date(2026, 4, 5), MilestoneState.UPCOMING) for i in range(3)
    ]
    layout = layout_on(dt.date(2026, 3, 20), same_day)
    ys = [mark.y for mark in layout.marks]
    assert len(set(ys)) == 3
    assert max(ys) < layout.axis_y


def test_svg_markup_is_accessible_and_labelled():
    layout = layout_on(
        dt.date(2026, 3, 20),
        [MilestonePoint("Present alternatives", dt.date(2026, 4, 5), MilestoneState.DUE_SOON)],
    )
    svg = window_svg(layout, title="U.S.–Mexico Action Plan", id_prefix="w")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="w-title w-desc"' in svg
    assert '<title id="w-title">Timeline of the window: U.S.–Mexico Action Plan</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "4 February 2026 (day 0)" in desc
    assert "deadline on 5 April 2026 (day 60)" in desc
    assert "day 44 of 60" in desc
    assert f'<line class="today-line" x1="{x_for(44)}"' in svg
    assert '<g class="mark mark--due_soon">' in svg
    assert f'cx="{x_for(60)}"' in svg
    assert ">deadline</text>" in svg and ">5 Apr</text>" in svg


def test_titles_are_escaped():
    layout = layout_on(dt.date(2026, 3, 20))
    svg = window_svg(layout, title="<script>x</script>", id_prefix="w")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.django_db
def test_the_drawing_has_the_same_geometry_in_every_language(client):
    # Spanish formats numbers with a decimal comma; coordinates must stay numbers.
    f.WindowedAgreementFactory(slug="plan")
    attribute = re.compile(r'\b(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"')

    def geometry(language):
        prefix = "" if language == "en" else f"/{language}"
        page = client.get(f"{prefix}/agreements/plan/").content.decode()
        start = page.index('<svg class="window-svg"')
        svg = page[start : page.index("</svg>", start)]
        return attribute.findall(svg)

    english, spanish = geometry("en"), geometry("es")
    assert english == spanish
    assert english and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in english)
