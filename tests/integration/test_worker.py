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
    assert job["status"] == "failed" and "All responses are equal" in job["error"], job
    assert Job.objects.get(pk=job["id"]).worker  # failed in the worker process, not here


def test_it_analyses_a_run_in_the_worker_and_the_version_fills_in(celery_worker_process, api):
    from tests.assays.factories import LOGLOG, SOFTMAX, softmax_layout, upload_refdata

    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    response = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids, "layout": layout_id, "settings": LOGLOG},
        format="json",
    )
    assert response.status_code == 202 and response.json()["status"] == "queued"
    job = wait_for_job(api, response.json()["url"])
    assert job["status"] == "succeeded", job
    run = api.get(f"/api/v1/runs/{response.json()['run']}/").json()
    assert run["status"] == "succeeded" and len(run["result"]["plates"]) == 2
    again = api.post(
        f"/api/v1/runs/{run['id']}/reanalyze/", {"excluded_wells": ["A1"], "reason": "check"}, format="json"
    )
    assert wait_for_job(api, again.json()["url"])["status"] == "succeeded"
    versions = api.get(f"/api/v1/runs/{run['id']}/versions/").json()
    assert [v["status"] for v in versions] == ["succeeded", "succeeded"]


def test_it_declares_late_acks_and_requeue_on_a_lost_worker():
    from il2portal.celery import app
    from il2portal.tasks import run_job

    assert run_job.acks_late is True and run_job.reject_on_worker_lost is True
    assert app.conf.task_serializer == "json" and app.conf.accept_content == ["json"]
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_it_reruns_a_job_whose_worker_process_was_killed(prefork_worker_process, user, lab):
    """acks_late + reject_on_worker_lost: a job whose worker child dies is delivered again and finishes."""
    import os
    import signal
    import subprocess
    import time

    from django.db import transaction

    import tests.integration.slow_jobs  # noqa: F401  (registers the kind in this process too)
    from il2portal.jobs import job_create

    proc, _name, log = prefork_worker_process
    with transaction.atomic():
        job = job_create(lab=lab, user=user, kind="test_sleep", params={"seconds": 4})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == Job.Status.RUNNING:
            break
        time.sleep(0.2)
    assert job.status == Job.Status.RUNNING, "the worker never started the job"
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert children, "no prefork child found"
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED):
            break
        time.sleep(0.3)
    log.seek(0)
    assert job.status == Job.Status.SUCCEEDED, log.read()[-3000:]
    assert job.attempts == 2 and job.result["attempt"] == 2
