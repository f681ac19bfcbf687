import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from il2portal.env import env_bool, env_int, env_list, env_url

ROOT = Path(__file__).resolve().parents[2]


def _run_check(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    # a production process: none of the test run's own settings (the browser tests allow async-unsafe ORM use)
    dropped = ("SECRET_KEY", "DATABASE_URL", "DJANGO_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_reads_booleans_and_fails_loudly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_it_rejects_malformed_numbers_and_urls(monkeypatch):
    monkeypatch.setenv("X_INT", "12a")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_URL", "mysql://localhost/db")
    with pytest.raises(ImproperlyConfigured, match="postgres://"):
        env_url("X_URL", None, ("postgres", "sqlite"))
    monkeypatch.setenv("X_LIST", "a.org, b.org,")
    assert env_list("X_LIST", []) == ["a.org", "b.org"]


def test_it_refuses_to_start_production_without_secret_key():
    result = _run_check({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "x.org"})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_it_refuses_a_malformed_database_url():
    result = _run_check({"DATABASE_URL": "oracle://nope"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def _production(static_root) -> dict:
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k" * 30 + "-production-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "portal.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "STATIC_ROOT": str(static_root),
    }


def test_it_passes_check_deploy_in_production(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')  # as collectstatic leaves
    result = _run_check(_production(tmp_path), "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_warns_when_static_files_were_not_collected(tmp_path):
    """Pages name hashed files from collectstatic's manifest in production: without it they fail."""
    result = _run_check(_production(tmp_path), "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0 and "il2portal.W002" in result.stdout + result.stderr
