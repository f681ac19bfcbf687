"""Growth summaries: hand-computed TGI/T-C, regression, response classes, growth delay, statistics."""

import json
import math

import numpy as np
import pytest
from scipy import stats

from studies.analysis.growth import (
    AnimalSeries,
    ResponseCriteria,
    classify_response,
    compare_growth_rates,
    compare_log_volumes,
    holm,
    summarise_growth,
)


def example():
    """Control: baseline 100, 200 → mean 150; day 10: 500, 700 → 600 (ΔC = 450).
    T: 100, 100 → 100; day 10: 200, 300 → 250 (ΔT = 150): TGI = (1 − 150/450)·100 = 66.667 %,
    T/C = 250/600·100 = 41.667 %.
    R: 120, 80 → 100; day 10: 40, 60 → 50 (ΔT = −50): regression (1 − 50/100)·100 = 50 %.
    Two mice per group: the tests of the formulas lower the minimum control n for TGI (3) to 1."""
    return [
        AnimalSeries("c1", "C", [(0, 100), (10, 500)], [(0, 20.0), (10, 21.0)]),
        AnimalSeries("c2", "C", [(10, 700), (0, 200)], [(0, 20.0), (10, 19.0)]),
        AnimalSeries("t1", "T", [(0, 100), (10, 200)], [(0, 20.0), (10, 18.0)]),
        AnimalSeries("t2", "T", [(0, 100), (10, 300)], [(0, 25.0), (10, 25.0)]),
        AnimalSeries("r1", "R", [(0, 120), (10, 40)]),
        AnimalSeries("r2", "R", [(0, 80), (10, 60)], exit_day=10, exit_reason="endpoint_euthanasia"),
    ]


def test_it_computes_tgi_and_tc_on_a_hand_computed_example():
    res = summarise_growth(example(), "C", group_names={"C": "Vehicle"}, tgi_min_control_n=1)
    assert res.baseline_day == 0
    tgi = {(t.group, t.day): t for t in res.tgi}
    t = tgi[("T", 10.0)]
    assert t.tgi_pct == pytest.approx(100 * (1 - 150 / 450))
    assert t.tc_pct == pytest.approx(100 * 250 / 600)
    assert (t.delta_t, t.delta_c) == (pytest.approx(150), pytest.approx(450))
    assert not t.regression and t.regression_pct is None
    ctrl = {g.group: g for g in res.groups}["C"]
    assert ctrl.name == "Vehicle"
    day10 = ctrl.series[1]
    assert (day10.day, day10.n, day10.mean_volume) == (10.0, 2, 600.0)
    assert day10.sem_volume == pytest.approx(100.0)  # SD 141.42 / √2
    assert ("C", 10.0) not in tgi and ("T", 0.0) not in tgi


def test_it_reports_regression_instead_of_tgi_when_treated_tumors_shrink():
    res = summarise_growth(example(), "C", tgi_min_control_n=1)
    r = {(t.group, t.day): t for t in res.tgi}[("R", 10.0)]
    assert r.regression is True
    assert r.tgi_pct is None
    assert r.regression_pct == pytest.approx(50.0)
    assert r.tgi_raw_pct == pytest.approx(100 * (1 + 50 / 450))
    assert r.tc_pct == pytest.approx(100 * 50 / 600)


def test_it_uses_geometric_means_when_asked():
    res = summarise_growth(example(), "C", mean="geometric", log_offset=0.0, tgi_min_control_n=1)
    t = {(t.group, t.day): t for t in res.tgi}[("T", 10.0)]
    assert t.tc_pct == pytest.approx(100 * math.sqrt(200 * 300) / math.sqrt(500 * 700))
    ctrl = {g.group: g for g in res.groups}["C"]
    assert ctrl.series[1].geo_mean_volume == pytest.approx(math.sqrt(500 * 700))


def test_it_keeps_every_animal_series_including_endpoint_animals_and_body_weight():
    res = summarise_growth(example(), "C")
    animals = {a.animal: a for a in res.animals}
    assert len(animals) == 6
    assert animals["r2"].exit_reason == "endpoint_euthanasia" and animals["r2"].volumes == (80.0, 60.0)
    assert animals["c2"].days == (0.0, 10.0)  # sorted
    assert animals["t1"].weight_change_pct == (0.0, pytest.approx(-10.0))
    assert animals["t1"].weight_nadir_pct == pytest.approx(-10.0)
    bw = {g.group: g for g in res.groups}["T"].body_weight
    assert bw[1].n == 2 and bw[1].mean_pct == pytest.approx(-5.0) and bw[1].sem_pct == pytest.approx(5.0)
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert {"n", "mean_volume", "sem_volume"} <= set(d["groups"][0]["series"][0])


