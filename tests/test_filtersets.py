"""The public query parameters: every filter of every FilterSet in agreements/filtersets.py.

Each filter is applied to a small knowledge base where some records match and some do
not, and the test names exactly which come back. Bad values must be field errors, never
an empty or a full result. The last tests check that a page, the API and a download
read the same parameters the same way.
"""

import csv
import datetime as dt
import html
import io
import json
from urllib.parse import parse_qsl

import django_filters
import pytest

from agreements import filtersets as fs
from agreements import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)
D = dt.date

# Every FilterSet of the module, so a new one is tested (or fails the coverage test).
FILTERSETS = [
    value
    for value in vars(fs).values()
    if isinstance(value, type) and issubclass(value, fs.KBFilterSet) and value is not fs.KBFilterSet
]

NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def bad_choice(value: str) -> str:
    return f"Select a valid choice. {value} is not one of the available choices."


def inverted(prefix: str) -> str:
    return f"“{prefix}_before” must not be earlier than “{prefix}_after”."


@pytest.fixture
def today(monkeypatch):
    # Milestone states are computed as of today: make it a known day.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def chosen(filterset_class, params: dict, names: dict) -> list[str]:
    """The names of the records the FilterSet selects, sorted, repeats kept."""
    model = filterset_class._meta.model
    filterset = filterset_class(params, queryset=model.objects.all())
    assert filterset.is_valid(), filterset.errors
    by_pk = {record.pk: name for name, record in names[model].items()}
    return sorted(by_pk.get(record.pk, f"unnamed #{record.pk}") for record in filterset.qs)


def errors_of(filterset_class, params: dict) -> dict[str, list[str]]:
    filterset = filterset_class(params, queryset=filterset_class._meta.model.objects.all())
    assert not filterset.is_valid()
    return {name: list(messages) for name, messages in filterset.errors.items()}


# --- A small knowledge base ----------------------------------------------------------------


