"""Celery application. Configuration comes from Django settings (CELERY_* names)."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_init, worker_ready, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "il2portal.settings")

app = Celery("il2portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _warm_imports(**kwargs) -> None:
    """Before the pool forks its children: each child starts with the analysis imports done."""
    from il2portal import warmup

    warmup.warm()


@worker_ready.connect
def _start_job_dispatcher(**kwargs) -> None:
    """Each worker sweeps the job outbox (il2portal.dispatcher): unsent, stuck and orphaned jobs."""
    from il2portal import dispatcher

    dispatcher.start()


@worker_shutdown.connect
def _stop_job_dispatcher(**kwargs) -> None:
    from il2portal import dispatcher

    dispatcher.stop()
