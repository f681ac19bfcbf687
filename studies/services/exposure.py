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


def _responses(study: Study, source: str) -> tuple[dict[str, float], str | None]:
    """{animal tag: response} from the study's newest stored analysis of that kind (nothing refitted):
    ``growth_rate`` (the synergy model's per-animal rate: its arm's rate + the animal's random slope) or
    ``best_response_pct`` (the growth analysis's best % change from baseline)."""
    from studies.models import AnalysisResult

    kind = "synergy" if source == "growth_rate" else "growth"
    stored = AnalysisResult.objects.filter(study=study, kind=kind).order_by("-version").first()
    if stored is None:
        return {}, None
    if kind == "growth":
        values = {
            str(a.get("animal")): a.get("best_response_pct")
            for a in (stored.result or {}).get("animals") or []
            if isinstance(a, dict)
        }
    else:
        values = {
            str(a.get("animal")): a.get("growth_rate")
            for a in ((stored.result or {}).get("animals") or [])
            if isinstance(a, dict)
        }
    return {k: float(v) for k, v in values.items() if isinstance(v, int | float)}, f"{kind} v{stored.version}"


def _response_source(study: Study, settings: dict) -> str:
    from studies.models import AnalysisResult

    has_synergy = AnalysisResult.objects.filter(study=study, kind="synergy").exists()
    return settings.get("response") or ("growth_rate" if has_synergy else "best_response_pct")


def exposure_inputs_sha(study: Study, settings: dict | None = None) -> str:
    """SHA-256 of what an exposure analysis would read now (to tell a stale result without redoing it)."""
    from studies.services.common import sha256_of

    settings = dict(settings or {})
    responses, _from = _responses(study, _response_source(study, settings))
    return sha256_of({"inputs": {"samples": serum_rows(study), "responses": responses}, "settings": settings})


def exposure_compute(study: Study, settings: dict | None = None) -> tuple[dict, dict, str]:
    """NCA of every linked animal's serum profile (one per dose it follows), concentration–time per arm
    and exposure (AUC0–last of the first profile) against tumor response."""
    from studies.analysis.exposure import ExposureResponsePair, analyse_exposure_response
    from studies.analysis.pk import AnimalSamples, PKSample, analyse_pk
    from studies.services.common import StudyError, sha256_of

    settings = dict(settings or {})
    rows = serum_rows(study)
    if not rows:
        raise StudyError(
            "no_serum",
            "No serum sample of this study is linked to an animal with an analysed ELISA: link them on the "
            "study's Serum samples page.",
        )
    profiles: dict[tuple[str, float], list[dict]] = {}
    for r in rows:
        profiles.setdefault((r["tag"], r["dose_day"]), []).append(r)
    animals = [
        AnimalSamples(
            animal_id=tag if len({d for t, d in profiles if t == tag}) == 1 else f"{tag} (day {day:g})",
            arm_id=group[0]["arm"],
            arm_name=group[0]["arm"] or "no group",
            samples=[
                PKSample(
                    time_h=r["hours"], concentration=r["concentration"], below_lloq=r["blq"], lloq=r["lloq"]
                )
                for r in sorted(group, key=lambda r: r["hours"])
            ],
        )
        for (tag, day), group in profiles.items()
    ]
    unit = next((r["unit"] for r in rows if r["unit"]), None)
    try:
        pk = analyse_pk(animals, concentration_unit=unit).to_dict()
    except ValueError as exc:
        raise StudyError("invalid_serum", f"The serum samples cannot be analysed: {exc}") from None
    source = _response_source(study, settings)
    responses, from_analysis = _responses(study, source)
    first_day: dict[str, float] = {}
    for tag, day in profiles:
        first_day[tag] = min(day, first_day.get(tag, day))
    auc = {a["animal_id"]: a["auc_last"] for a in pk["animals"]}
    pairs = [
        ExposureResponsePair(
            animal_id=tag,
            arm_id=profiles[(tag, day)][0]["arm"],
            arm_name=profiles[(tag, day)][0]["arm"] or "no group",
            exposure=auc.get(tag if tag in auc else f"{tag} (day {day:g})"),
            response=responses.get(tag),
        )
        for tag, day in first_day.items()
    ]
    exposure_response, er_error = None, None
    try:
        exposure_response = analyse_exposure_response(
            pairs, exposure_metric="auc_last", response_metric=source
        ).to_dict()
    except ValueError as exc:
        er_error = str(exc)
    result = {
        "pk": pk,
        "exposure_response": exposure_response,
        "exposure_response_error": er_error,
        "response_source": {"metric": source, "analysis": from_analysis},
        "samples": rows,
    }
    inputs = {"samples": rows, "responses": responses}
    return result, inputs, sha256_of({"inputs": inputs, "settings": settings})