@pytest.fixture
def world(today) -> dict:
    """Every record named, by model: {model: {name: record}}."""
    names: dict = {}

    def add(name, record):
        names.setdefault(type(record), {})[name] = record
        return record

    def participant(slug, kind, parent=None):
        return add(slug, f.ParticipantFactory(slug=slug, kind=kind, parent=parent))

    usa = participant("usa", "country")
    ustr = participant("ustr", "government_body", usa)
    mexico = participant("mexico", "country")
    se = participant("se", "government_body", mexico)
    japan = participant("japan", "country")
    usgs = participant("usgs", "government_body", usa)
    eu = participant("eu", "bloc")
    lithium, cobalt, neodymium, _gold = (
        add(slug, f.MineralFactory(slug=slug, name=slug, group=group))
        for slug, group in [
            ("lithium", "battery"),
            ("cobalt", "battery"),
            ("neodymium", "light_ree"),
            ("gold", "precious_metal"),
        ]
    )
    fields = ("slug", "title", "kind", "status", "binding", "announced_on")
    plan, mou, law, _review = (
        add(row[0], f.AgreementFactory(**dict(zip(fields, row, strict=True))))
        for row in [
            ("plan", "US–Mexico action plan", "action_plan", "announced", "no", D(2026, 2, 4)),
            ("mou", "Japan–US minerals MoU", "mou", "signed", "yes", D(2025, 12, 31)),
            ("law", "Mexican mining law", "law", "in_force", "unknown", D(2026, 3, 1)),
            ("review", "Joint review", "review", "unknown", "unknown", None),
        ]
    )
    plan.window_start, plan.window_days = D(2026, 3, 1), 60  # the only window
    plan.save()

    for name, agreement, who, role in [
        ("plan-ustr-party", plan, ustr, "party"),
        ("plan-ustr-lead", plan, ustr, "lead"),
        ("plan-mexico", plan, mexico, "party"),
        ("mou-japan", mou, japan, "signatory"),
        ("mou-usa", mou, usa, "party"),
        ("law-se", law, se, "issuer"),
    ]:
        add(name, f.ParticipationFactory(agreement=agreement, participant=who, role=role))

    # The plan covers lithium through two measures, and cobalt; the MoU covers neodymium
    # only through its list.
    floor = add("floor", f.MeasureFactory(agreement=plan, kind="price_floor", stage="committed"))
    floor.minerals.set([lithium, cobalt])
    stock = add("stock", f.MeasureFactory(agreement=plan, kind="stockpiling", stage="to_explore"))
    stock.minerals.set([lithium])
    add("mapping", f.MeasureFactory(agreement=mou, kind="geological_mapping"))

    def mineral_list(slug, issuer, edition, stage, entries, agreement=None):
        record = f.MineralListFactory(
            slug=slug, issuer=issuer, edition=edition, stage=stage, agreement=agreement
        )
        add(slug, record)
        for mineral, category in entries:
            f.MineralListEntryFactory(mineral_list=record, mineral=mineral, category=category)

    # Lithium is on usgs-2025 twice, in two categories.
    twice = [(lithium, "critical"), (lithium, "strategic"), (cobalt, "critical")]
    mineral_list("usgs-2025", usgs, 2025, "final", twice)
    mineral_list("usgs-2022", usgs, 2022, "final", [(cobalt, "critical")])
    mineral_list("eu-2023", eu, 2023, "draft", [(neodymium, "strategic")], agreement=mou)
    mineral_list("statement", japan, 2025, "statement", [])

    def milestone(name, agreement, status="planned", due_on=None, responsible=(), **extra):
        record = f.MilestoneFactory(
            agreement=agreement, title=name, status=status, due_on=due_on, **extra
        )
        add(name, record).responsible.set(responsible)

    milestone("done", mou, "done", D(2026, 3, 12), completed_on=D(2026, 3, 10))
    milestone("missed", mou, "missed", D(2026, 3, 1))
    milestone("cancelled", mou, "cancelled")
    milestone("overdue", plan, due_on=D(2026, 3, 19), responsible=[ustr])
    milestone("soon", plan, "in_progress", D(2026, 3, 27), responsible=[ustr, mexico])
    milestone("upcoming", plan, due_on=D(2026, 3, 28))
    milestone("unknown", mou, "unknown", D(2026, 3, 2))
    milestone("day-22", plan, due_day=22)  # day 22 of the plan's window: 2026-03-23
    milestone("undated", mou)

    for slug, kind, starts_on, participants, agreements in [
        ("summit", "summit", D(2026, 2, 4), [mexico], [plan]),
        ("meeting", "meeting", D(2026, 1, 31), [mexico, japan], [plan, mou]),
        ("ministerial", "ministerial", D(2026, 3, 10), [], []),
    ]:
        record = add(slug, f.EventFactory(slug=slug, kind=kind, starts_on=starts_on))
        record.participants.set(participants)
        record.agreements.set(agreements)

    mentions = {
        "release": [plan, mexico, lithium],
        "report": [plan, mou, mexico, japan, cobalt],
        "notice": [mou],
    }
    for slug, kind, language, publisher, primary, day in [
        ("release", "press_release", "en", "USTR", True, D(2026, 2, 4)),
        ("report", "news_report", "es", "Reuters", False, D(2026, 1, 15)),
        ("notice", "notice", "en", "ustr", True, None),
        ("analysis", "analysis", "other", "", False, D(2026, 3, 1)),
    ]:
        record = add(slug, f.DocumentFactory(slug=slug, kind=kind, language=language))
        record.publisher, record.is_primary, record.published_on = publisher, primary, day
        record.save()
        for mentioned in mentions.get(slug, []):
            getattr(record, f"mentioned_{mentioned._meta.model_name}s").add(mentioned)
    return names


