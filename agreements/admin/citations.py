"""Citations in the admin: which records may be cited, and their subjects read in bulk."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch

from agreements import record_types
from agreements.models import citable_models


def _citable_content_types():
    return ContentType.objects.filter(
        app_label="agreements",
        model__in=[model._meta.model_name for model in citable_models()],
    )


def with_subjects(citations):
    """Prefetch each citation's subject, joining what the subject's name needs."""
    return citations.select_related("content_type", "document").prefetch_related(
        GenericPrefetch(
            "subject",
            [
                model._default_manager.select_related(*record_types.name_joins(model))
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
