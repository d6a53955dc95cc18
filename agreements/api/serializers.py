"""Representations of every record, and the writes that go through the services.

Related records appear as slugs (writable) and API URLs (read-only). `expanded` holds
the related records named in `?expand=`, one level deep. Each serializer names the
joins it reads (`select`, `prefetch`) so a list costs the same number of queries
whatever its length; the viewsets apply them.

Writes never call `Model.objects.create()` or `save()` directly: `create` and
`update` hand the instance to `services.record_save`, which runs `full_clean()`
(DRF does not) and records the acting user in the history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from agreements import models as m
from agreements import services
from agreements.timeline import MilestoneState, WindowPhase

from .fields import RESOURCES, LinkField, LinksField, RecordURLField


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


def _slug(model: type[models.Model], **kwargs) -> serializers.SlugRelatedField:
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


def _related(name: str) -> Callable[[Any], Any]:
    return lambda record: getattr(record, name)


def _related_all(name: str) -> Callable[[Any], Any]:
    return lambda record: getattr(record, name).all()


class ExpandedField(serializers.Field):
    """The records named in `?expand=`, each in its own full representation."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self._serializers: dict[str, serializers.Serializer] = {}

    def _nested(self, name: str) -> serializers.Serializer:
        # One serializer per expansion for the whole list: building one binds all its
        # fields, which costs more than representing a record.
        if name not in self._serializers:
            # One level only: the embedded records do not expand further.
            self._serializers[name] = SERIALIZERS[name](context={**self.context, "expand": ()})
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


class WindowSerializer(serializers.Serializer):
    """Where today stands in an agreement's window (see agreements.timeline)."""

    start = serializers.DateField()
    length = serializers.IntegerField()
    deadline = serializers.DateField()
    phase = serializers.ChoiceField(choices=[(phase.value, phase.value) for phase in WindowPhase])
    day = serializers.IntegerField(allow_null=True, help_text="Day N while the window is open.")
    days_left = serializers.IntegerField(allow_null=True)
    days_until_start = serializers.IntegerField(allow_null=True)
    days_since_close = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()


class ParticipationInlineSerializer(serializers.Serializer):
    url = RecordURLField()
    participant = serializers.CharField(source="participant.slug", read_only=True)
    participant_url = LinkField(source="participant")
    role = serializers.CharField(read_only=True)


class AgreementLinkInlineSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True)
    target = serializers.CharField(source="target.slug", read_only=True)
    target_url = LinkField(source="target")
    note = serializers.CharField(read_only=True)


@extend_schema_field(WindowSerializer(allow_null=True))
class WindowField(serializers.Field):
    """Where the request's day (today, or the `as_of` day) stands in the window."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, agreement):
        status = agreement.window_status(self.context.setdefault("today", timezone.localdate()))
        return None if status is None else WindowSerializer(status).data


def _participants_of(agreement) -> list:
    seen: dict[int, Any] = {}
    for participation in agreement.participations.all():
        seen.setdefault(participation.participant_id, participation.participant)
    return list(seen.values())


class AgreementSerializer(KBSerializer):
    prefetch = ("participations__participant", "links_out__target")
    expandable = {
        "participants": Expand(
            "participant", "participations__participant", True, _participants_of
        ),
        "milestones": Expand("milestone", "milestones", True, _related_all("milestones")),
        "measures": Expand("measure", "measures", True, _related_all("measures")),
    }

    deadline = serializers.DateField(read_only=True, allow_null=True)
    window = WindowField()
    participations = ParticipationInlineSerializer(many=True, read_only=True)
    links = AgreementLinkInlineSerializer(source="links_out", many=True, read_only=True)

    class Meta:
        model = m.Agreement
        fields = (
            "url",
            "slug",
            "title",
            "short_title",
            "kind",
            "status",
            "binding",
            "summary",
            "announced_on",
            "signed_on",
            "in_force_on",
            "ended_on",
            "window_start",
            "window_days",
            "deadline",
            "window",
            "participations",
            "links",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )
        # The model sets no upper bound; past ~10**6 days the deadline is not a date.
        extra_kwargs = {"window_days": {"max_value": MAX_DAYS}}


class AliasSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)


class ParticipantSerializer(KBSerializer):
    select = ("parent",)
    prefetch = ("aliases",)
    expandable = {"parent": Expand("participant", "parent", False, _related("parent"))}

    parent = _slug(m.Participant, required=False, allow_null=True)
    parent_url = LinkField(source="parent", allow_null=True)
    aliases = AliasSerializer(many=True, read_only=True)

    class Meta:
        model = m.Participant
        fields = (
            "url",
            "slug",
            "name",
            "short_name",
            "kind",
            "parent",
            "parent_url",
            "title",
            "country_code",
            "description",
            "website",
            "aliases",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )


class ParticipationSerializer(KBSerializer):
    select = ("agreement", "participant")
    expandable = {
        "agreement": Expand("agreement", "agreement", False, _related("agreement")),
        "participant": Expand("participant", "participant", False, _related("participant")),
    }

    agreement = _slug(m.Agreement)
    agreement_url = LinkField(source="agreement")
    participant = _slug(m.Participant)
    participant_url = LinkField(source="participant")

    class Meta:
        model = m.Participation
        fields = (
            "url",
            "id",
            "agreement",
            "agreement_url",
            "participant",
            "participant_url",
            "role",
            "note",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )
        validators = []  # the service's full_clean checks the unique role, in its own words


def _state_today(field: serializers.Field, milestone) -> MilestoneState:
    # One `today` per request, so every milestone of a response is judged on the same day.
    return milestone.state_on(field.context.setdefault("today", timezone.localdate()))


class MilestoneStateField(serializers.ChoiceField):
    """The milestone's state as of today, from the one rule in agreements.timeline."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[(state.value, state.label) for state in MilestoneState],
            source="*",
            read_only=True,
            **kwargs,
        )

    def to_representation(self, milestone):
        return _state_today(self, milestone).value


