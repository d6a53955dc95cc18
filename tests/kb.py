"""A small knowledge base around the U.S.–Mexico plan, for page and download tests (the
`kb` and `today` fixtures in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from agreements import models as m
from agreements.services import citation_create
from tests import factories as f

# 20 Mar 2026 is day 44 of the U.S.–Mexico window (4 Feb + 60 days = 5 Apr).
TODAY = dt.date(2026, 3, 20)


@dataclass
class KB:
    plan: m.Agreement
    review: m.Agreement
    usa: m.Participant
    mexico: m.Participant
    ustr: m.Participant
    lithium: m.Mineral
    gallium: m.Mineral
    press: m.Document
    news: m.Document
    ministerial: m.Event
    overdue: m.Milestone
    soon: m.Milestone
    deadline: m.Milestone
    list_2022: m.MineralList
    list_2025: m.MineralList


def build_kb() -> KB:
    usa = f.ParticipantFactory(name="United States", slug="united-states", short_name="U.S.")
    mexico = f.ParticipantFactory(name="Mexico", slug="mexico")
    ustr = f.ParticipantFactory(
        name="Office of the U.S. Trade Representative",
        slug="ustr",
        short_name="USTR",
        kind=m.ParticipantKind.GOVERNMENT_BODY,
        parent=usa,
    )
    f.ParticipantAliasFactory(participant=mexico, name="México", language="es")
    plan = f.WindowedAgreementFactory(
        title="U.S.–Mexico Action Plan on Critical Minerals",
        short_title="U.S.–Mexico Action Plan",
        slug="us-mexico-action-plan",
        summary="Sixty days to coordinate trade policy on critical minerals.",
    )
    review = f.AgreementFactory(
        title="USMCA Joint Review",
        slug="usmca-joint-review",
        kind=m.AgreementKind.REVIEW,
        announced_on=dt.date(2026, 1, 10),
    )
    f.AgreementLinkFactory(source=plan, target=review, kind=m.AgreementLinkKind.LEADS_TO)
    f.ParticipationFactory(agreement=plan, participant=usa, role=m.ParticipationRole.PARTY)
    f.ParticipationFactory(agreement=plan, participant=mexico, role=m.ParticipationRole.PARTY)
    f.ParticipationFactory(agreement=plan, participant=ustr, role=m.ParticipationRole.LEAD)
    lithium = f.MineralFactory(name="Lithium", slug="lithium", symbol="Li")
    gallium = f.MineralFactory(name="Gallium", slug="gallium", symbol="Ga")
    f.MineralAliasFactory(mineral=lithium, name="Litio", language="es")
    floor = f.MeasureFactory(
        agreement=plan, kind=m.MeasureKind.PRICE_FLOOR, title="Border-adjusted price floors"
    )
    floor.minerals.add(lithium, gallium)
    overdue = f.MilestoneFactory(
        agreement=plan, title="Identify minerals of mutual interest", due_on=dt.date(2026, 3, 1)
    )
    overdue.responsible.add(ustr)
    soon = f.MilestoneFactory(
        agreement=plan, title="Comments on the plurilateral notice", due_on=dt.date(2026, 3, 23)
    )
    deadline = f.MilestoneFactory(
        agreement=plan, title="Present alternatives", due_on=None, due_day=60
    )
    press = f.DocumentFactory(
        title="USTR press release on the Action Plan",
        slug="ustr-press-release",
        publisher="USTR",
        kind=m.DocumentKind.PRESS_RELEASE,
        is_primary=True,
    )
    news = f.DocumentFactory(
        title="Reuters: ministerial draws dozens of countries",
        slug="reuters-ministerial",
        publisher="Reuters",
        published_on=dt.date(2026, 2, 5),
    )
    press.mentioned_agreements.add(plan)
    news.mentioned_minerals.add(lithium)
    news.mentioned_participants.add(mexico)
    ministerial = f.EventFactory(
        title="Critical Minerals Ministerial",
        slug="critical-minerals-ministerial",
        kind=m.EventKind.MINISTERIAL,
        attendance="54 countries and the European Commission",
    )
    ministerial.agreements.add(plan)
    ministerial.participants.add(mexico)
    citation_create(
        subject=plan, document=press, field_name="window_days", locator="¶2", stated_value="60"
    )
    citation_create(subject=plan, document=press, field_name="announced_on", locator="¶1")
    citation_create(
        subject=ministerial,
        document=press,
        field_name="attendance",
        locator="¶3",
        stated_value="54 countries + EC",
    )
    citation_create(
        subject=ministerial,
        document=news,
        field_name="attendance",
        locator="para. 1",
        stated_value="55 countries",
    )
    issuer = f.ParticipantFactory(
        name="U.S. Geological Survey", slug="usgs", kind=m.ParticipantKind.GOVERNMENT_BODY
    )
    list_2022 = f.MineralListFactory(
        name="USGS 2022 list", slug="usgs-2022", edition=2022, issuer=issuer
    )
    list_2025 = f.MineralListFactory(
        name="USGS 2025 list",
        slug="usgs-2025",
        edition=2025,
        issuer=issuer,
        previous_edition=list_2022,
    )
    f.MineralListEntryFactory(mineral_list=list_2022, mineral=lithium)
    f.MineralListEntryFactory(mineral_list=list_2025, mineral=lithium)
    f.MineralListEntryFactory(mineral_list=list_2025, mineral=gallium, change=m.EntryChange.ADDED)
    return KB(
        plan=plan,
        review=review,
        usa=usa,
        mexico=mexico,
        ustr=ustr,
        lithium=lithium,
        gallium=gallium,
        press=press,
        news=news,
        ministerial=ministerial,
        overdue=overdue,
        soon=soon,
        deadline=deadline,
        list_2022=list_2022,
        list_2025=list_2025,
    )
