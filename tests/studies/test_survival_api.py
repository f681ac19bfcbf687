"""Survival through the API reproduces R survival on the aml data (DOMAIN.md §8): the study is built
with the API as a lab would (groups, animals, measurements, events), then analysed as a job."""

from __future__ import annotations

import datetime as dt

import pytest

from studies.models import AnalysisResult
from tests.studies.analysis.test_survival import AML_MAINTAINED, AML_NONMAINTAINED

pytestmark = pytest.mark.django_db
DAY0 = dt.date(2024, 9, 2)  # 161 days later is still in the past


def _date(t: int) -> str:
    return (DAY0 + dt.timedelta(days=t)).isoformat()


def build_aml_study(api) -> dict:
    s = api.post(
        "/api/v1/studies/",
        {"name": "aml", "tumor_model": "other", "day0": DAY0.isoformat(), "implanted_on": DAY0.isoformat()},
        format="json",
    ).json()
    url = f"/api/v1/studies/{s['id']}/"
    m = api.post(f"{url}groups/", {"name": "Maintained", "is_control": True}, format="json").json()
    n = api.post(f"{url}groups/", {"name": "Nonmaintained"}, format="json").json()
    animals, measurements, events = [], [], []
    for prefix, group, data in (("M", m, AML_MAINTAINED), ("N", n, AML_NONMAINTAINED)):
        for i, (t, event) in enumerate(data, start=1):
            tag = f"{prefix}{i}"
            animals.append({"tag": tag, "group": group["id"], "implanted_on": DAY0.isoformat()})
            measurements.append({"animal": tag, "date": _date(t), "weight_g": 20.0})
            if event:
                events.append({"animal": tag, "date": _date(t), "kind": "endpoint_euthanasia"})
    assert api.post(f"{url}animals/", animals, format="json").status_code == 201
    assert api.post(f"{url}measurements/", measurements, format="json").status_code == 201
    assert api.post(f"{url}events/", events, format="json").status_code == 201
    return {"id": s["id"], "url": url, "maintained": m["id"], "nonmaintained": n["id"]}


def test_it_reproduces_r_survival_on_aml_through_the_api(api):
    s = build_aml_study(api)
    response = api.post(f"{s['url']}analyses/", {"kind": "survival"}, format="json")
    assert response.status_code == 202
    job = api.get(response.json()["url"]).json()
    assert job["status"] == "succeeded", job["error"]
    r = job["result"]
    assert r["time_origin"] == "day0" and r["adjustment"] == "holm"
    assert r["logrank"]["chi2"] == pytest.approx(3.3964, abs=1e-4)
    assert r["logrank"]["df"] == 1
    assert r["logrank"]["p"] == pytest.approx(0.06534, abs=1e-4)
    groups = {g["group"]: g for g in r["groups"]}
    assert groups[s["maintained"]]["name"] == "Maintained"
    assert (groups[s["maintained"]]["n"], groups[s["maintained"]]["events"]) == (11, 7)
    assert groups[s["maintained"]]["median_days"] == 31 and groups[s["nonmaintained"]]["median_days"] == 23
    assert groups[s["maintained"]]["median_ci95"] == [13.0, None]  # log-log CI; upper not reached
    (hr,) = r["hazard_ratios"]
    assert (hr["group"], hr["reference"]) == (s["nonmaintained"], s["maintained"])
    assert hr["hr"] == pytest.approx(2.498, rel=1e-4)
    assert hr["coef"] == pytest.approx(0.9155, abs=1e-4) and hr["se"] == pytest.approx(0.5119, abs=1e-4)
    (pair,) = r["pairwise"]
    assert pair["chi2"] == pytest.approx(3.3964, abs=1e-4) and pair["p_adjusted"] == pytest.approx(pair["p"])
    assert {c["group"] for c in r["curves"]} == {s["maintained"], s["nonmaintained"]}
    stored = AnalysisResult.objects.get(pk=r["analysis_id"])
    assert stored.kind == "survival" and stored.version == 1 and stored.job_id == job["id"]
    assert stored.result["logrank"] == r["logrank"] and len(stored.inputs_sha256) == 64


