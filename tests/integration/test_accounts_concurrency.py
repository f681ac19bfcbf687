"""Accounts under concurrent requests, on PostgreSQL through a threaded live server: every failed
login counts, one Idempotency-Key runs its request once, one token per name, one membership per
invitation."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from axes.models import AccessAttempt
from django.db.models import Sum

from il2portal import services
from il2portal.models import ApiToken, Job, LabInvitation, Membership
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.integration
N = 8


def _post(url: str, body: dict, headers: dict | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)


def _together(fn, n: int = N) -> list:
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(lambda _i: fn(), range(n)))


def test_it_counts_every_concurrent_wrong_password(real_services, live_server, user, settings):
    url = f"{live_server.url}/api/v1/auth/token/"
    answers = _together(lambda: _post(url, {"username": "alice", "password": "wrong"}), n=3 * N)
    assert {status for status, _b, _h in answers} <= {400, 429}
    counted = AccessAttempt.objects.aggregate(n=Sum("failures_since_start"))["n"]
    assert counted == 3 * N  # no failure lost to a race between workers
    status, body, headers = _post(url, {"username": "alice", "password": PASSWORD})
    assert status == 429 and body["error"]["code"] == "locked_out" and int(headers["Retry-After"]) > 0
    assert not ApiToken.objects.filter(user=user).exists()


def test_it_runs_a_request_once_for_concurrent_retries_with_one_key(real_services, live_server, user):
    _token, key = services.api_token_create_personal(user=user)
    headers = {"Authorization": f"Token {key}", "Idempotency-Key": "fit-once"}
    body = {"model": "linear", "points": [{"x": x, "y": 2 * x + 1} for x in range(1, 6)]}
    answers = _together(lambda: _post(f"{live_server.url}/api/v1/fits/", body, headers))
    assert Job.objects.filter(kind="fit").count() == 1
    statuses = sorted(status for status, _b, _h in answers)
    assert statuses.count(202) >= 1 and set(statuses) <= {202, 409}
    ids = {b["id"] for status, b, _h in answers if status == 202}
    assert len(ids) == 1  # a replay is the first answer, not a second job
    busy = [b for status, b, _h in answers if status == 409]
    assert all(b["error"]["code"] == "idempotency_key_in_progress" for b in busy)


def test_it_issues_one_token_per_name_under_concurrent_logins(real_services, live_server, user):
    url = f"{live_server.url}/api/v1/auth/token/"
    answers = _together(lambda: _post(url, {"username": "alice", "password": PASSWORD}))
    assert [status for status, _b, _h in answers] == [200] * N
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1


def test_it_makes_one_membership_from_concurrent_accepts(real_services, live_server, user, lab):
    carol = UserFactory(username="carol")
    invitation = services.lab_invitation_create(lab=lab, invitee=carol, role="member", invited_by=user)
    _token, key = services.api_token_create_personal(user=carol)
    url = f"{live_server.url}/api/v1/invitations/{invitation.pk}/accept/"
    answers = _together(lambda: _post(url, {}, {"Authorization": f"Token {key}"}))
    statuses = sorted(status for status, _b, _h in answers)
    assert statuses == [200] + [409] * (N - 1)
    assert Membership.objects.filter(lab=lab, user=carol).count() == 1
    assert LabInvitation.objects.get(pk=invitation.pk).status == "accepted"
