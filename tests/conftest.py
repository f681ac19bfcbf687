"""Shared fixtures.

Services and the browser: tests that need them skip on a bare machine with a reason; with
``IL2_REQUIRE_SERVICES=1`` (set by .ci/run) a missing service fails the test instead.

In parallel (pytest-xdist, ``make test`` runs ``-n auto``) each worker process has its own test
database (pytest-django adds ``_gw0``, ``_gw1``… to its name) and its own Redis database, so that the
Celery worker a test starts takes no job of another worker's test (:func:`pytest_configure`).
"""

from __future__ import annotations

import os

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from il2portal import services
from il2portal.models import Membership
from tests.browser import browser, logged_in_page, page  # noqa: F401  (browser fixtures, one session)
from tests.factories import LabFactory, UserFactory
from tests.support import REQUIRE_SERVICES, need  # noqa: F401  (re-exported for the tests)

PASSWORD = "correct horse battery staple"


def pytest_configure(config):
    """An xdist worker ``gwN`` uses Redis database n + N of the configured ``redis://…/n`` (REDIS_URL
    and CELERY_BROKER_URL), here and in the processes its tests start (they inherit the environment
    or are given the broker URL from the settings)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    from django.conf import settings

    from il2portal.celery import app

    offset = int(worker.removeprefix("gw"))
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):
        if os.environ.get(name, "").startswith(("redis://", "rediss://")):
            os.environ[name] = redis_db_for_worker(os.environ[name], offset)
    broker = settings.CELERY_BROKER_URL
    if broker and broker.startswith(("redis://", "rediss://")):
        settings.CELERY_BROKER_URL = redis_db_for_worker(broker, offset)
        app.conf.broker_url = settings.CELERY_BROKER_URL
    analysis = settings.CACHES["analysis"]
    if analysis["BACKEND"].endswith("RedisCache"):
        analysis["LOCATION"] = redis_db_for_worker(analysis["LOCATION"], offset)


@pytest.hookimpl(trylast=True)  # after pytest-django's ordering (database tests, then transactional)
def pytest_collection_modifyitems(items):
    """Tests marked ``first`` run before all others: in parallel, a long test started first overlaps
    with the rest of the run instead of being the last one left."""
    items.sort(key=lambda item: item.get_closest_marker("first") is None)


def redis_db_for_worker(url: str, offset: int) -> str:
    """``redis://host:port/n`` → ``redis://host:port/(n + offset)``; Redis has databases 0–15."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0) + offset
    if db > 15:
        raise pytest.UsageError(f"{url}: worker {offset} would need Redis database {db}; use fewer workers")
    return urlunsplit(parts._replace(path=f"/{db}"))


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
