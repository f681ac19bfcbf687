"""Broker outage: a job created while Redis is down is kept (the Job row is the outbox) and runs once
Redis is back; /healthz says the broker is down meanwhile."""

from __future__ import annotations

import time

import pytest

from il2portal import services
from il2portal.models import Job
from tests.integration.conftest import _start_worker, _stop_worker
from tests.integration.servers import Gunicorn, RedisServer, free_port, http, post_json
from tests.integration.test_worker import _ryegrass

pytestmark = pytest.mark.integration

FAST = {"JOBS_DISPATCH_INTERVAL": "1", "JOBS_SEND_GRACE": "1"}


def _wait_finished(base: str, url: str, token: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    body = {}
    while time.monotonic() < deadline:
        _status, _head, body = http("GET", url, token=token)
        if body.get("status") in ("succeeded", "failed"):
            return body
        time.sleep(0.3)
    raise AssertionError(f"job did not finish within {timeout} s; last state {body}")


def test_it_keeps_a_job_made_while_the_broker_is_down_and_runs_it_when_the_broker_returns(
    real_services, tmp_path, user, lab
):
    _token, key = services.api_token_create_personal(user=user)
    redis = RedisServer(free_port())  # nothing listens on this port yet: the broker is down
    web = Gunicorn(tmp_path, broker=redis.url).start()
    worker = None
    try:
        status, _head, body = post_json(
            f"{web.base}/api/v1/fits/", {"model": "4PL", "points": _ryegrass()}, token=key
        )
        assert status == 202, (body, web.tail())
        assert body["status"] == "queued"
        job = Job.objects.get(pk=body["id"])
        assert job.status == Job.Status.QUEUED and job.sent_at is None  # kept in the outbox

        status, _head, health = http("GET", f"{web.base}/healthz")
        assert status == 200 and health["status"] == "degraded"
        assert health["broker"]["ok"] is False
        assert health["jobs"]["unsent"] == 1

        redis.start()
        worker = _start_worker(redis.url, tmp_path, ["-P", "solo"], env=FAST)
        done = _wait_finished(web.base, body["url"], key, timeout=30)
        assert done["status"] == "succeeded", done
        assert done["result"]["parameters"]["ec50"] == pytest.approx(3.05795, abs=1e-4)
        job.refresh_from_db()
        assert job.sent_at is not None and job.attempts == 1

        status, _head, health = http("GET", f"{web.base}/healthz")
        assert health["status"] == "ok" and health["broker"]["ok"] is True
    finally:
        if worker is not None:
            _stop_worker(worker[0], worker[2])
        web.stop()
        redis.stop()
