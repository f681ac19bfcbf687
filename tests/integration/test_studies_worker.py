"""A study analysis requested through the API runs in a separate Celery worker process and stores
a versioned result (needs PostgreSQL, Redis and a worker; skipped on a bare machine)."""

from __future__ import annotations

import pytest

from studies.models import AnalysisResult
from tests.integration.conftest import wait_for_job
from tests.studies.test_survival_api import build_aml_study

pytestmark = pytest.mark.integration


def test_it_runs_the_survival_analysis_in_the_worker(celery_worker_process, api):
    proc, worker_name, log = celery_worker_process
    study = build_aml_study(api)
    response = api.post(f"{study['url']}analyses/", {"kind": "survival"}, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    job = wait_for_job(api, response.json()["url"])
    log.seek(0)
    assert job["status"] == "succeeded", (job, log.read()[-2000:])
    assert job["result"]["logrank"]["chi2"] == pytest.approx(3.3964, abs=1e-4)
    assert job["result"]["logrank"]["p"] == pytest.approx(0.06534, abs=1e-4)
    stored = AnalysisResult.objects.get(pk=job["result"]["analysis_id"])
    assert stored.version == 1 and stored.job_id == job["id"]


def test_it_versions_growth_analyses_run_by_the_worker(celery_worker_process, api):
    study = build_aml_study(api)
    urls = [
        api.post(f"{study['url']}analyses/", {"kind": "growth"}, format="json").json()["url"]
        for _ in range(2)
    ]
    jobs = [wait_for_job(api, url) for url in urls]
    assert [j["status"] for j in jobs] == ["succeeded", "succeeded"]
    assert sorted(j["result"]["version"] for j in jobs) == [1, 2]
    assert AnalysisResult.objects.filter(study_id=study["id"], kind="growth").count() == 2
