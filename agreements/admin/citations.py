"""Citations in the admin: which records may be cited, and their subjects read in bulk."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch

from agreements.models import AgreementLink, MineralListEntry, Participation, citable_models


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


def with_subjects(citations):
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


class CitableContentTypeMixin:
    """Limits a citation's record type to the models that can be cited."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = _citable_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
