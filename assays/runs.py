"""Layouts and assay runs: services (validation, creation, re-analysis) and the analysis job.

A run's analysis is a job (``run_analysis``): it loads the plates' wells and the layout, turns them into
the pure analysis dataclasses, calls ``assays.analysis.elisa`` / ``potency`` and stores the result as a
new ``RunResult`` version with the inputs' SHA-256, the settings and the analysis version.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import asdict, replace

from django.db import transaction

from assays import readers
from assays.analysis import ANALYSIS_VERSION, kinetics
from assays.analysis.curves import CurveFitError
from assays.analysis.elisa import ElisaSettings, WellSignal, analyze_elisa
from assays.analysis.potency import DoseWell, PotencySettings, analyze_potency
from assays.analysis.qc import AcceptanceCriteria
from assays.analysis.summary import run_summary
from assays.models import AssayRun, Layout, LayoutWell, Plate, Read, RunResult
from assays.selectors import read_values
from il2portal.jobs import JobFailed, job_create

REFERENCE_WAVELENGTHS = (570.0, 540.0, 620.0, 630.0, 650.0)
ROLES = [choice for choice, _ in LayoutWell.Role.choices]


class RunInputError(ValueError):
    """Bad input for a layout or run; ``field`` names where (e.g. ``wells[3].well``)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


# ---------------------------------------------------------------------------------------------- layouts


@transaction.atomic
def layout_create(
    *, lab, user, name: str, rows: int, columns: int, wells: list[dict], description: str = ""
) -> Layout:
    """Create a plate map. Wells not listed are empty; each listed well is checked against the geometry."""
    if (rows, columns) not in {(r, c) for r, c in readers.PLATE_GEOMETRIES.values()}:
        raise RunInputError("rows", f"{rows}×{columns} is not a standard plate (6 to 1536 wells).")
    if Layout.objects.filter(lab=lab, name=name).exists():
        raise RunInputError("name", f"A layout named {name!r} already exists in this lab.")
    layout = Layout.objects.create(
        lab=lab, name=name, rows=rows, columns=columns, description=description, created_by=user
    )
    seen = set()
    rows_out = []
    for index, entry in enumerate(wells):
        where = f"wells[{index}]"
        try:
            r, c = readers.parse_well(str(entry.get("well", "")))
        except ValueError:
            raise RunInputError(
                f"{where}.well", f"{entry.get('well')!r} is not a well name like A1."
            ) from None
        name_ = readers.well_name(r, c)
        if r >= rows or c >= columns:
            raise RunInputError(f"{where}.well", f"{name_} is outside a {rows}×{columns} plate.")
        if name_ in seen:
            raise RunInputError(f"{where}.well", f"{name_} is listed twice.")
        seen.add(name_)
        role = entry.get("role") or "empty"
        if role not in ROLES:
            raise RunInputError(f"{where}.role", f"{role!r} is not a role; use one of {', '.join(ROLES)}.")
        conc = entry.get("concentration")
        if conc is not None and (not isinstance(conc, (int, float)) or conc != conc or conc < 0):
            raise RunInputError(f"{where}.concentration", "Concentration must be a number ≥ 0.")
        if role in ("standard", "qc") and conc is None:
            raise RunInputError(f"{where}.concentration", f"A {role} well needs its nominal concentration.")
        dilution = entry.get("dilution_factor") or 1.0
        if not isinstance(dilution, (int, float)) or dilution <= 0:
            raise RunInputError(f"{where}.dilution_factor", "Dilution factor must be a positive number.")
        group = str(entry.get("group") or "")
        sample = str(entry.get("sample") or "")
        if role == "sample" and not (group or sample):
            raise RunInputError(f"{where}.sample", "A sample well needs a sample name or a group.")
        rows_out.append(
            LayoutWell(
                layout=layout,
                well=name_,
                row=r,
                column=c,
                role=role,
                group=group[:100],
                concentration=conc,
                unit=str(entry.get("unit") or "")[:20],
                dilution_factor=float(dilution),
                sample=sample[:200],
                lot=entry.get("lot"),
            )
        )
    LayoutWell.objects.bulk_create(rows_out)
    return layout


# ---------------------------------------------------------------------------------------------- runs


