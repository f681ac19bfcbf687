"""The web process as deployed: gunicorn with production settings, whitenoise static files, Postgres, Redis."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.integration.conftest import _database_url
from tests.integration.live import ROOT, gunicorn, http_get

pytestmark = pytest.mark.integration


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
    with gunicorn(env) as base:
        status, body = http_get(f"{base}/healthz")
        assert status == 200, body
        assert b'"vendor": "postgresql"' in body and b'"mode": "worker"' in body
        status, body = http_get(f"{base}/accounts/login/")
        assert status == 200 and b"Log in" in body
        status, body = http_get(f"{base}/static/vendor/plotly.min.js")
        assert status == 200 and len(body) > 1_000_000
        status, body = http_get(f"{base}/api/v1/labs/")
        assert status == 401 and b'"not_authenticated"' in body
