"""Every write that carries a rule.

The admin, the API and management commands call these functions, so a rule holds
whichever way a change arrives. Each is keyword-only, atomic, validates with
`full_clean()` before saving, and records who made the change and why in the
record's history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from agreements.history.recording import relation_ids
from agreements.models import (
    Citation,
    CorrectionRequest,
    Document,
    Milestone,
    MilestoneStatus,
)
from agreements.search.index import index_record, unindex_record

M = TypeVar("M", bound=models.Model)


def _mark_history(instance: models.Model, *, by: AbstractBaseUser | None, reason: str) -> None:
    # django-simple-history reads these two attributes when it writes the history row.
    if by is not None:
        instance._history_user = by
    if reason:
        instance._change_reason = reason


@transaction.atomic
def record_save(
    *,
    instance: M,
    by: AbstractBaseUser | None = None,
    reason: str = "",
    exclude: list[str] | None = None,
    relations: Mapping[str, Iterable[models.Model]] | None = None,
) -> M:
    """Validate and save any knowledge-base record (create or update).

    `relations` sets many-to-many links (`{"minerals": [...]}`) in the same write; the
    history row records the links as they stand after it.
    """
    if isinstance(instance, Document):
        instance.content_hash = document_content_hash(instance.text)
    instance.full_clean(exclude=exclude)
    _mark_history(instance, by=by, reason=reason)
    instance.save()
    for name, records in (relations or {}).items():
        getattr(instance, name).set(records)
    links = relation_ids(instance)
    if links is not None:
        # The row simple-history has just written for this save.
        instance.history.filter(
            history_id=instance.history.order_by("-history_id").values("history_id")[:1]
        ).update(history_relations=links)
    index_record(instance)
    return instance


@transaction.atomic
def record_delete(
    *, instance: models.Model, by: AbstractBaseUser | None = None, reason: str = ""
) -> None:
    """Delete a record, refusing with a ValidationError when others depend on it."""
    _mark_history(instance, by=by, reason=reason)
    try:
        instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        dependants = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        blockers = sorted({str(obj._meta.verbose_name_plural) for obj in dependants})
        raise ValidationError(
            _("“%(record)s” cannot be deleted: %(blockers)s still refer to it.")
            % {"record": instance, "blockers": ", ".join(blockers)},
            code="protected",
        ) from exc
    unindex_record(instance)


def document_content_hash(text: str) -> str:
    """SHA-256 of a document's text, or blank when there is no text."""
    if not text:
        return ""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def milestone_complete(
    *,
    milestone: Milestone,
    completed_on: dt.date,
    by: AbstractBaseUser | None = None,
    outcome: str = "",
    reason: str = "",
) -> Milestone:
    """Mark a milestone done on `completed_on`, optionally recording what happened."""
    milestone.status = MilestoneStatus.DONE
    milestone.completed_on = completed_on
    if outcome:
        milestone.outcome = outcome
    return record_save(instance=milestone, by=by, reason=reason or _("Marked done"))


@transaction.atomic
def milestone_set_status(
    *,
    milestone: Milestone,
    status: str,
    by: AbstractBaseUser | None = None,
    outcome: str = "",
    reason: str = "",
) -> Milestone:
    """Set a milestone's status other than done; a completion date only goes with done."""
    if status == MilestoneStatus.DONE:
        raise ValidationError(
            {"status": _("Use milestone_complete to mark a milestone done, with its date.")}
        )
    milestone.status = status
    milestone.completed_on = None
    if outcome:
        milestone.outcome = outcome
    return record_save(instance=milestone, by=by, reason=reason)


@transaction.atomic
def citation_create(
    *,
    subject: models.Model,
    document: Document,
    field_name: str = "",
    locator: str = "",
    stated_value: str = "",
    quote: str = "",
    note: str = "",
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Citation:
    """Cite `document` for `subject` (or one of its fields), with what it states."""
    citation = Citation(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        field_name=field_name,
        document=document,
        locator=locator,
        stated_value=stated_value,
        quote=quote,
        note=note,
    )
    return record_save(instance=citation, by=by, reason=reason)


@transaction.atomic
def document_add(
    *,
    url: str,
    title: str,
    text: str = "",
    by: AbstractBaseUser | None = None,
    reason: str = "",
    **fields,
) -> tuple[Document, bool]:
    """Track the document at `url`, or record a new version of one already tracked.

    A document already tracked under this URL keeps its metadata; when `text` differs
    from its current text, the text is replaced and the earlier one stays in the
    document's history (its version list shows both, with their hashes). Returns the
    document and whether anything was written.
    """
    existing = Document.objects.select_for_update().filter(url=url).first() if url else None
    if existing is None:
        document = Document(url=url, title=title, text=text, **fields)
        return record_save(instance=document, by=by, reason=reason or _("Added")), True
    if document_content_hash(text) == existing.content_hash:
        return existing, False
    existing.text = text
    return (
        record_save(instance=existing, by=by, reason=reason or _("New version of the text")),
        True,
    )


@transaction.atomic
def correction_report(
    *, message: str, page: str = "", source: str = "", contact: str = ""
) -> CorrectionRequest:
    """Keep a reader's report of an error for the staff (validated, then saved)."""
    report = CorrectionRequest(page=page, message=message, source=source, contact=contact)
    report.full_clean()
    _mark_history(report, by=None, reason="Reported by a reader")
    report.save()
    return report
