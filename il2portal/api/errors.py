"""The API's error format: ``{"error": {"code", "message", "detail"}}`` for every 4xx."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

log = logging.getLogger(__name__)


def is_unique_violation(exc: IntegrityError) -> bool:
    """A clash of two requests: PostgreSQL's ``unique_violation`` (SQLSTATE 23505) or a row referred to
    that another request deleted meanwhile (``foreign_key_violation``, 23503); SQLite's wording of both."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in ("23505", "23503"):
        return True
    return "UNIQUE constraint failed" in str(exc) or "FOREIGN KEY constraint failed" in str(exc)


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


def error_body(code: str, message: str, detail=None) -> dict:
    return {"error": {"code": code, "message": message, "detail": detail or {}}}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = ApiError(
            "request_too_large",
            f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1e6:.1f} MB, the limit.",
            status_code=413,
        )
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = ApiError("malformed_request", f"The form has too many fields or files ({exc}).")
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        exc = in_use_error(exc)
    elif isinstance(exc, FileNotFoundError):
        # an original that the file store (FILE_STORAGE_DIR) no longer holds: a fault of the deployment,
        # said plainly instead of an HTML 500
        log.error("a stored file is missing from the file store: %s", exc)
        exc = ApiError(
            "file_store_unavailable",
            "The uploaded original could not be read from the file store; nothing was changed. Ask an "
            "administrator to check the file storage (FILE_STORAGE_DIR).",
            status_code=503,
        )
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        exc = unsupported_media_type(exc, context)
    elif isinstance(exc, IntegrityError) and is_unique_violation(exc):
        # a race past the services' own checks (two requests creating the same name at once)
        log.warning("unique constraint hit by a concurrent request: %s", exc)
        exc = ApiError(
            "conflict",
            "The change clashes with a record another request stored or deleted at the same moment "
            "(same name, tag or date); nothing was changed. Reload and try again.",
            status_code=409,
        )
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


def unsupported_media_type(exc, context) -> ApiError:
    """415 naming the media type sent and the one the endpoint takes (JSON, or multipart for uploads)."""
    request = context.get("request")
    accepted = sorted({p.media_type for p in getattr(request, "parsers", None) or []})
    sent = (getattr(request, "content_type", "") or "").split(";")[0].strip() or "no Content-Type"
    takes = " or ".join(accepted) or "no body"
    return ApiError(
        "unsupported_media_type",
        f"The body is sent as {sent}; this endpoint takes {takes}.",
        status_code=415,
        detail={"content_type": sent, "accepted": accepted},
    )


def json_error_response(code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


def in_use_error(exc: ProtectedError | RestrictedError) -> ApiError:
    """409 for a delete refused because other records use the object, naming them."""
    users = list(exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects)
    return ApiError(
        "in_use",
        f"This record cannot be deleted because it is used by: {describe_uses(users)}. "
        "Remove or change those first.",
        status_code=409,
        detail={
            "used_by": [
                {"model": obj._meta.label_lower, "id": obj.pk, "name": str(obj)} for obj in users[:50]
            ],
            "used_by_count": len(users),
        },
    )


def describe_uses(objs) -> str:
    """``"3 layout wells of layout 'Std curve'; group 'Vehicle' of study 'MC38-01'"``."""
    groups: dict[tuple[str, str], list] = {}
    for obj in objs:
        if obj._meta.model_name == "armtreatment":
            obj = obj.arm  # a treatment is known to people by its study group
        owner = ""
        if getattr(obj, "layout_id", None) and obj._meta.model_name == "layoutwell":
            owner = f" of layout {obj.layout.name!r}"
        elif getattr(obj, "study_id", None):
            owner = f" of study {obj.study.name!r}"
        groups.setdefault((str(obj._meta.verbose_name), owner), []).append(obj)
    parts = []
    for (name, owner), members in sorted(groups.items()):
        if len(members) == 1:
            parts.append(f"{name} {str(members[0])!r}{owner}")
        else:
            plural = str(members[0]._meta.verbose_name_plural)
            names = ", ".join(repr(str(m)) for m in members[:5]) + (", …" if len(members) > 5 else "")
            parts.append(f"{len(members)} {plural}{owner} ({names})")
    shown = parts[:10] + ([f"{len(parts) - 10} more"] if len(parts) > 10 else [])
    return "; ".join(shown)
