"""Shared pieces of every knowledge-base record."""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Via(models.TextChoices):
    """How a change arrived; stored on its history row beside the user."""

    ADMIN = "admin", _("the admin")
    API_TOKEN = "api-token", _("the API, with a token")
    API_SESSION = "api-session", _("the API, in a staff session")
    COMMAND = "command", _("a management command")
    DIRECT = "", _("a direct call")


class HistoryDetails(models.Model):
    """Columns every history row carries beyond django-simple-history's own.

    `history_relations` is the record's many-to-many links as they stood after the
    change (simple-history keeps only a table's own columns): `{field: [ids]}`, or null
    where the write that made the row did not record them (bulk loads, cascades).
    """

    history_via = models.CharField(
        _("changed through"), max_length=40, choices=Via.choices, blank=True, default=""
    )
    history_command = models.CharField(
        _("command"), max_length=60, blank=True, default="", help_text=_("For a command.")
    )
    history_relations = models.JSONField(_("links after the change"), null=True, blank=True)

    class Meta:
        abstract = True


class TrackedModel(models.Model):
    """Timestamped and with full history, so no edit is ever lost.

    `updated_at` drives incremental sync and HTTP caching.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    history = HistoricalRecords(inherit=True, bases=[HistoryDetails])

    class Meta:
        abstract = True


class KBModel(TrackedModel):
    """A citable record: it, or one of its fields, can be linked to the documents stating it."""

    citations = GenericRelation("agreements.Citation")

    class Meta:
        abstract = True


def citable_models() -> list[type[KBModel]]:
    """Every model whose records (or fields) a citation may point at."""
    return [
        model
        for model in apps.get_app_config("agreements").get_models()
        if issubclass(model, KBModel)
    ]


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other")
