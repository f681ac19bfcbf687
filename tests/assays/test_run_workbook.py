"""The run XLSX a reviewer opens: its sheets, names (plate names, words), numbers (numbers, full
precision without binary noise, with display formats) checked against the stored result."""

import csv
import io
import math

import pytest
from openpyxl import load_workbook
from scipy import stats

from assays.models import AssayRun, RunResult
from il2portal.spreadsheets import significant_format, tidy_number
from tests.assays.factories import bioassay_run, softmax_run
from tests.assays.test_run_pages import _tcell_run

pytestmark = pytest.mark.django_db

SHEETS = [
    "Parameters",
    "Standards",
    "QC",
    "QC wells",
    "Samples",
    "Sample wells",
    "Acceptance",
    "Settings",
    "Versions",
    "Signatures",
]


def _book(client, run_id, version=""):
    response = client.get(
        f"/assays/runs/{run_id}/results.xlsx{'?version=' + str(version) if version else ''}"
    )
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _records(sheet) -> list[dict]:
    """Each row as {header: cell}, the header being the first row."""
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def _numeric_cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    yield sheet.title, cell


def test_tidy_number_removes_binary_noise_and_keeps_every_real_digit():
    assert tidy_number(0.009675000000000003) == 0.009675
    assert repr(tidy_number(2.5187000000000004)) == "2.5187"
    assert tidy_number(0.1 + 0.2) == 0.3
    assert tidy_number(204.0794893798991) == pytest.approx(204.0794893798991, rel=1e-14)
    assert tidy_number(1 / 3) == 0.333333333333333  # 15 significant digits
    assert tidy_number(-1.5e-300) == -1.5e-300
    assert tidy_number(7) == 7 and tidy_number("x") == "x" and tidy_number(None) is None
    assert math.isinf(tidy_number(math.inf)) and math.isnan(tidy_number(math.nan))


@pytest.mark.parametrize(
    ("value", "fmt"),
    [
        (1.234, "0.000"),
        (0.01234, "0.00000"),
        (204.08, "0.0"),
        (1234.5, "0"),
        (0.0001234, "0.000E+00"),
        (2.5e7, "0.000E+00"),
        (-0.5, "0.0000"),
        (14, "0"),
        (0.0, "0"),
    ],
)
def test_significant_format_shows_four_figures(value, fmt):
    assert significant_format(value) == fmt


