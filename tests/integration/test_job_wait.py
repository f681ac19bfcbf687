"""``?wait=N`` against the deployed shape: gunicorn (threads) answering, a separate Celery worker on
Redis finishing the job. The wait sees the worker's commit, answers as soon as the job ends, gives
up after N seconds, and holds no transaction while it waits."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from il2portal import services
from il2portal.jobs import job_create
from tests.integration.conftest import _database_url, _start_worker, _stop_worker
from tests.integration.servers import Gunicorn, http, post_json

pytestmark = pytest.mark.integration
POINTS = [{"x": x, "y": 100 / (1 + (x / 3.0) ** 1.2)} for x in (0.1, 0.3, 1, 3, 10, 30, 100)]
APP_NAME = "il2-web-wait-test"


@pytest.fixture
def web(real_services, tmp_path):
    server = Gunicorn(
        tmp_path,
        broker=real_services,
        workers=1,
        threads=4,
        env={"DATABASE_URL": f"{_database_url()}?application_name={APP_NAME}"},
    ).start()
    yield server
    server.stop()


@pytest.fixture
def worker(real_services, tmp_path):
    """A solo worker that also knows the test-only ``test_sleep`` job kind."""
    proc, _name, log = _start_worker(
        real_services, tmp_path, ["-P", "solo", "-I", "tests.integration.slow_jobs"]
    )
    yield proc, log
    _stop_worker(proc, log)


@pytest.fixture
def key(transactional_db, user):
    _token, value = services.api_token_create_personal(user=user)
    return value


def test_it_answers_200_with_the_result_once_the_worker_has_finished(web, worker, key):
    started = time.monotonic()
    status, head, body = post_json(f"{web.base}/api/v1/fits/?wait=20", {"points": POINTS}, token=key)
    elapsed = time.monotonic() - started
    assert status == 200, (body, web.tail())
    assert body["status"] == "succeeded" and body["result"]["parameters"]["ec50"] > 0
    assert head["Location"] == body["url"] == f"{web.base}/api/v1/jobs/{body['id']}/"
    assert "Retry-After" not in head and elapsed < 15


def _web_sessions() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT state, query FROM pg_stat_activity WHERE application_name = %s", [APP_NAME])
        return cursor.fetchall()


def test_it_waits_no_longer_than_asked_and_holds_no_transaction_meanwhile(web, worker, key, lab, user):
    import tests.integration.slow_jobs  # noqa: F401  (registers test_sleep in this process too)

    job = job_create(lab=lab, user=user, kind="test_sleep", params={"seconds": 4})
    url = f"{web.base}/api/v1/jobs/{job.pk}/"
    answers = {}

    def long_poll():
        started = time.monotonic()
        answers["short"] = (*http("GET", f"{url}?wait=2", token=key), time.monotonic() - started)

    poller = threading.Thread(target=long_poll)
    poller.start()
    seen = []
    while poller.is_alive():
        seen += _web_sessions()
        time.sleep(0.1)
    poller.join()
    status, head, body, elapsed = answers["short"]
    assert status == 200 and body["status"] in ("queued", "running"), body
    assert 1.9 < elapsed < 4 and int(head["Retry-After"]) >= 1
    polls = [state for state, query in seen if '"il2portal_job"."status"' in query]
    assert polls, seen  # the wait's reads were seen ...
    assert "idle in transaction" not in {state for state, _q in seen}, (
        seen
    )  # ... and none inside a transaction

    started = time.monotonic()
    status, head, body = http("GET", f"{url}?wait=20", token=key)
    assert status == 200 and body["status"] == "succeeded", body
    assert body["result"]["slept"] == 4 and time.monotonic() - started < 8
    assert "Retry-After" not in head
