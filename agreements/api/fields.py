"""Light serializer fields for links between records.

`reverse()` costs tens of microseconds; a list of 50 records with a dozen links each
would spend most of its time there. The API prefix of each resource is resolved once
per request (kept in the serializer context, which nested serializers share) and
record URLs are built by appending the lookup value.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements import record_types

# The API's resource name (router basename) and lookup field of each model it serves.
RESOURCES: dict[type[models.Model], tuple[str, str]] = {
    record_type.model: (record_type.kind, record_type.lookup)
    for record_type in record_types.in_api()
}


def api_url(context: dict, record: models.Model) -> str | None:
    """The absolute API URL of `record`, or None for a model the API does not serve."""
    resource = RESOURCES.get(type(record))
    if resource is None:
        return None
    basename, lookup = resource
    prefixes = context.setdefault("api_url_prefixes", {})
    prefix = prefixes.get(basename)
    if prefix is None:
        path = reverse(f"api:{basename}-list")
        request = context.get("request")
        prefix = request.build_absolute_uri(path) if request is not None else path
        prefixes[basename] = prefix
    return f"{prefix}{getattr(record, lookup)}/"


@extend_schema_field(OpenApiTypes.URI)
class RecordURLField(serializers.Field):
    """The API URL of the record itself."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return api_url(self.context, value)


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """The API URL of the record a foreign key points to (null when it is empty)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return api_url(self.context, value)


@extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
class LinksField(serializers.Field):
    """The API URLs of the records of a many-to-many relation (prefetched)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [api_url(self.context, record) for record in value.all()]
