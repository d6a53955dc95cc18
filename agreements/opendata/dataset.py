"""The whole knowledge base as one file, and the data dictionary that explains it.

The file is the `export_kb` backup (backup.py) in its public form: a Django
fixture of every record, with its history and citations, that names no editor (who made
a change stays in the staff backup; the history pages credit editors who choose it).
`build()` stores it through Django's storage API (`default_storage`, chosen in settings
from the environment), so every process on every host serves the same file and none
keeps state of its own.

A build writes two files under DATASET_DIR that are never changed afterwards: the data,
then a small manifest (name, size, SHA-256, build time) once the data is complete.
Readers take the newest manifest that reads; the build before it is kept, so a download
that started earlier can finish. A build whose content equals the current one writes
nothing, so building again is cheap and changes nothing.

The data dictionary is read from the models (`_meta`: verbose names, help texts,
choices, blank), so it describes whatever the file holds today, and only that: not the
editor profiles the file leaves out, nor the history's `history_user`, which every
history row has and the file always leaves null.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.opendata import backup, public_json

DATASET_DIR = "dataset"
KEEP_BUILDS = 2
_DATA_PREFIX = "minerals-kb-"
_MANIFEST_PREFIX = "manifest-"
_STAMP = re.compile(r"-(\d{8}T\d{12}Z)-")
# Models whose records the public file leaves out, and the history fields it always
# leaves null: it names no editor.
NOT_IN_FILE = backup.NOT_PUBLISHED
NULL_IN_FILE = public_json.NULLED_FIELDS


@dataclass(frozen=True)
class DatasetFile:
    """One built file: where it is in storage, its size, its SHA-256 and when it was built."""

    name: str
    size: int
    sha256: str
    built_at: dt.datetime

    @property
    def filename(self) -> str:
        """The name a download is saved under."""
        return f"minerals-kb-{self.built_at.astimezone(dt.UTC):%Y-%m-%d}.json"

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "built_at": self.built_at.astimezone(dt.UTC).isoformat(),
        }


@dataclass(frozen=True)
class Build:
    dataset: DatasetFile
    changed: bool


def _files(storage: Storage, prefix: str) -> list[str]:
    """This directory's files named `prefix…`, newest first (names start with the time)."""
    try:
        _directories, files = storage.listdir(DATASET_DIR)
    except FileNotFoundError:
        return []
    return sorted((name for name in files if name.startswith(prefix)), reverse=True)


