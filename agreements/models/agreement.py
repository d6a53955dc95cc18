"""Agreements: any instrument, from a joint statement to a treaty, and their links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import timeline

from .base import KBModel

# A century: longer than any instrument's window, short enough for date arithmetic.
MAX_WINDOW_DAYS = 36500


@dataclass(frozen=True)
class KeyDate:
    """One of the dates an instrument has, and how each surface names it."""

    field: str
    slug: str  # in identifiers, e.g. a calendar entry's
    label: str  # on its own: "Signed"
    phrase: str  # after the instrument's name: "… signed"


# The one list of an agreement's own dates, in their order on a day (the window's
# start and deadline are not among them: a plan's window is dated apart).
KEY_DATES = (
    KeyDate("announced_on", "announced", _("Announced"), _("announced")),
    KeyDate("signed_on", "signed", _("Signed"), _("signed")),
    KeyDate("in_force_on", "in-force", _("Entered into force"), _("enters into force")),
    KeyDate("ended_on", "ended", _("Ended"), _("ends")),
)


class AgreementKind(models.TextChoices):
    TRADE_AGREEMENT = "trade_agreement", _("Trade agreement")
    PLURILATERAL_AGREEMENT = "plurilateral_agreement", _("Plurilateral agreement")
    ACTION_PLAN = "action_plan", _("Action plan")
    FRAMEWORK = "framework", _("Framework")
    MOU = "mou", _("Memorandum of understanding")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    PROCLAMATION = "proclamation", _("Proclamation")
    NOTICE = "notice", _("Notice")
    LAW = "law", _("Law or decree")
    INITIATIVE = "initiative", _("Initiative or forum")
    REVIEW = "review", _("Review")


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ANNOUNCED = "announced", _("Announced")
    IN_NEGOTIATION = "in_negotiation", _("In negotiation")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    CONCLUDED = "concluded", _("Concluded")
    LAPSED = "lapsed", _("Lapsed")
    SUPERSEDED = "superseded", _("Superseded")
    UNKNOWN = "unknown", _("Unknown")


class Binding(models.TextChoices):
    YES = "yes", _("Binding")
    NO = "no", _("Not binding")
    UNKNOWN = "unknown", _("Binding status unknown")


class AgreementQuerySet(models.QuerySet):
    def windowed(self):
        return self.filter(window_start__isnull=False)

    def covering(self, mineral):
        """Agreements with a measure covering `mineral`, or a list of theirs naming it.

        The one definition of "covers" for filters, pages, calendars and feeds; the
        joins can repeat a row, so callers use `.distinct()` or `.values("pk")`.
        """
        return self.filter(
            Q(measures__minerals=mineral) | Q(mineral_lists__entries__mineral=mineral)
        )


class Agreement(KBModel):
    """An instrument: trade agreement, action plan, framework, MoU, notice, law…

    A plan may have a window: it opens on `window_start` (day 0) and its deadline is
    day `window_days`. Dates are those the instrument has; each may be cited.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(_("short title"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=AgreementKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.ANNOUNCED,
    )
    binding = models.CharField(
        _("binding"), max_length=10, choices=Binding.choices, default=Binding.UNKNOWN
    )
    summary = models.TextField(_("summary"), blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    window_start = models.DateField(
        _("window starts"), null=True, blank=True, help_text=_("Day 0 of the window.")
    )
    window_days = models.PositiveIntegerField(
        _("window length (days)"),
        validators=[MaxValueValidator(MAX_WINDOW_DAYS)],
        null=True,
        blank=True,
        help_text=_("The deadline is day N, counted from the start."),
    )
    related = models.ManyToManyField(
        "self", through="AgreementLink", symmetrical=False, related_name="+", blank=True
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(window_start__isnull=True, window_days__isnull=True)
                    | Q(window_start__isnull=False, window_days__isnull=False)
                ),
                name="agreement_window_complete",
                violation_error_message=_("A window needs both a start date and a length in days."),
            ),
            models.CheckConstraint(
                condition=Q(window_days__isnull=True) | Q(window_days__gte=1),
                name="agreement_window_days_positive",
                violation_error_message=_("A window lasts at least one day."),
            ),
            models.CheckConstraint(
                condition=Q(window_days__isnull=True) | Q(window_days__lte=MAX_WINDOW_DAYS),
                name="agreement_window_days_at_most_a_century",
                violation_error_message=_("A window lasts at most 36,500 days."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(signed_on__isnull=True)
                    | Q(in_force_on__isnull=True)
                    | Q(in_force_on__gte=models.F("signed_on"))
                ),
                name="agreement_in_force_after_signed",
                violation_error_message=_(
                    "An agreement cannot enter into force before it is signed."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(announced_on__isnull=True)
                    | Q(ended_on__isnull=True)
                    | Q(ended_on__gte=models.F("announced_on"))
                ),
                name="agreement_ended_after_announced",
                violation_error_message=_("An agreement cannot end before it is announced."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # A constraint cannot see the milestones that count days of this window.
        if self._state.adding:
            return
        counted = self.milestones.filter(due_day__isnull=False)
        if not self.has_window:
            if counted.exists():
                raise ValidationError(
                    {
                        "window_start": _(
                            "Milestones are due on days of this window: keep it, "
                            "or give them dates first."
                        )
                    }
                )
        elif counted.filter(due_day__gt=self.window_days).exists():
            raise ValidationError(
                {
                    "window_days": _("Some milestones are due after day %(days)d: move them first.")
                    % {"days": self.window_days}
                }
            )

    @property
    def has_window(self) -> bool:
        return self.window_start is not None and self.window_days is not None

    @property
    def deadline(self) -> dt.date | None:
        if not self.has_window:
            return None
        return timeline.window_deadline(self.window_start, self.window_days)

    def window_status(self, today: dt.date) -> timeline.WindowStatus | None:
        if not self.has_window:
            return None
        return timeline.window_status(start=self.window_start, length=self.window_days, today=today)

    @property
    def window_now(self) -> timeline.WindowStatus | None:
        """The window as of today, for templates and serializers."""
        return self.window_status(timezone.localdate())


class AgreementLinkKind(models.TextChoices):
    LEADS_TO = "leads_to", _("leads to")
    IMPLEMENTS = "implements", _("implements")
    SUCCEEDS = "succeeds", _("succeeds")
    PART_OF = "part_of", _("is part of")
    RELATED = "related", _("is related to")


class AgreementLink(KBModel):
    """A typed, directed link: `source` leads to / implements / succeeds… `target`."""

    source = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementLinkKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["source", "kind", "target"]
        verbose_name = _("agreement link")
        verbose_name_plural = _("agreement links")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="agreement_link_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="agreement_link_not_self",
                violation_error_message=_("An agreement cannot be linked to itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"
