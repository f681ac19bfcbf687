"""The OpenAPI schema class: drf-spectacular's, plus ``maxItems``/``minItems`` for nested list
serializers (``Serializer(many=True, max_length=...)``), which it leaves out, so every list an endpoint
takes has its documented maximum; and pagination only where the server paginates: GET lists (a POST
that answers a list, e.g. a batch of animals, answers a plain array)."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers


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
