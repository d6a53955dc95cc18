"""One FilterSet per model, shared by the public list pages and the API.

Parameter names are the public contract: the same `?kind=…&participant=…` works on
/agreements/ and /api/v1/agreements/. Related records are filtered by slug.
Date ranges are `<name>_after` / `<name>_before` (inclusive); an inverted range is
a validation error, never an empty result.
"""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from agreements import models as m
from agreements.forms import KBFilterForm, StrictNullBooleanField
from agreements.timeline import MILESTONE_STATE_LABELS


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date and time, as the same instant in UTC: any offset is a valid
    instant, but PostgreSQL refuses offsets beyond ±15:59 ("0311-01-03T23:51:25-16:49")."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(dt.UTC)
        except OverflowError:  # the instant falls outside years 1 to 9999
            raise forms.ValidationError(
                _("Enter a date and time between the years 1 and 9999."), code="invalid"
            ) from None


class UTCIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField


# Filters for API clients syncing changes, not readers: pages and downloads leave them out.
API_ONLY_FILTERS = frozenset({"updated_since"})


class BooleanFilter(filters.BooleanFilter):
    """Yes or no, refusing any other word (django-filter's reads it as no filter)."""

    field_class = StrictNullBooleanField


class KBFilterSet(filters.FilterSet):
    """Base: incremental sync by `updated_since`, and the range check."""

    updated_since = UTCIsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Updated since (ISO 8601)")
    )

    class Meta:
        form = KBFilterForm


class WholeNumberFilter(filters.NumberFilter):
    """A whole number within bounds; decimals and out-of-range values are form errors."""

    field_class = forms.IntegerField


def _year_filter(field_name: str, label, **kwargs) -> WholeNumberFilter:
    # Dates only go up to year 9999; a larger year must be refused, not reach SQL.
    return WholeNumberFilter(
        field_name=field_name, label=label, min_value=1, max_value=9999, **kwargs
    )


def _slug_filter(field_name: str, queryset, label) -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=queryset,
        to_field_name="slug",
        label=label,
        distinct=True,
    )


class AgreementFilterSet(KBFilterSet):
    kind = filters.ChoiceFilter(choices=m.AgreementKind.choices, label=_("Kind"))
    status = filters.ChoiceFilter(choices=m.AgreementStatus.choices, label=_("Status"))
    binding = filters.ChoiceFilter(choices=m.Binding.choices, label=_("Binding"))
    participant = _slug_filter(
        "participations__participant", m.Participant.objects.all(), _("Participant")
    )
    mineral = filters.ModelChoiceFilter(
        queryset=m.Mineral.objects.all(),
        to_field_name="slug",
        label=_("Mineral"),
        method="filter_mineral",
    )
    year = _year_filter("announced_on", _("Year"), lookup_expr="year")
    announced_after = filters.DateFilter(
        field_name="announced_on", lookup_expr="gte", label=_("Announced on or after")
    )
    announced_before = filters.DateFilter(
        field_name="announced_on", lookup_expr="lte", label=_("Announced on or before")
    )
    windowed = BooleanFilter(
        field_name="window_start",
        lookup_expr="isnull",
        exclude=True,
        label=_("Has a window"),
    )
    ordering = filters.OrderingFilter(
        fields=(("announced_on", "announced_on"), ("title", "title"), ("updated_at", "updated_at")),
        label=_("Sort by"),
    )

    class Meta(KBFilterSet.Meta):
        model = m.Agreement
        fields = []

    @extend_schema_field(OpenApiTypes.STR)  # the query parameter is the mineral's slug
    def filter_mineral(self, queryset, name, value):
        return queryset.covering(value).distinct()


class ParticipationFilterSet(KBFilterSet):
    agreement = _slug_filter("agreement", m.Agreement.objects.all(), _("Agreement"))
    participant = _slug_filter("participant", m.Participant.objects.all(), _("Participant"))
    role = filters.ChoiceFilter(choices=m.ParticipationRole.choices, label=_("Role"))

    class Meta(KBFilterSet.Meta):
        model = m.Participation
        fields = []


class MilestoneFilterSet(KBFilterSet):
    state = filters.ChoiceFilter(
        choices=[(state.value, label) for state, label in MILESTONE_STATE_LABELS.items()],
        method="filter_state",
        label=_("State"),
    )
    status = filters.ChoiceFilter(choices=m.MilestoneStatus.choices, label=_("Recorded status"))
    agreement = _slug_filter("agreement", m.Agreement.objects.all(), _("Agreement"))
    participant = _slug_filter("responsible", m.Participant.objects.all(), _("Responsible"))
    due_after = filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due on or after")
    )
    due_before = filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due on or before")
    )
    ordering = filters.OrderingFilter(
        fields=(("due_date", "due"), ("title", "title"), ("updated_at", "updated_at")),
        label=_("Sort by"),
    )

    class Meta(KBFilterSet.Meta):
        model = m.Milestone
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        # `due_date` and `state` are annotations, as of today; the filters use them.
        queryset = m.Milestone.objects.all() if queryset is None else queryset
        super().__init__(data, queryset.with_state(timezone.localdate()), **kwargs)

    def filter_state(self, queryset, name, value):
        return queryset.filter(state=value)