def test_the_elisa_workbook_has_a_reviewers_sheets_with_numbers_formats_and_names(browser_client, api):
    run, _ = _tcell_run(api, settings={"model": "5PL", "weighting": "1/y2"})
    result = RunResult.objects.get(run_id=run["id"]).result
    plate_name = result["plates"][0]["name"]
    book = _book(browser_client, run["id"])
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(sheet.column_dimensions[c].width >= 6 for c in "ABC"), sheet.title

    # every number is a number, tidy (no binary noise), and carries a display format
    cells = list(_numeric_cells(book))
    assert len(cells) > 100
    for title, cell in cells:
        if isinstance(cell.value, float):
            assert float(f"{cell.value:.15g}") == cell.value, (title, cell.coordinate, cell.value)
        if title not in ("Settings",):
            assert cell.number_format != "General" or title in ("QC", "Samples", "Sample wells"), (
                title,
                cell.coordinate,
            )
    noisy = [s["mean_signal"] for s in result["standards"] + result["samples"] if s.get("mean_signal")]
    assert any(repr(v) != repr(float(f"{v:.15g}")) for v in noisy)  # the stored result has the noise

    # Parameters: Bottom, Top, Hill slope, EC50 with SE, 95 % CI and unit, as stored
    fit = result["curve"]
    params = {r["Parameter"].value: r for r in _records(book["Parameters"])}
    assert {"Bottom", "Top", "Hill slope", "EC50", "log10 EC50", "R²"} <= set(params)
    assert "Asymmetry (S)" not in params  # the 4PL was fitted (the 5PL was not justified)
    t = stats.t.ppf(0.975, fit["df"])
    for label, key in (("Bottom", "bottom"), ("Top", "top"), ("Hill slope", "hill_slope")):
        row = params[label]
        est, se = fit["parameters"][key], fit["standard_errors"][key]
        assert row["Estimate"].value == pytest.approx(est, rel=1e-14)
        assert row["SE"].value == pytest.approx(se, rel=1e-14)
        assert row["95 % CI low"].value == pytest.approx(est - t * se, rel=1e-12)
        assert row["95 % CI high"].value == pytest.approx(est + t * se, rel=1e-12)
        assert row["Plate"].value == plate_name
    ec50 = params["EC50"]
    assert ec50["Unit"].value == "pg/mL" and ec50["Estimate"].number_format == "0.0"
    assert (ec50["95 % CI low"].value, ec50["95 % CI high"].value) == pytest.approx(
        fit["ec50_ci95"], rel=1e-14
    )
    log_se = fit["standard_errors"]["log_ec50"]
    assert ec50["95 % CI low"].value == pytest.approx(
        10 ** (fit["parameters"]["log_ec50"] - t * log_se), rel=1e-9
    )
    assert "5PL requested, 4PL fitted" in params["Fit notes"]["Note"].value

    # Standards: nominal, measured signal, back-calculated, % recovery, pass/fail; plate NAME
    standards = _records(book["Standards"])
    assert len(standards) == len(result["standards"])
    for row, stored in zip(standards, result["standards"], strict=True):
        assert row["Plate"].value == plate_name and row["Plate"].value != stored["plate"]
        assert row["Nominal (pg/mL)"].value == stored["nominal"]
        assert row["Measured: Signal (blank-subtracted), mean"].value == pytest.approx(
            stored["mean_signal"], rel=1e-14
        )
        assert row["Back-calculated (pg/mL)"].value == pytest.approx(stored["back_calculated"], rel=1e-14)
        assert row["Recovery (% of nominal)"].value == pytest.approx(stored["recovery_pct"], rel=1e-14)
        assert row["Recovery (% of nominal)"].number_format == "0.0"
        assert row["Pass/fail"].value == ("pass" if stored["passed"] else "fail")
    s2 = next(r for r in standards if r["Standard"].value == "S2")
    assert repr(s2["Measured: Signal (blank-subtracted), mean"].value) == "2.3998"

    # QC: levels, expected, found, % recovery, pass/fail
    qc = _records(book["QC"])
    assert [r["Level"].value for r in qc] == ["QC-L", "QC-M", "QC-H"]
    for row, stored in zip(qc, result["qcs"], strict=True):
        assert row["Expected (pg/mL)"].value == stored["nominal"]
        assert row["Found (pg/mL)"].value == pytest.approx(stored["back_calculated"], rel=1e-14)
        assert row["Recovery (% of expected)"].value == pytest.approx(100 + stored["bias_pct"], rel=1e-12)
        assert row["Pass/fail"].value == "pass"

    # Samples: plate name, wells, dilution, signal, concentration, flags in words
    samples = {r["Sample"].value: r for r in _records(book["Samples"])}
    assert set(samples) == {s["sample"] for s in result["samples"]}
    low = samples["unstimulated"]
    assert low["Plate"].value == plate_name and low["Wells"].value == "A3 A4 A5"
    assert low["Dilution factor"].value == 2
    assert low["Flags"].value.startswith("< LLOQ") and "below_range" not in low["Flags"].value
    assert low["Concentration × dilution (pg/mL)"].value is None
    stored = next(s for s in result["samples"] if s["sample"] == "anti-CD3")
    cell = samples["anti-CD3"]["Concentration × dilution (pg/mL)"]
    assert isinstance(cell.value, float) and cell.value == pytest.approx(
        stored["reported_concentration"], rel=1e-14
    )
    assert cell.number_format == "0.0"
    assert "Group" not in samples["anti-CD3"]  # "anti-CD3@2" is not a name a scientist gave
    assert len(_records(book["Sample wells"])) == sum(len(s["replicates"]) for s in result["samples"])

    # Acceptance: each criterion with value, limit, pass/fail
    acceptance = {r["Criterion"].value: r for r in _records(book["Acceptance"])}
    levels = acceptance["Calibration levels passing"]
    assert (
        levels["Value"].value == 7 and levels["Limit"].value == "≥ 6" and levels["Pass/fail"].value == "pass"
    )
    qc_all = acceptance["QC wells within ±20 % of nominal"]
    assert qc_all["Value"].value == 100.0 and qc_all["Note"].value == "6 of 6 wells"
    assert acceptance["Run accepted"]["Pass/fail"].value == "pass"
    assert acceptance["LLOQ (from passing standards)"]["Value"].value == result["qc"]["lloq"]

    # Settings in words, every setting
    settings = {r["Setting"].value: r["Value"].value for r in _records(book["Settings"])}
    assert settings["Weighting"] == "1/Y² (relative weighting, squared)"
    assert settings["Curve model requested"] == "5-parameter logistic (5PL)"
    assert settings["Curve model fitted"] == "4-parameter logistic (4PL)"
    assert settings["Plates"] == plate_name
    assert settings["Minimum calibration levels"] == 6
    assert settings["Model choice"].startswith("4PL fitted: 5PL requested")
    texts = " ".join(
        str(c.value)
        for s in book.worksheets
        if s.title != "Settings"
        for r in s.iter_rows()
        for c in r
        if c.value is not None
    )
    for token in ("below_range", "1/y2", "5pl_not_justified", "None"):
        assert token not in texts, token


