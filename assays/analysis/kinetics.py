"""Reductions of a kinetic (or spectral) series to one number per well. Pure numpy, no Django.

Conventions follow GraphPad Prism and Gen5 where they overlap:

* ``max_slope`` (Vmax): the largest slope of an ordinary least-squares line fitted to ``window``
  consecutive points (Gen5 "Max V" uses a sliding window of points the same way; Prism's "slope" analysis
  fits the whole range). Units: signal per second. Window default 5 points (fewer points: all of them).
* ``time_to_max``: the axis value (s) of the largest value (first one when tied).
* ``auc``: area under the curve by the trapezoid rule over the measured points (Prism "Area under curve"
  with baseline 0, no extrapolation), signal x seconds.
* ``value_at``: the value at time ``at`` by linear interpolation between the two neighbouring points
  (None outside the measured range).
* ``mean``, ``max``, ``last``: of the points with a number.

Points without a number (NaN) are left out; a well with fewer than 2 usable points has no slope or AUC.
"""

from __future__ import annotations

import math

import numpy as np

REDUCTIONS = ("last", "max", "mean", "max_slope", "time_to_max", "auc", "value_at")
LABELS = {
    "last": "value at the last time point",
    "max": "maximum",
    "mean": "mean over time",
    "max_slope": "maximum slope (Vmax) over a {window}-point window, per second",
    "time_to_max": "time to maximum (s)",
    "auc": "area under the curve (trapezoid rule)",
    "value_at": "value at t = {at:g} s (linear interpolation)",
}


def describe(name: str, *, window: int = 5, at: float | None = None) -> str:
    return LABELS[name].format(window=window, at=at if at is not None else float("nan"))


def reduce(
    x: np.ndarray | list, y: np.ndarray | list, name: str, *, window: int = 5, at: float | None = None
) -> float | None:
    """One number for one well's series (see the module docstring); None when it cannot be computed."""
    if name not in REDUCTIONS:
        raise ValueError(f"Unknown reduction {name!r}; choose one of {', '.join(REDUCTIONS)}.")
    xa = np.asarray(x, dtype=float)
    ya = np.asarray(y, dtype=float)
    keep = ~np.isnan(ya) & ~np.isnan(xa)
    xa, ya = xa[keep], ya[keep]
    if xa.size == 0:
        return None
    order = np.argsort(xa, kind="stable")
    xa, ya = xa[order], ya[order]
    if name == "last":
        out = ya[-1]
    elif name == "max":
        out = ya.max()
    elif name == "mean":
        out = ya.mean()
    elif name == "time_to_max":
        out = xa[int(np.argmax(ya))]
    elif name == "auc":
        if xa.size < 2:
            return None
        out = float(np.sum((xa[1:] - xa[:-1]) * (ya[1:] + ya[:-1]) / 2.0))
    elif name == "value_at":
        if at is None or at < xa[0] or at > xa[-1]:
            return None
        out = float(np.interp(at, xa, ya))
    else:  # max_slope
        if xa.size < 2:
            return None
        w = max(2, min(int(window), xa.size))
        best = -math.inf
        for i in range(xa.size - w + 1):
            xs, ys = xa[i : i + w], ya[i : i + w]
            dx = xs - xs.mean()
            denom = float(np.dot(dx, dx))
            if denom == 0:
                continue
            best = max(best, float(np.dot(dx, ys - ys.mean()) / denom))
        if best == -math.inf:
            return None
        out = best
    out = float(out)
    return out if math.isfinite(out) else None


def reduce_rows(x, values: np.ndarray, name: str, **kw) -> list[float | None]:
    """``reduce`` for every row of a (wells, points) array; vectorised when no point is missing and the
    axis is sorted (the same numbers as ``reduce``, row by row, otherwise)."""
    xa = np.asarray(x, dtype=float)
    va = np.asarray(values, dtype=float)
    if va.ndim != 2 or va.shape[1] != xa.size or va.size == 0:
        return [reduce(x, row, name, **kw) for row in va]
    if np.isnan(va).any() or np.isnan(xa).any() or np.any(np.diff(xa) < 0):
        return [reduce(x, row, name, **kw) for row in va]
    if name == "last":
        out = va[:, -1]
    elif name == "max":
        out = va.max(axis=1)
    elif name == "mean":
        out = va.mean(axis=1)
    elif name == "time_to_max":
        out = xa[np.argmax(va, axis=1)]
    elif name == "auc" and xa.size >= 2:
        out = ((xa[1:] - xa[:-1]) * (va[:, 1:] + va[:, :-1]) / 2.0).sum(axis=1)
    elif name == "max_slope" and xa.size >= 2:
        w = max(2, min(int(kw.get("window", 5)), xa.size))
        xw = np.lib.stride_tricks.sliding_window_view(xa, w)  # (k, w)
        dx = xw - xw.mean(axis=1, keepdims=True)
        denom = (dx * dx).sum(axis=1)
        yw = np.lib.stride_tricks.sliding_window_view(va, w, axis=1)  # (rows, k, w)
        slopes = np.einsum("rkw,kw->rk", yw, dx)
        ok = denom > 0
        if not ok.any():
            return [None] * va.shape[0]
        out = (slopes[:, ok] / denom[ok]).max(axis=1)
    else:
        return [reduce(x, row, name, **kw) for row in va]
    return [float(v) if math.isfinite(v) else None for v in out]
