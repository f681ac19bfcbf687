"""Every call that starts a job answers the same way: the Job component, a ``Location`` to poll and a
``Retry-After`` while the job is unfinished; ``?wait=N`` waits (bounded) for the job to end and then
answers 200 with the finished job. Real worker processes: tests/integration/test_job_wait.py."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from il2portal import jobs
from il2portal.models import Job
from tests.assays.factories import LOGLOG, SOFTMAX, softmax_layout, upload_refdata
from tests.factories import JobFactory
from tests.studies.conftest import study, vehicle  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
POINTS = [{"x": x, "y": 100 / (1 + (x / 3.0) ** 1.2)} for x in (0.1, 0.3, 1, 3, 10, 30, 100)]
FIT = {"model": "4PL", "points": POINTS}


@pytest.fixture
def schema(api):
    return api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()


@pytest.fixture
def queued(settings, monkeypatch):
    """A broker that takes every message and a worker that never comes: jobs stay ``queued``."""
    settings.JOBS_IN_PROCESS = False
    monkeypatch.setattr(jobs, "_publish", lambda job_id, task_id: True)


def _job_keys(schema) -> set[str]:
    return set(schema["components"]["schemas"]["Job"]["properties"])


def _run(api) -> tuple[int, dict]:
    plates = upload_refdata(api, SOFTMAX)
    body = {"kind": "elisa", "plates": plates, "layout": softmax_layout(api), "settings": LOGLOG}
    response = api.post("/api/v1/runs/", body, format="json")
    assert response.status_code == 202, response.json()
    return response.json()["run"], response


def test_it_answers_every_job_start_with_one_job_shape_and_a_location(api, study, schema):  # noqa: F811
    run_id, created = _run(api)
    reanalysed = api.post(
        f"/api/v1/runs/{run_id}/reanalyze/", {"excluded_wells": ["A1"], "reason": "check"}, format="json"
    )
    fit = api.post("/api/v1/fits/", FIT, format="json")
    analysis = api.post(f"/api/v1/studies/{study['id']}/analyses/", {"kind": "survival"}, format="json")
    keys = _job_keys(schema)
    assert {"id", "url", "status", "kind", "result", "error", "run", "study", "version"} <= keys
    for response in (created, reanalysed, fit, analysis):
        assert response.status_code == 202, response.json()
        body = response.json()
        assert set(body) == keys, set(body) ^ keys
        assert response["Location"] == body["url"] and body["url"].startswith("http://testserver/")
        assert body["url"].endswith(f"/api/v1/jobs/{body['id']}/")
        assert "Retry-After" not in response  # run in-process: already finished
    assert created.json()["run"] == run_id and created.json()["version"] == 1
    assert reanalysed.json()["run"] == run_id and reanalysed.json()["version"] == 2
    assert fit.json()["run"] is None and fit.json()["study"] is None and fit.json()["version"] is None
    assert analysis.json()["study"] == study["id"] and analysis.json()["version"] == 1
    # the job read back has the same shape and the same links
    polled = api.get(created.json()["url"]).json()
    assert set(polled) == keys and polled["run"] == run_id and polled["version"] == 1


def test_it_tells_a_script_when_to_poll_an_unfinished_job(api, queued):
    response = api.post("/api/v1/fits/", FIT, format="json")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    assert response["Location"] == response.json()["url"]
    assert int(response["Retry-After"]) >= 1
    polled = api.get(response["Location"])
    assert polled.status_code == 200 and int(polled["Retry-After"]) >= 1


@pytest.mark.parametrize("value", ["abc", "-1", "31", "1e3", "", "2.5.1", "nan"])
def test_it_refuses_a_bad_wait_naming_it_before_starting_anything(api, lab, value):
    response = api.post(f"/api/v1/fits/?wait={value}", FIT, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"].startswith("wait:")
    assert "30" in error["message"] and "wait" in error["detail"]
    assert not Job.objects.exists()
    job = JobFactory(lab=lab, kind="fit")
    assert api.get(f"/api/v1/jobs/{job.pk}/?wait={value}").status_code == 400


def test_it_answers_200_with_the_finished_job_when_asked_to_wait(api):
    response = api.post("/api/v1/fits/?wait=10", FIT, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "succeeded" and body["result"]["parameters"]["ec50"] > 0
    assert response["Location"] == body["url"] and "Retry-After" not in response


def test_a_wait_of_zero_only_looks(api, queued):
    started = time.monotonic()
    response = api.post("/api/v1/fits/?wait=0", FIT, format="json")
    assert response.status_code == 202 and time.monotonic() - started < 1


@pytest.mark.django_db(transaction=True)
def test_it_waits_until_the_job_ends_and_no_longer(api, queued):
    """Polls the row outside any transaction: a job finished by another connection is seen."""
    response = api.post("/api/v1/fits/", FIT, format="json")
    job_id = response.json()["id"]

    def finish_later():
        time.sleep(0.6)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.SUCCEEDED, result={"n": 1}, finished_at=timezone.now()
        )
        connection.close()

    worker = threading.Thread(target=finish_later)
    worker.start()
    started = time.monotonic()
    waited = api.get(f"/api/v1/jobs/{job_id}/?wait=10")
    elapsed = time.monotonic() - started
    worker.join()
    assert waited.status_code == 200 and waited.json()["status"] == "succeeded"
    assert 0.5 < elapsed < 3, elapsed
    assert "Retry-After" not in waited

    unfinished = api.post("/api/v1/fits/", FIT, format="json").json()
    started = time.monotonic()
    waited = api.post("/api/v1/fits/?wait=1", FIT, format="json")
    assert waited.status_code == 202 and waited.json()["status"] == "queued"
    assert 0.9 < time.monotonic() - started < 3
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        polled = api.get(f"{unfinished['url']}?wait=1")
    assert polled.status_code == 200 and polled.json()["status"] == "queued"
    assert 0.9 < time.monotonic() - started < 3 and int(polled["Retry-After"]) >= 1
    # the wait reads one column of one row by primary key, backing off from 50 ms to 0.5 s
    reads = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "il2portal_job"."status"')
    ]
    assert 4 <= len(reads) <= 8, len(reads)


@pytest.mark.django_db(transaction=True)
def test_it_stops_waiting_when_too_many_requests_already_wait(api, queued, settings):
    """At most JOBS_WAIT_CONCURRENCY requests of a web process wait at once (the others answer at
    once), so waiting scripts cannot take every thread of a gunicorn worker."""
    settings.JOBS_WAIT_CONCURRENCY = 1
    job = api.post("/api/v1/fits/", FIT, format="json").json()
    results = {}

    def long_wait():
        from rest_framework.test import APIClient

        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=api._credentials["HTTP_AUTHORIZATION"])
        results["long"] = client.get(f"{job['url']}?wait=3").status_code
        connection.close()

    first = threading.Thread(target=long_wait)
    first.start()
    time.sleep(0.5)
    started = time.monotonic()
    second = api.get(f"{job['url']}?wait=3")
    assert second.status_code == 200 and time.monotonic() - started < 1
    first.join()
    assert results["long"] == 200


def test_the_schema_declares_the_wait_and_the_headers_of_every_job_start(schema):
    starts = [
        ("/api/v1/fits/", "post"),
        ("/api/v1/runs/", "post"),
        ("/api/v1/runs/{id}/reanalyze/", "post"),
        ("/api/v1/studies/{id}/analyses/", "post"),
    ]
    for path, method in starts:
        operation = schema["paths"][path][method]
        wait = next(p for p in operation["parameters"] if p["name"] == "wait")
        assert wait["in"] == "query" and wait["schema"]["maximum"] == 30 and wait["schema"]["minimum"] == 0
        for code in ("200", "202"):
            answer = operation["responses"][code]
            ref = answer["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/Job", (path, code, ref)
            assert answer["headers"]["Location"]["schema"]["format"] == "uri"
        assert answer["headers"]["Retry-After"]["schema"]["type"] == "integer"
    poll = schema["paths"]["/api/v1/jobs/{id}/"]["get"]
    assert any(p["name"] == "wait" for p in poll["parameters"])
    assert "Retry-After" in poll["responses"]["200"]["headers"]


def test_a_replayed_job_start_keeps_its_location(api, queued):
    """A retry with the same Idempotency-Key gets the first answer back, headers included."""
    first = api.post("/api/v1/fits/", FIT, format="json", HTTP_IDEMPOTENCY_KEY="fit-1")
    again = api.post("/api/v1/fits/", FIT, format="json", HTTP_IDEMPOTENCY_KEY="fit-1")
    assert again.status_code == 202 and again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"] == first.json()["url"]
    assert again["Retry-After"] == first["Retry-After"]
    assert Job.objects.count() == 1


def test_every_header_of_a_job_answer_is_a_plain_str_as_wsgi_requires(api, queued):
    """wsgiref (runserver, Django's live server) refuses a header value whose type is a str subclass,
    such as DRF's Hyperlink: every job start answered 500 under `make run` (found by a concurrency
    test on Django's live server)."""
    points = [{"x": 1, "y": 3}, {"x": 2, "y": 5}, {"x": 3, "y": 7}]
    started = api.post("/api/v1/fits/", {"model": "linear", "points": points}, format="json")
    assert started.status_code == 202 and "Location" in started
    for response in (started, api.get(f"/api/v1/jobs/{started.json()['id']}/")):
        for name, value in response.headers.items():
            assert type(value) is str, (name, type(value))
