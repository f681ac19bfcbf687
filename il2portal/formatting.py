"""Numbers as a scientist reads them: one rule per kind of number, for pages, figures and exports.

Pure Python (no Django): each function takes a number (int, float, numpy scalar, Decimal) or ``None`` and
returns text. A missing value (``None``, NaN) is ``"—"``. The minus sign is ASCII ``-``, so that a value
copied from a page into a spreadsheet stays a number. Spreadsheet exports (CSV, XLSX) keep full-precision
numbers, never text from here: formatting is for reading, rounding happens only at the last step.

**p-values**, as journals write them (NEJM/BMJ statistical guidelines; GraphPad Prism's journal styles):

* three significant digits, trailing zeros dropped: ``0.0658``, ``0.342``, ``0.0013``, ``0.5``. Two
  digits would round 0.0496 up to "0.050", which reads as not significant; four say more than a test's
  approximations (asymptotic χ², normal z) are worth;
* below 0.0001: ``< 0.0001``, never ``0.00000`` or ``1.2e-08`` (the tail of an asymptotic test is not
  accurate to that many digits, and nothing more is said by them);
* 0.9995 and above (which would round to 1): ``> 0.999``;
* missing, NaN, or outside [0, 1] (not a p-value): ``—``.

:func:`p_value` gives the number for a table cell; :func:`p_equals` the statement ``p = 0.0013`` /
``p < 0.0001`` for running text and figure titles.

**Ratios** (hazard ratios and their confidence limits): two significant digits below 0.1 (``0.047``,
``0.0063``), two decimals from 0.1 (``0.31``, ``2.50``); below 0.001 ``< 0.001``, above 1000 ``> 1000``,
an unbounded upper limit ``∞``; negative (not a ratio) ``—``. :func:`ratio_ci` writes
``0.047 (0.006–0.31)`` and adds digits to all three numbers, up to three more, until the estimate differs
from each limit it differs from numerically ("1.004 (0.998–1.010)", not "1.00 (1.00–1.01)").

**Concentrations and amounts with a unit** (:func:`quantity`): three significant figures, but never
fewer than the integer digits (``1.23 ng/mL``, ``0.0123 ng/mL``, ``1234 ng/mL``), so three or four
figures in practice, trailing zeros dropped (a dose of ``10 mg/kg``, not ``10.0``); below 0.001 or from
10⁶ in powers of ten (``1.23 × 10⁻⁵ M``); not finite: ``—``.

**Percentages** computed from data (TGI, T/C, regression, weight change): one decimal, ``12.3 %`` (a
space before %, as ISO 80000 writes it); ``-0.0`` is written ``0.0``. Settings a user typed (an endpoint
of 20 %) are shown as typed, not through this.
"""

from __future__ import annotations

import math
from typing import Any

MISSING = "—"

P_FLOOR = 1e-4  # below: "< 0.0001"
P_CEILING = 0.9995  # from here: "> 0.999" (3 significant digits would round to 1)
P_DIGITS = 3  # significant

