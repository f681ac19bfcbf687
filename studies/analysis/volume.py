"""Caliper tumor volume.

Formulas (one per study, recorded with the study):

* ``"lw2_half"``: V = L·W²/2 (modified ellipsoid; Tomayko & Reynolds 1989, *Cancer Chemother Pharmacol*
  24:148; Euhus et al. 1986, *J Surg Oncol* 31:229). The usual formula in syngeneic studies.
* ``"ellipsoid"``: V = π/6·L·W² (ellipsoid with the third axis taken equal to W).

L is the longer and W the shorter axis. When the values are entered the other way round they are swapped
and the result says so (``swapped=True``). Values are checked before anything is computed: not a number,
negative, zero (unless ``allow_zero`` and both axes are zero, i.e. a non-palpable tumor recorded 0 × 0,
volume 0) or larger than ``max_axis_mm`` (default 40 mm: an s.c. tumor in a ~20 g mouse cannot be that
large, so it is a typing error such as cm vs mm or a misplaced decimal point) raise
:class:`MeasurementError` naming the field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

FORMULAS: dict[str, float] = {"lw2_half": 0.5, "ellipsoid": math.pi / 6.0}
DEFAULT_MAX_AXIS_MM = 40.0


class MeasurementError(ValueError):
    """A caliper value that cannot be right. ``field`` names the offending input (``length_mm`` or
    ``width_mm``, or ``formula``); ``index`` is the row for the vectorised function."""

    def __init__(self, field: str, message: str, index: int | None = None):
        super().__init__(f"{field}: {message}" if index is None else f"row {index}, {field}: {message}")
        self.field = field
        self.message = message
        self.index = index


@dataclass(frozen=True)
class VolumeResult:
    volume_mm3: float
    length_mm: float
    width_mm: float
    swapped: bool
    formula: str = "lw2_half"

    def to_dict(self) -> dict[str, Any]:
        return {
            "volume_mm3": self.volume_mm3,
            "length_mm": self.length_mm,
            "width_mm": self.width_mm,
            "swapped": self.swapped,
            "formula": self.formula,
        }


@dataclass(frozen=True)
class VolumeArrays:
    """Vectorised result: arrays of equal length, ``swapped`` is boolean."""

    volume_mm3: np.ndarray
    length_mm: np.ndarray
    width_mm: np.ndarray
    swapped: np.ndarray
    formula: str = "lw2_half"

    def to_dict(self) -> dict[str, Any]:
        return {
            "volume_mm3": [float(v) for v in self.volume_mm3],
            "length_mm": [float(v) for v in self.length_mm],
            "width_mm": [float(v) for v in self.width_mm],
            "swapped": [bool(v) for v in self.swapped],
            "formula": self.formula,
        }


def _factor(formula: str) -> float:
    try:
        return FORMULAS[formula]
    except KeyError:
        raise MeasurementError(
            "formula", f"unknown formula {formula!r}; use one of {sorted(FORMULAS)}"
        ) from None


def _check_one(
    field: str, value: Any, max_axis_mm: float, allow_zero: bool, index: int | None = None
) -> float:
    if isinstance(value, bool) or value is None:
        raise MeasurementError(field, "a number in mm is required", index)
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise MeasurementError(field, f"{value!r} is not a number", index) from None
    if math.isnan(v) or math.isinf(v):
        raise MeasurementError(field, "a finite number in mm is required", index)
    if v < 0:
        raise MeasurementError(field, f"{v:g} mm is negative", index)
    if v == 0 and not allow_zero:
        raise MeasurementError(field, "0 mm: record a non-palpable tumor explicitly, not as a size", index)
    if v > max_axis_mm:
        raise MeasurementError(
            field,
            f"{v:g} mm is larger than {max_axis_mm:g} mm, impossible for a mouse tumor (mm vs cm?)",
            index,
        )
    return v


def tumor_volume(
    length_mm: float,
    width_mm: float,
    formula: str = "lw2_half",
    *,
    max_axis_mm: float = DEFAULT_MAX_AXIS_MM,
    allow_zero: bool = False,
) -> VolumeResult:
    """Volume in mm³ from two caliper axes (mm). See the module docstring for formulas and checks.

    ``allow_zero=True`` accepts 0 × 0 (non-palpable, volume 0); one zero axis is always an error.
    """
    k = _factor(formula)
    length = _check_one("length_mm", length_mm, max_axis_mm, allow_zero)
    width = _check_one("width_mm", width_mm, max_axis_mm, allow_zero)
    if (length == 0) != (width == 0):
        field = "length_mm" if length == 0 else "width_mm"
        raise MeasurementError(field, "one axis is 0 mm but the other is not")
    swapped = width > length
    if swapped:
        length, width = width, length
    return VolumeResult(k * length * width * width, length, width, swapped, formula)


def tumor_volumes(
    length_mm: Any,
    width_mm: Any,
    formula: str = "lw2_half",
    *,
    max_axis_mm: float = DEFAULT_MAX_AXIS_MM,
    allow_zero: bool = False,
) -> VolumeArrays:
    """Vectorised :func:`tumor_volume` for arrays of equal length. All rows are checked first; the first
    bad row raises :class:`MeasurementError` with ``index`` set, and nothing is returned."""
    k = _factor(formula)
    try:
        length = np.asarray(length_mm, dtype=float).ravel()
        width = np.asarray(width_mm, dtype=float).ravel()
    except (TypeError, ValueError):
        raise MeasurementError("length_mm", "arrays of numbers are required") from None
    if length.shape != width.shape:
        raise MeasurementError("width_mm", f"{width.size} widths for {length.size} lengths")

    def bad(arr: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return ~np.isfinite(arr) | (arr < 0) | (arr > max_axis_mm) | ((arr == 0) & (not allow_zero))

    bad_l, bad_w = bad(length), bad(width)
    if bad_l.any() or bad_w.any():
        i = int(np.flatnonzero(bad_l | bad_w)[0])
        field, arr = ("length_mm", length) if bad_l[i] else ("width_mm", width)
        _check_one(field, arr[i], max_axis_mm, allow_zero, index=i)  # raises with the right message
    mixed = (length == 0) != (width == 0)
    if mixed.any():
        i = int(np.flatnonzero(mixed)[0])
        field = "length_mm" if length[i] == 0 else "width_mm"
        raise MeasurementError(field, "one axis is 0 mm but the other is not", i)
    swapped = width > length
    long_ax = np.maximum(length, width)
    short_ax = np.minimum(length, width)
    return VolumeArrays(k * long_ax * short_ax**2, long_ax, short_ax, swapped, formula)
