"""The study dashboard with a real worker (issue 16): a page request after a data change fits nothing,
shows the last summaries as out of date and queues one refresh; the worker computes them into the
shared Redis cache and the next request is current."""

from __future__ import annotations

import time
import uuid

import pytest

from il2portal.models import Job
from studies.services.measurements import measurement_update
from tests.integration.conftest import _start_worker, _stop_worker
from tests.studies.test_survivor_bias import build

pytestmark = pytest.mark.integration


def test_a_worker_refreshes_the_dashboard_summaries_into_the_shared_cache(
    real_services, settings, tmp_path, client, user, lab
):
    prefix = f"t{uuid.uuid4().hex[:10]}"
    settings.CACHES = {
        **settings.CACHES,
        "analysis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": real_services,
            "KEY_PREFIX": prefix,
        },
    }
    study, _ctrl, _drug = build(lab, user)
    client.force_login(user)
    proc, _name, log = _start_worker(
        real_services, tmp_path, ["-P", "solo"], env={"ANALYSIS_CACHE_PREFIX": prefix}
    )
    try:
        first = client.get(
            f"/studies/{study.pk}/"
        ).content.decode()  # never computed: means here, model queued
        assert 'id="live-computing"' in first
        job = Job.objects.filter(kind="study_live_refresh").latest("pk")
        _wait(job)
        current = client.get(f"/studies/{study.pk}/").content.decode()
        assert 'id="live-computing"' not in current and 'id="mixed-table"' in current
        assert Job.objects.filter(kind="study_live_refresh").count() == 1
        last = study.animals.get(tag="T00").measurements.order_by("-date").first()
        measurement_update(measurement=last, data={"length_mm": 15}, user=user, reason="re-read")
        stale = client.get(f"/studies/{study.pk}/").content.decode()
        assert 'id="live-stale"' in stale and 'data-reload-after="3000"' in stale
        refresh = Job.objects.filter(kind="study_live_refresh").latest("pk")
        assert refresh.pk != job.pk
        _wait(refresh)
        fresh = client.get(f"/studies/{study.pk}/").content.decode()
        assert 'id="live-stale"' not in fresh and "data-reload-after" not in fresh
        assert Job.objects.filter(kind="study_live_refresh").count() == 2
    finally:
        _stop_worker(proc, log)


def _wait(job, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in ("succeeded", "failed"):
            assert job.status == "succeeded", job.error
            return
        time.sleep(0.2)
    raise AssertionError(f"the refresh job is still {job.status}")
