"""Combination synergy (SynergyLMM model): the published BV-173 estimates (nlme REML), an independent
dense-matrix REML and statsmodels MixedLM, recovery of known rates, Bliss/HSA arithmetic by hand,
diagnostics, power and bad input."""

import json
import math
import time
import warnings

import numpy as np
import pytest
from scipy import optimize, stats

from studies.analysis.synergy import (
    ROLES,
    DesignRoles,
    analyse_combination,
    diagnose,
    fit_growth_rates,
    post_hoc_power,
    recognise_design,
    sample_size_power,
    synergy_over_time,
)

from . import _bv173 as bv

DAYS = tuple(range(0, 28, 3))  # t0 = 0 and 9 measurement days after it: 10 days
TRUE = (0.20, 0.15, 0.12, 0.0)  # control, A, B, A+B (Bliss expects 0.07: synergy)
ARMS4 = {"control": "Vehicle", "a": "IL-2", "b": "anti-PD-1", "combination": "IL-2 + anti-PD-1"}


def simulate(seed=3, rates=TRUE, n=10, days=DAYS, sd_b=0.03, sigma=0.12, v0=80.0):
    rng = np.random.default_rng(seed)
    rows = []
    for k, role in enumerate(ROLES):
        for j in range(n):
            b = rng.normal(0, sd_b)
            for d in days:
                y = 0.0 if d == 0 else (rates[k] + b) * d + rng.normal(0, sigma)
                rows.append((f"{role}{j}", ARMS4[role], d, v0 * math.exp(y)))
    return rows


# --------------------------------------------------------------------------------------------------
# Independent computation: REML with dense matrices (generic formula), optimised with scipy


def dense_reml(rows, roles, t0):
    arms = [roles[r] for r in ROLES]
    base = {a: v for a, arm, d, v in rows if d == t0}
    by_animal = {}
    for a, arm, d, v in rows:
        if d > t0 and v and v > 0 and a in base:
            by_animal.setdefault(a, []).append((arms.index(arm), d - t0, math.log(v / base[a])))
    blocks = []
    for obs in by_animal.values():
        t = np.array([o[1] for o in obs])
        X = np.zeros((t.size, 4))
        X[:, obs[0][0]] = t
        blocks.append((X, t, np.array([o[2] for o in obs])))
    N = sum(b[1].size for b in blocks)

    def parts(theta):
        XtVX, XtVy, logdet = np.zeros((4, 4)), np.zeros(4), 0.0
        for X, t, y in blocks:
            V = np.eye(t.size) + theta * np.outer(t, t)
            Vi = np.linalg.inv(V)
            XtVX += X.T @ Vi @ X
            XtVy += X.T @ Vi @ y
            logdet += np.linalg.slogdet(V)[1]
        beta = np.linalg.solve(XtVX, XtVy)
        rss = sum(
            (y - X @ beta) @ np.linalg.inv(np.eye(t.size) + theta * np.outer(t, t)) @ (y - X @ beta)
            for X, t, y in blocks
        )
        s2 = rss / (N - 4)
        m2ll = (N - 4) * (1 + np.log(2 * np.pi * s2)) + logdet + np.linalg.slogdet(XtVX)[1]
        return m2ll, beta, s2, XtVX

    res = optimize.minimize_scalar(
        lambda lt: parts(math.exp(lt))[0], bounds=(-15, 3), method="bounded", options={"xatol": 1e-11}
    )
    theta = math.exp(res.x)
    m2ll, beta, s2, XtVX = parts(theta)
    se = np.sqrt(np.diag(s2 * np.linalg.inv(XtVX)))
    return beta, se, math.sqrt(s2), math.sqrt(theta * s2), -0.5 * m2ll


# --------------------------------------------------------------------------------------------------
# Design


def arm(name, treatments=(), control=False):
    return {"name": name, "is_control": control, "treatments": set(treatments)}


