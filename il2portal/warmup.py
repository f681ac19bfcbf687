"""Imports that cost seconds, done when a process starts instead of in its first request or job.

Apps register what their requests and jobs import lazily (``register`` in ``AppConfig.ready``); the
web process (``il2portal.wsgi``; with gunicorn ``--preload`` once, in the master, before the workers
fork) and each Celery worker (``worker_init``, before the pool forks its children) call ``warm``.
Without it the first upload on each gunicorn worker paid ~2.5 s importing allotropy's parsers, pandas
and openpyxl. ``WARM_IMPORTS=0`` turns it off (the benchmark's baseline, or a shell that wants a fast
start).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

log = logging.getLogger(__name__)
_WARMERS: dict[str, Callable[[], object]] = {}


def register(name: str, fn: Callable[[], object]) -> None:
    """``fn()`` imports (and may prime) what ``name`` needs; registered once per name."""
    _WARMERS[name] = fn


def enabled() -> bool:
    return os.environ.get("WARM_IMPORTS", "1").strip().lower() not in ("0", "false", "no", "off")


def warm() -> dict[str, float]:
    """Run every registered warmer; returns seconds per warmer. A warmer that fails is logged and
    skipped: a missing optional import must not stop a web process or a worker from starting."""
    if not enabled():
        return {}
    took: dict[str, float] = {}
    for name, fn in _WARMERS.items():
        started = time.perf_counter()
        try:
            fn()
        except Exception:  # noqa: BLE001 - logged; the first request imports it again and reports
            log.exception("warm-up %s failed", name)
            continue
        took[name] = time.perf_counter() - started
    log.info("warm-up: %s", ", ".join(f"{n} {s:.2f} s" for n, s in took.items()) or "nothing registered")
    return took
