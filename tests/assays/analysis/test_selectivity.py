"""IL-2 receptor selectivity: EC50 ratio CD25-/CD25+, fold loss of CD25 dependence vs wild type, Fieller's
interval. Every expected number is computed here by hand (math and scipy.stats), not by the module."""

from __future__ import annotations

import json
import math

import pytest
from scipy import stats

from assays.analysis.curves import fit_curve
from assays.analysis.selectivity import (
    EC50Estimate,
    MoleculeEC50s,
    analyse_selectivity,
    fieller_interval,
    molecule_selectivity,
    welch_satterthwaite,
)

L10 = math.log10


def est(ec50: float, se_log10: float | None = 0.05, df: float | None = 20) -> EC50Estimate:
    return EC50Estimate(log10_ec50=L10(ec50), se_log10=se_log10, df=df)


# the demo design: wild-type IL-2 0.01 ng/mL on CD25+ (CTLL-2), 1 ng/mL on CD25- (YT); a not-alpha mutein
# that lost potency on CD25+ cells only: 0.5 ng/mL on CD25+, 1 ng/mL on CD25-
WT = MoleculeEC50s("IL-2 wt", est(0.01, 0.04, 18), est(1.0, 0.06, 22))
MUTEIN = MoleculeEC50s("not-alpha mutein", est(0.5, 0.05, 20), est(1.0, 0.07, 16))


def test_the_demo_design_gives_a_fifty_fold_loss_of_cd25_dependence():
    result = analyse_selectivity([WT, MUTEIN], wild_type="IL-2 wt").to_dict()
    wt, mutein = result["molecules"]
    assert wt["ratio"]["estimate"] == pytest.approx(100.0)
    assert mutein["ratio"]["estimate"] == pytest.approx(2.0)
    shift = mutein["fold_loss_cd25_dependence"]
    assert shift["estimate"] == pytest.approx(50.0) and shift["log10"] == pytest.approx(L10(50))
    # SE of log10 F propagates all four log SEs; df by Welch-Satterthwaite over the four fits
    ses, dfs = [0.04, 0.06, 0.05, 0.07], [18, 22, 20, 16]
    se = math.sqrt(sum(s * s for s in ses))
    df = sum(s * s for s in ses) ** 2 / sum(s**4 / d for s, d in zip(ses, dfs, strict=True))
    t = stats.t.ppf(0.975, df)
    assert shift["se_log10"] == pytest.approx(se) and shift["df"] == pytest.approx(df)
    assert shift["ci95"] == pytest.approx([50 * 10 ** (-t * se), 50 * 10 ** (t * se)])
    assert shift["ci95"][0] > 1  # clearly less CD25-dependent than wild type
    assert wt["fold_loss_cd25_dependence"] is None and wt["is_wild_type"] and "is_wild_type" in wt["flags"]
    assert mutein["wild_type"] == "IL-2 wt" and result["wild_type"] == "IL-2 wt"


def test_the_ratio_its_se_and_welch_satterthwaite_t_interval_by_hand():
    r = molecule_selectivity(MUTEIN).to_dict()
    se = math.sqrt(0.05**2 + 0.07**2)
    df = (0.05**2 + 0.07**2) ** 2 / (0.05**4 / 20 + 0.07**4 / 16)
    t = stats.t.ppf(0.975, df)
    assert r["ratio"]["log10"] == pytest.approx(L10(1.0) - L10(0.5))
    assert r["ratio"]["se_log10"] == pytest.approx(se) and r["ratio"]["df"] == pytest.approx(df)
    assert r["ratio"]["ci95"] == pytest.approx([2 * 10 ** (-t * se), 2 * 10 ** (t * se)])
    assert welch_satterthwaite([0.05**2, 0.07**2], [20, 16]) == pytest.approx(df)
    # each cell type's EC50 with the fit's own t(0.975, df) interval
    t_pos = stats.t.ppf(0.975, 20)
    assert r["cd25_pos"]["ec50"] == pytest.approx(0.5)
    assert r["cd25_pos"]["ci95"] == pytest.approx([0.5 * 10 ** (-t_pos * 0.05), 0.5 * 10 ** (t_pos * 0.05)])
    assert r["cd25_pos"]["se_ec50"] == pytest.approx(math.log(10) * 0.5 * 0.05)
    # no wild type measured alongside: no shift, and the flag says so
    assert r["fold_loss_cd25_dependence"] is None and "no_wild_type" in r["flags"]


