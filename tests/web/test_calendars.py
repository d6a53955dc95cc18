"""Calendar subscriptions: parsed with the icalendar library, checked entry by entry."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from agreements import models as m
from agreements.services import milestone_set_status, record_save
from tests import factories as f

TODAY = dt.date(2026, 3, 1)
EARLIER = dt.datetime(2026, 2, 10, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def fetch(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def by_uid(calendar: Calendar) -> dict:
    return {str(event.uid): event for event in calendar.events}


@pytest.fixture
def plan(db):
    """The U.S.–Mexico plan: a 60-day window from 4 Feb 2026, signed on 10 Mar 2026."""
    return f.WindowedAgreementFactory(
        slug="us-mexico-action-plan",
        title="U.S.–Mexico Action Plan on Critical Minerals",
        short_title="U.S.–Mexico plan",
        signed_on=dt.date(2026, 3, 10),
    )


def test_agreement_calendar_holds_exactly_its_milestones_events_and_key_dates(client, plan):
    deadline = f.MilestoneFactory(agreement=plan, due_on=None, due_day=60, title="Coordinate")
    dated = f.MilestoneFactory(agreement=plan, due_on=dt.date(2026, 3, 5), title="Consult")
    f.MilestoneFactory(agreement=plan, due_on=None, title="Someday")
    meeting = f.EventFactory(
        title="Ministerial",
        starts_on=dt.date(2026, 2, 4),
        ends_on=dt.date(2026, 2, 5),
        location="Washington, DC",
    )
    meeting.agreements.add(plan)
    f.CitationFactory(subject_record=deadline)
    f.CitationFactory(subject_record=deadline)
    other = f.MilestoneFactory(title="Elsewhere")
    f.EventFactory(title="Unrelated")

    response = client.get(f"/calendars/agreements/{plan.slug}.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="us-mexico-action-plan.ics"'
    assert b"DTSTART;VALUE=DATE:20260405" in response.content
    calendar = Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Minerals KB: U.S.–Mexico plan"
    events = by_uid(calendar)
    assert set(events) == {
        f"milestone-{deadline.pk}@minerals-kb",
        f"milestone-{dated.pk}@minerals-kb",
        f"event-{meeting.pk}@minerals-kb",
        f"agreement-{plan.pk}-announced@minerals-kb",
        f"agreement-{plan.pk}-signed@minerals-kb",
        f"agreement-{plan.pk}-deadline@minerals-kb",
    }
    assert f"milestone-{other.pk}@minerals-kb" not in events

    day_60 = events[f"milestone-{deadline.pk}@minerals-kb"]
    # 4 Feb 2026 + 60 days, as an all-day DATE (not a date-time).
    assert type(day_60.start) is dt.date
    assert day_60.start == dt.date(2026, 4, 5)
    assert day_60.end == dt.date(2026, 4, 6)
    assert day_60["SUMMARY"] == "Coordinate — U.S.–Mexico plan"
    assert day_60["URL"] == f"http://testserver/milestones/{deadline.pk}/"
    description = str(day_60["DESCRIPTION"])
    assert "State: Upcoming" in description
    assert "Status: Planned" in description
    assert "Agreement: U.S.–Mexico Action Plan on Critical Minerals" in description
    assert "Due on day 60 of the window (60 days)." in description
    assert "Sources: 2" in description

    consult = events[f"milestone-{dated.pk}@minerals-kb"]
    assert consult.start == dt.date(2026, 3, 5)
    assert "State: Due soon" in str(consult["DESCRIPTION"])

    ministerial = events[f"event-{meeting.pk}@minerals-kb"]
    assert (ministerial.start, ministerial.end) == (dt.date(2026, 2, 4), dt.date(2026, 2, 6))
    assert ministerial["LOCATION"] == "Washington, DC"
    assert ministerial["URL"] == f"http://testserver/events/{meeting.slug}/"

    window = events[f"agreement-{plan.pk}-deadline@minerals-kb"]
    assert window.start == dt.date(2026, 4, 5)
    assert window["SUMMARY"] == "U.S.–Mexico plan: window closes (day 60)"
    assert window["URL"] == "http://testserver/agreements/us-mexico-action-plan/"
    assert events[f"agreement-{plan.pk}-signed@minerals-kb"].start == dt.date(2026, 3, 10)


def test_key_dates_include_entry_into_force(client, db):
    agreement = f.AgreementFactory(
        announced_on=None, signed_on=dt.date(2025, 6, 1), in_force_on=dt.date(2025, 9, 1)
    )

    events = by_uid(fetch(client, f"/calendars/agreements/{agreement.slug}.ics"))

    assert set(events) == {
        f"agreement-{agreement.pk}-signed@minerals-kb",
        f"agreement-{agreement.pk}-in-force@minerals-kb",
    }
    in_force = events[f"agreement-{agreement.pk}-in-force@minerals-kb"]
    assert in_force.start == dt.date(2025, 9, 1)
    assert in_force["SUMMARY"] == f"{agreement.title}: enters into force"


def test_key_dates_include_the_end(client, db):
    agreement = f.AgreementFactory(
        announced_on=dt.date(2025, 6, 1), status="lapsed", ended_on=dt.date(2026, 1, 31)
    )

    events = by_uid(fetch(client, f"/calendars/agreements/{agreement.slug}.ics"))

    assert set(events) == {
        f"agreement-{agreement.pk}-announced@minerals-kb",
        f"agreement-{agreement.pk}-ended@minerals-kb",
    }
    ended = events[f"agreement-{agreement.pk}-ended@minerals-kb"]
    assert ended.start == dt.date(2026, 1, 31)
    assert ended["SUMMARY"] == f"{agreement.title}: ends"


def test_all_calendar_holds_every_dated_milestone_and_event_and_nothing_else(client, plan):
    first = f.MilestoneFactory(agreement=plan, due_on=None, due_day=30)
    second = f.MilestoneFactory(due_on=dt.date(2026, 7, 1))
    f.MilestoneFactory(agreement=f.AgreementFactory(), due_on=None)
    meeting = f.EventFactory()

    response = client.get("/calendars/milestones.ics")

    assert response["Content-Disposition"] == 'attachment; filename="minerals-kb.ics"'
    calendar = Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Minerals KB: milestones and events"
    events = by_uid(calendar)
    assert set(events) == {
        f"milestone-{first.pk}@minerals-kb",
        f"milestone-{second.pk}@minerals-kb",
        f"event-{meeting.pk}@minerals-kb",
    }
    assert events[f"milestone-{first.pk}@minerals-kb"].start == dt.date(2026, 3, 6)
    assert [event.start for event in calendar.events] == sorted(
        event.start for event in calendar.events
    )


def test_participant_calendar(client, plan):
    ustr = f.ParticipantFactory(slug="ustr", name="Office of the U.S. Trade Representative")
    f.ParticipationFactory(participant=ustr, agreement=plan)
    theirs = f.MilestoneFactory(agreement=plan)
    theirs.responsible.add(ustr, f.ParticipantFactory())
    of_their_agreement = f.MilestoneFactory(agreement=plan)
    other_agreement = f.AgreementFactory()
    responsible_elsewhere = f.MilestoneFactory(agreement=other_agreement)
    responsible_elsewhere.responsible.add(ustr)
    not_theirs = f.MilestoneFactory()
    attended = f.EventFactory()
    attended.participants.add(ustr)
    f.EventFactory()

    response = client.get("/calendars/participants/ustr.ics")

    calendar = Calendar.from_ical(response.content)
    uids = [str(event.uid) for event in calendar.events]
    # Responsible for a milestone of an agreement it takes part in: still one entry.
    assert len(uids) == len(set(uids))
    assert set(uids) == {
        f"milestone-{theirs.pk}@minerals-kb",
        f"milestone-{of_their_agreement.pk}@minerals-kb",
        f"milestone-{responsible_elsewhere.pk}@minerals-kb",
        f"event-{attended.pk}@minerals-kb",
        f"agreement-{plan.pk}-announced@minerals-kb",
        f"agreement-{plan.pk}-signed@minerals-kb",
        f"agreement-{plan.pk}-deadline@minerals-kb",
    }
    assert f"milestone-{not_theirs.pk}@minerals-kb" not in uids
    assert f"agreement-{other_agreement.pk}-announced@minerals-kb" not in uids
    assert str(calendar["X-WR-CALDESC"]) == (
        "Milestones and key dates of the agreements Office of the U.S. Trade Representative "
        "takes part in, the milestones it is responsible for, and the events it attended."
    )


def test_participant_calendar_has_the_milestones_of_the_timelines_participant_filter(client, plan):
    mexico = f.ParticipantFactory(slug="mexico", name="Mexico")
    f.ParticipationFactory(participant=mexico, agreement=plan)
    f.MilestoneFactory(agreement=plan, title="Coordinate")
    f.MilestoneFactory(agreement=f.AgreementFactory(), title="Elsewhere").responsible.add(mexico)
    f.MilestoneFactory(title="Not Mexico's")

    timeline = client.get("/timeline/?participant=mexico").content.decode()
    summaries = [
        str(event["SUMMARY"])
        for event in fetch(client, "/calendars/participants/mexico.ics").events
        if str(event.uid).startswith("milestone-")
    ]

    assert sorted(summary.split(" — ")[0] for summary in summaries) == ["Coordinate", "Elsewhere"]
    assert "Coordinate" in timeline and "Elsewhere" in timeline
    assert "Not Mexico&#x27;s" not in timeline


def test_mineral_calendar_covers_agreements_by_measure_or_list(client, plan):
    lithium = f.MineralFactory(slug="lithium", name="Lithium")
    floor = f.MeasureFactory(
        agreement=plan,
        kind=m.MeasureKind.PRICE_FLOOR,
        stage=m.MeasureStage.TO_EXPLORE,
        title="Border-adjusted price floor",
    )
    floor.minerals.add(lithium)
    listed = f.AgreementFactory(title="Listing agreement", announced_on=dt.date(2026, 1, 15))
    entry = f.MineralListEntryFactory(mineral=lithium)
    entry.mineral_list.agreement = listed
    entry.mineral_list.save()
    uncovered = f.AgreementFactory(announced_on=dt.date(2026, 1, 20))
    on_plan = f.MilestoneFactory(agreement=plan)
    on_listed = f.MilestoneFactory(agreement=listed, due_on=dt.date(2026, 5, 1))
    elsewhere = f.MilestoneFactory(agreement=uncovered)

    events = by_uid(fetch(client, "/calendars/minerals/lithium.ics"))

    assert set(events) == {
        f"milestone-{on_plan.pk}@minerals-kb",
        f"milestone-{on_listed.pk}@minerals-kb",
        f"agreement-{plan.pk}-announced@minerals-kb",
        f"agreement-{plan.pk}-signed@minerals-kb",
        f"agreement-{plan.pk}-deadline@minerals-kb",
        f"agreement-{listed.pk}-announced@minerals-kb",
    }
    assert f"milestone-{elsewhere.pk}@minerals-kb" not in events
    plan_deadline = str(events[f"agreement-{plan.pk}-deadline@minerals-kb"]["DESCRIPTION"])
    assert "Measures covering Lithium: Border-adjusted price floor (To be explored)" in (
        plan_deadline
    )
    listed_announced = str(events[f"agreement-{listed.pk}-announced@minerals-kb"]["DESCRIPTION"])
    assert "Measures covering" not in listed_announced


def test_cancelled_and_done_milestones(client, plan):
    cancelled = f.MilestoneFactory(agreement=plan, status=m.MilestoneStatus.CANCELLED)
    done = f.MilestoneFactory(
        agreement=plan, status=m.MilestoneStatus.DONE, completed_on=dt.date(2026, 2, 20)
    )

    events = by_uid(fetch(client, f"/calendars/agreements/{plan.slug}.ics"))

    assert events[f"milestone-{cancelled.pk}@minerals-kb"]["STATUS"] == "CANCELLED"
    assert "State: Cancelled" in str(events[f"milestone-{cancelled.pk}@minerals-kb"]["DESCRIPTION"])
    done_event = events[f"milestone-{done.pk}@minerals-kb"]
    assert "STATUS" not in done_event
    assert "Completed on 20 Feb 2026" in str(done_event["DESCRIPTION"])


def test_uids_are_stable_and_an_edit_raises_the_sequence(client, plan):
    milestone = f.MilestoneFactory(agreement=plan, due_on=None, due_day=60, title="Coordinate")
    # Due on day 60 of the window: the agreement's edits revise it too.
    m.Agreement.objects.filter(pk=plan.pk).update(updated_at=EARLIER)
    m.Milestone.objects.filter(pk=milestone.pk).update(updated_at=EARLIER)
    url = f"/calendars/agreements/{plan.slug}.ics"
    uid = f"milestone-{milestone.pk}@minerals-kb"

    first = client.get(url).content
    again = client.get(url).content
    assert first == again
    before = by_uid(Calendar.from_ical(first))[uid]
    assert before["LAST-MODIFIED"].dt == EARLIER
    assert before["DTSTAMP"].dt == EARLIER

    milestone.refresh_from_db()
    milestone.title = "Coordinate trade policy"
    record_save(instance=milestone)
    milestone_set_status(milestone=milestone, status=m.MilestoneStatus.IN_PROGRESS)

    after = by_uid(fetch(client, url))[uid]
    assert after.sequence > before.sequence
    assert after["SUMMARY"] == "Coordinate trade policy — U.S.–Mexico plan"
    assert "Status: In progress" in str(after["DESCRIPTION"])
    assert after["LAST-MODIFIED"].dt > EARLIER
    assert after.start == before.start == dt.date(2026, 4, 5)


def test_moving_the_window_revises_its_window_relative_milestones_only(client, plan):
    relative = f.MilestoneFactory(agreement=plan, due_on=None, due_day=60, title="Coordinate")
    fixed = f.MilestoneFactory(agreement=plan, due_on=dt.date(2026, 3, 5), title="Consult")
    for record in (plan, relative, fixed):
        type(record).objects.filter(pk=record.pk).update(updated_at=EARLIER)
    url = f"/calendars/agreements/{plan.slug}.ics"
    relative_uid = f"milestone-{relative.pk}@minerals-kb"
    fixed_uid = f"milestone-{fixed.pk}@minerals-kb"
    before = by_uid(fetch(client, url))
    assert before[relative_uid].start == dt.date(2026, 4, 5)

    plan.refresh_from_db()
    plan.window_start = dt.date(2026, 2, 11)
    record_save(instance=plan)
    plan.refresh_from_db()

    for calendar_url in (url, "/calendars/milestones.ics"):
        after = by_uid(fetch(client, calendar_url))
        moved = after[relative_uid]
        assert moved.start == dt.date(2026, 4, 12)
        assert moved.sequence > before[relative_uid].sequence
        assert moved["LAST-MODIFIED"].dt == plan.updated_at.replace(microsecond=0)
        assert moved["DTSTAMP"].dt == moved["LAST-MODIFIED"].dt
        # A milestone with its own date does not move with the window: not revised.
        kept = after[fixed_uid]
        assert kept.start == dt.date(2026, 3, 5)
        assert kept.sequence == before[fixed_uid].sequence
        assert kept["LAST-MODIFIED"].dt == EARLIER


def test_a_milestone_edit_after_its_agreements_is_its_revision(client, plan):
    relative = f.MilestoneFactory(agreement=plan, due_on=None, due_day=60)
    later = EARLIER + dt.timedelta(days=3)
    m.Agreement.objects.filter(pk=plan.pk).update(updated_at=EARLIER)
    m.Milestone.objects.filter(pk=relative.pk).update(updated_at=later)

    entry = by_uid(fetch(client, "/calendars/milestones.ics"))[
        f"milestone-{relative.pk}@minerals-kb"
    ]

    assert entry["LAST-MODIFIED"].dt == later


def test_same_uid_in_every_calendar(client, plan):
    ustr = f.ParticipantFactory(slug="ustr")
    milestone = f.MilestoneFactory(agreement=plan)
    milestone.responsible.add(ustr)
    uid = f"milestone-{milestone.pk}@minerals-kb"

    for url in (
        "/calendars/milestones.ics",
        f"/calendars/agreements/{plan.slug}.ics",
        "/calendars/participants/ustr.ics",
    ):
        assert uid in by_uid(fetch(client, url))


@pytest.mark.parametrize("kind", ["agreements", "participants", "minerals"])
def test_unknown_slug_is_404(client, db, kind):
    response = client.get(f"/calendars/{kind}/no-such-thing.ics")

    assert response.status_code == 404
    assert response["Content-Type"] != "text/calendar; charset=utf-8"


def test_only_safe_methods(client, db):
    assert client.post("/calendars/milestones.ics").status_code == 405


def _populate(rows: int):
    """`rows` of each kind around one agreement, one participant and one mineral."""
    agreement = f.WindowedAgreementFactory(slug="plan", signed_on=dt.date(2026, 3, 10))
    participant = f.ParticipantFactory(slug="party")
    mineral = f.MineralFactory(slug="lithium")
    f.ParticipationFactory(participant=participant, agreement=agreement)
    for i in range(rows):
        milestone = f.MilestoneFactory(agreement=agreement, due_on=None, due_day=i + 1)
        milestone.responsible.add(participant)
        f.CitationFactory(subject_record=milestone)
        event = f.EventFactory()
        event.agreements.add(agreement, f.AgreementFactory())
        event.participants.add(participant)
        measure = f.MeasureFactory(agreement=f.AgreementFactory())
        measure.minerals.add(mineral)
        f.MilestoneFactory(agreement=measure.agreement)
        f.ParticipationFactory(participant=participant, agreement=measure.agreement)
    return rows


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/calendars/milestones.ics", 4),
        ("/calendars/agreements/plan.ics", 5),
        ("/calendars/participants/party.ics", 5),
        ("/calendars/minerals/lithium.ics", 5),
    ],
)
def test_query_budget_does_not_grow_with_rows(
    client, db, django_assert_max_num_queries, rows, url, budget
):
    _populate(rows)

    with django_assert_max_num_queries(budget):
        response = client.get(url)

    assert len(Calendar.from_ical(response.content).events) >= rows


def test_every_page_offers_to_subscribe_to_the_all_milestones_calendar(client, db):
    footer = client.get("/").content.decode().split('<footer class="site-footer">', 1)[1]

    webcal = "webcal://testserver/calendars/milestones.ics"
    assert f'<a href="{webcal}">Subscribe to all deadlines (calendar)</a>' in footer
    assert '<a href="/calendars/milestones.ics">All deadlines (.ics download)</a>' in footer
    calendar = fetch(client, webcal.replace("webcal://testserver", ""))
    assert calendar["X-WR-CALNAME"] == "Minerals KB: milestones and events"
