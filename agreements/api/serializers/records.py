"""One serializer per record type, and the map of them by resource name."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from agreements import models as m

from ..fields import LinkField, LinksField
from .base import (
    MAX_DAYS,
    SMALL_POSITIVE,
    Expand,
    ExpandedField,
    KBSerializer,
    related,
    related_all,
    slug,
)
from .citations import CitationSerializer
from .nested import (
    AgreementLinkInlineSerializer,
    AliasSerializer,
    MilestoneStateField,
    MilestoneStateLabelField,
    MineralListEntryInlineSerializer,
    ParticipationInlineSerializer,
    WindowField,
)


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
        "milestones": Expand("milestone", "milestones", True, related_all("milestones")),
        "measures": Expand("measure", "measures", True, related_all("measures")),
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


class ParticipantSerializer(KBSerializer):
    select = ("parent",)
    prefetch = ("aliases",)
    expandable = {"parent": Expand("participant", "parent", False, related("parent"))}

    parent = slug(m.Participant, required=False, allow_null=True)
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
        "agreement": Expand("agreement", "agreement", False, related("agreement")),
        "participant": Expand("participant", "participant", False, related("participant")),
    }

    agreement = slug(m.Agreement)
    agreement_url = LinkField(source="agreement")
    participant = slug(m.Participant)
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


class MilestoneSerializer(KBSerializer):
    select = ("agreement",)
    prefetch = ("responsible", "evidence")
    expandable = {
        "agreement": Expand("agreement", "agreement", False, related("agreement")),
        "responsible": Expand("participant", "responsible", True, related_all("responsible")),
        "evidence": Expand("document", "evidence", True, related_all("evidence")),
    }

    agreement = slug(m.Agreement)
    agreement_url = LinkField(source="agreement")
    due_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="`due_on`, or the date of day `due_day`."
    )
    state = MilestoneStateField()
    state_label = MilestoneStateLabelField()
    responsible = slug(m.Participant, many=True, required=False)
    responsible_urls = LinksField(source="responsible")
    evidence = slug(m.Document, many=True, required=False)
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
        "participants": Expand("participant", "participants", True, related_all("participants")),
        "agreements": Expand("agreement", "agreements", True, related_all("agreements")),
    }

    participants = slug(m.Participant, many=True, required=False)
    participant_urls = LinksField(source="participants")
    agreements = slug(m.Agreement, many=True, required=False)
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
        "agreement": Expand("agreement", "agreement", False, related("agreement")),
        "minerals": Expand("mineral", "minerals", True, related_all("minerals")),
    }

    agreement = slug(m.Agreement)
    agreement_url = LinkField(source="agreement")
    minerals = slug(m.Mineral, many=True, required=False)
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


class MineralListSerializer(KBSerializer):
    select = ("issuer", "agreement", "previous_edition")
    prefetch = ("entries__mineral",)
    expandable = {
        "issuer": Expand("participant", "issuer", False, related("issuer")),
        "agreement": Expand("agreement", "agreement", False, related("agreement")),
        "minerals": Expand(
            "mineral",
            "entries__mineral",
            True,
            lambda mineral_list: list(
                {entry.mineral_id: entry.mineral for entry in mineral_list.entries.all()}.values()
            ),
        ),
    }

    issuer = slug(m.Participant)
    issuer_url = LinkField(source="issuer")
    agreement = slug(m.Agreement, required=False, allow_null=True)
    agreement_url = LinkField(source="agreement", allow_null=True)
    previous_edition = slug(m.MineralList, required=False, allow_null=True)
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
            "agreement", "mentioned_agreements", True, related_all("mentioned_agreements")
        ),
        "participants": Expand(
            "participant", "mentioned_participants", True, related_all("mentioned_participants")
        ),
        "minerals": Expand(
            "mineral", "mentioned_minerals", True, related_all("mentioned_minerals")
        ),
    }

    # `url` is the record's API URL, as everywhere; the document's own address is here.
    source_url = serializers.URLField(
        source="url", max_length=1000, required=False, allow_blank=True
    )
    mentioned_agreements = slug(m.Agreement, many=True, required=False)
    mentioned_participants = slug(m.Participant, many=True, required=False)
    mentioned_minerals = slug(m.Mineral, many=True, required=False)

    class Meta:
        model = m.Document
        fields = (
            "url",
            "slug",
            "title",
            "source_url",
            "archived_url",
            "no_address_reason",
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
ExpandedField.record_serializers = SERIALIZERS
