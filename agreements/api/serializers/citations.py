"""A citation as a record of its own: which fact of which record a document supports."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from agreements import models as m
from agreements import services

from ..fields import RESOURCES, LinkField, RecordURLField
from .base import Expand, KBSerializer, related, slug


def _citable_models() -> dict[str, type[models.Model]]:
    # Only the cited records this API also serves.
    return {model._meta.model_name: model for model in m.citable_models() if model in RESOURCES}


class SubjectTypeField(serializers.ChoiceField):
    """The cited record's type, by model name (`agreement`, `milestone`…)."""

    def __init__(self, **kwargs):
        super().__init__(choices=sorted(_citable_models()), source="content_type", **kwargs)

    def to_internal_value(self, data):
        name = super().to_internal_value(data)
        return ContentType.objects.get_for_model(_citable_models()[name])

    def to_representation(self, content_type):
        return content_type.model


class CitationSerializer(KBSerializer):
    select = ("document", "content_type")
    prefetch = ("subject",)
    expandable = {"document": Expand("document", "document", False, related("document"))}

    url = RecordURLField()
    subject_type = SubjectTypeField()
    subject_id = serializers.IntegerField(source="object_id", min_value=1)
    subject_url = LinkField(source="subject", allow_null=True)
    document = slug(m.Document)
    document_url = LinkField(source="document")
    citations = None  # a citation is not itself cited

    class Meta:
        model = m.Citation
        fields = (
            "url",
            "id",
            "subject_type",
            "subject_id",
            "subject_url",
            "field_name",
            "document",
            "document_url",
            "locator",
            "stated_value",
            "quote",
            "note",
            "created_at",
            "updated_at",
            "expanded",
        )
        validators = []  # one citation per fact and document: the service's full_clean says so

    def validate(self, attrs):
        content_type = attrs.get("content_type", getattr(self.instance, "content_type", None))
        object_id = attrs.get("object_id", getattr(self.instance, "object_id", None))
        model = content_type.model_class()
        if not model._default_manager.filter(pk=object_id).exists():
            raise serializers.ValidationError({"subject_id": ["No such record to cite."]})
        return attrs

    def create(self, validated_data):
        subject = validated_data["content_type"].get_object_for_this_type(
            pk=validated_data["object_id"]
        )
        try:
            return services.citation_create(
                subject=subject,
                document=validated_data["document"],
                field_name=validated_data.get("field_name", ""),
                locator=validated_data.get("locator", ""),
                stated_value=validated_data.get("stated_value", ""),
                quote=validated_data.get("quote", ""),
                note=validated_data.get("note", ""),
                by=validated_data.get("by"),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(self.api_errors(exc)) from exc
