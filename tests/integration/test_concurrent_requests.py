"""Retries and races against a live server (gunicorn, several processes and threads, PostgreSQL):
parallel identical uploads with and without an Idempotency-Key, parallel re-analyses of one run and
parallel study analyses each leave exactly one record per intended write."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from assays.models import Plate, PlateImport, RunResult, StoredFile
from il2portal import services
from tests.integration.servers import Gunicorn, http, multipart, post_json
from tests.support import need

pytestmark = pytest.mark.integration
PARALLEL = 20


@pytest.fixture(scope="module")
def web(django_db_setup, django_db_blocker, tmp_path_factory):
    """One gunicorn (2 processes × 10 threads) on the test database for the module."""
    with django_db_blocker.unblock():
        need(connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL database")
    from django.conf import settings

    need(bool(settings.CELERY_BROKER_URL), "set REDIS_URL for integration tests")
    tmp = tmp_path_factory.mktemp("web")
    server = Gunicorn(
        tmp,
        broker=settings.CELERY_BROKER_URL,
        workers=2,
        threads=10,
        env={"FILE_STORAGE_DIR": str(tmp / "media")},
    ).start()
    yield server
    server.stop()
    from il2portal.celery import app

    app.control.purge()  # the re-analysis jobs sent to the broker have no worker here


@pytest.fixture
def key(transactional_db, user):
    _token, value = services.api_token_create_personal(user=user)
    return value


def _new_plate_csv() -> bytes:
    """A 96-well matrix export whose bytes no earlier test uploaded."""
    rng = random.Random()
    lines = ["," + ",".join(str(c) for c in range(1, 13))]
    for row in "ABCDEFGH":
        lines.append(row + "," + ",".join(f"{rng.uniform(0.05, 3.5):.4f}" for _ in range(12)))
    return ("\n".join(lines) + "\n").encode()


def _parallel(call, n: int = PARALLEL) -> list:
    start = threading.Barrier(n)

    def one(i):
        start.wait()
        return call(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


def _upload(web, key, data: bytes, headers=None):
    body, content_type = multipart({}, {"file": ("race.csv", data)})
    return http(
        "POST", f"{web.base}/api/v1/plates/", token=key, body=body, content_type=content_type, headers=headers
    )


def test_it_stores_one_plate_for_parallel_uploads_with_one_idempotency_key(web, key):
    data = _new_plate_csv()
    results = _parallel(lambda i: _upload(web, key, data, headers={"Idempotency-Key": "upload-race-1"}))
    statuses = sorted(status for status, _h, _b in results)
    assert set(statuses) <= {201, 409}, (statuses, web.tail())
    answered = [body for status, _h, body in results if status == 201]
    assert answered and len({body["id"] for body in answered}) == 1
    assert sum(1 for _s, head, _b in results if head.get("Idempotent-Replayed") != "true") == 1
    assert Plate.objects.count() == 1 and PlateImport.objects.count() == 1 and StoredFile.objects.count() == 1


def test_it_stores_one_plate_for_parallel_uploads_of_the_same_new_file(web, key):
    data = _new_plate_csv()
    results = _parallel(lambda i: _upload(web, key, data))
    statuses = sorted(status for status, _h, _b in results)
    assert statuses == [200] * (PARALLEL - 1) + [201], (statuses, web.tail())
    assert len({body["id"] for _s, _h, body in results}) == 1
    assert sum(1 for _s, _h, body in results if body["duplicate"]) == PARALLEL - 1
    assert Plate.objects.count() == 1 and PlateImport.objects.count() == 1 and StoredFile.objects.count() == 1


def test_it_numbers_parallel_reanalyses_of_a_run_one_after_another(web, key, user, settings):
    from tests.assays.factories import LOGLOG, SOFTMAX, softmax_layout, upload_refdata

    settings.JOBS_IN_PROCESS = False  # the analyses are queued (no worker needed to number versions)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    created = api.post(
        "/api/v1/runs/",
        {
            "kind": "elisa",
            "plates": upload_refdata(api, SOFTMAX),
            "layout": softmax_layout(api),
            "settings": LOGLOG,
        },
        format="json",
    )
    assert created.status_code == 202, created.json()
    run_id = created.json()["run"]
    n = 10
    results = _parallel(
        lambda i: post_json(
            f"{web.base}/api/v1/runs/{run_id}/reanalyze/",
            {"excluded_wells": [f"A{1 + i % 3}"], "reason": f"parallel {i}"},
            token=key,
        ),
        n,
    )
    assert [status for status, _h, _b in results] == [202] * n, (results, web.tail())
    assert sorted(body["version"] for _s, _h, body in results) == list(range(2, n + 2))
    assert sorted(RunResult.objects.filter(run_id=run_id).values_list("version", flat=True)) == list(
        range(1, n + 2)
    )


def test_it_numbers_parallel_study_analyses_one_after_another(transactional_db, lab, user):
    need(connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL database")
    from studies.demo import load_study_demo
    from studies.models import AnalysisResult, Study
    from studies.services.analyses import analysis_run

    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(lab=lab)
    n = 6
    errors = []

    def analyse(i):
        try:
            return analysis_run(study=study, kind="survival", user=user).version
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(repr(exc))
            return None
        finally:
            connections.close_all()

    versions = _parallel(analyse, n)
    assert errors == []
    assert sorted(versions) == list(range(2, n + 2))
    assert AnalysisResult.objects.filter(study=study, kind="survival").count() == n + 1


def test_it_names_measurements_and_events_a_concurrent_entry_stored_first(
    transactional_db, lab, user, monkeypatch
):
    """The same grid saved twice at once (a double click): the second save gets the rows named as
    duplicates, not a server error."""
    need(connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL database")
    import datetime as dt

    from studies.models import Animal, Event, Measurement
    from studies.services import common as services_common
    from studies.services.common import BatchError
    from studies.services.design import animals_create, study_create
    from studies.services.events import events_record
    from studies.services.measurements import measurements_record

    day0 = dt.date(2025, 1, 6)
    study = study_create(lab=lab, user=user, name="Race", day0=day0)
    animals_create(study=study, rows=[{"tag": "M1"}], user=user)
    animal = Animal.objects.get(study=study)
    real = services_common.bulk_create_with_history

    def after_the_other_request(store):
        """Between this request's checks and its insert, another one commits the same rows."""

        def insert(objs, model, **kwargs):
            other = threading.Thread(target=lambda: (store(), connections.close_all()))
            other.start()
            other.join()
            return real(objs, model, **kwargs)

        return insert

    monkeypatch.setattr(
        services_common,
        "bulk_create_with_history",
        after_the_other_request(
            lambda: Measurement.objects.create(lab=lab, study=study, animal=animal, date=day0, length_mm=5)
        ),
    )
    row = {"animal": "M1", "date": day0.isoformat(), "length_mm": 5, "width_mm": 4}
    with pytest.raises(BatchError) as caught:
        measurements_record(study=study, rows=[row], user=user)
    assert caught.value.errors[0].code == "duplicate_measurement"

    when = day0 + dt.timedelta(days=3)
    monkeypatch.setattr(
        services_common,
        "bulk_create_with_history",
        after_the_other_request(
            lambda: Event.objects.create(lab=lab, study=study, animal=animal, date=when, kind="ulceration")
        ),
    )
    with pytest.raises(BatchError) as caught:
        events_record(
            study=study, rows=[{"animal": "M1", "date": when.isoformat(), "kind": "ulceration"}], user=user
        )
    assert caught.value.errors[0].code == "duplicate_event"
