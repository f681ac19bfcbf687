"""Survival analysis against R survival references (DOMAIN.md §8, tests/refdata/README.md)."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from studies.analysis.survival import (
    SurvivalSubject,
    analyse_survival,
    kaplan_meier,
    numbers_at_risk,
    survival_quantile,
)

REFDATA = Path(__file__).resolve().parents[2] / "refdata" / "survival"

# R survival `aml`: x = Maintained / Nonmaintained; "+" = censored.
AML_MAINTAINED = [
    (9, 1),
    (13, 1),
    (13, 0),
    (18, 1),
    (23, 1),
    (28, 0),
    (31, 1),
    (34, 1),
    (45, 0),
    (48, 1),
    (161, 0),
]
AML_NONMAINTAINED = [
    (5, 1),
    (5, 1),
    (8, 1),
    (8, 1),
    (12, 1),
    (16, 0),
    (23, 1),
    (27, 1),
    (30, 1),
    (33, 1),
    (43, 1),
    (45, 1),
]


def aml_subjects():
    return [SurvivalSubject("M", "Maintained", t, bool(e)) for t, e in AML_MAINTAINED] + [
        SurvivalSubject("N", "Nonmaintained", t, bool(e)) for t, e in AML_NONMAINTAINED
    ]


def waltons_subjects():
    import csv

    with open(REFDATA / "lifelines_waltons.csv") as fh:
        rows = list(csv.DictReader(fh))
    return [SurvivalSubject(r["group"], r["group"], float(r["T"]), r["E"] == "1") for r in rows]


# ---- independent reference implementation (plain Python loops) of KM + Greenwood + CI transforms


def reference_km_ci(pairs, method):
    z = 1.959963984540054
    times = sorted({t for t, _ in pairs})
    n = len(pairs)
    s, cum = 1.0, 0.0
    out = []
    for t in times:
        d = sum(1 for tt, e in pairs if tt == t and e)
        c = sum(1 for tt, e in pairs if tt == t and not e)
        if d:
            s *= 1 - d / n
            cum = cum + d / (n * (n - d)) if n > d else math.inf
        if s == 0 or math.isinf(cum):
            lo = hi = None
        elif s == 1:
            lo = hi = 1.0
        elif method == "log-log":
            se = math.sqrt(cum)
            a = math.exp(-math.exp(math.log(-math.log(s)) - z * se / math.log(s)))
            b = math.exp(-math.exp(math.log(-math.log(s)) + z * se / math.log(s)))
            lo, hi = min(a, b), max(a, b)
        else:  # "log"
            se = math.sqrt(cum)
            lo, hi = s * math.exp(-z * se), min(1.0, s * math.exp(z * se))
        out.append((t, s, lo, hi))
        n -= d + c
    return out


def reference_median_ci(pairs, method):
    rows = reference_km_ci(pairs, method)

    def first(col):
        for row in rows:
            if row[col] is not None and row[col] <= 0.5 + 1e-12:
                return row[0]
        return None

    return first(1), (first(2), first(3))


# ---- R references


def test_it_matches_r_logrank_on_aml():
    res = analyse_survival(aml_subjects(), reference_group="M")
    assert res.logrank.chi2 == pytest.approx(3.3964, abs=1e-4)
    assert res.logrank.df == 1
    assert res.logrank.p == pytest.approx(0.06534, abs=1e-4)
    (pair,) = res.pairwise
    assert pair.chi2 == pytest.approx(3.3964, abs=1e-4)
    assert pair.p_adjusted == pytest.approx(pair.p)


def test_it_matches_r_medians_on_aml():
    res = analyse_survival(aml_subjects(), reference_group="M")
    by = {g.group: g for g in res.groups}
    assert by["M"].median_days == 31
    assert by["N"].median_days == 23
    assert (by["M"].n, by["M"].events, by["N"].n, by["N"].events) == (11, 7, 12, 11)


def test_it_matches_r_cox_efron_on_aml():
    res = analyse_survival(aml_subjects(), reference_group="M")
    (hr,) = res.hazard_ratios
    assert (hr.group, hr.reference) == ("N", "M")
    # R prints exp(coef) 2.498 (4 significant digits): relative tolerance 1e-4.
    assert hr.hr == pytest.approx(2.498, rel=1e-4)
    assert hr.coef == pytest.approx(0.9155, abs=1e-4)
    assert hr.se == pytest.approx(0.5119, abs=1e-4)
    assert hr.p == pytest.approx(0.0737, abs=1e-4)
    assert hr.ci95[0] == pytest.approx(math.exp(hr.coef - 1.959964 * hr.se), rel=1e-6)
    assert hr.ci95[1] == pytest.approx(math.exp(hr.coef + 1.959964 * hr.se), rel=1e-6)


def test_it_matches_r_on_waltons():
    res = analyse_survival(waltons_subjects(), reference_group="control")
    by = {g.group: g for g in res.groups}
    assert by["control"].median_days == 58
    assert by["miR-137"].median_days == 26
    assert res.logrank.chi2 == pytest.approx(122.2491, abs=1e-4)
    assert res.logrank.df == 1
    # the reference p is given to 3 significant digits
    assert res.logrank.p == pytest.approx(2.04e-28, rel=5e-3)
    assert res.logrank.p == pytest.approx(stats.chi2.sf(res.logrank.chi2, 1), rel=1e-9)


def test_it_gives_the_aml_median_ci_of_an_independent_greenwood_implementation():
    # log-log (our default, lifelines): bounds from an independent loop implementation of Greenwood +
    # the log(-log) transform. "log" is R survfit's default; R prints for aml
    # Maintained 31 (18, NA) and Nonmaintained 23 (8, NA), which the independent code reproduces.
    expected = {
        "log-log": {"M": (31, (13, None)), "N": (23, (5, 33))},
        "log": {"M": (31, (18, None)), "N": (23, (8, None))},
    }
    for method, exp in expected.items():
        res = analyse_survival(aml_subjects(), reference_group="M", ci_method=method)
        assert res.ci_method == method
        by = {g.group: g for g in res.groups}
        for g, pairs in (("M", AML_MAINTAINED), ("N", AML_NONMAINTAINED)):
            ref = reference_median_ci(pairs, method)
            assert ref == exp[g]
            assert (by[g].median_days, by[g].median_ci95) == exp[g]


def test_it_computes_the_km_curve_and_ci_like_the_independent_implementation():
    for method in ("log-log", "log"):
        km = kaplan_meier(
            [t for t, _ in AML_NONMAINTAINED], [e for _, e in AML_NONMAINTAINED], ci_method=method
        )
        ref = reference_km_ci(AML_NONMAINTAINED, method)
        assert km.times[0] == 0 and km.survival[0] == 1
        for (t, s, lo, hi), i in zip(ref, range(1, len(ref) + 1), strict=True):
            assert km.times[i] == t
            assert km.survival[i] == pytest.approx(s, abs=1e-12)
            for mine, theirs in ((km.ci_low[i], lo), (km.ci_high[i], hi)):
                if theirs is None:
                    assert np.isnan(mine)
                else:
                    assert mine == pytest.approx(theirs, abs=1e-10)


def test_it_agrees_with_lifelines_kaplan_meier_fitter():
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    for pairs in (AML_MAINTAINED, AML_NONMAINTAINED):
        t = np.array([p[0] for p in pairs], float)
        e = np.array([p[1] for p in pairs], bool)
        kmf = KaplanMeierFitter().fit(t, e)
        km = kaplan_meier(t, e)  # log-log default = lifelines' exponential Greenwood
        np.testing.assert_allclose(km.survival, kmf.survival_function_.iloc[:, 0].to_numpy(), atol=1e-12)
        ci = kmf.confidence_interval_.to_numpy()
        finite = km.survival > 0
        np.testing.assert_allclose(km.ci_low[finite], ci[finite, 0], atol=1e-10)
        np.testing.assert_allclose(km.ci_high[finite], ci[finite, 1], atol=1e-10)
        # lifelines takes the first time with S <= 0.5 (our median_rule="first")
        lo, hi = median_survival_times(kmf.confidence_interval_).iloc[0]
        mine = (
            survival_quantile(km.times, km.ci_low, rule="first"),
            survival_quantile(km.times, km.ci_high, rule="first"),
        )
        assert mine == tuple(None if math.isinf(x) else x for x in (lo, hi))
        assert survival_quantile(km.times, km.survival, rule="first") == kmf.median_survival_time_


def test_it_takes_the_first_time_or_r_midpoint_when_the_curve_sits_at_one_half():
    times, surv = np.array([0, 1, 2, 3, 4.0]), np.array([1, 0.75, 0.5, 0.25, 0.0])
    assert survival_quantile(times, surv, rule="first") == 2
    assert survival_quantile(times, surv) == 2.5
    # rounding noise around 0.5 still counts as 0.5 (R's tolerance sqrt(eps) ≈ 1.5e-8)
    noisy = np.array([1, 0.75, 0.5000000000001, 0.25, 0])
    assert survival_quantile(times, noisy, rule="first") == 2
    assert survival_quantile(times, noisy) == 2.5


def test_it_counts_numbers_at_risk_and_builds_curves():
    res = analyse_survival(aml_subjects(), reference_group="M", at_risk_times=[0, 10, 20, 40])
    curve = {c.group: c for c in res.curves}["N"]
    assert curve.at_risk_table == ((0.0, 12), (10.0, 8), (20.0, 6), (40.0, 2))
    assert numbers_at_risk(np.array([5.0, 8, 8]), [8]) == [(8.0, 2)]
    assert curve.times[0] == 0 and curve.survival[0] == 1
    assert curve.censored_times == (16.0,)
    assert curve.at_risk[:3] == (12, 12, 10)
    assert curve.ci_low[-1] is None  # Ŝ = 0 at the last event: no CI (R: NA)


def test_it_produces_the_api_shape_and_json_safe_values():
    d = analyse_survival(aml_subjects(), reference_group="M").to_dict()
    assert list(d) == [
        "time_origin",
        "ci_method",
        "median_rule",
        "groups",
        "logrank",
        "pairwise",
        "adjustment",
        "hazard_ratios",
        "cox_tests",
        "curves",
        "flags",
    ]
    assert d["time_origin"] == "day0" and d["adjustment"] == "holm" and d["ci_method"] == "log-log"
    assert set(d["groups"][0]) == {"group", "name", "n", "events", "median_days", "median_ci95"}
    assert d["groups"][0]["median_ci95"] == [13.0, None]
    assert set(d["logrank"]) == {"chi2", "df", "p"}
    assert set(d["pairwise"][0]) >= {"a", "b", "chi2", "p", "p_adjusted"}
    assert set(d["hazard_ratios"][0]) >= {"group", "reference", "hr", "ci95"}
    assert set(d["curves"][0]) >= {
        "group",
        "times",
        "survival",
        "ci_low",
        "ci_high",
        "at_risk",
        "censored_times",
    }
    json.dumps(d, allow_nan=False)


def test_it_adjusts_pairwise_logrank_with_holm_over_three_groups():
    subs = aml_subjects() + [SurvivalSubject("X", "Extra", t + 3, bool(e)) for t, e in AML_NONMAINTAINED]
    res = analyse_survival(subs, reference_group="M")
    assert res.logrank.df == 2
    assert len(res.pairwise) == 3 and len(res.hazard_ratios) == 2
    ps = [p.p for p in res.pairwise]
    order = np.argsort(ps)
    expected = np.maximum.accumulate([min(1, (3 - k) * ps[i]) for k, i in enumerate(order)])
    for k, i in enumerate(order):
        assert res.pairwise[i].p_adjusted == pytest.approx(expected[k])
    vs_ref = analyse_survival(subs, reference_group="M", pairwise="vs_reference")
    assert [(p.a, p.b) for p in vs_ref.pairwise] == [("M", "N"), ("M", "X")]


# ---- degenerate input: flags, not crashes


def codes(res):
    return {f.code for f in res.flags}


def test_it_flags_a_single_group():
    res = analyse_survival([SurvivalSubject(1, "only", t, bool(e)) for t, e in AML_MAINTAINED])
    assert res.logrank.chi2 is None and res.logrank.p is None
    assert res.pairwise == () and res.hazard_ratios == ()
    assert "single_group" in codes(res)
    assert res.groups[0].median_days == 31
    json.dumps(res.to_dict(), allow_nan=False)


def test_it_flags_all_censored():
    subs = [SurvivalSubject(g, g, t, False) for g in ("a", "b") for t in (10, 20, 30)]
    res = analyse_survival(subs, reference_group="a")
    assert res.logrank.chi2 is None and res.logrank.df == 1
    assert all(g.median_days is None and g.median_ci95 == (None, None) for g in res.groups)
    assert res.pairwise[0].p is None and res.hazard_ratios == ()
    assert "no_events" in codes(res)
    json.dumps(res.to_dict(), allow_nan=False)


def test_it_flags_a_group_without_events_and_keeps_the_other_hazard_ratios():
    subs = aml_subjects() + [SurvivalSubject("Z", "cured", t, False) for t in (40, 50, 60, 60)]
    res = analyse_survival(subs, reference_group="M")
    hrs = {h.group: h for h in res.hazard_ratios}
    assert hrs["Z"].hr is None
    assert hrs["N"].hr is not None and math.isfinite(hrs["N"].hr)
    assert {"no_events", "hr_not_estimable"} <= codes(res)
    assert res.logrank.chi2 is not None
    json.dumps(res.to_dict(), allow_nan=False)


def test_it_flags_a_reference_group_without_events():
    subs = [SurvivalSubject("ctl", "ctl", t, False) for t in (40, 50, 60)] + [
        SurvivalSubject("trt", "trt", t, True) for t in (10, 20, 30)
    ]
    res = analyse_survival(subs, reference_group="ctl")
    assert res.hazard_ratios[0].hr is None
    assert "reference_no_events" in codes(res)


def test_it_handles_no_subjects_and_defaults_the_reference():
    res = analyse_survival([])
    assert res.groups == () and "no_subjects" in codes(res)
    res = analyse_survival(aml_subjects())
    assert res.reference == "M" and "reference_defaulted" in codes(res)
    with pytest.raises(ValueError):
        analyse_survival([SurvivalSubject(1, "a", -1, True)])


# ---- median on a flat stretch at exactly 0.5 (R survfit / quantile.survfit, GraphPad Prism)
#
# R is not installed here. The expected values are derived by hand from R's documented algorithm
# (survival package, R/quantile.survfit.R, function findq; ?quantile.survfit): the quantile is where a
# horizontal line at 0.5 meets the step curve; where the curve is within sqrt(.Machine$double.eps) of
# 0.5 over a stretch, the midpoint of that stretch, whose end is the next time the curve changes
# (censoring times inside the stretch do not end it) or, when the curve ends on the stretch, the last
# follow-up time. The same rule is applied to the lower and upper CI curves for the median's CI.
# GraphPad Prism documents the same convention (Machin): "horizontal at 50 % between 9 and 17 months
# ... median survival is the average of those two values, 13 months", and, when a curve ends at 50 %
# on day 2 after reaching it on day 1, 1.5 days (Prism knowledge base #1800, fixed in Prism 6).


def _subjects(group, pairs):
    return [SurvivalSubject(group, group, float(t), bool(e)) for t, e in pairs]


def test_it_reports_the_midpoint_of_a_flat_stretch_at_one_half_by_default():
    # 10 mice, no censoring, deaths on days 11..20: 5 of 10 dead on day 15, S = 0.5 until day 16.
    # R: (15 + 16)/2 = 15.5 — the usual median of uncensored data, as R's help page says.
    res = analyse_survival(_subjects("a", [(t, 1) for t in range(11, 21)]))
    assert res.median_rule == "midpoint" and res.to_dict()["median_rule"] == "midpoint"
    assert res.groups[0].median_days == 15.5 == float(np.median(np.arange(11, 21)))


def test_it_ends_the_flat_stretch_at_the_next_event_not_at_a_censoring_time():
    # deaths 10, 12, 14, 16, 18 (S = 0.5), censored 19 and 20 (S stays 0.5), deaths 22, 24, censored 30:
    # R drops the censoring times (duplicated S) so the stretch runs 18 -> 22: median 20.
    pairs = [(10, 1), (12, 1), (14, 1), (16, 1), (18, 1), (19, 0), (20, 0), (22, 1), (24, 1), (30, 0)]
    assert analyse_survival(_subjects("a", pairs)).groups[0].median_days == 20.0
    assert analyse_survival(_subjects("a", pairs), median_rule="first").groups[0].median_days == 18.0


def test_it_takes_the_last_follow_up_when_the_curve_ends_at_one_half():
    # 5 of 10 die (days 10–18), the other 5 are alive at their last measurement (20–25): S ends at 0.5.
    # R (findq, "flat at the end of the curve"): (18 + 25)/2 = 21.5; Prism 6 the same.
    pairs = [(10, 1), (12, 1), (14, 1), (16, 1), (18, 1), (20, 0), (21, 0), (22, 0), (23, 0), (25, 0)]
    assert analyse_survival(_subjects("a", pairs)).groups[0].median_days == 21.5


def test_it_reproduces_the_graphpad_prism_documented_medians():
    # Prism guide: flat at 50 % between 9 and 17 -> 13.
    prism = _subjects("a", [(5, 1), (9, 1), (17, 1), (20, 1)])
    # Prism KB #1800: a curve reaching 50 % on day 1 and ending on day 2 has median 1.5, even when
    # another data set runs to day 6 (Prism 5 wrongly averaged with 6 and reported 3.5).
    kb = _subjects("ctl", [(1, 1), (2, 0)]) + _subjects("trt", [(3, 1), (4, 1), (6, 0)])
    assert analyse_survival(prism).groups[0].median_days == 13.0
    by = {g.group: g for g in analyse_survival(kb, reference_group="ctl").groups}
    assert by["ctl"].median_days == 1.5


def test_it_applies_r_rule_to_the_median_ci_limits():
    # Uncensored deaths on days 11..20, R's default "log" CI. After k deaths S = (10 − k)/10 and the
    # Greenwood sum is sum_{i<=k} 1/((11 − i)(10 − i)) = 1/(10 − k) − 1/10 (telescoping), so
    # lower = S·exp(−1.96σ), upper = min(1, S·exp(1.96σ)); by hand: lower 0.732, 0.587, 0.467 on days
    # 11–13, upper 1, 1, 1, 0.995, 0.929, 0.855, 0.773, 0.691, 0.642 on days 11–19 and no CI on day 20
    # (S = 0, R: NA). The median's CI is where each limit curve first reaches 0.5: (13, NA).
    z = stats.norm.ppf(0.975)
    days = np.arange(11, 21)
    lower, upper = [], []
    for k in range(1, 11):
        s = (10 - k) / 10
        if s == 0:
            lower.append(np.nan)
            upper.append(np.nan)
            continue
        sig = math.sqrt(1 / (10 - k) - 1 / 10)
        lower.append(s * math.exp(-z * sig))
        upper.append(min(1.0, s * math.exp(z * sig)))
    assert [round(v, 3) for v in lower[:3]] == [0.732, 0.587, 0.467]
    assert all(v > 0.5 for v in upper[:9]) and np.isnan(upper[9])
    res = analyse_survival(_subjects("a", [(t, 1) for t in days]), ci_method="log")
    assert res.groups[0].median_ci95 == (13.0, None)
    # A CI curve that sits exactly at 0.5 over a stretch takes the midpoint, as R's findq does for
    # 1 − lower and 1 − upper; NaN (no CI after S = 0) never counts.
    t = np.array([0, 5, 9, 17, 20.0])
    assert survival_quantile(t, np.array([1, 0.8, 0.5, 0.3, np.nan])) == 13.0
    assert survival_quantile(t, np.array([1, 0.8, 0.5, 0.5, np.nan])) is None  # ends NaN: R gives NA
    assert survival_quantile(t, np.array([1, 0.8, 0.5, 0.5, 0.5])) == 14.5  # ends at 0.5: to t = 20
    assert survival_quantile(t, np.array([1, 0.8, 0.5, 0.3, 0.1]), rule="first") == 9.0


def test_it_keeps_the_first_time_rule_as_an_option():
    pairs = [(t, 1) for t in range(11, 21)]
    res = analyse_survival(_subjects("a", pairs), median_rule="first")
    assert res.groups[0].median_days == 15.0 and res.to_dict()["median_rule"] == "first"
    with pytest.raises(ValueError):
        analyse_survival(_subjects("a", pairs), median_rule="last")


# ---- Cox model fitted to full precision (R coxph converges to the maximum; so must we)


def efron_reference(durations, events, X, beta):
    """Efron partial log-likelihood, score and information, written out with plain loops (Therneau &
    Grambsch 2000 §3.3), independent of lifelines and of the code under test."""
    X = np.asarray(X, float)
    d = X.shape[1]
    ll, score, info = 0.0, np.zeros(d), np.zeros((d, d))
    r = np.exp(X @ beta)
    for t in sorted(set(durations[events == 1])):
        risk = durations >= t
        dead = (durations == t) & (events == 1)
        m = int(dead.sum())
        s0, s1, s2 = (
            r[risk].sum(),
            (r[risk, None] * X[risk]).sum(0),
            np.einsum("i,ij,ik->jk", r[risk], X[risk], X[risk]),
        )
        d0, d1, d2 = (
            r[dead].sum(),
            (r[dead, None] * X[dead]).sum(0),
            np.einsum("i,ij,ik->jk", r[dead], X[dead], X[dead]),
        )
        ll += float(X[dead].sum(0) @ beta)
        score += X[dead].sum(0)
        for k in range(m):
            f = k / m
            a0, a1, a2 = s0 - f * d0, s1 - f * d1, s2 - f * d2
            ll -= math.log(a0)
            score -= a1 / a0
            info += a2 / a0 - np.outer(a1, a1) / a0**2
    return ll, score, info


def efron_mle(durations, events, X):
    """Full Newton–Raphson to machine precision (R coxph iterates full Newton steps)."""
    beta = np.zeros(np.asarray(X).shape[1])
    for _ in range(50):
        _, score, info = efron_reference(durations, events, X, beta)
        step = np.linalg.solve(info, score)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-14:
            break
    return beta


def test_it_fits_the_aml_cox_model_to_full_precision_like_r():
    res = analyse_survival(aml_subjects(), reference_group="M")
    (hr,) = res.hazard_ratios
    T = np.array([t for t, _ in AML_MAINTAINED + AML_NONMAINTAINED], float)
    E = np.array([e for _, e in AML_MAINTAINED + AML_NONMAINTAINED], int)
    X = np.array([[0.0]] * len(AML_MAINTAINED) + [[1.0]] * len(AML_NONMAINTAINED))
    beta = efron_mle(T, E, X)
    ll1, _, info = efron_reference(T, E, X, beta)
    ll0, u0, i0 = efron_reference(T, E, X, np.zeros(1))
    se = math.sqrt(np.linalg.inv(info)[0, 0])
    assert hr.coef == pytest.approx(beta[0], abs=1e-10)
    assert hr.se == pytest.approx(se, abs=1e-10)
    assert hr.p == pytest.approx(2 * stats.norm.sf(abs(beta[0]) / se), abs=1e-10)
    # R prints: coef 0.9155, exp(coef) 2.4981, se(coef) 0.5119, z 1.788, p 0.0737;
    # "Likelihood ratio test=3.38 on 1 df, p=0.06581" (print.coxph, survival 3.x).
    assert (round(hr.coef, 4), round(hr.hr, 4), round(hr.se, 4)) == (0.9155, 2.4981, 0.5119)
    assert round(hr.coef / hr.se, 3) == 1.788 and round(hr.p, 4) == 0.0737
    tests = res.to_dict()["cox_tests"]
    assert tests["likelihood_ratio"]["df"] == 1 and round(tests["likelihood_ratio"]["chi2"], 2) == 3.38
    assert tests["likelihood_ratio"]["p"] == pytest.approx(0.06581, abs=5e-6)
    assert tests["likelihood_ratio"]["chi2"] == pytest.approx(2 * (ll1 - ll0), abs=1e-9)
    assert tests["wald"]["chi2"] == pytest.approx((beta[0] / se) ** 2, abs=1e-9)
    assert tests["wald"]["p"] == pytest.approx(hr.p, abs=1e-12)
    # score test at beta = 0 (Efron), what summary.coxph prints as "Score (logrank) test"
    assert tests["score"]["chi2"] == pytest.approx(u0[0] ** 2 / i0[0, 0], abs=1e-10)
    assert round(tests["score"]["chi2"], 2) == 3.42


def test_it_fits_a_four_arm_study_cox_model_to_full_precision():
    # the demo study's arms: lifelines' default stopping rule left coef off by 4e-4 here
    from studies.analysis.simulate import simulate_study

    st = simulate_study(38)
    last: dict = {}
    for m in st.measurements:
        last[m.tag] = max(last.get(m.tag, 0), m.day)
    exits = {e.tag: e.day for e in st.events if e.kind in ("endpoint_euthanasia", "found_dead")}
    subjects = [
        SurvivalSubject(a.arm, a.arm, exits.get(a.tag, last[a.tag]), a.tag in exits) for a in st.animals
    ]
    res = analyse_survival(subjects, reference_group="Vehicle")
    fitted = [h for h in res.hazard_ratios if h.coef is not None]
    arms = [h.group for h in fitted]
    keep = [s for s in subjects if s.group_id in ("Vehicle", *arms)]
    T = np.array([s.time_days for s in keep])
    E = np.array([int(s.event) for s in keep])
    X = np.array([[float(s.group_id == g) for g in arms] for s in keep])
    beta = efron_mle(T, E, X)
    _, _, info = efron_reference(T, E, X, beta)
    se = np.sqrt(np.diag(np.linalg.inv(info)))
    for k, h in enumerate(fitted):
        assert h.coef == pytest.approx(beta[k], abs=1e-9)
        assert h.se == pytest.approx(se[k], abs=1e-9)
        assert h.p == pytest.approx(2 * stats.norm.sf(abs(beta[k]) / se[k]), abs=1e-10)
    assert not [f for f in res.flags if f.code == "cox_convergence"]
