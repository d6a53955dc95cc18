"""GET /api/v1/search/: full-text search with snippets and facets, as JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements import languages
from agreements.models import Language, SearchKind
from agreements.search import engine
from agreements.search.forms import SearchForm
from agreements.search.query import MAX_QUERY_LENGTH
from agreements.search.statement import EXACT_COUNT, MAX_LIMIT, MAX_OFFSET, RANK_ALL, RANK_BLOCK


class SearchAPIForm(SearchForm):
    """The page's form, with a window instead of page numbers; the query is required."""

    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH)
    limit = forms.IntegerField(min_value=1, max_value=MAX_LIMIT, required=False)
    offset = forms.IntegerField(min_value=0, max_value=MAX_OFFSET, required=False)


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SearchKind.choices)
    kind_label = serializers.CharField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="The title, HTML-escaped, matches in <mark>.")
    snippet_html = serializers.CharField(
        help_text="A passage around the best match, HTML-escaped, matches in <mark>."
    )
    url = serializers.URLField(help_text="The record's public page (an absolute URL).")
    language = serializers.ChoiceField(choices=Language.choices)
    language_label = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    rank = serializers.FloatField(help_text="Higher is more relevant; comparable within a query.")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Pass it back as the facet's query parameter.")
    label = serializers.CharField()
    count = serializers.IntegerField()
    count_is_estimate = serializers.BooleanField(
        help_text="The count is estimated from a random sample and rounded to two "
        "significant figures (see the response's `count_is_estimate`)."
    )
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    kind = FacetValueSerializer(many=True)
    year = FacetValueSerializer(many=True)
    language = FacetValueSerializer(many=True)
    participant = FacetValueSerializer(many=True)
    mineral = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="The query as matched: lowercased, accents stripped.")
    count = serializers.IntegerField(help_text="How many records match.")
    count_is_estimate = serializers.BooleanField(
        help_text=(
            f"True when more than {EXACT_COUNT:,} records of one type match: their "
            "number is then estimated from a random sample of that many, and `count` "
            "(and each facet count marked so) is rounded to two significant figures."
        )
    )
    all_ranked = serializers.BooleanField(
        help_text=(
            f"True when every match was ranked (up to {RANK_ALL:,} matches). Beyond, "
            "the results are the matches with every word in the title, aliases or "
            "summary, most recent first, then the others, in blocks of "
            f"{RANK_BLOCK} ranked by relevance."
        )
    )
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()


def _facet(name: str, description: str, type_=OpenApiTypes.STR, enum=None) -> OpenApiParameter:
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, enum=enum)


class SearchAPIView(APIView):
    """Full-text search over agreements, milestones, participants, minerals, events and
    documents, best match first."""

    permission_classes = [AllowAny]
    serializer_class = SearchResponseSerializer  # for the schema

    @extend_schema(
        operation_id="search",
        summary="Search the knowledge base",
        description=(
            'Words, "quoted phrases", -excluded words and `or`, in English or Spanish; '
            'case and accents are ignored and aliases count ("aluminio" finds aluminum). '
            "Facets count the matches by type, year, language, participant and mineral; "
            "pass a facet's `value` back as its parameter to filter. An unknown facet value "
            "is a 400. Very large result sets are counted from a random sample "
            "(`count_is_estimate`) and ranked in blocks of their most recent matches "
            "(`all_ranked`)."
        ),
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                description=f"The query, at most {MAX_QUERY_LENGTH} characters.",
            ),
            _facet("kind", "Only this type of record.", enum=SearchKind.values),
            _facet("year", "Only records of this year.", OpenApiTypes.INT),
            _facet("language", "Only records in this language.", enum=Language.values),
            _facet("participant", "Only records linked to this participant (slug)."),
            _facet("mineral", "Only records linked to this mineral (slug)."),
            _facet("limit", f"Results to return, 1–{MAX_LIMIT} (20).", OpenApiTypes.INT),
            _facet("offset", f"Results to skip, 0–{MAX_OFFSET} (0).", OpenApiTypes.INT),
        ],
        responses={
            200: SearchResponseSerializer,
            400: OpenApiResponse(description="Invalid parameters, with a message per field."),
        },
    )
    def get(self, request: Request) -> Response:
        form = SearchAPIForm(request.query_params)
        valid = form.is_valid()
        errors = {
            name: [error["message"] for error in field_errors]
            for name, field_errors in form.errors.get_json_data().items()
        }
        # As on every other endpoint: a parameter it does not take (`page`, a typo) is a
        # 400 that says which it takes, not a silently ignored filter.
        allowed = {"format", languages.PARAMETER, *form.fields}
        errors.update(languages.parameter_errors(request.query_params))
        for name in request.query_params:
            if name not in allowed:
                errors[name.replace("\x00", "\\x00")] = [
                    f"Unknown parameter. This endpoint takes: {', '.join(sorted(allowed))}."
                ]
        if not valid or errors:
            raise serializers.ValidationError(errors)
        results = engine.search(
            form.cleaned_data["q"],
            filters=form.filters(),
            limit=form.cleaned_data["limit"] or 20,
            offset=form.cleaned_data["offset"] or 0,
        )
        empty = {name: [] for name in ("kind", "year", "language", "participant", "mineral")}
        payload = {
            "query": results.query,
            "count": results.count,
            "count_is_estimate": results.count_is_estimate,
            "all_ranked": results.all_ranked,
            "limit": results.limit,
            "offset": results.offset,
            "results": [
                {**hit.__dict__, "url": request.build_absolute_uri(hit.url)} for hit in results.hits
            ],
            "facets": {**empty, **results.facets},
        }
        return Response(SearchResponseSerializer(payload).data)
