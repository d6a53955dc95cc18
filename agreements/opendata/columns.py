"""The columns of the list downloads: one list per record type.

Columns are declared once per list and shared by both formats and by the data dictionary
on /data/. Related records appear as slugs and names; dates are ISO 8601; a choice is its
code with a `…_label` column in words; computed states (a milestone's state, a window's
phase) are as of the day of the download.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.selectors.dated import DatedItem
from agreements.timeline import MilestoneState


@dataclass(frozen=True)
class ExportContext:
    """What every row of one download shares: the day states are computed for, and the
    site's origin for absolute page URLs."""

    today: dt.date
    origin: str

    def url(self, record: models.Model) -> str:
        return self.origin + record.get_absolute_url()


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Any, ExportContext], Any]
    description: str | Promise


# --- Columns ---------------------------------------------------------------------------


def field_meaning(model: type[models.Model], name: str) -> str | Promise:
    """A field's verbose name, then its help text when it has one."""
    model_field = model._meta.get_field(name)
    label = capfirst(model_field.verbose_name)
    if model_field.help_text:
        return format_lazy("{}. {}", label, model_field.help_text)
    return label


def _field(model: type[models.Model], name: str) -> Column:
    return Column(name, lambda record, ctx: getattr(record, name), field_meaning(model, name))


def _fields(model: type[models.Model], *names: str) -> list[Column]:
    return [_field(model, name) for name in names]


@functools.cache
def _choice_labels(model: type[models.Model], name: str, language: str) -> dict[str, str]:
    # `get_FOO_display()` rebuilds its mapping on every call: a third of a download's time.
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


def _choice(model: type[models.Model], name: str) -> list[Column]:
    """The stored code, then its label in the reader's language."""
    verbose = model._meta.get_field(name).verbose_name

    def label(record, ctx):
        code = getattr(record, name)
        return _choice_labels(model, name, get_language()).get(code, code)

    return [
        _field(model, name),
        Column(f"{name}_label", label, format_lazy(_("{} in words"), capfirst(verbose))),
    ]


def _one(name: str, attr: str, *, label: str, what: str | Promise) -> list[Column]:
    """A linked record as its slug and its name (`label` is the attribute to show)."""

    def related(record):
        return getattr(record, attr)

    return [
        Column(
            name,
            lambda record, ctx: getattr(related(record), "slug", None),
            format_lazy(_("{} (slug)"), what),
        ),
        Column(
            f"{name}_{label}",
            lambda record, ctx: getattr(related(record), label, None),
            format_lazy(_("{} ({})"), what, label),
        ),
    ]


def _unique(records: Iterable[models.Model]) -> list[models.Model]:
    """Prefetched records in order, each once (a participant with two roles, a mineral
    listed in two categories)."""
    return list({record.pk: record for record in records}.values())


def _many(
    name: str,
    records: Callable[[Any], Iterable],
    *,
    label: str,
    label_column: str,
    what: str | Promise,
) -> list[Column]:
    """Linked records as a list of slugs and a list of names (or titles), in one order."""
    return [
        Column(
            name,
            lambda record, ctx: [item.slug for item in _unique(records(record))],
            format_lazy(_("{} (slugs)"), what),
        ),
        Column(
            label_column,
            lambda record, ctx: [getattr(item, label) for item in _unique(records(record))],
            format_lazy(_("{} ({}s)"), what, label),
        ),
    ]


def _page_and_change() -> list[Column]:
    return [
        Column("url", lambda record, ctx: ctx.url(record), _("The record's page on this site.")),
        Column(
            "updated_at",
            lambda record, ctx: record.updated_at,
            _("When the record last changed (ISO 8601, UTC)."),
        ),
    ]


def _window(record: m.Agreement, ctx: ExportContext):
    return record.window_status(ctx.today)


AGREEMENT_COLUMNS = (
    *_fields(m.Agreement, "slug", "title", "short_title"),
    *_choice(m.Agreement, "kind"),
    *_choice(m.Agreement, "status"),
    *_choice(m.Agreement, "binding"),
    *_fields(
        m.Agreement,
        "announced_on",
        "signed_on",
        "in_force_on",
        "ended_on",
        "window_start",
        "window_days",
    ),
    Column(
        "deadline",
        lambda record, ctx: record.deadline,
        _("The window's deadline: its start plus its length in days."),
    ),
    Column(
        "window_phase",
        lambda record, ctx: getattr(_window(record, ctx), "phase", None),
        _("Where the window stands on the day of the download: before, open or closed."),
    ),
    Column(
        "window_label",
        lambda record, ctx: getattr(_window(record, ctx), "label", None),
        _("The same in words: “starts in N days”, “day N of M”, “closed N days ago”."),
    ),
    *_many(
        "participants",
        lambda record: (p.participant for p in record.participations.all()),
        label="name",
        label_column="participant_names",
        what=_("Participants, any role"),
    ),
    _field(m.Agreement, "summary"),
    *_page_and_change(),
)

MILESTONE_COLUMNS = (
    Column(
        "id",
        lambda record, ctx: record.pk,
        _("The milestone's id (its page is /milestones/<id>/)."),
    ),
    _field(m.Milestone, "title"),
    *_one("agreement", "agreement", label="title", what=_("Agreement")),
    *_fields(m.Milestone, "due_on", "due_day"),
    Column(
        "due_date",
        lambda record, ctx: record.due_date,
        _("The date it is due: the due date, or the window's start plus the due day."),
    ),
    Column(
        "state",
        lambda record, ctx: record.state,
        _(
            "Its state on the day of the download: done, missed, cancelled, overdue, "
            "due_soon, upcoming or unknown."
        ),
    ),
    Column(
        "state_label",
        lambda record, ctx: MilestoneState(record.state).label,
        _("The state in words."),
    ),
    *_choice(m.Milestone, "status"),
    *_fields(m.Milestone, "completed_on", "outcome"),
    *_many(
        "responsible",
        lambda record: record.responsible.all(),
        label="name",
        label_column="responsible_names",
        what=_("Participants responsible"),
    ),
    Column(
        "evidence",
        lambda record, ctx: [document.slug for document in record.evidence.all()],
        _("Documents giving evidence of the outcome (slugs)."),
    ),
    _field(m.Milestone, "description"),
    *_page_and_change(),
)

