"""What every record serializer shares: slug references, JSON types held to the
schema, expansion (`?expand=`), and writes through the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Prefetch
from rest_framework import serializers
from rest_framework.settings import api_settings

from agreements import models as m
from agreements import services

from ..fields import LinkField, RecordURLField


class SlugReferenceField(serializers.SlugRelatedField):
    """A related record by slug; null clears an optional one, but "" is no slug at all.

    (DRF reads "" as null for related fields; the schema says a slug or null.)
    """

    default_error_messages = {"null_characters": "Null characters are not allowed."}

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().run_validation(data)

    def to_internal_value(self, data):
        # Checked before the lookup: PostgreSQL refuses a NUL in a query parameter.
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)


# A window (or a day in it) of a century is already beyond any real plan.
MAX_DAYS = 36500
# A small integer's bound on every database, so the schema does not depend on which one
# generated it (DRF takes the bound from the connection).
SMALL_POSITIVE = {"min_value": 0, "max_value": 32767}

# DRF coerces "1" to 1 and 1 to "1"; the schema promises JSON types, so the API holds
# clients to them (a field's type, and the words used to say so).
JSON_TYPES = {
    "array": (list, "a list"),
    "string": (str, "a string"),
    "integer": (int, "a whole number"),
    "boolean": (bool, "true or false"),
}


def _json_kind(field: serializers.Field) -> str | None:
    if isinstance(field, serializers.ManyRelatedField | serializers.ListField):
        return "array"
    if isinstance(field, serializers.BooleanField):
        return "boolean"
    if isinstance(field, serializers.IntegerField):
        return "integer"
    if isinstance(
        field,
        serializers.CharField
        | serializers.ChoiceField
        | serializers.DateField
        | serializers.DecimalField
        | serializers.RelatedField,
    ):
        return "string"
    return None


def _is_json_type(value, kind: str) -> bool:
    if kind == "integer" and isinstance(value, bool):
        return False
    return isinstance(value, JSON_TYPES[kind][0])


def slug(model: type[models.Model], **kwargs) -> serializers.SlugRelatedField:
    return SlugReferenceField(slug_field="slug", queryset=model._default_manager.all(), **kwargs)


def _citations_prefetch(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}citations", queryset=m.Citation.objects.select_related("document"))


@dataclass(frozen=True)
class Expand:
    """A related record (or records) that `?expand=<name>` embeds in `expanded`."""

    serializer: str
    path: str
    many: bool
    get: Callable[[Any], Any]


def related(name: str) -> Callable[[Any], Any]:
    return lambda record: getattr(record, name)


def related_all(name: str) -> Callable[[Any], Any]:
    return lambda record: getattr(record, name).all()


class ExpandedField(serializers.Field):
    """The records named in `?expand=`, each in its own full representation."""

    # Every record type's serializer by resource name: `records` sets it to its
    # SERIALIZERS, whose serializers are built on this module.
    record_serializers: dict[str, type[serializers.ModelSerializer]] = {}

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self._serializers: dict[str, serializers.Serializer] = {}

    def _nested(self, name: str) -> serializers.Serializer:
        # One serializer per expansion for the whole list: building one binds all its
        # fields, which costs more than representing a record.
        if name not in self._serializers:
            # One level only: the embedded records do not expand further.
            self._serializers[name] = self.record_serializers[name](
                context={**self.context, "expand": ()}
            )
        return self._serializers[name]

    def to_representation(self, record):
        names = self.context.get("expand") or ()
        if not names:
            return {}
        expanded = {}
        for name in names:
            spec = self.parent.expandable[name]
            serializer = self._nested(spec.serializer)
            related = spec.get(record)
            if spec.many:
                expanded[name] = [serializer.to_representation(item) for item in related]
            else:
                expanded[name] = None if related is None else serializer.to_representation(related)
        return expanded


class CitationInlineSerializer(serializers.Serializer):
    """A citation as shown on the record it supports."""

    url = RecordURLField()
    document = serializers.CharField(source="document.slug", read_only=True)
    document_url = LinkField(source="document")
    field_name = serializers.CharField(read_only=True)
    locator = serializers.CharField(read_only=True)
    stated_value = serializers.CharField(read_only=True)
    quote = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)


class KBSerializer(serializers.ModelSerializer):
    """Base: the record's URL, its citations, expansion, and writes through services."""

    select: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    expandable: dict[str, Expand] = {}

    url = RecordURLField()
    citations = CitationInlineSerializer(many=True, read_only=True)
    expanded = ExpandedField(
        help_text="The related records named in `expand`, in full, one level deep."
    )

    base_fields = ("url", "citations", "created_at", "updated_at", "expanded")

    @classmethod
    def prefetches(cls, prefix: str = "") -> list[str | Prefetch]:
        """prefetch_related lookups for this serializer's records, under `prefix`."""
        lookups: list[str | Prefetch] = [f"{prefix}{path}" for path in cls.prefetch]
        if "citations" in cls._declared_fields:
            lookups.append(_citations_prefetch(prefix))
        return lookups

    @classmethod
    def nested_prefetches(cls, prefix: str) -> list[str | Prefetch]:
        """Lookups for these records reached through a relation (`prefix` ends in "__")."""
        return [f"{prefix}{path}" for path in cls.select] + cls.prefetches(prefix)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {
                name: [f"Expected {JSON_TYPES[kind][1]}."]
                for name, field in self.fields.items()
                for kind in [_json_kind(field)]
                if kind
                and not field.read_only
                and data.get(name) is not None
                and not _is_json_type(data[name], kind)
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def create(self, validated_data):
        by = validated_data.pop("by", None)
        relations = self._pop_relations(validated_data)
        return self._save(self.Meta.model(**validated_data), relations, by)

    def update(self, instance, validated_data):
        by = validated_data.pop("by", None)
        relations = self._pop_relations(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance, relations, by)

    def _pop_relations(self, validated_data: dict) -> dict:
        many = {field.name for field in self.Meta.model._meta.many_to_many}
        return {name: validated_data.pop(name) for name in list(validated_data) if name in many}

    def _save(self, instance, relations: dict, by):
        try:
            services.record_save(instance=instance, by=by, relations=relations)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(self.api_errors(exc)) from exc
        return instance

    def api_errors(self, exc: DjangoValidationError) -> dict[str, list[str]]:
        """Django's field messages, keyed by the API's field names."""
        by_source = {
            field.source: name for name, field in self.fields.items() if not field.read_only
        }
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        errors: dict[str, list[str]] = {}
        for source, texts in messages.items():
            key = by_source.get(source)
            if key is None or source == NON_FIELD_ERRORS:
                key = api_settings.NON_FIELD_ERRORS_KEY
            errors.setdefault(key, []).extend(texts)
        return errors
