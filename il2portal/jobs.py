"""Jobs: one record for every piece of long work, run by a Celery worker or in-process.

A job kind is a function ``handler(job) -> dict`` that its app registers from ``AppConfig.ready``
with :func:`il2portal.registry.register_job_kind`. The handler gets ids from ``job.params``, loads
what it needs, calls pure analysis code and stores results through services; its return value
becomes ``job.result``.

Delivery (README "Real deployment"): the Job row is its own outbox. It is committed with the
record it computes; after the commit the web process tries once to send it to the broker and
marks ``sent_at``. A dispatcher (:func:`jobs_dispatch`, run every few seconds by a thread of each
Celery worker, see :mod:`il2portal.dispatcher`) sends what is still unsent (the broker was down),
re-sends what sat in ``queued`` too long, and re-queues running jobs whose heartbeat stopped
(their worker died). Each send carries a new ``task_id`` stored on the row, so an older message
for the same job is recognised as superseded and ignored: a job never runs twice at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
import threading
import traceback
import uuid

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from il2portal import registry, webhooks
from il2portal.models import Job

log = logging.getLogger(__name__)


class JobFailed(Exception):
    """Raised by handlers for an expected failure; the message is shown to the user."""


def job_create(*, lab, user, kind: str, params: dict) -> Job:
    """Create a job and hand it to a worker once the transaction commits.

    Without a broker (the embedded default) it runs here and now, so the caller sees it finished.
    With a broker that cannot be reached the job stays ``queued`` and unsent: the dispatcher sends
    it when the broker is back, so the caller's request still succeeds.
    """
    if kind not in registry.job_kinds():
        raise ValueError(f"Unknown job kind {kind!r}.")
    job = Job.objects.create(lab=lab, kind=kind, params=params, created_by=user, task_id=_new_task_id())
    webhooks.job_created(job)
    if settings.JOBS_IN_PROCESS:
        job_execute(job.pk)
        job.refresh_from_db()
    else:
        job_id, task_id = job.pk, job.task_id
        transaction.on_commit(lambda: job_send(job_id=job_id, task_id=task_id))
    return job


def _new_task_id() -> str:
    return str(uuid.uuid4())


def _publish(job_id: int, task_id: str) -> bool:
    """One message for ``run_job``; False (logged) when the broker cannot take it."""
    from il2portal.tasks import run_job

    try:
        run_job.apply_async(
            args=[job_id],
            task_id=task_id,
            retry=True,  # one quick retry covers a pooled connection the broker has dropped
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2},
        )
    except Exception as exc:  # kombu's OperationalError, socket errors: the broker is unreachable
        log.warning(
            "job %s not sent, the broker is unreachable (%s); the dispatcher will send it", job_id, exc
        )
        return False
    return True


def job_send(*, job_id: int, task_id: str) -> bool:
    """Send a committed job to the broker and mark it sent. Never raises: an unsent job stays in
    the outbox for :func:`jobs_dispatch`."""
    if not _publish(job_id, task_id):
        return False
    try:
        Job.objects.filter(pk=job_id, task_id=task_id, sent_at__isnull=True).update(sent_at=timezone.now())
    except Exception:  # the message is out; the dispatcher would at worst send a superseding one
        log.exception("job %s sent but not marked sent", job_id)
    return True


def job_execute(
    job_id: int, *, worker: str | None = None, task_id: str | None = None, heartbeat: bool = False
) -> Job | None:
    """Run a job's handler and record the outcome.

    Safe to call more than once: a finished job is left alone, and a message whose ``task_id`` is
    not the job's current one (the dispatcher sent a newer one) is ignored. A redelivery of the
    current message means the previous attempt's worker died: it runs again, keeping the first
    ``started_at``, until ``JOBS_MAX_ATTEMPTS`` attempts have been made. With ``heartbeat`` a thread
    stamps ``heartbeat_at`` every ``JOBS_HEARTBEAT_SECONDS`` while the handler runs.
    """
    exhausted = False
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            log.warning("job %s no longer exists; message ignored", job_id)
            return None
        if job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED):
            return job
        if task_id and job.task_id and task_id != job.task_id:
            log.info("job %s: message %s superseded by %s; ignored", job_id, task_id, job.task_id)
            return job
        if job.attempts >= settings.JOBS_MAX_ATTEMPTS:
            exhausted = True
        else:
            now = timezone.now()
            job.status = Job.Status.RUNNING
            job.started_at = job.started_at or now  # the first start; attempts count the others
            job.heartbeat_at = now
            job.attempts += 1
            job.worker = worker or socket.gethostname()
            job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "worker"])
    if exhausted:
        return _finish(job, Job.Status.FAILED, error=_exhausted_message(job))
    handler = registry.job_kinds()[job.kind].handler
    beat = _Heartbeat(job.pk) if heartbeat else None
    try:
        with transaction.atomic():
            result = handler(job)
    except JobFailed as exc:
        return _finish(job, Job.Status.FAILED, error=str(exc), beat=beat)
    except SoftTimeLimitExceeded:
        return _finish(
            job,
            Job.Status.FAILED,
            error=f"The job ran longer than its time limit ({settings.CELERY_TASK_SOFT_TIME_LIMIT} s) and was stopped.",
            beat=beat,
        )
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return _finish(
            job, Job.Status.FAILED, error=f"Internal error while running the job: {detail}", beat=beat
        )
    return _finish(job, Job.Status.SUCCEEDED, result=result, beat=beat)


def _exhausted_message(job: Job) -> str:
    return (
        f"The job stopped its worker {job.attempts} times (the worker process was killed, e.g. out of "
        "memory, or its machine restarted); it is not tried again. Check the inputs, or ask an "
        "administrator to look at the worker logs."
    )


def _finish(job: Job, status: str, *, result=None, error: str = "", beat: _Heartbeat | None = None) -> Job:
    if beat is not None:
        beat.stop()
    job.status = status
    job.result = result
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "error", "finished_at"])
    kind = registry.job_kinds().get(job.kind)
    if status == Job.Status.FAILED and kind is not None and kind.on_failure is not None:
        kind.on_failure(job, error)
    if status == Job.Status.FAILED and (kind is None or kind.notify_failure):
        _notify_failure(job, kind)
    webhooks.job_ended(job)
    return job


def _notify_failure(job: Job, kind) -> None:
    """Tell the person who started the job that it failed (once: the key is the job's). Only a final
    failure gets here: a job re-queued after its worker died is not finished, so a retry that
    succeeds tells nobody. A notification that cannot be written never fails the job's record."""
    if job.created_by_id is None:
        return
    from django.urls import reverse

    from il2portal.notifications import notify

    label = kind.label if kind is not None else job.kind
    try:
        with transaction.atomic():
            notify(
                lab=job.lab,
                users=[job.created_by_id],
                kind="job_failed",
                title=f"{label} failed (job {job.pk})",
                body=job.error,
                url=reverse("job-detail", args=[job.pk]),
                key=f"job_failed:{job.pk}",
            )
    except Exception:
        log.exception("job %s: failure notification not made", job.pk)


class _Heartbeat:
    """A thread that stamps the running job's ``heartbeat_at`` (its own database connection, so the
    handler's open transaction does not hide it). It dies with the worker process: a stale stamp is
    how :func:`jobs_dispatch` tells a job whose worker was killed."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stopped.wait(settings.JOBS_HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except Exception as exc:  # a database blip: the next beat tries again
                    log.warning("job %s heartbeat not stored: %s", self.job_id, exc)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=10)


DISPATCH_BATCH = 200


def jobs_dispatch() -> dict:
    """One pass of the outbox dispatcher; returns counts for logs and tests.

    1. A running job whose heartbeat is older than ``JOBS_STALE_AFTER`` lost its worker: it goes back
       to ``queued`` (or fails after ``JOBS_MAX_ATTEMPTS`` attempts, with the failure hook run).
    2. A queued job never sent (older than ``JOBS_SEND_GRACE``, so the web process's own send is not
       raced), or sent more than ``JOBS_REQUEUE_QUEUED_AFTER`` ago and still not started, is sent with
       a new ``task_id``. The first refused send stops the pass: the broker is down, the next pass
       tries again.

    Rows are taken with ``SELECT … FOR UPDATE SKIP LOCKED`` so several workers' dispatchers share the
    work without sending a job twice.
    """
    now = timezone.now()
    counts = {"requeued": 0, "failed": 0, "sent": 0, "unsent": 0}
    stale_before = now - dt.timedelta(seconds=settings.JOBS_STALE_AFTER)
    exhausted: list[Job] = []
    with transaction.atomic():
        stale = list(
            Job.objects.select_for_update(skip_locked=True)
            .filter(status=Job.Status.RUNNING)
            .filter(
                Q(heartbeat_at__lt=stale_before) | Q(heartbeat_at__isnull=True, started_at__lt=stale_before)
            )
            .order_by("pk")[:DISPATCH_BATCH]
        )
        for job in stale:
            if job.attempts >= settings.JOBS_MAX_ATTEMPTS:
                exhausted.append(job)
                continue
            log.warning("job %s: worker %s stopped beating; queued again", job.pk, job.worker)
            job.status = Job.Status.QUEUED
            job.sent_at = None
            job.heartbeat_at = None
            job.save(update_fields=["status", "sent_at", "heartbeat_at"])
            counts["requeued"] += 1
    for job in exhausted:
        _finish(job, Job.Status.FAILED, error=_exhausted_message(job))
        counts["failed"] += 1

    unsent = Q(status=Job.Status.QUEUED, sent_at__isnull=True) & (
        Q(created_at__lt=now - dt.timedelta(seconds=settings.JOBS_SEND_GRACE)) | Q(attempts__gt=0)
    )
    stuck = Q(
        status=Job.Status.QUEUED,
        sent_at__lt=now - dt.timedelta(seconds=settings.JOBS_REQUEUE_QUEUED_AFTER),
    )
    with transaction.atomic():
        due = list(
            Job.objects.select_for_update(skip_locked=True)
            .filter(unsent | stuck)
            .order_by("pk")[:DISPATCH_BATCH]
        )
        for index, job in enumerate(due):
            task_id = _new_task_id()
            # published inside the transaction: a worker that gets the message first waits on the row
            # lock and then sees the new task_id
            if not _publish(job.pk, task_id):
                counts["unsent"] = len(due) - index
                break
            Job.objects.filter(pk=job.pk).update(task_id=task_id, sent_at=timezone.now())
            counts["sent"] += 1
    if not counts["unsent"]:
        webhooks.deliveries_dispatch()  # webhooks whose send found the broker down
    return counts


def jobs_backlog() -> dict:
    """What /healthz reports about the queue: unsent jobs, the oldest waiting one, stale running ones."""
    now = timezone.now()
    unsent = Job.objects.filter(status=Job.Status.QUEUED, sent_at__isnull=True)
    oldest = (
        Job.objects.filter(status=Job.Status.QUEUED)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    stale_before = now - dt.timedelta(seconds=settings.JOBS_STALE_AFTER)
    stale = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=stale_before)
    return {
        "unsent": unsent.count(),
        "queued_oldest_s": round((now - oldest).total_seconds(), 1) if oldest else None,
        "running_stale": stale.count(),
    }
