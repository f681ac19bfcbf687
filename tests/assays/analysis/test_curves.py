"""Curve fitting behaviour: weighting, inverse prediction, flags, bad input, 5PL, batched fits."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy.optimize import curve_fit

from assays.analysis.curves import (
    MODELS,
    CurveFitError,
    compare_models,
    fit_best,
    fit_curve,
    fit_many,
    get_model,
    level_means,
)

FOUR = MODELS["4PL"]
DOSES = np.repeat(1000.0 / 3.0 ** np.arange(8)[::-1], 2)  # 8 doses x 2 replicates


def _four_pl(x, bottom, top, hill, log_ec50):
    return bottom + (top - bottom) / (1.0 + 10.0 ** ((log_ec50 - np.log10(x)) * hill))


def _simulate(n, seed, cv=0.04):
    rng = np.random.default_rng(seed)
    truth = np.stack(
        [
            rng.uniform(50, 200, n),
            rng.uniform(2_000, 20_000, n),
            rng.uniform(0.7, 2.0, n) * rng.choice([-1.0, 1.0], n),
            rng.uniform(0.5, 2.5, n),
        ],
        axis=1,
    )
    truth[:, 1] += truth[:, 0]
    y = FOUR.fn(DOSES, truth) * (1 + cv * rng.standard_normal((n, DOSES.size)))
    return y, truth


def _theta(fit):
    return np.asarray(fit.theta)


def _se(fit):
    return np.asarray([fit.standard_errors[k] for k in ("bottom", "top", "hill_slope", "log_ec50")])


def test_it_uses_prism_names_and_the_api_shape():
    y, _ = _simulate(1, 1)
    d = fit_curve(DOSES, y[0]).to_dict(unknowns=[y[0].mean(), 1e9])
    assert list(d) == [
        "model", "weighting", "n", "df", "parameters", "standard_errors", "ec50_ci95",
        "rss", "sy_x", "r_squared", "aic", "flags", "unknowns",
    ]  # fmt: skip
    assert set(d["parameters"]) == {"bottom", "top", "hill_slope", "ec50", "log_ec50", "asymmetry"}
    assert set(d["standard_errors"]) == set(d["parameters"])
    assert d["parameters"]["asymmetry"] is None
    assert d["unknowns"][0]["flag"] is None and d["unknowns"][0]["x"] > 0
    # a rising curve: a signal far above the top asymptote is beyond the highest dose
    assert d["unknowns"][1]["x"] is None and d["unknowns"][1]["flag"] == "above_range"
    json.dumps(d, allow_nan=False)


def test_it_fits_with_prism_iterated_1_over_y2_weights():
    rng = np.random.default_rng(11)
    truth = np.array([0.05, 3.0, 1.2, 2.0])
    y = FOUR.fn(DOSES, truth) * (1 + 0.08 * rng.standard_normal(DOSES.size))
    fit = fit_curve(DOSES, y, weighting="1/y2")
    unweighted = fit_curve(DOSES, y)
    assert fit.weighting == "1/y2"
    assert not np.allclose(_theta(fit), _theta(unweighted), rtol=1e-3)
    # fixed point of Prism's scheme: with sigma = Yhat from the final curve, a weighted least-squares fit
    # (scipy sigma is an SD: weight 1/Yhat^2 <=> sigma = Yhat) returns the same parameters
    sigma = np.abs(fit.predict(DOSES))
    again, _ = curve_fit(_four_pl, DOSES, y, p0=fit.theta, sigma=sigma, xtol=1e-14, ftol=1e-14, gtol=1e-14)
    np.testing.assert_allclose(again, fit.theta, rtol=1e-6, atol=1e-9)
    # Prism's weighted sum of squares and Sy.x
    assert fit.rss == pytest.approx(float(np.sum(((y - fit.predict(DOSES)) / sigma) ** 2)), rel=1e-6)
    assert fit.sy_x == pytest.approx(math.sqrt(fit.rss / fit.df), rel=1e-12)


def test_it_fits_1_over_y_weights_too():
    y, _ = _simulate(1, 5)
    fit = fit_curve(DOSES, y[0], weighting="1/y")
    sigma = np.sqrt(np.abs(fit.predict(DOSES)))
    again, _ = curve_fit(_four_pl, DOSES, y[0], p0=fit.theta, sigma=sigma, xtol=1e-14, ftol=1e-14, gtol=1e-14)
    np.testing.assert_allclose(again, fit.theta, rtol=1e-6)


def test_it_does_not_extrapolate_beyond_the_asymptotes():
    rising = fit_curve(DOSES, FOUR.fn(DOSES, [100.0, 1000.0, 1.0, 1.5]) + np.tile([1.0, -1.0], 8))
    b, t = rising.parameters["bottom"], rising.parameters["top"]
    assert rising.inverse(b - 10) == (None, "below_range")
    assert rising.inverse(b) == (None, "below_range")
    assert rising.inverse(t + 10) == (None, "above_range")
    x, flag = rising.inverse((b + t) / 2)
    assert flag is None and x == pytest.approx(rising.parameters["ec50"], rel=1e-9)
    # a falling curve: a high response means a low dose
    falling = fit_curve(DOSES, FOUR.fn(DOSES, [100.0, 1000.0, -1.0, 1.5]) + np.tile([1.0, -1.0], 8))
    assert falling.inverse(falling.parameters["top"] + 5) == (None, "below_range")
    assert falling.inverse(falling.parameters["bottom"] - 5) == (None, "above_range")
    x, flag = falling.inverse(600.0)
    assert flag is None and falling.predict([x])[0] == pytest.approx(600.0)


def test_it_flags_a_curve_that_never_saturates_instead_of_an_absurd_ec50():
    x = np.repeat(2.0 ** np.arange(8), 2)
    rng = np.random.default_rng(0)
    y = 100 * np.exp(x / 40) + rng.normal(0, 2, x.size)  # keeps rising, no upper plateau
    fit = fit_curve(x, y)
    assert "no_plateau" in fit.flags
    # no top asymptote in the data: no top, EC50 or its interval, rather than numbers past 1e12
    d = fit.to_dict()
    json.dumps(d, allow_nan=False)
    assert [k for k, v in d["parameters"].items() if v is None] == ["top", "ec50", "log_ec50", "asymmetry"]
    assert d["ec50_ci95"] is None
    assert d["parameters"]["bottom"] == pytest.approx(100, rel=0.5) and 0 < d["parameters"]["hill_slope"] < 10


def test_it_uses_zero_doses_as_the_low_dose_asymptote():
    x = np.concatenate([[0, 0, 0], DOSES])
    truth = [200.0, 5000.0, 1.3, 1.2]
    y = FOUR.fn(x, truth)
    assert y[0] == 200.0  # model value at x = 0 is the bottom of a rising curve
    fit = fit_curve(x, y + np.random.default_rng(2).normal(0, 5, x.size))
    assert fit.n == x.size and fit.n_levels == 9
    assert fit.parameters["bottom"] == pytest.approx(200, abs=10)
    falling = FOUR.fn([0.0], [200.0, 5000.0, -1.3, 1.2])
    assert falling[0] == 5000.0


@pytest.mark.parametrize(
    ("x", "y", "code"),
    [
        ([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], "invalid_input"),
        ([-1, 2, 3, 4, 5], [1, 2, 3, 4, 5], "negative_dose"),
        ([1, 2, 3], [1, 2, 3], "too_few_points"),
        ([1, 1, 2, 2, 3, 3], [1, 2, 3, 4, 5, 6], "too_few_points"),
        ([1, 2, 3, 4, 5, 6], [7, 7, 7, 7, 7, 7], "constant_signal"),
        ([1, 2, 3, float("nan"), 5], [1, 2, float("nan"), 4, 5], "too_few_points"),
        (["a", 2, 3, 4, 5], [1, 2, 3, 4, 5], "invalid_input"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_error(x, y, code):
    with pytest.raises(CurveFitError) as info:
        fit_curve(x, y)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)
    assert info.value.message


def test_it_flags_an_exact_fit_without_degrees_of_freedom():
    x = [1.0, 3.0, 9.0, 27.0]
    fit = fit_curve(x, FOUR.fn(x, [10.0, 100.0, 1.0, 0.7]))
    assert fit.df == 0 and "too_few_points" in fit.flags
    assert fit.standard_errors["ec50"] is None and fit.ec50_ci95 is None and fit.sy_x is None
    json.dumps(fit.to_dict(), allow_nan=False)


def test_it_rejects_unknown_options():
    with pytest.raises(CurveFitError, match="model"):
        fit_curve([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], model="6PL")
    with pytest.raises(CurveFitError, match="weighting"):
        fit_curve([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], weighting="1/x")
    with pytest.raises(CurveFitError) as info:
        fit_curve([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], model="loglog", weighting="1/y2")
    assert info.value.code == "unsupported_weighting"


def test_it_drops_nan_points_with_a_flag():
    y, truth = _simulate(1, 3)
    yy = y[0].copy()
    yy[4] = np.nan
    fit = fit_curve(DOSES, yy)
    assert "non_finite_input" in fit.flags and fit.n == DOSES.size - 1
    assert fit.parameters["log_ec50"] == pytest.approx(truth[0, 3], abs=0.2)


def test_it_fits_many_curves_like_a_curve_fit_loop():
    y, _ = _simulate(60, 2024)
    fits = fit_many(DOSES, y)
    start = FOUR.start(np.broadcast_to(DOSES, y.shape), y, np.ones(y.shape, dtype=bool))

    def jac(x, *p):
        return FOUR.jac(x, np.asarray(p))

    for k, fit in enumerate(fits):
        ref, pcov = curve_fit(
            _four_pl, DOSES, y[k], p0=start[k], jac=jac, xtol=1e-15, ftol=1e-15, gtol=1e-15, maxfev=20000
        )
        # relative to |parameter| + SE: an asymptote near 0 has no meaningful relative error
        assert np.all(np.abs(_theta(fit) - ref) <= 1e-6 * (np.abs(ref) + _se(fit))), k
        np.testing.assert_allclose(_se(fit), np.sqrt(np.diag(pcov)), rtol=1e-5)


@pytest.mark.parametrize("weighting", ["none", "1/y", "1/y2"])
def test_it_gives_the_same_answer_batched_or_one_at_a_time(weighting):
    y, _ = _simulate(12, 99)
    x = np.concatenate([[0.0, 0.0], DOSES])
    y = np.concatenate([y[:, :2] * 0 + np.where(np.arange(12) % 2, 1.0, 1.0)[:, None] * np.nan, y], axis=1)
    truth_zero = fit_many(DOSES, y[:, 2:])  # curve values at x = 0 from a first fit
    for k, f in enumerate(truth_zero):
        y[k, :2] = f.predict([0.0, 0.0]) * np.array([1.01, 0.99])
    y[3, 7] = np.nan  # ragged
    batched = fit_many(x, y, weighting=weighting)
    for k in range(y.shape[0]):
        single = fit_curve(x, y[k], weighting=weighting)
        assert batched[k].flags == single.flags
        assert np.all(
            np.abs(_theta(batched[k]) - _theta(single)) <= 1e-6 * (np.abs(_theta(single)) + _se(single))
        )
        for key in ("rss", "sy_x", "r_squared", "aic"):
            assert getattr(batched[k], key) == pytest.approx(getattr(single, key), rel=1e-6)


def test_it_returns_flagged_results_for_bad_curves_in_a_batch():
    y, _ = _simulate(3, 8)
    y[1] = 42.0
    y[2, 4:] = np.nan  # 2 distinct doses left
    fits = fit_many(DOSES, y)
    assert fits[0].ok and fits[0].flags == ()
    assert not fits[1].ok and "constant_signal" in fits[1].flags
    assert not fits[2].ok and "too_few_points" in fits[2].flags
    for f in fits:
        json.dumps(f.to_dict(unknowns=[1000.0]), allow_nan=False)
    assert fits[1].inverse(1000.0) == (None, None)


def test_it_fits_ragged_curves_with_different_doses():
    y, truth = _simulate(2, 4)
    X = np.vstack([DOSES, DOSES * 2.0])
    Y = np.vstack([y[0], FOUR.fn(DOSES * 2.0, truth[1])])
    Y[1, -3:] = np.nan
    fits = fit_many(X, Y)
    assert fits[1].n == DOSES.size - 3
    np.testing.assert_allclose(_theta(fits[1]), truth[1], rtol=1e-6)


def test_it_fits_a_5pl_and_keeps_it_only_when_it_is_better():
    x = np.repeat(2.0 ** np.arange(10), 2)
    five = get_model("5PL")
    truth = [100.0, 3000.0, 1.5, 1.5, 0.3]
    rng = np.random.default_rng(6)
    y = five.fn(x, truth) + rng.normal(0, 10, x.size)
    fit5 = fit_curve(x, y, model="5PL")
    assert fit5.parameters["asymmetry"] == pytest.approx(0.3, rel=0.3)
    # log_ec50 is the true midpoint
    mid = fit5.predict([fit5.parameters["ec50"]])[0]
    assert mid == pytest.approx((fit5.parameters["bottom"] + fit5.parameters["top"]) / 2, rel=1e-9)
    x5, flag = fit5.inverse(mid)
    assert flag is None and x5 == pytest.approx(fit5.parameters["ec50"], rel=1e-9)
    fit4 = fit_curve(x, y)
    cmp = compare_models(fit4, fit5)
    assert cmp.preferred == "5PL" and cmp.p_value < 0.05
    assert fit_best(x, y).model == "5PL"
    # symmetric data: the 5PL is not worth its extra parameter
    y4 = FOUR.fn(x, truth[:4]) + rng.normal(0, 10, x.size)
    assert fit_best(x, y4).model == "4PL"
    # too few levels for a 5PL
    few = np.repeat(2.0 ** np.arange(5), 3)
    assert fit_best(few, five.fn(few, truth) + rng.normal(0, 10, few.size)).model == "4PL"


def test_it_fits_a_5pl_in_a_batch_like_one_at_a_time():
    x = np.repeat(2.0 ** np.arange(10), 2)
    five = get_model("5PL")
    rng = np.random.default_rng(12)
    Y = np.vstack(
        [five.fn(x, [100.0, 3000.0, 1.5, 1.5, s]) + rng.normal(0, 10, x.size) for s in (0.4, 0.8, 2.0)]
    )
    batched = fit_many(x, Y, model="5PL")
    for k in range(3):
        single = fit_curve(x, Y[k], model="5PL")
        np.testing.assert_allclose(batched[k].theta, single.theta, rtol=1e-5)


def test_it_fits_a_straight_line():
    x = np.array([0.0, 1, 2, 4, 8, 16])
    fit = fit_curve(x, 2.0 * x + 1.0 + np.array([0.01, -0.01, 0.02, -0.02, 0.0, 0.01]), model="linear")
    assert fit.parameters["slope"] == pytest.approx(2.0, abs=0.01)
    assert fit.parameters["intercept"] == pytest.approx(1.0, abs=0.02)
    assert fit.parameters["ec50"] is None
    assert fit.inverse(21.0)[0] == pytest.approx(10.0, abs=0.05)
    assert fit.inverse(-5.0) == (None, "below_range")
    slope, intercept = np.polyfit(x, fit.predict(x), 1)
    assert slope == pytest.approx(fit.parameters["slope"])


def test_it_computes_level_means():
    levels, means = level_means([1, 1, 2, 2, 2], [1.0, 3.0, 2.0, 4.0, 6.0])
    assert levels.tolist() == [1, 2] and means.tolist() == [2.0, 4.0]


def test_it_rejects_a_negative_dose_in_a_batch():
    with pytest.raises(CurveFitError) as info:
        fit_many([-1.0, 1.0, 2.0, 3.0], [[1.0, 2.0, 3.0, 4.0]])
    assert info.value.code == "negative_dose"
    with pytest.raises(CurveFitError) as info:
        fit_many([1.0, 2.0, 3.0], [[1.0, 2.0, 3.0, 4.0]])
    assert info.value.code == "invalid_input"


def test_it_rejects_a_non_numeric_unknown():
    y, _ = _simulate(1, 1)
    with pytest.raises(CurveFitError):
        fit_curve(DOSES, y[0]).to_dict(unknowns=["high"])
