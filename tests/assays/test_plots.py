"""The assays figures read like a paper figure: axis titles with quantity and unit, log axes with ticks
written as numbers, legends with n, one recovery panel per plate, values in plate-map wells, a per-well
kinetic trace, and the bioassay page's per-curve parameter table (checked against the stored result)."""

import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest
from scipy import stats

from assays import figures
from assays.series import Series
from il2portal import formatting
from il2portal.plottext import log_axis, log_ticks, tick_text

pytestmark = pytest.mark.django_db


def _figures(page: str) -> dict[str, dict]:
    """Every figure of a page by its json_script id."""
    return {
        m.group(1): json.loads(m.group(2))
        for m in re.finditer(r'<script id="([^"]+)" type="application/json">(.*?)</script>', page, re.S)
    }


def _reads_as_numbers(axis: dict) -> bool:
    """Every tick label of a log axis is its value written out (no repeated bare digits "2 5 2 5")."""
    texts, values = axis["ticktext"], axis["tickvals"]
    return (
        len(texts) >= 2
        and len(set(texts)) == len(texts)
        and all(float(t) == pytest.approx(v) for t, v in zip(texts, values, strict=True))
    )


def _elisa_result():
    standards = [
        {
            "group": f"STD{i}",
            "nominal": n,
            "mean_signal": 0.05 * n,
            "recovery_pct": r,
            "passed": abs(r - 100) < 20,
            "plate": p,
        }
        for p in (1, 2)
        for i, (n, r) in enumerate([(320, 98.0), (160, 104.0), (80, 92.0), (40, 101.0), (5, 125.0)], 1)
    ]
    curve = {
        "model": "4PL",
        "n": 10,
        "df": 6,
        "parameters": {"bottom": 0.05, "top": 3.0, "hill_slope": 1.1, "ec50": 120.0},
        "standard_errors": {"bottom": 0.01, "top": 0.1, "hill_slope": 0.05, "ec50": 5.0},
        "ec50_ci95": [108.0, 132.0],
    }
    samples = [{"sample": "S1", "concentration": 12.0, "mean_signal": 0.4}]
    return {"curve": curve, "standards": standards, "samples": samples, "qc": {"lloq": 5, "uloq": 320}}


# ---------------------------------------------------------------------------------------- log axes


@pytest.mark.parametrize(
    "low, high, expected",
    [
        (0.1, 1000, ["0.1", "1", "10", "100", "1000"]),
        (30, 2000, ["50", "100", "200", "500", "1000", "2000"]),
        (1e-5, 0.1, ["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"]),
        (5, 8, ["5", "6", "7", "8"]),
    ],
)
def test_log_axes_are_labelled_with_numbers_never_single_digits(low, high, expected):
    ticks = log_ticks(low, high)
    assert ticks["ticktext"] == expected
    assert ticks["tickmode"] == "array" and ticks["minor"]["dtick"] == "D1"  # unlabelled minor ticks
    assert tick_text(2e-4) == "2 × 10⁻⁴" and tick_text(250) == "250"
    assert log_axis(None, None) == {"type": "log", "automargin": True}


def test_the_standard_curve_names_its_axes_with_units_and_its_legend_with_n():
    points = [
        {"well": f"A{i}", "nominal": n, "signal": 0.05 * n, "excluded": i == 1, "token": f"7:A{i}"}
        for i, n in enumerate([320, 160, 80, 40, 5], 1)
    ]
    fig = figures.standard_curve_figure(
        _elisa_result(),
        points,
        title="Standard curve",
        unit="pg/mL",
        signal="OD450 − OD570, blank-subtracted",
    )
    go.Figure(fig)  # valid for plotly.js
    layout = fig["layout"]
    assert layout["xaxis"]["title"]["text"] == "Concentration (pg/mL)"
    assert layout["yaxis"]["title"]["text"] == "OD450 − OD570, blank-subtracted"
    assert layout["xaxis"]["type"] == "log" and layout["xaxis"]["tickmode"] == "array"
    assert layout["xaxis"]["ticktext"] == ["5", "10", "20", "50", "100", "200", "500"]
    assert _reads_as_numbers(layout["xaxis"])
    names = [t["name"] for t in fig["data"] if t.get("name")]
    assert "standard wells (n = 4)" in names and "excluded wells (n = 1)" in names
    assert "standard means (n = 10 levels)" in names and "samples (n = 1)" in names
    assert "4PL fit (n = 10 wells)" in names
    wells = next(t for t in fig["data"] if t["name"].startswith("standard wells"))
    assert wells["customdata"] == ["7:A2", "7:A3", "7:A4", "7:A5"]  # what a click excludes
    assert layout["xaxis"]["automargin"] and layout["yaxis"]["automargin"]


