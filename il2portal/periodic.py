"""Work the workers run every so often (``registry.register_periodic``), without a beat process.

Each pass of a worker's job dispatcher (il2portal.dispatcher, every ``JOBS_DISPATCH_INTERVAL`` s)
calls :func:`periodic_dispatch`: a registered function whose interval has passed is sent to the pool
as one ``run_periodic`` task. "Has passed" is a key in the shared ``analysis`` cache (Redis, with a
broker) added with the interval as its lifetime, so of several workers one sends it per interval. The
functions themselves must be safe to run twice (the endpoint notifications are: each has a key).
"""

from __future__ import annotations

import logging

from django.core.cache import caches
from django.utils.module_loading import import_string

from il2portal import registry

log = logging.getLogger(__name__)


def _cache_key(name: str) -> str:
    return f"periodic:{name}"


def periodic_dispatch() -> list[str]:
    """Send the periodic work that is due; returns the names sent. Never raises."""
    from il2portal.tasks import run_periodic

    sent = []
    for name, job in registry.periodic().items():
        if job.every_s <= 0:
            continue
        try:
            cache = caches["analysis"]
            if not cache.add(_cache_key(name), 1, timeout=job.every_s):
                continue  # run within the interval, here or by another worker
            try:
                run_periodic.apply_async(args=[name], retry=False)
            except Exception as exc:  # the broker is down: try again on a later pass
                cache.delete(_cache_key(name))
                log.warning("periodic %s not sent: %s", name, exc)
                continue
            sent.append(name)
        except Exception:
            log.exception("periodic %s not dispatched", name)
    return sent


def periodic_run(name: str):
    """Run one registered periodic function now (the task, and tests)."""
    job = registry.periodic().get(name)
    if job is None:
        log.warning("periodic %s is not registered; ignored", name)
        return None
    return import_string(job.path)()
