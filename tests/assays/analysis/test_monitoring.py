"""Levey–Jennings limits, Westgard rules and the combination of potency runs for lot release."""

from __future__ import annotations

import json
import math

import pytest
from scipy import stats

from assays.analysis.monitoring import (
    DEFAULT_RULES,
    RunEstimate,
    combine_potency,
    levey_jennings,
    run_estimate_from_ci,
    westgard,
)

# --------------------------------------------------------------------------------------------------
# Levey–Jennings


def test_it_computes_levey_jennings_limits_from_the_baseline_only():
    values = [10.0, 12.0, 14.0, 11.0, 13.0, 40.0, None]
    lj = levey_jennings(values, [True, True, True, True, True, False, False])
    sd = math.sqrt((4 + 0 + 4 + 1 + 1) / 4)  # deviations from 12, n - 1 = 4
    assert (lj.mean, lj.sd, lj.n_baseline) == (pytest.approx(12.0), pytest.approx(sd), 5)
    assert lj.limit(2) == (pytest.approx(12 - 2 * sd), pytest.approx(12 + 2 * sd))
    d = lj.to_dict()
    assert d["scale"] == "linear" and d["center"] == pytest.approx(12.0) and d["sd_factor"] is None
    assert [lim["k"] for lim in d["limits"]] == [1, 2, 3]
    assert d["limits"][2]["upper"] == pytest.approx(12 + 3 * sd) == d["limits"][2]["upper_value"]
    assert lj.z_scores(values) == [pytest.approx((v - 12) / sd) for v in values[:6]] + [None]
    # the same baseline as indices; a missing baseline value is left out of n
    by_index = levey_jennings([10.0, float("nan"), 12.0, 14.0], [0, 1, 2, 3])
    assert by_index.n_baseline == 3 and by_index.baseline_indices == (0, 2, 3)
    assert by_index.mean == pytest.approx(12.0) and by_index.sd == pytest.approx(2.0)
    json.dumps(d, allow_nan=False)


def test_it_works_on_log10_and_back_transforms_the_limits():
    ec50 = [1.0, 10.0, 100.0, 1000.0]
    lj = levey_jennings(ec50, [0, 1, 2], log=True)
    assert lj.mean == pytest.approx(1.0) and lj.sd == pytest.approx(1.0)  # log10: 0, 1, 2
    assert lj.center == pytest.approx(10.0)  # geometric mean
    assert lj.limit_value(2) == (pytest.approx(0.1), pytest.approx(1000.0))
    assert lj.z_scores(ec50)[3] == pytest.approx(2.0)
    d = lj.to_dict()
    assert d["scale"] == "log10" and d["sd_factor"] == pytest.approx(10.0)
    assert d["limits"][0] == pytest.approx(
        {"k": 1, "lower": 0.0, "upper": 2.0, "lower_value": 1.0, "upper_value": 100.0}
    )
    with pytest.raises(ValueError, match="not positive"):
        lj.z_scores([0.0])
    with pytest.raises(ValueError, match="needs values > 0"):
        levey_jennings([1.0, -2.0, 3.0], [0, 1, 2], log=True)


def test_it_refuses_a_baseline_it_cannot_compute_limits_from():
    with pytest.raises(ValueError, match="1 finite value .*at least 2"):
        levey_jennings([5.0, None, 7.0], [0, 1])
    with pytest.raises(ValueError, match="0 finite values"):
        levey_jennings([5.0, 6.0], [])
    with pytest.raises(ValueError, match=r"equal \(SD = 0\)"):
        levey_jennings([3.3, 3.3, 3.3, 9.0], [0, 1, 2])
    with pytest.raises(ValueError, match="equal"):
        levey_jennings([50.0, 50.0], [True, True], log=True)
    with pytest.raises(ValueError, match="outside the series"):
        levey_jennings([1.0, 2.0], [0, 2])
    with pytest.raises(ValueError, match="2 entries for 3 values"):
        levey_jennings([1.0, 2.0, 3.0], [True, False])
    with pytest.raises(ValueError, match="listed twice"):
        levey_jennings([1.0, 2.0, 3.0], [0, 0, 1])


# --------------------------------------------------------------------------------------------------
# Westgard

# each rule fires once, at a known place, and nowhere else; 7 and 13 are missing
SERIES = [
    0.5, -0.5, 3.5, -0.5,  # 2: 1-3s
    -2.5, -2.5,  # 4, 5: 2-2s (and 1-2s each)
    0.5, None,
    2.5, -2.5,  # 8, 9: R-4s, across the missing point 7 (and 1-2s each)
    0.5,
    1.5, 1.5, None, 1.5, 1.5,  # 11, 12, 14, 15: 4-1s; the missing 13 does not break the window
    -0.5,
    *[0.3] * 10,  # 17-26: 10-x
    -0.5,
]  # fmt: skip


