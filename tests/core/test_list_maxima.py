"""Every list an endpoint takes has a documented maximum (schema ``maxItems``) that is enforced."""

from __future__ import annotations

import pytest

from assays.api.runs import MAX_EXCLUDED_WELLS, MAX_LAYOUT_WELLS, MAX_RUN_PLATES
from studies.services.common import MAX_BATCH_ROWS
from studies.services.design import MAX_ANIMALS_PER_REQUEST

pytestmark = pytest.mark.django_db


def _schema(api) -> dict:
    return api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()


def _request_body(schema: dict, path: str) -> dict:
    content = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in content:
        return schema["components"]["schemas"][content["$ref"].rsplit("/", 1)[-1]]
    return content


def test_it_documents_a_maximum_for_every_list_in_a_request(api):
    schema = _schema(api)
    comps = schema["components"]["schemas"]
    assert comps["LayoutRequest"]["properties"]["wells"]["maxItems"] == MAX_LAYOUT_WELLS
    assert comps["RunCreateRequest"]["properties"]["plates"]["maxItems"] == MAX_RUN_PLATES
    assert comps["ReanalyzeRequest"]["properties"]["excluded_wells"]["maxItems"] == MAX_EXCLUDED_WELLS
    assert comps["RandomizeRequestRequest"]["properties"]["groups"]["maxItems"] == 100
    for action, most in (
        ("animals", MAX_ANIMALS_PER_REQUEST),
        ("measurements", MAX_BATCH_ROWS),
        ("events", MAX_BATCH_ROWS),
    ):
        body = _request_body(schema, f"/api/v1/studies/{{id}}/{action}/")
        if "oneOf" in body:  # animals: one object or a list
            body = next(variant for variant in body["oneOf"] if variant.get("type") == "array")
        assert body["type"] == "array" and body["maxItems"] == most, action
    missing = []
    for name, comp in comps.items():
        if not name.endswith("Request"):
            continue
        for field, prop in comp.get("properties", {}).items():
            if prop.get("type") == "array" and "maxItems" not in prop and not prop.get("readOnly"):
                missing.append(f"{name}.{field}")
    assert not missing, f"lists without a documented maximum: {missing}"


def test_it_refuses_a_layout_with_more_wells_than_a_1536_plate(api):
    wells = [{"well": f"A{i % 48 + 1}", "role": "sample"} for i in range(MAX_LAYOUT_WELLS + 1)]
    body = {"name": "too many", "rows": 32, "columns": 48, "wells": wells}
    response = api.post("/api/v1/layouts/", body, format="json")
    assert response.status_code == 400
    assert (
        response.json()["error"]["message"]
        == f"wells: At most {MAX_LAYOUT_WELLS:,} wells (a 1536-well plate)."
    )


def test_it_refuses_a_run_with_too_many_plates(api):
    body = {"kind": "elisa", "plates": [1] * (MAX_RUN_PLATES + 1), "layout": 1}
    response = api.post("/api/v1/runs/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == f"plates: At most {MAX_RUN_PLATES} plates per run."
