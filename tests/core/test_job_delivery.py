"""Job delivery without a live broker: the Job row is the outbox, the dispatcher sends, re-sends and
re-queues, and a superseded or repeated message never runs a job twice (publishing is faked here;
tests/integration runs the same against Redis and worker processes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from assays.models import RunResult
from il2portal import jobs
from il2portal.models import Job
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db
POINTS = [{"x": x, "y": 100 / (1 + (x / 3.0) ** 1.2)} for x in (0.1, 0.3, 1, 3, 10, 30, 100)]


@pytest.fixture
def broker(settings, monkeypatch):
    """Workers on a broker that records what it is sent; ``broker.up = False`` refuses everything."""
    settings.JOBS_IN_PROCESS = False

    class FakeBroker:
        up = True
        sent: list[tuple[int, str]] = []

    fake = FakeBroker()
    fake.sent = []

    def publish(job_id, task_id):
        if not fake.up:
            return False
        fake.sent.append((job_id, task_id))
        return True

    monkeypatch.setattr(jobs, "_publish", publish)
    return fake


def _ago(seconds: float):
    return timezone.now() - dt.timedelta(seconds=seconds)


def test_it_answers_202_and_keeps_the_job_unsent_when_the_broker_refuses(
    api, broker, django_capture_on_commit_callbacks
):
    broker.up = False
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/fits/", {"points": POINTS}, format="json")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    job = Job.objects.get()
    assert job.sent_at is None and job.task_id and broker.sent == []


def test_it_marks_a_job_sent_after_the_commit(api, broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api.post("/api/v1/fits/", {"points": POINTS}, format="json")
    job = Job.objects.get()
    assert broker.sent == [(job.pk, job.task_id)] and job.sent_at is not None


def test_it_sends_unsent_jobs_once_the_broker_is_back_after_the_grace_period(lab, broker):
    fresh = JobFactory(lab=lab, kind="fit", status=Job.Status.QUEUED, task_id="t-fresh")
    old = JobFactory(lab=lab, kind="fit", status=Job.Status.QUEUED, task_id="t-old")
    Job.objects.filter(pk=old.pk).update(created_at=_ago(django_settings.JOBS_SEND_GRACE + 1))
    broker.up = False
    assert jobs.jobs_dispatch()["unsent"] == 1
    broker.up = True
    assert jobs.jobs_dispatch()["sent"] == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.sent_at is not None and old.task_id != "t-old"  # a new message id supersedes any old one
    assert broker.sent == [(old.pk, old.task_id)]
    assert fresh.sent_at is None  # the web process's own send may still be on its way


def test_it_resends_a_job_stuck_in_queued_past_the_threshold(lab, broker, settings):
    job = JobFactory(lab=lab, kind="fit", status=Job.Status.QUEUED, task_id="t1")
    Job.objects.filter(pk=job.pk).update(sent_at=_ago(settings.JOBS_REQUEUE_QUEUED_AFTER + 1))
    recent = JobFactory(lab=lab, kind="fit", status=Job.Status.QUEUED, task_id="t2", sent_at=_ago(5))
    assert jobs.jobs_dispatch()["sent"] == 1
    job.refresh_from_db()
    assert broker.sent == [(job.pk, job.task_id)] and job.task_id != "t1"
    recent.refresh_from_db()
    assert recent.task_id == "t2"


def test_it_requeues_a_running_job_whose_heartbeat_stopped_and_keeps_its_first_start(lab, broker, settings):
    started = _ago(600)
    job = JobFactory(
        lab=lab, kind="fit", params={"points": POINTS, "model": "4PL", "weighting": "none"}, status=Job.Status.RUNNING, task_id="t1",
        attempts=1, started_at=started, heartbeat_at=_ago(settings.JOBS_STALE_AFTER + 1), sent_at=started,
    )  # fmt: skip
    alive = JobFactory(
        lab=lab, kind="fit", status=Job.Status.RUNNING, task_id="t2", attempts=1, started_at=started,
        heartbeat_at=_ago(1),
    )  # fmt: skip
    counts = jobs.jobs_dispatch()
    assert counts["requeued"] == 1 and counts["sent"] == 1
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and broker.sent == [(job.pk, job.task_id)]
    assert jobs.job_execute(job.pk, task_id="t1").status == Job.Status.QUEUED  # the dead worker's message
    done = jobs.job_execute(job.pk, task_id=job.task_id)
    assert done.status == Job.Status.SUCCEEDED and done.attempts == 2 and done.started_at == started
    alive.refresh_from_db()
    assert alive.status == Job.Status.RUNNING and alive.task_id == "t2"


def test_it_fails_a_job_that_lost_its_worker_too_often_and_runs_its_failure_hook(lab, user, broker, settings):
    import tests.assays.factories  # noqa: F401  (assays job kinds registered)

    version_job = JobFactory(
        lab=lab, kind="run_analysis", status=Job.Status.RUNNING, task_id="t1",
        attempts=settings.JOBS_MAX_ATTEMPTS, started_at=_ago(900), heartbeat_at=_ago(600),
    )  # fmt: skip
    from assays.models import AssayRun
    from tests.assays.factories import LayoutFactory

    run = AssayRun.objects.create(lab=lab, name="R", kind="elisa", layout=LayoutFactory(lab=lab))
    version = RunResult.objects.create(run=run, version=1, status=RunResult.Status.RUNNING, job=version_job)
    Job.objects.filter(pk=version_job.pk).update(params={"run_result": version.pk})
    assert jobs.jobs_dispatch()["failed"] == 1
    version_job.refresh_from_db()
    assert version_job.status == Job.Status.FAILED
    assert f"stopped its worker {settings.JOBS_MAX_ATTEMPTS} times" in version_job.error
    version.refresh_from_db()
    assert version.status == RunResult.Status.FAILED and "stopped its worker" in version.error
    assert broker.sent == []


def test_it_fails_a_redelivered_job_after_the_last_attempt(lab, broker, settings):
    job = JobFactory(
        lab=lab, kind="fit", status=Job.Status.RUNNING, task_id="t1", attempts=settings.JOBS_MAX_ATTEMPTS
    )
    done = jobs.job_execute(job.pk, task_id="t1")
    assert done.status == Job.Status.FAILED and done.attempts == settings.JOBS_MAX_ATTEMPTS


def test_it_ignores_a_message_for_a_job_that_no_longer_exists(db):
    assert jobs.job_execute(999999, task_id="t") is None


def test_it_requeues_a_dead_workers_job_within_a_minute_by_default():
    assert django_settings.JOBS_HEARTBEAT_SECONDS * 3 <= django_settings.JOBS_STALE_AFTER
    assert django_settings.JOBS_STALE_AFTER + django_settings.JOBS_DISPATCH_INTERVAL < 60
