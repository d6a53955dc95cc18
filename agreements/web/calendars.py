"""Calendar subscriptions (iCalendar, RFC 5545): milestones, events and key dates.

Every entry is an all-day event. Its UID comes from the record's type and primary key
and a fixed domain string (`milestone-42@minerals-kb`), never from the host serving
it, so a subscriber's calendar replaces an entry when the record changes instead of
adding a second one. SEQUENCE, LAST-MODIFIED and DTSTAMP come from the record's
revision time: a calendar without METHOD is a published store, for which RFC 5545 reads
DTSTAMP as the time the information was last revised, and SEQUENCE must grow when
DTSTART moves. That time is the record's `updated_at`, except that a milestone due on
day N of a window is revised by its agreement's edits too (`Milestone.objects
.with_revision()`), since moving the window moves it. A state that changes only because
today moved (upcoming to overdue) is not a revision: the date and the record are the
same, and the description's state is as of the day the calendar is fetched.

Each view makes a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, vDuration

from agreements import models as m
from agreements.timeline import MilestoneState

UID_DOMAIN = "minerals-kb"
PRODID = "-//Minerals KB//Calendar subscriptions//EN"
# Deadlines rarely move within hours; subscribers need not poll more often than this.
REFRESH_INTERVAL = dt.timedelta(hours=6)
# SEQUENCE is a 32-bit INTEGER in RFC 5545: seconds since this epoch fit until 2094.
SEQUENCE_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def sequence_of(revised_at: dt.datetime) -> int:
    """A SEQUENCE that grows with every revision of the entry (to the second)."""
    return max(0, int((revised_at - SEQUENCE_EPOCH).total_seconds()))


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class Entry:
    """One all-day calendar entry, built from a record; `end` is exclusive (DTEND)."""

    uid: str
    summary: str
    start: dt.date
    end: dt.date
    description: str
    path: str
    category: str
    created_at: dt.datetime
    revised_at: dt.datetime
    location: str = ""
    cancelled: bool = False

    def to_vevent(self, request: HttpRequest) -> Event:
        return Event.new(
            uid=self.uid,
            summary=self.summary,
            start=self.start,
            end=self.end,
            description=self.description,
            url=request.build_absolute_uri(self.path),
            categories=[self.category],
            created=self.created_at.astimezone(dt.UTC),
            last_modified=self.revised_at.astimezone(dt.UTC),
            stamp=self.revised_at.astimezone(dt.UTC),
            sequence=sequence_of(self.revised_at),
            # A deadline does not make anyone busy for the day.
            transparency="TRANSPARENT",
            status="CANCELLED" if self.cancelled else None,
            location=self.location or None,
        )


def _uid(kind: str, pk: int, part: str = "") -> str:
    suffix = f"-{part}" if part else ""
    return f"{kind}-{pk}{suffix}@{UID_DOMAIN}"


def _sources_line(count: int) -> str:
    return _("Sources: %(count)d") % {"count": count}


def milestone_entry(milestone: m.Milestone) -> Entry:
    """Needs `due_date`, `state`, `revised_at` and `source_count` annotated, and the
    agreement selected."""
    lines = [
        _("State: %(state)s") % {"state": MilestoneState(milestone.state).label},
        _("Status: %(status)s") % {"status": milestone.get_status_display()},
        _("Agreement: %(agreement)s") % {"agreement": milestone.agreement.title},
    ]
    if milestone.due_day is not None:
        lines.append(
            _("Due on day %(day)d of the window (%(length)d days).")
            % {"day": milestone.due_day, "length": milestone.agreement.window_days}
        )
    if milestone.completed_on:
        lines.append(_("Completed on %(date)s") % {"date": _day(milestone.completed_on)})
    lines.append(_sources_line(milestone.source_count))
    if milestone.description:
        lines += ["", milestone.description]
    return Entry(
        uid=_uid("milestone", milestone.pk),
        summary=f"{milestone.title} — {milestone.agreement}",
        start=milestone.due_date,
        end=milestone.due_date + dt.timedelta(days=1),
        description="\n".join(lines),
        path=milestone.get_absolute_url(),
        category=_("Milestone"),
        created_at=milestone.created_at,
        revised_at=milestone.revised_at,
        cancelled=milestone.status == m.MilestoneStatus.CANCELLED,
    )


def event_entry(event: m.Event) -> Entry:
    """Needs `source_count` annotated and `agreements` prefetched."""
    lines = [_("Kind: %(kind)s") % {"kind": event.get_kind_display()}]
    if event.attendance:
        lines.append(_("Attendance: %(attendance)s") % {"attendance": event.attendance})
    agreements = [agreement.title for agreement in event.agreements.all()]
    if agreements:
        lines.append(_("Agreements: %(titles)s") % {"titles": "; ".join(agreements)})
    lines.append(_sources_line(event.source_count))
    if event.summary:
        lines += ["", event.summary]
    return Entry(
        uid=_uid("event", event.pk),
        summary=event.title,
        start=event.starts_on,
        end=(event.ends_on or event.starts_on) + dt.timedelta(days=1),
        description="\n".join(lines),
        path=event.get_absolute_url(),
        category=_("Event"),
        created_at=event.created_at,
        revised_at=event.updated_at,
        location=event.location,
    )


def key_date_entries(agreement: m.Agreement, *, note: str = "") -> list[Entry]:
    """The dates an agreement has (announced, signed, in force, ended) and its window's
    deadline.

    Needs `source_count` annotated. `note` ends each description (e.g. which measures
    cover the mineral a calendar is about).
    """
    dates = [
        (key_date.slug, getattr(agreement, key_date.field), key_date.phrase)
        for key_date in m.KEY_DATES
    ]
    if agreement.has_window:
        dates.append(
            (
                "deadline",
                agreement.deadline,
                _("window closes (day %(length)d)") % {"length": agreement.window_days},
            )
        )
    lines = [
        _("Agreement: %(agreement)s") % {"agreement": agreement.title},
        _("Kind: %(kind)s") % {"kind": agreement.get_kind_display()},
        _("Status: %(status)s") % {"status": agreement.get_status_display()},
        _sources_line(agreement.source_count),
    ]
    if note:
        lines += ["", note]
    return [
        Entry(
            uid=_uid("agreement", agreement.pk, part),
            summary=f"{agreement}: {label}",
            start=day,
            end=day + dt.timedelta(days=1),
            description="\n".join(lines),
            path=agreement.get_absolute_url(),
            category=_("Key date"),
            created_at=agreement.created_at,
            revised_at=agreement.updated_at,
        )
        for part, day, label in dates
        if day is not None
    ]


def _source_count() -> Count:
    # Sources are the distinct documents cited for the record or one of its fields.
    return Count("citations__document", distinct=True)


def dated_milestones(today: dt.date) -> QuerySet[m.Milestone]:
    return (
        m.Milestone.objects.with_state(today)
        .with_revision()
        .filter(due_date__isnull=False)
        .select_related("agreement")
        .annotate(source_count=_source_count())
    )


def calendar_events() -> QuerySet[m.Event]:
    return m.Event.objects.prefetch_related("agreements").annotate(source_count=_source_count())


def agreements_with_sources() -> QuerySet[m.Agreement]:
    return m.Agreement.objects.annotate(source_count=_source_count())


def calendar_response(
    request: HttpRequest,
    *,
    name: str,
    description: str,
    uid: str,
    page: str,
    filename: str,
    entries: Iterable[Entry],
) -> HttpResponse:
    ordered = sorted(entries, key=lambda entry: (entry.start, entry.summary, entry.uid))
    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"{uid}@{UID_DOMAIN}",
        name=name,
        description=description,
        url=request.build_absolute_uri(page),
        refresh_interval=REFRESH_INTERVAL,
        subcomponents=[entry.to_vevent(request) for entry in ordered],
    )
    # RFC 7986 requires VALUE=DURATION on REFRESH-INTERVAL; many clients read the older
    # X-PUBLISHED-TTL instead.
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


@require_safe
def all_calendar(request: HttpRequest) -> HttpResponse:
    """Every milestone that has a due date, and every event."""
    today = timezone.localdate()
    return calendar_response(
        request,
        name=_("Minerals KB: milestones and events"),
        description=_(
            "Due dates of the commitments in critical-minerals trade agreements, and the "
            "meetings around them."
        ),
        uid="calendar-all",
        page=reverse("agreements:milestones"),
        filename="minerals-kb.ics",
        entries=[
            *map(milestone_entry, dated_milestones(today)),
            *map(event_entry, calendar_events()),
        ],
    )


@require_safe
def agreement_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """An agreement's milestones, its events and its key dates."""
    agreement = get_object_or_404(agreements_with_sources(), slug=slug)
    today = timezone.localdate()
    return calendar_response(
        request,
        name=_("Minerals KB: %(agreement)s") % {"agreement": agreement},
        description=_("Key dates, milestones and events of %(agreement)s.")
        % {"agreement": agreement.title},
        uid=f"calendar-agreement-{agreement.pk}",
        page=agreement.get_absolute_url(),
        filename=f"{agreement.slug}.ics",
        entries=[
            *key_date_entries(agreement),
            *map(milestone_entry, dated_milestones(today).filter(agreement=agreement)),
            *map(event_entry, calendar_events().filter(agreements=agreement)),
        ],
    )


