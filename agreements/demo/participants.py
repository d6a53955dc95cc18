"""Participants: countries, blocs, bodies and people, parents before children."""

from agreements.models import Language, ParticipantKind

from .spec import Cite

EN = Language.ENGLISH
ES = Language.SPANISH
COUNTRY = ParticipantKind.COUNTRY
BODY = ParticipantKind.GOVERNMENT_BODY
PERSON = ParticipantKind.PERSON


def _p(slug, name, kind, *, short="", parent=None, title="", code="", desc="", aliases=(), cite):
    return {
        "slug": slug,
        "fields": {
            "name": name,
            "short_name": short,
            "kind": kind,
            "title": title,
            "country_code": code,
            "description": desc,
        },
        "parent": parent,
        "aliases": aliases,
        "cite": cite,
    }


PARTICIPANTS = [
    _p(
        "united-states",
        "United States",
        COUNTRY,
        short="U.S.",
        code="US",
        aliases=(
            ("United States of America", EN),
            ("USA", EN),
            ("US", EN),
            ("Estados Unidos", ES),
            ("EE. UU.", ES),
        ),
        cite=[Cite("ustr-post-us-mexico-plan"), Cite("report-us-mexico-plan-supply-chain")],
    ),
    _p(
        "mexico",
        "Mexico",
        COUNTRY,
        code="MX",
        aliases=(("México", ES), ("United Mexican States", EN), ("Estados Unidos Mexicanos", ES)),
        cite=[
            Cite("report-us-mexico-plan-supply-chain"),
            Cite("mexicanpressagency-us-mexico-plan"),
        ],
    ),
    _p(
        "canada",
        "Canada",
        COUNTRY,
        code="CA",
        aliases=(("Canadá", ES),),
        desc="Not named in the U.S.–Mexico plan; Mexico announced parallel talks with it.",
        cite=[
            Cite("reuters-us-mexico-plan", note="The plan does not mention Canada."),
            Cite("jornada-ebrard-consultations", note="Parallel talks announced by Ebrard."),
        ],
    ),
    _p(
        "china",
        "China",
        COUNTRY,
        code="CN",
        aliases=(
            ("People's Republic of China", EN),
            ("PRC", EN),
            ("República Popular China", ES),
        ),
        desc=(
            "Not a party to any agreement recorded here. Reports on the U.S.–Mexico plan "
            "bring it in three ways: one gives less dependence on China as the plan's aim; "
            "another gives China's dominant position in the market as the reason for Vance's "
            "proposed trade bloc; Reuters notes that the plan itself does not mention China."
        ),
        cite=[
            Cite(
                "report-us-mexico-60-day-plan",
                "description",
                "Why It's Important?",
                note="The plan's aim: relying less on outside suppliers, China above all.",
            ),
            Cite(
                "report-us-mexico-plan-supply-chain",
                "description",
                "paragraph 6",
                note="The trade bloc's aim: to reduce China's dominant position.",
            ),
            Cite(
                "reuters-us-mexico-plan",
                "description",
                note="The plan makes no specific mention of China.",
            ),
        ],
    ),
    _p(
        "european-union",
        "European Union",
        ParticipantKind.BLOC,
        short="EU",
        aliases=(("EU", EN), ("Unión Europea", ES), ("UE", ES)),
        cite=[Cite("eu-regulation-2024-1252"), Cite("report-us-mexico-plan-supply-chain")],
    ),
    _p(
        "european-commission",
        "European Commission",
        BODY,
        parent="european-union",
        aliases=(("EC", EN), ("Comisión Europea", ES)),
        cite=[Cite("ec-us-japan-joint-statement-text"), Cite("state-ministerial-fact-sheet")],
    ),
    _p(
        "japan",
        "Japan",
        COUNTRY,
        code="JP",
        aliases=(("Japón", ES),),
        cite=[
            Cite("ec-us-japan-joint-statement-text"),
            Cite("federalnewswire-us-japan-framework"),
        ],
    ),
    _p(
        "south-korea",
        "South Korea",
        COUNTRY,
        code="KR",
        aliases=(
            ("Republic of Korea", EN),
            ("Korea", EN),
            ("ROK", EN),
            ("Corea del Sur", ES),
        ),
        cite=[Cite("state-ministerial-fact-sheet"), Cite("kbs-ministerial-56-countries")],
    ),
    _p(
        "korea-ministry-of-foreign-affairs",
        "Ministry of Foreign Affairs of the Republic of Korea",
        BODY,
        short="Korean foreign ministry",
        parent="south-korea",
        aliases=(("MOFA (Korea)", EN),),
        cite=[Cite("kbs-ministerial-56-countries")],
    ),
    _p(
        "ustr",
        "Office of the United States Trade Representative",
        BODY,
        short="USTR",
        parent="united-states",
        aliases=(
            ("USTR", EN),
            ("Office of the U.S. Trade Representative", EN),
            ("Oficina del Representante Comercial de Estados Unidos", ES),
        ),
        cite=[Cite("ustr-post-us-mexico-plan"), Cite("eenews-us-agreements-mexico-eu-japan")],
    ),
    _p(
        "jamieson-greer",
        "Jamieson Greer",
        PERSON,
        parent="ustr",
        title="U.S. Trade Representative",
        aliases=(("Greer", EN), ("Ambassador Greer", EN)),
        cite=[
            Cite("ustr-post-us-mexico-plan"),
            Cite(
                "report-us-mexico-plan-supply-chain",
                "title",
                "paragraph 1",
                "U.S. Trade Representative",
            ),
        ],
    ),
    _p(
        "us-department-of-state",
        "U.S. Department of State",
        BODY,
        short="State Department",
        parent="united-states",
        aliases=(("State Department", EN), ("Departamento de Estado", ES)),
        cite=[
            Cite("state-ministerial-fact-sheet"),
            Cite("report-us-mexico-plan-supply-chain", locator="paragraph 5"),
        ],
    ),
    _p(
        "marco-rubio",
        "Marco Rubio",
        PERSON,
        parent="us-department-of-state",
        title="Secretary of State",
        aliases=(("Rubio", EN),),
        cite=[Cite("state-ministerial-fact-sheet", "title", value="Secretary of State")],
    ),
    _p(
        "jd-vance",
        "JD Vance",
        PERSON,
        parent="united-states",
        title="Vice President of the United States",
        aliases=(("J.D. Vance", EN), ("Vance", EN)),
        cite=[
            Cite("state-ministerial-fact-sheet", "title", value="Vice President"),
            Cite(
                "report-us-mexico-plan-supply-chain",
                "title",
                "paragraph 6",
                "Vice President",
            ),
        ],
    ),
    _p(
        "donald-trump",
        "Donald Trump",
        PERSON,
        parent="united-states",
        title="President of the United States",
        aliases=(("Donald J. Trump", EN), ("Trump", EN)),
        cite=[
            Cite("white-house-fact-sheet-proclamation-11001"),
            Cite("federalnewswire-us-japan-framework"),
        ],
    ),
    _p(
        "us-department-of-commerce",
        "U.S. Department of Commerce",
        BODY,
        short="Commerce",
        parent="united-states",
        aliases=(("Commerce Department", EN), ("Departamento de Comercio", ES)),
        cite=[Cite("white-house-fact-sheet-proclamation-11001")],
    ),
    _p(
        "us-department-of-the-interior",
        "U.S. Department of the Interior",
        BODY,
        short="DOI",
        parent="united-states",
        aliases=(("DOI", EN), ("Interior Department", EN)),
        cite=[Cite("usgs-2022-fr-notice")],
    ),
    _p(
        "usgs",
        "U.S. Geological Survey",
        BODY,
        short="USGS",
        parent="us-department-of-the-interior",
        aliases=(("USGS", EN), ("United States Geological Survey", EN)),
        cite=[Cite("usgs-2022-fr-notice"), Cite("usgs-faq-critical-mineral")],
    ),
    _p(
        "us-department-of-energy",
        "U.S. Department of Energy",
        BODY,
        short="DOE",
        parent="united-states",
        aliases=(("DOE", EN), ("Energy Department", EN), ("Departamento de Energía", ES)),
        cite=[Cite("doe-2023-fr-notice"), Cite("doe-critical-minerals-materials")],
    ),
    _p(
        "secretaria-de-economia",
        "Secretaría de Economía",
        BODY,
        short="SE",
        parent="mexico",
        desc="Mexico's Ministry of Economy; it oversees the Mexican Geological Service.",
        aliases=(
            ("SE", ES),
            ("Secretaría de Economía", ES),
            ("Ministry of Economy", EN),
            ("Mexico's Ministry of Economy", EN),
            ("Secretariat of Economy", EN),
        ),
        cite=[
            Cite("eenews-us-agreements-mexico-eu-japan"),
            Cite("vanguardia-ebrard-sre-leads", "description"),
        ],
    ),
    _p(
        "marcelo-ebrard",
        "Marcelo Ebrard",
        PERSON,
        parent="secretaria-de-economia",
        title="Secretary of Economy of Mexico",
        aliases=(("Ebrard", ES), ("Secretario de Economía", ES)),
        cite=[
            Cite(
                "report-us-mexico-plan-supply-chain",
                "title",
                "paragraph 1",
                "Mexican Secretary of Economy",
            ),
            Cite("ustr-post-us-mexico-plan", "title", value="Mexican Secretary of Economy"),
        ],
    ),
    _p(
        "servicio-geologico-mexicano",
        "Servicio Geológico Mexicano",
        BODY,
        short="SGM",
        parent="secretaria-de-economia",
        aliases=(("SGM", ES), ("Mexican Geological Service", EN)),
        cite=[
            Cite(
                "vanguardia-ebrard-sre-leads",
                "parent",
                note="Ebrard: the Mexican Geological Service depends on Economy.",
            ),
            Cite("diario7-mexico-minerals"),
        ],
    ),
    _p(
        "flor-de-maria-harp",
        "Flor de María Harp",
        PERSON,
        parent="servicio-geologico-mexicano",
        title="Director of the Servicio Geológico Mexicano",
        cite=[Cite("diario7-mexico-minerals"), Cite("sdpnoticias-mexico-minerals")],
    ),
    _p(
        "secretaria-de-relaciones-exteriores",
        "Secretaría de Relaciones Exteriores",
        BODY,
        short="SRE",
        parent="mexico",
        desc="Mexico's Foreign Ministry.",
        aliases=(
            ("SRE", ES),
            ("Cancillería", ES),
            ("Ministry of Foreign Affairs of Mexico", EN),
            ("Mexican Foreign Ministry", EN),
        ),
        cite=[Cite("vanguardia-ebrard-sre-leads")],
    ),
    _p(
        "juan-ramon-de-la-fuente",
        "Juan Ramón de la Fuente",
        PERSON,
        parent="secretaria-de-relaciones-exteriores",
        title="Secretary of Foreign Affairs of Mexico",
        aliases=(("de la Fuente", ES), ("Canciller de la Fuente", ES)),
        cite=[
            Cite(
                "report-us-mexico-plan-supply-chain",
                "title",
                "paragraph 5",
                "Foreign Minister",
            ),
        ],
    ),
    _p(
        "claudia-sheinbaum",
        "Claudia Sheinbaum",
        PERSON,
        parent="mexico",
        title="President of Mexico",
        aliases=(("Sheinbaum", ES), ("Presidenta Sheinbaum", ES)),
        cite=[Cite("noticiasactuales-sheinbaum-sovereignty")],
    ),
    _p(
        "sanae-takaichi",
        "Sanae Takaichi",
        PERSON,
        parent="japan",
        title="Prime Minister of Japan",
        aliases=(("Takaichi Sanae", EN), ("Takaichi", EN)),
        cite=[Cite("federalnewswire-us-japan-framework")],
    ),
    _p(
        "world-trade-organization",
        "World Trade Organization",
        ParticipantKind.INTERNATIONAL_ORG,
        short="WTO",
        aliases=(("WTO", EN), ("OMC", ES), ("Organización Mundial del Comercio", ES)),
        cite=[Cite("diario7-mexico-minerals")],
    ),
    _p(
        "csis",
        "Center for Strategic and International Studies",
        ParticipantKind.OTHER,
        short="CSIS",
        aliases=(("CSIS", EN),),
        cite=[Cite("bhfs-csis-dialogue")],
    ),
]
