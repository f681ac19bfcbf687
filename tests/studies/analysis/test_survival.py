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
        lo, hi = median_survival_times(kmf.confidence_interval_).iloc[0]
        mine = (survival_quantile(km.times, km.ci_low), survival_quantile(km.times, km.ci_high))
        assert mine == tuple(None if math.isinf(x) else x for x in (lo, hi))
        assert survival_quantile(km.times, km.survival) == kmf.median_survival_time_


def test_it_takes_the_first_time_or_r_midpoint_when_the_curve_sits_at_one_half():
    times, surv = np.array([0, 1, 2, 3, 4.0]), np.array([1, 0.75, 0.5, 0.25, 0.0])
    assert survival_quantile(times, surv) == 2
    assert survival_quantile(times, surv, rule="midpoint") == 2.5
    # rounding noise around 0.5 still counts as 0.5
    assert survival_quantile(times, np.array([1, 0.75, 0.5000000000001, 0.25, 0])) == 2


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
        "groups",
        "logrank",
        "pairwise",
        "adjustment",
        "hazard_ratios",
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