def test_it_recognises_the_combination_design_among_other_arms():
    arms = [
        arm("Vehicle", control=True),
        arm("IL-2 + anti-PD-1", {"IL-2", "anti-PD-1"}),
        arm("IL-2", {"IL-2"}),
        arm("Mutein", {"H9"}),
        arm("anti-PD-1", {" Anti-PD-1 "}),
    ]
    r = recognise_design(arms)
    assert (r.control, r.a, r.b, r.combination, r.recognised) == (
        "Vehicle",
        "IL-2",
        "anti-PD-1",
        "IL-2 + anti-PD-1",
        True,
    )
    assert r.to_dict()["combination"] == "IL-2 + anti-PD-1"


def test_it_says_what_is_missing_from_a_combination_design():
    with pytest.raises(ValueError, match="no control arm"):
        recognise_design([arm("A", {"x"}), arm("B", {"y"}), arm("AB", {"x", "y"})])
    with pytest.raises(ValueError, match="no arm combines two treatments"):
        recognise_design([arm("V", control=True), arm("A", {"x"}), arm("B", {"y"})])
    with pytest.raises(ValueError, match="no arm gives anti-pd-1 alone"):
        recognise_design([arm("V", control=True), arm("IL-2", {"IL-2"}), arm("Combo", {"IL-2", "anti-PD-1"})])
    with pytest.raises(ValueError, match="2 control arms"):
        recognise_design(
            [
                arm("V", control=True),
                arm("U", control=True),
                arm("A", {"x"}),
                arm("B", {"y"}),
                arm("AB", {"x", "y"}),
            ]
        )
    with pytest.raises(ValueError, match="More than one combination design"):
        recognise_design(
            [
                arm("V", control=True),
                arm("A", {"x"}),
                arm("B", {"y"}),
                arm("C", {"z"}),
                arm("AB", {"x", "y"}),
                arm("AC", {"x", "z"}),
            ]
        )


def test_roles_can_be_set_by_hand_and_are_checked():
    arms = [arm("V", control=True), arm("A"), arm("B"), arm("AB")]
    r = recognise_design(arms, roles={"control": "V", "a": "A", "b": "B", "combination": "AB"})
    assert r == DesignRoles("V", "A", "B", "AB", recognised=False)
    with pytest.raises(ValueError, match="No arm named 'X'"):
        recognise_design(arms, roles={"control": "V", "a": "A", "b": "B", "combination": "X"})
    with pytest.raises(ValueError, match="missing: combination"):
        recognise_design(arms, roles={"control": "V", "a": "A", "b": "B"})
    with pytest.raises(ValueError, match="four different arms"):
        recognise_design(arms, roles={"control": "V", "a": "A", "b": "A", "combination": "AB"})


# --------------------------------------------------------------------------------------------------
# The published example: SynergyLMM manuscript, BV-173-Gluc (nlme REML estimates)


def test_it_reproduces_the_published_nlme_estimates_of_the_bv173_study():
    g = fit_growth_rates(bv.rows(), bv.ROLES, t0=0.0)
    for a, published in zip(g.arms, bv.PUBLISHED["rates"], strict=True):
        assert a.rate == pytest.approx(published, rel=1e-6)  # the issue asks 1e-4; we get ~1e-10
    assert g.sd_residual == pytest.approx(bv.PUBLISHED["sd_resid"], rel=1e-6)
    # SynergyLMM's sd_ranef is sqrt(diag(pdMatrix(reStruct))): the random-slope SD relative to sigma
    assert g.sd_random_slope_relative == pytest.approx(bv.PUBLISHED["sd_ranef"], rel=1e-6)
    assert g.sd_random_slope == pytest.approx(bv.PUBLISHED["sd_ranef"] * bv.PUBLISHED["sd_resid"], rel=1e-6)
    assert (g.n_animals, g.n_observations) == (24, 145)
    assert [a.n_animals for a in g.arms] == [6, 6, 6, 6]