def test_a_loglog_curve_has_a_log_signal_axis_with_number_ticks():
    result = _elisa_result()
    result["curve"] = {"model": "loglog", "parameters": {"slope": 1.0, "intercept": -1.3}}
    points = [{"well": "A1", "nominal": 320, "signal": 16.0, "excluded": False}]
    points += [{"well": "A2", "nominal": 5, "signal": 0.25, "excluded": False}]
    fig = figures.standard_curve_figure(result, points, title="t", unit="ng/mL", signal="OD450")
    y = fig["layout"]["yaxis"]
    assert y["type"] == "log" and _reads_as_numbers(y)


def test_recovery_has_one_panel_per_plate_side_by_side():
    fig = figures.recovery_figure(_elisa_result(), plates=[(1, "Plate01"), (2, "Plate02")], unit="pg/mL")
    go.Figure(fig)
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert len(bars) == 2 and {b["xaxis"] for b in bars} == {"x", "x2"}
    x1, x2 = fig["layout"]["xaxis"]["domain"], fig["layout"]["xaxis2"]["domain"]
    assert x1[1] <= x2[0]  # side by side, not on top of each other
    assert fig["layout"]["yaxis2"]["matches"] == "y" or fig["layout"]["yaxis2"].get("showticklabels") is False
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert "Plate01 (n = 5 levels)" in titles and "Plate02 (n = 5 levels)" in titles
    assert fig["layout"]["xaxis"]["title"]["text"] == "Nominal (pg/mL)"
    assert fig["layout"]["xaxis"]["ticktext"] == ["5", "40", "80", "160", "320"]  # ascending nominal
    assert fig["layout"]["yaxis"]["title"]["text"] == "Back-calculated / nominal (%)"
    assert bars[0]["text"][0] == "125.0"  # the axis says %
    one = figures.recovery_figure(_elisa_result(), plates=[(1, "Plate01")], unit="pg/mL")
    assert len([t for t in one["data"] if t["type"] == "bar"]) == 1


def test_the_plate_heatmap_titles_its_colour_bar_and_can_write_values_in_wells():
    values = [[0.1234, None], [3.42, -1.07e-4]]
    flags = [[None, "saturated"], [None, None]]
    fig = figures.plate_heatmap(
        values, flags, title="t", unit="OD", tokens=[["A1", "A2"], ["B1", "B2"]], excluded={"B1"}
    )
    go.Figure(fig)
    heat = fig["data"][0]
    assert heat["colorbar"]["title"]["text"] == "OD"
    assert heat["texttemplate"] == "%{text}"  # a 4-well plate shows its values
    assert heat["text"] == [["0.123", ""], ["3.420", "0.000"]]  # as a plate reader writes an OD plate
    rlu = figures.plate_heatmap([[88535.0, 1.2e6], [2100.0, 309.0]], [[None] * 2] * 2, title="t", unit="RLU")
    assert rlu["data"][0]["text"] == [["88.5k", "1.2M"], ["2100", "309"]]
    assert heat["customdata"] == [["A1", "A2"], ["B1", "B2"]]
    labels = [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]]
    assert labels == ["Values in wells", "Colour only"]
    names = [t["name"] for t in fig["data"][1:]]
    assert names == ["saturated (n = 1)", "excluded (n = 1)"]
    big = figures.plate_heatmap([[1.0] * 24] * 16, [[None] * 24] * 16, title="384", unit="RLU")
    assert big["data"][0]["texttemplate"] == ""  # too small to read: colour only, a button away


def test_the_read_and_signal_are_named_as_a_paper_names_them():
    od450 = {"kind": "absorbance", "wavelength_nm": 450.0}
    od570 = {"kind": "absorbance", "wavelength_nm": 570.0}
    assert figures.signal_label(od450, od570, blank_subtracted=True) == "OD450 − OD570, blank-subtracted"
    assert figures.signal_label(od450) == "OD450"
    assert figures.signal_label({"kind": "luminescence"}) == "Luminescence (RLU)"
    assert figures.read_unit("fluorescence") == "RFU"


def _series(n_wells=3, n_times=5):
    axis = np.arange(n_times, dtype=float) * 60.0
    values = np.vstack([np.linspace(0.1, 0.1 + 0.2 * (w + 1), n_times) for w in range(n_wells)])
    return Series(axis=tuple(axis), wells=tuple(f"A{w + 1}" for w in range(n_wells)), values=values, flags={})


