"""The documents the demo facts are cited to.

No full text is stored: the sources are third-party prose, so each document carries only
its metadata and a summary in our words. Each address was found by research (December 2026)
and checked against a stored copy of the page: `url` where we saw the publisher's own page,
`archived_url` where we saw only a copy (a syndicated or mirrored one), and otherwise a
`no_address_reason` readers see. No address is completed or guessed from a partial one.
Citations of any document but the two source reports carry no locator: a locator is
written only from a text someone has read.
"""

import datetime as dt

from agreements.models import DocumentKind, Language

EN = Language.ENGLISH
ES = Language.SPANISH

# Slugs of the two reports the knowledge base was first asked to cover (../shared/sources).
# They are the only documents whose text anyone on the project has read, so they are the only
# ones cited with a locator; every locator on them was checked against the .txt files there.
# How they count:
# - report-us-mexico-plan-supply-chain (000_54a1b4670ec94b3a.txt): "paragraph N" is the Nth
#   block of body text after the byline. The two section headings, the breadcrumb, the title,
#   the byline and the page furniture after the article do not count. Paragraph 1 is the one
#   that names Greer and Ebrard; paragraph 10, the last, is the one on the wider implications.
# - report-us-mexico-60-day-plan (001_b7b629296922bac1.txt): three headed sections ("What's
#   Happening?", "Why It's Important?", "What's Next?") of one paragraph each (the .txt breaks
#   the first one mid-sentence across two lines); a locator names the section.
SOURCE_REPORTS = ("report-us-mexico-plan-supply-chain", "report-us-mexico-60-day-plan")


def _doc(
    slug,
    title,
    *,
    publisher="",
    author="",
    published_on=None,
    language=EN,
    kind=DocumentKind.NEWS_REPORT,
    primary=False,
    url="",
    archived_url="",
    no_address_reason="",
    summary="",
    agreements=(),
    participants=(),
    minerals=(),
):
    return {
        "slug": slug,
        "fields": {
            "title": title,
            "publisher": publisher,
            "author": author,
            "published_on": published_on,
            "language": language,
            "kind": kind,
            "is_primary": primary,
            "url": url,
            "archived_url": archived_url,
            "no_address_reason": no_address_reason,
            "summary": summary,
        },
        "mentions": {
            "mentioned_agreements": agreements,
            "mentioned_participants": participants,
            "mentioned_minerals": minerals,
        },
    }


PLAN = "us-mexico-action-plan"

