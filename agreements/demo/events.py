"""Dated happenings around the agreements."""

import datetime as dt

from agreements.models import EventKind

from .spec import Cite

_FS = "state-ministerial-fact-sheet"
_R000 = "report-us-mexico-plan-supply-chain"
_USGS_2025_RELEASE = (
    "Our research dates the release 6–7 Nov 2025, citing Mondaq and the USGS FAQ page, "
    "without saying which of them gives which day."
)


def _e(slug, title, kind, starts_on, *, ends_on=None, location="", attendance="", summary="",
       participants=(), agreements=(), cite):  # fmt: skip
    return {
        "slug": slug,
        "fields": {
            "title": title,
            "kind": kind,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "location": location,
            "attendance": attendance,
            "summary": summary,
        },
        "participants": participants,
        "agreements": agreements,
        "cite": cite,
    }


EVENTS = [
    _e(
        "critical-minerals-ministerial-2026",
        "2026 Critical Minerals Ministerial",
        EventKind.MINISTERIAL,
        dt.date(2026, 2, 4),
        attendance="54 countries and the European Commission",
        summary=(
            "The first ministerial on critical minerals, hosted by the State Department, with "
            "43 ministers among the delegations. Vice President Vance proposed a preferential "
            "trade zone in which reference prices act as floors, enforced through adjustable "
            "tariffs. FORGE was launched in place of the MSP, and the U.S. signed new "
            "bilateral frameworks and memoranda: 11 by the State Department's count, 12 in a "
            "count that includes the UK. Mexico was represented by Foreign Minister de la "
            "Fuente. Reports differ on the number of countries and a few on the date."
        ),
        participants=(
            "us-department-of-state",
            "marco-rubio",
            "jd-vance",
            "jamieson-greer",
            "united-states",
            "juan-ramon-de-la-fuente",
            "mexico",
            "european-commission",
            "japan",
            "south-korea",
        ),
        agreements=(
            "forge",
            "ec-us-japan-joint-statement",
            "us-mexico-action-plan",
            "critical-minerals-preferential-trade-zone",
        ),
        cite=[
            Cite(_FS, "attendance", value="54 countries and the European Commission"),
            Cite(_R000, "attendance", "paragraph 5", "55 countries"),
            Cite("kbs-ministerial-56-countries", "attendance", value="56 countries"),
            Cite(_FS, "starts_on", value="4 Feb 2026"),
            Cite(
                "efe-abc-greer-ebrard",
                "starts_on",
                value="3 Feb 2026",
                note=(
                    "Given as “Tuesday”, i.e. 3 Feb 2026; 4 Feb 2026 was a Wednesday and the "
                    "3 Feb meeting was the CSIS dialogue."
                ),
            ),
            Cite("cronica-ministerial", "starts_on", value="3 Feb 2026"),
            Cite(
                _FS,
                "summary",
                value="11 bilateral frameworks or memoranda",
                note="It names ten of them as examples.",
            ),
            Cite(
                "clarkhill-ministerial-recap",
                "summary",
                value="12 bilateral frameworks or memoranda",
                note="Its count includes the UK memorandum.",
            ),
            Cite("spglobal-ministerial", "summary"),
        ],
    ),
    _e(
        "us-mexico-action-plan-announcement",
        "Announcement of the U.S.–Mexico Action Plan on Critical Minerals",
        EventKind.ANNOUNCEMENT,
        dt.date(2026, 2, 4),
        summary=(
            "USTR announced the plan with Mexico's Economy Secretary. Two reports place a "
            "meeting of Greer and Ebrard in Washington; who signed the plan, and where, is "
            "not known."
        ),
        participants=("jamieson-greer", "marcelo-ebrard", "ustr", "secretaria-de-economia"),
        agreements=("us-mexico-action-plan",),
        cite=[
            Cite("ustr-post-us-mexico-plan", "starts_on", value="4 Feb 2026"),
            Cite(_R000, "location", "paragraph 1", "Washington"),
            Cite("efe-abc-greer-ebrard", "location", value="Washington"),
        ],
    ),
    _e(
        "ebrard-remarks-2026-02-04",
        "Ebrard's remarks on the U.S.–Mexico plan",
        EventKind.OTHER,
        dt.date(2026, 2, 4),
        summary=(
            "Ebrard's comments on the day the plan was made public. For Mexico, he said, the "
            "Foreign Ministry leads the work formally and the Economy Ministry runs it in "
            "practice, because the Mexican Geological Service and mining regulation come "
            "under Economy. He spoke of a list of 60 critical minerals, the U.S. list, and "
            "could not say whether lithium is on it."
        ),
        participants=(
            "marcelo-ebrard",
            "secretaria-de-economia",
            "secretaria-de-relaciones-exteriores",
        ),
        agreements=("us-mexico-action-plan",),
        cite=[
            Cite("vanguardia-ebrard-sre-leads", "starts_on", value="4 Feb 2026"),
            Cite(
                "vanguardia-ebrard-sre-leads",
                "summary",
                note=(
                    "Reports who leads for Mexico, and why. Our research records the "
                    "60-minerals and lithium remarks of that day without naming the outlet "
                    "that reported them."
                ),
            ),
        ],
    ),
    _e(
        "csis-critical-minerals-dialogue-2026",
        "Government–industry dialogue on critical minerals at CSIS",
        EventKind.MEETING,
        dt.date(2026, 2, 3),
        summary="U.S. officials met industry at CSIS the day before the ministerial.",
        participants=("csis", "united-states"),
        cite=[Cite("bhfs-csis-dialogue", "starts_on", value="3 Feb 2026")],
    ),
    _e(
        "mexico-minerals-briefing-2026-02-12",
        "Mexico sets out the critical minerals it lacks and produces",
        EventKind.ANNOUNCEMENT,
        dt.date(2026, 2, 12),
        summary=(
            "Ebrard and Flor de María Harp, head of the Mexican Geological Service, named "
            "the minerals Mexico is short of and those it produces (see the list "
            "recorded for 12 Feb 2026)."
        ),
        participants=(
            "marcelo-ebrard",
            "flor-de-maria-harp",
            "servicio-geologico-mexicano",
            "secretaria-de-economia",
        ),
        cite=[
            Cite("diario7-mexico-minerals", "starts_on", value="12 Feb 2026"),
            Cite("sdpnoticias-mexico-minerals"),
        ],
    ),
    _e(
        "usgs-2025-final-list-release",
        "USGS releases its 2025 final list of critical minerals",
        EventKind.PUBLICATION,
        dt.date(2025, 11, 6),
        ends_on=dt.date(2025, 11, 7),
        summary=(
            "The final list of sixty came out over 6–7 Nov 2025: our research gives the "
            "release as those two days, not one, and the Federal Register notice is dated "
            "7 Nov 2025."
        ),
        participants=("usgs",),
        cite=[
            Cite("mondaq-usgs-2025", note=_USGS_2025_RELEASE),
            Cite("usgs-faq-critical-mineral", note=_USGS_2025_RELEASE),
            Cite(
                "usgs-2025-fr-notice", "ends_on", value="7 Nov 2025", note="Federal Register date."
            ),
        ],
    ),
    _e(
        "wto-mc14",
        "WTO 14th Ministerial Conference (MC14)",
        EventKind.CONFERENCE,
        dt.date(2026, 3, 26),
        ends_on=dt.date(2026, 3, 29),
        location="Yaoundé, Cameroon",
        summary=(
            "Ebrard said trade in critical minerals would be on the agenda (single source). "
            "What was discussed there is not recorded here."
        ),
        participants=("world-trade-organization", "marcelo-ebrard"),
        cite=[Cite("diario7-mexico-minerals")],
    ),
]