def test_it_flags_a_control_that_does_not_grow():
    animals = [AnimalSeries("c", "C", [(0, 100), (5, 90)]), AnimalSeries("t", "T", [(0, 100), (5, 150)])]
    res = summarise_growth(animals, "C", tgi_min_control_n=1)
    assert res.tgi[0].tgi_pct is None and res.tgi[0].tc_pct == pytest.approx(150 / 90 * 100)
    assert "control_not_growing" in {f["code"] for f in res.flags}


def test_it_calls_complete_response_only_after_two_consecutive_nonpalpable_measurements():
    days = [0, 3, 6, 9, 12, 15]
    assert classify_response(days, [100, 50, 0, 20, 0, 0])[0] == "CR"
    assert classify_response(days, [100, 0, 30, 0, 40, 80])[0] != "CR"
    assert (
        classify_response(days, [100, 0, 30, 0, 40, 80], criteria=ResponseCriteria(cr_consecutive=1))[0]
        == "CR"
    )
    below = ResponseCriteria(cr_volume_mm3=25)
    assert classify_response(days, [100, 50, 20, 10, 40, 60], criteria=below)[0] == "CR"
    # a non-palpable baseline does not count as a response
    assert classify_response(days, [0, 0, 30, 60, 90, 120])[0] != "CR"


def test_it_classifies_partial_stable_and_progressive_disease():
    days = [0, 5, 10, 15, 20]
    cls, best, avg = classify_response(days, [100, 80, 60, 40, 30])
    assert cls == "PR" and best == pytest.approx(-70) and avg == pytest.approx(-38)
    assert classify_response(days, [100, 110, 120, 110, 100])[0] == "SD"
    assert classify_response([0, 5, 10, 15], [100, 200, 400, 800])[0] == "PD"
    # euthanised at endpoint before the evaluation window: progressive
    assert classify_response([0, 3, 6], [100, 600, 2100])[0] == "PD"
    assert classify_response([0, 3], [100, 90])[0] == "NE"


def test_it_computes_growth_delay_from_median_time_to_volume():
    mk = lambda a, g, hit, last=20: AnimalSeries(  # noqa: E731
        a, g, [(0, 100)] + [(d, 1200 if d >= hit else 500) for d in range(5, last + 1, 5)]
    )
    animals = [
        mk("c1", "C", 5),
        mk("c2", "C", 10),
        mk("c3", "C", 15),
        mk("t1", "T", 10),
        mk("t2", "T", 15),
        mk("t3", "T", 99),
    ]
    for method, expected in (("km", 15.0), ("median", 15.0)):
        res = summarise_growth(animals, "C", tgd_method=method, tgd_interpolate=False)
        g = {x.group: x for x in res.groups}
        assert g["C"].median_days_to_volume == 10.0
        assert g["T"].median_days_to_volume == expected
        assert g["T"].growth_delay_days == 5.0 and g["C"].growth_delay_days is None
    # interpolation: 500 → 1200 between day 0 and 5 reaches 1000 at 5·ln(2)/ln(2.4)
    res = summarise_growth([AnimalSeries("a", "C", [(0, 500), (5, 1200)])], "C")
    assert res.animals[0].days_to_volume == pytest.approx(5 * math.log(2) / math.log(2.4))


def test_it_adjusts_p_values_like_r_holm():
    # R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm([None, 0.5, float("nan")]) == [None, 0.5, None]
    assert holm([0.6, 0.7]) == pytest.approx([1.0, 1.0])
    assert holm([]) == []


