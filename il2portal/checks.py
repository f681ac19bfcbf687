"""System checks with stable ids, as Django contrib does."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register()
def check_static_collected(app_configs, **kwargs):
    """With STATIC_COLLECTED the pages name hashed files from collectstatic's manifest: without it
    every page with a plot or a stylesheet fails until it is run."""
    if settings.STATIC_COLLECTED and not (settings.STATIC_ROOT / "staticfiles.json").exists():
        return [
            Warning(
                f"STATIC_COLLECTED is on but {settings.STATIC_ROOT} holds no staticfiles.json.",
                hint="Run `manage.py collectstatic --noinput` first (make run and make web do).",
                id="il2portal.W002",
            )
        ]
    return []


@register(deploy=True)
def check_broker_in_production(app_configs, **kwargs):
    if settings.PRODUCTION and settings.JOBS_IN_PROCESS:
        return [
            Warning(
                "No CELERY_BROKER_URL/REDIS_URL: analyses run inside web requests.",
                hint="Set REDIS_URL and run a Celery worker.",
                id="il2portal.W001",
            )
        ]
    return []
