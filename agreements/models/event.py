"""Events: dated happenings that are not commitments (ministerials, summits, meetings)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import KBModel


class EventKind(models.TextChoices):
    MINISTERIAL = "ministerial", _("Ministerial")
    SUMMIT = "summit", _("Summit")
    MEETING = "meeting", _("Meeting")
    CONFERENCE = "conference", _("Conference")
    ANNOUNCEMENT = "announcement", _("Announcement")
    PUBLICATION = "publication", _("Publication")
    OTHER = "other", _("Other")


class EventQuerySet(models.QuerySet):
    def with_related(self):
        return self.prefetch_related("participants", "agreements")


class Event(KBModel):
    """A dated happening: a ministerial, a summit, a meeting, a publication."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    attendance = models.CharField(
        _("attendance"),
        max_length=200,
        blank=True,
        help_text=_("Who or how many attended, as the sources state it."),
    )
    participants = models.ManyToManyField(
        "agreements.Participant",
        related_name="events",
        blank=True,
        verbose_name=_("participants"),
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement",
        related_name="events",
        blank=True,
        verbose_name=_("agreements"),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:event-detail", kwargs={"slug": self.slug})
