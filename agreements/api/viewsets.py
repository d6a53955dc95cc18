"""The one base class behind every resource: the mechanics the viewsets do not repeat.

- Query parameters are checked before anything runs: an unknown name, a NUL byte, an
  unsupported format or expansion is a 400 that names the parameter.
- Reads join what the serializer (and `?expand=`) needs, so the query count does not
  grow with the rows, and go through the conditional cache (ETag, 304, cached bodies).
- Writes run in a transaction that locks the row, honour If-Match (412 when stale) and
  go through the services with the acting user.
- Errors are JSON even when the client asked for CSV.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.http import http_date
from django_filters import BooleanFilter, NumberFilter
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from agreements import caching, languages, services
from agreements.history import changes, citing, snapshots
from agreements.history.recording import recording
from agreements.history.versions import versions_of
from agreements.models import Via

from .exceptions import PreconditionFailed
from .pagination import KBPagination
from .renderers import ListCSVRenderer
from .serializers.history import ReferenceSerializer, VersionPageSerializer, VersionSerializer
from .serializers.records import SERIALIZERS


class StrictOrderingFilter(OrderingFilter):
    """DRF's OrderingFilter ignores fields it does not know; this one refuses them."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw:
            fields = [part.strip() for part in raw.split(",") if part.strip()]
            valid = self.remove_invalid_fields(queryset, fields, view, request)
            invalid = [field for field in fields if field not in valid]
            if invalid or not fields:
                allowed = ", ".join(name for name, _label in self.get_valid_fields(queryset, view))
                raise ValidationError(
                    {self.ordering_param: [f"Sort by one of: {allowed} (prefix - to reverse)."]}
                )
        return super().get_ordering(request, queryset, view)