def test_post_hoc_power_agrees_with_the_published_simulation():
    # PostHocPwr(BV173Gluc_lmm, method = "Bliss") = 0.781 with 1000 simulations (set.seed(123) in R)
    ph = post_hoc_power(bv.rows(), bv.ROLES, t0=0.0, n_sim=1000, seed=7)
    assert abs(ph.power - bv.PUBLISHED["power_bliss"]) < 3 * math.sqrt(0.78 * 0.22 / 1000) * math.sqrt(2)
    assert ph.power_analytic == pytest.approx(ph.power, abs=0.04)
    hsa = post_hoc_power(bv.rows(), bv.ROLES, t0=0.0, n_sim=1000, seed=7, reference="hsa")
    assert abs(hsa.power - bv.PUBLISHED["power_hsa"]) < 3 * math.sqrt(0.9 * 0.1 / 1000) * math.sqrt(2)


def test_the_fit_equals_an_independent_dense_reml_and_statsmodels():
    rows = bv.rows()
    g = fit_growth_rates(rows, bv.ROLES, t0=0.0)
    beta, se, sigma, sd_b, ll = dense_reml(rows, bv.ROLES, 0.0)
    assert [a.rate for a in g.arms] == pytest.approx(list(beta), rel=1e-6)
    assert [a.se for a in g.arms] == pytest.approx(list(se), rel=1e-5)
    assert g.sd_residual == pytest.approx(sigma, rel=1e-6)
    assert g.sd_random_slope == pytest.approx(sd_b, rel=1e-4)
    assert g.reml_log_likelihood == pytest.approx(ll, abs=1e-6)

    from statsmodels.regression.mixed_linear_model import MixedLM

    base = {a: v for a, _, t, v in rows if t == 0}
    arms = [bv.ROLES[r] for r in ROLES]
    obs = [(a, arms.index(arm_), t, math.log(v / base[a])) for a, arm_, t, v in rows if t > 0]
    X = np.zeros((len(obs), 4))
    for j, o in enumerate(obs):
        X[j, o[1]] = o[2]
    t = np.array([o[2] for o in obs])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = MixedLM(np.array([o[3] for o in obs]), X, groups=[o[0] for o in obs], exog_re=t[:, None]).fit(
            reml=True, method=["cg"]
        )
    assert [a.rate for a in g.arms] == pytest.approx(list(res.fe_params), rel=1e-5)
    assert g.reml_log_likelihood == pytest.approx(float(res.llf), abs=1e-6)


# --------------------------------------------------------------------------------------------------
# Simulated data


@pytest.fixture(scope="module")
def sim():
    return simulate()


def test_it_recovers_known_rates_and_is_fast(sim):
    t = time.perf_counter()
    g = fit_growth_rates(sim, ARMS4, t0=0)
    assert time.perf_counter() - t < 0.5
    for a, true in zip(g.arms, TRUE, strict=True):
        assert abs(a.rate - true) < 3 * a.se
        assert a.ci95[0] < a.rate < a.ci95[1]
    assert g.sd_residual == pytest.approx(0.12, rel=0.15)
    assert g.sd_random_slope == pytest.approx(0.03, rel=0.5)
    assert (g.n_animals, g.n_observations, g.times[-1]) == (40, 360, 27.0)
    beta, se, sigma, sd_b, _ = dense_reml(sim, ARMS4, 0)
    assert [a.rate for a in g.arms] == pytest.approx(list(beta), rel=1e-6)
    assert [a.se for a in g.arms] == pytest.approx(list(se), rel=1e-5)


