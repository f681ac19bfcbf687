"""Curve fits reproduce published / instrument reference answers (tests/refdata/README.md, doseresponse/)."""

from __future__ import annotations

import math

import pytest

from assays.analysis.curves import fit_curve

from ._refdata import read_refdata


def _xy(rows, xcol, ycol):
    return [float(r[xcol]) for r in rows], [float(r[ycol]) for r in rows]


@pytest.fixture(scope="module")
def ryegrass():
    x, y = _xy(read_refdata("drc_ryegrass.csv"), "conc", "rootl")
    return fit_curve(x, y, model="4PL")


def test_it_reproduces_drc_ryegrass_parameters(ryegrass):
    p = ryegrass.parameters
    # drc LL.4: b 2.98222, c 0.48141, d 7.79296, e 3.05795 -> Prism HillSlope = -b
    assert p["hill_slope"] == pytest.approx(-2.98222, abs=1e-4)
    assert p["bottom"] == pytest.approx(0.48141, abs=1e-4)
    assert p["top"] == pytest.approx(7.79296, abs=1e-4)
    assert p["ec50"] == pytest.approx(3.05795, abs=1e-4)
    assert p["log_ec50"] == pytest.approx(math.log10(3.05795), abs=1e-4)
    assert ryegrass.n == 24 and ryegrass.df == 20  # the six zero doses are used
    assert ryegrass.sy_x == pytest.approx(0.5196256, abs=1e-4)
    assert ryegrass.flags == ()


def test_it_reports_jtj_standard_errors_like_r_nls(ryegrass):
    se = ryegrass.standard_errors
    # J^T J (nls, curve_fit) order b, c, d, e: 0.45843, 0.20951, 0.18973, 0.18583
    assert se["hill_slope"] == pytest.approx(0.45843, abs=2e-4)
    assert se["bottom"] == pytest.approx(0.20951, abs=2e-4)
    assert se["top"] == pytest.approx(0.18973, abs=2e-4)
    assert se["ec50"] == pytest.approx(0.18583, abs=2e-4)


def test_it_can_give_drc_hessian_standard_errors(ryegrass):
    se = ryegrass.vcov("hessian").diagonal() ** 0.5  # bottom, top, hill, log_ec50
    assert se[2] == pytest.approx(0.46506, abs=2e-4)
    assert se[0] == pytest.approx(0.21219, abs=2e-4)
    assert se[1] == pytest.approx(0.18857, abs=2e-4)
    assert se[3] * math.log(10) * ryegrass.parameters["ec50"] == pytest.approx(0.18573, abs=2e-4)


def test_it_reproduces_drc_ed10_with_delta_method(ryegrass):
    ed = ryegrass.ed(10)
    assert ed.dose == pytest.approx(1.46371, abs=1e-4)
    assert ed.se == pytest.approx(0.18677, abs=1e-4)
    assert ed.ci95[0] == pytest.approx(1.07411, abs=1e-4)
    assert ed.ci95[1] == pytest.approx(1.85331, abs=1e-4)
    # the log-scale interval is asymmetric and stays positive
    lo, hi = ed.ci95_log
    assert 0 < lo < ed.dose < hi
    assert hi - ed.dose > ed.dose - lo


def test_it_computes_an_asymmetric_ec50_ci_on_the_log_scale(ryegrass):
    lo, hi = ryegrass.ec50_ci95
    ec50 = ryegrass.parameters["ec50"]
    assert lo < ec50 < hi
    assert hi - ec50 > ec50 - lo  # asymmetric on the EC50 scale
    assert math.log10(hi) - ryegrass.parameters["log_ec50"] == pytest.approx(
        ryegrass.parameters["log_ec50"] - math.log10(lo), rel=1e-12
    )  # symmetric on the log scale
    t = 2.085963447265837  # t(0.975, 20)
    assert math.log10(hi) - math.log10(ec50) == pytest.approx(
        t * ryegrass.standard_errors["log_ec50"], rel=1e-9
    )


@pytest.mark.parametrize(
    ("herbicide", "b", "c", "d", "e"),
    [
        ("Bentazone", 5.12531, 0.68175, 3.80629, 29.2648),
        ("Glyphosate", 2.71606, 0.89182, 3.87587, 62.0482),
    ],
)
def test_it_reproduces_drc_s_alba_per_herbicide(herbicide, b, c, d, e):
    rows = [r for r in read_refdata("drc_S.alba.csv") if r["Herbicide"] == herbicide]
    fit = fit_curve(*_xy(rows, "Dose", "DryMatter"))
    p = fit.parameters
    assert p["hill_slope"] == pytest.approx(-b, rel=1e-3)
    assert p["bottom"] == pytest.approx(c, rel=1e-3)
    assert p["top"] == pytest.approx(d, rel=1e-3)
    assert p["ec50"] == pytest.approx(e, rel=1e-3)


