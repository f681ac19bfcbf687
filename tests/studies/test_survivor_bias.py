"""Group means after most animals have left (survivor bias, DOMAIN.md §8): the stored and live growth
results carry n per day and the cut-off, the dashboard stops the curve, shows n and gives no TGI on
days with too few controls."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from studies.models import AnalysisResult, Study
from studies.services.common import lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.events import events_record
from studies.services.measurements import measurements_record

pytestmark = pytest.mark.django_db

DAYS = (7, 10, 14, 17, 21)
# control mice leave (endpoint) after their last day: 10 measured on days 7 and 10, 6 on 14, 4 on 17,
# 1 on day 21
CONTROL_LAST = (21, 17, 17, 17, 14, 14, 10, 10, 10, 10)


def build(lab, user, *, today=None):
    today = today or lab_today(lab)
    day0 = today - dt.timedelta(days=22)
    study = study_create(lab=lab, user=user, name="Survivors", day0=day0, implanted_on=day0)
    ctrl = arm_create(study=study, name="Vehicle", is_control=True)
    drug = arm_create(study=study, name="IL-2 mutein", dose=1.0)
    animals_create(
        study=study,
        rows=[{"tag": f"V{i:02d}", "arm": ctrl, "cage": "C1"} for i in range(10)]
        + [{"tag": f"T{i:02d}", "arm": drug, "cage": "C2"} for i in range(10)],
    )
    rows, events = [], []
    for i, last in enumerate(CONTROL_LAST):
        for d in DAYS:
            if d <= last:
                side = 4.0 + 0.45 * (d - 7) + 0.05 * i  # grows ~ 60 -> 1000 mm³
                rows.append(_row(f"V{i:02d}", day0, d, side * 1.3, side))
        if last < DAYS[-1]:
            events.append(
                {
                    "animal": f"V{i:02d}",
                    "date": (day0 + dt.timedelta(days=last)).isoformat(),
                    "kind": "endpoint_euthanasia",
                }
            )
    for i in range(10):
        for d in DAYS:
            side = 4.0 + 0.15 * (d - 7) + 0.05 * i
            rows.append(_row(f"T{i:02d}", day0, d, side * 1.3, side))
    measurements_record(study=study, rows=rows, user=user)
    events_record(study=study, rows=events, user=user)
    return study, ctrl, drug


def _row(tag, day0, d, length, width):
    return {
        "animal": tag,
        "date": (day0 + dt.timedelta(days=d)).isoformat(),
        "length_mm": round(length, 1),
        "width_mm": round(width, 1),
        "weight_g": 20.0,
    }


def test_it_stores_n_per_day_and_the_cut_off_with_the_growth_analysis(api, lab, user):
    study, ctrl, drug = build(lab, user)
    job = api.post(f"/api/v1/studies/{study.pk}/analyses/", {"kind": "growth"}, format="json").json()
    result = api.get(job["url"]).json()["result"]
    assert result["analysis_version"] == "1.2.0"
    assert result["mean_curve_min_fraction"] == 0.5 and result["tgi_min_control_n"] == 3
    vehicle = next(g for g in result["groups"] if g["group"] == ctrl.pk)
    assert [(s["day"], s["n"], s["in_curve"]) for s in vehicle["series"]] == [
        (7.0, 10, True),
        (10.0, 10, True),
        (14.0, 6, True),
        (17.0, 4, False),
        (21.0, 1, False),
    ]
    assert vehicle["curve_end_day"] == 14.0
    tgi = {t["day"]: t for t in result["tgi"] if t["group"] == drug.pk}
    assert tgi[14.0]["tgi_pct"] is not None and (tgi[14.0]["n_treated"], tgi[14.0]["n_control"]) == (10, 6)
    assert tgi[17.0]["tgi_pct"] is None and tgi[17.0]["withheld"] == "control_curve_stopped"
    assert tgi[21.0]["tc_pct"] is None and tgi[21.0]["withheld"] == "control_below_min_n"
    assert "fewer than 3" in tgi[21.0]["note"]
    # the cut-off is a per-study setting, and a per-analysis override; both are in the stored result
    api.patch(f"/api/v1/studies/{study.pk}/", {"mean_curve_min_pct": 30}, format="json")
    job = api.post(f"/api/v1/studies/{study.pk}/analyses/", {"kind": "growth"}, format="json").json()
    result = api.get(job["url"]).json()["result"]
    vehicle = next(g for g in result["groups"] if g["group"] == ctrl.pk)
    assert result["mean_curve_min_fraction"] == 0.3 and vehicle["curve_end_day"] == 17.0
    job = api.post(
        f"/api/v1/studies/{study.pk}/analyses/",
        {"kind": "growth", "settings": {"mean_curve_min_pct": 70, "tgi_min_control_n": 5}},
        format="json",
    ).json()
    stored = AnalysisResult.objects.get(pk=api.get(job["url"]).json()["result"]["analysis_id"])
    assert stored.result["mean_curve_min_fraction"] == 0.7 and stored.result["tgi_min_control_n"] == 5
    bad = api.post(
        f"/api/v1/studies/{study.pk}/analyses/",
        {"kind": "growth", "settings": {"mean_curve_min_pct": 0}},
        format="json",
    )
    assert bad.status_code == 400 and "mean_curve_min_pct" in bad.json()["error"]["message"]


def _figure(html: str, name: str) -> dict:
    m = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_it_stops_the_curve_shows_n_and_gives_no_tgi_on_small_controls_on_the_dashboard(
    browser_client, lab, user
):
    study, ctrl, drug = build(lab, user)
    html = browser_client.get(f"/studies/{study.pk}/").content.decode()
    fig = _figure(html, "fig-growth-data")
    vehicle = next(t for t in fig["data"] if t["name"].startswith("Vehicle"))
    assert vehicle["name"] == "Vehicle (n = 10)"
    assert vehicle["x"] == [7.0, 10.0, 14.0]  # no mean of the 4 and of the last 1 survivor
    assert [c[:2] for c in vehicle["customdata"]] == [[10, 10], [10, 10], [6, 10]]
    assert "n = %{customdata[0]} of %{customdata[1]}" in vehicle["hovertemplate"]
    assert "fewer than 50 % of its animals remain" in fig["layout"]["title"]["text"]
    treated = next(t for t in fig["data"] if t["name"].startswith("IL-2"))
    assert treated["x"] == [7.0, 10.0, 14.0, 17.0, 21.0]
    # the groups table shows the last mean on the curve with its n, not the lone survivor's
    arms = html[html.index('id="arms"') : html.index("</table>", html.index('id="arms"'))]
    assert "(day 14, n = 6 of 10)" in arms and "curve stopped: day 21 has n = 1" in arms
    # the means table lists every day with n, marking days off the curve
    means = html[html.index('id="group-means"') : html.index("</details>", html.index('id="group-means"'))]
    assert means.count("not plotted") == 2 and "n = 1 · not plotted" in means
    # TGI: given on day 14 (6 controls), withheld on 17 (curve stopped) and 21 (1 control) with the reason
    tgi = html[html.index('id="tgi"') : html.index("</table>", html.index('id="tgi"'))]
    cells = dict(re.findall(r'data-day="([\d.]+)"[^>]*>(.*?)</td>', tgi, re.S))
    assert "%" in cells["14.0"] and "n 10 vs 6" in cells["14.0"]
    assert "no TGI" in cells["17.0"] and "control &lt; 50 %" in cells["17.0"]
    assert "no TGI" in cells["21.0"] and "control n &lt; 3" in cells["21.0"] and "n 10 vs 1" in cells["21.0"]
    assert "No TGI or T/C on day 17 (fewer than 50 % of the control animals remained)" in html
    # the setting is on the study page
    setup = browser_client.get(f"/studies/{study.pk}/setup/").content.decode()
    assert 'name="study-mean_curve_min_pct"' in setup


def test_it_names_the_studys_own_cut_off_when_it_withholds_tgi(browser_client, lab, user):
    study, ctrl, drug = build(lab, user)
    Study.objects.filter(pk=study.pk).update(mean_curve_min_pct=70)
    html = browser_client.get(f"/studies/{study.pk}/").content.decode()
    tgi = html[html.index('id="tgi"') : html.index("</table>", html.index('id="tgi"'))]
    cells = dict(re.findall(r'data-day="([\d.]+)"[^>]*>(.*?)</td>', tgi, re.S))
    withheld = [c for c in cells.values() if "no TGI" in c and "control &lt;" in c and "n &lt;" not in c]
    assert withheld and all("control &lt; 70 %" in c for c in withheld)
    assert "50 %" not in tgi