def test_bliss_and_hsa_by_hand(sim):
    res = synergy_over_time(sim, ARMS4, t0=0, min_day=9)
    assert [d.day for d in res.days] == [9, 12, 15, 18, 21, 24, 27]
    full = fit_growth_rates(sim, ARMS4, t0=0)
    assert res.hsa_role == ("a" if full.rate("a") <= full.rate("b") else "b") == "b"
    for d in res.days:
        c, a, b, ab = d.rates
        var = [x**2 for x in d.rate_se]
        delta = ab - (a + b - c)
        se = math.sqrt(sum(var))
        bl = d.bliss
        assert bl.delta == pytest.approx(delta, rel=1e-12)
        assert bl.se == pytest.approx(se, rel=1e-12)
        assert bl.combination_index == pytest.approx(math.exp(delta * d.time))
        assert bl.combination_index_ci95[0] == pytest.approx(
            math.exp((delta - 1.959964 * se) * d.time), rel=1e-5
        )
        assert bl.combination_index_ci95[1] == pytest.approx(
            math.exp((delta + 1.959964 * se) * d.time), rel=1e-5
        )
        assert bl.synergy_score == pytest.approx(-delta / se)
        assert bl.synergy_score_ci95 == pytest.approx(
            (-delta / se - 1.959964, -delta / se + 1.959964), rel=1e-5
        )
        assert bl.p == pytest.approx(2 * stats.norm.sf(abs(delta / se)), rel=1e-9)
        h = d.hsa
        assert h.delta == pytest.approx(ab - b, rel=1e-12)
        assert h.se == pytest.approx(math.sqrt(var[2] + var[3]), rel=1e-12)
        assert h.hsa_arm == "anti-PD-1"
    # the refit at day 15 uses the data up to day 15 only
    upto = fit_growth_rates([r for r in sim if r[2] <= 15], ARMS4, t0=0)
    assert res.days[2].rates == pytest.approx([a.rate for a in upto.arms], rel=1e-12)
    # strong synergy: CI < 1, SS > 0 at the end
    last = res.days[-1].bliss
    assert (
        last.combination_index < 1
        and last.combination_index_ci95[1] < 1
        and last.synergy_score > 2
        and last.p < 0.01
    )


def test_additive_data_is_not_called_synergistic():
    rows = simulate(seed=11, rates=(0.2, 0.15, 0.12, 0.07))
    last = synergy_over_time(rows, ARMS4, t0=0, min_day=27).days[-1].bliss
    assert last.combination_index_ci95[0] < 1 < last.combination_index_ci95[1]
    assert last.p > 0.05


def test_diagnostics_flag_an_influential_animal(sim):
    rows = [r for r in sim if r[0] != "combination0"]
    rows += [("outlier", ARMS4["combination"], d, 80.0 * math.exp(0.25 * d)) for d in DAYS]
    dg = diagnose(rows, ARMS4, t0=0)
    assert "outlier" in dg.influential
    assert len(dg.residuals) == 360 and len(dg.qq_residuals) == 360 and len(dg.random_slopes) == 40
    q = [r["theoretical"] for r in dg.qq_residuals]
    assert q == sorted(q) and [r["sample"] for r in dg.qq_residuals] == sorted(
        r["sample"] for r in dg.qq_residuals
    )
    row = next(r for r in dg.random_slopes if r["animal"] == "outlier")
    assert row["random_slope"] > 0.1 and row["influential"]
    # Cook's distance = leave-one-animal-out refit, by hand
    full = fit_growth_rates(rows, ARMS4, t0=0)
    loo = fit_growth_rates([r for r in rows if r[0] != "outlier"], ARMS4, t0=0)
    d = sum((a.rate - b.rate) ** 2 / a.se**2 for a, b in zip(full.arms, loo.arms, strict=True)) / 4
    assert row["cook_distance"] == pytest.approx(d, rel=1e-6)
    assert dg.cook_threshold == pytest.approx(
        3 * np.mean([r["cook_distance"] for r in dg.random_slopes]), rel=1e-9
    )
    # residual = observed − fitted
    vol = {(a, d): v for a, _, d, v in rows}
    for r in dg.residuals[:20]:
        observed = math.log(vol[(r["animal"], r["day"])] / vol[(r["animal"], 0)])
        assert r["fitted"] + r["residual"] == pytest.approx(observed, abs=1e-12)
        assert r["pearson"] == pytest.approx(r["residual"] / full.sd_residual, rel=1e-9)
    assert 0 <= dg.shapiro_p_residuals <= 1


