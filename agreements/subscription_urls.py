"""Subscriptions: calendars (iCalendar) and news feeds (Atom, with RSS 2.0 beside each)."""

from django.urls import path

from agreements import calendars, feeds

app_name = "subscriptions"

urlpatterns = [
    path("calendars/milestones.ics", calendars.all_calendar, name="calendar"),
    path(
        "calendars/agreements/<slug:slug>.ics",
        calendars.agreement_calendar,
        name="agreement-calendar",
    ),
    path(
        "calendars/participants/<slug:slug>.ics",
        calendars.participant_calendar,
        name="participant-calendar",
    ),
    path(
        "calendars/minerals/<slug:slug>.ics",
        calendars.mineral_calendar,
        name="mineral-calendar",
    ),
    path("feeds/documents.atom", feeds.DocumentsAtomFeed(), name="documents-atom"),
    path("feeds/documents.rss", feeds.DocumentsFeed(), name="documents-rss"),
    path("feeds/milestones.atom", feeds.MilestonesAtomFeed(), name="milestones-atom"),
    path("feeds/milestones.rss", feeds.MilestonesFeed(), name="milestones-rss"),
    path("feeds/agreements/<slug:slug>.atom", feeds.AgreementAtomFeed(), name="agreement-atom"),
    path("feeds/agreements/<slug:slug>.rss", feeds.AgreementFeed(), name="agreement-rss"),
    path(
        "feeds/participants/<slug:slug>.atom",
        feeds.ParticipantAtomFeed(),
        name="participant-atom",
    ),
    path("feeds/participants/<slug:slug>.rss", feeds.ParticipantFeed(), name="participant-rss"),
    path("feeds/minerals/<slug:slug>.atom", feeds.MineralAtomFeed(), name="mineral-atom"),
    path("feeds/minerals/<slug:slug>.rss", feeds.MineralFeed(), name="mineral-rss"),
]
