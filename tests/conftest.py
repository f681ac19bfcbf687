"""Shared fixtures.

Services and the browser: tests that need them skip on a bare machine with a reason; with
``IL2_REQUIRE_SERVICES=1`` (set by .ci/run) a missing service fails the test instead.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from il2portal import services
from il2portal.models import Membership
from tests.browser import browser, logged_in_page, page  # noqa: F401  (browser fixtures, one session)
from tests.factories import LabFactory, UserFactory
from tests.support import REQUIRE_SERVICES, need  # noqa: F401  (re-exported for the tests)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _in_process_tasks(settings, tmp_path):
    """Unit tests run jobs in-process and keep uploads in a temporary folder."""
    settings.JOBS_IN_PROCESS = True
    settings.MEDIA_ROOT = tmp_path / "media"
    # results jobs leave for pages (studies.live) in this process's memory, fresh for each test
    settings.CACHES = {
        **settings.CACHES,
        "analysis": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    }
    caches["analysis"].clear()


@pytest.fixture
def lab(db):
    return LabFactory(name="Lab A")


@pytest.fixture
def other_lab(db):
    return LabFactory(name="Lab B")


@pytest.fixture
def user(lab):
    user = UserFactory(username="alice")
    Membership.objects.create(lab=lab, user=user, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def member(lab):
    user = UserFactory(username="mallory")
    Membership.objects.create(lab=lab, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def other_user(other_lab):
    user = UserFactory(username="bob")
    Membership.objects.create(lab=other_lab, user=user, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def api(user):
    """An API client authenticated with alice's personal token (lab A)."""
    _token, key = services.api_token_create_personal(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def other_api(other_user):
    _token, key = services.api_token_create_personal(user=other_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def instrument_api(lab, user):
    _token, key = services.api_token_create_instrument(lab=lab, name="Synergy H1", created_by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def browser_client(client, user):
    client.force_login(user)
    return client
