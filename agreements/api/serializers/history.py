"""A record's versions (what each changed) and the references that cite one."""

from rest_framework import serializers

from agreements import models as m


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
