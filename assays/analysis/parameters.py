"""A stored curve fit as a table of parameters: estimate, standard error and 95 % confidence interval.

Pure Python on the stored ``FitResult.to_dict()`` (no refit). The intervals are the asymptotic (Wald)
intervals GraphPad Prism reports by default and R's ``confint.default`` on an ``nls``/``drc`` fit with
t quantiles: estimate ± t(0.975, df) · SE, with df the fit's residual degrees of freedom. The EC50's
interval is the stored one (``ec50_ci95``), computed on log10(EC50) and back-transformed, so never
below zero and asymmetric on the dose scale (``curves.fit_curve``); log10 EC50 gets the symmetric
interval it is computed from. A parameter withheld by the fit (None: at a bound, not identifiable) has
no SE and no interval.
"""

from __future__ import annotations

import math
from typing import Any

from scipy import stats

#: (key in the stored fit, what a scientist calls it, what its unit is: "x" the dose / concentration
#: unit, "y" the response unit, "log x" log10 of the dose unit, "" dimensionless)
PARAMETERS = (
    ("bottom", "Bottom", "y"),
    ("top", "Top", "y"),
    ("hill_slope", "Hill slope", ""),
    ("ec50", "EC50", "x"),
    ("log_ec50", "log10 EC50", "log x"),
    ("asymmetry", "Asymmetry (S)", ""),
    ("slope", "Slope", ""),
    ("intercept", "Intercept", "log y"),
)


def t975(df: Any) -> float | None:
    """t(0.975, df), None when there are no residual degrees of freedom."""
    if not isinstance(df, (int, float)) or df < 1:
        return None
    return float(stats.t.ppf(0.975, df))


def wald_ci95(estimate: Any, se: Any, df: Any) -> tuple[float, float] | None:
    """estimate ± t(0.975, df) · SE, None when any of them is missing."""
    t = t975(df)
    if t is None or not isinstance(estimate, (int, float)) or not isinstance(se, (int, float)):
        return None
    if not (math.isfinite(estimate) and math.isfinite(se)):
        return None
    return (estimate - t * se, estimate + t * se)


def parameter_rows(fit: dict | None) -> list[dict[str, Any]]:
    """One row per parameter the model reports: ``{key, label, unit_kind, estimate, se, ci95_low,
    ci95_high, ci_method}``; parameters the model does not have are left out (the 4PL has no asymmetry),
    a withheld one is kept with None values."""
    if not fit:
        return []
    values = fit.get("parameters") or {}
    errors = fit.get("standard_errors") or {}
    model = fit.get("model")
    rows = []
    for key, label, unit_kind in PARAMETERS:
        if key not in values:
            continue
        if key == "asymmetry" and model != "5PL":
            continue
        if key in ("slope", "intercept") and model not in ("linear", "loglog"):
            continue
        if key not in ("slope", "intercept") and model in ("linear", "loglog"):
            continue
        estimate, se = values.get(key), errors.get(key)
        if key == "ec50":
            ci = fit.get("ec50_ci95")
            method = "log10 EC50 ± t·SE, back-transformed"
        else:
            ci = wald_ci95(estimate, se, fit.get("df"))
            method = "estimate ± t·SE (asymptotic)"
        if key == "intercept" and model == "linear":
            unit_kind = "y"
        rows.append(
            {
                "key": key,
                "label": label,
                "unit_kind": unit_kind,
                "estimate": estimate,
                "se": se,
                "ci95_low": ci[0] if ci else None,
                "ci95_high": ci[1] if ci else None,
                "ci_method": method if ci else "",
            }
        )
    return rows