DOCUMENTS = [
    # The two reports in ../shared/sources. Neither gives a publication date or an address.
    _doc(
        "report-us-mexico-plan-supply-chain",
        "US-Mexico Plan to Secure Critical Minerals Supply Chain",
        url="https://www.newsdirectory3.com/us-mexico-plan-to-secure-critical-minerals-supply-chain",
        publisher="News Directory 3 (newsdirectory3.com)",
        author="Ahmed Hassan",
        summary=(
            "Long news report on the bilateral plan. It places the Greer–Ebrard meeting in "
            "Washington, ties the plan to the 2026 USMCA review, names aluminum, lithium and "
            "zinc as examples of critical minerals, puts attendance at the ministerial at 55 "
            "countries, and calls the plan a step towards the trade bloc Vance proposed "
            "against China's dominant position. The text we were given does not name its "
            "publisher; research found it published on newsdirectory3.com."
        ),
        agreements=(PLAN, "usmca-joint-review-2026", "critical-minerals-preferential-trade-zone"),
        participants=(
            "united-states",
            "mexico",
            "jamieson-greer",
            "marcelo-ebrard",
            "us-department-of-state",
            "juan-ramon-de-la-fuente",
            "jd-vance",
            "china",
            "european-union",
            "japan",
        ),
        minerals=("aluminum", "lithium", "zinc"),
    ),
    _doc(
        "report-us-mexico-60-day-plan",
        "U.S.–Mexico 60-day critical minerals plan: what is happening, why it matters, "
        "what comes next (untitled summary)",
        no_address_reason=(
            "It reached us as text without an address, and no published page we could check "
            "matches it for certain; we give none rather than guess."
        ),
        summary=(
            "Short explainer in three parts. It describes the plan as lasting 60 days, lists "
            "price floors and a binding plurilateral agreement among the topics, and expects "
            "consultations on standards, investment, disruption response, research and "
            "stockpiling. It gives less dependence on China as an aim and links the plan "
            "with efforts towards a preferential trade bloc. The text carries no headline, "
            "byline, publisher or date; the title here is ours."
        ),
        agreements=(
            PLAN,
            "plurilateral-agreement-critical-minerals",
            "usmca-joint-review-2026",
            "critical-minerals-preferential-trade-zone",
        ),
        participants=("united-states", "mexico", "jamieson-greer", "china"),
    ),
    # The U.S.–Mexico plan.
    _doc(
        "ustr-post-us-mexico-plan",
        "USTR post announcing the U.S.–Mexico Action Plan on Critical Minerals",
        archived_url="https://repo.enc.edu/2026/02/04/mexico-and-the-united-states-sign-their-first-action-plan-on-critical-minerals",
        publisher="Office of the U.S. Trade Representative",
        published_on=dt.date(2026, 2, 4),
        kind=DocumentKind.STATEMENT,
        primary=True,
        summary=(
            "USTR's social-media announcement that Greer and Ebrard enacted the plan, calling "
            "it the first of its kind. Known to us as quoted by repo.enc.edu (address given "
            "only in part: repo.enc.edu/2026/02/04/…)."
        ),
        agreements=(PLAN,),
        participants=("ustr", "jamieson-greer", "marcelo-ebrard", "united-states", "mexico"),
    ),
    _doc(
        "reuters-us-mexico-plan",
        "Reuters report on the U.S.–Mexico critical minerals action plan",
        archived_url="https://d2698.cms.socastsrm.com/2026/02/04/us-mexico-to-develop-coordinated-trade-policies-on-critical-minerals",
        publisher="Reuters",
        published_on=dt.date(2026, 2, 4),
        summary=(
            "Wire report on the announcement. It notes that the plan names neither China nor "
            "Canada, and reports Vice President Vance's proposal of a trade bloc the same "
            "day. Read via a syndication copy (d2698.cms.socastsrm.com/2026/02/04/…, address "
            "given only in part)."
        ),
        agreements=(PLAN, "critical-minerals-preferential-trade-zone"),
        participants=("ustr", "jamieson-greer", "marcelo-ebrard", "canada", "jd-vance", "china"),
    ),
    # USTR's own statement on the plan, as two documents carry it (no copy of the release is
    # held).
    _doc(
        "dpa-afx-us-critical-minerals-cooperation",
        "dpa-AFX report on U.S. critical minerals cooperation with the EU, Mexico and Japan",
        url="https://www.finanznachrichten.de/nachrichten-2026-02/67624100-us-announces-critical-minerals-cooperation-with-eu-mexico-and-japan-020.htm",
        publisher="dpa-AFX (carried by finanznachrichten.de)",
        summary=(
            "Newswire item that reproduces USTR's statement on the Mexico plan, with Greer's "
            "remarks, and reports the action plans to be worked out with the EU and Japan. "
            "Dated February 2026; our research does not give the day."
        ),
        agreements=(PLAN, "usmca-joint-review-2026"),
        participants=("ustr", "jamieson-greer", "mexico", "european-union", "japan"),
    ),
    _doc(
        "clcouncil-us-mexico-action-plan",
        "Council blog post on USTR's critical minerals action plan with Mexico",
        url="https://clcouncil.org/blog/us-mexico-action-plan",
        publisher="clcouncil.org",
        author="Holly Rooper",
        published_on=dt.date(2026, 2, 5),
        kind=DocumentKind.ANALYSIS,
        summary=(
            "A council's blog post welcoming the plan. It quotes Greer's sentence linking "
            "the plan to the coming USMCA joint review and sets out the plan's three aims."
        ),
        agreements=(PLAN, "usmca-joint-review-2026", "plurilateral-agreement-critical-minerals"),
        participants=("ustr", "jamieson-greer", "united-states", "mexico"),
    ),
    _doc(
        "mexicanpressagency-us-mexico-plan",
        "Report on the launch of the U.S.–Mexico action plan on the minerals supply chain",
        url="https://mexicanpressagency.org/newsroom-posts/mexico-u-s-launch-action-minerals-supply-chain",
        publisher="mexicanpressagency.org",
        summary=(
            "Report setting out the plan's parts: a first 60-day period, a limited set of "
            "minerals, border-adjusted minimum import prices, consultations on a binding "
            "plurilateral agreement, the list of further cooperation areas, and financing "
            "for projects that meet responsible-conduct standards."
        ),
        agreements=(PLAN, "plurilateral-agreement-critical-minerals", "usmca-joint-review-2026"),
        participants=("jamieson-greer", "united-states", "mexico"),
    ),
    _doc(
        "strtrade-us-mexico-plan",
        "U.S. to pursue a critical minerals trade agreement (trade report)",
        url="https://www.strtrade.com/trade-news-resources/str-trade-report/trade-report/february/u-s-to-pursue-critical-minerals-trade-agreement",
        publisher="Sandler, Travis & Rosenberg (strtrade.com)",
        kind=DocumentKind.ANALYSIS,
        summary=(
            "Trade-law newsletter item on the plan's contents, including price floors and a "
            "binding plurilateral agreement. Address given only in part: "
            "strtrade.com …/u-s-to-pursue-critical-minerals-trade-agreement."
        ),
        agreements=(PLAN, "plurilateral-agreement-critical-minerals"),
        participants=("ustr",),
    ),
    _doc(
        "razon-us-mexico-plan",
        "La Razón report on the U.S.–Mexico critical minerals plan",
        url="https://www.razon.com.mx/negocios/2026/02/05/por-minerales-criticos-mexico-y-eu-firman-plan-de-accion/",
        publisher="La Razón de México",
        published_on=dt.date(2026, 2, 5),
        language=ES,
        summary=(
            "Spanish-language report on what the plan covers. Address given only in part "
            "(razon.com.mx, 2026/02/05)."
        ),
        agreements=(PLAN,),
        participants=("mexico", "united-states", "marcelo-ebrard"),
    ),
    _doc(
        "eenews-us-agreements-mexico-eu-japan",
        "E&E News report on U.S. critical minerals agreements with Mexico, the EU and Japan",
        url="https://www.eenews.net/articles/us-unveils-critical-minerals-agreements-with-mexico-eu-japan",
        publisher="E&E News",
        summary=(
            "Report on the three tracks announced on 4 Feb 2026. It names USTR and Mexico's "
            "Secretaría de Economía as the leads of the Mexico plan and mentions the USMCA "
            "joint review."
        ),
        agreements=(PLAN, "ec-us-japan-joint-statement", "usmca-joint-review-2026"),
        participants=("ustr", "secretaria-de-economia", "european-union", "japan"),
    ),
    _doc(
        "vanguardia-ebrard-sre-leads",
        "Vanguardia report on Ebrard's account of who leads the plan for Mexico",
        url="https://vanguardia.com.mx/noticias/mexico-y-eu-lanzan-plan-sobre-minerales-criticos-ebrard-dice-que-habra-plan-de-trabajo-conjunto-CO19176235",
        publisher="Vanguardia (vanguardia.com.mx)",
        published_on=dt.date(2026, 2, 4),
        language=ES,
        summary=(
            "Spanish-language report quoting Ebrard: the Foreign Ministry leads formally, "
            "while Economy handles the operational side because the Mexican Geological "
            "Service and mining regulation fall under it."
        ),
        agreements=(PLAN,),
        participants=(
            "marcelo-ebrard",
            "secretaria-de-relaciones-exteriores",
            "secretaria-de-economia",
            "servicio-geologico-mexicano",
        ),
    ),
    _doc(
        "jornada-ebrard-consultations",
        "La Jornada report on Ebrard's description of the 60-day consultations",
        url="https://web.jornada.com.mx/2026/02/06/economia/014n3eco",
        publisher="La Jornada",
        published_on=dt.date(2026, 2, 6),
        language=ES,
        summary=(
            "Spanish-language report. Ebrard presents the 60 days as mutual consultations, "
            "says Mexico's list of critical minerals is not the same as the U.S. one, and "
            "says Mexico will also talk separately with Canada, Japan and the EU."
        ),
        agreements=(PLAN,),
        participants=("marcelo-ebrard", "mexico", "canada", "japan", "european-union"),
    ),
    _doc(
        "supremacy-mexico-canada-plan",
        "Report on the Ebrard–LeBlanc meeting and a Mexico–Canada action plan",
        no_address_reason=(
            "Our research saw this report only as a partial address; we give none rather than "
            "guess."
        ),
        summary=(
            "The single report we hold on the meeting of 16 Feb 2026 between Ebrard and "
            "LeBlanc for Canada, after which a Mexico–Canada action plan was to be prepared. "
            "Found at vpn.supremacy.info (news item 85670); the outlet is not named in our "
            "research."
        ),
        agreements=("mexico-canada-action-plan", PLAN),
        participants=("marcelo-ebrard", "mexico", "canada"),
    ),
    _doc(
        "noticiasactuales-sheinbaum-sovereignty",
        "Report on Sheinbaum's remarks on sovereignty and lithium",
        url="https://www.noticiasactuales.mx/cobertura/minerales-criticos-no-estan-sujetos-a-negociacion",
        publisher="noticiasactuales.mx",
        language=ES,
        summary=(
            "Spanish-language report: the president says sovereignty is not up for "
            "negotiation and lithium remains reserved to the state."
        ),
        agreements=(PLAN,),
        participants=("claudia-sheinbaum", "mexico"),
        minerals=("lithium",),
    ),
    _doc(
        "efe-abc-greer-ebrard",
        "EFE report on the Greer–Ebrard plan and the ministerial",
        archived_url="https://www.abc.com.py/internacionales/2026/02/04/eeuu-y-mexico-acuerdan-su-primer-plan-de-accion-sobre-comercio-de-minerales-criticos/",
        publisher="EFE (republished by abc.com.py)",
        published_on=dt.date(2026, 2, 4),
        language=ES,
        summary=(
            "Spanish-language agency report. It puts the two ministers together in "
            "Washington for the plan and dates the ministerial to a Tuesday."
        ),
        agreements=(PLAN,),
        participants=("jamieson-greer", "marcelo-ebrard"),
    ),
    _doc(
        "cronica-ministerial",
        "Crónica report on the critical minerals ministerial",
        url="https://www.cronica.com.mx/nacional/2026/02/04/mexico-y-eu-ponene-en-marcha-plan-de-accion-sobre-comercio-de-minerales-criticos/",
        publisher="Crónica (cronica.com.mx)",
        published_on=dt.date(2026, 2, 4),
        language=ES,
        summary=(
            "Spanish-language report that dates the ministerial to 3 Feb 2026. It carries "
            "the same agency text as the EFE report, read as 'last 3 February' where EFE "
            "says 'this Tuesday'."
        ),
        participants=("us-department-of-state", "mexico"),
    ),
    # The ministerial and the joint statement.
    _doc(
        "state-ministerial-fact-sheet",
        "2026 Critical Minerals Ministerial (fact sheet)",
        archived_url="http://nie-podam.pl/viewer.php?id=110731777",
        publisher="U.S. Department of State, Office of the Spokesperson",
        published_on=dt.date(2026, 2, 4),
        kind=DocumentKind.FACT_SHEET,
        primary=True,
        summary=(
            "Official account of the ministerial: attendance, the bilateral frameworks signed "
            "that day, and the launch of FORGE in place of the MSP, with South Korea in the "
            "chair for a term to June. Read at a mirror (nie-podam.pl)."
        ),
        agreements=("forge", "minerals-security-partnership"),
        participants=(
            "us-department-of-state",
            "marco-rubio",
            "jd-vance",
            "jamieson-greer",
            "european-commission",
            "south-korea",
            "mexico",
        ),
    ),
    _doc(
        "kbs-ministerial-56-countries",
        "KBS report on attendance at the critical minerals ministerial",
        url="https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=199325",
        publisher="KBS",
        summary=(
            "Korean broadcaster's report that gives attendance at the ministerial as 56 "
            "countries, the figure of South Korea's foreign ministry."
        ),
        participants=("south-korea", "korea-ministry-of-foreign-affairs"),
    ),
    _doc(
        "spglobal-ministerial",
        "S&P Global report on the critical minerals ministerial",
        url="https://www.spglobal.com/energy/en/news-research/latest-news/metals/020526-us-signs-11-critical-mineral-frameworks-mous-to-strengthen-supply-chain",
        publisher="S&P Global",
        published_on=dt.date(2026, 2, 5),
        summary=(
            "Market-news report on the ministerial and its outcomes: eleven frameworks and "
            "memoranda signed."
        ),
        agreements=("forge",),
        participants=("jd-vance", "us-department-of-state"),
    ),
    _doc(
        "clarkhill-ministerial-recap",
        "Clark Hill recap of the critical minerals ministerial",
        url="https://www.clarkhill.com/news-events/news/critical-minerals-ministerial-recap-how-the-u-s-is-redefining-global-production",
        publisher="Clark Hill",
        kind=DocumentKind.ANALYSIS,
        summary=(
            "Law-firm recap. It counts twelve bilateral frameworks signed at the ministerial, "
            "one more than the State Department, because it includes the UK."
        ),
        agreements=(PLAN, "ec-us-japan-joint-statement"),
        participants=("us-department-of-state", "marco-rubio", "jd-vance"),
    ),
    _doc(
        "ec-us-japan-joint-statement-text",
        "Joint press statement among the European Commission, the United States Government, "
        "and the Japanese Government following February 4 Critical Minerals Ministerial meeting",
        archived_url=(
            "https://openrijk.nl/en/europa/europese-commissie/artikel/statement-26-323/"
            "joint-press-statement-among-the-european-commission,-the-united-states-government,"
            "-and-the-japanese-government-following-february-4-critical-minerals-ministerial-"
            "meeting"
        ),
        publisher="European Commission",
        published_on=dt.date(2026, 2, 4),
        kind=DocumentKind.STATEMENT,
        primary=True,
        summary=(
            "Commission statement 26/323. The EU and the U.S. aim to conclude a memorandum "
            "within 30 days; the three intend action plans and a plurilateral trade "
            "initiative whose possible tools it lists; the State Department leads the "
            "memorandum and USTR the action plan. Read at a mirror (openrijk.nl)."
        ),
        agreements=(
            "ec-us-japan-joint-statement",
            "us-japan-framework-critical-minerals",
            "plurilateral-agreement-critical-minerals",
        ),
        participants=(
            "european-commission",
            "united-states",
            "japan",
            "us-department-of-state",
            "ustr",
        ),
    ),
    _doc(
        "wam-forge",
        "WAM report on the launch of FORGE",
        url="https://www.wam.ae/en/article/3blvr5wd-washington-launches-minerals-diplomacy-with",
        publisher="WAM (Emirates News Agency)",
        summary="News-agency report on FORGE, giving its name in a different word order.",
        agreements=("forge",),
    ),
    _doc(
        "news1global-forge",
        "News1 Global report on South Korea chairing FORGE",
        url="https://news1global.com/economy/article/433814",
        publisher="news1global.com",
        summary="Korean news report on FORGE that expands its acronym differently again.",
        agreements=("forge",),
        participants=("south-korea",),
    ),
    _doc(
        "anews-forge-chair",
        "A News report on critical minerals frameworks and the FORGE chair",
        url="https://www.anews.com.tr/asia/2026/02/05/south-korea-to-lead-us-critical-minerals-initiative",
        publisher="anews.com.tr",
        summary="News report noting that South Korea's term in the FORGE chair ends in June 2026.",
        agreements=("forge",),
        participants=("south-korea",),
    ),
    _doc(
        "bhfs-csis-dialogue",
        "Brownstein Hyatt Farber Schreck note on the February 2026 critical minerals events",
        url="https://www.bhfs.com/insight/project-vault-and-forge-signal-next-phase-of-u-s-critical-minerals-policy",
        publisher="Brownstein Hyatt Farber Schreck",
        published_on=dt.date(2026, 2, 5),
        kind=DocumentKind.ANALYSIS,
        summary=(
            "Law-firm note covering the government–industry dialogue held at CSIS on "
            "3 Feb 2026, the day before the ministerial."
        ),
        participants=("csis",),
    ),
    # The plurilateral agreement.
    _doc(
        "ustr-fr-notice-plurilateral",
        "Plurilateral Agreement on Trade in Critical Minerals (Federal Register notice)",
        no_address_reason=(
            "Published in the Federal Register; we have not yet confirmed its address there, so "
            "we give none rather than guess. The law-firm summaries cited beside it describe it."
        ),
        publisher="Office of the U.S. Trade Representative (Federal Register)",
        published_on=dt.date(2026, 2, 26),
        kind=DocumentKind.NOTICE,
        primary=True,
        summary=(
            "USTR's request for public comment on a proposed plurilateral agreement on trade "
            "in critical minerals, with comments due 19 Mar 2026. Known to us through the "
            "law-firm alerts that describe it."
        ),
        agreements=("plurilateral-agreement-critical-minerals",),
        participants=("ustr",),
    ),
    _doc(
        "covington-plurilateral-notice",
        "Covington alert on USTR's plurilateral critical minerals notice",
        url="https://www.cov.com/en/news-and-insights/insights/2026/02/ustr-seeks-comments-on-critical-minerals-trade-and-supply-chain-agreement",
        publisher="Covington & Burling (cov.com)",
        kind=DocumentKind.ANALYSIS,
        summary="Law-firm alert on the 26 Feb 2026 notice and its comment deadline.",
        agreements=("plurilateral-agreement-critical-minerals",),
        participants=("ustr",),
    ),
    _doc(
        "pillsbury-plurilateral-notice",
        "Pillsbury alert on USTR's plurilateral critical minerals notice",
        url="https://www.pillsburylaw.com/en/news-and-insights/ustr-plurilateral-critical-minerals-agreement.html",
        publisher="Pillsbury Winthrop Shaw Pittman (pillsburylaw.com)",
        kind=DocumentKind.ANALYSIS,
        summary="Law-firm alert on the 26 Feb 2026 notice and its comment deadline.",
        agreements=("plurilateral-agreement-critical-minerals",),
        participants=("ustr",),
    ),
    _doc(
        "whitecase-plurilateral-notice",
        "White & Case alert on USTR's plurilateral critical minerals notice",
        url="https://www.whitecase.com/insight-alert/trump-administration-seeks-public-input-proposed-critical-minerals-trade-agreement",
        publisher="White & Case (whitecase.com)",
        kind=DocumentKind.ANALYSIS,
        summary=(
            "Law-firm alert on the 26 Feb 2026 notice. It dates Proclamation 11001 to "
            "20 Jan 2026, perhaps the day it appeared in the Federal Register."
        ),
        agreements=("plurilateral-agreement-critical-minerals", "proclamation-11001"),
        participants=("ustr",),
    ),
    # Proclamation 11001.
    _doc(
        "white-house-fact-sheet-proclamation-11001",
        "White House fact sheet on Proclamation 11001 (Section 232, critical minerals)",
        archived_url="https://www.pubt.io/view/9B8C5EA1ED8D18C07A79C0621AACB28A372CCB67",
        publisher="The White House",
        kind=DocumentKind.FACT_SHEET,
        primary=True,
        summary=(
            "Official summary of the Section 232 proclamation of 14 Jan 2026, which directs "
            "negotiations that promote price floors and sets a 180-day horizon. Read via "
            "pubt.io."
        ),
        agreements=("proclamation-11001",),
        participants=("donald-trump", "us-department-of-commerce", "ustr"),
    ),
    _doc(
        "covington-proclamation-11001",
        "Covington alert on the Section 232 critical minerals proclamation",
        url="https://www.cov.com/en/news-and-insights/insights/2026/01/trump-administration-announces-results-of-critical-minerals-investigation-under-section-232-and-directs-us-officials-to-initiate-negotiations",
        publisher="Covington & Burling (cov.com)",
        kind=DocumentKind.ANALYSIS,
        summary="Law-firm alert that dates the proclamation to 15 Jan 2026.",
        agreements=("proclamation-11001",),
    ),
    _doc(
        "thomsonreuters-proclamation-11001",
        "Thomson Reuters item on the Section 232 critical minerals proclamation",
        url="https://www.thomsonreuters.com/en-us/help/onesource-global-trade/regulatory-insights/2026/january-15th/trump-administration-directs-negotiations-on-criti",
        publisher="Thomson Reuters",
        kind=DocumentKind.ANALYSIS,
        summary="Trade-compliance item on the proclamation and the negotiations it directs.",
        agreements=("proclamation-11001",),
    ),
    # The USMCA review, the U.S.–EU and U.S.–Japan tracks.
    _doc(
        "menafn-usmca-review",
        "MENAFN report on the U.S. critical minerals plans and the USMCA review",
        url="https://menafn.com/1110699095/US-Launches-Action-Plan-on-Critical-Minerals-with-Mexico-EU-Japan",
        publisher="MENAFN",
        summary="Report placing the USMCA joint review by 1 Jul 2026 alongside the Mexico plan.",
        agreements=("usmca-joint-review-2026", PLAN),
        participants=("united-states", "mexico", "canada"),
    ),
    _doc(
        "ustr-us-eu-action-plan-release",
        "USTR press release on the U.S.–EU Action Plan for Critical Minerals Supply Chain "
        "Resilience",
        publisher="Office of the U.S. Trade Representative",
        url=(
            "https://ustr.gov/about/policy-offices/press-office/press-releases/2026/april/"
            "ambassador-jamieson-greer-announces-united-states-european-union-action-plan-"
            "critical-minerals"
        ),
        published_on=dt.date(2026, 4, 24),
        kind=DocumentKind.PRESS_RELEASE,
        primary=True,
        summary=(
            "USTR announces the U.S.–EU action plan, framed as a step towards a binding "
            "plurilateral agreement. Known to us through the Expeditors item that links it."
        ),
        agreements=("us-eu-action-plan", "plurilateral-agreement-critical-minerals"),
        participants=("ustr", "european-commission"),
    ),
    _doc(
        "expeditors-us-eu-action-plan",
        "Expeditors trade item on the U.S.–EU critical minerals action plan",
        url="https://info.expeditors.com/newsflash/ustr-announces-action-plan-for-critical-minerals-with-eu",
        publisher="Expeditors (info.expeditors.com)",
        kind=DocumentKind.ANALYSIS,
        summary=(
            "Logistics-firm trade update reporting the 24 Apr 2026 action plan and linking "
            "USTR's release and text."
        ),
        agreements=("us-eu-action-plan", "plurilateral-agreement-critical-minerals"),
        participants=("ustr", "european-commission"),
    ),
    _doc(
        "larskarlsson-eu-us-mou",
        "Blog post on the EU–US raw materials memorandum",
        url="http://www.larskarlsson.com/?p=14963",
        publisher="larskarlsson.com",
        kind=DocumentKind.ANALYSIS,
        summary=(
            "Blog post reporting, from the EU side, a memorandum on a strategic partnership "
            "with the U.S., counted as the EU's 16th bilateral raw-materials instrument. It "
            "gives no signing date we could confirm."
        ),
        agreements=("us-eu-action-plan", "ec-us-japan-joint-statement"),
        participants=("european-commission",),
    ),
    _doc(
        "federalnewswire-us-japan-framework",
        "The Federal Newswire report on the U.S.–Japan critical minerals framework",
        url="https://thefederalnewswire.com/stories/675952559-united-states-and-japan-sign-agreement-on-critical-minerals-supply-chain",
        publisher="The Federal Newswire",
        summary="Report that Trump and Takaichi signed the framework in Tokyo on 28 Oct 2025.",
        agreements=("us-japan-framework-critical-minerals",),
        participants=("donald-trump", "sanae-takaichi", "united-states", "japan"),
    ),
    _doc(
        "kyodo-us-japan-action-plan",
        "Kyodo report on a U.S.–Japan action plan due at the 19 March summit",
        archived_url="https://en.ckhq.net/html/6c6839c811228261d657d09fc587dabd.html",
        publisher="Kyodo (as relayed by en.ckhq.net)",
        summary=(
            "The only report we hold saying the two leaders expected to sign an action plan "
            "when they met on 19 Mar 2026. What we hold is a translated post that cites "
            "Kyodo, not Kyodo's own text. Whether the plan was signed is not known."
        ),
        agreements=("us-japan-framework-critical-minerals",),
        participants=("united-states", "japan"),
    ),
    # The MSP.
    _doc(
        "state-msp-page",
        "Minerals Security Partnership (State Department page)",
        url="https://2021-2025.state.gov/minerals-security-partnership/",
        publisher="U.S. Department of State (2021–2025 archive)",
        kind=DocumentKind.OTHER,
        primary=True,
        summary="Archived State Department page describing the MSP, launched in June 2022.",
        agreements=("minerals-security-partnership",),
        participants=("us-department-of-state", "united-states", "european-union"),
    ),
    _doc(
        "cmio-msp",
        "Wire report on the launch of the Minerals Security Partnership",
        url="https://cmio.org/en/world/713792-u-s-and-allies-agree-on-partnership-in-the-field-of-minerals",
        publisher="cmio.org (carrying a RIA Novosti report)",
        published_on=dt.date(2022, 6, 14),
        kind=DocumentKind.NEWS_REPORT,
        summary=(
            "Wire report of 14 Jun 2022 on the U.S. and partners launching the partnership, "
            "which it calls a partnership to secure mineral supply chains."
        ),
        agreements=("minerals-security-partnership",),
    ),
    # Official mineral lists.
    _doc(
        "usgs-2022-fr-notice",
        "2022 Final List of Critical Minerals (Federal Register notice)",
        archived_url="https://regulations.justia.com/regulations/fedreg/2022/02/24/2022-04027.html",
        publisher="U.S. Geological Survey, Department of the Interior (Federal Register)",
        published_on=dt.date(2022, 2, 24),
        kind=DocumentKind.NOTICE,
        primary=True,
        summary=(
            "The notice publishing the 50-mineral list, FR Doc. 2022-04027. Read at a mirror "
            "(regulations.justia.com, address given only in part)."
        ),
        participants=("usgs", "us-department-of-the-interior"),
    ),
    _doc(
        "smenet-usgs-2022",
        "SME news item on the USGS 2022 critical minerals list",
        url="https://me.smenet.org/webContent.cfm?context=1&webarticleid=3865",
        publisher="SME (me.smenet.org)",
        summary=(
            "Mining-industry news item dating the USGS release of the 2022 list to "
            "22 Feb 2022 (article 3865)."
        ),
        participants=("usgs",),
    ),
    _doc(
        "iea-usgs-2022-policy",
        "2022 Final List of Critical Minerals (IEA policy database entry)",
        url="https://origin.iea.org/policies/15271-final-list-of-critical-minerals-2022",
        publisher="International Energy Agency",
        kind=DocumentKind.OTHER,
        summary="IEA policy-tracker entry that reproduces the 50 minerals of the 2022 list.",
        participants=("usgs",),
    ),
    _doc(
        "usgs-2025-draft-fr-notice",
        "Draft 2025 List of Critical Minerals (Federal Register notice)",
        url="https://www.govinfo.gov/content/pkg/FR-2025-08-26/html/2025-16311.htm",
        publisher="U.S. Geological Survey, Department of the Interior (Federal Register)",
        published_on=dt.date(2025, 8, 26),
        kind=DocumentKind.NOTICE,
        primary=True,
        summary=(
            "The draft of 54 minerals, which proposed leaving out arsenic and tellurium; FR "
            "document 2025-16311 (govinfo.gov)."
        ),
        participants=("usgs",),
        minerals=("arsenic", "tellurium"),
    ),
    _doc(
        "usgs-2025-fr-notice",
        "2025 Final List of Critical Minerals (Federal Register notice)",
        no_address_reason=(
            "Published in the Federal Register on 7 Nov 2025; we have not yet confirmed its "
            "address there, so we give none rather than guess."
        ),
        publisher="U.S. Geological Survey, Department of the Interior (Federal Register)",
        published_on=dt.date(2025, 11, 7),
        kind=DocumentKind.NOTICE,
        primary=True,
        summary="The notice publishing the 60-mineral final list.",
        participants=("usgs",),
    ),
    _doc(
        "usgs-faq-critical-mineral",
        "What is a critical mineral? (USGS FAQ)",
        no_address_reason=(
            "A page of the U.S. Geological Survey's website whose address we have not yet "
            "confirmed; we give none rather than guess."
        ),
        publisher="U.S. Geological Survey",
        kind=DocumentKind.OTHER,
        primary=True,
        url="https://usgs.gov/faqs/what-a-critical-mineral",
        summary="USGS answer page listing the 60 minerals of the 2025 final list.",
        participants=("usgs",),
    ),
    _doc(
        "mondaq-usgs-2025",
        "Mondaq article on the USGS 2025 final critical minerals list",
        url="https://www.mondaq.com/unitedstates/mining/1703120/critical-minerals-update-usgs-finalizes-2025-critical-minerals-list-adding-copper-silver-and-eight-others",
        publisher="Mondaq",
        kind=DocumentKind.ANALYSIS,
        summary="Law-firm article on the 2025 final list of 60 (Mondaq article 1703120).",
        participants=("usgs",),
    ),
    _doc(
        "doe-2023-fr-notice",
        "2023 DOE Critical Materials List (Federal Register notice, 88 FR 51792)",
        archived_url="https://federalstatelaw.com/federal-register/2023-16611",
        publisher="U.S. Department of Energy (Federal Register)",
        published_on=dt.date(2023, 8, 4),
        kind=DocumentKind.NOTICE,
        primary=True,
        url="https://federalstatelaw.com/federal-register/2023-16611",
        summary=(
            "DOE's determination of the materials critical for energy. The address is a "
            "mirror of FR document 2023-16611."
        ),
        participants=("us-department-of-energy",),
    ),
    _doc(
        "doe-critical-minerals-materials",
        "Critical Minerals and Materials (DOE page)",
        url="https://www.energy.gov/cmm/what-are-critical-materials-and-critical-minerals",
        publisher="U.S. Department of Energy",
        kind=DocumentKind.OTHER,
        primary=True,
        summary=(
            "DOE page on its critical materials work: 18 materials critical for energy, and "
            "a full list that adds the USGS 2022 minerals."
        ),
        participants=("us-department-of-energy",),
    ),
    _doc(
        "eu-regulation-2024-1252",
        "Regulation (EU) 2024/1252 (Critical Raw Materials Act)",
        url="http://www.eurlex.europa.eu/legal-content/EN/TXT/?uri=OJ:L_202401252",
        publisher="Official Journal of the European Union",
        published_on=dt.date(2024, 5, 3),
        kind=DocumentKind.OFFICIAL_TEXT,
        primary=True,
        summary=(
            "The EU regulation of 11 Apr 2024, in force from 23 May 2024. Annex I lists 17 "
            "strategic raw materials and Annex II 34 critical ones; it also sets 2030 "
            "benchmarks for extraction, processing, recycling and supplier concentration."
        ),
        participants=("european-union",),
    ),
    # Mexico's statements on minerals and the WTO ministerial.
    _doc(
        "diario7-mexico-minerals",
        "Diario 7 report on which critical minerals Mexico has and lacks",
        url="https://diario7noticias.com.mx/2026/02/12/mexico-busca-asegurar-el-suministro-de-13-minerales-criticos-ebrard",
        publisher="diario7noticias.com.mx",
        published_on=dt.date(2026, 2, 12),
        language=ES,
        summary=(
            "Spanish-language report on the 12 Feb 2026 briefing by Ebrard and the head of "
            "the Mexican Geological Service on minerals Mexico lacks and minerals it produces."
        ),
        participants=(
            "marcelo-ebrard",
            "flor-de-maria-harp",
            "servicio-geologico-mexicano",
            "mexico",
        ),
        minerals=("lithium", "copper", "zinc", "silver"),
    ),
    _doc(
        "codicesoaxaca-mexico-minerals",
        "Códices Oaxaca report on Mexico's strategy for critical minerals",
        url="https://codicesoaxaca.mx/12/02/2026/mexico-define-estrategia-para-minerales-criticos",
        publisher="Códices Oaxaca (codicesoaxaca.mx)",
        language=ES,
        summary=(
            "Spanish-language report on the 12 Feb 2026 briefing. It puts the minerals Mexico "
            "lacks at at least fourteen, yet names the same thirteen as other reports."
        ),
        participants=("mexico",),
    ),
    _doc(
        "sdpnoticias-mexico-minerals",
        "SDP Noticias report on Mexico's critical minerals",
        url="https://www.sdpnoticias.com/mexico/que-son-los-minerales-criticos-y-por-que-son-importantes-para-mexico/",
        publisher="SDP Noticias (sdpnoticias.com)",
        published_on=dt.date(2026, 2, 12),
        language=ES,
        summary=(
            "Spanish-language report on the same 12 Feb 2026 briefing on Mexico's mineral "
            "strengths and gaps."
        ),
        participants=("marcelo-ebrard", "flor-de-maria-harp", "mexico"),
    ),
]