class MilestoneStateLabelField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, milestone):
        return _state_today(self, milestone).label


class MilestoneSerializer(KBSerializer):
    select = ("agreement",)
    prefetch = ("responsible", "evidence")
    expandable = {
        "agreement": Expand("agreement", "agreement", False, _related("agreement")),
        "responsible": Expand("participant", "responsible", True, _related_all("responsible")),
        "evidence": Expand("document", "evidence", True, _related_all("evidence")),
    }

    agreement = _slug(m.Agreement)
    agreement_url = LinkField(source="agreement")
    due_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="`due_on`, or the date of day `due_day`."
    )
    state = MilestoneStateField()
    state_label = MilestoneStateLabelField()
    responsible = _slug(m.Participant, many=True, required=False)
    responsible_urls = LinksField(source="responsible")
    evidence = _slug(m.Document, many=True, required=False)
    evidence_urls = LinksField(source="evidence")

    class Meta:
        model = m.Milestone
        fields = (
            "url",
            "id",
            "agreement",
            "agreement_url",
            "title",
            "description",
            "due_on",
            "due_day",
            "due_date",
            "status",
            "state",
            "state_label",
            "completed_on",
            "outcome",
            "responsible",
            "responsible_urls",
            "evidence",
            "evidence_urls",
            "position",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )
        extra_kwargs = {"due_day": {"max_value": MAX_DAYS}, "position": SMALL_POSITIVE}


class EventSerializer(KBSerializer):
    prefetch = ("participants", "agreements")
    expandable = {
        "participants": Expand("participant", "participants", True, _related_all("participants")),
        "agreements": Expand("agreement", "agreements", True, _related_all("agreements")),
    }

    participants = _slug(m.Participant, many=True, required=False)
    participant_urls = LinksField(source="participants")
    agreements = _slug(m.Agreement, many=True, required=False)
    agreement_urls = LinksField(source="agreements")

    class Meta:
        model = m.Event
        fields = (
            "url",
            "slug",
            "title",
            "kind",
            "starts_on",
            "ends_on",
            "location",
            "summary",
            "attendance",
            "participants",
            "participant_urls",
            "agreements",
            "agreement_urls",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )


class MeasureSerializer(KBSerializer):
    select = ("agreement",)
    prefetch = ("minerals",)
    expandable = {
        "agreement": Expand("agreement", "agreement", False, _related("agreement")),
        "minerals": Expand("mineral", "minerals", True, _related_all("minerals")),
    }

    agreement = _slug(m.Agreement)
    agreement_url = LinkField(source="agreement")
    minerals = _slug(m.Mineral, many=True, required=False)
    mineral_urls = LinksField(source="minerals")

    class Meta:
        model = m.Measure
        fields = (
            "url",
            "id",
            "agreement",
            "agreement_url",
            "kind",
            "stage",
            "title",
            "description",
            "minerals",
            "mineral_urls",
            "price_floor_amount",
            "price_floor_currency",
            "price_floor_unit",
            "position",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )
        extra_kwargs = {"position": SMALL_POSITIVE}


class MineralSerializer(KBSerializer):
    prefetch = ("aliases",)

    aliases = AliasSerializer(many=True, read_only=True)

    class Meta:
        model = m.Mineral
        fields = (
            "url",
            "slug",
            "name",
            "symbol",
            "group",
            "description",
            "aliases",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )


class MineralListEntryInlineSerializer(serializers.Serializer):
    mineral = serializers.CharField(source="mineral.slug", read_only=True)
    mineral_url = LinkField(source="mineral")
    name_as_listed = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    change = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)