def test_without_degrees_of_freedom_the_interval_is_normal_and_flagged():
    m = MoleculeEC50s("X", est(0.2, 0.1, None), est(4.0, 0.1, 12))
    r = molecule_selectivity(m).to_dict()
    se = math.sqrt(0.02)
    z = stats.norm.ppf(0.975)
    assert r["ratio"]["df"] is None and "normal_approximation" in r["flags"]
    assert r["ratio"]["ci95"] == pytest.approx([20 * 10 ** (-z * se), 20 * 10 ** (z * se)])


def test_fieller_against_the_dcstats_and_graphpad_worked_example():
    # DCPROGS/DCSTATS README (Fieller): a = 14, b = 7, SDs 3 and 2, r = 0, alpha 0.05 two-tailed = 90 %,
    # 10 df: t = 1.812461, g = 0.268164, limits 1.051413 and 4.414296
    f = fieller_interval(14, 3, 7, 2, df=10, level=0.90)
    assert f.g == pytest.approx(0.268164, abs=1e-6)
    assert f.ci95 == pytest.approx((1.051413, 4.414296), abs=1e-6)
    # by hand: [rho ± (t/b) sqrt(sa²(1-g) + rho² sb²)] / (1-g)
    t = stats.t.ppf(0.95, 10)
    g = t**2 * 4 / 49
    half = (t / 7) * math.sqrt(9 * (1 - g) + 4 * 4)
    assert f.ci95 == pytest.approx(((2 - half) / (1 - g), (2 + half) / (1 - g)))
    # GraphPad QuickCalcs (errorProp2) on the same means with n = 6 each (SEM 3/√6 and 2/√6), 10 df:
    # 95 % CI 1.46 to 2.83, 90 % CI 1.54 to 2.64
    f95 = fieller_interval(14, 3 / math.sqrt(6), 7, 2 / math.sqrt(6), df=10)
    f90 = fieller_interval(14, 3 / math.sqrt(6), 7, 2 / math.sqrt(6), df=10, level=0.90)
    assert [round(v, 2) for v in f95.ci95] == [1.46, 2.83]
    assert [round(v, 2) for v in f90.ci95] == [1.54, 2.64]


def test_fieller_is_unbounded_when_the_denominator_is_not_significantly_above_zero():
    f = fieller_interval(1.0, 0.1, 0.05, 0.04, df=10)  # g = t² 0.04² / 0.05² > 1
    assert f.unbounded and f.ci95 is None and f.g >= 1
    # on a molecule: a CD25+ EC50 with a linear SE as large as itself
    m = MoleculeEC50s(
        "wobbly",
        EC50Estimate(log10_ec50=L10(0.1), se_log10=0.4, df=6, ec50=0.1, se_ec50=0.1),
        est(1.0, 0.05, 20),
    )
    r = molecule_selectivity(m).to_dict()
    assert "fieller_unbounded" in r["flags"]
    assert r["ratio_fieller"]["ci95"] is None and r["ratio_fieller"]["estimate"] == pytest.approx(10)
    assert r["ratio"]["ci95"] is not None  # the log-scale interval is still there
    json.dumps(r, allow_nan=False)


def test_fieller_beside_the_log_interval_on_a_molecule_uses_the_delta_method_linear_ses():
    r = molecule_selectivity(MUTEIN).to_dict()
    a, sa = 1.0, math.log(10) * 1.0 * 0.07
    b, sb = 0.5, math.log(10) * 0.5 * 0.05
    rho = a / b
    df = (sa**2 + (rho * sb) ** 2) ** 2 / (sa**4 / 16 + (rho * sb) ** 4 / 20)
    t = stats.t.ppf(0.975, df)
    g = (t * sb / b) ** 2
    half = (t / b) * math.sqrt(sa**2 * (1 - g) + rho**2 * sb**2)
    fieller = r["ratio_fieller"]
    assert fieller["df"] == pytest.approx(df) and fieller["g"] == pytest.approx(g)
    assert fieller["ci95"] == pytest.approx([(rho - half) / (1 - g), (rho + half) / (1 - g)])
    # precise EC50s: Fieller and the log-scale interval nearly agree
    assert fieller["ci95"] == pytest.approx(r["ratio"]["ci95"], rel=0.08)


