"""Plate QC and ICH M10 acceptance."""

from __future__ import annotations

import math

import pytest

from assays.analysis.qc import (
    AcceptanceCriteria,
    cv_pct,
    edge_effect,
    evaluate_qcs,
    evaluate_standards,
    is_edge_well,
    recovery_pct,
    signal_to_background,
    z_prime,
)

NOMINAL = [15.6, 31.25, 62.5, 125.0, 250.0, 500.0, 1000.0, 2000.0]


def _back(recoveries):
    return [n * r / 100.0 for n, r in zip(NOMINAL, recoveries, strict=True)]


def test_it_computes_z_prime_on_a_known_example():
    pos = [100.0, 102.0, 98.0, 100.0]
    neg = [10.0, 12.0, 8.0, 10.0]
    sd = math.sqrt(8.0 / 3.0)  # sample SD (ddof = 1) of both sets
    assert z_prime(pos, neg) == pytest.approx(1 - 3 * (2 * sd) / 90.0)
    assert z_prime(pos, neg) == pytest.approx(0.891134, abs=1e-6)
    assert z_prime([1.0], neg) is None
    assert z_prime([5.0, 5.0], [5.0, 5.0]) is None


def test_it_computes_cv_signal_to_background_and_recovery():
    assert cv_pct([1.0, 2.0, 3.0]) == pytest.approx(50.0)
    assert cv_pct([4.0, None, float("nan")]) is None
    assert cv_pct([1.0, -1.0]) is None  # zero mean
    assert signal_to_background([10.0, 14.0], [2.0, 2.0]) == pytest.approx(6.0)
    assert signal_to_background([1.0], [0.0]) is None
    assert recovery_pct(90.0, 100.0) == pytest.approx(90.0)
    assert recovery_pct(None, 100.0) is None and recovery_pct(5.0, 0.0) is None


def test_it_accepts_standards_within_ich_m10_limits():
    ev = evaluate_standards(NOMINAL, _back([110, 95, 102, 99, 101, 97, 104, 118]))
    assert ev.accepted and ev.reasons == ()
    assert (ev.lloq, ev.uloq) == (15.6, 2000.0)
    assert ev.n_passed == 8 and ev.passed_pct == 100.0
    assert ev.levels[0].limit == "LLOQ" and ev.levels[-1].limit == "ULOQ"


def test_it_allows_25_percent_at_the_range_ends_only():
    ev = evaluate_standards(NOMINAL, _back([124, 100, 100, 122, 100, 100, 100, 76]))
    passed = [lv.passed for lv in ev.levels]
    assert passed == [True, True, True, False, True, True, True, True]
    assert "recovery 122.0 %" in ev.levels[3].reasons[0]
    assert (ev.lloq, ev.uloq) == (15.6, 2000.0)  # an interior failure does not truncate the range
    assert ev.accepted  # 7 of 8 pass


def test_it_makes_the_next_passing_standard_the_limit_when_an_end_standard_fails():
    # lowest fails outright; the next one (122 %) would fail inside the range but passes as the new LLOQ
    ev = evaluate_standards(NOMINAL, _back([140, 122, 100, 100, 100, 100, 70, 130]))
    assert ev.lloq == 31.25
    assert ev.uloq == 500.0  # 2000 and 1000 both fail at the top: truncated twice
    assert [lv.passed for lv in ev.levels] == [False, True, True, True, True, True, False, False]
    assert "LLOQ candidate failed" in ev.levels[0].reasons[-1]
    assert "ULOQ candidate failed" in ev.levels[-1].reasons[-1]
    assert ev.levels[1].limit == "LLOQ" and ev.levels[5].limit == "ULOQ"
    # 5 of 8 pass: below 75 % and fewer than 6 levels
    assert not ev.accepted
    assert any("75 %" in r for r in ev.reasons) and any("at least 6" in r for r in ev.reasons)


