"""Job handlers of the assays app (registered in ``AssaysConfig.ready``). Each takes what it needs
from ``job.params`` (plain JSON).

A run's analysis (``run_analysis``) loads the plates' wells and the layout (``selectors.run_inputs``),
calls ``assays.analysis.elisa`` / ``potency`` and stores the result in its ``RunResult`` version with the
inputs' SHA-256, the settings, the analysis version and the summary a list shows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from assays.analysis import ANALYSIS_VERSION, kinetics
from assays.analysis.curves import CurveFitError, fit_curve
from assays.analysis.elisa import analyse_elisa
from assays.analysis.potency import analyse_potency
from assays.analysis.summary import run_summary
from assays.errors import RunInputError
from assays.models import AssayRun, Plate, Read, RunResult
from assays.selectors import kinetic_reduction, reads_for_run, run_inputs, run_pooled_wells
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


def _combine_plates(per_plate: list[tuple[Plate, dict]]) -> dict:
    """One result for the run: the first plate's curve on top, each plate's own below, rows tagged by plate."""
    if len(per_plate) == 1:
        plate, result = per_plate[0]
        for key in ("standards", "samples", "qcs", "dilution_linearity"):
            for row in result.get(key, []) or []:
                row["plate"] = plate.pk
        result["plates"] = [
            {
                "plate": plate.pk,
                "name": plate.name,
                "curve": result.get("curve"),
                "model_selection": result.get("model_selection"),
                "qc": result.get("qc"),
            }
        ]
        return result
    combined: dict = {
        "curve": per_plate[0][1].get("curve"),
        "standards": [],
        "samples": [],
        "reassay": [],
        "plates": [],
    }
    if "model_selection" in per_plate[0][1]:
        combined["model_selection"] = per_plate[0][1]["model_selection"]
    if "dilution_linearity" in per_plate[0][1]:
        # each plate's own: a sample's dilutions are compared on the plate (and curve) they were read on
        combined["dilution_linearity"] = []
    reasons, passed = [], []
    qc_counts = [0, 0]
    for plate, result in per_plate:
        for key in ("standards", "samples", "reassay", "dilution_linearity"):
            for row in result.get(key, []) or []:
                combined.setdefault(key, []).append({**row, "plate": plate.pk})
        for key in ("curves", "potency", "qcs"):
            for row in result.get(key, []) or []:
                combined.setdefault(key, []).append({**row, "plate": plate.pk})
        qc = result.get("qc") or {}
        reasons += [f"{plate.name}: {r}" for r in qc.get("reasons", [])]
        passed.append(bool(qc.get("accepted")))
        qc_samples = qc.get("qc_samples") or {}
        qc_counts[0] += qc_samples.get("n") or 0
        qc_counts[1] += qc_samples.get("n_passed") or 0
        combined["plates"].append(
            {
                "plate": plate.pk,
                "name": plate.name,
                "curve": result.get("curve"),
                "model_selection": result.get("model_selection"),
                "qc": qc,
            }
        )
    first_qc = per_plate[0][1].get("qc") or {}
    judged = [s for s in combined["standards"] if s.get("passed") is not None]
    combined["qc"] = {
        "z_prime": first_qc.get("z_prime"),
        "signal_to_background": first_qc.get("signal_to_background"),
        "standards_passed_pct": (100.0 * sum(bool(s["passed"]) for s in judged) / len(judged))
        if judged
        else None,
        "accepted": all(passed),
        "reasons": reasons,
    }
    if qc_counts[0]:
        # each plate is its own analytical run with its own curve and QC rule; here only the totals
        combined["qc"]["qc_samples"] = {
            "n": qc_counts[0],
            "n_passed": qc_counts[1],
            "passed_fraction": qc_counts[1] / qc_counts[0],
            "accepted": all(
                ((p["qc"] or {}).get("qc_samples") or {}).get("accepted", True) for p in combined["plates"]
            ),
            "per_plate": True,
        }
    lows = [(p["qc"] or {}).get("lloq") for p in combined["plates"]]
    highs = [(p["qc"] or {}).get("uloq") for p in combined["plates"]]
    if lows and all(v is not None for v in lows + highs):
        # the range every plate quantifies (each sample row keeps its own plate's limits)
        combined["qc"].update(lloq=max(lows), uloq=min(highs), unit=first_qc.get("unit"))
    return combined


def _inputs_hash(run: AssayRun, inputs, settings: dict, excluded: list[str]) -> str:
    payload = {
        "kind": run.kind,
        "settings": settings,
        "excluded": sorted(excluded),
        "plates": [
            {"plate": p.pk, "sha256": p.stored_file.sha256, "wells": [asdict(w) for w in items]}
            for p, items in inputs
        ],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def run_analysis_failed(job, message: str) -> None:
    """After a failed run_analysis job: its result version is marked failed, with the message."""
    RunResult.objects.filter(pk=job.params["run_result"]).update(
        status=RunResult.Status.FAILED, error=message
    )


def run_analysis(job) -> dict:
    version = RunResult.objects.select_related("run__layout").get(pk=job.params["run_result"])
    run = version.run
    RunResult.objects.filter(pk=version.pk).update(status=RunResult.Status.RUNNING)
    try:
        inputs = run_inputs(run, version.settings, version.excluded_wells)
        per_plate = []
        pooled = run_pooled_wells(run, inputs, version.settings)
        if pooled is not None:
            result = analyse_elisa(pooled, version.settings).to_dict()
            result["plates"] = [{"plate": plate.pk, "name": plate.name} for plate, _ in inputs]
            inputs_for_plates = []
        else:
            inputs_for_plates = inputs
            result = None
        for plate, items in inputs_for_plates:
            if run.kind == AssayRun.Kind.ELISA:
                plate_result = analyse_elisa(items, version.settings).to_dict()
            else:
                settings = {**version.settings, "rows": plate.rows, "columns": plate.columns}
                plate_result = analyse_potency(items, settings).to_dict()
            per_plate.append((plate, plate_result))
    except (CurveFitError, ValueError, RunInputError) as exc:
        raise JobFailed(getattr(exc, "message", None) or str(exc)) from None
    if result is None:
        result = _combine_plates(per_plate)
    result["analysis_version"] = ANALYSIS_VERSION
    result["version"] = version.version
    series_reads = [
        r.label
        for plate in run.plates.all()
        for r in [reads_for_run(list(plate.reads.all()), run.kind, version.settings)[0]]
        if r is not None and r.mode != Read.Mode.ENDPOINT
    ]
    if series_reads:
        reduction = kinetic_reduction(version.settings)
        result["kinetic_reduction"] = {
            **reduction,
            "reads": sorted(set(series_reads)),
            "description": kinetics.describe(
                reduction["name"], window=reduction.get("window", 5), at=reduction.get("at")
            ),
        }
    RunResult.objects.filter(pk=version.pk).update(
        status=RunResult.Status.SUCCEEDED,
        result=result,
        summary=run_summary(result),
        analysis_version=ANALYSIS_VERSION,
        inputs_sha256=_inputs_hash(run, inputs, version.settings, version.excluded_wells),
        error="",
    )
    return {"run": run.pk, "version": version.version, "accepted": (result.get("qc") or {}).get("accepted")}
