"""Official mineral lists and Mexico's statement, entry by entry, as research §4 gives them.

A list is recorded only where its issuer published or stated one. The three minerals a report
on the U.S.–Mexico plan gives as examples (aluminum, lithium, zinc) are not a list: no
bilateral list has been published, so they are a note on the plan (see instruments.py).
"""

import datetime as dt

from agreements.models import EntryCategory, EntryChange, MineralListStage

from .spec import Cite

CRITICAL = EntryCategory.CRITICAL

# The USGS 2022 final list, in its own order (alphabetical). 50 minerals.
USGS_2022 = (
    "aluminum", "antimony", "arsenic", "barite", "beryllium", "bismuth", "cerium", "cesium",
    "chromium", "cobalt", "dysprosium", "erbium", "europium", "fluorspar", "gadolinium",
    "gallium", "germanium", "graphite", "hafnium", "holmium", "indium", "iridium", "lanthanum",
    "lithium", "lutetium", "magnesium", "manganese", "neodymium", "nickel", "niobium",
    "palladium", "platinum", "praseodymium", "rhodium", "rubidium", "ruthenium", "samarium",
    "scandium", "tantalum", "tellurium", "terbium", "thulium", "tin", "titanium", "tungsten",
    "vanadium", "ytterbium", "yttrium", "zinc", "zirconium",
)  # fmt: skip

# Added against the 2018 list (research §4); for the others the facts do not say.
USGS_2022_ADDED = ("nickel", "zinc")

# The ten the 2025 final list adds to the 50; nothing was removed.
USGS_2025_ADDED = (
    "boron", "copper", "lead", "metallurgical-coal", "phosphate", "potash", "rhenium",
    "silicon", "silver", "uranium",
)  # fmt: skip

# DOE 2023: the 18 materials critical for energy, with DOE's wording where it differs.
DOE_2023 = (
    ("aluminum", ""),
    ("cobalt", ""),
    ("copper", ""),
    ("dysprosium", ""),
    ("electrical-steel", "Electrical steel (grain-oriented, non-grain-oriented, amorphous)"),
    ("fluorine", ""),
    ("gallium", ""),
    ("iridium", ""),
    ("lithium", ""),
    ("magnesium", ""),
    ("graphite", "Natural graphite"),
    ("neodymium", ""),
    ("nickel", ""),
    ("platinum", ""),
    ("praseodymium", ""),
    ("silicon", ""),
    ("silicon-carbide", ""),
    ("terbium", ""),
)

_ALUMINIUM_GROUP = "Bauxite/alumina/aluminium"

# Regulation (EU) 2024/1252, Annex I: 17 strategic raw materials.
EU_ANNEX_I = (
    ("aluminum", _ALUMINIUM_GROUP),
    ("bismuth", "Bismuth"),
    ("boron", "Boron (metallurgy grade)"),
    ("cobalt", "Cobalt"),
    ("copper", "Copper"),
    ("gallium", "Gallium"),
    ("germanium", "Germanium"),
    ("lithium", "Lithium (battery grade)"),
    ("magnesium", "Magnesium metal"),
    ("manganese", "Manganese (battery grade)"),
    ("graphite", "Graphite (battery grade)"),
    ("nickel", "Nickel (battery grade)"),
    ("platinum-group-metals", "Platinum group metals"),
    ("rare-earth-elements", "Rare earths for permanent magnets (Nd, Pr, Tb, Dy, Gd, Sm, Ce)"),
    ("silicon", "Silicon metal"),
    ("titanium", "Titanium metal"),
    ("tungsten", "Tungsten"),
)

# Annex II: 34 critical raw materials.
EU_ANNEX_II = (
    ("antimony", "Antimony"),
    ("arsenic", "Arsenic"),
    ("aluminum", _ALUMINIUM_GROUP),
    ("barite", "Baryte"),
    ("beryllium", "Beryllium"),
    ("bismuth", "Bismuth"),
    ("boron", "Boron"),
    ("cobalt", "Cobalt"),
    ("metallurgical-coal", "Coking coal"),
    ("copper", "Copper"),
    ("feldspar", "Feldspar"),
    ("fluorspar", "Fluorspar"),
    ("gallium", "Gallium"),
    ("germanium", "Germanium"),
    ("hafnium", "Hafnium"),
    ("helium", "Helium"),
    ("heavy-rare-earth-elements", "Heavy rare earth elements"),
    ("light-rare-earth-elements", "Light rare earth elements"),
    ("lithium", "Lithium"),
    ("magnesium", "Magnesium"),
    ("manganese", "Manganese"),
    ("graphite", "Graphite"),
    ("nickel", "Nickel (battery grade)"),
    ("niobium", "Niobium"),
    ("phosphate", "Phosphate rock"),
    ("phosphorus", "Phosphorus"),
    ("platinum-group-metals", "Platinum group metals"),
    ("scandium", "Scandium"),
    ("silicon", "Silicon metal"),
    ("strontium", "Strontium"),
    ("tantalum", "Tantalum"),
    ("titanium", "Titanium metal"),
    ("tungsten", "Tungsten"),
    ("vanadium", "Vanadium"),
)

