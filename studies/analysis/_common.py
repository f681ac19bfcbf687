"""Small helpers shared by the analysis modules: JSON-safe conversion and simple statistics."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np


def json_float(x: Any) -> float | None:
    """A Python float, or ``None`` for None/NaN/±inf (JSON has no NaN)."""
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    if math.isnan(f) or math.isinf(f):
        return None
    return f


def jsonable(obj: Any) -> Any:
    """Recursively convert numpy scalars/arrays, tuples and floats into JSON-safe Python objects."""
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return json_float(obj)
    if isinstance(obj, np.ndarray):
        return [jsonable(v) for v in obj.tolist()]
    if isinstance(obj, Mapping):
        return {str(k) if not isinstance(k, (str, int)) else k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, Iterable):
        return [jsonable(v) for v in obj]
    return obj


def holm(pvalues: Sequence[float | None]) -> list[float | None]:
    """Holm (1979) step-down adjusted p-values, in the input order.

    p_(i) sorted ascending, m = number of non-missing p-values;
    adj_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)). ``None``/NaN entries stay ``None`` and do not
    count in m. Same as R ``p.adjust(p, "holm")``.
    """
    vals = [json_float(p) for p in pvalues]
    idx = [i for i, p in enumerate(vals) if p is not None]
    m = len(idx)
    out: list[float | None] = [None] * len(vals)
    if m == 0:
        return out
    order = sorted(idx, key=lambda i: vals[i])
    running = 0.0
    for rank, i in enumerate(order):
        adj = min(1.0, (m - rank) * vals[i])
        running = max(running, adj)
        out[i] = running
    return out


def mean_sem(values: np.ndarray) -> tuple[float, float | None, float | None]:
    """Arithmetic mean, SEM = SD/√n and SD (ddof = 1); SEM and SD are None when n < 2."""
    v = np.asarray(values, dtype=float)
    n = v.size
    if n == 0:
        return (math.nan, None, None)
    mean = float(v.mean())
    if n < 2:
        return (mean, None, None)
    sd = float(v.std(ddof=1))
    return (mean, sd / math.sqrt(n), sd)
