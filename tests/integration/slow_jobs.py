"""A job kind for the lost-worker test only: it sleeps, so the test can kill the worker's child
process while the job runs. Loaded into the worker with ``celery worker -I tests.integration.slow_jobs``."""

import time

from il2portal.jobs import job_kind


@job_kind("test_sleep", label="Test: sleep")
def sleep_job(job) -> dict:
    time.sleep(float(job.params.get("seconds", 3)))
    return {"slept": job.params.get("seconds", 3), "attempt": job.attempts}


@job_kind("test_crash", label="Test: kill the worker process")
def crash_job(job) -> dict:
    """Dies like a process killed by the OOM killer, on every attempt."""
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)
    return {}