def test_the_kinetic_views_name_their_axes_and_a_well_has_its_own_trace():
    s = _series()
    traces = figures.series_traces_figure(s, mode="kinetic", title="every well", unit="OD")
    assert traces["layout"]["yaxis"]["title"]["text"] == "Signal (OD)"
    assert traces["layout"]["xaxis"]["title"]["text"] == "Time (min)"
    assert traces["data"][0]["name"] == "row A (n = 3 wells)"
    one = figures.well_trace_figure(s, "A2", mode="kinetic", unit="OD")
    assert one["data"][0]["y"] == pytest.approx(list(s.values[1]))
    assert one["data"][0]["x"] == pytest.approx([0, 1, 2, 3, 4])
    assert one["layout"]["title"]["text"] == "Well A2 (n = 5 time points)"
    assert figures.well_trace_figure(s, "H12", mode="kinetic") is None


# ----------------------------------------------------------------------------------- the run pages


def _bioassay_run(api):
    from tests.assays.factories import bioassay_run

    return api.get(f"/api/v1/runs/{bioassay_run(api).json()['run']}/").json()


def _cells(page: str, table_id: str) -> list[dict]:
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r'<tr data-curve="([^"]*)">(.*?)</tr>', table, re.S):
        params = {
            key: [re.sub(r"<[^>]+>", "", d).strip() for d in re.findall(r"<div[^>]*>(.*?)</div>", body, re.S)]
            for key, body in re.findall(r'data-param="([^"]+)">(.*?)</td>', row[1], re.S)
        }
        rows.append({"name": row[0], **params})
    return rows


def test_the_bioassay_page_tables_each_curves_parameters_with_cis_and_unit(browser_client, api):
    run = _bioassay_run(api)
    assert run["status"] == "succeeded", run["error"]
    page = browser_client.get(f"/assays/runs/{run['id']}/").content.decode()
    rows = {r["name"]: r for r in _cells(page, "curve-parameters")}
    stored = {c["sample"]: c for c in run["result"]["curves"]}
    assert set(rows) == set(stored) and len(rows) >= 3
    unit = next(s["unit"] for s in run["result"]["standards"] if s.get("unit"))
    for name, curve in stored.items():
        p, se = curve["parameters"], curve["standard_errors"]
        t = stats.t.ppf(0.975, curve["df"])
        row = rows[name]
        for key in ("bottom", "top", "hill_slope"):
            assert row[key][0] == formatting.quantity(p[key])
            lo, hi = p[key] - t * se[key], p[key] + t * se[key]
            assert row[key][1] == f"{formatting.quantity(lo)} – {formatting.quantity(hi)}", (name, key)
        assert row["ec50"][0] == formatting.quantity(p["ec50"], unit) and unit in row["ec50"][0]
        lo, hi = curve["ec50_ci95"]
        assert row["ec50"][1] == f"{formatting.quantity(lo)} – {formatting.quantity(hi, unit)}"
    figs = _figures(page)
    potency = next(f for f in figs.values() if any("reference" in (t.get("name") or "") for t in f["data"]))
    assert potency["layout"]["yaxis"]["title"]["text"] == "Fold induction over background"
    assert potency["layout"]["xaxis"]["title"]["text"] == f"Dose ({unit})"
    lines = [t for t in potency["data"] if t.get("mode") == "lines"]
    assert all(re.search(r", n = \d+ wells$", t["name"]) for t in lines)


def test_the_run_page_plate_map_is_clickable_and_crosses_out_excluded_wells(browser_client, api):
    from assays.models import AssayRun
    from tests.assays.factories import softmax_run

    run_id = softmax_run(api, name="x")
    browser_client.post(f"/assays/runs/{run_id}/", {"excluded_wells": "b1", "reason": "bubble"})
    assert AssayRun.objects.get(pk=run_id).versions.count() == 2
    page = browser_client.get(f"/assays/runs/{run_id}/").content.decode()
    assert page.count('data-exclude-into="excluded_wells"') == 2  # the curve and the plate map
    figs = _figures(page)
    plate_map = next(f for f in figs.values() if f["data"] and f["data"][0]["type"] == "heatmap")
    heat = plate_map["data"][0]
    assert heat["customdata"][0][0] == "A1" and heat["customdata"][1][0] == "B1"
    assert heat["colorbar"]["title"]["text"] == "OD"
    crossed = next(t for t in plate_map["data"][1:] if t["name"].startswith("excluded"))
    assert crossed["customdata"] == ["B1"]
    curve = next(f for f in figs.values() if f["layout"].get("xaxis", {}).get("type") == "log")
    assert curve["layout"]["yaxis"]["title"]["text"] == "OD450"  # LOGLOG: no reference, no blank
    assert 'id="curve-parameters"' not in page  # a log-log line has no Bottom, Top, Hill or EC50
