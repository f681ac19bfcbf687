"""The inputs of a study's serum exposure analysis: each linked serum sample's concentration from the
newest succeeded version of its ELISA run, with its below-LLOQ state (never a zero), in a fixed number
of queries. The analysis itself (NCA per animal, concentration–time per arm, exposure–response) is in
studies.analysis.pk and studies.analysis.exposure; it is stored by studies.services.analyses."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from assays.models import RunResult
from studies.models import SerumSample, Study

UNQUANTIFIED = {"below_range", "above_range", "no_curve", "no_signal"}


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def serum_rows(study: Study) -> list[dict]:
    """[{animal, tag, arm, dose_day, hours, concentration, blq, lloq, unit, sample, run, version}] of the
    study's linked samples whose run has a succeeded analysis. ``concentration`` is the reported
    (dilution-corrected) value; a sample below the curve's LLOQ has ``blq`` True, ``concentration``
    None and ``lloq`` the LLOQ × its dilution; one above the ULOQ is left out (``above`` counted)."""
    links = list(
        SerumSample.objects.filter(study=study)
        .select_related("animal__arm")
        .order_by("animal__tag", "dose_day")
    )
    if not links:
        return []
    newest = (
        RunResult.objects.filter(run=OuterRef("run"), status=RunResult.Status.SUCCEEDED)
        .order_by("-version")
        .values("version")[:1]
    )
    results = {
        v.run_id: v
        for v in RunResult.objects.filter(run__in={x.run_id for x in links}, version=Subquery(newest)).only(
            "run_id", "version", "result"
        )
    }
    by_sample: dict[tuple[int, str], dict] = {}
    for run_id, version in results.items():
        result = version.result or {}
        lloq = _number((result.get("qc") or {}).get("lloq"))
        for row in result.get("samples") or []:
            if not isinstance(row, dict) or not row.get("sample"):
                continue
            key = (run_id, row["sample"])
            # several dilutions of one sample: the first in range wins, else the first row
            if key in by_sample and by_sample[key]["concentration"] is not None:
                continue
            dilution = _number(row.get("dilution_factor")) or 1.0
            by_sample[key] = {
                # a high replicate CV keeps its number (it is shown); out of range or unread, none
                "concentration": (
                    _number(row.get("reported_concentration"))
                    if row.get("flag") not in UNQUANTIFIED
                    else None
                ),
                "blq": row.get("flag") == "below_range",
                "above": row.get("flag") == "above_range",
                "lloq": lloq * dilution if lloq is not None else None,
                "unit": row.get("unit"),
                "version": version.version,
            }
    out = []
    for link in links:
        found = by_sample.get((link.run_id, link.sample))
        if found is None or found["above"] or (found["concentration"] is None and not found["blq"]):
            continue
        out.append(
            {
                "animal": link.animal_id,
                "tag": link.animal.tag,
                "arm": link.animal.arm.name if link.animal.arm else None,
                "dose_day": link.dose_day,
                "hours": link.hours_after_dose,
                "concentration": found["concentration"],
                "blq": found["blq"],
                "lloq": found["lloq"],
                "unit": found["unit"],
                "sample": link.sample,
                "run": link.run_id,
                "version": found["version"],
            }
        )
    return out