def test_sample_size_power_is_seeded_and_grows_with_n(sim):
    g = fit_growth_rates(sim, ARMS4, t0=0)
    kw = dict(animals_per_arm=(3, 5, 8), rates=(0.2, 0.15, 0.12, 0.04), n_sim=100, seed=5)
    a, b = sample_size_power(g, **kw), sample_size_power(g, **kw)
    assert a == b
    pa = [c["power_analytic"] for c in a.curve]
    assert pa == sorted(pa)
    for c in a.curve:
        assert abs(c["power"] - c["power_analytic"]) < 4 * max(c["power_mc_se"], 0.02)
    assert a.delta == pytest.approx(0.04 - (0.15 + 0.12 - 0.2))
    json.dumps(a.to_dict(), allow_nan=False)


# --------------------------------------------------------------------------------------------------
# Input handling and bad input


def test_animals_without_baseline_and_zero_volumes(sim):
    rows = [r for r in sim if not (r[0] == "a0" and r[2] == 0)]
    rows = [(a, arm_, d, 0.0 if (a == "a1" and d == 9) else v) for a, arm_, d, v in rows]
    rows += [("x9", "Other arm", 0, 50.0), ("b0", ARMS4["b"], -3, 40.0)]
    g = fit_growth_rates(rows, ARMS4, t0=0)
    assert g.excluded == ({"animal": "a0", "arm": "IL-2", "reason": "no volume on the treatment start day"},)
    assert (
        g.ignored_rows["zero_volume"] == 1
        and g.ignored_rows["other_arm"] == 1
        and g.ignored_rows["before_t0"] == 1
    )
    assert g.n_animals == 39 and g.n_observations == 360 - 9 - 1


def test_too_few_animals_names_the_arm(sim):
    # anti-PD-1 keeps 2 animals with >= 3 measurements (the others have the baseline and one more)
    rows = [r for r in sim if not (r[1] == "anti-PD-1" and r[0] not in ("b0", "b1") and r[2] > 3)]
    with pytest.raises(ValueError, match=r"'anti-PD-1' \(drug B\) has 2"):
        fit_growth_rates(rows, ARMS4, t0=0)
    with pytest.raises(ValueError, match="'IL-2 \\+ anti-PD-1' \\(combination A\\+B\\) has 0"):
        synergy_over_time([r for r in sim if r[1] != ARMS4["combination"]], ARMS4, t0=0, min_day=0)


def test_inconsistent_rows_are_refused(sim):
    with pytest.raises(ValueError, match="appears in two arms"):
        fit_growth_rates(sim + [("a0", "Vehicle", 30, 100.0)], ARMS4, t0=0)
    with pytest.raises(ValueError, match="two volumes on day 3"):
        fit_growth_rates(sim + [("a0", "IL-2", 3, 100.0)], ARMS4, t0=0)


def test_the_whole_analysis_is_json_safe_and_quick(sim):
    t = time.perf_counter()
    res = analyse_combination(
        sim,
        recognise_design(
            [
                arm("Vehicle", control=True),
                arm("IL-2", {"IL-2"}),
                arm("anti-PD-1", {"anti-PD-1"}),
                arm("IL-2 + anti-PD-1", {"IL-2", "anti-PD-1"}),
            ]
        ),
        t0=0,
        min_day=6,
    )
    assert time.perf_counter() - t < 6
    d = res.to_dict()
    text = json.dumps(d, allow_nan=False)
    assert "NaN" not in text
    assert set(d) == {"growth", "synergy", "diagnostics", "post_hoc_power", "sample_size", "analysis_version"}
    assert d["synergy"]["days"][0]["day"] == 6.0 and d["synergy"]["hsa_arm"] == "anti-PD-1"
    assert d["post_hoc_power"]["reference"] == "bliss" and d["post_hoc_power"]["day"] == 27.0
