"""Agreements with their participations, milestones and measures; links between them."""

import datetime as dt

from agreements.models import (
    AgreementKind,
    AgreementLinkKind,
    AgreementStatus,
    Binding,
    MeasureKind,
    MeasureStage,
    MilestoneStatus,
    ParticipationRole,
)

from .spec import Cite

R = ParticipationRole
UNKNOWN = MilestoneStatus.UNKNOWN

# The research covers reporting up to 24 Apr 2026; nothing later was found.
NO_OUTCOME = "Not known: none of the sources we hold reports what came of this."

PLAN = "us-mexico-action-plan"
PLURILATERAL = "plurilateral-agreement-critical-minerals"
TRADE_ZONE = "critical-minerals-preferential-trade-zone"


def _a(slug, title, kind, *, short="", status=AgreementStatus.ANNOUNCED,
       binding=Binding.UNKNOWN, summary="", announced_on=None, signed_on=None,
       window_start=None, window_days=None, cite, participations=(), milestones=(),
       measures=()):  # fmt: skip
    return {
        "slug": slug,
        "fields": {
            "title": title,
            "short_title": short,
            "kind": kind,
            "status": status,
            "binding": binding,
            "summary": summary,
            "announced_on": announced_on,
            "signed_on": signed_on,
            "window_start": window_start,
            "window_days": window_days,
        },
        "cite": cite,
        "participations": participations,
        "milestones": milestones,
        "measures": measures,
    }


def _role(participant, role, *cite, note=""):
    return {"participant": participant, "role": role, "note": note, "cite": list(cite)}


def _milestone(title, *cite, description="", due_on=None, due_day=None, responsible=(),
               evidence=()):  # fmt: skip
    return {
        "title": title,
        "fields": {
            "description": description,
            "due_on": due_on,
            "due_day": due_day,
            "status": UNKNOWN,
            "outcome": NO_OUTCOME,
        },
        "responsible": responsible,
        "evidence": evidence,
        "cite": list(cite),
    }


def _measure(title, kind, stage, *cite, description="", minerals=()):
    return {
        "title": title,
        "fields": {"kind": kind, "stage": stage, "description": description},
        "minerals": minerals,
        "cite": list(cite),
    }


_MPA = "mexicanpressagency-us-mexico-plan"
_R000 = "report-us-mexico-plan-supply-chain"
_R001 = "report-us-mexico-60-day-plan"
_PLAN_SOURCES = (_MPA, "strtrade-us-mexico-plan", "ustr-post-us-mexico-plan")
_PLAN_LEADS = ("ustr", "secretaria-de-economia")
_DPA = "dpa-afx-us-critical-minerals-cooperation"
_CLC = "clcouncil-us-mexico-action-plan"
_MXCA = "supremacy-mexico-canada-plan"
# When the plan's working steps are due: within its 60 days, or "in the coming months" (the
# short report's closing section, on the price floors and the plurilateral consultations).
_COMING_MONTHS = Cite(_R001, "due_day", "What's Next?", "in the coming months")
_JS = "ec-us-japan-joint-statement-text"
_FNW = "federalnewswire-us-japan-framework"
# The research lists the U.S.–Japan framework's commitments with two sources, this report and the
# joint statement, without saying which of them states each; the framework's text is not one.
_USJ_TERMS = Cite(
    _FNW,
    note=(
        "Our research gives this with The Federal Newswire and the EC–US–Japan joint "
        "statement as sources for the framework, without saying which of them states it."
    ),
)
_WH = "white-house-fact-sheet-proclamation-11001"


# The research gives the ministerial's outcomes, Vance's proposal among them, with three sources
# (the State Department fact sheet, S&P Global, Clark Hill) but not passage by passage.
_MINISTERIAL_OUTCOMES = (
    "Our research gives the ministerial's outcomes, this proposal among them, with the State "
    "Department fact sheet, S&P Global and Clark Hill as sources, not saying which states what."
)


def _plan_element(title, kind, description, *cite):
    return _measure(title, kind, MeasureStage.UNKNOWN, Cite(_MPA), *cite, description=description)