class EventFilterSet(KBFilterSet):
    kind = filters.ChoiceFilter(choices=m.EventKind.choices, label=_("Kind"))
    participant = _slug_filter("participants", m.Participant.objects.all(), _("Participant"))
    agreement = _slug_filter("agreements", m.Agreement.objects.all(), _("Agreement"))
    starts_after = filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("On or after")
    )
    starts_before = filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("On or before")
    )

    class Meta(KBFilterSet.Meta):
        model = m.Event
        fields = []


class MeasureFilterSet(KBFilterSet):
    kind = filters.ChoiceFilter(choices=m.MeasureKind.choices, label=_("Kind"))
    stage = filters.ChoiceFilter(choices=m.MeasureStage.choices, label=_("Stage"))
    agreement = _slug_filter("agreement", m.Agreement.objects.all(), _("Agreement"))
    mineral = _slug_filter("minerals", m.Mineral.objects.all(), _("Mineral"))

    class Meta(KBFilterSet.Meta):
        model = m.Measure
        fields = []


class ParticipantFilterSet(KBFilterSet):
    kind = filters.ChoiceFilter(choices=m.ParticipantKind.choices, label=_("Kind"))
    parent = _slug_filter("parent", m.Participant.objects.all(), _("Part of"))
    agreement = _slug_filter("participations__agreement", m.Agreement.objects.all(), _("Agreement"))

    class Meta(KBFilterSet.Meta):
        model = m.Participant
        fields = []


class MineralFilterSet(KBFilterSet):
    group = filters.ChoiceFilter(choices=m.MineralGroup.choices, label=_("Group"))
    mineral_list = _slug_filter(
        "list_entries__mineral_list", m.MineralList.objects.all(), _("On list")
    )
    agreement = filters.ModelChoiceFilter(
        queryset=m.Agreement.objects.all(),
        to_field_name="slug",
        label=_("Agreement"),
        method="filter_agreement",
    )

    class Meta(KBFilterSet.Meta):
        model = m.Mineral
        fields = []

    # A type hint, not `extend_schema_field`: the API schema then gives the parameter as a
    # string (the slug) described by its label.
    def filter_agreement(self, queryset, name, value: m.Agreement):
        # The minerals the agreement covers, by `covering()`'s one definition: each mineral
        # tested in a subquery, so no join repeats a row.
        covers = m.Agreement.objects.covering(OuterRef("pk")).filter(pk=value.pk)
        return queryset.filter(Exists(covers))


class MineralListFilterSet(KBFilterSet):
    issuer = _slug_filter("issuer", m.Participant.objects.all(), _("Issuer"))
    edition = _year_filter("edition", _("Edition (year)"))
    stage = filters.ChoiceFilter(choices=m.MineralListStage.choices, label=_("Stage"))
    mineral = _slug_filter("entries__mineral", m.Mineral.objects.all(), _("Includes mineral"))

    class Meta(KBFilterSet.Meta):
        model = m.MineralList
        fields = []


class DocumentFilterSet(KBFilterSet):
    kind = filters.ChoiceFilter(choices=m.DocumentKind.choices, label=_("Kind"))
    language = filters.ChoiceFilter(choices=m.Language.choices, label=_("Language"))
    publisher = filters.CharFilter(lookup_expr="iexact", label=_("Publisher"))
    primary = BooleanFilter(field_name="is_primary", label=_("Primary sources only"))
    published_after = filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("Published on or after")
    )
    published_before = filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("Published on or before")
    )
    agreement = _slug_filter(
        "mentioned_agreements", m.Agreement.objects.all(), _("Mentions agreement")
    )
    participant = _slug_filter(
        "mentioned_participants", m.Participant.objects.all(), _("Mentions participant")
    )
    mineral = _slug_filter("mentioned_minerals", m.Mineral.objects.all(), _("Mentions mineral"))
    ordering = filters.OrderingFilter(
        fields=(("published_on", "published_on"), ("title", "title"), ("updated_at", "updated_at")),
        label=_("Sort by"),
    )

    class Meta(KBFilterSet.Meta):
        model = m.Document
        fields = []


class CitationFilterSet(KBFilterSet):
    document = _slug_filter("document", m.Document.objects.all(), _("Document"))
    subject_type = filters.CharFilter(
        field_name="content_type__model", lookup_expr="iexact", label=_("Record type")
    )
    subject_id = WholeNumberFilter(field_name="object_id", label=_("Record id"), min_value=1)
    field_name = filters.CharFilter(label=_("Field"))

    class Meta(KBFilterSet.Meta):
        model = m.Citation
        fields = []