# (query, the records it selects) for each FilterSet, on the knowledge base above.
CASES = {
    fs.AgreementFilterSet: [
        ("", "law mou plan review"),
        ("kind=action_plan", "plan"),
        ("status=signed", "mou"),
        ("binding=yes", "mou"),
        ("binding=unknown", "law review"),
        ("participant=ustr", "plan"),  # two roles, one row
        ("participant=mexico", "plan"),  # not through its body `se`
        ("mineral=lithium", "plan"),  # two measures, one row
        ("mineral=neodymium", "mou"),  # through the MoU's list
        ("mineral=gold", ""),
        ("year=2026", "law plan"),
        ("announced_after=2026-02-04", "law plan"),
        ("announced_before=2026-02-04", "mou plan"),
        ("announced_after=2026-02-04&announced_before=2026-02-04", "plan"),
        ("announced_after=2026-02-05&announced_before=2026-02-28", ""),
        ("windowed=true", "plan"),
        ("windowed=false", "law mou review"),
        ("windowed=1", "plan"),
        ("windowed=0", "law mou review"),
        ("windowed=TRUE", "plan"),
        ("windowed=unknown", "law mou plan review"),  # the page's "Any"
        ("kind=action_plan&participant=japan", ""),
        ("status=in_force&year=2026&windowed=false", "law"),
    ],
    fs.ParticipationFilterSet: [
        ("agreement=plan", "plan-mexico plan-ustr-lead plan-ustr-party"),
        ("participant=ustr", "plan-ustr-lead plan-ustr-party"),
        ("role=party", "mou-usa plan-mexico plan-ustr-party"),
        ("role=issuer", "law-se"),
        ("agreement=plan&role=lead", "plan-ustr-lead"),
    ],
    fs.MilestoneFilterSet: [
        ("state=done", "done"),
        ("state=missed", "missed"),
        ("state=cancelled", "cancelled"),
        ("state=overdue", "overdue"),
        ("state=due_soon", "day-22 soon"),  # today + 7 days is still soon
        ("state=upcoming", "upcoming"),
        ("state=unknown", "undated unknown"),
        ("status=planned", "day-22 overdue undated upcoming"),
        ("agreement=plan", "day-22 overdue soon upcoming"),
        ("participant=ustr", "overdue soon"),
        ("due_after=2026-03-23", "day-22 soon upcoming"),  # day 22 has a date too
        ("due_before=2026-03-02", "missed unknown"),
        ("due_after=2026-03-23&due_before=2026-03-23", "day-22"),
        ("agreement=plan&state=due_soon&participant=ustr", "soon"),
    ],
    fs.EventFilterSet: [
        ("kind=summit", "summit"),
        ("participant=mexico", "meeting summit"),
        ("participant=japan", "meeting"),
        ("agreement=plan", "meeting summit"),
        ("starts_after=2026-02-04", "ministerial summit"),
        ("starts_before=2026-02-04", "meeting summit"),
        ("starts_after=2026-01-31&starts_before=2026-01-31", "meeting"),
    ],
    fs.MeasureFilterSet: [
        ("kind=price_floor", "floor"),
        ("stage=to_explore", "stock"),
        ("stage=unknown", "mapping"),
        ("agreement=plan", "floor stock"),
        ("mineral=lithium", "floor stock"),
        ("mineral=neodymium", ""),  # on the MoU's list, in none of its measures
        ("agreement=plan&stage=committed", "floor"),
    ],
    fs.ParticipantFilterSet: [
        ("kind=country", "japan mexico usa"),
        ("parent=usa", "usgs ustr"),
        ("agreement=plan", "mexico ustr"),  # ustr has two roles: one row
        ("agreement=review", ""),
        ("agreement=plan&kind=country", "mexico"),
    ],
    fs.MineralFilterSet: [
        ("group=battery", "cobalt lithium"),
        ("mineral_list=usgs-2025", "cobalt lithium"),  # lithium listed twice: one row
        ("agreement=plan", "cobalt lithium"),
        ("agreement=mou", "neodymium"),
        ("agreement=law", ""),
        ("agreement=plan&mineral_list=usgs-2022", "cobalt"),
    ],
    fs.MineralListFilterSet: [
        ("issuer=usgs", "usgs-2022 usgs-2025"),
        ("edition=2025", "statement usgs-2025"),
        ("stage=draft", "eu-2023"),
        ("mineral=lithium", "usgs-2025"),  # two entries, one row
        ("mineral=cobalt", "usgs-2022 usgs-2025"),
        ("issuer=usgs&edition=2022", "usgs-2022"),
    ],
    fs.DocumentFilterSet: [
        ("kind=press_release", "release"),
        ("language=es", "report"),
        ("publisher=USTR", "notice release"),  # in any case
        ("publisher=UST", ""),  # the whole name, not a part
        ("primary=true", "notice release"),
        ("primary=false", "analysis report"),
        ("published_after=2026-02-04", "analysis release"),
        ("published_before=2026-01-15", "report"),
        ("published_after=2026-01-15&published_before=2026-02-04", "release report"),
        ("agreement=mou", "notice report"),
        ("participant=mexico", "release report"),
        ("mineral=lithium", "release"),
        ("agreement=plan&primary=true&language=en", "release"),
    ],
}


