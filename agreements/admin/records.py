"""One admin per record type."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements import services
from agreements.admin import display
from agreements.admin.base import TRACKING_FIELDS, CountsAdmin, KBAdmin, count_column
from agreements.admin.citations import CitableContentTypeMixin, with_subjects
from agreements.admin.inlines import (
    AgreementLinkInline,
    CitationInline,
    DocumentCitationInline,
    MeasureInline,
    MilestoneInline,
    MineralAliasInline,
    MineralListEntryInline,
    ParticipantAliasInline,
    ParticipationInline,
)
from agreements.models import (
    KEY_DATES,
    Agreement,
    AgreementLink,
    Citation,
    CorrectionRequest,
    Document,
    Event,
    Measure,
    Milestone,
    MilestoneStatus,
    Mineral,
    MineralList,
    MineralListEntry,
    Participant,
    Participation,
)
from agreements.timeline import MilestoneState

# Agreements


@admin.register(Agreement)
class AgreementAdmin(CountsAdmin):
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
        (_("Dates"), {"fields": (tuple(key_date.field for key_date in KEY_DATES),)}),
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

    counts = {
        "participant_count": Count("participations", distinct=True),
        "milestone_count": Count("milestones", distinct=True),
    }
    participant_count = count_column("participant_count", _("participations"))
    milestone_count = count_column("milestone_count", _("milestones"))

    @admin.display(description=_("deadline"), ordering="window_start")
    def deadline(self, obj):
        return display.date(obj.deadline)

    @admin.display(description=_("window"))
    def window_label(self, obj):
        status = obj.window_status(timezone.localdate())
        return status.label if status else "-"


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
class ParticipantAdmin(CountsAdmin):
    list_display = ("name", "short_name", "kind", "parent", "country_code", "participation_count")
    list_select_related = ("parent",)
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "slug", "aliases__name")
    autocomplete_fields = ("parent",)
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ParticipantAliasInline, CitationInline)

    counts = {"participation_count": Count("participations", distinct=True)}
    participation_count = count_column("participation_count", _("participations"))


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
        return display.date(obj.due_date)

    @admin.display(description=_("state"), ordering="state")
    def state_label(self, obj):
        return display.state_label(obj)

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
class EventAdmin(CountsAdmin):
    list_display = ("title", "kind", "starts_on", "ends_on", "location", "participant_count")
    list_filter = ("kind",)
    search_fields = ("title", "slug", "location", "attendance")
    autocomplete_fields = ("participants", "agreements")
    date_hierarchy = "starts_on"
    ordering = ("-starts_on", "title")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (CitationInline,)

    counts = {"participant_count": Count("participants", distinct=True)}
    participant_count = count_column("participant_count", _("participants"))


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
class MineralAdmin(CountsAdmin):
    list_display = ("name", "symbol", "group", "list_count")
    list_filter = ("group",)
    search_fields = ("name", "symbol", "slug", "aliases__name")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MineralAliasInline, CitationInline)

    counts = {"list_count": Count("list_entries__mineral_list", distinct=True)}
    list_count = count_column("list_count", _("on lists"))


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


class DocumentForm(forms.ModelForm):
    """The document's fields, and its text as an uploaded file (UTF-8) or pasted."""

    text_file = forms.FileField(
        label=_("text from a file"),
        required=False,
        help_text=_("A plain-text file (UTF-8); it replaces the text above."),
    )

    class Meta:
        model = Document
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean(self):
        data = super().clean()
        upload = data.get("text_file")
        if upload:
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("text_file", _("This file is not plain text in UTF-8."))
        return data

    @cached_property
    def changed_data(self):
        # An upload changes the text: the history's reason names the field it changed.
        changed = [name for name in super().changed_data if name != "text_file"]
        if "text_file" in super().changed_data and "text" not in changed:
            changed.append("text")
        return changed


@admin.register(Document)
class DocumentAdmin(CountsAdmin):
    form = DocumentForm
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
        (None, {"fields": ("title", "slug", "kind", "is_primary")}),
        (_("Where to read it"), {"fields": ("url", "archived_url", "no_address_reason")}),
        (None, {"fields": (("publisher", "author"), ("published_on", "language"))}),
        (None, {"fields": ("summary", "text", "text_file", "content_hash")}),
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

    counts = {"citation_count": Count("citations_made", distinct=True)}
    citation_count = count_column("citation_count", _("cited for"))


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
        "quote",
        "note",
        *TRACKING_FIELDS,
    )
    readonly_fields = ("subject_link", *TRACKING_FIELDS)

    def get_queryset(self, request):
        return with_subjects(super().get_queryset(request))

    @admin.display(description=_("record"))
    def subject_link(self, obj):
        return display.admin_link(obj.subject) if obj.pk else "-"


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(KBAdmin):
    """Readers' reports of errors: read, correct the record, then say what was done."""

    list_display = ("created_at", "status", "page", "summary")
    list_filter = ("status",)
    search_fields = ("message", "page", "source")
    date_hierarchy = "created_at"
    fields = ("page", "message", "source", "contact", "status", "resolution", *TRACKING_FIELDS)
    readonly_fields = ("page", "message", "source", "contact", *TRACKING_FIELDS)

    @admin.display(description=_("report"))
    def summary(self, obj):
        return obj.message[:100]

    def has_add_permission(self, request):
        return False  # reports come from readers, through the public form
