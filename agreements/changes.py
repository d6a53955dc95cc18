"""Reading history: the versions of a record, what each changed, and recent changes.

Every page of changes costs a fixed number of queries whatever its length: one UNION
ALL over the history tables counts and slices the page (newest first); then, per model
on the page, one query for its rows (each with the id of the version before it), one
for those earlier versions and one for the current records; one per model named in a
changed link; one for the editors who chose to be named.

Only public fields are shown: not ids, timestamps or the content hash, and a
document's full text only as its length (its versions page shows the text's changes).
Staff are named only when they have chosen so in their editor profile.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.history import citing
from agreements.history.recording import tracked_many_to_many

# Records whose changes are shown on another record's page: the link to it.
PARENTS: dict[type[models.Model], str] = {
    m.Participation: "agreement",
    m.Measure: "agreement",
    m.AgreementLink: "source",
    m.Milestone: "agreement",
    m.ParticipantAlias: "participant",
    m.MineralAlias: "mineral",
    m.MineralListEntry: "mineral_list",
}
# Records named by two others (their own __str__ would query for each).
PAIR_TITLES: dict[type[models.Model], tuple[str, str]] = {
    m.Participation: ("participant", "agreement"),
    m.AgreementLink: ("source", "target"),
    m.MineralListEntry: ("mineral", "mineral_list"),
}
HIDDEN_FIELDS = frozenset({"id", "created_at", "updated_at", "content_hash"})
# Shown as their length: the text itself is on the document's versions page.
LENGTH_ONLY = {m.Document: frozenset({"text"})}
LONG_VALUE = 2000
KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def tracked_models() -> list[type[models.Model]]:
    """Every model whose changes are kept, in a stable order."""
    return sorted(
        (
            model
            for model in apps.get_app_config("agreements").get_models()
            if issubclass(model, m.TrackedModel)
        ),
        key=lambda model: model._meta.model_name,
    )


def public_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a reader may see change, links included."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in HIDDEN_FIELDS and not field.primary_key
    ] + tracked_many_to_many(model)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass
class Change:
    """One history row of one record, with what it changed against the row before."""

    model: type[models.Model]
    row: models.Model
    previous: models.Model | None
    title: str
    url: str | None
    fields: list[FieldChange] = field(default_factory=list)
    editor: str = ""
    # The permanent page of this version, for records that have pages.
    version_url: str | None = None

    @property
    def version(self) -> int:
        return self.row.history_id

    @property
    def when(self) -> dt.datetime:
        return self.row.history_date

    @property
    def kind(self) -> str:
        return {"+": "created", "~": "changed", "-": "deleted"}[self.row.history_type]

    @property
    def kind_label(self) -> str:
        return KINDS[self.row.history_type]

    @property
    def type_label(self) -> str:
        return self.model._meta.verbose_name

    @property
    def reason(self) -> str:
        return self.row.history_change_reason or ""

    @property
    def via_label(self) -> str:
        return m.Via(self.row.history_via).label


# --- Which rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """History rows of one model, narrowed by a condition on their columns."""

    model: type[models.Model]
    condition: Q = field(default_factory=Q)


def record_sources(record: models.Model) -> list[Source]:
    """The record's own history, its parts' (participations, aliases…) and its citations."""
    sources = [Source(type(record), Q(id=record.pk))]
    for child, parent in PARENTS.items():
        if child._meta.get_field(parent).related_model is type(record):
            sources.append(Source(child, Q(**{f"{parent}_id": record.pk})))
    if isinstance(record, m.KBModel):
        content_type = ContentType.objects.get_for_model(record)
        sources.append(Source(m.Citation, Q(content_type_id=content_type.pk, object_id=record.pk)))
    return sources


def all_sources(models_shown: Iterable[type[models.Model]] | None = None) -> list[Source]:
    return [Source(model) for model in (models_shown or tracked_models())]


def _rows(sources: Sequence[Source], *, after: dt.datetime | None, before: dt.datetime | None):
    models_order = tracked_models()
    branches = []
    for source in sources:
        rows = source.model.history.filter(source.condition)
        if after is not None:
            rows = rows.filter(history_date__gte=after)
        if before is not None:
            rows = rows.filter(history_date__lt=before)
        branches.append(
            rows.order_by().values(
                "history_date",
                "history_id",
                model_index=Value(models_order.index(source.model)),
            )
        )
    first, *others = branches
    union = first.union(*others, all=True) if others else first
    return union.order_by("-history_date", "-history_id", "model_index")


def changes_page(
    sources: Sequence[Source],
    page_number=1,
    *,
    per_page: int = 50,
    after: dt.datetime | None = None,
    before: dt.datetime | None = None,
) -> Page:
    """One page of changes, newest first, as `Change`s."""
    page = Paginator(_rows(sources, after=after, before=before), per_page).get_page(page_number)
    page.object_list = materialise(list(page.object_list))
    return page


def versions_of(record: models.Model) -> models.QuerySet:
    """The record's own history rows, newest first."""
    return type(record).history.filter(id=record.pk).order_by("-history_date", "-history_id")


