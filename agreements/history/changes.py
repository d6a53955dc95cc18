"""Reading history: recent changes, the whole site's or one record's, as `Change`s.

Every page of changes costs a fixed number of queries whatever its length: one UNION
ALL over the history tables counts and slices the page (newest first); then, per model
on the page, one query for its rows (each with the id of the version before it), one
for those earlier versions and one for the current records; one per model named in a
changed link; one for the editors who chose to be named.

Staff are named only when they have chosen so in their editor profile.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements import record_types
from agreements.history.names import Names, title_of
from agreements.history.versions import KINDS, FieldChange, field_changes, want_names


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
    for child in record_types.RECORD_TYPES:
        parent = child.shown_on
        if parent and child.model._meta.get_field(parent).related_model is type(record):
            sources.append(Source(child.model, Q(**{f"{parent}_id": record.pk})))
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


# --- Rows to changes ------------------------------------------------------------------------


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
    names = Names()
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
            parent = record_types.shown_on(model)
            if parent:
                names.want(
                    model._meta.get_field(parent).related_model, getattr(row, f"{parent}_id")
                )
            if model is m.Citation:
                names.want(m.Document, row.document_id)
            for version in (row, previous.get((model, row.history_id))):
                if version is not None:
                    want_names(model, version, names)
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


def _change_title(model, row, names: Names, subjects) -> str:
    if model is m.Citation:
        subject = subjects.get(row.history_id)
        return str(
            _("%(document)s, cited for %(subject)s")
            % {
                "document": names.name(m.Document, row.document_id),
                "subject": names.name(*subject) if subject else "?",
            }
        )
    if record_types.name_joins(model):
        return title_of(model, row, names.names)
    return title_of(model, row, {})


def _change_url(model, row, names: Names, subjects) -> str | None:
    url = names.url(model, row.id)
    if url:
        return url
    parent = record_types.shown_on(model)
    if parent:
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