def _gen5(name, xcol, ycol):
    rows = read_refdata(name)
    x, y = _xy(rows, xcol, ycol)
    # Gen5 fits unweighted on replicate means, the zero standard included
    return fit_curve(x, y, fit_on="means"), {r["well"]: float(r[ycol]) for r in rows}


def _three_decimals(value, expected):
    assert value is not None
    assert abs(value - expected) <= 0.0005 + 1e-9, (value, expected)


def test_it_reproduces_gen5_alphalisa_fit_and_back_calculation():
    fit, signal = _gen5("gen5_cytation5_alphalisa_perk_standards.csv", "conc_as_in_file", "Alpha")
    p = fit.parameters
    # rising curve: Gen5 A = bottom, B = hill, C = EC50, D = top
    assert p["bottom"] == pytest.approx(346.346, abs=0.05)  # the file itself shows 346
    assert p["hill_slope"] == pytest.approx(1.497454, rel=1e-5)
    assert p["ec50"] == pytest.approx(121.8431, rel=1e-5)
    assert p["top"] == pytest.approx(1428186, rel=1e-5)
    for well, expected in {"D1": 99.850, "D3": 49.176, "D9": 6.178, "D17": 0.450, "D23": 0.046}.items():
        x, flag = fit.inverse(signal[well])
        assert flag is None
        _three_decimals(x, expected)


def test_it_reproduces_gen5_fluorescamine_fit_and_back_calculation():
    fit, _ = _gen5(
        "gen5_fluorescamine_protein_standards.csv", "conc_ug_per_ml_as_in_file", "Blank_400/30,460/40"
    )
    p = fit.parameters
    assert p["bottom"] == pytest.approx(1929.209, rel=1e-5)
    assert p["hill_slope"] == pytest.approx(1.310508, rel=1e-5)
    assert p["ec50"] == pytest.approx(675.7908, rel=1e-5)
    assert p["top"] == pytest.approx(147776.4, rel=1e-5)
    for y, expected in ((6754, 51.441), (13120, 101.257), (69997, 610.398)):
        _three_decimals(fit.inverse(y)[0], expected)
    # the data never reach the top plateau (EC50 675 > highest standard 600): said so, numbers kept
    assert "ec50_outside_range" in fit.flags and "no_plateau" in fit.flags


def test_it_reproduces_gen5_synergy_neo_fit_on_replicate_means():
    fit, _ = _gen5("gen5_synergyneo_igg_titration_standards.csv", "conc_as_in_file", "Integral_[Lum]")
    p = fit.parameters
    assert p["bottom"] == pytest.approx(2280.11, rel=1e-5)
    assert p["hill_slope"] == pytest.approx(1.57772, rel=1e-5)
    assert p["ec50"] == pytest.approx(795.743, rel=1e-5)
    assert p["top"] == pytest.approx(71425.1, rel=1e-5)
    assert fit.r_squared == pytest.approx(0.99851, abs=5e-6)
    _three_decimals(fit.inverse(54391.260)[0], 1616.483)
    _three_decimals(fit.inverse(2442.300)[0], 17.164)


def test_it_matches_skanit_apoe_fit_within_one_percent():
    rows = read_refdata("skanit_varioskan_apoe_elisa_standards.csv")
    # SkanIt's R^2 0.998 is that of the replicate means (on every point it is 0.989); the parameters of
    # the fits on points and on means agree to 1e-6
    fit = fit_curve(*_xy(rows, "conc_ug_per_ml", "signal_blank_subtracted_A450"), fit_on="means")
    p = fit.parameters
    assert p["bottom"] == pytest.approx(-0.0678141, rel=0.01)
    assert p["hill_slope"] == pytest.approx(0.78981, rel=0.01)
    assert p["ec50"] == pytest.approx(0.748878, rel=0.01)
    assert p["top"] == pytest.approx(2.89758, rel=0.01)
    assert fit.r_squared == pytest.approx(0.998, abs=5e-4)


def test_it_reproduces_softmax_log_log_fit():
    rows = read_refdata("softmaxpro_elisa_standards.csv")
    fit = fit_curve(*_xy(rows, "std_conc_ng_per_ml", "OD450_full_precision"), model="loglog")
    assert fit.parameters["intercept"] == pytest.approx(-3.496629, abs=5e-6)
    assert fit.parameters["slope"] == pytest.approx(1.613188, abs=5e-6)
    assert fit.parameters["ec50"] is None and fit.parameters["hill_slope"] is None
    x, flag = fit.inverse(3.418)
    assert flag is None
    assert x == pytest.approx(315.067, abs=0.005)
    # SoftMax's printed equation is the fit on all 42 points (both plates), which we reproduce; its
    # back-calculated column agrees with that equation to 2.4e-4 relative (it matches a fit on the
    # replicate means more closely, to 5e-4 absolute)
    for r in rows:
        assert fit.inverse(float(r["OD450_full_precision"]))[0] == pytest.approx(
            float(r["softmax_BackCalcConc"]), rel=3e-4
        )
