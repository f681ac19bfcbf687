import csv
from pathlib import Path

import pytest

from il2portal.models import Job

pytestmark = pytest.mark.django_db
REFDATA = Path(__file__).resolve().parents[2] / "refdata" / "doseresponse"


def _ryegrass_points():
    with open(REFDATA / "drc_ryegrass.csv") as fh:
        return [{"x": float(r["conc"]), "y": float(r["rootl"])} for r in csv.DictReader(fh)]


def test_it_fits_ryegrass_through_the_api_and_returns_prism_parameters(api):
    response = api.post(
        "/api/v1/fits/", {"model": "4PL", "points": _ryegrass_points(), "unknowns": [4.0, 9.0]}, format="json"
    )
    assert response.status_code == 202
    body = response.json()
    assert {"id", "status", "url"} <= set(body)
    assert body["status"] == "succeeded"  # in-process tasks: finished in the 202 body
    result = api.get(body["url"]).json()["result"]
    p = result["parameters"]
    assert p["hill_slope"] == pytest.approx(-2.98222, abs=1e-4)
    assert p["bottom"] == pytest.approx(0.48141, abs=1e-4)
    assert p["top"] == pytest.approx(7.79296, abs=1e-4)
    assert p["ec50"] == pytest.approx(3.05795, abs=1e-4)
    assert result["sy_x"] == pytest.approx(0.5196256, abs=1e-4) and result["df"] == 20
    low, high = result["ec50_ci95"]
    assert low < p["ec50"] < high
    assert result["unknowns"][0]["flag"] is None and result["unknowns"][0]["x"] > 0
    # falling curve: a signal above the top asymptote means a dose below the range
    assert result["unknowns"][1]["flag"] == "below_range" and result["unknowns"][1]["x"] is None


def test_it_names_the_bad_point(api):
    points = _ryegrass_points()
    points[3] = {"x": -1, "y": 2}
    response = api.post("/api/v1/fits/", {"points": points}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"].startswith("points[3].x")
    assert not Job.objects.exists()


def test_it_refuses_too_few_points_and_unknown_models(api):
    few = api.post("/api/v1/fits/", {"points": [{"x": 1, "y": 1}, {"x": 2, "y": 2}]}, format="json")
    assert few.status_code == 400 and "at least 5 points" in few.json()["error"]["message"]
    bad = api.post("/api/v1/fits/", {"model": "6PL", "points": _ryegrass_points()}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["message"].startswith("model")


def test_it_fails_the_job_with_a_message_for_a_constant_signal(api):
    points = [{"x": x, "y": 1.0} for x in (0.1, 1, 10, 100, 1000, 10000)]
    body = api.post("/api/v1/fits/", {"points": points}, format="json").json()
    job = api.get(body["url"]).json()
    assert job["status"] == "failed" and job["result"] is None
    assert "All responses are equal" in job["error"]