# Mexico's statements of 12 Feb 2026 (not a legal list).
MEXICO_SCARCE = (
    ("aluminum", "aluminium"), ("cadmium", ""), ("cobalt", ""), ("chromium", ""),
    ("germanium", ""), ("iridium", ""), ("lithium", ""), ("nickel", ""), ("palladium", ""),
    ("platinum", ""), ("tantalum", ""), ("titanium", ""), ("vanadium", ""),
)  # fmt: skip
MEXICO_PRODUCED = (
    ("barite", ""), ("copper", ""), ("fluorspar", "fluorite"), ("graphite", ""),
    ("magnesium", ""), ("manganese", ""), ("silver", ""), ("lead", ""), ("zinc", ""),
)  # fmt: skip


def _entries(items, category, change=EntryChange.UNKNOWN):
    return [
        {"mineral": slug, "category": category, "change": change, "name_as_listed": as_listed}
        for slug, as_listed in items
    ]


def _usgs_2022_entries():
    return [
        {
            "mineral": slug,
            "category": CRITICAL,
            "change": EntryChange.ADDED if slug in USGS_2022_ADDED else EntryChange.UNKNOWN,
            "name_as_listed": "",
        }
        for slug in USGS_2022
    ]


def _l(slug, name, issuer, edition, stage, *, published_on=None, legal="", summary="",
       agreement=None, previous=None, entries, cite):  # fmt: skip
    return {
        "slug": slug,
        "fields": {
            "name": name,
            "edition": edition,
            "stage": stage,
            "published_on": published_on,
            "legal_reference": legal,
            "summary": summary,
        },
        "issuer": issuer,
        "agreement": agreement,
        "previous_edition": previous,
        "entries": entries,
        "cite": cite,
    }


