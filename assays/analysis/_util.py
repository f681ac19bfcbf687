"""Small helpers shared by the analysis modules (JSON-safe conversion, grouping)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

import numpy as np

P = ParamSpec("P")
R = TypeVar("R")


def clean(value: Any) -> Any:
    """Return ``value`` as plain JSON-safe Python: numpy scalars to int/float, NaN/inf to ``None``.

    Dicts, lists and tuples are converted recursively (tuples become lists).
    """
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, Mapping):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return [clean(v) for v in value.tolist()]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def finite_or_none(value: Any) -> float | None:
    """``float(value)`` when finite, else ``None``."""
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def quiet_numpy(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with numpy floating-point warnings off: the analysis code checks every result for
    NaN / inf itself (flags, None in the output), so overflow in an extreme, rejected trial step is noise."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)

    return wrapper
