"""The few numbers a run list shows of a stored result (``RunResult.summary``).

A list of runs carries these and a link; the run's own answer carries the whole result. Computed once,
when the result is stored (``assays.jobs``), from the result dict alone, so it is the same function
for new results and for the migration that filled it in for old ones.
"""

from __future__ import annotations

from typing import Any

SUMMARY_KEYS = (
    "accepted",
    "reasons",
    "model",
    "r_squared",
    "ec50",
    "ec50_ci95",
    "unit",
    "z_prime",
    "n_samples",
    "n_flagged_samples",
    "relative_potency",
)


def run_summary(result: dict[str, Any] | None) -> dict[str, Any]:
    """``{accepted, reasons, model, r_squared, ec50, ec50_ci95, unit, z_prime, n_samples, n_flagged_samples,
    relative_potency: [{sample, relative_potency, ci95, similar}]}`` of a run result; ``{}`` for none.

    ``ec50`` and ``ec50_ci95`` are the (reference) curve's, in the plate's concentration unit (``unit``),
    null for models without one (linear, log-log). A sample counts as flagged when it carries any flag
    (below or above the range, high CV, ...)."""
    if not isinstance(result, dict):
        return {}
    qc = result.get("qc") or {}
    curve = result.get("curve") or {}
    samples = [s for s in result.get("samples") or [] if isinstance(s, dict)]
    potency = [p for p in result.get("potency") or [] if isinstance(p, dict)]
    units = {s.get("unit") for s in samples if s.get("unit")}
    return {
        "accepted": qc.get("accepted"),
        "reasons": list(qc.get("reasons") or []),
        "model": curve.get("model"),
        "r_squared": curve.get("r_squared"),
        "ec50": (curve.get("parameters") or {}).get("ec50"),
        "ec50_ci95": curve.get("ec50_ci95"),
        "unit": qc.get("unit") or (units.pop() if len(units) == 1 else None),
        "z_prime": qc.get("z_prime"),
        "n_samples": len(samples),
        "n_flagged_samples": sum(1 for s in samples if s.get("flag") or s.get("flags")),
        "relative_potency": [
            {
                "sample": p.get("sample"),
                "relative_potency": p.get("relative_potency"),
                "ci95": p.get("ci95"),
                "similar": p.get("similar"),
            }
            for p in potency
        ],
    }
