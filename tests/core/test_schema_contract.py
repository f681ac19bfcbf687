"""The served OpenAPI schema describes what the server does: media types, statuses, errors, headers.

Answers are compared with the schema the server serves (tests/openapi.py), so a client generated from
``/api/v1/schema/`` reads every answer it gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.openapi import assert_conforms, served_schema

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


# ---- 2. responses as served

PLATEREADER = Path(__file__).resolve().parents[1] / "refdata" / "platereader"
ONE_PLATE = "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt"
TWO_PLATES = "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt"


class Checked:
    """An API client whose every JSON answer is checked against the served schema."""

    def __init__(self, api, schema):
        self.api, self.schema, self.seen = api, schema, []

    def call(self, method, path, body=None, status=None, fmt="json", **extra):
        send = getattr(self.api, method.lower())
        if method in ("GET", "DELETE"):
            response = send(path, **extra)
        else:
            response = send(path, body, format=fmt, **extra)
        if status is not None:
            assert response.status_code == status, (
                method,
                path,
                response.status_code,
                response.content[:800],
            )
        assert_conforms(self.schema, response, method, path)
        self.seen.append((method, path.split("?")[0], response.status_code))
        return response.json()

    def upload(self, name, data=None, status=None, **fields):
        data = (PLATEREADER / name).read_bytes() if data is None else data
        fields = {"file": SimpleUploadedFile(name, data), **fields}
        return self.call("POST", "/api/v1/plates/", fields, status=status, fmt="multipart")


@pytest.fixture
def checked(api, schema):
    return Checked(api, schema)


def test_it_serves_plate_answers_as_its_schema_describes_them(checked):
    plate = checked.upload(ONE_PLATE, status=201)
    assert plate["duplicate"] is False and "plates" not in plate
    assert checked.upload(ONE_PLATE, status=200)["duplicate"] is True
    several = checked.upload(TWO_PLATES, status=201)
    assert len(several["plates"]) == 2 and several["duplicate"] is False
    assert checked.upload(TWO_PLATES, status=200)["duplicate"] is True
    wells = checked.call("GET", f"/api/v1/plates/{plate['id']}/wells/?page_size=10", status=200)
    assert wells["count"] == 96 and len(wells["results"]) == 10
    assert {w["flag"] for w in checked.call("GET", f"/api/v1/plates/{plate['id']}/wells/")["results"]} > {
        None
    }
    assert checked.call("GET", "/api/v1/plates/formats/", status=200)[0]["key"]
    checked.call("GET", "/api/v1/plates/", status=200)
    checked.call("GET", f"/api/v1/plates/{plate['id']}/", status=200)
    refused = checked.upload("junk.csv", b"\x00\x01\x02 not a plate", status=400)
    import_id = refused["error"]["detail"]["import_id"]
    failed = checked.call("GET", f"/api/v1/imports/{import_id}/", status=200)
    assert failed["status"] == "failed"
    empty = checked.upload("empty.csv", b"", status=400)
    assert checked.call("GET", f"/api/v1/imports/{empty['error']['detail']['import_id']}/")["sha256"] is None
    checked.call("GET", "/api/v1/imports/", status=200)
    retried = checked.call("POST", f"/api/v1/imports/{import_id}/retry/", {"vendor": "long_csv"}, status=400)
    assert retried["error"]["code"] == "parse_error"


def test_it_serves_a_runs_versions_as_a_plain_list_and_its_diff(checked, lab):
    from tests.assays.factories import LOGLOG, softmax_layout

    several = checked.upload(TWO_PLATES, status=201)
    layout = softmax_layout(checked.api)
    body = {"kind": "elisa", "plates": [several["plates"][0]["id"]], "layout": layout, "settings": LOGLOG}
    run = checked.call("POST", "/api/v1/runs/", body, status=202)["run"]
    again = {"excluded_wells": ["A1"], "reason": "bubble"}
    checked.call("POST", f"/api/v1/runs/{run}/reanalyze/", again, status=202)
    versions = checked.call("GET", f"/api/v1/runs/{run}/versions/", status=200)
    assert [v["version"] for v in versions] == [1, 2]
    checked.call("GET", f"/api/v1/runs/{run}/diff/?from=1&to=2", status=200)
    assert (
        checked.call("GET", f"/api/v1/runs/{run}/diff/?from=1&to=9", status=404)["error"]["code"]
        == "not_found"
    )
    checked.call("GET", f"/api/v1/runs/{run}/", status=200)
    checked.call("GET", "/api/v1/runs/", status=200)


def test_it_serves_a_labs_members_and_invitations_as_plain_lists(checked, lab, member):
    members = checked.call("GET", f"/api/v1/labs/{lab.pk}/members/", status=200)
    assert sorted(m["username"] for m in members) == ["alice", "mallory"]
    checked.call("GET", f"/api/v1/labs/{lab.pk}/invitations/", status=200)
    checked.call("GET", "/api/v1/labs/", status=200)


def test_it_serves_each_nested_study_list_and_batch_as_its_schema_describes_it(checked, lab):
    from tests.factories import TestArticleFactory
    from tests.studies.conftest import DAY0, create_study, day

    study = create_study(checked.api)
    base = f"/api/v1/studies/{study['id']}"
    checked.call("GET", f"{base}/", status=200)
    article = TestArticleFactory(lab=lab, name="PBS")
    ctrl = checked.call(
        "POST",
        f"{base}/groups/",
        {
            "name": "Vehicle",
            "treatment": article.pk,
            "is_control": True,
            "schedule": "q3d×3",
            "dosing_start_day": 7,
        },
        status=201,
    )
    treated = checked.call("POST", f"{base}/groups/", {"name": "IL-2"}, status=201)
    assert ctrl["n_animals"] == 0
    assert checked.call("GET", f"{base}/groups/", status=200)["count"] == 2
    one = checked.call("POST", f"{base}/animals/", {"tag": "A1", "group": ctrl["id"]}, status=201)
    assert one["tag"] == "A1"
    rows = [
        {"tag": f"{g}{i}", "group": arm["id"]} for g, arm in (("A", ctrl), ("B", treated)) for i in (2, 3, 4)
    ]
    assert len(checked.call("POST", f"{base}/animals/", rows, status=201)) == 6
    assert checked.call("GET", f"{base}/animals/", status=200)["count"] == 7
    tags = ["A1", "A2", "A3", "A4", "B2", "B3", "B4"]
    rows = [
        {"animal": t, "date": day(d), "length_mm": 6 + d / 5, "width_mm": 5} for t in tags for d in (7, 10)
    ]
    assert len(checked.call("POST", f"{base}/measurements/", rows, status=201)) == 14
    assert checked.call("GET", f"{base}/measurements/", status=200)["count"] == 14
    events = [{"animal": "B2", "date": day(12), "kind": "found_dead", "note": ""}]
    assert checked.call("POST", f"{base}/events/", events, status=201)[0]["kind"] == "found_dead"
    checked.call("GET", f"{base}/events/", status=200)
    job = checked.call("POST", f"{base}/analyses/", {"kind": "survival"}, status=202)
    assert job["status"] == "succeeded"
    assert checked.call("GET", f"{base}/analyses/", status=200)["count"] == 1
    doses = checked.call("GET", f"{base}/doses/", status=200)["results"]
    assert doses and doses[0]["given_by"] is None and doses[0]["lot_number"] is None
    untreated = checked.call("GET", f"{base}/groups/?is_control=false", status=200)["results"][0]
    assert untreated["treatment_name"] is None and untreated["lot_number"] is None
    for flat in ("groups", "animals", "measurements", "events", "doses", "analyses", "studies"):
        checked.call("GET", f"/api/v1/{flat}/", status=200)
    assert DAY0


def test_it_describes_get_and_post_of_each_nested_study_list_apart(schema):
    for name in ("groups", "animals", "measurements", "events", "analyses"):
        item = schema["paths"][f"/api/v1/studies/{{id}}/{name}/"]
        get, post = item["get"], item["post"]
        assert get["description"] != post["description"], name
        assert "page" in get["description"] and " or " not in get["description"].split(";")[0], name
        ok = get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ok.rsplit("/", 1)[-1].startswith("Paginated"), name
        answered = {code for code in post["responses"] if code.startswith("2")}
        assert answered == ({"200", "202"} if name == "analyses" else {"201"}), name  # 200: ?wait, done
        assert "requestBody" in post and "requestBody" not in get


# ---- 5. errors and headers documented


def test_it_declares_the_shared_error_schema_for_every_error_an_operation_can_answer(schema):
    error_ref = {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]
    assert schema["components"]["schemas"]["ErrorInfo"]["required"] == ["code", "detail", "message"]
    problems = []
    for method, path, op in _operations(schema):
        codes = {int(c) for c in op["responses"]}
        assert "gunicorn" in op["responses"]["414"]["description"], (method, path)  # the web server's own
        for code in (c for c in codes if c >= 400 and c != 414):
            if (
                op["responses"][str(code)].get("content", {}).get("application/json", {}).get("schema")
                != error_ref
            ):
                problems.append(f"{method} {path} {code}: not the Error schema")
        wanted = {404}
        if path != "/api/v1/auth/token/":
            wanted.add(401)
        if method != "GET":
            wanted |= {409} | ({403} if path != "/api/v1/auth/token/" else set())
        if "requestBody" in op:
            wanted |= {400, 413, 415}
        if method == "POST":
            wanted |= {400, 413, 422}
        if any(p["in"] == "query" for p in op.get("parameters", [])):
            wanted.add(400)
        if wanted - codes:
            problems.append(f"{method} {path}: {sorted(wanted - codes)} not declared")
        headers = {p["name"] for p in op.get("parameters", []) if p["in"] == "header"}
        if method == "POST":
            if "Idempotency-Key" not in headers:
                problems.append(f"{method} {path}: no Idempotency-Key")
            for code, answer in op["responses"].items():
                if (
                    int(code) < 500
                    and code != "414"
                    and "Idempotent-Replayed" not in answer.get("headers", {})
                ):
                    problems.append(f"{method} {path} {code}: no Idempotent-Replayed")
    assert problems == []
    paths = schema["paths"]
    assert "429" in paths["/api/v1/auth/token/"]["post"]["responses"]
    assert "503" in paths["/api/v1/plates/{id}/original/"]["get"]["responses"]
    assert "503" in paths["/api/v1/imports/{id}/retry/"]["post"]["responses"]
    assert "403" in paths["/api/v1/labs/{id}/invitations/"]["get"]["responses"]


def test_it_declares_the_run_diffs_versions_and_the_delete_reason(schema):
    def query(path, method="get"):
        return {
            p["name"]: p for p in schema["paths"][path][method].get("parameters", []) if p["in"] == "query"
        }

    diff = query("/api/v1/runs/{id}/diff/")
    assert set(diff) == {"from", "to"} and diff["from"]["schema"]["type"] == "integer"
    assert query("/api/v1/runs/{id}/versions/") == {}  # a plain list of every version, no filters
    assert set(query("/api/v1/plates/{id}/wells/")) == {"read", "page", "page_size"}
    assert "reason" in query("/api/v1/measurements/{id}/", "delete")
    assert {"tag", "date_after"} <= set(query("/api/v1/studies/{id}/measurements/"))


def test_it_answers_each_kind_of_error_as_the_schema_declares_it(checked, api, instrument_api, lab, settings):
    from rest_framework.test import APIClient

    from tests.factories import LotFactory, TestArticleFactory

    def error(response, method, path, status, code=None):
        assert response.status_code == status, response.content[:500]
        assert_conforms(checked.schema, response, method, path)
        if code:
            assert response.json()["error"]["code"] == code
        return response.json()["error"]

    bad = checked.call("POST", "/api/v1/test-articles/", {"kind": "nonsense"}, status=400)
    assert bad["error"]["code"] == "validation_error" and "name" in bad["error"]["detail"]
    error(APIClient().get("/api/v1/plates/"), "GET", "/api/v1/plates/", 401, "not_authenticated")
    error(instrument_api.post("/api/v1/studies/", {}, format="json"), "POST", "/api/v1/studies/", 403)
    checked.call("GET", "/api/v1/plates/999999/", status=404)
    article = TestArticleFactory(lab=lab)
    LotFactory(test_article=article)
    in_use = checked.call("DELETE", f"/api/v1/test-articles/{article.pk}/", status=409)
    assert in_use["error"]["code"] == "in_use"
    settings.API_MAX_JSON_BYTES = 200
    big = {"name": "x" * 150, "kind": "il2_wild_type", "notes": "y" * 100}
    too_large = api.post("/api/v1/test-articles/", big, format="json")
    error(too_large, "POST", "/api/v1/test-articles/", 413, "request_too_large")
    settings.API_MAX_JSON_BYTES = 2 * 1024 * 1024
    body = {"name": "Aldesleukin", "kind": "il2_wild_type"}
    first = api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    replay = api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert_conforms(checked.schema, replay, "POST", "/api/v1/test-articles/")
    reused = api.post(
        "/api/v1/test-articles/", {**body, "name": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    error(reused, "POST", "/api/v1/test-articles/", 422, "idempotency_key_reused")
    plate = checked.upload(ONE_PLATE, status=201)
    from assays.models import Plate

    Plate.objects.get(pk=plate["id"]).stored_file.file.delete(save=False)
    gone = api.get(f"/api/v1/plates/{plate['id']}/original/")
    error(gone, "GET", "/api/v1/plates/{id}/original/", 503, "file_store_unavailable")


# ---- 3. nulls and enums; 7. naming


def test_it_declares_the_well_flags_and_the_plate_formats_as_enums(schema):
    from assays import readers

    components = schema["components"]["schemas"]
    flag = components["Well"]["properties"]["flag"]
    refs = [item.get("$ref", "").rsplit("/", 1)[-1] for item in flag.get("oneOf", [])]
    assert "NullEnum" in refs
    enum = components[next(r for r in refs if r != "NullEnum")]["enum"]
    assert sorted(enum) == ["invalid", "masked", "missing", "saturated"]
    for path in ("/api/v1/plates/", "/api/v1/imports/"):
        vendor = next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "vendor")
        assert vendor["schema"]["enum"] == sorted(readers.FORMAT_KEYS), path
    fmt = components["PlateFormat"]["properties"]
    assert "manufacturer" in fmt and "vendor" not in fmt  # `vendor` is the format key everywhere
    assert "vendor" in components["PlateUploadRequest"]["properties"]
    assert "format" not in {
        p["name"]
        for path in schema["paths"].values()
        for op in path.values()
        for p in op.get("parameters", [])
    }


def test_it_declares_the_page_size_limits(schema):
    def page_size(path):
        return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "page_size")[
            "schema"
        ]

    assert page_size("/api/v1/plates/") == {"type": "integer", "minimum": 1, "maximum": 1000}
    assert page_size("/api/v1/plates/{id}/wells/") == {"type": "integer", "minimum": 1, "maximum": 10000}


def test_it_refuses_an_unknown_vendor_filter_naming_it(checked):
    checked.upload(ONE_PLATE, status=201)
    assert checked.call("GET", "/api/v1/plates/?vendor=gen5", status=200)["count"] == 1
    assert checked.call("GET", "/api/v1/plates/?vendor=matrix", status=200)["count"] == 0
    error = checked.call("GET", "/api/v1/plates/?vendor=Gen-5", status=400)["error"]
    assert error["code"] == "validation_error" and error["message"].startswith("vendor:")
    assert "Gen-5" in error["message"] and "gen5" in error["message"]
    assert "vendor" in checked.call("GET", "/api/v1/imports/?vendor=nope", status=400)["error"]["detail"]


def test_it_says_what_format_means_when_a_client_filters_plates_with_it(api):
    response = api.get("/api/v1/plates/?format=gen5")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "unknown_format" and "vendor=" in error["message"]
    assert api.get("/api/v1/plates/?format=json").status_code == 200


# ---- 5. pagination errors, unknown paths, parser internals


def test_it_answers_a_page_past_the_end_as_a_pagination_error(checked, lab):
    from tests.factories import TestArticleFactory

    for n in range(3):
        TestArticleFactory(lab=lab, name=f"V{n}")
    assert checked.call("GET", "/api/v1/test-articles/?page=2&page_size=2", status=200)["next"] is None
    past = checked.call("GET", "/api/v1/test-articles/?page=3&page_size=2", status=404)["error"]
    assert past["code"] == "invalid_page" and past["detail"] == {"page": 3, "last_page": 2, "count": 3}
    assert "Not found in your labs" not in past["message"] and "page 3" in past["message"]
    for value in ("abc", "0", "-1"):
        bad = checked.call("GET", f"/api/v1/test-articles/?page={value}", status=400)["error"]
        assert bad["code"] == "invalid_page" and bad["message"].startswith("page:")
    assert checked.call("GET", "/api/v1/test-articles/?page=last&page_size=2")["previous"]


@pytest.mark.parametrize("debug", [False, True])
def test_it_answers_json_404_for_an_unknown_api_path_even_with_debug(api, settings, debug):
    settings.DEBUG = debug
    for path in ("/api/v1/nothing-here/", "/api/v2/plates/", "/api/v1/plates/1/nothing/"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"]["code"] == "not_found"
        assert path in response.json()["error"]["message"]
    assert api.get("/api/v1/plates").status_code == 301  # APPEND_SLASH still helps


def test_it_never_puts_a_parsers_internal_text_in_a_message(api, monkeypatch):
    import pandas as pd

    from assays.readers import formats

    def broken(data, filename):
        raise pd.errors.ParserError("Error tokenizing data. C error: Expected 3 fields in line 5, saw 4")

    monkeypatch.setitem(formats.READERS, "long_csv", broken)
    for vendor in ("long_csv", ""):
        data = b"well,value\nA1,1\nA2,2\n" + vendor.encode()
        response = api.post(
            "/api/v1/plates/",
            {"file": SimpleUploadedFile("x.csv", data), "vendor": vendor},
            format="multipart",
        )
        assert response.status_code == 400, response.content
        message = response.json()["error"]["message"]
        assert "C error" not in message and "tokenizing" not in message and "ParserError" not in message
        assert message.startswith("x.csv: The file could not be read as Long table"), message