@require_safe
def participant_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The milestones of the agreements a participant takes part in and those it is
    responsible for (as the timeline's participant filter selects them), the key dates
    of those agreements, and the events it attended."""
    participant = get_object_or_404(m.Participant, slug=slug)
    today = timezone.localdate()
    theirs = participant.participations.values("agreement")
    agreements = agreements_with_sources().filter(pk__in=theirs)
    entries = [
        *map(milestone_entry, dated_milestones(today).involving(participant)),
        *map(event_entry, calendar_events().filter(participants=participant)),
    ]
    for agreement in agreements:
        entries += key_date_entries(agreement)
    return calendar_response(
        request,
        name=_("Minerals KB: %(participant)s") % {"participant": participant.display_name},
        description=_(
            "Milestones and key dates of the agreements %(participant)s takes part in, the "
            "milestones it is responsible for, and the events it attended."
        )
        % {"participant": participant.name},
        uid=f"calendar-participant-{participant.pk}",
        page=participant.get_absolute_url(),
        filename=f"{participant.slug}.ics",
        entries=entries,
    )


@require_safe
def mineral_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """Milestones and key dates of the agreements covering a mineral.

    Measures have no dates of their own: each key date names the agreement's measures
    that cover the mineral.
    """
    mineral = get_object_or_404(m.Mineral, slug=slug)
    today = timezone.localdate()
    covering = m.Agreement.objects.covering(mineral).values("pk")
    agreements = (
        agreements_with_sources()
        .filter(pk__in=covering)
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=m.Measure.objects.filter(minerals=mineral),
                to_attr="measures_for_mineral",
            )
        )
    )
    entries = list(map(milestone_entry, dated_milestones(today).filter(agreement__in=covering)))
    for agreement in agreements:
        note = ""
        if agreement.measures_for_mineral:
            note = _("Measures covering %(mineral)s: %(measures)s") % {
                "mineral": mineral.name,
                "measures": "; ".join(
                    f"{measure.title} ({measure.get_stage_display()})"
                    for measure in agreement.measures_for_mineral
                ),
            }
        entries += key_date_entries(agreement, note=note)
    return calendar_response(
        request,
        name=_("Minerals KB: %(mineral)s") % {"mineral": mineral.name},
        description=_("Milestones and key dates of the agreements covering %(mineral)s.")
        % {"mineral": mineral.name},
        uid=f"calendar-mineral-{mineral.pk}",
        page=mineral.get_absolute_url(),
        filename=f"{mineral.slug}.ics",
        entries=entries,
    )
