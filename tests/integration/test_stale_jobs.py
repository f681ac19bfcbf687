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
from tests.integration.conftest import _start_worker, _stop_worker, _wait_ready

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
    args = ["-P", "solo", *SLOW_KINDS]
    workers = [_start_worker(real_services, tmp_path, args, env=FAST, wait=False) for _ in range(2)]
    try:
        for proc, _name, log in workers:
            _wait_ready(proc, log)
        with transaction.atomic():
            job = job_create(lab=lab, user=user, kind="test_sleep", params={"seconds": 2})
        assert _wait(job, {Job.Status.RUNNING}, 30).status == Job.Status.RUNNING, "never started"
        started_at = job.started_at
        victim = next(w for w in workers if w[1] == job.worker)
        survivor = next(w for w in workers if w is not victim)
        os.kill(victim[0].pid, signal.SIGKILL)  # the whole worker: no process of it is left to requeue
        victim[0].wait(timeout=10)
        job = _wait(job, {Job.Status.SUCCEEDED, Job.Status.FAILED}, 40)
        survivor[2].seek(0)
        assert job.status == Job.Status.SUCCEEDED, (job.status, survivor[2].read()[-3000:])
        assert job.worker == survivor[1]  # the other worker's dispatcher found it and ran it
        assert job.attempts == 2 and job.result["attempt"] == 2
        assert job.started_at == started_at  # the first start is kept
    finally:
        for proc, _name, log in workers:
            if proc.poll() is None:
                _stop_worker(proc, log)
            else:
                log.close()


def test_it_fails_a_job_that_kills_its_worker_on_every_attempt(real_services, tmp_path, user, lab):
    env = {**FAST, "JOBS_MAX_ATTEMPTS": "2"}
    proc, _name, log = _start_worker(
        real_services, tmp_path, ["-P", "prefork", "-c", "1", *SLOW_KINDS], env=env
    )
    try:
        with transaction.atomic():
            job = job_create(lab=lab, user=user, kind="test_crash", params={})
        job = _wait(job, {Job.Status.SUCCEEDED, Job.Status.FAILED}, 40)
        log.seek(0)
        assert job.status == Job.Status.FAILED, (job.status, job.attempts, log.read()[-3000:])
        assert job.attempts == 2
        assert "stopped its worker 2 times" in job.error
    finally:
        _stop_worker(proc, log)
