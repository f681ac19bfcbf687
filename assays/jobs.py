"""Job handlers of the assays app (registered in ``AssaysConfig.ready``). Each takes what it needs
from ``job.params`` (plain JSON)."""

from __future__ import annotations

from assays.analysis.curves import CurveFitError, fit_curve
from il2portal.jobs import JobFailed


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
