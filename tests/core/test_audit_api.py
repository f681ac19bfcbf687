"""``GET /api/v1/audit/``: the export pages' audit trail (il2portal.audit) as JSON pages and CSV, for a
record, a run, a study or the lab, in a date range; scoped to the caller's labs, read only."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assays import services as assay_services
from assays.models import CellLine
from studies.models import Measurement
from studies.services.measurements import measurement_update
from tests.assays.test_run_page_numbers import _run
from tests.core.test_audit_export import _recorded_measurement
from tests.openapi import assert_conforms, served_schema
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db

URL = "/api/v1/audit/"


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


@pytest.fixture
def study(lab, user):
    study = build_study(lab, user, 2, n_days=5, analyses=False)
    m = _recorded_measurement(study, user)
    measurement_update(measurement=m, data={"length_mm": 9.5}, user=user, reason="caliper misread")
    return study


def _all(api, query: str, page_size: int = 1000) -> list[dict]:
    rows, url = [], f"{URL}?{query}&page_size={page_size}"
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        url = response.json()["next"]
    return rows


def _csv_text(response) -> str:
    return b"".join(response.streaming_content).decode()


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]


def test_it_serves_a_runs_trail_with_old_and_new_values(api, run, user):
    response = api.get(f"{URL}?run={run.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["subject"] == f"Assay run {run.name}" and body["lab"] == run.lab_id
    assert_conforms(served_schema(api), response, "GET", URL)
    rows = body["results"]
    cells = [r for r in rows if r["record"]["type"] == "assay run" and "cell" in r["field"]]
    assert cells and cells[0]["old"] is None and cells[0]["new"] == "CTLL-2"  # the name, not the id
    assert cells[0]["action"] == "changed"
    assert cells[0]["user"] == {"username": "alice", "full_name": "Alice Liddell"}
    assert cells[0]["record"] == {
        "type": "assay run", "model": "assays.assayrun", "id": run.pk, "name": run.name,
    }  # fmt: skip
    versions = [r for r in rows if r["record"]["type"] == "run result"]
    assert [v["new"].split(" (")[0] for v in versions] == ["version 2", "version 1"]  # newest first
    assert versions[0]["reason"] == "B1 was a bubble"
    whens = [dt.datetime.fromisoformat(r["when"].replace("Z", "+00:00")) for r in rows]
    assert all(w.tzinfo is not None for w in whens) and whens == sorted(whens, reverse=True)


def test_it_serves_a_studys_trail_with_the_corrections_reason(api, study):
    rows = _all(api, f"study={study.pk}")
    fix = [r for r in rows if r["record"]["type"] == "measurement" and r["reason"] == "caliper misread"]
    assert fix and any(r["new"] == 9.5 and r["old"] == 8.0 for r in fix), fix
    assert {"study", "group", "measurement"} <= {r["record"]["type"] for r in rows}


def test_it_serves_one_records_trail_also_after_it_was_deleted(api, study, user):
    pk = Measurement.history.filter(study_id=study.pk, history_change_reason="caliper misread").first().id
    m = Measurement.objects.get(pk=pk)
    rows = _all(api, f"record=studies.measurement&id={pk}")
    assert {r["record"]["id"] for r in rows} == {pk} and {r["record"]["type"] for r in rows} == {
        "measurement"
    }
    assert [r["action"] for r in rows][-1] == "created"
    m.delete()
    rows = _all(api, f"record=studies.measurement&id={pk}")
    assert rows[0]["action"] == "deleted"


def test_it_serves_the_whole_lab_in_a_date_range_of_the_labs_days(api, run, study, lab):
    lab.time_zone = "Pacific/Kiritimati"  # +14:00: the lab's day is not UTC's
    lab.save()
    everything = _all(api, "")
    assert {"assay run", "run result", "study", "measurement"} <= {r["record"]["type"] for r in everything}
    newest = dt.datetime.fromisoformat(everything[0]["when"].replace("Z", "+00:00"))
    day = newest.astimezone(dt.timezone(dt.timedelta(hours=14))).date()
    today = _all(api, f"after={day}&before={day + dt.timedelta(days=1)}")
    assert today and len(today) <= len(everything)
    assert _all(api, f"after={day + dt.timedelta(days=1)}") == []
    assert _all(api, f"before={day - dt.timedelta(days=30)}") == []
    # a date-time with its offset, and the same moment on the lab's clock without one
    cut = newest.isoformat()
    assert _all(api, f"before={cut.replace('+', '%2B')}") == [
        r for r in everything if r["when"] != everything[0]["when"]
    ]
    local = newest.astimezone(dt.timezone(dt.timedelta(hours=14))).replace(tzinfo=None).isoformat()
    assert _all(api, f"after={local}") == [r for r in everything if r["when"] == everything[0]["when"]]


def test_it_pages_newest_first_by_moment_and_loses_no_row(api, study, user):
    everything = _all(api, f"study={study.pk}")
    assert len(everything) > 6
    first = api.get(f"{URL}?study={study.pk}&page_size=3").json()
    assert 1 <= len(first["results"]) and "before=" in first["next"] and f"study={study.pk}" in first["next"]
    assert _all(api, f"study={study.pk}", page_size=3) == everything
    assert _all(api, f"study={study.pk}", page_size=1) == everything


def test_a_batch_saved_at_one_moment_is_never_cut_by_a_page(api, lab, user):
    """Records saved at one moment (``bulk_create_with_history(default_date=...)``) that alone fill more
    than a page come on one page, so the next page (before that moment) loses none of them."""
    from studies.services.measurements import measurements_record

    study = build_study(lab, user, 6, n_days=5, analyses=False)
    day = study.day0 + dt.timedelta(days=3)
    Measurement.objects.filter(study=study, date=day).delete()
    measurements_record(
        study=study, user=user,
        rows=[{"animal": a.tag, "date": day.isoformat(), "length_mm": 8.0, "width_mm": 6.0} for a in study.animals.all()],
    )  # fmt: skip
    batch = Measurement.history.filter(study_id=study.pk, date=day, history_type="+")
    assert batch.count() >= 4
    batch.update(history_date=batch.order_by("history_date").first().history_date)
    everything = _all(api, f"study={study.pk}")
    assert _all(api, f"study={study.pk}", page_size=2) == everything
    created = [r for r in everything if r["record"]["type"] == "measurement" and r["action"] == "created"]
    assert len(created) == batch.count() and len({r["when"] for r in created}) == 1
    page = api.get(f"{URL}?study={study.pk}&page_size=2").json()
    assert len(page["results"]) >= batch.count()  # the whole moment, past the page size


@pytest.mark.parametrize("how", ["format", "accept"])
def test_its_csv_is_the_pages_csv(api, browser_client, run, study, how):
    for query, page in (
        (f"run={run.pk}", f"/assays/runs/{run.pk}/audit.csv"),
        (f"study={study.pk}", f"/studies/{study.pk}/audit.csv"),
        (f"record=assays.assayrun&id={run.pk}", f"/audit/record.csv?record=assays.assayrun&id={run.pk}"),
    ):
        if how == "format":
            response = api.get(f"{URL}?{query}&format=csv")
        else:
            response = api.get(f"{URL}?{query}", HTTP_ACCEPT="text/csv")
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("text/csv")
        expected = browser_client.get(page)
        assert response["Content-Disposition"] == expected["Content-Disposition"]
        text = _csv_text(response)
        assert text == _csv_text(expected)
        header = next(csv.reader(io.StringIO(text)))
        assert header[:3] == ["when", "username", "full name"]


def test_the_whole_labs_csv_in_a_date_range_is_the_pages(api, browser_client, run):
    day = run.created_at.date()
    response = api.get(f"{URL}?after={day}&before={day + dt.timedelta(days=1)}&format=csv")
    assert response.status_code == 200
    assert (
        f"-from-{day:%Y%m%d}-before-{day + dt.timedelta(days=1):%Y%m%d}.csv"
        in response["Content-Disposition"]
    )
    assert _csv_text(response) == _csv_text(browser_client.get(f"/audit.csv?start={day}&end={day}"))


def test_an_error_asked_as_csv_is_answered_as_json(api):
    error = _error(api.get(f"{URL}?run=x&format=csv"), 400)
    assert error["code"] == "validation_error" and "run" in error["detail"]


def test_another_labs_records_are_not_found(other_api, run, study, lab):
    for query in (
        f"run={run.pk}", f"study={study.pk}", f"record=assays.assayrun&id={run.pk}", f"lab={lab.pk}",
        f"run={run.pk}&format=csv", "run=99999999", "study=0", f"run={2**70}",
    ):  # fmt: skip
        error = _error(other_api.get(f"{URL}?{query}"), 404)
        assert error["code"] == "not_found", query
    # the whole-lab trail of the caller's own lab has nothing of lab A
    rows = other_api.get(URL).json()["results"]
    assert not any(r["record"]["name"] == run.name for r in rows)


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("record=nosuch.model&id=1", "record"),
        ("record=assays&id=1", "record"),
        ("record=assays.runresult&id=1", "record"),  # versions have no trail of their own
        ("record=auth.user&id=1", "record"),  # no lab
        ("record=assays.assayrun&id=x", "id"),
        ("record=assays.assayrun&id=1.5", "id"),
        ("record=assays.assayrun", "id"),
        ("id=3", "record"),
        ("run=x", "run"),
        ("run=-1", "run"),
        ("study=1e3", "study"),
        ("lab=lab-a", "lab"),
        ("run=1&study=2", "study"),
        ("run=1&lab=2", "lab"),
        ("run=1&run=2", "run"),
        ("after=yesterday", "after"),
        ("after=2026-02-30", "after"),
        ("before=2026-01-01T00:00:00%2B17:00", "before"),
        ("after=2026-03-02&before=2026-03-01", "before"),
        ("page_size=0", "page_size"),
        ("page=2", "page"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(api, lab, query, param):
    error = _error(api.get(f"{URL}?{query}"), 400)
    assert error["code"] == "validation_error"
    assert list(error["detail"]) == [param], error
    assert error["message"].startswith(f"{param}:"), error


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_is_read_only(api, run, method):
    for url in (URL, f"{URL}?run={run.pk}"):
        error = _error(getattr(api, method)(url, {}, format="json"), 405)
        assert error["code"] == "method_not_allowed"


def test_instrument_tokens_may_not_read_it_but_sessions_may(instrument_api, browser_client, run):
    error = _error(instrument_api.get(f"{URL}?run={run.pk}"), 403)
    assert error["code"] == "permission_denied" and "instrument" in error["message"].lower()
    assert browser_client.get(f"{URL}?run={run.pk}").status_code == 200


def test_a_user_of_several_labs_names_the_lab_of_the_whole_labs_trail(api, user, other_lab, lab):
    from il2portal.models import Membership

    Membership.objects.create(lab=other_lab, user=user, role=Membership.Role.MEMBER)
    error = _error(api.get(URL), 400)
    assert list(error["detail"]) == ["lab"]
    assert api.get(f"{URL}?lab={other_lab.pk}").json()["lab"] == other_lab.pk


def test_a_page_reads_a_fixed_number_of_queries(api, study, user):
    def count(query):
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(f"{URL}?{query}&page_size=1000")
            assert response.status_code == 200
        return len(ctx.captured_queries), len(response.json()["results"])

    count("")  # (a token's first use of the day records it)
    few = {q: count(q) for q in (f"study={study.pk}", "")}
    for m in Measurement.objects.filter(study=study):
        measurement_update(measurement=m, data={"length_mm": 8}, user=user, reason="re-read")
    for query, (queries, rows) in few.items():
        now_queries, now_rows = count(query)
        assert now_rows > rows + 4, query
        assert now_queries == queries, query


def test_the_schema_documents_the_parameters_and_both_answers(api):
    schema = served_schema(api)
    operation = schema["paths"][URL]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"record", "id", "run", "study", "lab", "after", "before", "page_size"} <= names
    assert "format" not in names  # DRF's answer switch, declared nowhere (the plate format is `vendor`)
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    assert {"400", "401", "403", "404"} <= set(operation["responses"])
    assert set(schema["paths"][URL]) == {"get"}


def test_signatures_show_up_in_the_api_trail_as_in_the_csv(api, lab, user, browser_client, monkeypatch):
    """A source added to the trail (the signatures) is served without a change to the API."""
    from il2portal import signing
    from tests.core.test_signing import _sign, people, version

    monkeypatch.setattr(signing, "_notify", lambda **kwargs: None)  # (notifications land separately)

    who = people.__wrapped__(lab, user)
    v = version.__wrapped__(lab, user)
    _sign(lab, who["author"], v, "authored", reason="ready")
    _sign(lab, who["reviewer"], v, "reviewed", reason="checked")
    rows = _all(api, f"run={v.run_id}")
    signed = [r for r in rows if r["field"] == "signature"]
    assert [(r["action"], r["new"], r["user"]["username"]) for r in signed] == [
        ("signed", "reviewed", "rita"),
        ("signed", "authored", "alice"),
    ]
    assert signed[0]["record"]["model"] == "assays.runresult" and signed[0]["record"]["id"] == v.pk
    assert "SHA-256" in signed[0]["signature"] and signed[0]["reason"] == "checked"
    text = _csv_text(api.get(f"{URL}?run={v.run_id}&format=csv"))
    assert text == _csv_text(browser_client.get(f"/assays/runs/{v.run_id}/audit.csv"))
    assert next(csv.reader(io.StringIO(text)))[-1] == "signature"


def test_it_names_a_csv_of_the_calendars_ends_without_failing(api, lab):
    for zone, query in (
        ("Asia/Tokyo", "before=9999-12-31T23:59:59Z"),
        ("America/New_York", "after=0001-01-01T00:00:00Z"),
    ):
        lab.time_zone = zone
        lab.save()
        response = api.get(f"{URL}?{query}&format=csv")
        assert response.status_code in (200, 400), (query, response.status_code)
