"""Milestones: an agreement's commitments and deadlines."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import timeline
from agreements.timeline import MilestoneState

from .agreement import MAX_WINDOW_DAYS
from .base import KBModel


class AddDays(models.Func):
    """`date + n days` as a date, on SQLite and PostgreSQL."""

    output_field = models.DateField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        # date + integer is a date in PostgreSQL.
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" + ", **extra_context
        )


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")
    UNKNOWN = "unknown", _("Unknown")


class MilestoneQuerySet(models.QuerySet):
    def with_due_date(self):
        """Annotate `due_date`: `due_on`, else the window start plus `due_day` days."""
        return self.annotate(
            due_date=Coalesce(
                F("due_on"),
                AddDays(F("agreement__window_start"), F("due_day")),
                output_field=models.DateField(),
            )
        )

    def involving(self, participant):
        """Milestones of the agreements `participant` takes part in, and those it is
        responsible for: the one definition for the timeline's filter and the calendars.
        By `pk__in`, so a milestone selected both ways, or through several rows, counts
        once."""
        involved = self.model.objects.filter(
            Q(responsible=participant) | Q(agreement__participations__participant=participant)
        )
        return self.filter(pk__in=involved.values("pk"))

    def with_revision(self):
        """Annotate `revised_at`: when what the milestone shows last changed.

        A milestone due on day N of its agreement's window moves when the window does, so
        an edit of the agreement revises it too; a milestone with a date of its own, or
        none, is revised only by its own edits.
        """
        return self.annotate(
            revised_at=Case(
                When(
                    due_day__isnull=False,
                    then=Greatest(F("updated_at"), F("agreement__updated_at")),
                ),
                default=F("updated_at"),
                output_field=models.DateTimeField(),
            )
        )

    def with_state(self, today: dt.date):
        """Annotate `state`, the SQL twin of `timeline.milestone_state`."""
        soon = today + dt.timedelta(days=timeline.DUE_SOON_DAYS)
        return self.with_due_date().annotate(
            state=Case(
                When(status=MilestoneStatus.DONE, then=Value(MilestoneState.DONE.value)),
                When(status=MilestoneStatus.MISSED, then=Value(MilestoneState.MISSED.value)),
                When(status=MilestoneStatus.CANCELLED, then=Value(MilestoneState.CANCELLED.value)),
                When(due_date__isnull=True, then=Value(MilestoneState.UNKNOWN.value)),
                When(
                    due_date__lt=today,
                    status=MilestoneStatus.UNKNOWN,
                    then=Value(MilestoneState.UNKNOWN.value),
                ),
                When(due_date__lt=today, then=Value(MilestoneState.OVERDUE.value)),
                When(due_date__lte=soon, then=Value(MilestoneState.DUE_SOON.value)),
                default=Value(MilestoneState.UPCOMING.value),
                output_field=models.CharField(),
            )
        )


class Milestone(KBModel):
    """A commitment or deadline of an agreement, due on a date or on day N of its window."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_day = models.PositiveIntegerField(
        _("due on day"),
        validators=[MaxValueValidator(MAX_WINDOW_DAYS)],
        null=True,
        blank=True,
        help_text=_("Day N of the agreement's window, instead of a date."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("What happened, as the sources report it.")
    )
    responsible = models.ManyToManyField(
        "agreements.Participant",
        related_name="milestones",
        blank=True,
        verbose_name=_("responsible"),
    )
    evidence = models.ManyToManyField(
        "agreements.Document",
        related_name="evidence_for",
        blank=True,
        verbose_name=_("evidence"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "position", "due_on", "due_day", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_day__isnull=True) | Q(due_day__lte=MAX_WINDOW_DAYS),
                name="milestone_due_day_at_most_a_century",
                violation_error_message=_("A day of a window is at most 36,500."),
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_day__isnull=True),
                name="milestone_due_date_or_day",
                violation_error_message=_("Give a due date or a day of the window, not both."),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status=MilestoneStatus.DONE),
                name="milestone_completed_only_when_done",
                violation_error_message=_("Only a done milestone has a completion date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=MilestoneStatus.DONE) | Q(completed_on__isnull=False),
                name="milestone_done_has_completed_on",
                violation_error_message=_("A done milestone needs its completion date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:milestone-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # A constraint cannot look at the agreement's row.
        if self.due_day is not None and self.agreement_id and not self.agreement.has_window:
            raise ValidationError(
                {"due_day": _("This agreement has no window: give a due date instead.")}
            )
        if (
            self.due_day is not None
            and self.agreement_id
            and self.agreement.has_window
            and self.due_day > self.agreement.window_days
        ):
            raise ValidationError(
                {
                    "due_day": _("Day %(day)d is after the window's last day (%(last)d).")
                    % {"day": self.due_day, "last": self.agreement.window_days}
                }
            )

    @property
    def due_date(self) -> dt.date | None:
        # An annotated `due_date` (see MilestoneQuerySet.with_due_date) takes precedence.
        if "due_date" in self.__dict__:
            return self.__dict__["due_date"]
        return timeline.milestone_due_date(
            due_on=self.due_on,
            due_day=self.due_day,
            window_start=self.agreement.window_start if self.due_day is not None else None,
        )

    @due_date.setter
    def due_date(self, value: dt.date | None) -> None:
        self.__dict__["due_date"] = value

    def state_on(self, today: dt.date) -> MilestoneState:
        return timeline.milestone_state(status=self.status, due=self.due_date, today=today)

    @property
    def state_now(self) -> MilestoneState:
        return self.state_on(timezone.localdate())