MINERAL_LISTS = [
    _l(
        "usgs-critical-minerals-2022",
        "USGS 2022 Final List of Critical Minerals",
        "usgs",
        2022,
        MineralListStage.FINAL,
        # Two dates, two facts: USGS released the list on 22 Feb 2022 (published_on) and the
        # Federal Register printed the notice on 24 Feb 2022 (the legal reference).
        published_on=dt.date(2022, 2, 22),
        legal="Federal Register, 24 Feb 2022, FR Doc. 2022-04027",
        summary=(
            "Fifty minerals. Against the 2018 list it adds nickel and zinc, drops helium, "
            "potash, rhenium, strontium and uranium, and names the rare earths and platinum "
            "group metals one element at a time instead of as groups. The change for the "
            "other entries is not recorded here. USGS released it on 22 Feb 2022; the "
            "Federal Register notice is dated 24 Feb 2022."
        ),
        entries=_usgs_2022_entries(),
        cite=[
            Cite("usgs-2022-fr-notice", "minerals", value="50"),
            Cite("iea-usgs-2022-policy", "minerals", value="50"),
            Cite(
                "smenet-usgs-2022",
                "published_on",
                value="22 Feb 2022",
                note="The day USGS released the final list.",
            ),
            Cite(
                "usgs-2022-fr-notice",
                "legal_reference",
                value="Federal Register, 24 Feb 2022, FR Doc. 2022-04027",
                note="The notice, printed two days after the USGS release.",
            ),
        ],
    ),
    _l(
        "usgs-critical-minerals-2025",
        "USGS 2025 Final List of Critical Minerals",
        "usgs",
        2025,
        MineralListStage.FINAL,
        published_on=dt.date(2025, 11, 7),
        legal="Federal Register, 7 Nov 2025",
        previous="usgs-critical-minerals-2022",
        summary=(
            "Sixty minerals: all fifty of 2022 plus boron, copper, lead, metallurgical coal, "
            "phosphate, potash, rhenium, silicon, silver and uranium. The August 2025 draft "
            "had 54 and would have removed arsenic and tellurium; the final list keeps both. "
            "USGS released it on 6–7 Nov 2025 (the research gives no single day); the "
            "Federal Register notice is dated 7 Nov 2025."
        ),
        entries=[
            *[
                {"mineral": s, "category": CRITICAL, "change": EntryChange.RETAINED}
                for s in USGS_2022
            ],
            *[
                {"mineral": s, "category": CRITICAL, "change": EntryChange.ADDED}
                for s in USGS_2025_ADDED
            ],
        ],
        cite=[
            Cite("usgs-faq-critical-mineral", "minerals", value="60"),
            Cite("mondaq-usgs-2025", "minerals", value="60"),
            Cite(
                "usgs-2025-fr-notice",
                "published_on",
                value="7 Nov 2025",
                note="The Federal Register date; USGS's release is given as 6–7 Nov 2025.",
            ),
            Cite("usgs-2025-draft-fr-notice", "summary", value="54 in the draft"),
        ],
    ),
    _l(
        "doe-critical-materials-2023",
        "DOE 2023 Critical Materials List: materials critical for energy",
        "us-department-of-energy",
        2023,
        MineralListStage.FINAL,
        published_on=dt.date(2023, 8, 4),
        legal="88 FR 51792",
        summary=(
            "The eighteen materials DOE rates critical for energy. DOE's full critical "
            "materials list is these eighteen plus the USGS 2022 minerals."
        ),
        entries=_entries(DOE_2023, EntryCategory.ENERGY_CRITICAL),
        cite=[
            Cite("doe-2023-fr-notice", "published_on", value="4 Aug 2023"),
            Cite("doe-critical-minerals-materials", "minerals", value="18"),
            Cite("doe-2023-fr-notice"),
        ],
    ),
    _l(
        "eu-crma-strategic-2024",
        "EU Critical Raw Materials Act, Annex I: strategic raw materials",
        "european-union",
        2024,
        MineralListStage.FINAL,
        published_on=dt.date(2024, 5, 3),
        legal="Regulation (EU) 2024/1252, Annex I",
        summary=(
            "The seventeen raw materials the EU treats as strategic, several of them only in "
            "a given grade or form (battery grade, metallurgy grade, metal)."
        ),
        entries=_entries(EU_ANNEX_I, EntryCategory.STRATEGIC),
        cite=[
            Cite("eu-regulation-2024-1252", "minerals", value="17"),
            Cite("eu-regulation-2024-1252", "published_on", value="3 May 2024"),
        ],
    ),
    _l(
        "eu-crma-critical-2024",
        "EU Critical Raw Materials Act, Annex II: critical raw materials",
        "european-union",
        2024,
        MineralListStage.FINAL,
        published_on=dt.date(2024, 5, 3),
        legal="Regulation (EU) 2024/1252, Annex II",
        summary=(
            "The thirty-four raw materials the EU treats as critical. Some appear as groups "
            "(heavy and light rare earths, platinum group metals, bauxite with alumina and "
            "aluminium)."
        ),
        entries=_entries(EU_ANNEX_II, EntryCategory.CRITICAL),
        cite=[
            Cite("eu-regulation-2024-1252", "minerals", value="34"),
            Cite("eu-regulation-2024-1252", "published_on", value="3 May 2024"),
        ],
    ),
    _l(
        "mexico-minerals-statement-2026",
        "Mexico's statements on the minerals it lacks and produces (12 Feb 2026)",
        "secretaria-de-economia",
        2026,
        MineralListStage.STATEMENT,
        published_on=dt.date(2026, 2, 12),
        summary=(
            "Not a legal list: minerals named by Ebrard and the head of the Mexican "
            "Geological Service. Thirteen are scarce or absent in Mexico and nine are produced "
            "there. One outlet (Códices Oaxaca) gives the scarce count as 14 while naming the "
            "same 13. One report repeats magnesium among those produced, and one adds gold "
            "to them."
        ),
        entries=[
            *_entries(MEXICO_SCARCE, EntryCategory.SCARCE),
            *_entries(MEXICO_PRODUCED, EntryCategory.PRODUCED),
        ],
        cite=[
            Cite("diario7-mexico-minerals", "published_on", value="12 Feb 2026"),
            Cite("sdpnoticias-mexico-minerals", "published_on", value="12 Feb 2026"),
            # How many minerals Mexico lacks: 13, or "at least 14" naming the same 13.
            Cite("diario7-mexico-minerals", "minerals", value="13 scarce or absent"),
            Cite(
                "codicesoaxaca-mexico-minerals",
                "minerals",
                value="14 scarce or absent",
                note="Says at least 14, and names the same 13.",
            ),
        ],
    ),
]