PARTICIPANT_COLUMNS = (
    *_fields(m.Participant, "slug", "name", "short_name"),
    *_choice(m.Participant, "kind"),
    *_one("parent", "parent", label="name", what=_("Part of")),
    *_fields(m.Participant, "title", "country_code", "website"),
    Column(
        "aliases",
        lambda record, ctx: [alias.name for alias in record.aliases.all()],
        _("Other names: in Spanish, acronyms, former names."),
    ),
    Column(
        "agreement_count",
        lambda record, ctx: record.agreement_count,
        _("How many agreements it takes part in."),
    ),
    _field(m.Participant, "description"),
    *_page_and_change(),
)

MINERAL_COLUMNS = (
    *_fields(m.Mineral, "slug", "name", "symbol"),
    *_choice(m.Mineral, "group"),
    Column(
        "aliases",
        lambda record, ctx: [alias.name for alias in record.aliases.all()],
        _("Other names and spellings."),
    ),
    Column(
        "list_count",
        lambda record, ctx: record.list_count,
        _("How many mineral lists include it."),
    ),
    Column(
        "lists",
        lambda record, ctx: [item.slug for item in _unique(record.mineral_lists.all())],
        _("The mineral lists that include it (slugs)."),
    ),
    _field(m.Mineral, "description"),
    *_page_and_change(),
)

MINERAL_LIST_COLUMNS = (
    *_fields(m.MineralList, "slug", "name"),
    *_one("issuer", "issuer", label="name", what=_("Issuer")),
    _field(m.MineralList, "edition"),
    *_choice(m.MineralList, "stage"),
    *_fields(m.MineralList, "published_on", "legal_reference"),
    Column(
        "entry_count",
        lambda record, ctx: record.entry_count,
        _("How many entries the list has."),
    ),
    *_many(
        "minerals",
        lambda record: (entry.mineral for entry in record.entries.all()),
        label="name",
        label_column="mineral_names",
        what=_("Minerals on the list"),
    ),
    Column(
        "previous_edition",
        lambda record, ctx: getattr(record.previous_edition, "slug", None),
        _("The edition this one follows (slug)."),
    ),
    *_one("agreement", "agreement", label="title", what=_("The agreement it belongs to")),
    _field(m.MineralList, "summary"),
    *_page_and_change(),
)

DOCUMENT_COLUMNS = (
    *_fields(m.Document, "slug", "title"),
    Column("source_url", lambda record, ctx: record.url, field_meaning(m.Document, "url")),
    *_fields(m.Document, "archived_url", "no_address_reason"),
    *_fields(m.Document, "publisher", "author", "published_on"),
    *_choice(m.Document, "language"),
    *_choice(m.Document, "kind"),
    _field(m.Document, "is_primary"),
    _field(m.Document, "summary"),
    *_many(
        "agreements",
        lambda record: record.mentioned_agreements.all(),
        label="title",
        label_column="agreement_titles",
        what=_("Agreements mentioned"),
    ),
    *_many(
        "participants",
        lambda record: record.mentioned_participants.all(),
        label="name",
        label_column="participant_names",
        what=_("Participants mentioned"),
    ),
    *_many(
        "minerals",
        lambda record: record.mentioned_minerals.all(),
        label="name",
        label_column="mineral_names",
        what=_("Minerals mentioned"),
    ),
    *_page_and_change(),
)

EVENT_COLUMNS = (
    *_fields(m.Event, "slug", "title"),
    *_choice(m.Event, "kind"),
    *_fields(m.Event, "starts_on", "ends_on", "location", "attendance"),
    *_many(
        "participants",
        lambda record: record.participants.all(),
        label="name",
        label_column="participant_names",
        what=_("Participants"),
    ),
    *_many(
        "agreements",
        lambda record: record.agreements.all(),
        label="title",
        label_column="agreement_titles",
        what=_("Agreements"),
    ),
    _field(m.Event, "summary"),
    *_page_and_change(),
)


def _timeline_agreement(item: DatedItem) -> m.Agreement | None:
    return item.record if item.kind == "agreement" else item.context


TIMELINE_COLUMNS = (
    Column("date", lambda item, ctx: item.date, _("The date.")),
    Column(
        "kind",
        lambda item, ctx: item.kind,
        _("What is dated: agreement, milestone, event or document."),
    ),
    Column("kind_label", lambda item, ctx: item.kind_label, _("The same in words.")),
    Column(
        "what",
        lambda item, ctx: item.what,
        _("What happened on the date: announced, signed, due, published…"),
    ),
    Column("title", lambda item, ctx: item.title, _("The record's title.")),
    Column("url", lambda item, ctx: ctx.url(item.record), _("The record's page on this site.")),
    Column(
        "agreement",
        lambda item, ctx: getattr(_timeline_agreement(item), "slug", None),
        _("The agreement, for an agreement's date or a milestone (slug)."),
    ),
    Column(
        "agreement_title",
        lambda item, ctx: getattr(_timeline_agreement(item), "title", None),
        _("The agreement's title."),
    ),
)
