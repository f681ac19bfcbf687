"""A job created through the API is executed by a separate Celery worker process."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from il2portal.models import Job
from tests.integration.conftest import wait_for_job

pytestmark = pytest.mark.integration
REFDATA = Path(__file__).resolve().parents[1] / "refdata" / "doseresponse"


def _ryegrass():
    with open(REFDATA / "drc_ryegrass.csv") as fh:
        return [{"x": float(r["conc"]), "y": float(r["rootl"])} for r in csv.DictReader(fh)]


def test_it_runs_an_api_job_in_the_worker_process(celery_worker_process, api):
    proc, worker_name, log = celery_worker_process
    response = api.post("/api/v1/fits/", {"model": "4PL", "points": _ryegrass()}, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"  # not run in the web process
    job = wait_for_job(api, response.json()["url"])
    log.seek(0)
    assert job["status"] == "succeeded", (job, log.read()[-2000:])
    assert job["result"]["parameters"]["ec50"] == pytest.approx(3.05795, abs=1e-4)
    record = Job.objects.get(pk=job["id"])
    assert record.worker == worker_name  # the separate process ran it
    assert record.started_at and record.finished_at and record.attempts == 1


def test_it_records_a_failed_job_with_its_error(celery_worker_process, api):
    flat = [{"x": x, "y": 1.0} for x in (0.1, 1, 10, 100, 1000, 10000)]
    response = api.post("/api/v1/fits/", {"points": flat}, format="json")
    job = wait_for_job(api, response.json()["url"])
    assert job["status"] in ("failed", "succeeded")
    if job["status"] == "failed":
        assert job["error"]