def test_it_does_not_judge_anchor_points():
    nominal = [3.9, *NOMINAL, 4000.0]
    back = [9.0, *_back([100] * 8), 1000.0]  # anchors far off: irrelevant
    anchor = [True] + [False] * 8 + [True]
    ev = evaluate_standards(nominal, back, anchor=anchor)
    assert ev.accepted and (ev.lloq, ev.uloq) == (15.6, 2000.0)
    assert ev.levels[0].passed is None and ev.levels[-1].passed is None
    assert ev.n_levels == 8


def test_it_needs_six_calibration_levels():
    ev = evaluate_standards(NOMINAL[:5], _back([100] * 8)[:5])
    assert not ev.accepted and "only 5 calibration level(s)" in ev.reasons[0]


def test_it_fails_a_standard_without_a_back_calculated_value_or_with_a_high_cv():
    back = _back([100] * 8)
    back[0] = None
    cvs = [5.0] * 8
    cvs[-1] = 30.0  # > 25 % at the end
    cvs[3] = 22.0  # > 20 % inside
    ev = evaluate_standards(NOMINAL, back, cv_pct=cvs)
    assert ev.levels[0].passed is False and "no back-calculated" in ev.levels[0].reasons[0]
    assert ev.levels[3].passed is False and "CV 22.0 %" in ev.levels[3].reasons[0]
    assert ev.levels[-1].passed is False
    assert (ev.lloq, ev.uloq) == (31.25, 1000.0)


def test_it_takes_criteria_from_settings():
    crit = AcceptanceCriteria.from_dict({"standard_tolerance_pct": 15, "min_levels": 5})
    assert crit.standard_tolerance_pct == 15.0 and crit.min_levels == 5 and crit.min_z_prime == 0.5
    with pytest.raises(ValueError, match="Unknown"):
        AcceptanceCriteria.from_dict({"tolerance": 3})
    ev = evaluate_standards(NOMINAL, _back([100, 100, 100, 118, 100, 100, 100, 100]), criteria=crit)
    assert ev.levels[3].passed is False


def test_it_judges_qcs_overall_and_per_level():
    nominal = [30.0, 30.0, 300.0, 300.0, 1500.0, 1500.0]
    ok = evaluate_qcs(nominal, [31.0, 40.0, 290.0, 380.0, 1450.0, 1500.0])  # one failure at two levels
    assert ok.n_passed == 4 and ok.accepted
    bad = evaluate_qcs(nominal, [40.0, 40.0, 290.0, 300.0, 1450.0, 1500.0])  # both low QCs fail
    assert bad.passed_fraction == pytest.approx(4 / 6)
    assert not bad.accepted and "QC level 30" in bad.reasons[0]
    worse = evaluate_qcs(nominal, [40.0, None, 200.0, 300.0, 1450.0, 1500.0])
    assert not worse.accepted and any("of 6 QCs pass" in r for r in worse.reasons)


def test_it_measures_edge_effects_from_negative_controls():
    wells = ["A1", "A12", "H6", "D1", "D6", "E7", "C5", "F8"]
    values = [130.0, 128.0, 132.0, 126.0, 100.0, 102.0, 98.0, 101.0]
    ee = edge_effect(wells, values)
    assert ee.n_edge == 4 and ee.n_interior == 4
    assert ee.edge_median == pytest.approx(129.0) and ee.interior_median == pytest.approx(100.5)
    assert ee.difference_pct == pytest.approx(100 * (129.0 / 100.5 - 1))


@pytest.mark.parametrize(
    "well, rows, columns, edge",
    [
        ("A1", 8, 12, True),
        ("A01", 8, 12, True),
        ("H12", 8, 12, True),
        ("D12", 8, 12, True),
        ("B2", 8, 12, False),
        ("G11", 8, 12, False),
        ("P24", 16, 24, True),
        ("H12", 16, 24, False),
        ("AF48", 32, 48, True),
        ("AE47", 32, 48, False),
    ],
)
def test_it_knows_the_outer_ring_of_a_plate(well, rows, columns, edge):
    assert is_edge_well(well, rows, columns) is edge
