"""Caliper volume formulas, axis swapping and validation."""

import math

import numpy as np
import pytest

from studies.analysis.volume import MeasurementError, tumor_volume, tumor_volumes


def test_it_computes_both_formulas():
    r = tumor_volume(10.0, 6.0)
    assert r.volume_mm3 == pytest.approx(10 * 36 / 2) and r.swapped is False and r.formula == "lw2_half"
    e = tumor_volume(10.0, 6.0, "ellipsoid")
    assert e.volume_mm3 == pytest.approx(math.pi / 6 * 10 * 36)
    assert e.to_dict() == {
        "volume_mm3": e.volume_mm3,
        "length_mm": 10.0,
        "width_mm": 6.0,
        "swapped": False,
        "formula": "ellipsoid",
    }


def test_it_swaps_axes_entered_the_wrong_way_round():
    r = tumor_volume(6.0, 10.0)
    assert (r.length_mm, r.width_mm, r.swapped) == (10.0, 6.0, True)
    assert r.volume_mm3 == pytest.approx(180.0)
    assert tumor_volume(7, 7).swapped is False


@pytest.mark.parametrize(
    ("length", "width", "field"),
    [
        (-1, 5, "length_mm"),
        (5, -0.1, "width_mm"),
        (0, 5, "length_mm"),
        (5, 0, "width_mm"),
        (55, 5, "length_mm"),
        (5, 41, "width_mm"),
        ("abc", 5, "length_mm"),
        (5, None, "width_mm"),
        (float("nan"), 5, "length_mm"),
        (5, float("inf"), "width_mm"),
    ],
)
def test_it_rejects_impossible_sizes_naming_the_field(length, width, field):
    with pytest.raises(MeasurementError) as exc:
        tumor_volume(length, width)
    assert exc.value.field == field
    assert exc.value.message


def test_it_accepts_a_configurable_maximum_and_zero_for_nonpalpable():
    assert tumor_volume(45, 10, max_axis_mm=50).volume_mm3 == pytest.approx(2250)
    assert tumor_volume(0, 0, allow_zero=True).volume_mm3 == 0
    with pytest.raises(MeasurementError):
        tumor_volume(0, 3, allow_zero=True)
    with pytest.raises(MeasurementError) as exc:
        tumor_volume(5, 4, formula="cube")
    assert exc.value.field == "formula"


def test_it_vectorises_and_names_the_first_bad_row():
    r = tumor_volumes([10, 4, 8.5], [6, 9, 8.5], "ellipsoid")
    np.testing.assert_allclose(
        r.volume_mm3, [math.pi / 6 * 10 * 36, math.pi / 6 * 9 * 16, math.pi / 6 * 8.5**3]
    )
    assert r.swapped.tolist() == [False, True, False]
    assert r.length_mm.tolist() == [10, 9, 8.5]
    with pytest.raises(MeasurementError) as exc:
        tumor_volumes([10, 4, 80], [6, -1, 8])
    assert (exc.value.index, exc.value.field) == (1, "width_mm")
    with pytest.raises(MeasurementError):
        tumor_volumes([10, 4], [6])
    assert tumor_volumes([0, 3], [0, 2], allow_zero=True).volume_mm3.tolist() == [0, 6]
