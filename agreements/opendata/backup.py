"""Backup and restore of the whole knowledge base, history and citations included.

The file is a Django fixture (JSON) of every table of the `agreements` app, with natural
foreign keys so content types and users are matched by name rather than by database id.
Export streams rows through `dumpdata` (a queryset iterator, so memory stays flat as rows
grow); import goes through `loaddata`, whose raw saves keep timestamps and write no new
history — the history comes from the file. Users appear only as the usernames that made
changes; on import, missing ones are created inactive with no usable password. Passwords,
API tokens and sessions are never exported.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.serializers import sort_dependencies
from django.db import transaction

from agreements.search.index import rebuild_index

APP_LABEL = "agreements"
# Derived from the records and rebuilt on import, so not in the file.
NOT_EXPORTED = (f"{APP_LABEL}.searchentry",)
# Left out of the public dataset too: who the editors are is theirs to publish.
NOT_PUBLISHED = (
    *NOT_EXPORTED,
    f"{APP_LABEL}.editorprofile",
    # Readers' reports and their contact addresses are private.
    f"{APP_LABEL}.correctionrequest",
    f"{APP_LABEL}.historicalcorrectionrequest",
)


def kb_models(*, include_auto_created: bool = False) -> list:
    return list(
        apps.get_app_config(APP_LABEL).get_models(include_auto_created=include_auto_created)
    )


def kb_is_empty() -> bool:
    return not any(model._default_manager.exists() for model in kb_models())


def export_kb(path: Path | str, *, public: bool = False) -> None:
    """Write the whole knowledge base to `path` (JSON, streamed).

    `public` leaves out who made each change and the editors' profiles (the dataset
    anyone may download); the staff backup keeps them.
    """
    call_command(
        "dumpdata",
        APP_LABEL,
        format="kb-public-json" if public else "json",
        natural_foreign=True,
        output=str(path),
        verbosity=0,
        exclude=list(NOT_PUBLISHED if public else NOT_EXPORTED),
    )


def _clear_kb() -> None:
    # Raw deletes skip cascades and history; foreign keys are checked at commit, by
    # which time every table of the app is empty.
    ordered = sort_dependencies([(apps.get_app_config(APP_LABEL), None)])
    auto_created = [m for m in kb_models(include_auto_created=True) if m not in ordered]
    for model in auto_created + list(reversed(ordered)):
        model._default_manager.all()._raw_delete(model._default_manager.db)


def _ensure_users(path: Path | str) -> int:
    with open(path, encoding="utf-8") as handle:
        rows = json.load(handle)
    # Users appear as the editors named in history rows and as editor profiles' owners.
    usernames = {
        row["fields"][name][0]
        for row in rows
        for name in ("history_user", "user")
        if row["fields"].get(name)
    }
    User = get_user_model()
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    for username in sorted(usernames - existing):
        user = User(username=username, is_active=False)
        user.set_unusable_password()
        user.save()
    return len(usernames - existing)


@transaction.atomic
def import_kb(path: Path | str, *, replace: bool = False) -> int:
    """Restore the knowledge base from `path`; returns the number of users created.

    Refuses a database that already holds knowledge-base records unless `replace`.
    """
    if not kb_is_empty():
        if not replace:
            raise ValidationError(
                "The database already holds knowledge-base records: import into an empty "
                "database, or pass --replace to delete them first.",
                code="not_empty",
            )
        _clear_kb()
    created_users = _ensure_users(path)
    call_command("loaddata", str(path), verbosity=0)
    # loaddata saves raw rows, past the services that keep the search index.
    rebuild_index()
    return created_users
