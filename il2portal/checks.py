"""System checks with stable ids, as Django contrib does."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

from il2portal.staticfiles import PLOTLY_DIR


@register()
def check_plotly_bundle(app_configs, **kwargs):
    if not (PLOTLY_DIR / "plotly.min.js").exists():
        return [Error("plotly.min.js is missing from the installed plotly package.", id="il2portal.E001")]
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
