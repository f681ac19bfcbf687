"""A gunicorn web process, as deployed, pointed at the test database (shared by integration tests)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int = 2, log_path: Path | None = None) -> Iterator[str]:
    """Serve ``il2portal.wsgi`` with gunicorn on a free loopback port; yields the base URL.

    ``env`` is added to this process's environment (the test database and broker URLs, settings).
    """
    port = free_port()
    log = open(log_path, "w+") if log_path else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "il2portal.wsgi",
            "--preload",  # as deployed: the app and its warm-up imports load once, before the fork
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited early with status {proc.returncode}")
            try:
                http_get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("gunicorn did not answer within 60 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log_path:
            log.close()
