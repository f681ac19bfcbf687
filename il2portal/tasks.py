"""Celery tasks of the core: one generic task runs any job by id."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from il2portal.jobs import job_execute


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def run_job(self, job_id: int) -> str:
    job = job_execute(job_id, worker=self.request.hostname, task_id=self.request.id, heartbeat=True)
    return job.status if job is not None else "missing"


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    """One attempt at a webhook; on a network error or a non-2xx answer it is tried again after an
    exponential backoff, up to ``WEBHOOK_MAX_ATTEMPTS`` attempts (il2portal.webhooks)."""
    from django.conf import settings

    from il2portal import webhooks

    delivered, retry = webhooks.deliver(
        delivery_id, final=self.request.retries + 1 >= settings.WEBHOOK_MAX_ATTEMPTS
    )
    if retry:
        raise self.retry(countdown=webhooks.backoff(self.request.retries + 1))
    return "delivered" if delivered else "failed"


@shared_task(acks_late=True, ignore_result=True)
def run_periodic(name: str) -> None:
    """Registered periodic work (il2portal.periodic), sent by a worker's dispatcher when it is due."""
    from il2portal.periodic import periodic_run

    periodic_run(name)


@shared_task(acks_late=True, ignore_result=True)
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email notices once their transaction has committed (il2portal.notifications); never raises."""
    from il2portal.notifications import send_emails

    return send_emails(notification_ids)