def _read_manifest(storage: Storage, filename: str) -> DatasetFile | None:
    try:
        with storage.open(f"{DATASET_DIR}/{filename}", "rb") as handle:
            data = json.load(handle)
        return DatasetFile(
            name=data["name"],
            size=int(data["size"]),
            sha256=data["sha256"],
            built_at=dt.datetime.fromisoformat(data["built_at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        # Being written by a build this instant, or damaged: an older one stands.
        return None


def current(storage: Storage | None = None) -> DatasetFile | None:
    """The newest complete build, or None when none has been built."""
    storage = storage or default_storage
    for filename in _files(storage, _MANIFEST_PREFIX):
        dataset = _read_manifest(storage, filename)
        if dataset is not None:
            return dataset
    return None


def _digest(path: Path) -> tuple[int, str]:
    sha256 = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            sha256.update(block)
            size += len(block)
    return size, sha256.hexdigest()


def build(*, storage: Storage | None = None, now: dt.datetime | None = None) -> Build:
    """Export the knowledge base and store it, unless it equals the current build."""
    storage = storage or default_storage
    now = now or timezone.now()
    with tempfile.TemporaryDirectory(prefix="minerals-kb-") as scratch:
        # dumpdata writes to a path: a scratch file, gone when the build ends. The
        # storage holds the only copy anyone reads.
        path = Path(scratch) / "kb.json"
        backup.export_kb(path, public=True)
        size, sha256 = _digest(path)
        latest = current(storage)
        if latest is not None and latest.sha256 == sha256:
            return Build(latest, changed=False)
        stamp = f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%S%fZ}-{sha256[:12]}"
        with path.open("rb") as handle:
            name = storage.save(f"{DATASET_DIR}/{_DATA_PREFIX}{stamp}.json", File(handle))
    dataset = DatasetFile(name=name, size=size, sha256=sha256, built_at=now)
    manifest = json.dumps(dataset.as_json(), indent=2).encode()
    storage.save(f"{DATASET_DIR}/{_MANIFEST_PREFIX}{stamp}.json", ContentFile(manifest))
    _prune(storage)
    return Build(dataset, changed=True)


def _prune(storage: Storage) -> None:
    """Delete all but the newest KEEP_BUILDS builds, and data no kept manifest names
    that is older than them (left by a build that stopped half way)."""
    manifests = _files(storage, _MANIFEST_PREFIX)
    kept = [_read_manifest(storage, filename) for filename in manifests[:KEEP_BUILDS]]
    for filename in manifests[KEEP_BUILDS:]:
        storage.delete(f"{DATASET_DIR}/{filename}")
    kept_names = {dataset.name for dataset in kept if dataset is not None}
    stamps = [_STAMP.search(filename) for filename in manifests[:KEEP_BUILDS]]
    oldest_kept = min((found.group(1) for found in stamps if found), default=None)
    for filename in _files(storage, _DATA_PREFIX):
        name = f"{DATASET_DIR}/{filename}"
        stamp = _STAMP.search(filename)
        # A newer file may be a build in progress whose manifest is not written yet.
        if name not in kept_names and stamp and oldest_kept and stamp.group(1) < oldest_kept:
            storage.delete(name)


# --- The data dictionary ---------------------------------------------------------------


class Required(models.TextChoices):
    YES = "yes", gettext_lazy("Yes")
    NO = "no", gettext_lazy("No")
    AUTOMATIC = "automatic", gettext_lazy("Set automatically")


@dataclass(frozen=True)
class FieldEntry:
    name: str
    type: str
    meaning: str
    choices: list[tuple[str, str]]
    required: Required


@dataclass(frozen=True)
class ModelEntry:
    key: str  # as the file names it: "agreements.agreement"
    label: str
    description: str
    fields: list[FieldEntry]

    @property
    def anchor(self) -> str:
        return self.key.replace(".", "-")


def _model_key(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _type(field: models.Field) -> str:
    target = field.related_model
    if field.many_to_many:
        through = field.remote_field.through
        if through._meta.auto_created:
            return _("list of %(model)s ids") % {"model": target._meta.verbose_name}
        return _("not in the record: one %(through)s record per link") % {
            "through": through._meta.verbose_name
        }
    if target is ContentType:
        return _("record type, as [app, model]")
    if field.is_relation:
        return _("%(model)s id") % {"model": target._meta.verbose_name}
    if field.primary_key:
        return _("whole number: the record's id (“pk” in the file)")
    if field.choices:
        return _("code (one of the choices)")
    for kind, words in _TYPE_WORDS:
        if isinstance(field, kind):
            return words() % {"max_length": field.max_length}
    # Any other field type: Django's own description of it.
    return str(field.description) % field.__dict__


_TYPE_WORDS = (
    (models.SlugField, lambda: _("slug: letters, digits and hyphens, up to %(max_length)s")),
    (models.URLField, lambda: _("web address, up to %(max_length)s characters")),
    (models.CharField, lambda: _("text, up to %(max_length)s characters")),
    (models.TextField, lambda: _("text")),
    (models.DateTimeField, lambda: _("date and time, ISO 8601")),
    (models.DateField, lambda: _("date, YYYY-MM-DD")),
    (models.BooleanField, lambda: _("true or false")),
    (models.DecimalField, lambda: _("decimal number, written as text")),
    (models.PositiveIntegerField, lambda: _("whole number, 0 or more")),
    (models.PositiveSmallIntegerField, lambda: _("whole number, 0 or more")),
    (models.PositiveBigIntegerField, lambda: _("whole number, 0 or more")),
    (models.IntegerField, lambda: _("whole number")),
)


def _required(field: models.Field) -> Required:
    automatic = field.primary_key or not field.editable
    if automatic or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return Required.AUTOMATIC
    return Required.NO if field.blank or field.null else Required.YES


def _meaning(field: models.Field) -> str:
    parts = [str(capfirst(field.verbose_name))]
    if field.help_text:
        parts.append(str(field.help_text))
    default = field.default if field.has_default() and not callable(field.default) else ""
    if default not in ("", None):
        if isinstance(default, bool):
            default = "true" if default else "false"
        shown = dict(field.flatchoices).get(default, default)
        parts.append(_("Default: %(value)s") % {"value": shown})
    return ". ".join(part.rstrip(".") for part in parts) + "."


def describe_field(field: models.Field) -> FieldEntry:
    return FieldEntry(
        name=field.name,
        type=_type(field),
        meaning=_meaning(field),
        choices=[(str(value), str(label)) for value, label in field.flatchoices],
        required=_required(field),
    )


def _described_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a record has: columns and many-to-many links, in declaration order."""
    return [*model._meta.concrete_fields, *model._meta.many_to_many]


def _summary(model: type[models.Model]) -> str:
    doc = inspect.getdoc(model) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


def _is_history(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type")  # simple-history's historical models


def public_models() -> list[type[models.Model]]:
    """The models whose records the file holds, history tables aside."""
    return [
        model
        for model in backup.kb_models()
        if _model_key(model) not in NOT_IN_FILE and not _is_history(model)
    ]


def history_models() -> list[type[models.Model]]:
    return [model for model in backup.kb_models() if _is_history(model)]


def data_dictionary() -> list[ModelEntry]:
    """Every public model, by verbose name, with every field it has."""
    entries = [
        ModelEntry(
            key=_model_key(model),
            label=str(capfirst(model._meta.verbose_name)),
            description=_summary(model),
            fields=[describe_field(field) for field in _described_fields(model)],
        )
        for model in public_models()
    ]
    return sorted(entries, key=lambda entry: entry.label)


@dataclass(frozen=True)
class HistoryEntry:
    """What every history table holds: the record's fields as they were, and these."""

    tables: list[tuple[str, str]]  # (history table's key, the model it keeps)
    fields: list[FieldEntry]
    always_null: tuple[str, ...]  # in every row, never filled: who made the change


def history_dictionary() -> HistoryEntry:
    tables = [(_model_key(h), _model_key(h.instance_type)) for h in history_models()]
    sample = history_models()[0]
    own = {field.name for field in _described_fields(sample.instance_type)}
    fields = [
        describe_field(field)
        for field in sample._meta.concrete_fields
        if field.name not in own and field.name not in NULL_IN_FILE
    ]
    return HistoryEntry(tables=sorted(tables), fields=fields, always_null=NULL_IN_FILE)
