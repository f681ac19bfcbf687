"""The served OpenAPI schema describes what the server does: media types, statuses, errors, headers.

Answers are compared with the schema the server serves (tests/openapi.py), so a client generated from
``/api/v1/schema/`` reads every answer it gets."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.openapi import served_schema

UPLOAD = ("POST", "/api/v1/plates/")


@pytest.fixture
def schema(api):
    return served_schema(api)


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method.upper(), path, operation


# ---- 1. media types


def test_it_declares_json_only_bodies_and_multipart_only_where_a_file_is_sent(schema):
    declared = {
        (method, path): sorted(op["requestBody"]["content"])
        for method, path, op in _operations(schema)
        if "requestBody" in op
    }
    assert declared[UPLOAD] == ["multipart/form-data"]
    others = {key: types for key, types in declared.items() if key != UPLOAD}
    assert others and {key: types for key, types in others.items() if types != ["application/json"]} == {}


@pytest.mark.parametrize("fmt", ["multipart", "form"])
def test_it_refuses_a_form_body_on_a_json_endpoint_naming_json(api, fmt):
    body = {"name": "Aldesleukin", "kind": "il2_wild_type"}
    if fmt == "form":
        response = api.post(
            "/api/v1/test-articles/", "name=Aldesleukin&kind=il2_wild_type",
            content_type="application/x-www-form-urlencoded",
        )  # fmt: skip
    else:
        response = api.post("/api/v1/test-articles/", body, format="multipart")
    assert response.status_code == 415, response.content
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "application/json" in error["message"]


def test_it_refuses_json_on_the_upload_naming_multipart(api):
    response = api.post("/api/v1/plates/", {"file": "A1,1"}, format="json")
    assert response.status_code == 415, response.content
    assert "multipart/form-data" in response.json()["error"]["message"]


def test_it_still_takes_an_upload_and_a_json_retry(api):
    upload = SimpleUploadedFile("p.csv", b"well,value\nA1,1\nA2,2\n")
    response = api.post("/api/v1/plates/", {"file": upload, "vendor": "long_csv"}, format="multipart")
    assert response.status_code == 201, response.content