def _choose_reads(reads: list[Read], kind: str, settings: dict) -> tuple[Read | None, Read | None]:
    """The primary read (signal) and the reference-wavelength read of a plate."""
    wanted_label = settings.get("read")
    chosen = next((r for r in reads if r.label == wanted_label), None) if wanted_label else None
    reads = [r for r in reads if not r.calculated]  # a calculated read is used only when chosen by name
    if wanted_label:
        primary = chosen
    elif kind == AssayRun.Kind.BIOASSAY:
        primary = next((r for r in reads if r.kind == "luminescence"), None) or next(iter(reads), None)
    else:
        target = float(settings.get("wavelength_nm") or 450)
        absorbance = [r for r in reads if r.kind == "absorbance"]
        primary = next((r for r in absorbance if r.wavelength_nm == target), None) or next(
            iter(absorbance), None
        )
        primary = primary or next(iter(reads), None)
    reference = None
    if kind == AssayRun.Kind.ELISA and primary is not None:
        if "reference_wavelength_nm" in settings:
            ref_nm = settings["reference_wavelength_nm"]
            if ref_nm:
                reference = next(
                    (r for r in reads if r.wavelength_nm == float(ref_nm) and r.pk != primary.pk), None
                )
                if reference is None:
                    raise RunInputError(
                        "settings.reference_wavelength_nm", f"No read at {ref_nm:g} nm on the plate."
                    )
        else:
            reference = next(
                (
                    r
                    for nm in REFERENCE_WAVELENGTHS
                    for r in reads
                    if r.wavelength_nm == nm and r.pk != primary.pk
                ),
                None,
            )
    return primary, reference


def kinetic_reduction(settings: dict) -> dict:
    """The reduction of a kinetic or spectral read to one value per well, from the run settings:
    ``kinetic_reduction`` (default "last": the last time point, as before series were stored),
    ``kinetic_window`` (points, for max_slope) and ``kinetic_at_s`` (for value_at)."""
    name = settings.get("kinetic_reduction") or "last"
    out = {"name": name}
    if name == "max_slope":
        out["window"] = int(settings.get("kinetic_window") or 5)
    if name == "value_at":
        out["at"] = float(settings["kinetic_at_s"])
    return out


def _plate_values(
    plate: Plate, read: Read | None, settings: dict | None = None
) -> dict[str, tuple[float | None, str | None]]:
    """Well → (value, flag) of one read; a kinetic or spectral read is reduced with the run's
    ``kinetic_reduction`` (default: its last time point)."""
    if read is None:
        return {}
    reduction = kinetic_reduction(settings or {})
    name = reduction.pop("name")
    return read_values(read, name, **reduction)


def _excluded_for(plate: Plate, excluded: list[str]) -> set[str]:
    wells = set()
    for item in excluded:
        if ":" in item:
            plate_id, well = item.split(":", 1)
            if plate_id.strip() == str(plate.pk):
                wells.add(readers.normalize_well(well))
        else:
            wells.add(readers.normalize_well(item))
    return wells


def validate_excluded(excluded: list[str]) -> list[str]:
    out = []
    for index, item in enumerate(excluded):
        well = item.split(":", 1)[-1]
        try:
            readers.parse_well(well)
        except ValueError:
            raise RunInputError(
                f"excluded_wells[{index}]", f"{item!r} is not a well like B3 (or <plate id>:B3)."
            ) from None
        out.append(item.strip())
    return out


def run_inputs(run: AssayRun, settings: dict, excluded: list[str]) -> list[tuple[Plate, list]]:
    """Per plate, the analysis dataclasses (WellSignal for ELISA, DoseWell for bioassays)."""
    layout_wells = list(run.layout.wells.all())
    plates = list(run.plates.order_by("pk").prefetch_related("reads"))
    out = []
    for plate in plates:
        primary, reference = _choose_reads(list(plate.reads.all()), run.kind, settings)
        values = _plate_values(plate, primary, settings)
        refs = _plate_values(plate, reference, settings)
        skip = _excluded_for(plate, excluded)
        items = []
        for lw in layout_wells:
            if lw.role == LayoutWell.Role.EMPTY:
                continue
            value, flag = values.get(lw.well, (None, "missing"))
            common = dict(
                well=lw.well,
                role=lw.role,
                value=value,
                group=lw.group or None,
                unit=lw.unit or None,
                sample=lw.sample or None,
                excluded=lw.well in skip,
            )
            if run.kind == AssayRun.Kind.ELISA:
                ref_value = refs.get(lw.well, (None, None))[0] if reference is not None else None
                items.append(
                    WellSignal(
                        **common,
                        nominal=lw.concentration,
                        dilution_factor=lw.dilution_factor,
                        reference=ref_value,
                        flag=flag,
                    )
                )
            else:
                items.append(DoseWell(**common, dose=lw.concentration))
        out.append((plate, items))
    return out


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


