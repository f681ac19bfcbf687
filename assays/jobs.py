"""Job kinds of the assays app. Each takes what it needs from ``job.params`` (plain JSON)."""

from __future__ import annotations

from assays import runs  # noqa: F401  (registers "run_analysis")
from assays.analysis.curves import CurveFitError, fit_curve
from il2portal.jobs import JobFailed, job_kind


@job_kind("fit", label="Curve fit (API)")
def run_fit(job) -> dict:
    """An ad-hoc curve fit (POST /api/v1/fits/)."""
    params = job.params
    x = [p["x"] for p in params["points"]]
    y = [p["y"] for p in params["points"]]
    try:
        result = fit_curve(x, y, model=params["model"], weighting=params["weighting"])
    except CurveFitError as exc:
        raise JobFailed(str(exc)) from None
    return result.to_dict(unknowns=params.get("unknowns") or [])
