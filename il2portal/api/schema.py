"""The OpenAPI schema class: drf-spectacular's, plus what a generated client needs to be right.

- ``maxItems``/``minItems`` for nested list serializers (``Serializer(many=True, max_length=...)``),
  which drf-spectacular leaves out, so every list an endpoint takes has its documented maximum;
- pagination only where the server paginates: GET lists (a POST that answers a list, e.g. a batch of
  measurements, answers a plain array);
- one shared ``Error`` schema (``{"error": {code, message, detail}}``, il2portal/api/errors.py) on every
  operation, for each status it can answer (rules in :meth:`AutoSchema.error_statuses`); a view adds an
  operation's special ones (429, 503) by naming them in ``extend_schema(responses=...)``, with or without
  a body: a declared 4xx/5xx without one gets the ``Error`` schema;
- ``Idempotency-Key`` (request) and ``Idempotent-Replayed`` (response) headers on every POST
  (il2portal/idempotency.py).
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class ErrorInfoSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Machine code, e.g. `validation_error`, `not_found`, `parse_error`, `in_use`."
    )
    message = serializers.CharField(help_text="A sentence for a person, naming the field, row or cell.")
    detail = serializers.DictField(
        help_text="Structured detail: for `validation_error` the messages per field (rows by index); "
        "otherwise what the code documents (e.g. `import_id`, `limit_bytes`, `used_by`)."
    )


class ErrorSerializer(serializers.Serializer):
    """Every 4xx (and a 503) of the API: ``{"error": {"code", "message", "detail"}}``."""

    error = ErrorInfoSerializer()


ERROR_DESCRIPTIONS = {
    400: "Bad input: `validation_error` names the field, row or cell (`detail` holds the messages per "
    "field); `invalid_page` for a page number that is not a whole number; other codes as described above.",
    401: "`not_authenticated` (no credentials) or `authentication_failed` (unknown, expired or revoked token).",
    403: "`permission_denied`: instrument tokens only push plates and measurements and read; some calls "
    "are for lab admins; a browser session needs the CSRF token.",
    404: "`not_found`: no such record in your labs (another lab's record is a 404 too); `invalid_page` "
    "for a page past the end of a list.",
    409: "A clash: `conflict` (a concurrent change), `in_use` (records use it; `detail.used_by`), "
    "`idempotency_key_in_progress` (retry in a few seconds) or `idempotency_key_stale`.",
    413: "`request_too_large`: the body is over the limit (`detail.limit_bytes`).",
    415: "`unsupported_media_type`: send `application/json` (the plate upload: `multipart/form-data`).",
    422: "`idempotency_key_reused`: this `Idempotency-Key` was already used for a different request.",
    429: "`locked_out`: too many failed logins; `Retry-After` gives the seconds to wait.",
    503: "`file_store_unavailable`: the stored original cannot be read now; nothing was changed.",
}

URI_TOO_LONG = (
    "URI Too Long: the web server (gunicorn, `--limit-request-line`, 4,094 bytes by default) refuses a "
    "request line longer than its limit before the portal sees it; shorten the query. Not an `Error` body."
)

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Makes a retry safe: the same key with the same request returns the first answer "
    "(with `Idempotent-Replayed: true`) and creates nothing new; at most 200 characters.",
)
IDEMPOTENT_REPLAYED = OpenApiParameter(
    "Idempotent-Replayed",
    str,
    OpenApiParameter.HEADER,
    enum=["true"],
    response=True,
    description="Present (`true`) when this answer is the stored answer to an earlier request with "
    "the same `Idempotency-Key`.",
)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def _with_bounds(schema, field):
    if (
        isinstance(field, serializers.ListSerializer)
        and isinstance(schema, dict)
        and schema.get("type") == "array"
    ):
        if field.max_length is not None:
            schema["maxItems"] = field.max_length
        if field.min_length is not None:
            schema["minItems"] = field.min_length
    return schema


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        return _with_bounds(super()._map_serializer_field(field, direction, bypass_extensions), field)

    def _unwrap_list_serializer(self, serializer, direction):  # a list as the whole request body
        return _with_bounds(super()._unwrap_list_serializer(serializer, direction), serializer)

    def _get_paginator(self):
        if self.method != "GET":
            return None
        return super()._get_paginator()

    def _get_filter_parameters(self):
        # a detail route (a plate's wells, a run's versions) is not filtered by the list's filters
        # (LabScopedMixin.filter_queryset); a nested list names its own FilterSet on the action
        nested = getattr(self.view, "nested_filterset_class", None)
        if nested is not None and self.method == "GET":
            view = self.view
            saved = view.__dict__.copy()
            view.filterset_class = nested
            view.queryset = nested._meta.model.objects.none()
            try:
                return super()._get_filter_parameters()
            finally:
                view.__dict__.clear()
                view.__dict__.update(saved)
        if getattr(self.view, "detail", False):
            return []
        return super()._get_filter_parameters()

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "POST":
            parameters += [IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED]
        return parameters

    # ---- errors

    def _has_body(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None

    def _has_query_parameters(self) -> bool:
        return any(p.get("in") == "query" for p in self._get_parameters())

    def error_statuses(self) -> set[int]:
        """The 4xx statuses every operation of this kind can answer (special ones are declared in
        the view): who may call it, what it reads from the URL and the body, how retries behave."""
        statuses = {404}  # the record or the page in the caller's labs (and DRF's ?format= switch)
        authenticated = bool(getattr(self.view, "authentication_classes", None))
        if authenticated:
            statuses.add(401)
        if self.method in WRITE_METHODS:
            statuses.add(409)  # clashes, records in use, busy or stale Idempotency-Keys
            if authenticated:
                statuses.add(403)  # instrument tokens may not; a browser session needs its CSRF token
        if self._has_body() or self._has_query_parameters() or self.method == "POST":
            statuses.add(400)
        if self._has_body():
            statuses |= {413, 415}
        if self.method == "POST":
            statuses |= {400, 413, 422}  # an Idempotency-Key that is too long, a body too large, reused
        return statuses

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        error_ref = self.resolve_serializer(ErrorSerializer, "response").ref
        declared = {int(code) for code in responses if code.isdigit()}
        for code in sorted(self.error_statuses() | {c for c in declared if c >= 400}):
            existing = responses.get(str(code))
            if existing is not None and existing.get("content"):
                continue  # the view described this error's body itself
            description = (existing or {}).get("description") or ERROR_DESCRIPTIONS.get(code, "")
            if existing and code in ERROR_DESCRIPTIONS and ERROR_DESCRIPTIONS[code] not in description:
                description = f"{description} {ERROR_DESCRIPTIONS[code]}".strip()
            answer = self._get_response_for_code(
                OpenApiResponse(response=ErrorSerializer, description=description),
                str(code),
                direction=direction,
            )
            answer["content"] = {"application/json": {"schema": error_ref}}
            responses[str(code)] = answer
        # answered by the web server before the portal sees the request, so not in the Error shape
        responses.setdefault("414", {"description": URI_TOO_LONG})
        return dict(sorted(responses.items()))
