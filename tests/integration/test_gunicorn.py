"""The web process as deployed: gunicorn with production settings, whitenoise static files, Postgres, Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.integration.conftest import _database_url
from tests.integration.live import ROOT, free_port, gunicorn, http_get

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
        assert_static_is_hashed_compressed_and_cached(base, tmp_path / "static")
        status, body = http_get(f"{base}/api/v1/labs/")
        assert status == 401 and b'"not_authenticated"' in body


def _fetch(url: str, encoding: str) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def assert_static_is_hashed_compressed_and_cached(base: str, static_root: Path) -> None:
    """Pages name the hashed plotly bundle (at most 1.5 MB), served as brotli or gzip to browsers that
    take them, cached for a year as immutable (issue 16: light pages)."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["vendor/plotly-cartesian.min.js"]
    assert hashed != "vendor/plotly-cartesian.min.js"
    status, login = http_get(f"{base}/accounts/login/")
    assert f"/static/{manifest['css/portal.css']}".encode() in login
    raw_size = (static_root / hashed).stat().st_size
    assert raw_size <= 1_500_000
    for encoding, smaller_than in (("br", 400_000), ("gzip", 500_000)):
        headers, body = _fetch(f"{base}/static/{hashed}", encoding)
        assert headers.get("content-encoding") == encoding, headers
        assert len(body) < smaller_than
        cache = headers["cache-control"]
        assert "immutable" in cache and int(cache.split("max-age=")[1].split(",")[0]) >= 31_536_000


def test_make_run_serves_collected_static_files_compressed_and_cached(tmp_path):
    """`make run` collects static files and serves them with STATIC_COLLECTED=1 under runserver: the
    same hashed, precompressed, long-cached files as production."""
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "VAR_DIR": str(tmp_path),
        "STATIC_COLLECTED": "1",
    }
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if http_get(f"{base}/healthz")[0] in (200, 503):
                    break
            except OSError:
                time.sleep(0.2)
        assert_static_is_hashed_compressed_and_cached(base, tmp_path / "static")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
