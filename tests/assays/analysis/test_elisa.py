"""The ELISA plate pipeline on a simulated IL-2 plate with known answers."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from assays.analysis import ANALYSIS_VERSION
from assays.analysis.curves import MODELS
from assays.analysis.elisa import ElisaSettings, WellSignal, analyse_elisa, standard_signals

TRUTH = [0.0, 2.9, 1.1, np.log10(300.0)]  # blank-subtracted OD450 vs pg/mL
BLANK = 0.06  # plate background at 450 nm
REF = 0.045  # OD570 reference reading
STANDARDS = [1000.0 / 2**i for i in range(8)]  # 1000 .. 7.8125 pg/mL


def od(conc):
    return float(MODELS["4PL"].fn(np.asarray([conc]), TRUTH)[0])


def inverse(signal):
    b, t, h, lm = TRUTH
    return 10**lm * ((signal - b) / (t - signal)) ** (1 / h)


def plate(noise=0.0, seed=0):
    rng = np.random.default_rng(seed)
    wells = []

    def add(well, role, conc_signal, **kw):
        value = conc_signal + BLANK + REF + noise * rng.standard_normal()
        wells.append(WellSignal(well=well, role=role, value=value, reference=REF, unit="pg/mL", **kw))

    for i, c in enumerate(STANDARDS):
        for col in (1, 2):
            add(f"{'ABCDEFGH'[i]}{col}", "standard", od(c), group=f"STD{i + 1}", nominal=c)
    for col in (3, 4):
        add(f"A{col}", "standard", 0.0, group="STD0", nominal=0.0)  # zero standard = blank
        add(f"B{col}", "blank", 0.0, group="BLK")
    # samples: in range at DF 2, below range, above range, high CV
    for col in (5, 6):
        add(f"A{col}", "sample", od(150.0), sample="S1", group="S1 1:2", dilution_factor=2.0)
        add(f"B{col}", "sample", od(1.0), sample="S2", group="S2 1:1", dilution_factor=1.0)
        add(f"C{col}", "sample", 2.85, sample="S3", group="S3 1:10", dilution_factor=10.0)
    add("D5", "sample", od(200.0) * 0.7, sample="S4", group="S4", dilution_factor=1.0)
    add("D6", "sample", od(200.0) * 1.3, sample="S4", group="S4", dilution_factor=1.0)
    # a masked well and an excluded well are ignored
    s1 = {"sample": "S1", "group": "S1 1:2", "dilution_factor": 2.0}
    wells.append(WellSignal(well="E5", role="sample", value=None, flag="masked", **s1))
    wells.append(WellSignal(well="E6", role="sample", value=99.0, excluded=True, **s1))
    # QCs
    for row, c in zip("FGH", (20.0, 200.0, 800.0), strict=True):
        for col in (5, 6):
            add(f"{row}{col}", "qc", od(c), group=f"QC{c:g}", nominal=c)
    return wells


@pytest.fixture(scope="module")
def result():
    return analyse_elisa(plate(), {"model": "4PL", "weighting": "1/y2", "reference_wavelength_nm": 570})


def test_it_returns_the_api_run_result_shape(result):
    d = result.to_dict()
    assert {"curve", "standards", "samples", "qc", "analysis_version"} <= set(d)
    assert d["analysis_version"] == ANALYSIS_VERSION
    assert {"group", "nominal", "unit", "wells", "mean_signal", "cv_pct", "back_calculated", "recovery_pct",
            "passed"} <= set(d["standards"][0])  # fmt: skip
    assert {"sample", "group", "dilution_factor", "wells", "mean_signal", "cv_pct", "concentration",
            "reported_concentration", "unit", "flag"} <= set(d["samples"][0])  # fmt: skip
    assert {"z_prime", "signal_to_background", "standards_passed_pct", "accepted", "reasons"} <= set(d["qc"])
    json.dumps(d, allow_nan=False)


def test_it_subtracts_reference_and_blank_and_keeps_the_zero_standard_out_of_the_fit(result):
    assert result.qc.blank_mean == pytest.approx(BLANK)
    assert result.curve.n == 16  # 8 non-zero levels x 2; the zero standard is a blank
    zero = result.standards[0]
    assert zero.nominal == 0.0 and zero.passed is None and zero.back_calculated is None
    assert zero.mean_signal == pytest.approx(0.0, abs=1e-12)
    assert result.curve.weighting == "1/y2"
    p = result.curve.parameters
    assert p["ec50"] == pytest.approx(300.0, rel=1e-6) and p["hill_slope"] == pytest.approx(1.1, rel=1e-6)


def test_it_back_calculates_standards_and_accepts_the_run(result):
    for row in result.standards[1:]:
        assert row.passed is True
        assert row.recovery_pct == pytest.approx(100.0, abs=1e-4)
    assert result.qc.standards_passed_pct == 100.0
    assert (result.qc.lloq, result.qc.uloq) == (STANDARDS[-1], STANDARDS[0])
    assert result.qc.accepted, result.qc.reasons
    assert result.qc.qc_samples.accepted


def test_it_reports_sample_concentrations_with_dilution_and_range_flags(result):
    rows = {r.sample: r for r in result.samples}
    s1 = rows["S1"]
    assert s1.wells == ("A5", "A6")  # masked and excluded wells left out
    assert s1.concentration == pytest.approx(150.0, rel=1e-6)
    assert s1.reported_concentration == pytest.approx(300.0, rel=1e-6)
    assert s1.flag is None and s1.unit == "pg/mL"
    assert s1.lloq == pytest.approx(2 * STANDARDS[-1]) and s1.uloq == pytest.approx(2000.0)
    s2 = rows["S2"]
    assert s2.flag == "below_range" and s2.concentration is None and s2.reported_concentration is None
    s3 = rows["S3"]
    assert s3.flag == "above_range" and s3.concentration is None
    assert [r["sample"] for r in result.reassay] == ["S3"]
    s4 = rows["S4"]
    assert s4.flag == "high_cv" and s4.concentration is not None and s4.cv_pct > 20


def test_it_rejects_a_run_whose_standards_fail():
    wells = plate()
    bad = [
        WellSignal(w.well, w.role, w.value * 1.6, w.group, w.nominal, w.unit, reference=w.reference)
        if w.role == "standard" and w.nominal in (125.0, 250.0, 62.5)
        else w
        for w in wells
    ]
    res = analyse_elisa(bad, ElisaSettings(weighting="none"))
    assert not res.qc.accepted
    assert "only 4 calibration level(s) pass; at least 6 must" in res.qc.reasons
    assert "4 of 8 standards pass (50 %); at least 75 % must" in res.qc.reasons


def test_it_reports_a_failed_curve_instead_of_crashing():
    wells = [
        WellSignal(f"A{i}", "standard", 0.5, group=f"S{i}", nominal=float(2**i)) for i in range(1, 8)
    ] + [WellSignal("B1", "sample", 0.5, sample="X")]
    res = analyse_elisa(wells)
    assert res.curve is None and not res.qc.accepted
    assert any("could not be fitted" in r for r in res.qc.reasons)
    assert res.samples[0].flag == "no_curve" and res.samples[0].concentration is None
    json.dumps(res.to_dict(), allow_nan=False)


def test_it_rejects_an_unknown_role_or_a_negative_nominal():
    with pytest.raises(ValueError, match="role"):
        analyse_elisa([WellSignal("A1", "calibrator", 1.0)])
    with pytest.raises(ValueError, match="negative"):
        analyse_elisa([WellSignal("A1", "standard", 1.0, nominal=-1.0)])


def test_it_computes_z_prime_from_controls_when_present():
    wells = (
        plate()
        + [
            WellSignal(f"H{c}", "positive_control", v)
            for c, v in zip((7, 8, 9), (2.5, 2.6, 2.55), strict=True)
        ]
        + [
            WellSignal(f"G{c}", "negative_control", v)
            for c, v in zip((7, 8, 9), (0.1, 0.11, 0.09), strict=True)
        ]
    )
    res = analyse_elisa(wells, {"weighting": "none"})
    assert res.qc.z_prime == pytest.approx(1 - 3 * (0.05 + 0.01) / 2.45, rel=1e-9)
    assert res.qc.signal_to_background == pytest.approx(2.55 / 0.1)


def test_it_reads_run_settings():
    s = ElisaSettings.from_dict(
        {"model": "loglog", "acceptance": {"min_levels": 5}, "blank_subtraction": "none"}
    )
    assert s.weighting == "none" and s.acceptance.min_levels == 5 and not s.blank_subtraction
    assert ElisaSettings.from_dict(None).weighting == "1/y2"  # DOMAIN default for immunoassays
    with pytest.raises(ValueError):
        ElisaSettings.from_dict({"fit_on": "medians"})
    with pytest.raises(ValueError):
        ElisaSettings(model="loglog", weighting="1/y2")


def test_it_keeps_the_4pl_when_the_5pl_is_not_justified():
    """DOMAIN.md §3: the 5PL only with >= 6 levels and a better fit; a symmetric curve stays 4PL."""
    from assays.analysis.elisa import WellSignal, analyse_elisa

    wells = []
    for level in range(8):
        conc = 1000 / 2**level
        signal = 0.05 + (3.0 - 0.05) / (1 + (150 / conc) ** 1.2)
        for rep, noise in enumerate((0.99, 1.01)):
            wells.append(
                WellSignal(
                    well=f"{'ABCDEFGH'[level]}{rep + 1}",
                    role="standard",
                    value=signal * noise,
                    group=f"S{level}",
                    nominal=conc,
                )
            )
    result = analyse_elisa(wells, {"model": "5PL", "weighting": "none", "blank_subtraction": False}).to_dict()
    assert result["curve"]["model"] == "4PL"
    assert "5pl_not_justified" in result["curve"]["flags"]


def _five_pl_fallback_plate(levels: int = 8):
    wells = []
    for level in range(levels):
        conc = 1000 / 2**level
        signal = 0.05 + (3.0 - 0.05) / (1 + (150 / conc) ** 1.2)
        for rep, noise in enumerate((0.99, 1.01)):
            wells.append(
                WellSignal(
                    well=f"{'ABCDEFGH'[level]}{rep + 1}",
                    role="standard",
                    value=signal * noise,
                    group=f"S{level}",
                    nominal=conc,
                )
            )
    return wells


def test_it_says_in_words_what_it_fitted_when_a_requested_5pl_is_not_justified():
    settings = {"model": "5PL", "weighting": "none", "blank_subtraction": False}
    d = analyse_elisa(_five_pl_fallback_plate(), settings).to_dict()
    sel = d["model_selection"]
    assert (sel["requested"], sel["fitted"]) == ("5PL", "4PL") and d["curve"]["model"] == "4PL"
    assert 0.05 <= sel["p_value"] <= 1 and sel["f_statistic"] is not None
    assert sel["summary"] == (
        "4PL fitted: 5PL requested, but the 5PL does not fit significantly better "
        "(extra-sum-of-squares F test p ≥ 0.05)"
    )
    few = analyse_elisa(_five_pl_fallback_plate(levels=5), {**settings, "acceptance": {"min_levels": 5}})
    sel = few.to_dict()["model_selection"]
    assert sel["fitted"] == "4PL" and sel["p_value"] is None
    assert (
        sel["summary"]
        == "4PL fitted: 5PL requested, but a 5PL needs at least 6 concentration levels (5 here)"
    )
    plain = analyse_elisa(_five_pl_fallback_plate(), {**settings, "model": "4PL"}).to_dict()
    assert plain["model_selection"]["summary"] == "4PL fitted, as requested"


def test_it_judges_every_qc_well_and_reports_each_level():
    """QC-L/M/H in duplicate are six QC results (ICH M10: >= 2/3 pass and >= 50 % at each level)."""
    d = analyse_elisa(plate(), {"model": "4PL", "weighting": "1/y2"}).to_dict()
    levels = d["qcs"]
    assert [lv["nominal"] for lv in levels] == [20.0, 200.0, 800.0]
    for lv in levels:
        assert len(lv["wells"]) == 2 and lv["n"] == 2 and lv["n_passed"] == 2 and lv["passed"] is True
        assert lv["back_calculated"] == pytest.approx(lv["nominal"], rel=1e-6)
        assert lv["bias_pct"] == pytest.approx(0.0, abs=1e-4)
        assert lv["mean_signal"] == pytest.approx(od(lv["nominal"]), rel=1e-9)
        assert [r["well"] for r in lv["results"]] == lv["wells"]
    assert d["qc"]["qc_samples"]["n"] == 6 and d["qc"]["qc_samples"]["n_passed"] == 6
    assert d["qc"]["qc_samples"]["accepted"] is True


def test_it_rejects_a_run_whose_qc_level_fails_and_names_it():
    wells = []
    for w in plate():
        if w.role == "qc" and w.nominal == 800.0:
            w = WellSignal(w.well, w.role, od(1100.0) + BLANK + REF, w.group, w.nominal, reference=REF)
        if w.role == "qc" and w.well == "F5":  # one of the two QC-L wells fails too
            w = WellSignal(w.well, w.role, od(30.0) + BLANK + REF, w.group, w.nominal, reference=REF)
        wells.append(w)
    d = analyse_elisa(wells, {"model": "4PL", "weighting": "1/y2"}).to_dict()
    by = {lv["nominal"]: lv for lv in d["qcs"]}
    assert (by[800.0]["n_passed"], by[800.0]["passed"]) == (0, False)
    assert by[800.0]["bias_pct"] == pytest.approx(37.5, rel=1e-6)
    assert (by[20.0]["n_passed"], by[20.0]["passed"]) == (1, True)  # 1 of 2 = 50 %: the level passes
    f5 = next(r for r in by[20.0]["results"] if r["well"] == "F5")
    assert f5["back_calculated"] == pytest.approx(30.0, rel=1e-6) and f5["passed"] is False
    qc = d["qc"]
    assert (qc["qc_samples"]["n"], qc["qc_samples"]["n_passed"]) == (6, 3)
    assert not qc["accepted"]
    assert "3 of 6 QCs pass (50 %); at least 67 % must" in qc["reasons"]
    assert "QC level 800 pg/mL: 0 of 2 pass; at least 50 % must" in qc["reasons"]


def test_it_keeps_qc_levels_apart_when_they_share_a_group_name():
    wells = [
        WellSignal(w.well, w.role, w.value, "QC", w.nominal, w.unit, reference=w.reference)
        if w.role == "qc"
        else w
        for w in plate()
    ]
    d = analyse_elisa(wells, {"model": "4PL", "weighting": "1/y2"}).to_dict()
    assert [(lv["nominal"], len(lv["wells"])) for lv in d["qcs"]] == [(20.0, 2), (200.0, 2), (800.0, 2)]


def test_it_reports_each_sample_wells_back_calculated_concentration_and_their_sd():
    """The spread a time course needs: every replicate well back-calculated, x dilution, and their SD."""
    import statistics

    d = analyse_elisa(plate(noise=0.02, seed=3), {"model": "4PL", "weighting": "1/y2"}).to_dict()
    s1 = next(s for s in d["samples"] if s["sample"] == "S1")
    p = d["curve"]["parameters"]
    blank = d["qc"]["blank_mean"]
    by_well = {w.well: w for w in plate(noise=0.02, seed=3)}
    hand = []
    for r in s1["replicates"]:
        w = by_well[r["well"]]
        y = w.value - w.reference - blank
        x = p["ec50"] * ((y - p["bottom"]) / (p["top"] - y)) ** (1 / p["hill_slope"])
        hand.append(2.0 * x)
        assert r["concentration"] == pytest.approx(2.0 * x, rel=1e-9)
    assert [r["well"] for r in s1["replicates"]] == ["A5", "A6"]
    assert s1["sd_concentration"] == pytest.approx(statistics.stdev(hand), rel=1e-9)
    assert s1["sd_concentration"] > 0 and s1["n_quantified"] == 2


def test_the_standard_signals_are_the_ones_the_curve_is_fitted_to():
    """What the standard-curve figure plots (standard_signals) is computed with the analysis's own
    subtraction: each level's mean is the level's mean_signal in the result, excluded wells marked."""
    wells = [replace(w, excluded=True) if w.well in ("A1", "B3") else w for w in plate(noise=0.01, seed=4)]
    settings = {"model": "4PL", "weighting": "1/y2"}
    points = standard_signals(wells, settings)
    assert {p["well"] for p in points} == {w.well for w in wells if w.role == "standard" and w.nominal}
    assert [p["well"] for p in points if p["excluded"]] == ["A1"]
    blank = np.mean([w.value - w.reference for w in wells if w.well in ("A3", "A4", "B4")])  # B3 excluded
    a2 = next(w for w in wells if w.well == "A2")
    assert next(p for p in points if p["well"] == "A2")["signal"] == pytest.approx(a2.value - REF - blank)
    levels = {s.nominal: s.mean_signal for s in analyse_elisa(wells, settings).standards if s.nominal}
    for nominal, mean in levels.items():
        used = [p["signal"] for p in points if p["nominal"] == nominal and not p["excluded"]]
        assert np.mean(used) == pytest.approx(mean, rel=1e-12)
    no_blank = standard_signals(wells, {**settings, "blank_subtraction": False})
    assert next(p for p in no_blank if p["well"] == "A2")["signal"] == pytest.approx(a2.value - REF)
