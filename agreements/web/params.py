"""Answers to bad query parameters, shared by the downloads and the feeds."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse


def bad_request(errors: dict[str, list[str]], fmt: str = "text") -> HttpResponse:
    """A 400 naming each parameter and what is wrong with it: JSON for a JSON download,
    plain text otherwise."""
    if fmt == "json":
        return JsonResponse(errors, status=400, json_dumps_params={"ensure_ascii": False})
    lines = "".join(f"{name}: {' '.join(messages)}\n" for name, messages in errors.items())
    return HttpResponseBadRequest(lines, content_type="text/plain; charset=utf-8")
