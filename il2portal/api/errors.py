"""The API's error format: ``{"error": {"code", "message", "detail"}}`` for every 4xx."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


class ApiError(exceptions.APIException):
    """Raise from services or views with a machine code and a sentence for a person."""

    def __init__(self, code: str, message: str, *, status_code: int = 400, detail: dict | None = None):
        self.status_code = status_code
        self.code = code
        self.message = message
        self.extra = detail or {}
        super().__init__(detail=message, code=code)


_CODES = {
    exceptions.NotAuthenticated: ("not_authenticated", "Authentication credentials were not provided."),
    exceptions.AuthenticationFailed: ("authentication_failed", None),
    exceptions.PermissionDenied: ("permission_denied", None),
    exceptions.NotFound: ("not_found", "Not found in your labs."),
    exceptions.MethodNotAllowed: ("method_not_allowed", None),
    exceptions.NotAcceptable: ("not_acceptable", None),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", None),
    exceptions.ParseError: ("malformed_request", None),
    exceptions.Throttled: ("throttled", None),
}


def _first_message(detail, path: str = "") -> str:
    """The first validation message, prefixed with where it is (field, row)."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key == "non_field_errors":
                return _first_message(value, path)
            if isinstance(key, int) or str(key).isdigit():
                return _first_message(value, f"{path}[{key}]")
            return _first_message(value, f"{path}.{key}" if path else str(key))
    if isinstance(detail, list):
        for index, value in enumerate(detail):
            if value in ({}, [], None):
                continue
            nested = isinstance(value, (dict, list))
            return _first_message(value, f"{path}[{index}]" if nested else path)
    text = str(detail)
    return f"{path}: {text}" if path else text


def in_use_error(exc: ProtectedError | RestrictedError) -> ApiError:
    """409 naming what still refers to the record (at most 20 of them), e.g. the arms dosing a lot."""
    users = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or [])
    by_kind: dict[type, list] = {}
    for obj in users:
        by_kind.setdefault(type(obj), []).append(obj)
    parts = []
    for model, objs in by_kind.items():
        kind = model._meta.verbose_name if len(objs) == 1 else model._meta.verbose_name_plural
        names = ", ".join(str(o) for o in objs[:5]) + (", …" if len(objs) > 5 else "")
        parts.append(f"{len(objs)} {kind} ({names})")
    message = "It cannot be deleted: it is used by " + "; ".join(parts) + "." if parts else "It is in use."
    detail = {
        "used_by": [{"model": o._meta.label_lower, "id": o.pk, "name": str(o)} for o in users[:20]],
        "used_by_count": len(users),
    }
    return ApiError("in_use", message, status_code=409, detail=detail)


def error_body(code: str, message: str, detail=None) -> dict:
    return {"error": {"code": code, "message": message, "detail": detail or {}}}


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = ApiError(
            "request_too_large",
            f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1e6:.1f} MB, the limit.",
            status_code=413,
        )
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = ApiError("malformed_request", f"The form has too many fields or files ({exc}).")
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = in_use_error(exc)
    elif isinstance(exc, IntegrityError):
        # a unique constraint hit by two requests at once (validation ran before either insert)
        exc = ApiError(
            "conflict",
            "The change clashes with a record stored at the same moment by another request; nothing was "
            "changed. Reload and try again.",
            status_code=409,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let it be a 500 and reach the logs
    if isinstance(exc, ApiError):
        body = error_body(exc.code, exc.message, exc.extra)
    elif isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body = error_body("validation_error", _first_message(detail), detail)
    else:
        code, default_message = next(
            ((c, m) for cls, (c, m) in _CODES.items() if isinstance(exc, cls)), ("error", None)
        )
        body = error_body(code, default_message or str(exc.detail))
    response.data = body
    return response


def json_error_response(code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)