def test_it_compares_log_volumes_with_welch_and_holm():
    rng = np.random.default_rng(4)
    animals = []
    for g, mu in (("C", 7.0), ("A", 6.0), ("B", 6.8)):
        for i in range(8):
            animals.append(AnimalSeries(f"{g}{i}", g, [(0, 80), (14, math.exp(rng.normal(mu, 0.5)))]))
    res = compare_log_volumes(animals, 14, control_group="C", log_offset=0.0)
    assert [(c.a, c.b) for c in res.comparisons] == [("C", "A"), ("C", "B")]
    logs = {g: [math.log(a.volumes[1][1]) for a in animals if a.group_id == g] for g in "CAB"}
    ref = stats.ttest_ind(logs["A"], logs["C"], equal_var=False)
    c = res.comparisons[0]
    assert c.t == pytest.approx(ref.statistic) and c.p == pytest.approx(ref.pvalue)
    assert c.ratio == pytest.approx(math.exp(np.mean(logs["A"]) - np.mean(logs["C"])))
    assert c.ratio_ci95[0] < c.ratio < c.ratio_ci95[1]
    assert [x.p_adjusted for x in res.comparisons] == pytest.approx(holm([x.p for x in res.comparisons]))
    assert "mixed_model" in res.note
    assert len(compare_log_volumes(animals, 14, comparisons="all").comparisons) == 3
    json.dumps(res.to_dict(), allow_nan=False)


def test_it_compares_per_animal_growth_rates():
    animals = [
        AnimalSeries(f"c{i}", "C", [(d, 50 * math.exp((0.2 + 0.01 * i) * d)) for d in (0, 3, 6, 9)])
        for i in range(5)
    ]
    animals += [
        AnimalSeries(f"t{i}", "T", [(d, 50 * math.exp((0.1 + 0.01 * i) * d)) for d in (0, 3, 6, 9)])
        for i in range(5)
    ]
    animals += [AnimalSeries("short", "T", [(0, 50), (3, 60)])]  # < 3 points: left out
    res = compare_growth_rates(animals, control_group="C", log_offset=0.0)
    (c,) = res.comparisons
    assert (c.n_a, c.n_b) == (5, 5)
    assert c.mean_a == pytest.approx(0.22) and c.mean_b == pytest.approx(0.12)
    assert c.ratio == pytest.approx(math.exp(-0.1))
    assert c.t == pytest.approx(-10.0) and c.df == pytest.approx(8.0)  # sd of slopes 0.0158, n = 5 each
    assert c.p == pytest.approx(2 * stats.t.sf(10.0, 8))


def test_it_rejects_inconsistent_series():
    with pytest.raises(ValueError):
        summarise_growth([AnimalSeries("a", "C", [(0, 100), (0, 120)])], "C")
    with pytest.raises(ValueError):
        summarise_growth([AnimalSeries("a", "C", [(0, -1)])], "C")
    with pytest.raises(ValueError):
        summarise_growth([AnimalSeries("a", "C", [(0, 1)]), AnimalSeries("a", "C", [(0, 1)])], "C")
    res = summarise_growth([AnimalSeries("a", "T", [(0, 100), (3, 200)])], "C")
    assert "no_control" in {f["code"] for f in res.flags} and res.tgi == ()


def test_it_computes_growth_delay_with_measurements_before_day_0():
    from studies.analysis.growth import AnimalSeries, summarise_growth

    animals = []
    for i in range(4):
        animals.append(AnimalSeries(f"c{i}", "ctrl", volumes=[(-3, 60), (4, 400), (11, 1200 + 50 * i)]))
        animals.append(
            AnimalSeries(f"t{i}", "trt", volumes=[(-3, 60), (4, 150), (11, 600 + 50 * i), (18, 1300)])
        )
    result = summarise_growth(
        animals, "ctrl", group_names={"ctrl": "Vehicle", "trt": "IL-2"}, baseline_day=-3
    )
    shifted = summarise_growth(
        [AnimalSeries(a.animal_id, a.group_id, volumes=[(d + 3, v) for d, v in a.volumes]) for a in animals],
        "ctrl",
        group_names={"ctrl": "Vehicle", "trt": "IL-2"},
        baseline_day=0,
    )
    delay = result.to_dict()["groups"]
    delay_shifted = shifted.to_dict()["groups"]
    assert [g.get("growth_delay_days") for g in delay] == pytest.approx(
        [g.get("growth_delay_days") for g in delay_shifted]
    )


# ---- survivor bias: group means stop when most animals have left (DOMAIN.md §8)


