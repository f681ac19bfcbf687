"""Bounded fit input: points, unknowns and the JSON body itself."""

from __future__ import annotations

import json

import pytest

from assays.api.fits import MAX_POINTS, MAX_UNKNOWNS

pytestmark = pytest.mark.django_db


def _points(n):
    return [{"x": 0.01 * 1.001**i, "y": 100 + i % 17} for i in range(n)]


def test_it_refuses_more_points_than_the_documented_maximum(api):
    response = api.post("/api/v1/fits/", {"points": _points(MAX_POINTS + 1)}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"].startswith("points: ")
    assert f"{MAX_POINTS:,}" in error["message"]


def test_it_refuses_more_unknowns_than_the_documented_maximum(api):
    body = {"points": _points(10), "unknowns": [1.0] * (MAX_UNKNOWNS + 1)}
    response = api.post("/api/v1/fits/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("unknowns: ")


def test_it_documents_the_maxima_in_the_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    request = schema["components"]["schemas"]["FitRequestRequest"]["properties"]
    assert request["points"]["maxItems"] == MAX_POINTS
    assert request["unknowns"]["maxItems"] == MAX_UNKNOWNS


def test_it_answers_a_json_body_over_the_limit_with_413_in_the_error_shape(api, settings):
    settings.API_MAX_JSON_BYTES = 100_000
    body = json.dumps({"points": _points(3000)})
    assert len(body) > 100_000
    response = api.generic("POST", "/api/v1/fits/", body, content_type="application/json")
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "request_too_large"
    assert "the limit is 100,000 bytes (0.1 MB)" in error["message"]


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_it_answers_deeply_nested_json_with_400(api, depth):
    body = "[" * depth + "]" * depth
    response = api.generic("POST", "/api/v1/fits/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_request"