def test_it_censors_other_euthanasia_and_withdrawal_at_their_date(api):
    s = build_aml_study(api)
    # M11 (censored at 161 by its last measurement) is instead withdrawn earlier: same censoring rule
    api.post(
        f"{s['url']}animals/",
        [
            {"tag": "X1", "group": s["maintained"]},
            {"tag": "X2", "group": s["maintained"]},
            {"tag": "X3", "group": s["maintained"]},
        ],
        format="json",
    )
    api.post(
        f"{s['url']}measurements/",
        [
            {"animal": "X1", "date": _date(10), "weight_g": 20},
            {"animal": "X3", "date": _date(40), "weight_g": 20},
        ],
        format="json",
    )
    api.post(
        f"{s['url']}events/",
        [
            {"animal": "X1", "date": _date(12), "kind": "euthanasia_other"},
            {"animal": "X2", "date": _date(15), "kind": "withdrawn"},
        ],
        format="json",
    )
    r = api.post(f"{s['url']}analyses/", {"kind": "survival"}, format="json").json()["result"]
    subjects = {x["animal"]: x for x in r["subjects"]}
    assert subjects["X1"] == {"animal": "X1", "group": s["maintained"], "time_days": 12.0, "event": False}
    assert subjects["X2"]["time_days"] == 15.0 and subjects["X2"]["event"] is False
    assert (
        subjects["X3"]["time_days"] == 40.0 and subjects["X3"]["event"] is False
    )  # no event: last measurement
    assert subjects["N1"]["event"] is True and subjects["N1"]["time_days"] == 5.0


def test_it_shows_r_medians_hazard_ratio_and_cox_tests_on_the_dashboard(api, browser_client):
    s = build_aml_study(api)
    assert browser_client.post(f"/studies/{s['id']}/analyse/", {"kind": "survival"}).status_code == 302
    stored = AnalysisResult.objects.get(study_id=s["id"], kind="survival").result
    assert stored["median_rule"] == "midpoint"
    html = browser_client.get(f"/studies/{s['id']}/").content.decode()
    table = html[
        html.index('id="survival-table"') : html.index("</table>", html.index('id="survival-table"'))
    ]
    # R survfit: medians 31 and 23; coxph: exp(coef) 2.4981, Wald p 0.07371 (0.0737 to the 3 significant
    # digits of il2portal.formatting)
    assert ">31<" in table and ">23<" in table
    (hr,) = stored["hazard_ratios"]
    assert f"{hr['hr']:.2f} ({hr['ci95'][0]:.2f}–{hr['ci95'][1]:.2f})" == "2.50 (0.92–6.81)"
    assert "2.50 (0.92–6.81)" in table and ">0.0737<" in table
    cox = html[html.index('id="cox-tests"') :]
    cox = cox[: cox.index("</p>")]
    # R print.coxph: "Likelihood ratio test=3.38 on 1 df, p=0.06581"
    assert "likelihood ratio χ² = 3.38, df = 1, p = 0.0658" in cox
    assert "midpoint of that flat stretch (R survfit, GraphPad Prism)" in html


def test_it_reports_the_midpoint_median_of_a_flat_curve_through_the_api(api):
    # 10 mice dying on days 11..20 (no censoring): S = 0.5 from day 15 to day 16, R median 15.5
    study = api.post(
        "/api/v1/studies/",
        {"name": "flat", "tumor_model": "MC38", "day0": DAY0.isoformat(), "implanted_on": DAY0.isoformat()},
        format="json",
    ).json()
    url = f"/api/v1/studies/{study['id']}/"
    g = api.post(f"{url}groups/", {"name": "Vehicle", "is_control": True}, format="json").json()
    api.post(f"{url}animals/", [{"tag": f"V{t}", "group": g["id"]} for t in range(11, 21)], format="json")
    api.post(
        f"{url}measurements/",
        [{"animal": f"V{t}", "date": _date(t), "weight_g": 20} for t in range(11, 21)],
        format="json",
    )
    api.post(
        f"{url}events/",
        [{"animal": f"V{t}", "date": _date(t), "kind": "endpoint_euthanasia"} for t in range(11, 21)],
        format="json",
    )
    for settings, median in (({}, 15.5), ({"median_rule": "first"}, 15.0)):
        job = api.post(f"{url}analyses/", {"kind": "survival", "settings": settings}, format="json").json()
        result = api.get(job["url"]).json()["result"]
        assert result["median_rule"] == settings.get("median_rule", "midpoint")
        assert result["groups"][0]["median_days"] == median


def test_it_marks_a_survival_result_of_an_older_analysis_version(api, browser_client):
    s = build_aml_study(api)
    browser_client.post(f"/studies/{s['id']}/analyse/", {"kind": "survival"})
    record = AnalysisResult.objects.get(study_id=s["id"], kind="survival")
    assert "survival-outdated" not in browser_client.get(f"/studies/{s['id']}/").content.decode()
    # a result stored before medians followed R: no median_rule in it, analysis 1.1.0
    result = dict(record.result)
    result.pop("median_rule")
    AnalysisResult.objects.filter(pk=record.pk).update(analysis_version="1.1.0", result=result)
    html = browser_client.get(f"/studies/{s['id']}/").content.decode()
    assert 'id="survival-outdated"' in html and "analysis 1.1.0" in html
    assert "Median: the first day survival is at or below 50 %" in html
