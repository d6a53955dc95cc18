"""Cite this record: a stable reference to the exact version a reader saw.

Every version of a record has a permanent page (`…/history/<version>/`), so a citation
names the version number (its history row id), the date that version was made, the
permalink and the date of access: plain text, BibTeX and CSL-JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils import timezone

from agreements import record_types

PUBLISHER = "Minerals KB"


_BIBTEX_SPECIAL = re.compile(r"([{}&%$#_])")


def history_path(record: models.Model, version: int | None = None) -> str | None:
    """The record's history page, or one version's page; None for records without pages."""
    record_type = record_types.of(type(record))
    if record_type is None or not record_type.has_pages:
        return None
    kind, lookup = record_type.kind, getattr(record, record_type.lookup)
    if version is None:
        return reverse(f"history:{kind}", kwargs={"lookup": lookup})
    return reverse(f"history:{kind}-version", kwargs={"lookup": lookup, "version": version})


@dataclass(frozen=True)
class Reference:
    """A citation of one version of one record."""

    key: str
    title: str
    kind: str
    version: int
    version_date: dt.datetime
    url: str
    accessed: dt.date

    @property
    def _day(self) -> dt.date:
        return timezone.localtime(self.version_date).date()

    def text(self) -> str:
        def day(value: dt.date) -> str:
            return f"{value.day} {value:%B %Y}"

        return (
            f"{PUBLISHER}. “{self.title}” ({self.kind}), version {self.version} of "
            f"{day(self._day)}. {self.url} (accessed {day(self.accessed)})."
        )

    def bibtex(self) -> str:
        def escape(value: str) -> str:
            return _BIBTEX_SPECIAL.sub(r"\\\1", value)

        fields = [
            ("title", "{" + escape(self.title) + "}"),
            ("author", "{" + PUBLISHER + "}"),
            ("year", str(self._day.year)),
            ("month", self._day.strftime("%b").lower()),
            ("version", str(self.version)),
            ("howpublished", "\\url{" + self.url + "}"),
            ("url", self.url),
            ("urldate", self.accessed.isoformat()),
            ("note", escape(f"{self.kind}, version {self.version} of {self._day.isoformat()}")),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}"

    def csl_json(self) -> dict:
        def date_parts(day: dt.date) -> dict:
            return {"date-parts": [[day.year, day.month, day.day]]}

        return {
            "id": self.key,
            "type": "dataset",
            "title": self.title,
            "genre": self.kind,
            "author": [{"literal": PUBLISHER}],
            "publisher": PUBLISHER,
            "version": str(self.version),
            "issued": date_parts(self._day),
            "accessed": date_parts(self.accessed),
            "URL": self.url,
        }

    def csl_json_text(self) -> str:
        return json.dumps([self.csl_json()], ensure_ascii=False, indent=2)

    def as_dict(self) -> dict:
        return {
            "version": self.version,
            "version_date": self.version_date.isoformat(),
            "url": self.url,
            "text": self.text(),
            "bibtex": self.bibtex(),
            "csl_json": self.csl_json(),
        }


def api_reference(request, record: models.Model, row) -> Reference:
    """The reference to `row` for an API client: its page, or its API address if none."""
    path = history_path(record, row.history_id) or (
        f"{request.path.removesuffix('cite/')}?version={row.history_id}"
    )
    return reference(request, record, row, today=timezone.localdate(), path=path)


def reference(
    request, record: models.Model, row, *, today: dt.date, path: str | None = None
) -> Reference | None:
    """The reference to `row`, a history row of `record`; None without a version page."""
    path = path or history_path(record, row.history_id)
    if path is None:
        return None
    title = getattr(row, "title", "") or getattr(row, "name", "") or str(record)
    model_name = record._meta.model_name
    lookup = getattr(record, "slug", None) or record.pk
    return Reference(
        key=f"mineralskb-{model_name}-{lookup}-v{row.history_id}",
        title=title,
        kind=str(record._meta.verbose_name),
        version=row.history_id,
        version_date=row.history_date,
        url=request.build_absolute_uri(path),
        accessed=today,
    )


def latest_version(record: models.Model):
    """The record's newest history row: the version a page shows now."""
    return type(record).history.filter(id=record.pk).order_by("-history_id").first()
