"""Reading history: one record's versions, each with its fields and what it changed.

Only public fields are shown: not ids, timestamps or the content hash, and a
document's full text only as its length (its versions page shows the text's changes).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Length
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.history.names import Names, title_of
from agreements.history.recording import tracked_many_to_many

HIDDEN_FIELDS = frozenset({"id", "created_at", "updated_at", "content_hash"})
# Shown as their length: the text itself is on the document's versions page.
LENGTH_ONLY = {m.Document: frozenset({"text"})}
LONG_VALUE = 2000
KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


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


def versions_of(record: models.Model) -> models.QuerySet:
    """The record's own history rows, newest first."""
    return type(record).history.filter(id=record.pk).order_by("-history_date", "-history_id")


def _display(field: models.Field, value, names: Names) -> str:
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


def want_names(model, row, names: Names) -> None:
    for public in public_fields(model):
        value = _value(row, public)
        if public.many_to_many:
            for pk in value or ():
                names.want(public.related_model, pk)
        elif public.is_relation:
            names.want(public.related_model, value)


def field_changes(model, row, previous, names: Names) -> list[FieldChange]:
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
    names = Names()
    want_names(model, row, names)
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
    return title_of(model, row, {})


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