def test_each_westgard_rule_fires_exactly_where_expected():
    flags = westgard(SERIES)
    assert [f.index for f in flags] == list(range(len(SERIES)))
    rules = {f.index: f.rules for f in flags if f.rules}
    expected = {
        2: ("1-2s", "1-3s"),
        4: ("1-2s", "2-2s"),
        5: ("1-2s", "2-2s"),
        8: ("1-2s", "R-4s"),
        9: ("1-2s", "R-4s"),
        11: ("4-1s",),
        12: ("4-1s",),
        14: ("4-1s",),
        15: ("4-1s",),
        **{i: ("10-x",) for i in range(17, 27)},
    }
    assert rules == expected
    completes = {f.index: f.completes for f in flags if f.completes}
    assert completes == {
        2: ("1-2s", "1-3s"),
        4: ("1-2s",),
        5: ("1-2s", "2-2s"),
        8: ("1-2s",),
        9: ("1-2s", "R-4s"),
        15: ("4-1s",),
        26: ("10-x",),
    }
    status = {f.index: f.status for f in flags if f.status != "in_control"}
    assert status == {
        2: "rejection",
        4: "warning",
        5: "rejection",
        7: "missing",
        8: "warning",
        9: "rejection",
        13: "missing",
        15: "rejection",
        26: "rejection",
    }
    assert flags[13].to_dict() == {"index": 13, "z": None, "rules": [], "completes": [], "status": "missing"}
    assert flags[9].to_dict() == {
        "index": 9,
        "z": -2.5,
        "rules": ["1-2s", "R-4s"],
        "completes": ["1-2s", "R-4s"],
        "status": "rejection",
    }
    json.dumps([f.to_dict() for f in flags], allow_nan=False)


def test_westgard_windows_slide_and_limits_are_exceeded_strictly():
    # three in a row beyond +2 SD: 2-2s completes at the second and the third
    flags = westgard([0.0, 2.1, 2.2, 2.3, 0.0])
    assert [f.completes for f in flags] == [(), ("1-2s",), ("1-2s", "2-2s"), ("1-2s", "2-2s"), ()]
    # exactly on a limit is not beyond it
    on = westgard([2.0, 2.0, -2.0, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0, 2.0])
    assert all(f.rules == () for f in on)
    assert westgard([3.0])[0].rules == ("1-2s",)  # beyond 2 SD, not beyond 3 SD
    # a zero is on neither side of the mean: it breaks a 10-x run
    assert all(f.rules == () for f in westgard([0.1] * 5 + [0.0] + [0.1] * 5))
    assert westgard([0.1] * 11)[-1].completes == ("10-x",)
    assert westgard([0.1] * 11)[0].rules == ("10-x",)


def test_westgard_applies_only_the_requested_rules_and_treats_nan_as_missing():
    flags = westgard(SERIES, rules=["1-3s", "R-4s"])
    assert {f.index: f.rules for f in flags if f.rules} == {2: ("1-3s",), 8: ("R-4s",), 9: ("R-4s",)}
    nan = westgard([2.5, float("nan"), 2.5])
    assert nan[1].status == "missing" and nan[2].completes == ("1-2s", "2-2s")
    assert set(DEFAULT_RULES) == {"1-2s", "1-3s", "2-2s", "R-4s", "4-1s", "10-x"}
    with pytest.raises(ValueError, match="Unknown Westgard rule"):
        westgard([0.0], rules=["2of3-2s"])


def test_levey_jennings_z_scores_feed_westgard():
    values = [100.0, 104.0, 96.0, 102.0, 98.0, 100.0, 112.0]
    lj = levey_jennings(values, range(6))
    flags = westgard(lj.z_scores(values))
    assert lj.sd == pytest.approx(math.sqrt(40 / 5))  # deviations 0, 4, -4, 2, -2, 0
    assert flags[6].z == pytest.approx(12 / math.sqrt(8)) and flags[6].status == "rejection"
    assert flags[6].completes == ("1-2s", "1-3s")


# --------------------------------------------------------------------------------------------------
# Combination of runs