def test_the_workbook_lists_every_version_and_exports_the_one_asked_for(browser_client, api):
    run_id = softmax_run(api, plates=2)
    browser_client.post(f"/assays/runs/{run_id}/", {"excluded_wells": "A1", "reason": "bubble in A1"})
    book = _book(browser_client, run_id)
    versions = _records(book["Versions"])
    assert [v["Version"].value for v in versions] == [1, 2]
    assert [v["Reason"].value for v in versions] == ["first analysis", "bubble in A1"]
    assert [v["Excluded wells"].value for v in versions] == [None, "A1"]
    assert all(v["By"].value == "alice" and v["Accepted"].value == "accepted" for v in versions)
    assert (
        versions[1]["Analysis version"].value
        == RunResult.objects.get(run_id=run_id, version=2).analysis_version
    )
    settings = {r["Setting"].value: r["Value"].value for r in _records(book["Settings"])}
    assert settings["Version exported"] == 2 and settings["Excluded wells"] == "A1"
    assert settings["Plates"] == "Plate01, Plate02" and settings["Weighting"] == "none (equal weights)"
    # two plates, each its own curve: parameters and acceptance per plate, by name
    params = _records(book["Parameters"])
    assert {r["Plate"].value for r in params} == {"Plate01", "Plate02"}
    assert {r["Parameter"].value for r in params} >= {"Slope", "Intercept", "R²"}
    assert {r["Plate"].value for r in _records(book["Acceptance"])} == {"Plate01", "Plate02", "run"}
    assert {r["Plate"].value for r in _records(book["Samples"])} == {"Plate01", "Plate02"}
    old = _book(browser_client, run_id, version=1)
    assert {r["Setting"].value: r["Value"].value for r in _records(old["Settings"])}["Version exported"] == 1
    # the CSV keeps its columns (plate id) and adds the plate's name; numbers at full precision
    rows = list(
        csv.DictReader(io.StringIO(browser_client.get(f"/assays/runs/{run_id}/results.csv").content.decode()))
    )
    result = RunResult.objects.get(run_id=run_id, version=2).result
    assert {r["plate_name"] for r in rows} == {"Plate01", "Plate02"}
    assert {int(r["plate"]) for r in rows} == set(
        AssayRun.objects.get(pk=run_id).plates.values_list("pk", flat=True)
    )
    stored = result["samples"][0]
    assert float(rows[0]["reported_concentration"]) == pytest.approx(
        stored["reported_concentration"], rel=1e-14
    )


def test_the_bioassay_workbook_has_each_curve_and_the_relative_potency_with_its_ci(browser_client, api):
    run_id = bioassay_run(api).json()["run"]
    result = RunResult.objects.get(run_id=run_id).result
    book = _book(browser_client, run_id)
    assert {"Parameters", "Standards", "Samples", "Acceptance", "Settings", "Versions"} <= set(
        book.sheetnames
    )
    params = _records(book["Parameters"])
    curves = {r["Curve"].value for r in params if r["Parameter"].value == "EC50"}
    assert curves == {f"{c['sample']} ({c['role']})" for c in result["curves"]}
    for stored in result["potency"]:
        row = next(r for r in params if r["Curve"].value == f"{stored['sample']} vs {stored['reference']}")
        assert row["Parameter"].value == "Relative potency"
        assert row["Estimate"].value == pytest.approx(stored["relative_potency"], rel=1e-14)
        assert (row["95 % CI low"].value, row["95 % CI high"].value) == pytest.approx(
            stored["ci95"], rel=1e-14
        )
        assert row["Plate"].value == "bioassay"
    assert params[0]["Unit"].value == "fold induction"  # Bottom of the reference curve: the response unit
    acceptance = {r["Criterion"].value: r for r in _records(book["Acceptance"])}
    assert acceptance["Z′ (assay window)"]["Value"].value == pytest.approx(result["qc"]["z_prime"], rel=1e-14)
    assert acceptance["Z′ (assay window)"]["Value"].number_format == "0.000"
    settings = {r["Setting"].value for r in _records(book["Settings"])}
    assert "Z′ at least" in settings and "Minimum calibration levels" not in settings
