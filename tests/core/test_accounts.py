"""Accounts: login lockout (page and token endpoint), personal tokens that expire, rotate, die with a
password change and can be listed and revoked by their owner."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from il2portal import services
from il2portal.accounts import client_ip
from il2portal.models import ApiToken
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Each refused password is hashed like a real one; a fast hasher keeps 50 attempts quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _token_request(username="alice", password=PASSWORD, ip="10.0.0.1", **extra):
    return APIClient(REMOTE_ADDR=ip).post(
        "/api/v1/auth/token/", {"username": username, "password": password, **extra}, format="json"
    )


def _login(client, username="alice", password=PASSWORD, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


# ---- lockout --------------------------------------------------------------------------------------


def test_it_locks_the_token_endpoint_after_repeated_wrong_passwords(user, settings):
    statuses = [_token_request(password="wrong").status_code for _ in range(50)]
    limit = settings.AXES_FAILURE_LIMIT  # the attempt that reaches the limit is already refused
    assert statuses == [400] * (limit - 1) + [429] * (50 - limit + 1)
    locked = _token_request()  # the right password, too late
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert "Too many failed logins" in locked.json()["error"]["message"]
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert not ApiToken.objects.filter(user=user).exists()


def test_it_locks_after_the_configured_number_of_failures(user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    assert [_token_request(password="wrong").status_code for _ in range(3)] == [400, 400, 429]
    assert _token_request().status_code == 429


def test_it_locks_the_login_page_with_a_clear_message(client, user):
    for _ in range(10):
        _login(client, password="wrong")
    response = _login(client)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert 'id="locked-out"' in page and "Too many failed logins" in page
    assert client.get("/").status_code == 302  # not logged in


def test_it_locks_a_username_whatever_the_address(user):
    for n in range(10):
        _token_request(password="wrong", ip=f"10.0.1.{n}")
    assert _token_request(ip="10.0.2.1").status_code == 429


def test_it_locks_an_address_whatever_the_username(user):
    for n in range(10):
        _token_request(username=f"guess{n}", password="wrong", ip="10.0.3.3")
    assert _token_request(ip="10.0.3.3").status_code == 429
    assert _token_request(ip="10.0.3.4").status_code == 200  # alice from elsewhere is not locked


def test_it_shares_the_count_between_the_login_page_and_the_api(client, user):
    for _ in range(5):
        _login(client, password="wrong")
    for _ in range(5):
        _token_request(password="wrong")
    assert _token_request().status_code == 429


def test_it_unlocks_after_the_cool_off(user, settings):
    for _ in range(10):
        _token_request(password="wrong")
    assert _token_request().status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _token_request().status_code == 200


def test_it_forgives_earlier_failures_after_a_success(user):
    for _ in range(9):
        _token_request(password="wrong")
    assert _token_request().status_code == 200
    assert _token_request(password="wrong").status_code == 400  # counting starts again


def test_it_reads_the_forwarded_address_only_behind_the_configured_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.NUM_PROXIES = 0
    assert client_ip(request) == "172.18.0.5"  # a client cannot choose its address
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # what our one proxy saw, not what the client wrote


def test_it_counts_old_password_guesses_on_the_password_page(browser_client, user):
    for _ in range(10):
        browser_client.post(
            "/accounts/password/", {"old_password": "guess", "new_password1": "x", "new_password2": "x"}
        )
    response = browser_client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "A new long passphrase",
            "new_password2": "A new long passphrase",
        },
    )
    assert response.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)  # unchanged


# ---- personal tokens ----------------------------------------------------------------------------


def test_it_rotates_the_login_token_instead_of_piling_up(user):
    first = _token_request().json()["token"]
    second = _token_request().json()["token"]
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1
    old = APIClient(HTTP_AUTHORIZATION=f"Token {first}").get("/api/v1/labs/")
    assert old.status_code == 401 and "replaced" in old.json()["error"]["message"]
    assert APIClient(HTTP_AUTHORIZATION=f"Token {second}").get("/api/v1/labs/").status_code == 200


def test_it_keeps_one_token_per_name(user):
    notebook = _token_request(name="notebook").json()["token"]
    _token_request(name="pipeline")
    assert APIClient(HTTP_AUTHORIZATION=f"Token {notebook}").get("/api/v1/labs/").status_code == 200
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 2


def test_it_caps_the_active_personal_tokens(user, settings):
    settings.PERSONAL_TOKEN_MAX = 3
    for n in range(5):
        services.api_token_create_personal(user=user, name=f"t{n}")
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    assert sorted(active.values_list("name", flat=True)) == ["t2", "t3", "t4"]


def test_it_expires_personal_tokens(user, settings):
    settings.PERSONAL_TOKEN_DAYS = 30
    body = _token_request().json()
    token = ApiToken.objects.get(pk=body["id"])
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert body["expires_at"]
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = APIClient(HTTP_AUTHORIZATION=f"Token {body['token']}").get("/api/v1/labs/")
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


def test_it_revokes_personal_tokens_when_the_password_changes_on_the_page(client, user, lab):
    key = _token_request().json()["token"]
    _instrument, instrument_key = services.api_token_create_instrument(
        lab=lab, name="reader", created_by=user
    )
    client.force_login(user)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Interleukin-2 rocks!",
            "new_password2": "Interleukin-2 rocks!",
        },
    )
    assert response.status_code == 302
    refused = APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/labs/")
    assert refused.status_code == 401 and "password changed" in refused.json()["error"]["message"]
    # the lab's instrument keeps working: it is not the user's credential
    assert APIClient(HTTP_AUTHORIZATION=f"Token {instrument_key}").get("/api/v1/labs/").status_code == 200


def test_it_revokes_personal_tokens_whatever_path_changes_the_password(user):
    _token, key = services.api_token_create_personal(user=user)
    user.set_password("A different long passphrase")  # the admin, `changepassword`, a shell
    user.save()
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/labs/").status_code == 401


def test_it_lists_and_revokes_ones_tokens_through_the_api(api, user, other_user):
    _mine, key = services.api_token_create_personal(user=user, name="notebook")
    services.api_token_create_personal(user=other_user, name="bobs")
    listed = api.get("/api/v1/auth/tokens/").json()["results"]
    assert {t["name"] for t in listed} == {"API token", "notebook"}
    assert all("key" not in t and "key_hash" not in t for t in listed)
    notebook = next(t for t in listed if t["name"] == "notebook")
    assert notebook["state"] == "active" and notebook["expires_at"]
    bobs = ApiToken.objects.get(name="bobs")
    assert api.delete(f"/api/v1/auth/tokens/{bobs.pk}/").status_code == 404
    assert api.delete(f"/api/v1/auth/tokens/{notebook['id']}/").status_code == 204
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/labs/").status_code == 401


def test_it_shows_and_revokes_tokens_on_the_token_page(client, user, other_user):
    _old, _key = services.api_token_create_personal(user=user, name="notebook")
    services.api_token_create_personal(user=other_user, name="bobs secret")
    client.force_login(user)
    page = client.get("/accounts/tokens/").content.decode()
    assert "notebook" in page and "bobs secret" not in page
    assert "Last used" in page and "Expires" in page and "Created" in page
    created = client.post("/accounts/tokens/", {"name": "pipeline"}).content.decode()
    key = re.search(r'id="new-token-key">([^<]+)<', created).group(1)
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/labs/").status_code == 200
    pipeline = ApiToken.objects.get(user=user, name="pipeline")
    client.post(f"/accounts/tokens/{pipeline.pk}/revoke/")
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/labs/").status_code == 401
    bobs = ApiToken.objects.get(name="bobs secret")
    assert client.post(f"/accounts/tokens/{bobs.pk}/revoke/").status_code == 404
    bobs.refresh_from_db()
    assert bobs.revoked_at is None


# ---- passwords -----------------------------------------------------------------------------------


def test_it_refuses_weak_passwords(browser_client):
    for weak in ("12345678", "password", "alice2024"):
        response = browser_client.post(
            "/accounts/password/", {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}
        )
        assert response.status_code == 200 and "errorlist" in response.content.decode(), weak


def test_it_bootstraps_the_demo_user_with_a_password_the_validators_accept(client, settings, tmp_path):
    out = StringIO()
    call_command("bootstrap_demo", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue()).group(1)
    from django.contrib.auth import get_user_model

    demo = get_user_model().objects.get(username="demo")
    validate_password(password, demo)  # raises if a validator refuses it
    response = client.post("/accounts/login/", {"username": "demo", "password": password})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    again = StringIO()
    call_command("bootstrap_demo", stdout=again)  # idempotent: the same lab, no second one
    assert "exists" in again.getvalue()
    assert demo.memberships.count() == 1


def test_it_does_not_count_force_login_in_tests_as_a_failure(client):
    user = UserFactory(username="zed")
    client.force_login(user)
    assert not AccessAttempt.objects.exists()
