"""Real services: PostgreSQL for the test database, Redis as the broker, and a Celery worker
started as a separate process against the same test database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]


def _port_open(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def real_services(transactional_db, settings):
    need(connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL database for integration tests")
    broker = django_settings.CELERY_BROKER_URL
    need(bool(broker), "set REDIS_URL (or CELERY_BROKER_URL) for integration tests")
    need(_port_open(broker), f"the broker at {broker} is not reachable")
    settings.JOBS_IN_PROCESS = False
    return broker


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _start_worker(real_services, tmp_path, extra_args: list[str], *, env: dict | None = None, wait=True):
    """``real_services`` is the broker URL; ``env`` adds settings (e.g. shorter job timings);
    ``wait=False`` returns at once (then :func:`_wait_ready`), e.g. to start two workers together."""
    name = f"it-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": real_services,
        "FILE_STORAGE_DIR": str(django_settings.MEDIA_ROOT),
        "JOBS_IN_PROCESS": "0",
        **(env or {}),
    }
    log = open(tmp_path / f"worker-{name.split('@')[0]}.log", "w+")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "il2portal",
            "worker",
            "-n",
            name,
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            *extra_args,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    if wait:
        _wait_ready(proc, log)
    return proc, name, log


def _wait_ready(proc, log) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log.seek(0)
        if "ready." in log.read():
            break
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"the worker exited early:\n{log.read()[-3000:]}")
        time.sleep(0.3)
    else:
        proc.terminate()
        log.seek(0)
        pytest.fail(f"the worker did not start within 60 s:\n{log.read()[-3000:]}")


def _stop_worker(proc, log) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def celery_worker_process(real_services, tmp_path):
    """A `celery worker` process, as deployed, pointed at the test database."""
    proc, name, log = _start_worker(real_services, tmp_path, ["-P", "solo"])
    yield proc, name, log
    _stop_worker(proc, log)


@pytest.fixture
def prefork_worker_process(real_services, tmp_path):
    """A prefork worker with one child, with the test-only slow job kind loaded."""
    proc, name, log = _start_worker(
        real_services, tmp_path, ["-P", "prefork", "-c", "1", "-I", "tests.integration.slow_jobs"]
    )
    yield proc, name, log
    _stop_worker(proc, log)


def wait_for_job(client, url: str, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    body = {}
    while time.monotonic() < deadline:
        body = client.get(url).json()
        if body["status"] in ("succeeded", "failed"):
            return body
        time.sleep(0.3)
    raise AssertionError(f"job did not finish within {timeout} s; last state {body}")
