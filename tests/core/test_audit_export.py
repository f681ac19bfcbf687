"""The audit trail export (issue 13, item 2): a run, a study, a record, the lab over a date range, as a
print-ready page and CSV; read only everywhere (the export URLs, the admin's history)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assays import services as assay_services
from assays.models import AssayRun, CellLine
from studies.models import Measurement
from studies.services.measurements import measurement_update
from tests.assays.test_run_page_numbers import _run
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def run(lab, user):
    user.first_name, user.last_name = "Alice", "Liddell"
    user.save()
    run, plates, _ = _run(lab, user, {"model": "4PL"}, n_plates=1)
    assay_services.run_reanalyse(
        run=run, user=user, excluded_wells=[f"{plates[0].pk}:B1"], settings={}, reason="B1 was a bubble"
    )
    line = CellLine.objects.create(lab=lab, name="CTLL-2", created_by=user)
    assay_services.run_update(run=run, user=user, cell_line=line)
    return run


def test_a_runs_trail_shows_each_step_with_who_when_old_new_and_reason(browser_client, run):
    page = browser_client.get(f"/assays/runs/{run.pk}/audit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "B1 was a bubble" in html and "CTLL-2" in html and "Alice Liddell" in html
    assert "newest first" in html
    rows = _csv(browser_client.get(f"/assays/runs/{run.pk}/audit.csv"))
    cells = [r for r in rows if r["record type"] == "assay run" and r["field"] == "cells"] or [
        r for r in rows if r["record type"] == "assay run" and "cell" in r["field"]
    ]
    assert cells and cells[0]["old"] == "" and cells[0]["new"] == "CTLL-2"  # the name, not the id
    assert cells[0]["username"] == "alice" and cells[0]["full name"] == "Alice Liddell"
    versions = [r for r in rows if r["record type"] == "run result"]
    assert [v["new"].split(" (")[0] for v in versions] == ["version 2", "version 1"]  # newest first
    assert versions[0]["reason"] == "B1 was a bubble"
    assert any(r["record type"] == "assay run" and r["action"] == "created" for r in rows)
    assert all(r["when"][:4].isdigit() and "(" in r["when"] for r in rows)  # with its zone and offset
    assert f"/assays/runs/{run.pk}/audit/" in browser_client.get(f"/assays/runs/{run.pk}/").content.decode()


def test_a_study_measurement_correction_shows_its_reason(browser_client, lab, user):
    study = build_study(lab, user, 4, n_days=9, analyses=False)
    m = _recorded_measurement(study, user)
    measurement_update(measurement=m, data={"length_mm": 9.5}, user=user, reason="caliper misread")
    rows = _csv(browser_client.get(f"/studies/{study.pk}/audit.csv"))
    fix = [r for r in rows if r["record type"] == "measurement" and r["reason"] == "caliper misread"]
    assert fix and any(r["new"] == "9.5" for r in fix), [list(r.values()) for r in fix]
    assert {"study", "group", "measurement"} <= {
        r["record type"] for r in rows
    }  # (the factory bulk-creates animals)
    page = browser_client.get(f"/studies/{study.pk}/audit/")
    assert "caliper misread" in page.content.decode()
    assert f"/studies/{study.pk}/audit/" in browser_client.get(f"/studies/{study.pk}/").content.decode()


def test_the_page_reads_a_fixed_number_of_queries(browser_client, lab, user):
    study = build_study(lab, user, 2, n_days=6, analyses=False)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert browser_client.get(f"/studies/{study.pk}/audit/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for m in Measurement.objects.filter(study=study):
        measurement_update(measurement=m, data={"length_mm": 8}, user=user, reason="re-read")
    assert count() == few


def test_another_labs_records_are_not_found(client, run, other_user, lab, user):
    client.force_login(other_user)
    study = build_study(lab, user, 2, n_days=3, analyses=False)
    for url in (
        f"/assays/runs/{run.pk}/audit/",
        f"/assays/runs/{run.pk}/audit.csv",
        f"/studies/{study.pk}/audit/",
        f"/studies/{study.pk}/audit.csv",
        f"/audit/record/?record=assays.assayrun&id={run.pk}",
        f"/audit/record.csv?record=assays.assayrun&id={run.pk}",
    ):
        assert client.get(url).status_code == 404, url
    # the lab-wide trail is of the caller's own lab only
    rows = _csv(client.get("/audit.csv?start=2000-01-01&end=2000-12-31"))
    assert rows == []


def test_a_single_record_and_the_lab_over_a_date_range(browser_client, run):
    rows = _csv(browser_client.get(f"/audit/record.csv?record=assays.assayrun&id={run.pk}"))
    assert {r["record type"] for r in rows} == {"assay run"}
    day = run.created_at.date().isoformat()
    page = browser_client.get(f"/audit/?start={day}&end={day}")
    assert page.status_code == 200 and "B1 was a bubble" in page.content.decode()
    rows = _csv(browser_client.get(f"/audit.csv?start={day}&end={day}"))
    # (plates are stored in bulk by an import, without a history row of their own)
    assert {"assay run", "run result", "layout", "cell line"} <= {r["record type"] for r in rows}


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [("2026-03-02", "2026-03-01", "before the start"), ("2025-01-01", "2026-01-02", "At most 366 days")],
)
def test_the_date_range_is_validated(browser_client, start, end, message):
    page = browser_client.get(f"/audit/?start={start}&end={end}")
    assert page.status_code == 200 and message in page.content.decode()
    assert browser_client.get(f"/audit.csv?start={start}&end={end}").status_code == 404


def test_csv_formula_injection_is_neutralised(browser_client, run, user):
    assay_services.run_update(run=run, user=user, name='=HYPERLINK("http://evil")')
    rows = _csv(browser_client.get(f"/assays/runs/{run.pk}/audit.csv"))
    names = [r["new"] for r in rows if r["field"] == "name"]
    assert names and all(n.startswith("'=") for n in names)
    assert not any(v.startswith("=") for r in rows for v in r.values() if v)


def test_the_export_urls_refuse_writes(browser_client, run):
    for url in (f"/assays/runs/{run.pk}/audit/", f"/assays/runs/{run.pk}/audit.csv", "/audit/", "/audit.csv",
                f"/studies/{run.pk}/audit/", "/audit/record/"):  # fmt: skip
        for method in ("post", "put", "patch", "delete"):
            assert getattr(browser_client, method)(url).status_code == 405, (method, url)


def test_history_cannot_be_changed_through_the_admin(client, django_user_model, run):
    admin_user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin_user)
    from django.contrib import admin

    assert not any(m.__name__.startswith("Historical") for m in admin.site._registry)
    study = build_study(run.lab, admin_user, 2, n_days=3, analyses=False)
    m = _recorded_measurement(study, admin_user)
    old = m.history.order_by("history_date").first()
    url = f"/admin/studies/measurement/{m.pk}/history/{old.history_id}/"
    assert client.get(url).status_code == 200  # viewing a past version is allowed
    before = m.history.count()
    response = client.post(url, {"length_mm": "99", "date": str(m.date), "animal": m.animal_id})
    assert response.status_code == 403
    assert m.history.count() == before
    # the run's history is not in the admin at all (GET /api/v1/audit/ only reads it)
    assert (
        client.get(f"/admin/assays/historicalassayrun/{run.history.first().history_id}/change/").status_code
        == 404
    )
    assert AssayRun.history.filter(id=run.pk).count() >= 2


def _recorded_measurement(study, user) -> Measurement:
    """A measurement entered as a person does (measurements_record keeps its history row; the study
    factory stores its measurements in bulk, without one)."""
    from studies.services.measurements import measurements_record

    animal = study.animals.order_by("tag").first()
    day = study.day0 + dt.timedelta(days=2)
    Measurement.objects.filter(animal=animal, date=day).delete()
    measurements_record(
        study=study,
        user=user,
        rows=[{"animal": animal.tag, "date": day.isoformat(), "length_mm": 8.0, "width_mm": 6.0}],
    )
    return Measurement.objects.get(animal=animal, date=day)