# --- Rows to changes ------------------------------------------------------------------------


class _Names:
    """Display names of records, fetched in one query per model (history for deleted ones)."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set[int]] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], int], str] = {}
        self.records: dict[tuple[type[models.Model], int], models.Model] = {}

    def want(self, model: type[models.Model], pk) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            pairs = PAIR_TITLES.get(model, ())
            found = model._default_manager.select_related(*pairs).in_bulk(pks)
            for pk, record in found.items():
                self.records[model, pk] = record
                self.names[model, pk] = _title_of(model, record, {})
            missing = pks - set(found)
            history = getattr(model, "history", None)
            if missing and history is not None:
                # Deleted since: the name it last had, reading only the naming columns.
                naming = [
                    field.attname
                    for field in model._meta.concrete_fields
                    if field.name in ("short_title", "title", "name", "document", *pairs)
                ]
                rows = history.filter(id__in=missing).only("id", "history_id", *naming)
                for row in rows.order_by("id", "-history_id"):
                    self.names.setdefault((model, row.id), _title_of(model, row, self.names))
        self.wanted.clear()

    def name(self, model: type[models.Model], pk) -> str:
        if pk is None:
            return ""
        return self.names.get((model, pk), f"#{pk}")

    def version_url(self, model: type[models.Model], row) -> str | None:
        record = self.records.get((model, row.id))
        return None if record is None else citing.history_path(record, row.history_id)

    def url(self, model: type[models.Model], pk) -> str | None:
        record = self.records.get((model, pk))
        if record is None or not hasattr(record, "get_absolute_url"):
            return None
        return record.get_absolute_url()


def _title_of(model: type[models.Model], record, names: dict) -> str:
    """A record's (or history row's) title, without a query where names are known."""
    if model in PAIR_TITLES:
        first, second = PAIR_TITLES[model]
        labels = []
        for name in (first, second):
            related = model._meta.get_field(name).related_model
            cached = record._state.fields_cache.get(name) if hasattr(record, "_state") else None
            if cached is not None:
                labels.append(str(cached))
            else:
                pk = getattr(record, f"{name}_id")
                labels.append(names.get((related, pk), f"#{pk}"))
        return " · ".join(labels)
    for name in ("short_title", "title", "name"):
        value = getattr(record, name, "")
        if value:
            return value
    if model is m.Citation:
        return str(_("Citation of document #%(id)s") % {"id": record.document_id})
    return f"#{record.pk}"


def _display(field: models.Field, value, names: _Names) -> str:
    if value is None or value == "":
        return ""
    if field.many_to_many:
        return "; ".join(sorted(names.name(field.related_model, pk) for pk in value))
    if field.is_relation:
        return names.name(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= LONG_VALUE else text[:LONG_VALUE] + "…"


def _value(row, field: models.Field):
    if field.many_to_many:
        links = row.history_relations
        return None if links is None else links.get(field.name)
    return getattr(row, field.attname)


def _want_names(model, row, names: _Names) -> None:
    for public in public_fields(model):
        value = _value(row, public)
        if public.many_to_many:
            for pk in value or ():
                names.want(public.related_model, pk)
        elif public.is_relation:
            names.want(public.related_model, value)


def field_changes(model, row, previous, names: _Names) -> list[FieldChange]:
    """What `row` changed against `previous` (everything set, for a creation)."""
    if row.history_type == "-":
        return []
    changes = []
    length_only = LENGTH_ONLY.get(model, frozenset())
    for public in public_fields(model):
        new = _value(row, public)
        old = None if previous is None else _value(previous, public)
        if public.many_to_many and (new is None or (previous is not None and old is None)):
            continue  # links not recorded on one side: nothing to compare
        if new == old or (previous is None and new in (None, "", [])):
            continue
        if public.name in length_only:
            old_text = "" if old is None else _("%(n)s characters") % {"n": len(old)}
            new_text = _("%(n)s characters") % {"n": len(new or "")}
            changes.append(
                FieldChange(
                    public.name, capfirst(public.verbose_name), str(old_text), str(new_text)
                )
            )
            continue
        changes.append(
            FieldChange(
                public.name,
                capfirst(public.verbose_name),
                _display(public, old, names),
                _display(public, new, names),
            )
        )
    return changes


@dataclass(frozen=True)
class FieldValue:
    label: str
    value: str


def version_fields(model: type[models.Model], row) -> list[FieldValue]:
    """Every public field of one history row, for reading a record as it stood."""
    names = _Names()
    _want_names(model, row, names)
    names.fetch()
    length_only = LENGTH_ONLY.get(model, frozenset())
    shown = []
    for public in public_fields(model):
        value = _value(row, public)
        if public.name in length_only:
            text = _("%(n)s characters") % {"n": len(value or "")}
        elif public.many_to_many and value is None:
            text = _("not recorded in this version")
        else:
            text = _display(public, value, names)
        shown.append(FieldValue(capfirst(public.verbose_name), str(text)))
    return shown


def version_title(model: type[models.Model], row) -> str:
    """The title a page-model record had in one version."""
    return _title_of(model, row, {})


def day_bounds(
    first: dt.date | None, last: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """From the start of `first` to the end of `last`, in the site's time zone."""

    def start(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    return (
        start(first) if first else None,
        start(last + dt.timedelta(days=1)) if last else None,
    )


def materialise(rows: list[dict]) -> list[Change]:
    """History rows (`history_id`, `model_index` as the UNION gives them) as `Change`s."""
    models_order = tracked_models()
    ids_by_model: dict[type[models.Model], list[int]] = defaultdict(list)
    for row in rows:
        ids_by_model[models_order[row["model_index"]]].append(row["history_id"])

    fetched: dict[tuple[type[models.Model], int], models.Model] = {}
    previous: dict[tuple[type[models.Model], int], models.Model] = {}
    names = _Names()
    for model, history_ids in ids_by_model.items():
        history = model.history.model
        earlier = history.objects.filter(
            id=OuterRef("id"), history_id__lt=OuterRef("history_id")
        ).order_by("-history_id")
        found = list(
            history.objects.filter(history_id__in=history_ids).annotate(
                previous_id=Subquery(earlier.values("history_id")[:1])
            )
        )
        before = history.objects.in_bulk([row.previous_id for row in found if row.previous_id])
        for row in found:
            fetched[model, row.history_id] = row
            if row.previous_id:
                previous[model, row.history_id] = before[row.previous_id]
            if hasattr(model, "get_absolute_url"):
                names.want(model, row.id)
            parent = PARENTS.get(model)
            if parent:
                names.want(
                    model._meta.get_field(parent).related_model, getattr(row, f"{parent}_id")
                )
            if model is m.Citation:
                names.want(m.Document, row.document_id)
            for version in (row, previous.get((model, row.history_id))):
                if version is not None:
                    _want_names(model, version, names)
    subjects = _citation_subjects(fetched)
    for model, pk in subjects.values():
        names.want(model, pk)
    names.fetch()
    editors = _editor_names({row.history_user_id for row in fetched.values()})

    changes = []
    for row in rows:
        model = models_order[row["model_index"]]
        version = fetched.get((model, row["history_id"]))
        if version is None:
            continue
        before = previous.get((model, version.history_id))
        changes.append(
            Change(
                model=model,
                row=version,
                previous=before,
                title=_change_title(model, version, names, subjects),
                url=_change_url(model, version, names, subjects),
                fields=field_changes(model, version, before, names),
                editor=editors.get(version.history_user_id, ""),
                version_url=names.version_url(model, version),
            )
        )
    return changes


def _citation_subjects(fetched) -> dict[int, tuple[type[models.Model], int]]:
    """history_id → (model, pk) of each citation row's subject."""
    subjects = {}
    for (model, history_id), row in fetched.items():
        if model is m.Citation:
            subject_model = ContentType.objects.get_for_id(row.content_type_id).model_class()
            if subject_model is not None:
                subjects[history_id] = (subject_model, row.object_id)
    return subjects


def _change_title(model, row, names: _Names, subjects) -> str:
    if model is m.Citation:
        subject = subjects.get(row.history_id)
        return str(
            _("%(document)s, cited for %(subject)s")
            % {
                "document": names.name(m.Document, row.document_id),
                "subject": names.name(*subject) if subject else "?",
            }
        )
    if model in PAIR_TITLES:
        return _title_of(model, row, names.names)
    return _title_of(model, row, {})


def _change_url(model, row, names: _Names, subjects) -> str | None:
    url = names.url(model, row.id)
    if url:
        return url
    if model in PARENTS:
        parent = PARENTS[model]
        return names.url(model._meta.get_field(parent).related_model, getattr(row, f"{parent}_id"))
    if model is m.Citation and row.history_id in subjects:
        subject_model, pk = subjects[row.history_id]
        return names.url(subject_model, pk)
    return None


def _editor_names(user_ids: set[int | None]) -> dict[int, str]:
    wanted = {pk for pk in user_ids if pk is not None}
    if not wanted:
        return {}
    return dict(
        m.EditorProfile.objects.filter(user_id__in=wanted, show_name=True).values_list(
            "user_id", "public_name"
        )
    )


# --- A document's text versions ------------------------------------------------------------


@dataclass(frozen=True)
class TextVersion:
    """One text of a document: a run of history rows with the same content hash."""

    number: int
    history_id: int
    recorded: dt.datetime
    content_hash: str
    length: int


def text_versions(document: m.Document) -> list[TextVersion]:
    """The document's texts, oldest first (an empty text is no version). One query."""
    rows = (
        m.Document.history.filter(id=document.pk)
        .exclude(history_type="-")
        .order_by("history_date", "history_id")
        .annotate(length=Length("text"))
        .values_list("history_id", "history_date", "content_hash", "length")
    )
    versions: list[TextVersion] = []
    for history_id, recorded, content_hash, length in rows:
        if content_hash and (not versions or versions[-1].content_hash != content_hash):
            versions.append(
                TextVersion(len(versions) + 1, history_id, recorded, content_hash, length)
            )
    return versions


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed", "gap"
    text: str


def text_diff(
    document: m.Document, version: TextVersion, previous: TextVersion | None
) -> list[DiffLine]:
    """What changed in the text from `previous` to `version`, line by line, with context."""
    texts = dict(
        m.Document.history.filter(
            history_id__in=[v.history_id for v in (version, previous) if v is not None]
        ).values_list("history_id", "text")
    )
    old = texts.get(previous.history_id, "").splitlines() if previous else []
    new = texts[version.history_id].splitlines()
    lines: list[DiffLine] = []
    for group in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_grouped_opcodes(2):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", line) for line in old[i1:i2]]
                continue
            lines += [DiffLine("removed", line) for line in old[i1:i2]]
            lines += [DiffLine("added", line) for line in new[j1:j2]]
    return lines