def _cases(cases, *first) -> list:
    return [
        pytest.param(*first, dict(parse_qsl(query)), expected.split(), id=query or "none")
        for query, expected in cases
    ]


@pytest.mark.parametrize(
    ("filterset_class", "params", "expected"),
    [case for cls, cases in CASES.items() for case in _cases(cases, cls)],
)
def test_filter_selects_exactly_the_matching_records(world, filterset_class, params, expected):
    assert chosen(filterset_class, params, world) == expected


# --- Citations: their subjects are named by type and id ------------------------------------

# An agreement and a participant with the same id: the id alone matches both.
SHARED_ID = 1_900_000_001
OTHER_ID = 1_900_000_002

CITATION_CASES = [
    ("document=d1", "a a-window"),
    ("document=d2", "a-title b-window p"),
    ("subject_type=agreement", "a a-title a-window b-window"),
    ("subject_type=Participant", "p"),  # in any case
    (f"subject_id={SHARED_ID}", "a a-title a-window p"),
    (f"subject_id={SHARED_ID}&subject_type=participant", "p"),
    (f"subject_id={OTHER_ID}", "b-window"),
    ("subject_id=7", ""),
    ("field_name=window_days", "a-window b-window"),
    ("field_name=Window_days", ""),  # exactly
    ("document=d2&field_name=title", "a-title"),
]


@pytest.fixture
def cited(db) -> dict:
    a = f.AgreementFactory(pk=SHARED_ID, slug="cited-a")
    b = f.AgreementFactory(pk=OTHER_ID, slug="cited-b")
    p = f.ParticipantFactory(pk=SHARED_ID, slug="cited-p")
    d1, d2 = f.DocumentFactory(slug="d1"), f.DocumentFactory(slug="d2")
    citations = {
        name: f.CitationFactory(subject_record=subject, document=document, field_name=field)
        for name, subject, document, field in [
            ("a", a, d1, ""),
            ("a-window", a, d1, "window_days"),
            ("a-title", a, d2, "title"),
            ("p", p, d2, ""),
            ("b-window", b, d2, "window_days"),
        ]
    }
    return {m.Citation: citations}


@pytest.mark.parametrize(("params", "expected"), _cases(CITATION_CASES))
def test_citation_filters(cited, params, expected):
    assert chosen(fs.CitationFilterSet, params, cited) == expected


# --- Values a filter refuses -----------------------------------------------------------


def _filters(kind) -> list:
    return [
        pytest.param(cls, name, id=f"{cls.__name__}.{name}")
        for cls in FILTERSETS
        for name, spec in cls.base_filters.items()
        if isinstance(spec, kind)
    ]


@pytest.mark.parametrize(("filterset_class", "name"), _filters(django_filters.ChoiceFilter))
def test_an_unknown_choice_or_slug_is_an_error_not_an_empty_result(world, filterset_class, name):
    # Choices, `ordering` (a choice too), and related records by slug (ModelChoiceFilter).
    is_slug = isinstance(filterset_class.base_filters[name], django_filters.ModelChoiceFilter)
    message = NOT_A_CHOICE if is_slug else bad_choice("bogus")
    assert errors_of(filterset_class, {name: "bogus"}) == {name: [message]}


