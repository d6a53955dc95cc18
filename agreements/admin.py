"""The Django admin, where staff edit every record.

Every write goes through `agreements.services` (`record_save`, `record_delete`,
`milestone_complete`), so a rule that holds for the API and the commands holds here
too, and every change lands in the record's history with the staff user and a reason.
Change lists read through annotations, `select_related` and prefetches, so a page
makes the same number of queries whatever the number of rows.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from agreements import services
from agreements.history.recording import recording, tracked_many_to_many
from agreements.models import (
    Agreement,
    AgreementLink,
    Citation,
    Document,
    Event,
    Measure,
    Milestone,
    MilestoneStatus,
    Mineral,
    MineralAlias,
    MineralList,
    MineralListEntry,
    Participant,
    ParticipantAlias,
    Participation,
    Via,
    citable_models,
)
from agreements.timeline import MilestoneState

admin.site.site_header = _("Minerals KB administration")
admin.site.site_title = _("Minerals KB")
admin.site.index_title = _("Knowledge base")

TRACKING_FIELDS = ("created_at", "updated_at")
DELETED_REASON = _("Deleted in the admin")


def _saved_reason(changed_fields: list[str], *, added: bool) -> str:
    if added:
        return str(_("Added in the admin"))
    if not changed_fields:
        return str(_("Saved in the admin"))
    return str(_("Changed in the admin: %(fields)s") % {"fields": ", ".join(changed_fields)})


def _citable_content_types():
    return ContentType.objects.filter(
        app_label="agreements",
        model__in=[model._meta.model_name for model in citable_models()],
    )


# The citable models whose `__str__` reads related records.
_NAME_JOINS = {
    AgreementLink: ("source", "target"),
    Participation: ("participant", "agreement"),
    MineralListEntry: ("mineral", "mineral_list"),
}


def _with_subjects(citations):
    """Prefetch each citation's subject, joining what the subject's name needs."""
    return citations.select_related("content_type", "document").prefetch_related(
        GenericPrefetch(
            "subject",
            [
                model._default_manager.select_related(*_NAME_JOINS.get(model, ()))
                for model in citable_models()
            ],
        )
    )


def _date(value):
    # Readonly fields print a date as is; localise it as the change lists do.
    return formats.localize(value) if value else None


def _state_label(milestone: Milestone) -> str | None:
    """The annotated state's label; a blank row has none yet.

    A milestone read through `get_queryset` carries the `state` annotation; an old
    version shown for reverting does not, so the model works it out.
    """
    if milestone.pk is None:
        return None
    state = getattr(milestone, "state", None) or milestone.state_on(timezone.localdate())
    return MilestoneState(state).label


def _form_links(form) -> dict:
    """The many-to-many links a form sets, for the save that records them in history.

    The admin sets them again after the save, which then changes nothing.
    """
    return {
        field.name: form.cleaned_data[field.name]
        for field in tracked_many_to_many(form._meta.model)
        if field.name in form.cleaned_data
    }


def _admin_link(obj) -> str:
    if obj is None:
        return "-"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, obj)


class ServiceWritesMixin:
    """Routes every save and delete of an admin, and of its inlines, through the services.

    The admin's forms validate the way the services do, so the services refusing at
    save time means the data changed meanwhile or a rule only a service knows. The
    admin views run in a transaction, so the refusal rolls everything back and is
    shown as a message instead of a server error.
    """

    def save_model(self, request, obj, form, change):
        match = request.resolver_match
        if match.url_name.endswith("_simple_history"):
            # Reverting: the form starts from the old version, so it reports no change.
            reason = _("Reverted in the admin to version %(version)s") % {"version": match.args[1]}
        else:
            reason = _saved_reason(form.changed_data, added=not change)
        services.record_save(
            instance=obj, by=request.user, reason=str(reason), relations=_form_links(form)
        )

    def delete_model(self, request, obj):
        services.record_delete(instance=obj, by=request.user, reason=str(DELETED_REASON))

    def delete_queryset(self, request, queryset):
        # "Delete selected" runs outside the view's transaction: all or nothing here.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        forms_by_record = {id(form.instance): form for form in formset.saved_forms}
        for obj in formset.deleted_objects:
            services.record_delete(instance=obj, by=request.user, reason=str(DELETED_REASON))
        saves = [(obj, _saved_reason([], added=True)) for obj in formset.new_objects] + [
            (obj, _saved_reason(changed_fields, added=False))
            for obj, changed_fields in formset.changed_objects
        ]
        for obj, reason in saves:
            services.record_save(
                instance=obj,
                by=request.user,
                reason=reason,
                relations=_form_links(forms_by_record[id(obj)]),
            )
        formset.save_m2m()

    def _refusal_as_message(self, request, view, *args, **kwargs):
        try:
            with recording(via=Via.ADMIN):
                return view(request, *args, **kwargs)
        except ValidationError as refusal:
            for message in refusal.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self._refusal_as_message(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._refusal_as_message(request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._refusal_as_message(request, super().changelist_view, *args, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's form starts from the old row's own columns; its links come
        # from the row's record of them, so reverting restores those too.
        version = self.model.history.filter(id=object_id, history_id=version_id).first()
        request.kb_reverted_links = version.history_relations if version else None
        return self._refusal_as_message(
            request, super().history_form_view, object_id, version_id, extra_context
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        links = getattr(request, "kb_reverted_links", None)
        if not links:
            return form_class

        class RevertForm(form_class):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                self.initial.update(
                    {name: ids for name, ids in links.items() if name in self.fields}
                )

        return RevertForm


class KBAdmin(ServiceWritesMixin, SimpleHistoryAdmin):
    """Base of every admin here: service writes, history pages, timestamps shown.

    The history page lists each version's field-by-field changes (simple-history) and
    how the change arrived.
    """

    readonly_fields = TRACKING_FIELDS
    history_list_display = ["changed_through"]

    @admin.display(description=_("changed through"))
    def changed_through(self, record) -> str:
        label = str(Via(record.history_via).label)
        return f"{label} ({record.history_command})" if record.history_command else label

    # Django 6 makes https the default scheme of a typed URL; staff get it already.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


# Inlines


class CitationInline(GenericTabularInline):
    """The documents that state this record, or one of its fields."""

    model = Citation
    fields = ("field_name", "document", "locator", "stated_value", "note")
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
        return _date(obj.due_date)

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return _state_label(obj)


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


class CitableContentTypeMixin:
    """Limits a citation's record type to the models that can be cited."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = _citable_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DocumentCitationInline(CitableContentTypeMixin, admin.TabularInline):
    """The facts this document is cited for."""

    model = Citation
    fk_name = "document"
    fields = ("content_type", "object_id", "subject_link", "field_name", "locator", "stated_value")
    readonly_fields = ("subject_link",)
    extra = 0
    verbose_name = _("fact this document states")
    verbose_name_plural = _("facts this document states")

    def get_queryset(self, request):
        return _with_subjects(super().get_queryset(request))

    @admin.display(description=_("record"))
    def subject_link(self, obj):
        return _admin_link(obj.subject) if obj.pk else "-"


