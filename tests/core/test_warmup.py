"""Warm-up at process start: the web process and each worker import what the first upload or job
would otherwise import (issue 16: no first-request penalty)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from il2portal import warmup

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("allotropy.to_allotrope", "openpyxl", "lifelines", "statsmodels.formula.api")


def _modules_after(code: str, **env) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "il2portal.settings", **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "code",
    [
        "import il2portal.wsgi",  # gunicorn (--preload: once, in the master)
        "import django; django.setup()\nfrom il2portal.celery import app\n"
        "from celery.signals import worker_init\nworker_init.send(sender=None)",  # a Celery worker
    ],
    ids=["web", "worker"],
)
def test_a_starting_process_imports_what_the_first_upload_and_job_need(code):
    loaded = _modules_after(code)
    assert set(HEAVY) <= loaded, sorted(set(HEAVY) - loaded)
    assert not set(HEAVY) & _modules_after(code, WARM_IMPORTS="0")


def test_a_failing_warmer_is_logged_and_skipped(monkeypatch, caplog):
    monkeypatch.setattr(warmup, "_WARMERS", {})
    warmup.register("broken", lambda: 1 / 0)
    warmup.register("fine", lambda: None)
    took = warmup.warm()
    assert set(took) == {"fine"}
    assert "warm-up broken failed" in caplog.text
