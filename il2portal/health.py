"""``/healthz``: JSON with the state of the database and the broker; 503 when the database is down."""

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
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return {"ok": False, "mode": "worker", "error": exc.__class__.__name__}
    return {"ok": True, "mode": "worker", "ms": round((time.monotonic() - started) * 1000, 1)}


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
    return JsonResponse(body, status=200 if ok else 503)
