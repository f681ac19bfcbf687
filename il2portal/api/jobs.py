"""The answer of every API call that starts a job, and the bounded wait (README "Jobs a script can
wait on").

* A job start answers **202** with the ``Job`` component, ``Location`` (the job's URL to poll) and,
  while the job is unfinished, ``Retry-After`` (seconds before polling again).
* ``?wait=N`` (0 ≤ N ≤ ``JOBS_MAX_WAIT``, 30 by default) holds the answer up to N seconds for the job
  to end: a finished job answers **200**, an unfinished one the usual 202. ``GET /jobs/{id}/?wait=N``
  does the same for polling (always 200, ``Retry-After`` while unfinished).

The wait polls the job's row (one primary-key read, every 50 ms at first, then every 0.5 s) outside
any transaction, so the worker's commit is seen at once and no snapshot or lock is held. A waiting
request occupies one gunicorn thread: a web process lets at most ``JOBS_WAIT_CONCURRENCY`` requests
wait at once (the others answer without waiting), and ``JOBS_MAX_WAIT`` must stay below gunicorn's
``--timeout`` (60 s in the Dockerfile), which kills a worker whose request runs longer.
"""

from __future__ import annotations

import re
import threading
import time

from django.conf import settings
from django.db import connection
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from il2portal.api.errors import ApiError
from il2portal.models import Job

FINISHED = (Job.Status.SUCCEEDED, Job.Status.FAILED)
_WHOLE_SECONDS = re.compile(r"[0-9]{1,6}")


def max_wait() -> int:
    return int(settings.JOBS_MAX_WAIT)


def parse_wait(request) -> int | None:
    """The ``wait`` query parameter in seconds, or None when absent; a 400 naming it otherwise.
    Call it before starting anything, so a bad value starts no job."""
    raw = request.query_params.get("wait")
    if raw is None:
        return None
    limit = max_wait()
    if not _WHOLE_SECONDS.fullmatch(raw.strip()) or int(raw) > limit:
        message = f"a whole number of seconds from 0 to {limit}"
        raise ApiError(
            "validation_error",
            f"wait: {message} (got {raw[:20]!r}).",
            detail={"wait": [message]},
        )
    return int(raw)


_slots_lock = threading.Lock()
_slots: tuple[int, threading.BoundedSemaphore] | None = None


def _wait_slots(size: int) -> threading.BoundedSemaphore:
    """One semaphore per process, sized by ``JOBS_WAIT_CONCURRENCY`` (re-made if the setting changes)."""
    global _slots
    with _slots_lock:
        if _slots is None or _slots[0] != size:
            _slots = (size, threading.BoundedSemaphore(size))
        return _slots[1]


def wait_for(job: Job, seconds: int | None) -> Job:
    """``job`` as it is once it has finished or ``seconds`` have passed (re-read from the database).

    Never waits inside a transaction (a caller's open transaction would be held for the whole wait),
    and never when every wait slot of this process is taken."""
    size = int(settings.JOBS_WAIT_CONCURRENCY)
    if not seconds or size <= 0 or job.status in FINISHED or connection.in_atomic_block:
        return job
    slots = _wait_slots(size)
    if not slots.acquire(blocking=False):
        return job
    try:
        deadline = time.monotonic() + seconds
        pause = 0.05
        while True:
            status = Job.objects.filter(pk=job.pk).values_list("status", flat=True).first()
            if status is None or status in FINISHED:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.5)
    finally:
        slots.release()
    job.refresh_from_db()
    return job


def job_response(job: Job, request, *, wait: int | None = None, started: bool = True) -> Response:
    """The answer for a job: 202 (``started``) or 200, ``Location``, and ``Retry-After`` while it runs.

    With ``wait`` (seconds, from :func:`parse_wait`) the answer waits for the job to finish; a job
    start whose job has finished then answers 200."""
    from il2portal.api.serializers import JobSerializer

    job = wait_for(job, wait)
    finished = job.status in FINISHED
    code = 200 if (not started or (wait is not None and finished)) else 202
    body = JobSerializer(job, context={"request": request}).data
    response = Response(body, status=code)
    response["Location"] = str(body["url"])  # a plain str: DRF's Hyperlink is a subclass, which WSGI refuses
    if not finished:
        response["Retry-After"] = str(settings.JOBS_RETRY_AFTER)
    return response


# ---- the schema of it


def _wait_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        "wait",
        {"type": "integer", "minimum": 0, "maximum": max_wait()},
        OpenApiParameter.QUERY,
        description=f"Seconds (0 to {max_wait()}) to wait for the job to end before answering. A job that "
        "ends in time is answered with **200** and its final state; otherwise the answer is as without "
        "`wait`. Bounded so that waiting scripts cannot hold the web server's workers.",
    )


def _location(codes) -> OpenApiParameter:
    return OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        OpenApiParameter.HEADER,
        description="The job's URL (the same as `url`): poll it until `status` is `succeeded` or `failed`.",
        response=list(codes),
    )


def _retry_after(codes) -> OpenApiParameter:
    return OpenApiParameter(
        "Retry-After",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        description="Seconds to wait before polling again; sent only while the job is `queued` or `running`.",
        response=list(codes),
    )


def job_start_schema(*, request=None, responses: dict | None = None, **kwargs):
    """``extend_schema`` for an operation that starts a job: the ``wait`` parameter, 202 and 200 with
    the ``Job`` component, ``Location`` and ``Retry-After``."""
    from il2portal.api.serializers import JobSerializer

    answers = {
        202: OpenApiResponse(
            JobSerializer,
            description="The job was started. `Location` is its URL; poll it (after `Retry-After` "
            "seconds) until it has finished. Where jobs run in-process it has already finished.",
        ),
        200: OpenApiResponse(
            JobSerializer,
            description="Only with `wait`: the job finished within the wait (`succeeded` or `failed`).",
        ),
        **(responses or {}),
    }
    return extend_schema(
        request=request,
        responses=answers,
        parameters=[
            _wait_parameter(),
            _location((200, 202)),
            _retry_after((202,)),
            *kwargs.pop("parameters", []),
        ],
        **kwargs,
    )


def job_poll_schema(**kwargs):
    """``extend_schema`` for ``GET /jobs/{id}/``: the optional long-poll ``wait``."""
    from il2portal.api.serializers import JobSerializer

    return extend_schema(
        responses={200: JobSerializer},
        parameters=[_wait_parameter(), _retry_after((200,))],
        **kwargs,
    )
