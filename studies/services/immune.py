"""The immune readouts of a study (kind ``immune``): the lab's panel computed per flow sample, per
readout and tissue a comparison across arms (Kruskal–Wallis, then Dunn vs control with Holm; or Welch
on log values with Holm) and each mouse's value against its tumor response (Spearman), from the stored
flow samples and the newest stored synergy (per-mouse growth rate) or growth (best % change) analysis.
The statistics are studies.analysis.flow's."""

from __future__ import annotations

from studies.models import FlowSample, Study
from studies.services.common import StudyError, sha256_of
from studies.services.exposure import _responses
from studies.services.flow import lab_panel, panel_readouts

IMMUNE_SETTINGS = {"method", "response"}


def immune_compute(study: Study, data, settings: dict | None = None) -> tuple[dict, dict, str]:
    from studies.analysis.flow import (
        FlowRecord,
        MouseValue,
        compare_arms,
        compute_readouts,
        correlate_with_response,
    )
    from studies.models import AnalysisResult

    settings = dict(settings or {})
    method = settings.get("method") or "kruskal_dunn"
    samples = list(
        FlowSample.objects.filter(study=study).select_related("animal").order_by("animal__tag", "tissue")
    )
    if not samples:
        raise StudyError(
            "no_flow",
            "No flow cytometry sample of this study's mice is stored: import a statistics table first.",
        )
    panel = lab_panel(study.lab)
    readouts = panel_readouts(panel)
    records = [
        FlowRecord(f"{s.pk}", r["population"], r["statistic"], float(r["value"]))
        for s in samples
        for r in s.statistics
    ]
    table = compute_readouts(records, readouts).by_sample()
    arms = {a.pk: a for a in data.arms}
    control = data.control
    if control is None:
        raise StudyError("no_control", "The study has no control group to compare with.")
    has_synergy = AnalysisResult.objects.filter(study=study, kind="synergy").exists()
    source = settings.get("response") or ("growth_rate" if has_synergy else "best_response_pct")
    responses, from_analysis = _responses(study, source)
    # the newest harvest of each mouse and tissue (a mouse stained twice counts once)
    chosen: dict[tuple[int, str], FlowSample] = {}
    for s in samples:
        key = (s.animal_id, s.tissue)
        if (
            key not in chosen
            or s.harvest_day > chosen[key].harvest_day
            or (s.harvest_day == chosen[key].harvest_day and s.pk > chosen[key].pk)
        ):
            chosen[key] = s
    tissues = sorted({t for _a, t in chosen})
    out_readouts = []
    for ro in readouts:
        for tissue in tissues:
            rows = [s for (a, t), s in chosen.items() if t == tissue and s.animal.arm_id in arms]
            mice = [
                MouseValue(
                    s.animal.tag,
                    s.animal.arm_id,
                    arms[s.animal.arm_id].name,
                    table.get(str(s.pk), {}).get(ro.name),
                )
                for s in sorted(rows, key=lambda s: s.animal.tag)
            ]
            entry = {
                "readout": ro.name,
                "kind": ro.kind,
                "tissue": tissue,
                "mice": [m.__dict__ for m in mice],
            }
            try:
                entry["comparison"] = compare_arms(mice, control.pk, readout=ro.name, method=method).to_dict()
            except ValueError as exc:
                entry["comparison"], entry["comparison_error"] = None, str(exc)
            try:
                entry["response"] = correlate_with_response(
                    [(m.animal_id, m.value, responses.get(m.animal_id)) for m in mice],
                    readout=ro.name,
                    response_metric=source,
                ).to_dict()
            except ValueError as exc:
                entry["response"], entry["response_error"] = None, str(exc)
            out_readouts.append(entry)
    result = {
        "method": method,
        "control": control.name,
        "panel": [r.to_dict() for r in readouts],
        "readouts": out_readouts,
        "samples": [
            {
                "name": s.name,
                "animal": s.animal.tag,
                "tissue": s.tissue,
                "harvest_day": s.harvest_day,
                "values": table.get(str(s.pk), {}),
            }
            for s in samples
        ],
        "response_source": {"metric": source, "analysis": from_analysis},
    }
    inputs = {
        "samples": [[s.pk, s.animal_id, s.tissue, s.harvest_day, s.statistics] for s in samples],
        "panel": [r.to_dict() for r in readouts],
        "arms": {str(a.pk): a.name for a in data.arms},
        "responses": responses,
    }
    return result, inputs, sha256_of({"inputs": inputs, "settings": settings})
