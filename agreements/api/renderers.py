"""CSV for list endpoints (`?format=csv`), one row per record of the page."""

import json

from rest_framework_csv.renderers import CSVRenderer

from agreements.opendata.spreadsheet import safe_cell


class ListCSVRenderer(CSVRenderer):
    """One column per field, in the representation's own order.

    Lists of slugs or URLs become one cell joined by "; "; objects (the window) and
    lists of objects (citations, entries) become one JSON cell, so no content is lost
    and every row has the same columns whether a value is empty or not.
    """

    list_separator = "; "

    def render(self, data, media_type=None, renderer_context=None):
        renderer_context = dict(renderer_context or {})
        rows = data.get("results", []) if isinstance(data, dict) and "results" in data else data
        if isinstance(rows, list) and rows:
            renderer_context.setdefault("header", list(rows[0]))
        elif "view" in renderer_context:
            # An empty page still names its columns (and is never an empty body).
            renderer_context.setdefault(
                "header", list(renderer_context["view"].get_serializer().fields)
            )
        return super().render(rows, media_type, renderer_context)

    def flatten_item(self, item):
        return {key: safe_cell(self._cell(value)) for key, value in item.items()}

    def _cell(self, value):
        if isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
            return self.list_separator.join(str(element) for element in value)
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False, default=str)
        return value
