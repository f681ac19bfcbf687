"""Job kinds for the lost-worker tests only: one sleeps, so the test can kill the worker's child
process while the job runs; one kills its own process. Loaded into the worker with
``celery worker -I tests.integration.slow_jobs``, and imported by the tests: importing this module
registers them (a test module, not an app: it has no ``AppConfig.ready``)."""

import time

from il2portal.registry import register_job_kind


def sleep_job(job) -> dict:
    time.sleep(float(job.params.get("seconds", 3)))
    return {"slept": job.params.get("seconds", 3), "attempt": job.attempts}


def crash_job(job) -> dict:
    """Dies like a process killed by the OOM killer, on every attempt."""
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)
    return {}


register_job_kind("test_sleep", sleep_job, label="Test: sleep", result=None)
register_job_kind("test_crash", crash_job, label="Test: kill the worker process", result=None)
