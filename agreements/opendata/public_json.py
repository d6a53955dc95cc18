"""The public dataset's format: a Django JSON fixture that names no editor.

The same rows as the staff backup (`export_kb`), except that history rows say nothing
about who made them: staff are credited only where they choose (their editor profile,
on the history pages), never by user name. The file still loads with `import_kb`.
"""

from django.core.serializers.json import Deserializer
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["NULLED_FIELDS", "Deserializer", "Serializer"]

# Written as null in every row: who made a change.
NULLED_FIELDS = ("history_user",)


class Serializer(JSONSerializer):
    def handle_fk_field(self, obj, field):
        if field.name in NULLED_FIELDS:
            self._current[field.name] = None
            return
        super().handle_fk_field(obj, field)
