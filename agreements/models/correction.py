"""Corrections: a reader tells the staff that something we say is wrong."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import HistoryDetails


class CorrectionStatus(models.TextChoices):
    NEW = "new", _("New")
    CORRECTED = "corrected", _("Corrected")
    NOT_AN_ERROR = "not_an_error", _("Not an error")


class CorrectionRequest(models.Model):
    """A reader's report of an error. Private: never on a public page, feed or download.

    What staff correct is public, on the corrected record's history, with the reason.
    """

    page = models.CharField(
        _("page"), max_length=500, blank=True, help_text=_("The page the reader was on.")
    )
    message = models.TextField(_("what is wrong"), max_length=4000)
    source = models.CharField(
        _("source"),
        max_length=1000,
        blank=True,
        help_text=_("Where the reader says the right fact is stated."),
    )
    contact = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CorrectionStatus.choices, default=CorrectionStatus.NEW
    )
    resolution = models.TextField(
        _("what we did"), blank=True, help_text=_("For staff: what was corrected, or why not.")
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(bases=[HistoryDetails])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d}: {self.message[:60]}"