class MineralListSerializer(KBSerializer):
    select = ("issuer", "agreement", "previous_edition")
    prefetch = ("entries__mineral",)
    expandable = {
        "issuer": Expand("participant", "issuer", False, _related("issuer")),
        "agreement": Expand("agreement", "agreement", False, _related("agreement")),
        "minerals": Expand(
            "mineral",
            "entries__mineral",
            True,
            lambda mineral_list: list(
                {entry.mineral_id: entry.mineral for entry in mineral_list.entries.all()}.values()
            ),
        ),
    }

    issuer = _slug(m.Participant)
    issuer_url = LinkField(source="issuer")
    agreement = _slug(m.Agreement, required=False, allow_null=True)
    agreement_url = LinkField(source="agreement", allow_null=True)
    previous_edition = _slug(m.MineralList, required=False, allow_null=True)
    previous_edition_url = LinkField(source="previous_edition", allow_null=True)
    entries = MineralListEntryInlineSerializer(many=True, read_only=True)

    class Meta:
        model = m.MineralList
        fields = (
            "url",
            "slug",
            "name",
            "issuer",
            "issuer_url",
            "edition",
            "stage",
            "published_on",
            "legal_reference",
            "summary",
            "agreement",
            "agreement_url",
            "previous_edition",
            "previous_edition_url",
            "entries",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )
        # The model's constraint (mineral_list_edition_year), stated in the schema.
        extra_kwargs = {"edition": {"min_value": 1900, "max_value": 2200}}


class DocumentSerializer(KBSerializer):
    prefetch = ("mentioned_agreements", "mentioned_participants", "mentioned_minerals")
    expandable = {
        "agreements": Expand(
            "agreement", "mentioned_agreements", True, _related_all("mentioned_agreements")
        ),
        "participants": Expand(
            "participant", "mentioned_participants", True, _related_all("mentioned_participants")
        ),
        "minerals": Expand(
            "mineral", "mentioned_minerals", True, _related_all("mentioned_minerals")
        ),
    }

    # `url` is the record's API URL, as everywhere; the document's own address is here.
    source_url = serializers.URLField(
        source="url", max_length=1000, required=False, allow_blank=True
    )
    mentioned_agreements = _slug(m.Agreement, many=True, required=False)
    mentioned_participants = _slug(m.Participant, many=True, required=False)
    mentioned_minerals = _slug(m.Mineral, many=True, required=False)

    class Meta:
        model = m.Document
        fields = (
            "url",
            "slug",
            "title",
            "source_url",
            "publisher",
            "author",
            "published_on",
            "language",
            "kind",
            "is_primary",
            "summary",
            "text",
            "content_hash",
            "mentioned_agreements",
            "mentioned_participants",
            "mentioned_minerals",
            "citations",
            "created_at",
            "updated_at",
            "expanded",
        )
        validators = []  # the source URL's uniqueness is checked by the service's full_clean


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
    expandable = {"document": Expand("document", "document", False, _related("document"))}

    url = RecordURLField()
    subject_type = SubjectTypeField()
    subject_id = serializers.IntegerField(source="object_id", min_value=1)
    subject_url = LinkField(source="subject", allow_null=True)
    document = _slug(m.Document)
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
                note=validated_data.get("note", ""),
                by=validated_data.get("by"),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(self.api_errors(exc)) from exc


# Serializers by resource name, for expansion and the schema.
SERIALIZERS: dict[str, type[serializers.ModelSerializer]] = {
    "agreement": AgreementSerializer,
    "participant": ParticipantSerializer,
    "participation": ParticipationSerializer,
    "milestone": MilestoneSerializer,
    "event": EventSerializer,
    "measure": MeasureSerializer,
    "mineral": MineralSerializer,
    "mineral-list": MineralListSerializer,
    "document": DocumentSerializer,
    "citation": CitationSerializer,
}


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField(source="name", help_text="The field's API name.")
    label = serializers.CharField()
    old = serializers.CharField(help_text="As the public pages show it; empty when unset.")
    new = serializers.CharField()


class VersionSerializer(serializers.Serializer):
    """One version of a record: what it changed against the version before it."""

    version = serializers.IntegerField(help_text="Stable: `?version=` on the record returns it.")
    date = serializers.DateTimeField(source="when")
    type = serializers.ChoiceField(source="kind", choices=["created", "changed", "deleted"])
    reason = serializers.CharField()
    via = serializers.ChoiceField(
        source="row.history_via",
        choices=[(via.value, via.label) for via in m.Via],
        help_text="How the change arrived; empty for a direct call (a script).",
    )
    editor = serializers.CharField(
        allow_null=True, help_text="The editor's public name, when they chose to be named."
    )
    changes = FieldChangeSerializer(source="fields", many=True)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["editor"] = data["editor"] or None
        return data


class VersionPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = VersionSerializer(many=True)


class ReferenceSerializer(serializers.Serializer):
    """A citation of one version of a record, in three forms."""

    version = serializers.IntegerField()
    version_date = serializers.DateTimeField()
    url = serializers.URLField(help_text="The permanent address of this version.")
    text = serializers.CharField()
    bibtex = serializers.CharField()
    csl_json = serializers.DictField(help_text="One CSL-JSON item (type dataset).")
