"""docker-compose.yml is checked structurally: no Docker engine runs on CI machines."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_defines_the_four_services_with_health_checks():
    services = _compose()["services"]
    assert set(services) >= {"postgres", "redis", "web", "worker"}
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name


def test_it_runs_gunicorn_and_a_celery_worker_against_postgres_and_redis():
    services = _compose()["services"]
    assert "gunicorn il2portal.wsgi" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "il2portal", "worker"]
    for name in ("web", "worker"):
        env = services[name]["environment"]
        assert env["DJANGO_ENV"] == "production"
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert "SECRET_KEY" in env
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_it_keeps_data_in_named_volumes():
    compose = _compose()
    assert {"pgdata", "uploads"} <= set(compose["volumes"])
    assert any(v.startswith("pgdata:") for v in compose["services"]["postgres"]["volumes"])
    assert any(v.startswith("uploads:") for v in compose["services"]["web"]["volumes"])
    assert compose["services"]["web"]["volumes"] == compose["services"]["worker"]["volumes"]


def test_it_builds_from_the_locked_requirements():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements/base.txt" in dockerfile and "DJANGO_ENV=production" in dockerfile


def _default(value) -> str:
    """The value compose uses when the variable is unset: ``${NAME:-default}`` -> ``default``."""
    match = re.fullmatch(r"\$\{\w+:-([^}]*)\}", str(value))
    return match.group(1) if match else str(value)


def test_it_is_safe_by_default_secure_cookies_behind_a_tls_proxy():
    services = _compose()["services"]
    env = services["web"]["environment"]
    for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"):
        assert _default(env[name]) in ("1", "true"), name
    assert _default(env["CSRF_TRUSTED_ORIGINS"]).startswith("https://")
    assert str(env["NUM_PROXIES"]) == "1"
    # gunicorn speaks plain HTTP: it is never published on the host, only the TLS proxy is
    for name, service in services.items():
        for port in service.get("ports", []):
            assert name == "proxy" and str(port).split(":")[-1] in ("80", "443"), (name, port)
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:") and "web:8000" in proxy["command"]
    assert any(str(p).endswith(":443") for p in proxy["ports"])
