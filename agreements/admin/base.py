"""The base of every admin here: writes through the services, reverting, history pages,
and counts of related records shown as change-list columns."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agreements import services
from agreements.history.recording import recording, tracked_many_to_many
from agreements.models import Via

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


def _form_links(form) -> dict:
    """The many-to-many links a form sets, for the save that records them in history.

    The admin sets them again after the save, which then changes nothing.
    """
    return {
        field.name: form.cleaned_data[field.name]
        for field in tracked_many_to_many(form._meta.model)
        if field.name in form.cleaned_data
    }


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


class CountsAdmin(KBAdmin):
    """An admin whose change list shows counts of each row's related records.

    `counts` names each count and says what it counts; the queryset annotates them, so
    the page reads them with its rows, and `count_column` shows one as a column.
    """

    counts: dict[str, Count] = {}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(**self.counts)


def count_column(name: str, description) -> Callable:
    """The change-list column of the count `name` of a `CountsAdmin`, sortable by it."""

    @admin.display(description=description, ordering=name)
    def column(self, obj):
        return getattr(obj, name)

    return column