SETTING_TYPES = {
    "model": str,
    "weighting": str,
    "fit_on": str,
    "read": str,
    "standard_curve": str,
    "response": str,
    "similarity": str,
    "wavelength_nm": (int, float),
    "reference_wavelength_nm": (int, float, type(None)),
    "blank_subtraction": (bool, str),
    "reference_subtraction": bool,
    "background_subtraction": bool,
    "acceptance": dict,
    "asymptote_margin_pct": (int, float),
    "slope_ratio_margin": (list, tuple),
    "equivalence_level": (int, float),
    "f_test_alpha": (int, float),
    "rp_level": (int, float),
    "kinetic_reduction": str,
    "kinetic_window": int,
    "kinetic_at_s": (int, float),
}


def check_settings(settings) -> None:
    """Types of the known settings, so that a wrong one is a clear 400 and never a crash further down."""
    if not isinstance(settings, dict):
        raise RunInputError("settings", "settings must be an object.")
    for key, expected in SETTING_TYPES.items():
        if key not in settings:
            continue
        value = settings[key]
        numeric = isinstance(expected, tuple) and float in expected
        bad_number = numeric and (
            isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value))
        )
        if not isinstance(value, expected) or bad_number:
            raise RunInputError(f"settings.{key}", f"{value!r} is not a valid value for {key}.")
    if settings.get("kinetic_reduction") not in (None, *kinetics.REDUCTIONS):
        raise RunInputError(
            "settings.kinetic_reduction", f"Use one of {', '.join(kinetics.REDUCTIONS)} (default last)."
        )
    if settings.get("kinetic_reduction") == "value_at" and "kinetic_at_s" not in settings:
        raise RunInputError("settings.kinetic_at_s", "value_at needs the time in seconds (kinetic_at_s).")
    window = settings.get("kinetic_window")
    if window is not None and (isinstance(window, bool) or not 2 <= window <= 1000):
        raise RunInputError("settings.kinetic_window", "Give a number of points from 2 to 1000.")
    if settings.get("standard_curve") not in (None, "per_plate", "pooled"):
        raise RunInputError("settings.standard_curve", "Use per_plate or pooled.")
    margin = settings.get("slope_ratio_margin")
    if margin is not None and (len(margin) != 2 or not all(isinstance(v, (int, float)) for v in margin)):
        raise RunInputError("settings.slope_ratio_margin", "Give two numbers, e.g. [0.8, 1.25].")
    for key in ("acceptance",):
        for name, value in (settings.get(key) or {}).items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                raise RunInputError(f"settings.acceptance.{name}", f"{value!r} is not a number.")


def validate_run(*, kind: str, layout: Layout, plates: list[Plate], settings: dict) -> None:
    """Refuse, before anything is stored, what cannot make a result."""
    if kind not in AssayRun.Kind.values:
        raise RunInputError(
            "kind", f"{kind!r} is not an assay kind; use {' or '.join(AssayRun.Kind.values)}."
        )
    check_settings(settings)
    if not plates:
        raise RunInputError("plates", "Give at least one plate.")
    for index, plate in enumerate(plates):
        if (plate.rows, plate.columns) != (layout.rows, layout.columns):
            raise RunInputError(
                f"plates[{index}]",
                f"Plate {plate.name!r} is {plate.rows}×{plate.columns} but layout {layout.name!r} is "
                f"{layout.rows}×{layout.columns}.",
            )
    try:
        if kind == AssayRun.Kind.ELISA:
            parsed = ElisaSettings.from_dict(settings)
            criteria = parsed.acceptance
        else:
            PotencySettings.from_dict(settings)
            criteria = AcceptanceCriteria.from_dict(settings.get("acceptance"))
    except (ValueError, TypeError, OverflowError, CurveFitError) as exc:
        raise RunInputError("settings", str(exc)) from None
    standards = [w for w in layout.wells.all() if w.role == LayoutWell.Role.STANDARD]
    levels = {w.concentration for w in standards if w.concentration}
    minimum = criteria.min_levels if kind == AssayRun.Kind.ELISA else 5
    if len(levels) < minimum:
        raise RunInputError(
            "layout",
            f"The layout has {len(levels)} non-zero standard level(s); at least {minimum} are needed"
            + (
                " (ICH M10; change settings.acceptance.min_levels to allow fewer)."
                if kind == AssayRun.Kind.ELISA
                else "."
            ),
        )
    if kind == AssayRun.Kind.BIOASSAY and not any(
        w.role == LayoutWell.Role.SAMPLE and w.concentration for w in layout.wells.all()
    ):
        raise RunInputError("layout", "A bioassay layout needs test-sample wells with doses.")
    standard_wells = {w.well for w in standards if w.concentration}
    for plate in plates:
        primary, _ = _choose_reads(list(plate.reads.all()), kind, settings)
        if primary is None:
            raise RunInputError("plates", f"Plate {plate.name!r} has no read to analyse.")
        values = _plate_values(plate, primary, settings)
        usable = sum(1 for w in standard_wells if values.get(w, (None, None))[0] is not None)
        if usable == 0:
            raise RunInputError(
                "plates",
                f"Every standard well of plate {plate.name!r} ({primary.label}) is flagged or missing: nothing to fit.",
            )