@pytest.mark.parametrize(("filterset_class", "name"), _filters(django_filters.DateFilter))
@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "yesterday"])
def test_a_date_that_is_not_one_is_an_error(filterset_class, name, value):
    assert errors_of(filterset_class, {name: value}) == {name: ["Enter a valid date."]}


RANGES = [
    pytest.param(cls, name.removesuffix("_after"), id=f"{cls.__name__}.{name}")
    for cls in FILTERSETS
    for name in cls.base_filters
    if name.endswith("_after")
]


@pytest.mark.parametrize(("filterset_class", "prefix"), RANGES)
def test_an_inverted_range_is_an_error_on_its_end(filterset_class, prefix):
    params = {f"{prefix}_after": "2026-03-02", f"{prefix}_before": "2026-03-01"}
    assert errors_of(filterset_class, params) == {f"{prefix}_before": [inverted(prefix)]}


AT_LEAST_ONE = "Ensure this value is greater than or equal to 1."
AT_MOST_9999 = "Ensure this value is less than or equal to 9999."
WHOLE = "Enter a whole number."


@pytest.mark.parametrize(
    ("filterset_class", "name", "value", "message"),
    [
        (fs.AgreementFilterSet, "year", "-2026", AT_LEAST_ONE),
        (fs.AgreementFilterSet, "year", "10000", AT_MOST_9999),
        (fs.AgreementFilterSet, "year", "2026.5", WHOLE),
        (fs.AgreementFilterSet, "year", "twenty", WHOLE),
        (fs.MineralListFilterSet, "edition", "-1", AT_LEAST_ONE),
        (fs.MineralListFilterSet, "edition", "1000000000", AT_MOST_9999),
        (fs.CitationFilterSet, "subject_id", "-5", AT_LEAST_ONE),
        (fs.CitationFilterSet, "subject_id", "0x10", WHOLE),
    ],
)
def test_whole_number_filters_refuse_what_is_not_one_in_bounds(
    filterset_class, name, value, message
):
    assert errors_of(filterset_class, {name: value}) == {name: [message]}


# --- updated_since, on every FilterSet ---------------------------------------------------

EDGE = dt.datetime(2026, 2, 4, 10, 0, tzinfo=dt.UTC)


def touch(record, moment: dt.datetime) -> None:
    """Set when the record was last changed (`auto_now` overrides a saved value)."""
    type(record).objects.filter(pk=record.pk).update(updated_at=moment)


@pytest.mark.parametrize("filterset_class", FILTERSETS)
@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2026-02-04T10:00:00Z", ["edge", "new"]),  # inclusive
        ("2026-02-04T11:30:00+01:30", ["edge", "new"]),  # the same instant
        ("2026-02-04T05:00:00-05:00", ["edge", "new"]),
        ("2026-02-04T10:00:00.000001Z", ["new"]),
        ("2026-02-04T09:59:59+00:00", ["edge", "new", "old"]),
        ("0311-01-03T23:51:25-16:49", ["edge", "new", "old"]),  # beyond PostgreSQL's offsets
    ],
)
def test_updated_since_selects_records_changed_at_or_after_the_instant(
    filterset_class, since, expected
):
    model = filterset_class._meta.model
    names = {}
    for name, seconds in [("old", -1), ("edge", 0), ("new", 86400)]:
        names[name] = getattr(f, f"{model.__name__}Factory")()
        touch(names[name], EDGE + dt.timedelta(seconds=seconds))
    assert chosen(filterset_class, {"updated_since": since}, {model: names}) == expected


@pytest.mark.parametrize("filterset_class", FILTERSETS)
@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("9999-12-31T23:00:00-05:00", "Enter a date and time between the years 1 and 9999."),
        ("0001-01-01T00:30:00+01:00", "Enter a date and time between the years 1 and 9999."),
        ("last tuesday", "Enter a valid date/time."),
    ],
)
def test_updated_since_out_of_range_or_unreadable_is_an_error(filterset_class, since, message):
    assert errors_of(filterset_class, {"updated_since": since}) == {"updated_since": [message]}


