"""The inline forms: a record's parts, links and citations edited on its own page."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.admin import display
from agreements.admin.base import TRACKING_FIELDS
from agreements.admin.citations import CitableContentTypeMixin, with_subjects
from agreements.models import (
    AgreementLink,
    Citation,
    Measure,
    Milestone,
    MineralAlias,
    MineralListEntry,
    ParticipantAlias,
    Participation,
)


class CitationInline(GenericTabularInline):
    """The documents that state this record, or one of its fields."""

    model = Citation
    fields = ("field_name", "document", "locator", "stated_value", "quote", "note")
    autocomplete_fields = ("document",)
    extra = 0
    verbose_name = _("citation")
    verbose_name_plural = _("citations: the documents stating this record")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "field_name":
            # Offer the record's own fields, so a citation cannot name a field it lacks.
            return forms.ChoiceField(
                label=db_field.verbose_name,
                choices=self._field_choices(),
                required=False,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _field_choices(self):
        opts = self.parent_model._meta
        fields = [
            field
            for field in [*opts.concrete_fields, *opts.many_to_many]
            if not field.primary_key and field.name not in TRACKING_FIELDS
        ]
        return [("", _("— the record as a whole —"))] + [
            (field.name, field.verbose_name) for field in fields
        ]


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ("participant", "role", "note")
    autocomplete_fields = ("participant",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = (
        "title",
        "due_on",
        "due_day",
        "due_date_display",
        "status",
        "completed_on",
        "state_label",
        "position",
    )
    readonly_fields = ("due_date_display", "state_label")
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).with_state(timezone.localdate())

    @admin.display(description=_("due"))
    def due_date_display(self, obj):
        return display.date(obj.due_date)

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return display.state_label(obj)


class MeasureInline(admin.StackedInline):
    model = Measure
    fields = (
        ("kind", "stage", "position"),
        "title",
        "description",
        "minerals",
        ("price_floor_amount", "price_floor_currency", "price_floor_unit"),
    )
    autocomplete_fields = ("minerals",)
    extra = 0
    show_change_link = True


class AgreementLinkInline(admin.TabularInline):
    model = AgreementLink
    fk_name = "source"
    fields = ("kind", "target", "note")
    autocomplete_fields = ("target",)
    extra = 0
    verbose_name = _("link to another agreement")
    verbose_name_plural = _("links to other agreements")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("target")


class ParticipantAliasInline(admin.TabularInline):
    model = ParticipantAlias
    fields = ("name", "language")
    extra = 0


class MineralAliasInline(admin.TabularInline):
    model = MineralAlias
    fields = ("name", "language")
    extra = 0


class MineralListEntryInline(admin.TabularInline):
    model = MineralListEntry
    fields = ("mineral", "name_as_listed", "category", "change", "note")
    autocomplete_fields = ("mineral",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("mineral")


class DocumentCitationInline(CitableContentTypeMixin, admin.TabularInline):
    """The facts this document is cited for."""

    model = Citation
    fk_name = "document"
    fields = (
        "content_type",
        "object_id",
        "subject_link",
        "field_name",
        "locator",
        "stated_value",
        "quote",
    )
    readonly_fields = ("subject_link",)
    extra = 0
    verbose_name = _("fact this document states")
    verbose_name_plural = _("facts this document states")

    def get_queryset(self, request):
        return with_subjects(super().get_queryset(request))

    @admin.display(description=_("record"))
    def subject_link(self, obj):
        return display.admin_link(obj.subject) if obj.pk else "-"
