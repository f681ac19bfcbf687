"""Processes for fault and concurrency tests: a private redis-server, gunicorn against the test
database, and a small HTTP client (urllib) that can build multipart bodies with any boundary."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.integration.conftest import _database_url
from tests.support import need

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own on ``port``: stopping it is a broker outage."""

    def __init__(self, port: int):
        self.port = port
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        need(binary is not None, "redis-server is not installed")
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None


class Gunicorn:
    """The web app as deployed (gunicorn, several processes and threads) on the test database."""

    def __init__(self, tmp_path: Path, *, broker: str, workers: int = 2, threads: int = 1, env=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(tmp_path / f"gunicorn-{self.port}.log", "w+")
        self.env = {
            **os.environ,
            "DJANGO_ENV": "development",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker,
            "JOBS_IN_PROCESS": "0",
            "FILE_STORAGE_DIR": str(django_settings.MEDIA_ROOT),
            "VAR_DIR": str(tmp_path),
            "CONN_MAX_AGE": "0",
            **(env or {}),
        }
        self.args = ["--workers", str(workers), "--threads", str(threads), "--timeout", "60"]
        self.proc: subprocess.Popen | None = None

    def start(self) -> Gunicorn:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "il2portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                *self.args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)
        pytest.fail(f"gunicorn did not start:\n{self.tail()}")

    def tail(self) -> str:
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def multipart(fields: dict, files: dict, boundary: str | None = None) -> tuple[bytes, str]:
    """A multipart/form-data body: ``files`` maps a field to ``(filename, bytes)``."""
    boundary = boundary or uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def http(
    method: str,
    url: str,
    *,
    token: str | None = None,
    body: bytes | None = None,
    content_type=None,
    headers=None,
):
    """``(status, headers, parsed JSON or raw bytes)``; never raises for an HTTP error status."""
    request = urllib.request.Request(url, data=body, method=method)
    if token:
        request.add_header("Authorization", f"Token {token}")
    if content_type:
        request.add_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, head, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        status, head, raw = exc.code, dict(exc.headers), exc.read()
    try:
        return status, head, json.loads(raw)
    except ValueError:
        return status, head, raw


def post_json(url: str, payload, *, token: str, headers=None):
    return http(
        "POST",
        url,
        token=token,
        body=json.dumps(payload).encode(),
        content_type="application/json",
        headers=headers,
    )