# Agreements


@admin.register(Agreement)
class AgreementAdmin(KBAdmin):
    list_display = (
        "__str__",
        "kind",
        "status",
        "binding",
        "announced_on",
        "deadline",
        "window_label",
        "participant_count",
        "milestone_count",
    )
    list_filter = ("kind", "status", "binding")
    search_fields = ("title", "short_title", "slug")
    date_hierarchy = "announced_on"
    ordering = ("-announced_on", "title")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("deadline", "window_label", *TRACKING_FIELDS)
    fieldsets = (
        (None, {"fields": ("title", "short_title", "slug", "kind", "status", "binding")}),
        (None, {"fields": ("summary",)}),
        (_("Dates"), {"fields": (("announced_on", "signed_on", "in_force_on", "ended_on"),)}),
        (
            _("Window"),
            {"fields": (("window_start", "window_days"), "deadline", "window_label")},
        ),
        (_("Record"), {"fields": (TRACKING_FIELDS,), "classes": ("collapse",)}),
    )
    inlines = (
        ParticipationInline,
        MilestoneInline,
        MeasureInline,
        AgreementLinkInline,
        CitationInline,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                participant_count=Count("participations", distinct=True),
                milestone_count=Count("milestones", distinct=True),
            )
        )

    @admin.display(description=_("deadline"), ordering="window_start")
    def deadline(self, obj):
        return _date(obj.deadline)

    @admin.display(description=_("window"))
    def window_label(self, obj):
        status = obj.window_status(timezone.localdate())
        return status.label if status else "-"

    @admin.display(description=_("participations"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count

    @admin.display(description=_("milestones"), ordering="milestone_count")
    def milestone_count(self, obj):
        return obj.milestone_count


@admin.register(AgreementLink)
class AgreementLinkAdmin(KBAdmin):
    list_display = ("source", "kind", "target", "note")
    list_select_related = ("source", "target")
    list_filter = ("kind",)
    search_fields = ("source__title", "source__short_title", "target__title", "target__short_title")
    autocomplete_fields = ("source", "target")
    ordering = ("source__title", "kind", "target__title")
    inlines = (CitationInline,)


# Participants


@admin.register(Participant)
class ParticipantAdmin(KBAdmin):
    list_display = ("name", "short_name", "kind", "parent", "country_code", "participation_count")
    list_select_related = ("parent",)
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "slug", "aliases__name")
    autocomplete_fields = ("parent",)
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ParticipantAliasInline, CitationInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(participation_count=Count("participations", distinct=True))
        )

    @admin.display(description=_("participations"), ordering="participation_count")
    def participation_count(self, obj):
        return obj.participation_count