# Ph. Eur. 5.3 section 6.4 (Table 6.4.-1; the same example in the Czech Pharmacopoeia 1997, 5.3 section 6.4,
# lekopis.cz/Kap_5_3_6_4.htm): six independent assays, 20 df each, potency in IU/vial with 95 % limits.
# Published: ln potencies 9.8183 ... 9.8130, weights 3777.7 3951.5 2462.5 4003.0 3175.6 4699.5 (ln scale),
# chi2 = 4.42 on 5 df (p = 0.49), weighted mean 9.8085, SE 0.00673, 95 % limits 9.7951-9.8218 with t on
# 120 df: potency 18 187 IU/vial, limits 17 946 to 18 431.
PHEUR = [
    (18367, 17755, 19002),
    (18003, 17415, 18610),
    (18064, 17319, 18838),
    (17832, 17253, 18429),
    (18635, 17959, 19339),
    (18269, 17722, 18834),
]


def test_it_reproduces_the_ph_eur_5_3_combination_example():
    # potencies in IU/vial are on the same footing as RP: only ratios and logs enter
    runs = [run_estimate_from_ci(f"A{i + 1}", p, lo, hi, df=20) for i, (p, lo, hi) in enumerate(PHEUR)]
    ln10 = math.log(10.0)
    weights_ln = [1.0 / (r.se * ln10) ** 2 for r in runs]
    assert weights_ln == [
        pytest.approx(v, abs=0.06) for v in (3777.7, 3951.5, 2462.5, 4003.0, 3175.6, 4699.5)
    ]
    res = combine_potency(runs)
    assert res.chi2 == pytest.approx(4.42, abs=0.005) and res.chi2_df == 5
    assert res.chi2_p == pytest.approx(0.49, abs=0.005) and res.homogeneous
    est = res.reportable
    assert (res.reportable_method, res.method_basis, est.df) == ("weighted", "homogeneous", 120)
    assert est.log10_rp * ln10 == pytest.approx(9.8085, abs=5e-5)
    assert est.se * ln10 == pytest.approx(0.00673, abs=5e-6)
    lo, hi = est.ci_log10
    assert (lo * ln10, hi * ln10) == (pytest.approx(9.7951, abs=5e-5), pytest.approx(9.8218, abs=5e-5))
    assert est.rp_pct / 100 == pytest.approx(18187, abs=0.5)
    assert [v / 100 for v in est.ci_pct] == [pytest.approx(17946, abs=0.5), pytest.approx(18431, abs=0.5)]


def test_it_combines_homogeneous_runs_by_the_weighted_mean_with_t_on_the_summed_df():
    m, se, df = [0.01, -0.01, 0.02], [0.03, 0.04, 0.05], [10, 12, 14]
    runs = [RunEstimate(f"R{i}", m[i], se[i], df[i]) for i in range(3)]
    res = combine_potency(runs, specification=(80.0, 125.0))
    w = [1 / s**2 for s in se]
    sw = sum(w)
    mean = sum(wi * mi for wi, mi in zip(w, m, strict=True)) / sw
    chi2 = sum(wi * (mi - mean) ** 2 for wi, mi in zip(w, m, strict=True))
    assert res.chi2 == pytest.approx(chi2) and res.chi2_p == pytest.approx(stats.chi2.sf(chi2, 2))
    est = res.reportable
    assert est.method == "weighted" and est.log10_rp == pytest.approx(mean)
    assert est.se == pytest.approx(1 / math.sqrt(sw))
    t = stats.t.ppf(0.975, 36)
    assert est.df == 36 and est.t == pytest.approx(t)
    assert est.rp_pct == pytest.approx(100 * 10**mean)
    assert est.ci_pct == (
        pytest.approx(100 * 10 ** (mean - t / math.sqrt(sw))),
        pytest.approx(100 * 10 ** (mean + t / math.sqrt(sw))),
    )
    assert est.weights_pct == tuple(pytest.approx(100 * wi / sw) for wi in w)
    assert res.passes is True and res.ci_within is True
    # the unweighted mean is reported alongside
    un = res.estimates["unweighted"]
    sd = math.sqrt(sum((mi - sum(m) / 3) ** 2 for mi in m) / 2)
    assert un.log10_rp == pytest.approx(sum(m) / 3) and un.se == pytest.approx(sd / math.sqrt(3))
    assert un.df == 2 and un.t == pytest.approx(stats.t.ppf(0.975, 2))
    assert set(res.estimates) == {"weighted", "unweighted"}