def dropout_study():
    """Control C: 10 mice on day 0 and 5, 6 left on day 10, 4 on day 15, 1 on day 20 (the others reached
    the endpoint). Treated T: 10 mice measured every day."""
    animals = []
    last_day = [20, 15, 15, 15, 10, 10, 5, 5, 5, 5]
    for i, last in enumerate(last_day):
        vols = [(d, 100.0 * (1 + d / 5) + 10 * i) for d in (0, 5, 10, 15, 20) if d <= last]
        animals.append(AnimalSeries(f"c{i}", "C", vols, [(d, 20.0 - d / 20) for d, _ in vols]))
    for i in range(10):
        vols = [(d, 100.0 + 10 * d + i) for d in (0, 5, 10, 15, 20)]
        animals.append(AnimalSeries(f"t{i}", "T", vols, [(d, 20.0) for d, _ in vols]))
    return animals


def test_it_stops_a_group_mean_curve_when_fewer_than_half_of_its_animals_remain():
    res = summarise_growth(dropout_study(), "C")
    ctrl = {g.group: g for g in res.groups}["C"]
    assert ctrl.n_animals == 10
    assert [(s.day, s.n, s.in_curve) for s in ctrl.series] == [
        (0.0, 10, True),
        (5.0, 10, True),
        (10.0, 6, True),
        (15.0, 4, False),  # 4 < 50 % of 10: the mean of the 4 smallest survivors is not plotted
        (20.0, 1, False),
    ]
    assert ctrl.curve_end_day == 10.0
    assert [w.in_curve for w in ctrl.body_weight] == [True, True, True, False, False]
    treated = {g.group: g for g in res.groups}["T"]
    assert all(s.in_curve for s in treated.series) and treated.curve_end_day == 20.0
    (flag,) = [f for f in res.flags if f["code"] == "mean_curve_stopped"]
    assert flag["group"] == "C" and "4 of 10" in flag["message"] and "day 15" in flag["message"]
    d = res.to_dict()
    assert d["mean_curve_min_fraction"] == 0.5 and d["tgi_min_control_n"] == 3
    assert [(s["day"], s["n"], s["in_curve"]) for s in d["groups"][0]["series"]][3] == (15.0, 4, False)
    json.dumps(d, allow_nan=False)
    # the cut-off is a setting: at 30 % the 4 of 10 on day 15 stay on the curve
    lenient = {g.group: g for g in summarise_growth(dropout_study(), "C", mean_curve_min_fraction=0.3).groups}
    assert [s.in_curve for s in lenient["C"].series] == [True, True, True, True, False]
    with pytest.raises(ValueError):
        summarise_growth(dropout_study(), "C", mean_curve_min_fraction=1.5)


def test_it_reports_no_tgi_where_the_control_is_too_small_and_says_why():
    tgi = {t.day: t for t in summarise_growth(dropout_study(), "C").tgi}
    assert tgi[10.0].tgi_pct is not None and tgi[10.0].withheld is None
    assert (tgi[10.0].n_treated, tgi[10.0].n_control) == (10, 6)
    for day, code in ((15.0, "control_curve_stopped"), (20.0, "control_below_min_n")):
        t = tgi[day]
        assert (t.tgi_pct, t.tc_pct, t.regression_pct, t.tgi_raw_pct) == (None, None, None, None)
        assert t.withheld == code and t.note
    assert "1 control animal" in tgi[20.0].note and "fewer than 3" in tgi[20.0].note
    # with a lenient curve cut-off, day 15 (4 controls) has TGI, day 20 (1 control) still not
    lenient = {t.day: t for t in summarise_growth(dropout_study(), "C", mean_curve_min_fraction=0.1).tgi}
    assert lenient[15.0].tgi_pct is not None and lenient[20.0].withheld == "control_below_min_n"
    assert "tgi_withheld" in {f["code"] for f in summarise_growth(dropout_study(), "C").flags}


def test_it_takes_the_r_midpoint_for_the_median_time_to_volume():
    # 5 of 10 reach 1000 mm³ (days 10–18), 5 never do (followed to day 30): the KM curve ends at 0.5,
    # so R's median is (18 + 30)/2 = 24 (quantile.survfit), not 18.
    animals = [AnimalSeries(f"r{d}", "C", [(0, 100), (d, 1200)]) for d in (10, 12, 14, 16, 18)]
    animals += [AnimalSeries(f"n{i}", "C", [(0, 100), (30, 500)]) for i in range(5)]
    res = summarise_growth(animals, "C", tgd_interpolate=False)
    assert res.groups[0].median_days_to_volume == 24.0