AGREEMENTS = [
    _a(
        PLAN,
        "U.S.–Mexico Action Plan on Critical Minerals",
        AgreementKind.ACTION_PLAN,
        short="U.S.–Mexico Action Plan",
        announced_on=dt.date(2026, 2, 4),
        window_start=dt.date(2026, 2, 4),
        window_days=60,
        summary=(
            "Jamieson Greer (USTR) and Marcelo Ebrard, Mexico's Economy Secretary, made it "
            "public on 4 Feb 2026: sixty days for the two countries to work out coordinated "
            "trade policy on critical minerals. It starts from a short list of minerals of "
            "common interest, looks at minimum import prices applied at the border, and opens "
            "consultations on a binding plurilateral agreement; it also lists cooperation on "
            "standards, investment, mapping, disruptions, research and stockpiles, and "
            "financing for responsibly run projects. Each country acts under its own laws. "
            "No list of minerals agreed by the two countries has been published; one report "
            "gives aluminum, lithium and zinc as examples of critical minerals, all three on "
            "the U.S. list. USTR tied the plan to the USMCA joint review. The plan names "
            "neither China nor Canada, though one report gives less dependence on China as "
            "its aim, and both source reports connect it with Vice President Vance's proposed "
            "trade bloc. Whether it binds the parties is not stated, and no source reports "
            "what it produced after the 60 days."
        ),
        cite=[
            Cite(
                "ustr-post-us-mexico-plan",
                "title",
                value="U.S.-Mexico Action Plan on Critical Minerals",
            ),
            Cite("ustr-post-us-mexico-plan", "announced_on", value="4 Feb 2026"),
            Cite("reuters-us-mexico-plan", "announced_on", value="4 Feb 2026"),
            Cite(_R001, "window_days", "What's Happening?", "60 days"),
            Cite(_MPA, "window_days", value="60 days", note="Described as an initial period."),
            Cite(
                "ustr-post-us-mexico-plan",
                "window_start",
                note=(
                    "Computed, not stated: no source gives the day the window opens. Day 0 "
                    "is taken to be the announcement date this post gives, 4 Feb 2026, so "
                    "day 60 falls on 5 Apr 2026."
                ),
            ),
            Cite(_MPA, "summary"),
            Cite(_R000, "summary", "paragraphs 1–4 and 6"),
            Cite(_R001, "summary", "What's Happening?; Why It's Important?"),
            Cite("reuters-us-mexico-plan", "summary", note="No mention of China or Canada."),
        ],
        participations=[
            _role("ustr", R.LEAD, Cite("eenews-us-agreements-mexico-eu-japan")),
            _role(
                "secretaria-de-economia",
                R.LEAD,
                Cite("eenews-us-agreements-mexico-eu-japan"),
                Cite("vanguardia-ebrard-sre-leads", note="Runs the operational work."),
                note="Runs the operational work, according to Ebrard.",
            ),
            _role(
                "secretaria-de-relaciones-exteriores",
                R.LEAD,
                Cite("vanguardia-ebrard-sre-leads"),
                note="Leads formally for Mexico, according to Ebrard.",
            ),
            _role(
                "jamieson-greer",
                R.ANNOUNCER,
                Cite("ustr-post-us-mexico-plan"),
                Cite(_R000, locator="paragraph 1"),
            ),
            _role(
                "marcelo-ebrard",
                R.ANNOUNCER,
                Cite("ustr-post-us-mexico-plan"),
                Cite(_R000, locator="paragraph 1"),
            ),
            _role("united-states", R.PARTY, Cite(_R000, locator="paragraph 1"), Cite(_R001)),
            _role("mexico", R.PARTY, Cite(_R000, locator="paragraph 1"), Cite(_R001)),
        ],
        milestones=[
            _milestone(
                "Identify the critical minerals of mutual interest",
                Cite(_MPA),
                Cite(
                    _MPA,
                    "due_day",
                    value="60 days",
                    note="The plan's first period, starting from minerals the two sides choose.",
                ),
                Cite(_R000, locator="paragraph 3"),
                description=(
                    "Agree on the minerals the plan covers, beginning with a limited set. Due "
                    "within the plan's 60 days; no source gives another time for this step."
                ),
                due_day=60,
                responsible=_PLAN_LEADS,
                evidence=_PLAN_SOURCES,
            ),
            _milestone(
                "Explore border-adjusted price floors",
                Cite(_MPA),
                Cite(
                    _MPA,
                    "due_day",
                    value="60 days",
                    note="Exploring these prices is part of the plan's first 60-day period.",
                ),
                _COMING_MONTHS,
                Cite(_R001, locator="What's Happening?"),
                description=(
                    "Study minimum prices for imports of those minerals, applied at the "
                    "border. Sources differ on when: within the plan's 60 days, or over the "
                    "coming months. No level has been published."
                ),
                due_day=60,
                responsible=_PLAN_LEADS,
                evidence=_PLAN_SOURCES,
            ),
            _milestone(
                "Consult on a binding plurilateral agreement on trade in critical minerals",
                Cite(_MPA),
                Cite(_CLC, "due_day", value="60 days", note="One of the 60-day plan's aims."),
                _COMING_MONTHS,
                Cite(_R001, locator="What's Next?"),
                description=(
                    "Consult on writing the price floors and other provisions into a binding "
                    "plurilateral agreement. Sources differ on when: within the plan's 60 "
                    "days, or over the coming months."
                ),
                due_day=60,
                responsible=_PLAN_LEADS,
                evidence=_PLAN_SOURCES,
            ),
            _milestone(
                "End of the 60-day window",
                Cite(_R001, locator="What's Happening?"),
                Cite("jornada-ebrard-consultations"),
                description=(
                    "Day 60, counted from the announcement on 4 Feb 2026 (our computation: "
                    "no source states the end date)."
                ),
                due_day=60,
                responsible=_PLAN_LEADS,
                evidence=("ustr-post-us-mexico-plan", _R001),
            ),
        ],
        measures=[
            _measure(
                "Minerals of mutual interest",
                MeasureKind.MINERAL_SELECTION,
                MeasureStage.COMMITTED,
                Cite(_MPA),
                Cite(
                    _R000,
                    locator="paragraphs 3–4",
                    note=(
                        "Paragraph 4 gives aluminum, lithium and zinc as examples of critical "
                        "minerals; it does not say the two countries chose them."
                    ),
                ),
                description=(
                    "The two sides are to pick the minerals of common interest, starting "
                    "small. No agreed list has been published. One report gives aluminum, "
                    "lithium and zinc as examples of critical minerals (all three are on the "
                    "U.S. list); that is the reporter's example, not a choice the two made."
                ),
            ),
            _measure(
                "Border-adjusted price floors",
                MeasureKind.PRICE_FLOOR,
                MeasureStage.TO_EXPLORE,
                Cite(_MPA),
                Cite(_R000, locator="paragraph 3"),
                Cite(_R001, locator="What's Happening?"),
                description=(
                    "Minimum prices for imports of the chosen minerals, to be explored. No "
                    "price level has been published."
                ),
            ),
            _measure(
                "Consultations on a binding plurilateral agreement",
                MeasureKind.TRADE_AGREEMENT,
                MeasureStage.COMMITTED,
                Cite(_MPA),
                Cite(_R001, locator="What's Next?"),
                description=(
                    "Consultations on carrying the price floors, with other provisions, into "
                    "a binding plurilateral agreement on trade in critical minerals."
                ),
            ),
            _plan_element(
                "Regulatory standards for mining, processing and trade",
                MeasureKind.STANDARDS,
                "Listed among the plan's further elements.",
                Cite(_R001, locator="What's Next?"),
            ),
            _plan_element(
                "Technical and regulatory cooperation",
                MeasureKind.TECHNICAL_COOPERATION,
                "Listed among the plan's further elements.",
            ),
            _plan_element(
                "Investment promotion and screening",
                MeasureKind.INVESTMENT,
                "Listed among the plan's further elements.",
                Cite(_R001, locator="What's Next?"),
            ),
            _plan_element(
                "Coordinated geological mapping",
                MeasureKind.GEOLOGICAL_MAPPING,
                "Listed among the plan's further elements.",
            ),
            _plan_element(
                "Rapid response to supply disruptions",
                MeasureKind.RAPID_RESPONSE,
                "Listed among the plan's further elements.",
                Cite(_R001, locator="What's Next?"),
            ),
            _plan_element(
                "Research and development on new technologies",
                MeasureKind.RESEARCH,
                "Listed among the plan's further elements.",
                Cite(_R001, locator="What's Next?"),
            ),
            _plan_element(
                "Coordinated stockpiling",
                MeasureKind.STOCKPILING,
                "Listed among the plan's further elements.",
                Cite(_R001, locator="What's Next?"),
            ),
            _plan_element(
                "Financing for projects that meet responsible business conduct standards",
                MeasureKind.PROJECT_FINANCE,
                "Pick out mines, processing plants and factories, in either country or "
                "elsewhere, that satisfy international norms of responsible business conduct, "
                "and put them first in line for financing.",
            ),
        ],
    ),
    _a(
        PLURILATERAL,
        "Plurilateral Agreement on Trade in Critical Minerals",
        AgreementKind.PLURILATERAL_AGREEMENT,
        short="Plurilateral critical minerals agreement",
        status=AgreementStatus.PROPOSED,
        binding=Binding.YES,
        summary=(
            "A proposed binding agreement on trade in critical minerals. The U.S.–Mexico "
            "plan consults on putting price floors into it, and the U.S.–EU plan looks "
            "towards it. USTR asked for public comment in a Federal Register notice of "
            "26 Feb 2026, with comments due 19 Mar 2026. No text has been reported."
        ),
        cite=[
            Cite(
                "ustr-fr-notice-plurilateral",
                "title",
                value="Plurilateral Agreement on Trade in Critical Minerals",
            ),
            Cite(_R001, "binding", "What's Happening?", "binding"),
            Cite(_MPA, "binding", value="binding"),
            Cite("expeditors-us-eu-action-plan", "binding", value="binding"),
            Cite("covington-plurilateral-notice"),
        ],
        participations=[
            _role(
                "ustr",
                R.LEAD,
                Cite("ustr-fr-notice-plurilateral"),
                Cite("pillsbury-plurilateral-notice"),
                note="Sought public comment on the proposal for the United States.",
            ),
        ],
        milestones=[
            _milestone(
                "Comments due on USTR's Federal Register notice",
                Cite("ustr-fr-notice-plurilateral", "due_on", value="19 Mar 2026"),
                Cite("covington-plurilateral-notice", "due_on", value="19 Mar 2026"),
                Cite("pillsbury-plurilateral-notice", "due_on", value="19 Mar 2026"),
                Cite("whitecase-plurilateral-notice"),
                description="Deadline for public comments on the proposed agreement.",
                due_on=dt.date(2026, 3, 19),
                responsible=("ustr",),
                evidence=("ustr-fr-notice-plurilateral",),
            ),
        ],
    ),
    _a(
        TRADE_ZONE,
        "Proposed preferential trade zone for critical minerals",
        AgreementKind.INITIATIVE,
        short="Proposed critical minerals trade bloc",
        status=AgreementStatus.PROPOSED,
        binding=Binding.UNKNOWN,
        announced_on=dt.date(2026, 2, 4),
        summary=(
            "Vice President JD Vance put it forward at the critical minerals ministerial on "
            "4 Feb 2026: a preferential trade zone for critical minerals in which reference "
            "prices would serve as floors, held in place by tariffs that can be adjusted. "
            "Reports call it a trade bloc. One gives cutting China's dominant position in "
            "the market as its purpose; another says it might take in further like-minded "
            "partners. Both source reports connect the U.S.–Mexico plan with it. The sources "
            "we hold report no text, no members and no later step."
        ),
        cite=[
            Cite(
                "reuters-us-mexico-plan",
                "announced_on",
                value="4 Feb 2026",
                note="Reported as proposed on the day of the U.S.–Mexico plan.",
            ),
            Cite(
                _R000,
                "summary",
                "paragraph 6",
                note="Vance proposed the bloc at the summit, against China's dominant position.",
            ),
            Cite(
                _R001,
                "summary",
                "Why It's Important?",
                note="A preferential bloc, possibly with other like-minded partners.",
            ),
            Cite("state-ministerial-fact-sheet", "summary", note=_MINISTERIAL_OUTCOMES),
            Cite("spglobal-ministerial", "summary", note=_MINISTERIAL_OUTCOMES),
        ],
        participations=[
            _role(
                "jd-vance",
                R.ANNOUNCER,
                Cite(_R000, locator="paragraph 6"),
                Cite("reuters-us-mexico-plan"),
                note="Proposed it at the ministerial.",
            ),
        ],
        measures=[
            _measure(
                "Reference prices used as price floors",
                MeasureKind.PRICE_FLOOR,
                MeasureStage.PROPOSED,
                Cite("state-ministerial-fact-sheet", note=_MINISTERIAL_OUTCOMES),
                Cite("spglobal-ministerial", note=_MINISTERIAL_OUTCOMES),
                description="Prices of reference that would act as floors inside the zone.",
            ),
            _measure(
                "Adjustable tariffs to enforce the floors",
                MeasureKind.TARIFF,
                MeasureStage.PROPOSED,
                Cite("state-ministerial-fact-sheet", note=_MINISTERIAL_OUTCOMES),
                Cite("spglobal-ministerial", note=_MINISTERIAL_OUTCOMES),
                description="Tariffs that can be raised or lowered to hold trade to the floors.",
            ),
        ],
    ),
    _a(
        "usmca-joint-review-2026",
        "USMCA Joint Review (2026)",
        AgreementKind.REVIEW,
        short="USMCA joint review",
        status=AgreementStatus.UNKNOWN,
        summary=(
            "The joint review of the United States–Mexico–Canada Agreement, due by "
            "1 Jul 2026. USTR tied the Mexico minerals plan to it when announcing the plan. "
            "The two source reports word the process differently: one speaks of an ongoing "
            "renegotiation of the agreement, the other of a review. What the review concluded "
            "is not reported in the sources we hold."
        ),
        cite=[
            Cite("menafn-usmca-review"),
            Cite("eenews-us-agreements-mexico-eu-japan"),
            Cite(_DPA, "summary", note="USTR's statement on the Mexico plan, reproduced."),
            Cite(_CLC, "summary", note="Quotes Greer on the joint review."),
            # Review or renegotiation: each source report's word for the process.
            Cite(
                _R000,
                "kind",
                "paragraph 7",
                "renegotiation",
                note="The same report also speaks of the 2026 review (paragraphs 1 and 7).",
            ),
            Cite(_R001, "kind", "What's Next?", "review"),
        ],
        participations=[
            _role("united-states", R.PARTY, Cite("menafn-usmca-review")),
            _role("mexico", R.PARTY, Cite("menafn-usmca-review")),
            _role("canada", R.PARTY, Cite("menafn-usmca-review")),
        ],
        milestones=[
            _milestone(
                "Joint review due",
                Cite("menafn-usmca-review", "due_on", value="1 Jul 2026"),
                Cite("eenews-us-agreements-mexico-eu-japan", "due_on", value="1 Jul 2026"),
                description="The date by which the review is due.",
                due_on=dt.date(2026, 7, 1),
                responsible=("united-states", "mexico", "canada"),
                evidence=("menafn-usmca-review",),
            ),
        ],
    ),
    _a(
        "ec-us-japan-joint-statement",
        "Joint statement of the European Commission, the United States and Japan on critical "
        "minerals (4 Feb 2026)",
        AgreementKind.JOINT_STATEMENT,
        short="EC–US–Japan joint statement",
        announced_on=dt.date(2026, 2, 4),
        window_start=dt.date(2026, 2, 4),
        window_days=30,
        summary=(
            "Issued after the ministerial. The EU and the U.S. set themselves 30 days to "
            "conclude a memorandum of understanding on critical-minerals supply chains, and "
            "the three partners announced action plans and a plurilateral trade initiative "
            "that might use border-adjusted price floors, standards-based markets, price-gap "
            "subsidies or offtake agreements. The State Department leads the U.S. side of the "
            "memorandum and USTR that of the action plan."
        ),
        cite=[
            Cite(_JS, "announced_on", value="4 Feb 2026"),
            Cite(_JS, "window_days", value="30 days"),
            Cite(
                _JS,
                "window_start",
                note="Counted from the statement's date; day 30 is 6 Mar 2026 (computed).",
            ),
            Cite("eenews-us-agreements-mexico-eu-japan"),
        ],
        participations=[
            _role("european-commission", R.PARTY, Cite(_JS)),
            _role("united-states", R.PARTY, Cite(_JS)),
            _role("japan", R.PARTY, Cite(_JS)),
            _role(
                "us-department-of-state",
                R.LEAD,
                Cite(_JS),
                note="Leads U.S. engagement on the EU–US memorandum.",
            ),
            _role(
                "ustr",
                R.LEAD,
                Cite(_JS),
                note="Leads U.S. engagement on the action plan.",
            ),
        ],
        milestones=[
            _milestone(
                "Conclude an EU–US memorandum of understanding on critical minerals",
                Cite(_JS, "due_day", value="30 days"),
                Cite("larskarlsson-eu-us-mou"),
                description=(
                    "Due on day 30, about 6 Mar 2026 (computed). The date the memorandum was "
                    "signed is not known; an EU-side report mentions one without a date we "
                    "could confirm."
                ),
                due_day=30,
                responsible=("us-department-of-state", "european-commission"),
                evidence=(_JS,),
            ),
        ],
        measures=[
            _measure(
                "Border-adjusted price floors",
                MeasureKind.PRICE_FLOOR,
                MeasureStage.TO_EXPLORE,
                Cite(_JS),
                description="One of the tools a plurilateral initiative could explore.",
            ),
            _measure(
                "Standards-based markets",
                MeasureKind.STANDARDS,
                MeasureStage.TO_EXPLORE,
                Cite(_JS),
                description="One of the tools a plurilateral initiative could explore.",
            ),
            _measure(
                "Price-gap subsidies",
                MeasureKind.OTHER,
                MeasureStage.TO_EXPLORE,
                Cite(_JS),
                description="One of the tools a plurilateral initiative could explore.",
            ),
            _measure(
                "Offtake agreements",
                MeasureKind.OFFTAKE,
                MeasureStage.TO_EXPLORE,
                Cite(_JS),
                description="One of the tools a plurilateral initiative could explore.",
            ),
        ],
    ),
    _a(
        "us-eu-action-plan",
        "U.S.–EU Action Plan for Critical Minerals Supply Chain Resilience",
        AgreementKind.ACTION_PLAN,
        short="U.S.–EU Action Plan",
        announced_on=dt.date(2026, 4, 24),
        summary=(
            "Announced by USTR on 24 Apr 2026 as a step towards a binding plurilateral "
            "agreement. The EU side also reports a memorandum on a strategic partnership, "
            "its sixteenth bilateral raw-materials instrument; when that was signed is not "
            "known. It is the nearest reported follow-up to the U.S.–Mexico plan."
        ),
        cite=[
            Cite("ustr-us-eu-action-plan-release", "announced_on", value="24 Apr 2026"),
            Cite("expeditors-us-eu-action-plan", "announced_on", value="24 Apr 2026"),
            Cite("larskarlsson-eu-us-mou", "summary"),
        ],
        participations=[
            _role(
                "ustr",
                R.LEAD,
                Cite("ustr-us-eu-action-plan-release"),
                Cite("expeditors-us-eu-action-plan"),
            ),
            _role("united-states", R.PARTY, Cite("ustr-us-eu-action-plan-release")),
            _role(
                "european-commission",
                R.PARTY,
                Cite("expeditors-us-eu-action-plan"),
                Cite("larskarlsson-eu-us-mou"),
            ),
        ],
    ),
    _a(
        "mexico-canada-action-plan",
        "Mexico–Canada action plan",
        AgreementKind.ACTION_PLAN,
        short="Mexico–Canada plan",
        status=AgreementStatus.PROPOSED,
        announced_on=dt.date(2026, 2, 16),
        summary=(
            "A joint plan Mexico and Canada said they would prepare, after Ebrard met "
            "LeBlanc for Canada on 16 Feb 2026. Ebrard had announced talks with Canada "
            "alongside the U.S. plan. One report alone covers it; what the plan contains, "
            "and whether it was drafted, is not known to the sources we hold."
        ),
        cite=[
            Cite(
                _MXCA,
                "announced_on",
                value="16 Feb 2026",
                note="The day of the meeting after which the plan was to be prepared.",
            ),
            Cite("jornada-ebrard-consultations", "summary", note="Talks with Canada announced."),
        ],
        participations=[
            _role("mexico", R.PARTY, Cite(_MXCA)),
            _role("canada", R.PARTY, Cite(_MXCA)),
        ],
    ),
    _a(
        "us-japan-framework-critical-minerals",
        "United States–Japan Framework for Securing the Supply of Critical Minerals and Rare "
        "Earths through Mining and Processing",
        AgreementKind.FRAMEWORK,
        short="U.S.–Japan critical minerals framework",
        status=AgreementStatus.SIGNED,
        signed_on=dt.date(2025, 10, 28),
        summary=(
            "Signed in Tokyo by President Trump and Prime Minister Takaichi; the date is 28 Oct "
            "2025 there and 27 Oct in U.S. time, and sources give either. Its commitments "
            "include finance for chosen projects inside six months, a ministerial meeting on "
            "investment inside 180 days, a joint group to react to supply shocks, mapping of "
            "deposits, and stockpiles designed to complement each other. A follow-up action "
            "plan was expected at the 19 Mar 2026 summit; whether it was signed is not known."
        ),
        cite=[
            Cite(_FNW, "signed_on", value="28 Oct 2025"),
            Cite(_JS, "signed_on", value="27 Oct 2025"),
            _USJ_TERMS,
        ],
        participations=[
            _role("united-states", R.PARTY, Cite(_FNW), Cite(_JS)),
            _role("japan", R.PARTY, Cite(_FNW), Cite(_JS)),
            _role("donald-trump", R.SIGNATORY, Cite(_FNW)),
            _role("sanae-takaichi", R.SIGNATORY, Cite(_FNW)),
        ],
        milestones=[
            _milestone(
                "Financing for selected projects within six months",
                _USJ_TERMS,
                description="Due six months after signature; no source gives a calendar date.",
                responsible=("united-states", "japan"),
                evidence=(_FNW,),
            ),
            _milestone(
                "Investment ministerial within 180 days",
                _USJ_TERMS,
                description="Due 180 days after signature; no source gives a calendar date.",
                responsible=("united-states", "japan"),
                evidence=(_FNW,),
            ),
            _milestone(
                "Action plan to be signed at the U.S.–Japan summit",
                Cite("kyodo-us-japan-action-plan", "due_on", value="19 Mar 2026"),
                description="One report alone says the leaders expected to sign a plan then.",
                due_on=dt.date(2026, 3, 19),
                responsible=("united-states", "japan"),
                evidence=("kyodo-us-japan-action-plan",),
            ),
        ],
        measures=[
            _measure(
                "Project finance within six months",
                MeasureKind.PROJECT_FINANCE,
                MeasureStage.COMMITTED,
                _USJ_TERMS,
            ),
            _measure(
                "Rapid Response Group",
                MeasureKind.RAPID_RESPONSE,
                MeasureStage.COMMITTED,
                _USJ_TERMS,
            ),
            _measure(
                "Geological mapping",
                MeasureKind.GEOLOGICAL_MAPPING,
                MeasureStage.COMMITTED,
                _USJ_TERMS,
            ),
            _measure(
                "Complementary stockpiling",
                MeasureKind.STOCKPILING,
                MeasureStage.TO_EXPLORE,
                _USJ_TERMS,
                description="The two sides are to consider stockpiles that complement each other.",
            ),
        ],
    ),
    _a(
        "proclamation-11001",
        "Proclamation 11001: Section 232 action on critical minerals",
        AgreementKind.PROCLAMATION,
        short="Proclamation 11001",
        status=AgreementStatus.SIGNED,
        signed_on=dt.date(2026, 1, 14),
        window_start=dt.date(2026, 1, 14),
        window_days=180,
        summary=(
            "A presidential proclamation under Section 232 that directs negotiations promoting "
            "price floors for critical minerals, over a 180-day "
            "horizon (to about 13 Jul 2026, computed). Sources date it 14, 15 or 20 Jan 2026; "
            "the last may be its Federal Register publication."
        ),
        cite=[
            Cite(_WH, "signed_on", value="14 Jan 2026"),
            Cite("covington-proclamation-11001", "signed_on", value="15 Jan 2026"),
            Cite(
                "whitecase-plurilateral-notice",
                "signed_on",
                value="20 Jan 2026",
                note="Perhaps the day it appeared in the Federal Register.",
            ),
            Cite(_WH, "window_days", value="180 days"),
            Cite(
                _WH,
                "window_start",
                note="Counted from the White House date, 14 Jan 2026 (computed).",
            ),
            Cite("thomsonreuters-proclamation-11001"),
        ],
        participations=[
            _role("donald-trump", R.ISSUER, Cite(_WH)),
            _role("us-department-of-commerce", R.PARTICIPANT, Cite(_WH)),
            _role("ustr", R.PARTICIPANT, Cite(_WH)),
        ],
        milestones=[
            _milestone(
                "End of the 180-day negotiating period",
                Cite(_WH, "due_day", value="180 days"),
                description="Day 180 from 14 Jan 2026, about 13 Jul 2026 (computed).",
                due_day=180,
                responsible=("us-department-of-commerce", "ustr"),
                evidence=(_WH,),
            ),
        ],
        measures=[
            _measure(
                "Negotiations to promote price floors",
                MeasureKind.TRADE_AGREEMENT,
                MeasureStage.COMMITTED,
                Cite(_WH),
                Cite("thomsonreuters-proclamation-11001"),
                description="Talks aimed at price floors for critical minerals.",
            ),
        ],
    ),
    _a(
        "forge",
        "Forum on Resource Geostrategic Engagement",
        AgreementKind.INITIATIVE,
        short="FORGE",
        announced_on=dt.date(2026, 2, 4),
        summary=(
            "Launched at the 4 Feb 2026 ministerial to take over from the Minerals Security "
            "Partnership. South Korea was given the chair for a term ending in June 2026; who "
            "chaired after that is not reported in the sources we hold. Sources expand the "
            "acronym in three different ways; the State Department's wording is used here."
        ),
        cite=[
            Cite(
                "state-ministerial-fact-sheet",
                "title",
                value="Forum on Resource Geostrategic Engagement",
            ),
            Cite("wam-forge", "title", value="Forum on Geostrategic Resource Engagement"),
            Cite("news1global-forge", "title", value="Forum on Resilient Global Economic Security"),
            Cite("state-ministerial-fact-sheet", "announced_on", value="4 Feb 2026"),
        ],
        participations=[
            _role(
                "south-korea",
                R.CHAIR,
                Cite("state-ministerial-fact-sheet"),
                Cite("anews-forge-chair"),
                # The term's end, so that the role reads as a past term once June 2026 is past.
                Cite("state-ministerial-fact-sheet", "note", value="June 2026"),
                Cite("anews-forge-chair", "note", value="June 2026", note="The term's end."),
                note="Chair for the term from 4 Feb 2026 to June 2026.",
            ),
        ],
    ),
    _a(
        "minerals-security-partnership",
        "Minerals Security Partnership",
        AgreementKind.INITIATIVE,
        short="MSP",
        status=AgreementStatus.SUPERSEDED,
        announced_on=dt.date(2022, 6, 14),
        summary=(
            "A partnership of 14 countries and the EU, launched on 14 Jun 2022 and replaced "
            "by FORGE on 4 Feb 2026."
        ),
        cite=[
            Cite("state-msp-page", "announced_on", value="14 Jun 2022"),
            Cite("cmio-msp", "announced_on", value="14 Jun 2022"),
            Cite(
                "state-ministerial-fact-sheet",
                "status",
                value="superseded",
                note="Succeeded by FORGE.",
            ),
        ],
        participations=[
            _role("united-states", R.PARTY, Cite("state-msp-page")),
            _role("european-union", R.PARTY, Cite("state-msp-page"), Cite("cmio-msp")),
        ],
    ),
]