@admin.register(Participation)
class ParticipationAdmin(KBAdmin):
    list_display = ("participant", "role", "agreement", "note")
    list_select_related = ("participant", "agreement")
    list_filter = ("role",)
    search_fields = ("participant__name", "participant__short_name", "agreement__title")
    autocomplete_fields = ("participant", "agreement")
    ordering = ("agreement__title", "role", "participant__name")
    inlines = (CitationInline,)


# Milestones and events


class MilestoneStateFilter(admin.SimpleListFilter):
    """Filters on the `state` annotation, as of today."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(state.value, state.label) for state in MilestoneState]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(state=self.value())
        return queryset


@admin.register(Milestone)
class MilestoneAdmin(KBAdmin):
    list_display = (
        "title",
        "agreement",
        "due_date_display",
        "state_label",
        "status",
        "completed_on",
    )
    list_select_related = ("agreement",)
    list_filter = (MilestoneStateFilter, "status")
    search_fields = ("title", "description", "agreement__title", "agreement__short_title")
    autocomplete_fields = ("agreement", "responsible", "evidence")
    readonly_fields = ("due_date_display", "state_label", *TRACKING_FIELDS)
    fieldsets = (
        (None, {"fields": ("agreement", "title", "description", "position")}),
        (_("Due"), {"fields": (("due_on", "due_day"), "due_date_display")}),
        (
            _("Outcome"),
            {"fields": ("status", "state_label", "completed_on", "outcome")},
        ),
        (None, {"fields": ("responsible", "evidence")}),
        (_("Record"), {"fields": (TRACKING_FIELDS,), "classes": ("collapse",)}),
    )
    inlines = (CitationInline,)
    actions = ("mark_done_today",)

    def get_queryset(self, request):
        # Annotate before ordering: the ordering names the `due_date` annotation.
        return self.model._default_manager.with_state(timezone.localdate()).order_by(
            *self.get_ordering(request)
        )

    def get_ordering(self, request):
        # `due_date` is an annotation, which the `ordering` attribute cannot name.
        return ("due_date", "title")

    @admin.display(description=_("due"), ordering="due_date")
    def due_date_display(self, obj):
        return _date(obj.due_date)

    @admin.display(description=_("state"), ordering="state")
    def state_label(self, obj):
        return _state_label(obj)

    @admin.action(description=_("Mark done today"), permissions=["change"])
    def mark_done_today(self, request, queryset):
        today = timezone.localdate()
        done = 0
        for milestone in queryset:
            if milestone.status == MilestoneStatus.DONE:
                # Keep the recorded completion date rather than overwrite it with today.
                self.message_user(
                    request,
                    _("“%(milestone)s” was already done on %(date)s; left unchanged.")
                    % {"milestone": milestone, "date": milestone.completed_on},
                    messages.WARNING,
                )
                continue
            try:
                services.milestone_complete(
                    milestone=milestone, completed_on=today, by=request.user
                )
            except ValidationError as refusal:
                self.message_user(
                    request,
                    _("“%(milestone)s” was not marked done: %(reason)s")
                    % {"milestone": milestone, "reason": " ".join(refusal.messages)},
                    messages.ERROR,
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d milestone marked done today.",
                    "%(count)d milestones marked done today.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )


@admin.register(Event)
class EventAdmin(KBAdmin):
    list_display = ("title", "kind", "starts_on", "ends_on", "location", "participant_count")
    list_filter = ("kind",)
    search_fields = ("title", "slug", "location", "attendance")
    autocomplete_fields = ("participants", "agreements")
    date_hierarchy = "starts_on"
    ordering = ("-starts_on", "title")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (CitationInline,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(participant_count=Count("participants", distinct=True))
        )

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count


# Measures and minerals


@admin.register(Measure)
class MeasureAdmin(KBAdmin):
    list_display = ("title", "agreement", "kind", "stage", "mineral_names")
    list_select_related = ("agreement",)
    list_filter = ("kind", "stage")
    search_fields = ("title", "description", "agreement__title", "agreement__short_title")
    autocomplete_fields = ("agreement", "minerals")
    ordering = ("agreement__title", "position", "id")
    inlines = (CitationInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("minerals")

    @admin.display(description=_("minerals"))
    def mineral_names(self, obj):
        return ", ".join(mineral.name for mineral in obj.minerals.all())


@admin.register(Mineral)
class MineralAdmin(KBAdmin):
    list_display = ("name", "symbol", "group", "list_count")
    list_filter = ("group",)
    search_fields = ("name", "symbol", "slug", "aliases__name")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MineralAliasInline, CitationInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(list_count=Count("list_entries__mineral_list", distinct=True))
        )

    @admin.display(description=_("on lists"), ordering="list_count")
    def list_count(self, obj):
        return obj.list_count


@admin.register(MineralList)
class MineralListAdmin(KBAdmin):
    list_display = ("name", "issuer", "edition", "stage", "published_on", "entry_count")
    list_filter = ("stage", "edition")
    search_fields = ("name", "slug", "issuer__name", "legal_reference")
    autocomplete_fields = ("issuer", "agreement", "previous_edition")
    date_hierarchy = "published_on"
    ordering = ("-edition", "name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MineralListEntryInline, CitationInline)

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("entries"), ordering="entry_count")
    def entry_count(self, obj):
        return obj.entry_count


@admin.register(MineralListEntry)
class MineralListEntryAdmin(KBAdmin):
    list_display = ("mineral", "mineral_list", "category", "change", "name_as_listed")
    list_select_related = ("mineral", "mineral_list")
    list_filter = ("category", "change")
    search_fields = ("mineral__name", "mineral_list__name", "name_as_listed")
    autocomplete_fields = ("mineral_list", "mineral")
    ordering = ("mineral_list__name", "mineral__name")
    inlines = (CitationInline,)


# Sources


@admin.register(Document)
class DocumentAdmin(KBAdmin):
    list_display = (
        "title",
        "publisher",
        "kind",
        "language",
        "is_primary",
        "published_on",
        "citation_count",
    )
    list_filter = ("kind", "language", "is_primary")
    search_fields = ("title", "slug", "publisher", "url")
    autocomplete_fields = ("mentioned_agreements", "mentioned_participants", "mentioned_minerals")
    date_hierarchy = "published_on"
    ordering = ("-published_on", "title")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("content_hash", *TRACKING_FIELDS)
    fieldsets = (
        (None, {"fields": ("title", "slug", "url", "kind", "is_primary")}),
        (None, {"fields": (("publisher", "author"), ("published_on", "language"))}),
        (None, {"fields": ("summary", "text", "content_hash")}),
        (
            _("Mentions"),
            {
                "fields": (
                    "mentioned_agreements",
                    "mentioned_participants",
                    "mentioned_minerals",
                )
            },
        ),
        (_("Record"), {"fields": (TRACKING_FIELDS,), "classes": ("collapse",)}),
    )
    inlines = (DocumentCitationInline,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(citation_count=Count("citations_made", distinct=True))
        )

    @admin.display(description=_("cited for"), ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count


@admin.register(Citation)
class CitationAdmin(CitableContentTypeMixin, KBAdmin):
    list_display = ("subject_link", "field_name", "document", "stated_value", "locator")
    list_filter = (("content_type", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("document__title", "field_name", "stated_value", "locator", "note")
    autocomplete_fields = ("document",)
    ordering = ("content_type", "object_id", "field_name")
    fields = (
        "content_type",
        "object_id",
        "subject_link",
        "field_name",
        "document",
        "locator",
        "stated_value",
        "note",
        *TRACKING_FIELDS,
    )
    readonly_fields = ("subject_link", *TRACKING_FIELDS)

    def get_queryset(self, request):
        return _with_subjects(super().get_queryset(request))

    @admin.display(description=_("record"))
    def subject_link(self, obj):
        return _admin_link(obj.subject) if obj.pk else "-"