def _is_day(value: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class KBViewSet(viewsets.ModelViewSet):
    lookup_field = "slug"
    # Any segment reaches the view, so a malformed slug or id is a JSON 404, not the
    # site's HTML one.
    lookup_value_regex = r"[^/]+"
    pagination_class = KBPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, ListCSVRenderer]
    parser_classes = [JSONParser]  # one body format: what the schema documents
    search_fields: tuple[str, ...] = ()
    ordering_fields: tuple[str, ...] = ("updated_at",)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        backends = [DjangoFilterBackend]
        if cls.search_fields:
            backends.append(SearchFilter)
        if "ordering" not in cls.filterset_class.base_filters:
            backends.append(StrictOrderingFilter)
        cls.filter_backends = backends

    # Parameters ------------------------------------------------------------------

    def allowed_query_params(self) -> set[str]:
        allowed = {"format", "expand"}
        if self.action in ("retrieve", "cite"):
            allowed |= {"as_of", "version"}
        if self.action == "history":
            allowed = {"format", "page", "page_size"}
        if self.action == "cite":
            allowed = {"format", "as_of", "version"}
        if self.action == "list":
            allowed |= set(self.filterset_class.base_filters) | {"page", "page_size", "ordering"}
            if self.search_fields:
                allowed.add("search")
        return allowed | {languages.PARAMETER}

    def initial(self, request, *args, **kwargs):
        # A method this route does not serve is a 405 whatever its parameters.
        if hasattr(self, request.method.lower()):
            self.check_query_params(request)
        super().initial(request, *args, **kwargs)

    def check_query_params(self, request) -> None:
        errors: dict[str, list[str]] = {}
        for name, values in request.query_params.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                errors[name.replace("\x00", "\\x00")] = ["Null characters are not allowed."]
        for name, values in request.query_params.lists():
            # django-filter reads an empty value as "no filter"; the API says so instead.
            if name not in errors and any(value == "" for value in values):
                errors[name] = ["An empty value is not allowed: leave the parameter out."]
        allowed = self.allowed_query_params()
        errors.update(languages.parameter_errors(request.query_params))
        for name in request.query_params:
            if name not in allowed and "\x00" not in name:
                errors[name] = [
                    f"Unknown parameter. This endpoint takes: {', '.join(sorted(allowed))}."
                ]
        if self.action == "list":
            # django-filter reads any unknown word as "no filter"; the schema says boolean.
            for name, spec in self.filterset_class.base_filters.items():
                value = request.query_params.get(name)
                if (
                    isinstance(spec, BooleanFilter)
                    and value is not None
                    and value.lower() not in ("true", "false", "1", "0")
                ):
                    errors[name] = ["Use true or false."]
                # Every NumberFilter here is on a whole-number field, as the schema says.
                if (
                    isinstance(spec, NumberFilter)
                    and value is not None
                    and not re.fullmatch(r"-?[0-9]{1,18}", value)
                ):
                    errors[name] = ["A whole number is required."]
                # A year outside 1–9999 cannot become a date range in SQL.
                elif (
                    getattr(spec, "lookup_expr", "") == "year"
                    and value is not None
                    and not (value.isascii() and value.isdigit() and 1 <= int(value) <= 9999)
                ):
                    errors[name] = ["A year is a whole number from 1 to 9999."]
        as_of = request.query_params.get("as_of")
        if as_of is not None and "as_of" not in errors and not _is_day(as_of):
            errors["as_of"] = ["A date is required: YYYY-MM-DD."]
        version = request.query_params.get("version")
        if (
            version is not None
            and not errors.get("version")
            and not re.fullmatch(r"[1-9][0-9]{0,17}", version)
        ):
            errors["version"] = ["A version number is required: a positive whole number."]
        if "format" in request.query_params and not errors.get("format"):
            formats = [renderer.format for renderer in self.get_renderers()]
            if request.query_params["format"] not in formats:
                errors["format"] = [f"Choose one of: {', '.join(formats)}."]
        if "expand" in request.query_params and not errors.get("expand"):
            unknown = set(self.expand_names()) - set(self.get_serializer_class().expandable)
            if unknown:
                choices = ", ".join(self.get_serializer_class().expandable) or "nothing"
                errors["expand"] = [
                    f"Cannot expand {', '.join(sorted(unknown))}; this endpoint expands: {choices}."
                ]
        if errors:
            raise ValidationError(errors)

    def expand_names(self) -> tuple[str, ...]:
        raw = ",".join(self.request.query_params.getlist("expand"))
        return tuple(dict.fromkeys(name.strip() for name in raw.split(",") if name.strip()))

    # Reading ---------------------------------------------------------------------

    def get_renderers(self):
        renderers = super().get_renderers()
        # CSV is for lists; a method no action serves keeps it, to answer 405 not 404.
        if self.action not in ("list", None):
            renderers = [renderer for renderer in renderers if renderer.format != "csv"]
        return renderers

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["expand"] = self.expand_names()
        return context

    def _read_joins(self) -> tuple[tuple[str, ...], list]:
        """What the representation reads: (select_related, prefetch_related lookups)."""
        serializer_class = self.get_serializer_class()
        prefetches = list(serializer_class.prefetches())
        for name in self.expand_names():
            spec = serializer_class.expandable[name]
            nested = SERIALIZERS[spec.serializer]
            prefetches += [spec.path, *nested.nested_prefetches(f"{spec.path}__")]
        return serializer_class.select, prefetches

    def get_queryset(self):
        select, prefetches = self._read_joins()
        return super().get_queryset().select_related(*select).prefetch_related(*prefetches)

    def check_throttles(self, request):
        # A request ReadCacheMiddleware already counted (and the throttles refused) is not
        # counted again.
        waits = getattr(request._request, "kb_throttle_waits", None)
        if waits is None:
            waits = [
                throttle.wait()
                for throttle in self.get_throttles()
                if not throttle.allow_request(request, self)
            ]
        if waits:
            self.throttled(request, max((wait for wait in waits if wait is not None), default=None))

    def list(self, request, *args, **kwargs):
        return self._conditional_read(request, self._render_list)

    def retrieve(self, request, *args, **kwargs):
        return self._conditional_read(request, self._render_detail)

    def _render_list(self):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _render_detail(self):
        instance = self.get_object()
        requested = self._requested_version(instance)
        if requested is None:
            return Response(self.get_serializer(instance).data)
        row, moment = requested
        select, prefetches = self._read_joins()
        old = snapshots.snapshot(row, moment=moment, paths=prefetches, select=select)
        context = self.get_serializer_context()
        # States and windows as they were on that day.
        context["today"] = timezone.localtime(moment).date()
        response = Response(self.get_serializer_class()(old, context=context).data)
        # RFC 7089: the moment this representation shows.
        response["Memento-Datetime"] = http_date(moment.timestamp())
        return response

    # Versions --------------------------------------------------------------------

    def _requested_version(self, instance):
        """(history row, moment) that `as_of` or `version` names, or None for now.

        `as_of=DAY` is the end of that day in the site's time zone, with the record's
        version in force then; `version=N` is the moment version N was made.
        """
        params = self.request.query_params
        as_of, version = params.get("as_of"), params.get("version")
        if as_of is None and version is None:
            return None
        if as_of is not None and version is not None:
            raise ValidationError({"version": ["Give as_of or version, not both."]})
        if version is not None:
            row = versions_of(instance).filter(history_id=int(version)).first()
            if row is None or row.history_type == "-":
                raise NotFound("This record has no such version.")
            return row, row.history_date
        _start, next_day = changes.day_bounds(None, dt.date.fromisoformat(as_of))
        moment = next_day - dt.timedelta(microseconds=1)
        row = snapshots.version_at(type(instance), instance.pk, moment)
        if row is None:
            raise NotFound("This record did not exist at the end of that day.")
        return row, moment

    @extend_schema(responses=VersionPageSerializer)
    @action(detail=True, methods=["get"])
    def history(self, request, *args, **kwargs):
        """The record's versions, newest first: what each changed, when, why, through what."""
        return self._conditional_read(request, self._render_history)

    @extend_schema(responses=ReferenceSerializer)
    @action(detail=True, methods=["get"])
    def cite(self, request, *args, **kwargs):
        """A reference to the current version (or to the `as_of` / `version` one)."""
        return self._conditional_read(request, self._render_reference)

    def _render_history(self):
        instance = self.get_object()
        page = self.paginate_queryset(versions_of(instance).values("history_id"))
        index = changes.tracked_models().index(type(instance))
        versions = changes.materialise(
            [{"history_id": row["history_id"], "model_index": index} for row in page]
        )
        return self.get_paginated_response(VersionSerializer(versions, many=True).data)

    def _render_reference(self):
        instance = self.get_object()
        requested = self._requested_version(instance)
        row = requested[0] if requested else citing.latest_version(instance)
        reference = citing.api_reference(self.request, instance, row)
        return Response(ReferenceSerializer(reference.as_dict()).data)

    def _conditional_read(self, request, render):
        key = None
        if (
            request.accepted_renderer.format in caching.CACHEABLE_FORMATS
            and caching.cache_timeout() > 0
        ):
            key = caching.read_cache_key(request)
            entry = caching.cache.get(key)
            if entry is not None:
                response = caching.replay(request, entry)
                if entry.headers is None:
                    # Rendered for a client whose headers differ: ReadCacheMiddleware
                    # keeps this anonymous reader's, for the next one.
                    response.kb_read_entry = (key, entry, caching.cache_timeout())
                return response
        response = render()
        response.add_post_render_callback(
            lambda rendered: caching.finish_read(request, rendered, key=key)
        )
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if getattr(response, "exception", False) and getattr(renderer, "format", "") == "csv":
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    # Writing ---------------------------------------------------------------------

    def _recording(self):
        """History rows of this request say it came through the API, and how."""
        via = Via.API_TOKEN if self.request.auth is not None else Via.API_SESSION
        return recording(via=via)

    def perform_create(self, serializer):
        with self._recording():
            serializer.save(by=self.request.user)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic(), self._recording():
            instance = self._locked_object()
            self._check_if_match(request, instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            serializer.save(by=request.user)
        # Read back by id (the slug may have changed): annotations (a milestone's due
        # date) and prefetches are stale now.
        fresh = self.filter_queryset(self.get_queryset()).get(pk=instance.pk)
        return self._with_etag(Response(self.get_serializer(fresh).data))

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic(), self._recording():
            instance = self._locked_object()
            self._check_if_match(request, instance)
            services.record_delete(instance=instance, by=request.user)
        return Response(status=204)

    def _locked_object(self):
        """The target row, locked until the transaction ends, so no write slips between
        the If-Match check and ours."""
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        manager = self.get_queryset().model._default_manager
        try:
            list(manager.select_for_update().filter(**{self.lookup_field: lookup}).values("pk"))
        except (TypeError, ValueError, DjangoValidationError):
            raise Http404 from None
        return self.get_object()

    def _check_if_match(self, request, instance) -> None:
        header = request.headers.get("If-Match")
        if header is None:
            return
        renderer = request.accepted_renderer
        media_type = request.accepted_media_type
        if renderer.format not in caching.CACHEABLE_FORMATS:
            renderer, media_type = JSONRenderer(), JSONRenderer.media_type
        data = self.get_serializer(instance).data
        content = renderer.render(data, media_type, self.get_renderer_context())
        if not caching.matches(header, caching.etag_for(content)):
            raise PreconditionFailed()

    def _with_etag(self, response):
        def add_etag(rendered):
            rendered["ETag"] = caching.etag_for(rendered.content)

        response.add_post_render_callback(add_etag)
        return response
