"""How changes are recorded beside django-simple-history.

Recording: the entry points say how a change arrives (`recording(via=…)`: the admin,
the API, a command); `fill_history_details` writes it on every history row made
meanwhile, cascaded deletes included. `relation_ids` is the record's many-to-many
links, which `services.record_save` stores on the row it made (simple-history keeps
only a table's own columns).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models

from agreements.models import Via


@dataclass(frozen=True)
class Channel:
    via: str = Via.DIRECT
    command: str = ""


_channel: contextvars.ContextVar[Channel | None] = contextvars.ContextVar(
    "kb_history_channel", default=None
)


@contextlib.contextmanager
def recording(*, via: str, command: str = "") -> Iterator[None]:
    """Every history row written inside says it came through `via` (and `command`)."""
    token = _channel.set(Channel(via=via, command=command))
    try:
        yield
    finally:
        _channel.reset(token)


def fill_history_details(sender, history_instance, **kwargs) -> None:
    """simple-history's pre_create_historical_record: how the change arrived."""
    channel = _channel.get() or Channel()
    history_instance.history_via = channel.via
    history_instance.history_command = channel.command


def tracked_many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    """The many-to-many fields whose links live only in a join table.

    Links through a model of ours (agreement links, list entries) have their own history.
    """
    return [
        field for field in model._meta.many_to_many if field.remote_field.through._meta.auto_created
    ]


def relation_ids(instance: models.Model) -> dict[str, list[int]] | None:
    """`{field: sorted ids}` of the record's own many-to-many links, or None without any."""
    fields = tracked_many_to_many(type(instance))
    if not fields:
        return None
    return {
        field.name: sorted(getattr(instance, field.name).values_list("pk", flat=True))
        for field in fields
    }
