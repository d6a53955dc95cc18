"""Shared pieces of every knowledge-base record."""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TrackedModel(models.Model):
    """Timestamped and with full history, so no edit is ever lost.

    `updated_at` drives incremental sync and HTTP caching.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    history = HistoricalRecords(inherit=True)

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
