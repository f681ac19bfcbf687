"""``/healthz``: JSON with the state of the database, the broker and the job queue; 503 when the
database is down. A broker outage answers 200 with ``"status": "degraded"``: pages and uploads
still work and jobs wait in the outbox (``jobs.unsent``) until the broker is back."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check_database() -> dict:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__, "vendor": connection.vendor}
    return {"ok": True, "vendor": connection.vendor, "ms": round((time.monotonic() - started) * 1000, 1)}


def _check_broker() -> dict:
    if settings.JOBS_IN_PROCESS:
        return {"ok": True, "mode": "in-process"}
    from il2portal.celery import app

    started = time.monotonic()
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.5, timeout=2)
    except Exception as exc:
        return {
            "ok": False,
            "mode": "worker",
            "error": exc.__class__.__name__,
            "message": "The broker cannot be reached: new jobs wait in the outbox until it is back.",
        }
    return {"ok": True, "mode": "worker", "ms": round((time.monotonic() - started) * 1000, 1)}


def _check_jobs() -> dict | None:
    if settings.JOBS_IN_PROCESS:
        return None
    from il2portal.jobs import jobs_backlog

    try:
        return jobs_backlog()
    except Exception as exc:
        return {"error": exc.__class__.__name__}


@never_cache
def healthz(request):
    database = _check_database()
    broker = _check_broker()
    ok = database["ok"]
    body = {
        "status": "ok" if ok and broker["ok"] else ("degraded" if ok else "down"),
        "database": database,
        "broker": broker,
    }
    if ok and (jobs := _check_jobs()) is not None:
        body["jobs"] = jobs
    return JsonResponse(body, status=200 if ok else 503)