def test_a_molecule_not_estimable_on_one_cell_type_keeps_the_reason_and_has_no_ratio():
    m = MoleculeEC50s("dead", EC50Estimate.not_estimable("no plateau reached"), est(3.0))
    res = analyse_selectivity([WT, m], wild_type="IL-2 wt").to_dict()["molecules"][1]
    assert "not_estimable_cd25_pos" in res["flags"] and "not_estimable_cd25_neg" not in res["flags"]
    assert res["cd25_pos"]["reason"] == "no plateau reached" and res["cd25_pos"]["ec50"] is None
    assert res["ratio"] is None and res["ratio_fieller"] is None
    assert res["fold_loss_cd25_dependence"] is None
    assert res["cd25_neg"]["ec50"] == pytest.approx(3.0)


def test_a_wild_type_that_is_not_estimable_gives_no_shift():
    wt = MoleculeEC50s("IL-2 wt", est(0.01), EC50Estimate.not_estimable("EC50 at the bound"))
    res = analyse_selectivity([wt, MUTEIN], wild_type="IL-2 wt").to_dict()["molecules"][1]
    assert "wild_type_not_estimable" in res["flags"] and res["fold_loss_cd25_dependence"] is None
    assert res["ratio"]["estimate"] == pytest.approx(2.0)
    # a wild-type name not among the molecules: no wild type
    none = analyse_selectivity([MUTEIN], wild_type="IL-2 wt").to_dict()
    assert none["wild_type"] is None and "no_wild_type" in none["molecules"][0]["flags"]


def test_missing_se_gives_the_point_estimate_without_an_interval():
    m = MoleculeEC50s("no-se", est(0.1, None), est(1.0))
    r = molecule_selectivity(m).to_dict()
    assert r["ratio"]["estimate"] == pytest.approx(10) and r["ratio"]["ci95"] is None
    assert "no_confidence_interval" in r["flags"] and r["ratio_fieller"] is None
    assert r["cd25_pos"]["ci95"] is None


def test_from_a_stored_4pl_fit():
    doses = [0.001 * 3**i for i in range(10)]
    truth = (100.0, 10_000.0, 1.0, 0.05)

    def y(x, ec50):
        b, t, h, _ = truth
        return b + (t - b) / (1 + (ec50 / x) ** h)

    noise = [1.02, 0.97, 1.01, 0.99, 1.03, 0.98, 1.0, 1.02, 0.99, 1.01]
    fit = fit_curve(doses, [y(x, 0.05) * n for x, n in zip(doses, noise, strict=True)], weighting="1/y2")
    e = EC50Estimate.from_fit(fit.to_dict())
    assert e.log10_ec50 == pytest.approx(fit.parameters["log_ec50"])
    assert e.se_log10 == pytest.approx(fit.standard_errors["log_ec50"]) and e.df == fit.df
    assert e.linear_se == pytest.approx(fit.standard_errors["ec50"])
    # the cell-type summary reproduces the fit's own EC50 interval
    summary = molecule_selectivity(MoleculeEC50s("m", e, e)).to_dict()["cd25_pos"]
    assert summary["ci95"] == pytest.approx(list(fit.ec50_ci95))
    failed = EC50Estimate.from_fit({"parameters": {"log_ec50": None}, "flags": ["no_plateau"]})
    assert not failed.estimable and failed.reason == "no_plateau"


def test_to_dict_is_json_safe_and_names_its_definitions():
    out = analyse_selectivity([WT, MUTEIN], wild_type="IL-2 wt").to_dict()
    text = json.dumps(out, allow_nan=False)
    assert "NaN" not in text
    assert out["ratio_definition"] == "EC50(CD25-) / EC50(CD25+)"
    assert set(out["molecules"][1]) == {
        "molecule",
        "is_wild_type",
        "cd25_pos",
        "cd25_neg",
        "ratio",
        "ratio_fieller",
        "fold_loss_cd25_dependence",
        "wild_type",
        "flags",
    }
    with pytest.raises(ValueError):
        analyse_selectivity([WT, WT])
