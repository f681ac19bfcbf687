"""Webhooks delivered by a real Celery worker on Redis: the job ends in the worker, which posts the
signed notice and retries it with backoff while the receiver fails, then gives up after
WEBHOOK_MAX_ATTEMPTS attempts."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest

from il2portal.models import ApiToken, WebhookDelivery
from tests.core.test_webhooks import POINTS, Receiver
from tests.integration.conftest import _start_worker, _stop_worker, wait_for_job

pytestmark = pytest.mark.integration
WORKER_ENV = {
    "WEBHOOK_ALLOW_HTTP": "1",
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "1",
    "WEBHOOK_RETRY_BASE_SECONDS": "1",
    "WEBHOOK_MAX_ATTEMPTS": "3",
}


@pytest.fixture
def worker(real_services, tmp_path, settings):
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    proc, _name, log = _start_worker(real_services, tmp_path, ["-P", "solo"], env=WORKER_ENV)
    yield log
    _stop_worker(proc, log)


def _register(api, url) -> str:
    token = ApiToken.objects.filter(kind=ApiToken.Kind.PERSONAL).order_by("-created_at").first()
    response = api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": url}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()["secret"]


def _wait_delivery(status: str, timeout: float = 30) -> WebhookDelivery:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = WebhookDelivery.objects.first()
        if delivery is not None and delivery.status == status:
            return delivery
        time.sleep(0.2)
    raise AssertionError(f"no {status} delivery within {timeout} s: {WebhookDelivery.objects.first()!r}")


def test_the_worker_retries_with_backoff_until_the_receiver_takes_it(worker, api):
    receiver = Receiver(answers=(500, 503, 200))
    try:
        secret = _register(api, receiver.url)
        started = api.post("/api/v1/fits/", {"points": POINTS}, format="json")
        assert started.status_code == 202 and started.json()["status"] == "queued"
        job = wait_for_job(api, started.json()["url"])
        assert job["status"] == "succeeded"
        delivery = _wait_delivery("delivered")
        worker.seek(0)
        assert delivery.attempts == 3 and delivery.last_status_code == 200, worker.read()[-3000:]
        assert [json.loads(body)["delivery"] for _p, _h, body in receiver.requests] == [delivery.pk] * 3
        stamps = [int(headers["X-IL2-Timestamp"]) for _p, headers, _b in receiver.requests]
        assert stamps[2] - stamps[0] >= 2  # waited 1 s, then 2 s (whole seconds in the stamps)
        for _path, headers, body in receiver.requests:
            mac = hmac.new(secret.encode(), headers["X-IL2-Timestamp"].encode() + b"." + body, hashlib.sha256)
            assert headers["X-IL2-Signature"] == "sha256=" + mac.hexdigest()
        payload = json.loads(receiver.requests[-1][2])
        assert payload["job"]["id"] == job["id"] and payload["job"]["status"] == "succeeded"
        assert payload["job"]["url"] == job["url"] and payload["job"]["result"] == job["result"]
    finally:
        receiver.close()


def test_the_worker_gives_up_after_the_last_attempt(worker, api):
    receiver = Receiver(answers=(500,))
    try:
        _register(api, receiver.url)
        started = api.post("/api/v1/fits/", {"points": POINTS}, format="json")
        wait_for_job(api, started.json()["url"])
        delivery = _wait_delivery("failed")
        assert delivery.attempts == 3 and len(receiver.requests) == 3
        assert delivery.last_status_code == 500 and "HTTP 500" in delivery.last_error
    finally:
        receiver.close()