def test_it_uses_the_normal_quantile_when_a_run_has_no_df():
    runs = [RunEstimate("a", 0.0, 0.02, 10), RunEstimate("b", 0.01, 0.02, None), RunEstimate("c", 0.0, 0.03)]
    est = combine_potency(runs).reportable
    assert est.df is None and est.t == pytest.approx(stats.norm.ppf(0.975))


def test_it_combines_heterogeneous_runs_by_the_semi_weighted_mean():
    m, se, df = [0.0, 0.1, 0.3], [0.02, 0.03, 0.025], [20, 20, 20]
    runs = [RunEstimate(f"R{i}", m[i], se[i], df[i]) for i in range(3)]
    res = combine_potency(runs, specification=(80.0, 125.0))
    assert not res.homogeneous and res.chi2_p < 0.05
    assert (res.reportable_method, res.method_basis) == ("semi_weighted", "heterogeneous")
    # by hand: s_b^2 = sum (M - unweighted mean)^2 / (n - 1) - mean of s^2  (Ph. Eur. 5.3, 6.2.4)
    mu = sum(m) / 3
    s_b2 = sum((x - mu) ** 2 for x in m) / 2 - sum(s**2 for s in se) / 3
    assert s_b2 > 0
    w = [1 / (s**2 + s_b2) for s in se]
    mean = sum(wi * mi for wi, mi in zip(w, m, strict=True)) / sum(w)
    est = res.reportable
    assert est.between_run_variance == pytest.approx(s_b2)
    assert est.log10_rp == pytest.approx(mean) and est.se == pytest.approx(1 / math.sqrt(sum(w)))
    assert est.t == 2.0 and est.df is None
    assert est.ci_log10 == (
        pytest.approx(mean - 2 / math.sqrt(sum(w))),
        pytest.approx(mean + 2 / math.sqrt(sum(w))),
    )
    assert set(res.estimates) == {"semi_weighted", "unweighted"}
    # 100 * 10^mean is about 137 %: outside 80-125 %
    assert res.passes is False and res.ci_within is False
    # the caller may report the unweighted mean instead
    forced = combine_potency(runs, method="unweighted")
    assert (forced.reportable_method, forced.method_basis) == ("unweighted", "requested")
    assert forced.reportable.log10_rp == pytest.approx(mu)
    assert forced.to_dict()["included"][0]["weight_pct"] == pytest.approx(100 / 3)


def test_it_sets_a_negative_between_run_variance_to_zero():
    # the unweighted spread of the runs is below their mean within-run variance (a precise run near two
    # imprecise ones that agree): s_b^2 would be negative
    runs = [
        RunEstimate("a", 0.0, 0.005, 20),
        RunEstimate("b", 0.05, 0.2, 20),
        RunEstimate("c", 0.05, 0.2, 20),
    ]
    m = [0.0, 0.05, 0.05]
    raw = sum((x - 0.1 / 3) ** 2 for x in m) / 2 - (0.005**2 + 0.2**2 + 0.2**2) / 3
    assert raw < 0
    res = combine_potency(runs, alpha=0.999)  # chi-square p = 0.94 < 0.999: the heterogeneous branch
    est = res.estimates["semi_weighted"]
    assert est.between_run_variance == 0.0
    w = [1 / 0.005**2, 1 / 0.2**2, 1 / 0.2**2]
    assert est.log10_rp == pytest.approx(sum(wi * mi for wi, mi in zip(w, m, strict=True)) / sum(w))


def test_it_derives_the_se_from_a_95_percent_interval():
    r = run_estimate_from_ci("R1", 1.1, 0.9, 1.3, df=15)
    assert r.log10_rp == pytest.approx(math.log10(1.1))
    assert r.se == pytest.approx((math.log10(1.3) - math.log10(0.9)) / (2 * stats.t.ppf(0.975, 15)))
    normal = run_estimate_from_ci("R2", 105.0, 95.0, 116.0)  # % works too: only ratios enter the SE
    assert normal.se == pytest.approx((math.log10(116) - math.log10(95)) / (2 * stats.norm.ppf(0.975)))
    with pytest.raises(ValueError, match="outside its interval"):
        run_estimate_from_ci("R3", 2.0, 0.9, 1.3)
    with pytest.raises(ValueError, match="lower limit must be a positive number"):
        run_estimate_from_ci("R4", 1.0, 0.0, 1.3)
    with pytest.raises(ValueError, match="degrees of freedom"):
        run_estimate_from_ci("R5", 1.0, 0.9, 1.3, df=0)