_SERIES_RE = re.compile(r"[^\x00-\x1f\x7f/\\?#%]*")


def validate_series(series: str) -> str:
    """A series name as written in a page address: no '/', '\\', '?', '#', '%' or control characters,
    not '.' or '..', no leading or trailing spaces (stripped), at most 200 characters."""
    text = (series or "").strip()
    if len(text) > 200:
        raise RunInputError("series", "A series name has at most 200 characters.")
    if not _SERIES_RE.fullmatch(text) or text in (".", ".."):
        raise RunInputError(
            "series",
            f"{text!r} cannot name a series: use letters, digits, spaces and - _ . : ( ) + (no / \\ ? # % "
            "or control characters).",
        )
    return text


def _check_timepoint(timepoint_h: float | None) -> None:
    if timepoint_h is not None and not (0 <= timepoint_h < 1e5):
        raise RunInputError("timepoint_h", "Time point must be a number of hours ≥ 0.")


@transaction.atomic
def run_update(*, run: AssayRun, user, **fields) -> AssayRun:
    """Rename a run or move it to another time-course series / time point (kept in the history)."""
    allowed = {"name", "series", "timepoint_h"}
    unknown = set(fields) - allowed
    if unknown:
        raise RunInputError(sorted(unknown)[0], "This field cannot be changed after the run is created.")
    if "series" in fields:
        fields["series"] = validate_series(fields["series"])
    if "timepoint_h" in fields:
        _check_timepoint(fields["timepoint_h"])
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()[:200]
    for key, value in fields.items():
        setattr(run, key, value)
    run._history_user = user
    run.save()
    return run


@transaction.atomic
def run_create(
    *,
    lab,
    user,
    kind: str,
    layout: Layout,
    plates: list[Plate],
    name: str,
    settings: dict,
    series: str = "",
    timepoint_h: float | None = None,
) -> tuple[AssayRun, RunResult]:
    validate_run(kind=kind, layout=layout, plates=plates, settings=settings)
    _check_timepoint(timepoint_h)
    series = validate_series(series)
    run = AssayRun.objects.create(
        lab=lab,
        kind=kind,
        layout=layout,
        name=name,
        settings=settings,
        series=series,
        timepoint_h=timepoint_h,
        created_by=user,
    )
    run.plates.set(plates)
    return run, _new_version(run=run, user=user, settings=settings, excluded=[], reason="first analysis")


@transaction.atomic
def run_reanalyze(
    *, run: AssayRun, user, excluded_wells: list[str], settings: dict | None, reason: str
) -> RunResult:
    """A new result version with other exclusions or settings; earlier versions stay as they are."""
    if not reason.strip():
        raise RunInputError("reason", "Say why the run is re-analysed (kept in the audit trail).")
    excluded = validate_excluded(excluded_wells)
    merged = {**run.settings, **(settings or {})}
    validate_run(kind=run.kind, layout=run.layout, plates=list(run.plates.all()), settings=merged)
    return _new_version(run=run, user=user, settings=merged, excluded=excluded, reason=reason)


def _new_version(*, run: AssayRun, user, settings: dict, excluded: list[str], reason: str) -> RunResult:
    # The run's row lock numbers concurrent re-analyses one after another (locking the last version
    # row is not enough: two transactions would both read it and both insert its successor).
    AssayRun.objects.select_for_update().filter(pk=run.pk).first()
    last = RunResult.objects.filter(run=run).order_by("-version").first()
    version = RunResult.objects.create(
        run=run,
        version=(last.version + 1) if last else 1,
        settings=settings,
        excluded_wells=excluded,
        reason=reason,
        created_by=user,
    )
    job = job_create(
        lab=run.lab,
        user=user,
        kind="run_analysis",
        params={"run_result": version.pk, "run": run.pk, "version": version.version},
    )
    RunResult.objects.filter(pk=version.pk).update(job=job)
    version.refresh_from_db()
    return version