RATIO_FLOOR = 1e-3
RATIO_CEILING = 1e3
RATIO_MORE_DIGITS = 3  # at most this many digits added so that an estimate and its limits differ

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _number(value: Any) -> float | None:
    """``value`` as a float, ``None`` when missing or NaN (inf is kept)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


# --------------------------------------------------------------------------------------------------
# p-values


def p_value(p: Any) -> str:
    """A p-value for a table cell: ``0.0013``, ``< 0.0001``, ``> 0.999`` or ``—`` (module docstring)."""
    x = _number(p)
    if x is None or not 0.0 <= x <= 1.0 + 1e-9:
        return MISSING
    if x < P_FLOOR:
        return "< 0.0001"
    if x >= P_CEILING:
        return "> 0.999"
    return f"{x:.{P_DIGITS}g}"


def p_equals(p: Any) -> str:
    """A p-value in a sentence: ``p = 0.0013``, ``p < 0.0001``, ``p > 0.999``; ``p n/a`` when missing."""
    text = p_value(p)
    if text == MISSING:
        return "p n/a"
    return f"p {text}" if text[0] in "<>" else f"p = {text}"


# --------------------------------------------------------------------------------------------------
# Ratios


def ratio(value: Any, *, more_digits: int = 0) -> str:
    """A hazard ratio or one of its confidence limits (module docstring); ``more_digits`` adds digits."""
    x = _number(value)
    if x is None or x < 0:
        return MISSING
    if math.isinf(x):
        return "∞"
    if x == 0:
        return "0"
    if x < RATIO_FLOOR:
        return "< 0.001"
    if x > RATIO_CEILING:
        return "> 1000"
    if x < 0.1:
        return f"{x:.{2 + more_digits}g}"
    return f"{x:.{2 + more_digits}f}"


def ratio_ci(estimate: Any, low: Any, high: Any) -> str:
    """``0.047 (0.006–0.31)``: an estimate and its confidence interval, with enough digits that the
    estimate differs from each limit that differs from it (module docstring)."""
    values = [_number(v) for v in (estimate, low, high)]
    for more in range(RATIO_MORE_DIGITS + 1):
        texts = [ratio(v, more_digits=more) for v in values]
        clash = any(texts[0] == texts[i] and values[0] != values[i] and values[i] is not None for i in (1, 2))
        if not clash:
            break
    est, lo, hi = texts
    return f"{est} ({lo}–{hi})"


# --------------------------------------------------------------------------------------------------
# Concentrations and amounts


def number(value: Any, digits: int = 3) -> str:
    """A measured number to ``digits`` significant figures, never dropping integer digits, trailing zeros
    dropped (``0.123``, ``1.5``, ``1234``; ``1.23 × 10⁻⁵`` below 0.001 or from 10⁶); ``—`` when missing
    or not finite. Signals (OD, RLU) take 4 figures, fitted parameters and concentrations 3."""
    x = _number(value)
    if x is None or math.isinf(x):
        return MISSING
    sign, x = ("-", -x) if x < 0 else ("", x)
    if x == 0:
        return "0"
    if x < 1e-3 or x >= 1e6:
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        text = f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
    else:
        integer_digits = max(math.floor(math.log10(x)) + 1, 0)
        if integer_digits >= digits:
            text = f"{x:.0f}"
        else:
            decimals = digits - integer_digits if integer_digits else digits - 1 - math.floor(math.log10(x))
            text = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
            if text in ("0", ""):
                return "0"
    return sign + text


def quantity(value: Any, unit: str = "", digits: int = 3) -> str:
    """A concentration or an amount with its unit to 3 significant figures, never dropping integer
    digits (``1.23 ng/mL``, ``1234 ng/mL``; ``1.23 × 10⁻⁵ M`` below 0.001 or from 10⁶)."""
    text = number(value, digits)
    return f"{text} {unit}" if unit and text != MISSING else text


# --------------------------------------------------------------------------------------------------
# Percentages


def percent(value: Any) -> str:
    """A percentage computed from data, one decimal: ``12.3 %``; ``—`` when missing or not finite."""
    x = _number(value)
    if x is None or math.isinf(x):
        return MISSING
    text = f"{x:.1f}"
    if text == "-0.0":
        text = "0.0"
    return f"{text} %"


def signed_percent(value: Any) -> str:
    """A bias or a change, one decimal with its sign: ``+3.2 %``, ``-12.0 %``, ``0.0 %``."""
    text = percent(value)
    if text == MISSING or text.startswith(("-", "0.0 ")):
        return text
    return "+" + text


# --------------------------------------------------------------------------------------------------
# Mean ± SEM


def mean_sem(mean: Any, sem: Any) -> str:
    """``1897 ± 411``, ``22.2 ± 0.44``: the SEM to two significant figures, the mean to the same
    decimal place (never fewer than its integer digits), as a measured mean is reported; without an SEM
    the mean alone, as :func:`quantity` writes it."""
    m, s = _number(mean), _number(sem)
    if m is None or math.isinf(m):
        return MISSING
    if s is None or math.isinf(s) or s < 0:
        return quantity(m)
    decimals = 0 if s == 0 else max(1 - math.floor(math.log10(s)), 0)
    text_m = f"{m:.{decimals}f}"
    if text_m.startswith("-") and float(text_m) == 0:
        text_m = text_m[1:]
    return f"{text_m} ± {s:.{decimals}f}"
