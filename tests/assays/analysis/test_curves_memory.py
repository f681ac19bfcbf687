"""No n x n matrix anywhere in a fit: memory grows with the number of points, not with its square."""

from __future__ import annotations

import tracemalloc

import numpy as np

from assays.analysis import curves
from assays.analysis.curves import fit_curve, fit_many


def _points(n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = np.geomspace(0.01, 1000, n)  # every dose distinct: the worst case for replicate means
    y = 100 + 1900 / (1 + 10 ** ((1.0 - np.log10(x)) * 1.2)) + rng.normal(0, 20, n)
    return x, y


def _peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_it_fits_six_thousand_distinct_doses_in_a_few_megabytes():
    x, y = _points(6000)
    result = {}
    peak = _peak_mb(lambda: result.setdefault("fit", fit_curve(x, y, model="4PL", weighting="1/y2")))
    # an n x n float matrix alone would be 288 MB
    assert peak < 40, f"peak {peak:.0f} MB"
    assert result["fit"].parameters["ec50"] is not None
    assert abs(result["fit"].parameters["log_ec50"] - 1.0) < 0.05


def test_it_batches_ragged_curves_with_their_own_doses_without_a_points_squared_array():
    x, y = _points(3000)
    rng = np.random.default_rng(3)
    X = np.stack([rng.permutation(x) for _ in range(4)])
    Y = np.stack([np.interp(row, x, y) for row in X])
    peak = _peak_mb(lambda: fit_many(X, Y, model="4PL"))
    assert peak < 40, f"peak {peak:.0f} MB"  # (m, n, n) booleans would be 36 MB, floats 288 MB


def test_it_gives_the_replicate_means_of_the_indicator_matrix_formula():
    rng = np.random.default_rng(11)
    for _ in range(50):
        m, n = int(rng.integers(1, 5)), int(rng.integers(1, 30))
        levels = rng.choice([0.0, 0.1, 1.0, 10.0, 100.0], size=n)
        x = np.stack([rng.permutation(levels) for _ in range(m)])
        y = rng.normal(size=(m, n)) * 100
        mask = rng.random((m, n)) > 0.2
        got = curves._level_means_batch(x, y, mask)
        for k in range(m):
            for i in range(n):
                if not mask[k, i]:
                    assert np.isnan(got[k, i])
                    continue
                same = mask[k] & (x[k] == x[k, i])
                assert np.isclose(got[k, i], y[k][same].mean(), rtol=1e-13, atol=0)
