"""Lists carry summaries and links, details carry results (issue 16): a page of runs or jobs stays small
whatever their results weigh; plate search works as ``?search=`` and ``?q=`` on name, barcode and file."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assays.analysis.summary import run_summary
from assays.models import Plate, RunResult
from tests.assays.factories import LOGLOG, SOFTMAX, softmax_layout, upload_refdata

pytestmark = pytest.mark.django_db


def _run(api, plate_ids, layout_id, name="SoftMax"):
    response = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids, "layout": layout_id, "name": name, "settings": LOGLOG},
        format="json",
    )
    assert response.status_code == 202, response.json()
    return response.json()["run"]


def test_a_run_list_carries_the_newest_versions_summary_not_its_result(api):
    plate_ids, layout_id = upload_refdata(api, SOFTMAX), softmax_layout(api)
    run_id = _run(api, plate_ids, layout_id)
    again = api.post(
        f"/api/v1/runs/{run_id}/reanalyze/", {"excluded_wells": ["A1"], "reason": "bubble"}, format="json"
    )
    assert again.status_code == 202, again.json()
    detail = api.get(f"/api/v1/runs/{run_id}/").json()
    (item,) = api.get("/api/v1/runs/").json()["results"]
    assert "result" not in item and item["version"] == detail["version"] == 2
    assert item["url"].endswith(f"/api/v1/runs/{run_id}/")
    assert item["summary"] == run_summary(detail["result"])
    summary = item["summary"]
    assert summary["accepted"] is detail["result"]["qc"]["accepted"]
    assert summary["model"] == "loglog" and summary["unit"] == "ng/mL"
    assert summary["r_squared"] == pytest.approx(detail["result"]["curve"]["r_squared"])
    assert summary["n_samples"] == len(detail["result"]["samples"])
    assert summary["n_flagged_samples"] == sum(1 for s in detail["result"]["samples"] if s["flag"])
    # stored with the version, not computed per request
    assert RunResult.objects.get(run_id=run_id, version=2).summary == summary
    assert RunResult.objects.get(run_id=run_id, version=1).summary["accepted"] is not None


def test_a_run_list_reads_no_result_and_the_same_queries_for_1_and_4_runs(api):
    plate_ids, layout_id = upload_refdata(api, SOFTMAX), softmax_layout(api)
    _run(api, plate_ids, layout_id, "one")
    api.get("/api/v1/runs/")
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/runs/")
    for k in range(3):
        _run(api, plate_ids, layout_id, f"more {k}")
    with CaptureQueriesContext(connection) as four:
        body = api.get("/api/v1/runs/").json()
    assert body["count"] == 4 and len(four.captured_queries) == len(one.captured_queries)
    version_reads = [q["sql"] for q in four.captured_queries if '"assays_runresult"' in q["sql"]]
    assert version_reads and all('"assays_runresult"."result"' not in sql for sql in version_reads)


def test_a_job_list_carries_no_result_but_names_what_each_job_computed(api):
    plate_ids, layout_id = upload_refdata(api, SOFTMAX), softmax_layout(api)
    run_id = _run(api, plate_ids, layout_id)
    items = api.get("/api/v1/jobs/").json()["results"]
    analysis = next(j for j in items if j["kind"] == "run_analysis")
    assert "result" not in analysis
    assert analysis["run"] == run_id and analysis["version"] == 1
    detail = api.get(analysis["url"]).json()
    assert detail["result"]["run"] == run_id and detail["run"] == run_id


def test_plate_search_finds_name_barcode_and_file_by_search_or_q(api):
    plate_ids = upload_refdata(api, SOFTMAX)
    Plate.objects.filter(pk=plate_ids[0]).update(barcode="IL2-BC-0042")
    everything = api.get("/api/v1/plates/").json()["count"]
    assert everything == len(plate_ids) == 2
    for query, expected in (
        ("bc-0042", {plate_ids[0]}),  # barcode, any case
        ("UTF16", set(plate_ids)),  # the original file's name
        ("no such plate", set()),
    ):
        for name in ("search", "q"):
            body = api.get("/api/v1/plates/", {name: query}).json()
            assert {p["id"] for p in body["results"]} == expected, (name, query)
            assert body["count"] == len(expected)
    first_name = api.get(f"/api/v1/plates/{plate_ids[0]}/").json()["name"]
    assert plate_ids[0] in {
        p["id"] for p in api.get("/api/v1/plates/", {"search": first_name}).json()["results"]
    }


def test_plate_search_is_backed_by_trigram_indexes_on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        found = dict(cursor.fetchall())
    assert set(found) == {"plate_name_trgm", "plate_barcode_trgm", "storedfile_name_trgm"}
    assert all("gin_trgm_ops" in d and "upper" in d.lower() for d in found.values())


def test_the_migration_fills_in_the_summary_of_results_stored_before_it(api):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("assays.migrations.0005_run_summary_list_indexes")
    run_id = _run(api, upload_refdata(api, SOFTMAX), softmax_layout(api))
    RunResult.objects.filter(run_id=run_id).update(summary={})
    migration.fill_summaries(apps, None)
    version = RunResult.objects.get(run_id=run_id)
    assert version.summary == run_summary(version.result) and version.summary["n_samples"] > 0
