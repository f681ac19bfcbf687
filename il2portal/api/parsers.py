"""Request parsers with bounds: a JSON body larger than ``API_MAX_JSON_BYTES`` is a 413, one nested
deeper than Python's recursion limit a 400, both in the API's error shape (never a 500)."""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import JSONParser


def json_too_large(limit: int, size: int | None = None):
    from il2portal.api.errors import ApiError  # errors imports DRF, whose settings import this module

    found = f"{size:,} bytes; " if size else ""
    return ApiError(
        "request_too_large",
        f"The JSON body is {found}the limit is {limit:,} bytes ({limit / 1e6:.1f} MB). Send fewer rows per "
        "request (each list's maximum is in the API schema).",
        status_code=413,
        detail={"limit_bytes": limit, **({"size": size} if size else {})},
    )


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser (strict: NaN and Infinity are refused) reading at most API_MAX_JSON_BYTES."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = int(settings.API_MAX_JSON_BYTES)
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        try:
            declared_size = int(declared) if declared else None
        except ValueError:
            declared_size = None
        if declared_size is not None and declared_size > limit:
            raise json_too_large(limit, declared_size)
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise json_too_large(limit)
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - the body is nested too deeply.") from None
        _check_text(data)
        return data


def _check_text(data) -> None:
    """Refuse strings that are not storable text: a NUL (PostgreSQL text cannot hold it) or a lone
    surrogate (``"\\ud800"``: it parses, but can be neither stored nor echoed back as UTF-8)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            texts = [item]
        elif isinstance(item, dict):
            texts = [k for k in item if isinstance(k, str)]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for text in texts:
            if "\x00" in text:
                raise exceptions.ParseError(
                    "JSON parse error - a string holds a NUL character (\\u0000), which text fields cannot store."
                )
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise exceptions.ParseError(
                    "JSON parse error - a string holds a lone UTF-16 surrogate (e.g. \\ud800), which is not text."
                ) from None