def _combine_plates(per_plate: list[tuple[Plate, dict]]) -> dict:
    """One result for the run: the first plate's curve on top, each plate's own below, rows tagged by plate."""
    if len(per_plate) == 1:
        plate, result = per_plate[0]
        for key in ("standards", "samples", "qcs"):
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
    reasons, passed = [], []
    qc_counts = [0, 0]
    for plate, result in per_plate:
        for key in ("standards", "samples", "reassay"):
            for row in result.get(key, []) or []:
                combined[key].append({**row, "plate": plate.pk})
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


def _mark_failed(job, message: str) -> None:
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
        if (
            version.settings.get("standard_curve") == "pooled"
            and len(inputs) > 1
            and run.kind == AssayRun.Kind.ELISA
        ):
            # one curve from every plate's standards (SoftMax's pooled fit): wells are named "<plate>:<well>"
            pooled = [
                replace(item, well=f"{plate.pk}:{item.well}") for plate, items in inputs for item in items
            ]
            result = analyze_elisa(pooled, version.settings).to_dict()
            result["plates"] = [{"plate": plate.pk, "name": plate.name} for plate, _ in inputs]
            inputs_for_plates = []
        else:
            inputs_for_plates = inputs
            result = None
        for plate, items in inputs_for_plates:
            if run.kind == AssayRun.Kind.ELISA:
                plate_result = analyze_elisa(items, version.settings).to_dict()
            else:
                settings = {**version.settings, "rows": plate.rows, "columns": plate.columns}
                plate_result = analyze_potency(items, settings).to_dict()
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
        for r in [_choose_reads(list(plate.reads.all()), run.kind, version.settings)[0]]
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


def version_diff(old: dict | None, new: dict | None) -> dict:
    """What changed between two result versions: EC50, each sample's concentration and flag, acceptance."""
    old, new = old or {}, new or {}

    def ec50(result):
        return ((result.get("curve") or {}).get("parameters") or {}).get("ec50")

    def samples(result):
        # one row per replicate group: a sample at two dilutions is two rows (keyed by sample alone,
        # one would hide the other)
        return {(s.get("plate"), s.get("group") or s.get("sample")): s for s in result.get("samples", [])}

    def name(key, a, b):
        sample = a.get("sample") or b.get("sample")
        group = key[1]
        if not sample or sample == group:
            return group
        shared = sum(
            1 for k, r in {**before, **after}.items() if k[0] == key[0] and r.get("sample") == sample
        )
        return f"{sample} ({group})" if shared > 1 else sample

    rows = []
    before, after = samples(old), samples(new)
    for key in sorted(set(before) | set(after), key=lambda k: (str(k[0]), str(k[1]))):
        a, b = before.get(key, {}), after.get(key, {})
        if a.get("reported_concentration") != b.get("reported_concentration") or a.get("flag") != b.get(
            "flag"
        ):
            rows.append(
                {
                    "plate": key[0],
                    "sample": name(key, a, b),
                    "old_concentration": a.get("reported_concentration"),
                    "new_concentration": b.get("reported_concentration"),
                    "old_flag": a.get("flag"),
                    "new_flag": b.get("flag"),
                }
            )
    return {
        "ec50": {"old": ec50(old), "new": ec50(new)},
        "accepted": {
            "old": (old.get("qc") or {}).get("accepted"),
            "new": (new.get("qc") or {}).get("accepted"),
        },
        "samples": rows,
    }


def standard_points(run: AssayRun, version: RunResult) -> dict[int, list[dict]]:
    """Per plate, each standard well's signal as fitted (reference and blank subtracted), for plotting."""
    if run.kind != AssayRun.Kind.ELISA or not version.result:
        return {}
    settings = ElisaSettings.from_dict(version.settings)
    plate_qc = {p["plate"]: p.get("qc") or {} for p in version.result.get("plates", [])}
    out: dict[int, list[dict]] = {}
    for plate, items in run_inputs(run, version.settings, version.excluded_wells):
        qc = plate_qc.get(plate.pk) or version.result.get("qc") or {}
        blank = (qc.get("blank_mean") or 0.0) if settings.blank_subtraction else 0.0
        points = []
        for w in items:
            if w.role != "standard" or not w.nominal:
                continue
            signal = w.value
            if signal is not None and settings.reference_subtraction and w.reference is not None:
                signal -= w.reference
            points.append(
                {
                    "well": w.well,
                    "nominal": w.nominal,
                    "signal": None if signal is None else signal - blank,
                    "excluded": w.excluded,
                }
            )
        out[plate.pk] = points
    return out