# --- ordering ------------------------------------------------------------------------------

# Each FilterSet with an ordering: its date's name there, and its factory's date field.
ORDERED = {
    fs.AgreementFilterSet: ("announced_on", f.AgreementFactory, "announced_on"),
    fs.MilestoneFilterSet: ("due", f.MilestoneFactory, "due_on"),
    fs.DocumentFilterSet: ("published_on", f.DocumentFactory, "published_on"),
}


@pytest.mark.parametrize("filterset_class", list(ORDERED))
@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("title", ["Alpha", "Bravo", "Charlie"]),
        ("-title", ["Charlie", "Bravo", "Alpha"]),
        ("DATE", ["Charlie", "Bravo", "Alpha"]),
        ("-DATE", ["Alpha", "Bravo", "Charlie"]),
        ("updated_at", ["Alpha", "Charlie", "Bravo"]),
        ("-updated_at", ["Bravo", "Charlie", "Alpha"]),
    ],
)
def test_ordering(today, filterset_class, key, expected):
    date_name, factory, date_field = ORDERED[filterset_class]
    for title, day, updated in [
        ("Bravo", D(2026, 1, 10), 3),
        ("Alpha", D(2026, 3, 1), 1),
        ("Charlie", D(2025, 6, 1), 2),
    ]:
        touch(factory(title=title, **{date_field: day}), EDGE + dt.timedelta(hours=updated))
    ordering = key.replace("DATE", date_name)
    model = filterset_class._meta.model
    filterset = filterset_class({"ordering": ordering}, queryset=model.objects.all())
    assert filterset.is_valid(), filterset.errors
    assert [record.title for record in filterset.qs] == expected


def test_every_filter_has_a_test():
    tested = {cls: {"updated_since"} for cls in FILTERSETS}
    for cls, cases in {**CASES, fs.CitationFilterSet: CITATION_CASES}.items():
        tested[cls] |= {name for query, _rows in cases for name, _value in parse_qsl(query)}
    for cls in ORDERED:
        tested[cls].add("ordering")
    assert {cls: set(cls.base_filters) for cls in FILTERSETS} == tested


# --- The same parameters on a page, in the API and in a download --------------------------


def _key(record) -> str:
    return getattr(record, "slug", None) or str(record.pk)


