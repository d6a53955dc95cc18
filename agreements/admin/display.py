"""How the admin shows a date, a milestone's state and a link to a record."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html

from agreements.models import Milestone
from agreements.timeline import MilestoneState


def date(value):
    # Readonly fields print a date as is; localise it as the change lists do.
    return formats.localize(value) if value else None


def state_label(milestone: Milestone) -> str | None:
    """The annotated state's label; a blank row has none yet.

    A milestone read through `get_queryset` carries the `state` annotation; an old
    version shown for reverting does not, so the model works it out.
    """
    if milestone.pk is None:
        return None
    state = getattr(milestone, "state", None) or milestone.state_on(timezone.localdate())
    return MilestoneState(state).label


def admin_link(obj) -> str:
    if obj is None:
        return "-"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, obj)
