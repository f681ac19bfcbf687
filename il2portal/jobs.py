"""Jobs: one record for every piece of long work, run by a Celery worker or in-process.

A job kind is a function ``handler(job) -> dict`` registered with :func:`job_kind`. The
handler gets ids from ``job.params``, loads what it needs, calls pure analysis code and
stores results through services; its return value becomes ``job.result``.
"""

from __future__ import annotations

import logging
import socket
import traceback
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from il2portal.models import Job

log = logging.getLogger(__name__)

HANDLERS: dict[str, Callable[[Job], dict]] = {}
FAILURE_HOOKS: dict[str, Callable[[Job, str], None]] = {}
LABELS: dict[str, str] = {}


class JobFailed(Exception):
    """Raised by handlers for an expected failure; the message is shown to the user."""


def job_kind(name: str, *, label: str = "", on_failure: Callable[[Job, str], None] | None = None):
    """Register a handler. ``on_failure(job, message)`` runs after a failure, outside the handler's
    rolled-back transaction (e.g. to mark the record the job was computing as failed)."""

    def register(func: Callable[[Job], dict]):
        HANDLERS[name] = func
        LABELS[name] = label or name.replace("_", " ").capitalize()
        if on_failure is not None:
            FAILURE_HOOKS[name] = on_failure
        return func

    return register


def job_create(*, lab, user, kind: str, params: dict) -> Job:
    """Create a job and hand it to a worker once the transaction commits.

    Without a broker (the embedded default) it runs here and now, so the caller sees it finished.
    """
    if kind not in HANDLERS:
        raise ValueError(f"Unknown job kind {kind!r}.")
    job = Job.objects.create(lab=lab, kind=kind, params=params, created_by=user)
    if settings.JOBS_IN_PROCESS:
        job_execute(job.pk)
        job.refresh_from_db()
    else:
        from il2portal.tasks import run_job

        transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def job_execute(job_id: int, *, worker: str | None = None) -> Job:
    """Run a job's handler and record the outcome. Safe to call twice: a finished job is left alone."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED):
            return job
        job.status = Job.Status.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        job.worker = worker or socket.gethostname()
        job.save(update_fields=["status", "started_at", "attempts", "worker"])
    handler = HANDLERS[job.kind]
    try:
        with transaction.atomic():
            result = handler(job)
    except JobFailed as exc:
        return _finish(job, Job.Status.FAILED, error=str(exc))
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return _finish(job, Job.Status.FAILED, error=f"Internal error while running the job: {detail}")
    return _finish(job, Job.Status.SUCCEEDED, result=result)


def _finish(job: Job, status: str, *, result=None, error: str = "") -> Job:
    job.status = status
    job.result = result
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "error", "finished_at"])
    hook = FAILURE_HOOKS.get(job.kind)
    if status == Job.Status.FAILED and hook is not None:
        hook(job, error)
    return job
