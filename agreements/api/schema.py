"""OpenAPI for what KBViewSet really does, on top of drf-spectacular's inference.

Adds to every operation: anonymous access on reads, `expand`, `format` (lists),
the conditional headers (If-None-Match / If-Modified-Since / If-Match in, ETag /
Last-Modified out), Retry-After on 429, and every error status the API returns, with its body.
"""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_array_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import SAFE_METHODS

from agreements import languages

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": (
        "Messages by parameter or field name; `non_field_errors` for the record as a whole; "
        "`detail` when the body could not be read at all."
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}

ERRORS = {
    "400": ("Bad input: unknown or malformed parameters or fields.", FIELD_ERRORS),
    "401": ("Writing needs a token (`Authorization: Token …`) or a staff session.", ERROR),
    "403": ("Signed in, but without the model permission (or without a CSRF token).", ERROR),
    "404": ("No such record, or a page past the last one.", ERROR),
    "405": ("This method is not allowed here.", ERROR),
    "406": ("None of the accepted media types can be served.", ERROR),
    "409": ("Other records still refer to this one, or a write raced another.", ERROR),
    "412": ("If-Match does not match the record's current ETag: nothing was changed.", ERROR),
    "415": ("The request body's media type is not supported.", ERROR),
    "429": ("Too many requests: wait the number of seconds in Retry-After.", ERROR),
}


class KBAutoSchema(AutoSchema):
    def _is_list(self) -> bool:
        return self._is_list_view() and self.method == "GET"

    def get_auth(self):
        auths = super().get_auth()
        # DjangoModelPermissionsOrAnonReadOnly: anyone may read.
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        serializer = self._get_serializer()
        expandable = list(getattr(serializer, "expandable", {}) or {})
        action = getattr(self.view, "action", None)
        if expandable and action in ("list", "retrieve"):
            parameters.append(
                OpenApiParameter(
                    "expand",
                    {"type": "array", "items": {"type": "string", "enum": expandable}},
                    OpenApiParameter.QUERY,
                    style="form",
                    explode=False,
                    description="Related records to embed in `expanded` (comma-separated).",
                )
            )
        if action in ("retrieve", "cite"):
            parameters += [
                OpenApiParameter(
                    "as_of",
                    OpenApiTypes.DATE,
                    OpenApiParameter.QUERY,
                    description=(
                        "The record as it stood at the end of this day (site time zone), "
                        "rebuilt from its history; 404 if it did not exist then."
                    ),
                ),
                OpenApiParameter(
                    "version",
                    {"type": "integer", "minimum": 1},
                    OpenApiParameter.QUERY,
                    description="One version, by the number `/history/` gives; not with as_of.",
                ),
            ]
        if action == "history":
            parameters += [
                OpenApiParameter(
                    name,
                    {"type": "integer", "minimum": 1, **bound},
                    OpenApiParameter.QUERY,
                    description=description,
                )
                for name, bound, description in (
                    ("page", {}, "A page of versions, newest first."),
                    ("page_size", {"maximum": 500}, "Versions per page (default 50)."),
                )
            ]
        if action == "retrieve":
            parameters.append(
                OpenApiParameter(
                    "Memento-Datetime",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    response=["200"],
                    description="With as_of or version: the moment shown (HTTP date).",
                )
            )
        if self._is_list():
            for name, spec in self.view.filterset_class.base_filters.items():
                if getattr(spec, "lookup_expr", "") == "year":
                    parameters.append(
                        OpenApiParameter(
                            name,
                            {"type": "integer", "minimum": 1, "maximum": 9999},
                            OpenApiParameter.QUERY,
                            description=str(spec.label or name),
                        )
                    )
            parameters.append(
                OpenApiParameter(
                    "format",
                    OpenApiTypes.STR,
                    OpenApiParameter.QUERY,
                    enum=["json", "csv"],
                    description="`csv` for one row per record of the page.",
                )
            )
        parameters += [
            OpenApiParameter(
                languages.PARAMETER,
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(languages.CODES),
                description="The language of labels and messages; wins over Accept-Language.",
            ),
            OpenApiParameter(
                "Accept-Language",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="The language of labels and messages (en or es; default en).",
            ),
            OpenApiParameter(
                "Content-Language",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=True,
                description="The language the response is in.",
            ),
        ]
        if self.method == "GET":
            parameters += [
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="An ETag you hold: 304 when it is still current.",
                ),
                OpenApiParameter(
                    "If-Modified-Since",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=(
                        "An HTTP date (a Last-Modified you hold): 304 when nothing shown "
                        "changed since. Ignored when If-None-Match is sent."
                    ),
                ),
                OpenApiParameter(
                    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=["200", "304"]
                ),
                OpenApiParameter(
                    "Last-Modified",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    response=["200", "304"],
                    description=(
                        "When this representation was rendered (HTTP date): never before the "
                        "last change it shows."
                    ),
                ),
            ]
        if self.method in ("PUT", "PATCH", "DELETE"):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=(
                        "The ETag you read: the write happens only if the record is unchanged "
                        "(else 412)."
                    ),
                )
            )
        parameters.append(
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=["429"],
                description="Seconds to wait.",
            )
        )
        return parameters

    def _error_codes(self) -> list[str]:
        codes = ["400", "404", "405", "406", "429"]
        if self.method in SAFE_METHODS:
            return codes
        codes += ["401", "403", "409", "415"]
        if self.method != "POST":
            codes.append("412")
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET":
            responses["304"] = {
                "headers": self._get_response_headers_for_code("304", direction),
                "description": "Not modified: the ETag you sent is current.",
            }
        if self._is_list() and "200" in responses:
            content = responses["200"].get("content", {})
            if "text/csv" in content:
                content["text/csv"] = {"schema": {"type": "string"}}
        for code in self._error_codes():
            description, schema = ERRORS[code]
            responses[code] = {
                "content": {"application/json": {"schema": schema}},
                "description": description,
            }
            headers = self._get_response_headers_for_code(code, direction)
            if headers:
                responses[code]["headers"] = headers
        return responses


class ExpandedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "agreements.api.serializers.base.ExpandedField"

    def map_serializer_field(self, auto_schema, direction):
        serializers = self.target.record_serializers
        properties = {}
        for name, spec in self.target.parent.expandable.items():
            ref = auto_schema.resolve_serializer(serializers[spec.serializer], direction).ref
            properties[name] = (
                build_array_type(ref) if spec.many else {"allOf": [ref], "nullable": True}
            )
        return {
            "type": "object",
            "readOnly": True,
            "description": "Present keys are the relations named in `expand`, one level deep.",
            "properties": properties,
        }


class StaffSessionScheme(OpenApiAuthenticationExtension):
    target_class = "agreements.api.authentication.StaffSessionAuthentication"
    name = "staffSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "A staff member's admin session; writes also need the CSRF token.",
        }