def _link(source, target, kind, note, *cite):
    return {"source": source, "target": target, "kind": kind, "note": note, "cite": list(cite)}


LINKS = [
    _link(
        PLAN,
        "mexico-canada-action-plan",
        AgreementLinkKind.RELATED,
        "With the U.S. plan, Ebrard announced parallel talks with Canada.",
        Cite("jornada-ebrard-consultations"),
        Cite(_MXCA),
    ),
    _link(
        PLAN,
        TRADE_ZONE,
        AgreementLinkKind.RELATED,
        "One source report calls the plan a concrete step towards Vance's proposed bloc; the "
        "other says it fits the wider effort to build a preferential bloc.",
        Cite(_R000, locator="paragraph 6"),
        Cite(_R001, locator="Why It's Important?"),
    ),
    _link(
        PLAN,
        PLURILATERAL,
        AgreementLinkKind.LEADS_TO,
        "The plan opens consultations on a binding plurilateral agreement.",
        Cite(_MPA),
        Cite(_R001, locator="What's Happening?"),
    ),
    _link(
        PLAN,
        "usmca-joint-review-2026",
        AgreementLinkKind.RELATED,
        "In announcing the plan, USTR tied it to the coming USMCA joint review.",
        Cite(_DPA, note="Reproduces USTR's statement."),
        Cite(_CLC, note="Quotes Greer's sentence on the joint review."),
    ),
    _link(
        "forge",
        "minerals-security-partnership",
        AgreementLinkKind.SUCCEEDS,
        "FORGE replaced the MSP on 4 Feb 2026.",
        Cite("state-ministerial-fact-sheet"),
    ),
    _link(
        "us-eu-action-plan",
        PLURILATERAL,
        AgreementLinkKind.LEADS_TO,
        "Concluded with a binding plurilateral agreement in view.",
        Cite("expeditors-us-eu-action-plan"),
        Cite("ustr-us-eu-action-plan-release"),
    ),
    _link(
        "ec-us-japan-joint-statement",
        "us-eu-action-plan",
        AgreementLinkKind.RELATED,
        "The statement announced action plans; the U.S.–EU plan followed on 24 Apr 2026.",
        Cite(_JS),
        Cite("ustr-us-eu-action-plan-release"),
    ),
    _link(
        "ec-us-japan-joint-statement",
        "us-japan-framework-critical-minerals",
        AgreementLinkKind.RELATED,
        "The statement refers to the U.S.–Japan framework for its areas of cooperation.",
        Cite(_JS),
    ),
]
