"""Plain text in Plotly figures.

plotly.js renders a subset of HTML in every text it draws (titles, legend entries, hover labels, tick
labels, annotations), ``<a href>`` and ``<span style>`` included: a group named
``<a href="https://evil.example">Vehicle</a>`` would be a clickable link in a chart legend. Figures keep
the few formatting tags the portal itself writes (line breaks, bold, italics, sub/superscripts and
Plotly's ``<extra>``); every other ``<`` and ``>`` becomes an entity, which plotly.js shows as the
character itself. Pure Python, used by the figure builders of every app through :func:`plain_text`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any

_OWN_TAGS = re.compile(r"(</?(?:br|b|i|em|sup|sub|extra)\s*/?>)", re.IGNORECASE)


def escape_text(text: str) -> str:
    """``text`` with every ``<``/``>`` that is not one of the portal's own formatting tags escaped."""
    if "<" not in text and ">" not in text:
        return text
    parts = _OWN_TAGS.split(text)
    return "".join(
        part if i % 2 else part.replace("<", "&lt;").replace(">", "&gt;") for i, part in enumerate(parts)
    )


def sanitize(value: Any) -> Any:
    """A copy of a figure (dicts, lists, strings, numbers) with every string passed through
    :func:`escape_text`; keys are left alone."""
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, dict):
        return {k: sanitize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [sanitize(v) for v in value]
    return value


def plain_text(builder: Callable[..., dict]) -> Callable[..., dict]:
    """Decorator for a function returning a figure dict: user text in it cannot become markup."""

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        figure = builder(*args, **kwargs)
        return sanitize(figure) if figure is not None else None

    wrapper.plain_text = True  # checked by the tests for every figure a page draws
    return wrapper


# --------------------------------------------------------------------------------------------------
# Axes: titles with their unit, log axes that read as numbers, labels that are never clipped

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def axis_title(quantity: str, unit: str | None = "") -> str:
    """``quantity (unit)``, or the quantity alone when there is no unit: "Concentration (pg/mL)"."""
    return f"{quantity} ({unit})" if unit else quantity


def tick_text(value: float, *, powers: bool = False) -> str:
    """A log-axis tick: written out from 0.001 to below 10⁶ ("0.01", "1", "250", "10000"), as a power of
    ten outside that or when ``powers`` ("10⁻⁴", "10⁶", "2 × 10⁻⁴")."""
    if value <= 0:
        return str(value)
    exponent = math.floor(math.log10(value) + 1e-9)
    mantissa = round(value / 10**exponent, 6)
    if not powers and 1e-3 <= value < 1e6:
        return f"{value:.{max(0, -exponent)}f}"
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    return power if mantissa == 1 else f"{mantissa:g} × {power}"


def log_ticks(low: float | None, high: float | None) -> dict:
    """Tick settings of a log axis over the data range [low, high] (positive values): one labelled tick
    per decade (1, 10, 100 …) when the range spans three decades or more, 1-2-5 steps over one to three,
    every digit below one; each label written out as a number (never plotly's "2 5 2 5" digit labels;
    powers of ten when a tick falls outside 0.001 to 10⁶), with unlabelled minor ticks at each digit.
    Empty when there is no positive range."""
    if not low or not high or low <= 0 or high <= 0:
        return {}
    low, high = min(low, high), max(low, high)
    decades = math.log10(high / low)
    steps = (1,) if decades >= 3 else (1, 2, 5) if decades >= 1 else tuple(range(1, 10))
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    values = [m * 10.0**e for e in range(first, last + 1) for m in steps]
    values = sorted({v for v in values if low / 1.0001 <= v <= high * 1.0001})
    if not values:
        values = [10.0**first, 10.0**last]
    powers = any(not 1e-3 <= v < 1e6 for v in values)
    return {
        "tickmode": "array",
        "tickvals": values,
        "ticktext": [tick_text(v, powers=powers) for v in values],
        "minor": {"dtick": "D1", "ticks": "outside", "ticklen": 3, "showgrid": False},
    }


def log_axis(low: float | None, high: float | None, *, pad: float = 2.0) -> dict:
    """A log axis over [low / pad, high × pad] with :func:`log_ticks` (range in log10 units, as plotly.js
    wants it for a log axis)."""
    out: dict = {"type": "log", "automargin": True}
    if low and high and low > 0 and high > 0:
        lo, hi = low / pad, high * pad
        out["range"] = [math.log10(lo), math.log10(hi)]
        out.update(log_ticks(lo, hi))
    return out
