"""Exposure–response (studies.analysis.exposure): Spearman by hand and against scipy, ties, per arm."""

import json
import math

import pytest
from scipy import stats

from studies.analysis.exposure import ExposureResponsePair, analyse_exposure_response, spearman


def pairs(xs, ys, arms=None):
    arms = arms or ["A"] * len(xs)
    return [
        ExposureResponsePair(f"M{i:02d}", a, f"arm {a}", x, y)
        for i, (x, y, a) in enumerate(zip(xs, ys, arms, strict=True))
    ]


def test_spearman_by_hand_without_ties():
    # Ranks x 1..5, y (2, 1, 4, 3, 5): d = (−1, 1, −1, 1, 0), Σd² = 4, ρ = 1 − 6·4/(5·(25 − 1)) = 0.8.
    c = spearman([10, 20, 30, 40, 50], [0.2, 0.1, 0.4, 0.3, 0.5])
    assert c.rho == pytest.approx(0.8)
    # exact, as R's cor.test(x, y, method = "spearman") for n = 5: of the 120 orderings, 16 have |ρ| ≥ 0.8
    # (8 with Σd² ≤ 4 and their 8 mirror images), p = 16/120 = 0.1333 (R prints p-value = 0.1333)
    assert c.p == pytest.approx(16 / 120)
    # beyond 7 animals, the t approximation (R's exact = FALSE): checked here by hand
    x8, y8 = [1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7]
    c8 = spearman(x8, y8)
    rho = 1 - 6 * 8 / (8 * 63)
    t = rho * math.sqrt((8 - 2) / (1 - rho**2))
    assert c8.rho == pytest.approx(rho) and c8.p == pytest.approx(2 * stats.t.sf(t, 6))


def test_a_perfect_rank_correlation_of_five_animals_is_not_p_zero():
    # the t approximation gives p = 0 for ρ = −1; the exact p is 2/5! (R: p-value = 0.01667)
    c = spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    assert c.rho == pytest.approx(-1) and c.p == pytest.approx(2 / 120)


def test_spearman_with_ties_uses_average_ranks():
    # x ranks (1, 2.5, 2.5, 4), y ranks (1, 3, 2, 4); deviations from 2.5: (−1.5, 0, 0, 1.5), (−1.5, .5, −.5, 1.5)
    # ρ = Σdxdy / sqrt(Σdx² Σdy²) = 4.5 / sqrt(4.5 · 5) = 0.948683
    c = spearman([1, 2, 2, 3], [1, 3, 2, 4])
    assert c.rho == pytest.approx(4.5 / math.sqrt(4.5 * 5))
    assert c.rho == pytest.approx(stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]).statistic)


def test_overall_and_per_arm():
    xs = [100, 200, 300, 400, 150, 250, 350, 50]
    ys = [0.30, 0.25, 0.10, 0.05, 0.28, 0.20, 0.12, 0.31]
    arms = ["IL-2", "IL-2", "combo", "combo", "IL-2", "combo", "combo", "IL-2"]
    res = analyse_exposure_response(
        pairs(xs, ys, arms), exposure_metric="auc_last", response_metric="growth_rate"
    )
    assert res.overall.n == 8 and res.overall.rho == pytest.approx(stats.spearmanr(xs, ys).statistic)
    # Sorted by exposure the responses fall except 300 → 350 (0.10, 0.12): Σd² = 2, ρ = −(1 − 6·2/(8·63)).
    assert res.overall.rho == pytest.approx(-(1 - 12 / 504))
    by = {a.arm_id: a for a in res.arms}
    assert [a.arm_id for a in res.arms] == ["IL-2", "combo"]
    assert (
        by["IL-2"].n == 4
        and by["IL-2"].median_exposure == 125
        and by["IL-2"].median_response == pytest.approx(0.29)
    )
    assert by["combo"].median_exposure == 325 and by["combo"].correlation.rho == pytest.approx(
        1 - 6 * 18 / (4 * 15)
    )  # d = 3, 0, 0, −3: −0.8
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["overall"]["n"] == 8 and d["arms"][0]["correlation"]["n"] == 4 and len(d["points"]) == 8


def test_small_arms_have_no_correlation_and_missing_values_are_excluded():
    ps = pairs([1, 2, 3, None, 5], [5, 3, 4, 1, float("nan")], ["a", "a", "b", "b", "b"])
    res = analyse_exposure_response(ps)
    assert res.overall.n == 3
    assert [(a, r) for a, r in res.excluded] == [("M03", "no exposure"), ("M04", "no response")]
    assert all(a.correlation is None for a in res.arms)  # 2 and 1 animals
    assert res.to_dict()["excluded"] == [
        {"animal_id": "M03", "reason": "no exposure"},
        {"animal_id": "M04", "reason": "no response"},
    ]


def test_fewer_than_three_pairs_is_an_error():
    with pytest.raises(ValueError, match="at least 3 animals"):
        analyse_exposure_response(pairs([1, 2], [3, 4]))
    with pytest.raises(ValueError, match="at least 3 animals"):
        analyse_exposure_response(pairs([1, 2, None], [3, 4, 5]))
    with pytest.raises(ValueError, match="listed twice"):
        analyse_exposure_response(pairs([1, 2, 3], [3, 4, 5]) + pairs([1], [2]))


def test_constant_values_have_no_correlation():
    c = spearman([1, 1, 1, 1], [1, 2, 3, 4])
    assert c.rho is None and c.p is None and c.flags == ("constant_exposure",)
    assert analyse_exposure_response(pairs([1, 2, 3], [7, 7, 7])).overall.flags == ("constant_response",)
