"""The job outbox dispatcher, run as a thread of each Celery worker's main process.

Started on ``worker_ready`` (after the pool has forked its children) and stopped on
``worker_shutdown``; ``JOBS_DISPATCHER=0`` turns it off for a worker. It needs no process of its own
and no free pool slot, so it keeps sweeping while long analyses occupy every slot. Several workers'
dispatchers share the rows (``SKIP LOCKED``). ``manage.py jobs_dispatch`` runs the same pass by hand
or in a loop for deployments that want it elsewhere. Each pass also sends the registered periodic
work that is due (il2portal.periodic).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(self, interval: float):
        self.interval = interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="job-dispatcher", daemon=True)

    def start(self) -> Dispatcher:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=self.interval + 10)

    def _run(self) -> None:
        from il2portal.jobs import jobs_dispatch
        from il2portal.periodic import periodic_dispatch

        log.info("job dispatcher running every %s s", self.interval)
        while True:
            try:
                close_old_connections()
                counts = jobs_dispatch()
                if any(counts.values()):
                    log.info("job dispatcher: %s", counts)
                periodic_dispatch()  # registered periodic work that is due, sent to the pool
            except Exception:  # a database outage: log it and try again on the next pass
                log.exception("job dispatcher pass failed")
            finally:
                connection.close()  # hold no connection between passes
            if self._stopped.wait(self.interval):
                return


_running: Dispatcher | None = None


def start() -> None:
    global _running
    if _running is None and settings.JOBS_DISPATCHER and not settings.JOBS_IN_PROCESS:
        _running = Dispatcher(settings.JOBS_DISPATCH_INTERVAL).start()


def stop() -> None:
    global _running
    if _running is not None:
        _running.stop()
        _running = None
