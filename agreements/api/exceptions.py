"""Errors as JSON with the status a client can act on.

- Django's ValidationError (from a service's full_clean) → 400 with field messages;
  with code "protected" (services.record_delete: others still refer to the record)
  → 409 Conflict.
- IntegrityError (a concurrent write won a unique race) → 409 Conflict.
- A stale If-Match → 412 Precondition Failed.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the records."
    default_code = "conflict"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record has changed since you read it (If-Match does not match its ETag). "
        "Read it again and re-apply your change."
    )
    default_code = "precondition_failed"


def _is_protected(exc: DjangoValidationError) -> bool:
    return (
        any(error.code == "protected" for error in exc.error_list)
        if hasattr(exc, "error_list")
        else False
    )


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if _is_protected(exc):
            exc = Conflict(detail=" ".join(exc.messages), code="protected")
        else:
            exc = serializers.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, IntegrityError):
        exc = Conflict()
    return drf_exception_handler(exc, context)
