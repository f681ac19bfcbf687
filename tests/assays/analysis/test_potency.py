"""Reporter bioassay: fold induction, parallel-line relative potency, similarity."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from assays.analysis.curves import MODELS
from assays.analysis.potency import (
    DoseWell,
    PotencySettings,
    analyse_potency,
    fold_induction,
    relative_potency,
)

FOUR = MODELS["4PL"]
DOSES = np.repeat(100.0 / 2.5 ** np.arange(10)[::-1], 3)  # ng/mL, 10 doses x 3 replicates
REFERENCE = np.array([1.0, 25.0, 1.2, math.log10(5.0)])  # fold induction 1 -> 25, EC50 5 ng/mL


def curve(theta, seed, cv=0.02):
    rng = np.random.default_rng(seed)
    return FOUR.fn(DOSES, theta) * (1 + cv * rng.standard_normal(DOSES.size))


def test_it_recovers_a_known_relative_potency_of_two():
    test = REFERENCE.copy()
    test[3] = math.log10(2.5)  # twice as potent: EC50 halves
    est = relative_potency(DOSES, curve(REFERENCE, 1), DOSES, curve(test, 2))
    lo, hi = est.ci95
    assert lo < 2.0 < hi
    assert est.relative_potency == pytest.approx(2.0, rel=0.1)
    assert est.similar is True
    assert est.df == 2 * DOSES.size - 5
    # the CI is symmetric on the log scale, asymmetric on the RP scale
    assert math.log10(hi) - est.log10_rp == pytest.approx(est.log10_rp - math.log10(lo), rel=1e-9)
    assert hi - est.relative_potency > est.relative_potency - lo
    assert {e.parameter for e in est.equivalence} == {
        "upper_asymptote_difference",
        "lower_asymptote_difference",
        "slope_ratio",
    }
    assert est.f_test["p_value"] > 0.05
    json.dumps(est.to_dict(), allow_nan=False)


def test_it_covers_the_true_potency_at_about_the_nominal_rate():
    test = REFERENCE.copy()
    test[3] = math.log10(2.5)
    hits = 0
    for k in range(40):
        est = relative_potency(DOSES, curve(REFERENCE, 100 + k, 0.05), DOSES, curve(test, 200 + k, 0.05))
        hits += est.ci95[0] <= 2.0 <= est.ci95[1]
    assert hits >= 34  # 95 % nominal; binomial 40 draws


def test_it_finds_non_parallel_curves_dissimilar():
    steep = REFERENCE.copy()
    steep[2] = 2.2
    est = relative_potency(DOSES, curve(REFERENCE, 3), DOSES, curve(steep, 4))
    assert est.similar is False
    slope = next(e for e in est.equivalence if e.parameter == "slope_ratio")
    assert slope.passed is False and slope.estimate == pytest.approx(2.2 / 1.2, rel=0.15)
    assert est.f_test["p_value"] < 0.05
    legacy = relative_potency(
        DOSES, curve(REFERENCE, 3), DOSES, curve(steep, 4), settings=PotencySettings(similarity="f_test")
    )
    assert legacy.similar is False
    low_top = REFERENCE.copy()
    low_top[1] = 15.0
    est = relative_potency(DOSES, curve(REFERENCE, 5), DOSES, curve(low_top, 6))
    upper = next(e for e in est.equivalence if e.parameter == "upper_asymptote_difference")
    assert upper.passed is False and est.similar is False


def test_it_computes_fold_induction_over_untreated_minus_background():
    fi = fold_induction([1100.0, 5100.0], untreated=[600.0, 600.0], background=[100.0, 100.0])
    np.testing.assert_allclose(fi, [2.0, 10.0])
    np.testing.assert_allclose(fold_induction([1200.0], untreated=[600.0]), [2.0])
    with pytest.raises(ValueError):
        fold_induction([1.0], untreated=[])


def _plate():
    background, untreated = 200.0, 1200.0
    wells = []
    n = 0

    def rlu(fold):
        return background + fold * (untreated - background)

    def add(role, value, **kw):
        nonlocal n
        well = f"{'ABCDEFGHIJKLMNOP'[n // 24]}{n % 24 + 1}"
        n += 1
        wells.append(DoseWell(well=well, role=role, value=float(value), unit="ng/mL", **kw))

    tests = {"LOT-A": 2.0, "LOT-B": 0.5}
    for dose, y in zip(DOSES, curve(REFERENCE, 10), strict=True):
        add("standard", rlu(y), dose=dose, sample="RS-1")
    for seed, (name, rp) in enumerate(tests.items(), start=11):
        theta = REFERENCE.copy()
        theta[3] -= math.log10(rp)
        for dose, y in zip(DOSES, curve(theta, seed), strict=True):
            add("sample", rlu(y), dose=dose, sample=name)
    rng = np.random.default_rng(0)
    for _ in range(8):
        add("negative_control", untreated * (1 + 0.03 * rng.standard_normal()))
        add("positive_control", rlu(25.0) * (1 + 0.03 * rng.standard_normal()))
        add("blank", background * (1 + 0.03 * rng.standard_normal()))
    return wells, tests


def test_it_analyses_a_bioassay_plate_end_to_end():
    wells, tests = _plate()
    res = analyse_potency(wells, PotencySettings(rows=16, columns=24))
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert {"curve", "standards", "samples", "qc", "curves", "potency", "analysis_version"} <= set(d)
    assert [(c["sample"], c["role"]) for c in d["curves"]] == [
        ("RS-1", "reference"),
        ("LOT-A", "test"),
        ("LOT-B", "test"),
    ]
    assert d["qc"]["response"] == "fold_induction"
    assert d["qc"]["z_prime"] > 0.5 and d["qc"]["accepted"], d["qc"]["reasons"]
    assert res.reference.parameters["top"] == pytest.approx(25.0, rel=0.05)  # fold induction scale
    for p in d["potency"]:
        assert set(p) >= {"sample", "reference", "relative_potency", "ci95", "similar"}
        assert p["reference"] == "RS-1"
        true_rp = tests[p["sample"]]
        assert p["ci95"][0] < true_rp < p["ci95"][1]
        assert p["similar"] is True
    assert len(d["standards"]) == 10 and d["standards"][0]["nominal"] == pytest.approx(DOSES[0])
    assert len(d["samples"]) == 20 and d["samples"][0]["dose"] == pytest.approx(DOSES[0])


def test_it_reports_a_missing_reference_without_crashing():
    wells, _ = _plate()
    res = analyse_potency([w for w in wells if w.role != "standard"])
    assert res.reference is None and res.potency == ()
    assert not res.qc["accepted"] and "no reference standard wells" in res.qc["reasons"]
    json.dumps(res.to_dict(), allow_nan=False)


def test_it_reads_potency_settings():
    s = PotencySettings.from_dict(
        {"weighting": "1/y2", "slope_ratio_margin": [0.7, 1.43], "blank_subtraction": False}
    )
    assert s.weighting == "1/y2" and s.slope_ratio_margin == (0.7, 1.43) and not s.background_subtraction
    with pytest.raises(ValueError):
        PotencySettings.from_dict({"model": "5PL"})
    with pytest.raises(ValueError):
        PotencySettings.from_dict({"similarity": "eyeball"})


def test_it_withholds_every_number_derived_from_a_relative_potency_it_withholds():
    """A test curve 10^4 times less potent than the reference: the parallel fit stops on its bound, so
    RP is withheld -- and with it its log, SE, CI and the EC50s from which RP = EC50_ref / EC50_test."""
    far = REFERENCE.copy()
    far[3] = math.log10(5.0) + 4.0
    est = relative_potency(DOSES, curve(REFERENCE, 1), DOSES, curve(far, 2))
    assert "parameter_at_bound" in est.flags
    assert est.relative_potency is None and est.ci95 is None
    assert est.log10_rp is None and est.se_log10_rp is None
    d = est.to_dict()
    for key in ("relative_potency", "ci95", "log10_rp", "se_log10_rp"):
        assert d[key] is None, key
    assert d["parallel_fit"].get("ec50_test") is None and d["parallel_fit"].get("ec50_reference") is None
    assert d["withheld"]  # says why, in words
    near = REFERENCE.copy()
    near[3] = math.log10(2.5)
    kept = relative_potency(DOSES, curve(REFERENCE, 1), DOSES, curve(near, 2)).to_dict()
    assert kept["log10_rp"] == pytest.approx(math.log10(kept["relative_potency"]), rel=1e-12)
    assert kept["parallel_fit"]["ec50_reference"] / kept["parallel_fit"]["ec50_test"] == pytest.approx(
        kept["relative_potency"], rel=1e-9
    )
    assert kept.get("withheld") is None