def _download(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    if url.split("?")[0].endswith(".json"):
        return json.loads(body)
    return list(csv.DictReader(io.StringIO(body, newline="")))


SURFACE_CASES = [
    ("agreements", "participant=ustr&announced_after=2026-02-04", "plan"),
    ("agreements", "ordering=title", "mou review law plan"),
    ("agreements", "ordering=-announced_on&year=2026", "law plan"),
    ("milestones", "state=due_soon", "day-22 soon"),
    ("milestones", "participant=ustr&ordering=-due", "soon overdue"),
    ("participants", "agreement=plan", "mexico ustr"),
    ("minerals", "agreement=plan", "cobalt lithium"),
    ("mineral-lists", "mineral=lithium&stage=final", "usgs-2025"),
    ("documents", "primary=true&publisher=ustr", "notice release"),
    ("agreements", "windowed=1", "plan"),
    ("documents", "primary=0&ordering=published_on", "report analysis"),
    ("documents", "published_after=2026-01-15&ordering=published_on", "report release analysis"),
    ("events", "starts_after=2026-02-04&starts_before=2026-03-10", "ministerial summit"),
]


@pytest.mark.usefixtures("api_test_settings")
@pytest.mark.parametrize(("name", "query", "expected"), SURFACE_CASES)
def test_page_api_and_downloads_select_the_same_rows(client, world, name, query, expected):
    identity = "id" if name == "milestones" else "slug"
    page = client.get(f"/{name}/?{query}")
    assert page.status_code == 200
    model = page.context["page_obj"].paginator.object_list.model
    key_of = {_key(record): label for label, record in world[model].items()}
    on_page = [_key(record) for record in page.context["page_obj"]]

    api = client.get(f"/api/v1/{name}/?{query}").json()
    assert api["count"] == len(api["results"])
    in_api = [str(row[identity]) for row in api["results"]]

    in_csv = [row[identity] for row in _download(client, f"/data/{name}.csv?{query}")]
    in_json = [str(row[identity]) for row in _download(client, f"/data/{name}.json?{query}")]

    if "ordering=" in query:  # the same order everywhere
        assert [key_of[key] for key in on_page] == expected.split()
        assert on_page == in_api == in_csv == in_json
    else:
        assert sorted(key_of[key] for key in on_page) == sorted(expected.split())
        assert sorted(on_page) == sorted(in_api) == sorted(in_csv) == sorted(in_json)


@pytest.mark.usefixtures("api_test_settings")
@pytest.mark.parametrize(
    ("name", "query", "field", "message"),
    [
        ("agreements", "kind=treaty", "kind", bad_choice("treaty")),
        ("agreements", "participant=nobody", "participant", NOT_A_CHOICE),
        ("agreements", "ordering=password", "ordering", bad_choice("password")),
        ("milestones", "state=late", "state", bad_choice("late")),
        ("mineral-lists", "edition=-5", "edition", AT_LEAST_ONE),
        ("events", "starts_after=2026-02-30", "starts_after", "Enter a valid date."),
        # A mistyped yes/no used to select every row on pages and in downloads.
        ("agreements", "windowed=perhaps", "windowed", "Use true or false."),
        ("documents", "primary=yes", "primary", "Use true or false."),
        (
            "documents",
            "published_after=2026-03-01&published_before=2026-02-01",
            "published_before",
            inverted("published"),
        ),
    ],
)
def test_an_invalid_value_is_a_400_naming_the_field_everywhere(
    client, world, name, query, field, message
):
    page = client.get(f"/{name}/?{query}")
    assert page.status_code == 400
    assert page.context["form"].errors[field] == [message]
    assert message in html.unescape(page.content.decode())
    assert list(page.context["page_obj"]) == []

    api = client.get(f"/api/v1/{name}/?{query}")
    assert (api.status_code, api.json()) == (400, {field: [message]})

    download = client.get(f"/data/{name}.csv?{query}")
    assert (download.status_code, download.content.decode()) == (400, f"{field}: {message}\n")


@pytest.mark.usefixtures("api_test_settings")
def test_updated_since_is_for_the_api_only(client, world):
    later = "2999-01-01T00:00:00Z"
    # The API applies it; the page ignores it; a download refuses it as unknown.
    assert client.get(f"/api/v1/agreements/?updated_since={later}").json()["results"] == []
    page = client.get(f"/agreements/?updated_since={later}")
    assert sorted(_key(a) for a in page.context["page_obj"]) == ["law", "mou", "plan", "review"]
    download = client.get(f"/data/agreements.csv?updated_since={later}")
    assert (download.status_code, download.content.decode()) == (
        400,
        "updated_since: Unknown parameter.\n",
    )


@pytest.mark.usefixtures("api_test_settings")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=mexic", ["law", "plan"]),
        ("search=mexic&kind=law", ["law"]),
        ("search=japan&kind=law", []),
    ],
)
def test_api_search_narrows_what_the_filters_select(client, world, query, expected):
    # No FilterSet has a search or q filter: the API adds `search` beside them.
    results = client.get(f"/api/v1/agreements/?{query}").json()["results"]
    assert sorted(row["slug"] for row in results) == expected


@pytest.mark.usefixtures("api_test_settings")
def test_a_list_filtered_by_a_mineral_it_names_twice_counts_each_entry_once(client, world):
    # usgs-2025 names lithium twice (two categories): the filter's join on entries must
    # not multiply the entry count.
    page = client.get("/mineral-lists/?mineral=lithium")
    assert [(row.slug, row.entry_count) for row in page.context["page_obj"]] == [("usgs-2025", 3)]
    rows = _download(client, "/data/mineral-lists.csv?mineral=lithium")
    assert [(row["slug"], row["entry_count"]) for row in rows] == [("usgs-2025", "3")]
