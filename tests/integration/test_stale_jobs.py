"""A job whose whole worker dies (SIGKILL of the main process) is found by its stale heartbeat and
run again by another worker, keeping its first start; a job that kills its worker every time fails
after a bounded number of attempts with a clear error."""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.db import transaction

import tests.integration.slow_jobs  # noqa: F401  (registers the test kinds in this process too)
from il2portal.jobs import job_create
from il2portal.models import Job
from tests.integration.conftest import _start_worker, _stop_worker

pytestmark = pytest.mark.integration

# Shorter than the defaults (heartbeat 5 s, stale after 30 s, sweep every 5 s) to keep the test quick.
FAST = {
    "JOBS_HEARTBEAT_SECONDS": "1",
    "JOBS_STALE_AFTER": "4",
    "JOBS_DISPATCH_INTERVAL": "1",
    "JOBS_SEND_GRACE": "1",
    "JOBS_MAX_ATTEMPTS": "3",
}
SLOW_KINDS = ["-I", "tests.integration.slow_jobs"]


def _wait(job: Job, statuses, timeout: float) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.2)
    return job


def test_it_requeues_the_job_of_a_killed_worker_and_keeps_its_first_start(real_services, tmp_path, user, lab):
    first = _start_worker(real_services, tmp_path, ["-P", "solo", *SLOW_KINDS], env=FAST)
    second = None
    try:
        with transaction.atomic():
            job = job_create(lab=lab, user=user, kind="test_sleep", params={"seconds": 3})
        assert _wait(job, {Job.Status.RUNNING}, 30).status == Job.Status.RUNNING, "never started"
        started_at = job.started_at
        os.kill(first[0].pid, signal.SIGKILL)  # the whole worker: no process is left to requeue it
        first[0].wait(timeout=10)
        second = _start_worker(real_services, tmp_path, ["-P", "solo", *SLOW_KINDS], env=FAST)
        job = _wait(job, {Job.Status.SUCCEEDED, Job.Status.FAILED}, 40)
        second[2].seek(0)
        assert job.status == Job.Status.SUCCEEDED, (job.status, second[2].read()[-3000:])
        assert job.attempts == 2 and job.result["attempt"] == 2
        assert job.started_at == started_at  # the first start is kept
    finally:
        first[2].close()
        if second is not None:
            _stop_worker(second[0], second[2])


def test_it_fails_a_job_that_kills_its_worker_on_every_attempt(real_services, tmp_path, user, lab):
    proc, _name, log = _start_worker(
        real_services, tmp_path, ["-P", "prefork", "-c", "1", *SLOW_KINDS], env=FAST
    )
    try:
        with transaction.atomic():
            job = job_create(lab=lab, user=user, kind="test_crash", params={})
        job = _wait(job, {Job.Status.SUCCEEDED, Job.Status.FAILED}, 40)
        log.seek(0)
        assert job.status == Job.Status.FAILED, (job.status, job.attempts, log.read()[-3000:])
        assert job.attempts == 3
        assert "stopped its worker 3 times" in job.error
    finally:
        _stop_worker(proc, log)
