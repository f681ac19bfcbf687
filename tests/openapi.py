"""Checks a real API response against the operation that the served OpenAPI schema declares for it.

The schema is OpenAPI 3.0: ``nullable: true`` is turned into JSON Schema's ``null`` type, and the whole
document is the resolver's base so that ``$ref: '#/components/schemas/…'`` resolves. A response whose
status is not declared by its operation fails, as schemathesis's ``status_code_conformance`` does."""

from __future__ import annotations

import copy
import re
from functools import lru_cache

import jsonschema

SCHEMA_URL = "/api/v1/schema/?format=json"


def served_schema(client) -> dict:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def _nullable_to_json_schema(node):
    if isinstance(node, list):
        return [_nullable_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _nullable_to_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node and "enum" not in node:
            node["type"] = [node["type"], "null"]
        else:
            return {"anyOf": [node, {"type": "null"}]}
    if "enum" in node and isinstance(node.get("type"), list) and None not in node["enum"]:
        node["enum"] = [*node["enum"], None]
    return node


@lru_cache(maxsize=4)
def _converted(frozen: str) -> dict:
    import json

    return _nullable_to_json_schema(json.loads(frozen))


def find_operation(schema: dict, method: str, path: str) -> tuple[str, dict]:
    """The template (``/api/v1/plates/{id}/wells/``) and operation serving a concrete path."""
    path = path.split("?", 1)[0]
    # literal paths first: /plates/formats/ is not /plates/{id}/
    for template, item in sorted(schema["paths"].items(), key=lambda kv: kv[0].count("{")):
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", r"[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    raise AssertionError(f"{method.upper()} {path} is not in the served schema")


def response_schema(schema: dict, method: str, path: str, status: int, media_type="application/json"):
    template, operation = find_operation(schema, method, path)
    responses = operation.get("responses", {})
    declared = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
    assert declared is not None, (
        f"{method.upper()} {template} answered {status}, which its schema does not declare "
        f"(declared: {sorted(responses)})"
    )
    content = declared.get("content") or {}
    if media_type not in content:
        raise AssertionError(
            f"{method.upper()} {template} {status} declares {sorted(content)}, not {media_type}"
        )
    return template, content[media_type]["schema"]


def assert_conforms(schema: dict, response, method: str, path: str) -> None:
    """The body of ``response`` (a Django test response to ``method path``) is valid against the
    schema that the served OpenAPI document declares for that operation and status."""
    import json

    media_type = (response.get("Content-Type") or "").split(";")[0].strip()
    template, body_schema = response_schema(schema, method, path, response.status_code, media_type)
    document = _converted(json.dumps(schema, sort_keys=True))
    target = _nullable_to_json_schema(copy.deepcopy(body_schema))
    resolver = jsonschema.RefResolver.from_schema(document)
    validator = jsonschema.Draft7Validator(
        target, resolver=resolver, format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.absolute_path))
    assert not errors, f"{method.upper()} {template} ({response.status_code}) differs from its schema:\n" + (
        "\n".join(f"  at {list(e.absolute_path)}: {e.message[:300]}" for e in errors[:10])
    )
