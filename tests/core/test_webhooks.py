"""Webhooks when a job ends: registered per token, signed, never to internal addresses unless the site
allows it. Jobs run in-process here (one attempt, at once); retries by a real worker are in
tests/integration/test_webhooks_worker.py."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rest_framework.test import APIClient

from il2portal import services, webhooks
from il2portal.models import ApiToken, WebhookDelivery

pytestmark = pytest.mark.django_db
POINTS = [{"x": x, "y": 100 / (1 + (x / 3.0) ** 1.2)} for x in (0.1, 0.3, 1, 3, 10, 30, 100)]


class Receiver:
    """A local HTTP endpoint recording what it is sent; ``answers`` are the statuses to give in turn."""

    def __init__(self, answers=(200,)):
        self.requests: list[tuple[str, dict, bytes]] = []
        self.answers = list(answers)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append((self.path, dict(self.headers), body))
                code = receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                self.send_response(code)
                if code in (301, 302, 307):
                    self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/il2?lab=1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local_hooks(settings):
    """A site that allows webhooks to http and to this machine (for a LIMS on the lab's network)."""
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def start_fit(api, django_capture_on_commit_callbacks):
    """POST /fits/ as the request would commit (deliveries are sent after the commit)."""

    def start(client=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or api).post("/api/v1/fits/", {"points": POINTS}, format="json", **extra)

    return start


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _token(api) -> ApiToken:
    return ApiToken.objects.filter(kind=ApiToken.Kind.PERSONAL).order_by("-created_at").first()


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://example.com/hook", "https://"),
        ("https://127.0.0.1/hook", "127.0.0.1"),
        ("https://localhost:8443/hook", "loopback, private or reserved"),
        ("https://10.1.2.3/hook", "10.1.2.3"),
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("https://[::1]/hook", "::1"),
        ("https://[::ffff:192.168.0.1]/hook", "private"),
        ("https://user:pw@example.com/hook", "user name or password"),
        ("ftp://example.com/hook", "https://"),
        ("https://no-such-host.invalid/hook", "cannot be resolved"),
        ("https://example.com:99999/hook", "port"),
    ],
)
def test_it_refuses_a_webhook_to_an_internal_or_unsafe_address(api, url, words):
    response = api.post(f"/api/v1/auth/tokens/{_token(api).pk}/webhook/", {"url": url}, format="json")
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["message"].startswith("url:") and words in error["message"], error["message"]
    assert _token(api).webhook_url == ""


def test_it_registers_rotates_and_removes_a_webhook(api, local_hooks, receiver):
    token = _token(api)
    first = api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": receiver.url}, format="json")
    assert first.status_code == 200, first.json()
    assert first.json()["url"] == receiver.url and first.json()["secret"].startswith("whsec_")
    listed = api.get(f"/api/v1/auth/tokens/{token.pk}/").json()
    assert listed["webhook_url"] == receiver.url and "secret" not in json.dumps(listed)
    again = api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": receiver.url}, format="json")
    assert again.json()["secret"] != first.json()["secret"]
    assert api.delete(f"/api/v1/auth/tokens/{token.pk}/webhook/").status_code == 204
    assert api.get(f"/api/v1/auth/tokens/{token.pk}/").json()["webhook_url"] is None


def test_it_posts_the_finished_job_signed_with_the_tokens_secret(api, local_hooks, receiver, start_fit):
    token = _token(api)
    secret = api.post(
        f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": receiver.url}, format="json"
    ).json()["secret"]
    job = start_fit().json()
    assert job["status"] == "succeeded"
    ((path, headers, body),) = receiver.requests
    assert path == "/hooks/il2?lab=1"
    assert headers["Content-Type"] == "application/json" and headers["X-IL2-Event"] == "job.finished"
    expected = hmac.new(secret.encode(), headers["X-IL2-Timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["X-IL2-Signature"] == "sha256=" + expected.hexdigest()
    payload = json.loads(body)
    assert payload["event"] == "job.finished" and payload["job"]["id"] == job["id"]
    assert payload["job"]["status"] == "succeeded" and payload["job"]["url"] == job["url"]
    assert payload["job"]["result"]["parameters"]["ec50"] == pytest.approx(
        job["result"]["parameters"]["ec50"]
    )
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 1 and delivery.last_status_code == 200
    state = api.get(f"/api/v1/auth/tokens/{token.pk}/webhook/").json()
    assert state["url"] == receiver.url and "secret" not in state
    (shown,) = state["deliveries"]
    assert shown["job"] == job["id"] and shown["status"] == "delivered" and shown["attempts"] == 1


def test_it_notifies_only_jobs_started_with_that_token(api, user, local_hooks, receiver, client, start_fit):
    token = _token(api)
    api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": receiver.url}, format="json")
    other = APIClient()
    _t, key = services.api_token_create_personal(user=user, name="another script")
    other.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert start_fit(other).status_code == 202
    client.force_login(user)  # a session after the token's request: nothing left over
    assert (
        client.post("/api/v1/fits/", {"points": POINTS}, content_type="application/json").status_code == 202
    )
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_a_token_replaced_by_a_new_login_keeps_its_webhook(api, user, local_hooks, receiver):
    token = _token(api)
    api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": receiver.url}, format="json")
    new, _key = services.api_token_create_personal(user=user, name=token.name)
    token.refresh_from_db()
    assert token.state == "revoked" and new.webhook_url == receiver.url
    assert new.webhook_secret == token.webhook_secret


def test_it_does_not_follow_a_redirect(api, local_hooks, start_fit):
    redirecting = Receiver(answers=(302,))
    try:
        token = _token(api)
        api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": redirecting.url}, format="json")
        start_fit()
        delivery = WebhookDelivery.objects.get()
        assert len(redirecting.requests) == 1
        assert delivery.status == "failed" and delivery.last_status_code == 302
        assert "302" in delivery.last_error
    finally:
        redirecting.close()


def test_it_checks_the_address_again_when_delivering(api, local_hooks, receiver, settings, start_fit):
    """A host that resolved to a public address when registered but to an internal one later."""
    token = _token(api)
    api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": receiver.url}, format="json")
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    start_fit()
    delivery = WebhookDelivery.objects.get()
    assert receiver.requests == [] and delivery.status == "failed"
    assert delivery.last_error.startswith("refused:") and "127.0.0.1" in delivery.last_error


def test_the_connection_goes_to_the_checked_address(monkeypatch, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    answers = iter([[(2, 1, 6, "", ("93.184.216.34", 443))], [(2, 1, 6, "", ("127.0.0.1", 443))]])
    monkeypatch.setattr(webhooks.socket, "getaddrinfo", lambda *a, **k: next(answers))
    assert webhooks.check_url("https://rebinding.example/hook")[3] == "93.184.216.34"
    with pytest.raises(webhooks.WebhookRefused):
        webhooks.check_url("https://rebinding.example/hook")


def test_nobody_else_sees_or_sets_a_tokens_webhook(
    api, user, other_api, instrument_api, local_hooks, receiver
):
    token = ApiToken.objects.get(user=user, kind=ApiToken.Kind.PERSONAL)
    api.post(f"/api/v1/auth/tokens/{token.pk}/webhook/", {"url": receiver.url}, format="json")
    url = f"/api/v1/auth/tokens/{token.pk}/webhook/"
    assert other_api.get(url).status_code == 404
    assert other_api.post(url, {"url": receiver.url}, format="json").status_code == 404
    assert other_api.delete(url).status_code == 404
    assert instrument_api.post(url, {"url": receiver.url}, format="json").status_code == 403
    token.refresh_from_db()
    assert token.webhook_url == receiver.url