def test_it_lists_excluded_runs_and_refuses_too_few_valid_ones():
    runs = [
        RunEstimate("1", 0.0, 0.02, 20),
        RunEstimate("2", 0.01, 0.02, 20),
        RunEstimate("3", None, None, excluded="Z′ 0.31 below 0.5"),
        RunEstimate("4", 0.2, 0.02, 20, excluded="test and reference not similar"),
    ]
    with pytest.raises(ValueError) as err:
        combine_potency(runs)
    msg = str(err.value)
    assert "at least 3 valid independent runs; 2 remain of 4, 2 excluded" in msg
    assert "run 3: Z′ 0.31 below 0.5" in msg and "run 4: test and reference not similar" in msg
    res = combine_potency(runs, min_runs=2)
    d = res.to_dict()
    assert (d["n_runs"], d["n_included"], d["n_excluded"]) == (4, 2, 2)
    assert d["excluded"] == [
        {"run": "3", "reason": "Z′ 0.31 below 0.5", "log10_rp": None, "rp_pct": None},
        {
            "run": "4",
            "reason": "test and reference not similar",
            "log10_rp": 0.2,
            "rp_pct": pytest.approx(100 * 10**0.2),
        },
    ]
    assert [r["run"] for r in d["included"]] == ["1", "2"]
    assert [r["weight_pct"] for r in d["included"]] == [pytest.approx(50.0), pytest.approx(50.0)]
    with pytest.raises(ValueError, match="no relative potency estimate; exclude it"):
        combine_potency([RunEstimate("1", None, None), RunEstimate("2", 0.0, 0.1)], min_runs=2)
    with pytest.raises(ValueError, match="needs a reason"):
        combine_potency([*runs[:2], RunEstimate("5", 0.0, 0.1, excluded=" ")], min_runs=2)
    with pytest.raises(ValueError, match="listed twice"):
        combine_potency([runs[0], runs[0]], min_runs=2)
    with pytest.raises(ValueError, match="at least 2"):
        combine_potency(runs[:2], min_runs=1)


def test_it_checks_the_specification_on_the_point_estimate_and_reports_the_ci():
    # the point estimate (123 %) is inside 80-125 %, its CI is not: release judges the point estimate
    runs = [RunEstimate(str(i), 0.09, 0.05, 5) for i in range(3)]  # 10^0.09 = 123 %
    res = combine_potency(runs, specification=(80.0, 125.0))
    assert res.reportable.rp_pct == pytest.approx(100 * 10**0.09)
    assert res.passes is True and res.ci_within is False
    spec = res.to_dict()["specification"]
    assert spec == {"low_pct": 80.0, "high_pct": 125.0, "passes": True, "ci_within": False}
    assert combine_potency(runs).to_dict()["specification"] is None
    # limits are inclusive
    edge = [RunEstimate(str(i), math.log10(1.25), 0.01, 5) for i in range(3)]
    assert combine_potency(edge, specification=(80.0, 125.0)).passes is True
    with pytest.raises(ValueError, match="low limit 130 % is above its high limit 125 %"):
        combine_potency(runs, specification=(130.0, 125.0))
    with pytest.raises(ValueError, match="positive percentages"):
        combine_potency(runs, specification=(0.0, 125.0))
    with pytest.raises(ValueError, match="Unknown combination method"):
        combine_potency(runs, method="semi")


def test_the_lot_release_dict_is_json_safe_and_complete():
    runs = [RunEstimate("a", 0.0, 0.02, 20), RunEstimate("b", 0.0, 0.02, 20), RunEstimate("c", 0.0, 0.02, 20)]
    d = combine_potency(runs, specification=(80, 125)).to_dict()
    json.dumps(d, allow_nan=False)
    assert set(d) == {
        "n_runs", "n_included", "n_excluded", "min_runs", "log_base", "level", "included", "excluded",
        "homogeneity", "method", "method_basis", "reportable", "estimates", "specification",
    }  # fmt: skip
    assert d["homogeneity"] == {
        "test": "cochran_chi2", "chi2": 0.0, "df": 2, "p_value": 1.0, "alpha": 0.05, "homogeneous": True,
    }  # fmt: skip
    assert d["reportable"]["rp_pct"] == pytest.approx(100.0)
    assert set(d["reportable"]) == {
        "method", "log10_rp", "se_log10_rp", "df", "t", "ci_log10", "rp_pct", "ci_pct", "weights_pct",
        "between_run_variance",
    }  # fmt: skip
    # identical runs: the unweighted SE is 0 and its interval has no width (no NaN)
    assert d["estimates"]["unweighted"]["ci_pct"] == [pytest.approx(100.0), pytest.approx(100.0)]
