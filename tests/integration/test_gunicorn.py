"""The web process as deployed: gunicorn with production settings, whitenoise static files, Postgres, Redis."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.integration.conftest import _database_url

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_it_serves_pages_health_and_static_files_from_gunicorn(real_services, tmp_path):
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": real_services,
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
        "VAR_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "il2portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("gunicorn did not answer within 60 s")
        assert status == 200, body
        assert b'"vendor": "postgresql"' in body and b'"mode": "worker"' in body
        status, body = _get(f"{base}/accounts/login/")
        assert status == 200 and b"Log in" in body
        status, body = _get(f"{base}/static/vendor/plotly.min.js")
        assert status == 200 and len(body) > 1_000_000
        status, body = _get(f"{base}/api/v1/labs/")
        assert status == 401 and b'"not_authenticated"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
