"""What the record serializers embed or compute: inline relations, aliases and list
entries, the window and a milestone's state.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.timeline import MilestoneState, WindowPhase

from ..fields import LinkField, RecordURLField


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


class AliasSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)


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


class MineralListEntryInlineSerializer(serializers.Serializer):
    mineral = serializers.CharField(source="mineral.slug", read_only=True)
    mineral_url = LinkField(source="mineral")
    name_as_listed = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    change = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
