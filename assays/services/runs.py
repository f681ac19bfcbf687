"""Services for layouts and assay runs: validation, creation, update and re-analysis.

Creating or re-analysing a run stores a new ``RunResult`` version and queues its ``run_analysis`` job
(``assays.jobs``), which computes the result.
"""

from __future__ import annotations

import math
import re

from django.db import transaction

from assays import readers
from assays.analysis import kinetics
from assays.analysis.curves import CurveFitError
from assays.analysis.elisa import ElisaSettings
from assays.analysis.potency import PotencySettings
from assays.analysis.qc import AcceptanceCriteria
from assays.errors import RunInputError
from assays.models import AssayRun, CellLine, Layout, LayoutWell, Plate, RunResult
from assays.selectors import reads_for_run, run_read_values
from assays.signing import KIND as RUN_VERSION
from il2portal import signing
from il2portal.jobs import job_create

# ---------------------------------------------------------------------------------------------- layouts


@transaction.atomic
def layout_create(
    *, lab, user, name: str, rows: int, columns: int, wells: list[dict], description: str = ""
) -> Layout:
    """Create a plate map. Wells not listed are empty; each listed well is checked against the geometry,
    and its lot (a ``Lot``) must be one of the lab's."""
    for index, entry in enumerate(wells):
        lot = entry.get("lot")
        if lot is not None and lot.lab_id != lab.pk:
            raise RunInputError(f"wells[{index}].lot", "this lot belongs to another lab.")
    if (rows, columns) not in {(r, c) for r, c in readers.PLATE_GEOMETRIES.values()}:
        raise RunInputError("rows", f"{rows}×{columns} is not a standard plate (6 to 1536 wells).")
    if Layout.objects.filter(lab=lab, name=name).exists():
        raise RunInputError("name", f"A layout named {name!r} already exists in this lab.")
    layout = Layout(lab=lab, name=name, rows=rows, columns=columns, description=description, created_by=user)
    layout._history_user = user
    layout.save()
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
        if role not in LayoutWell.Role.values:
            raise RunInputError(
                f"{where}.role", f"{role!r} is not a role; use one of {', '.join(LayoutWell.Role.values)}."
            )
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
    "linearity_max_pct": (int, float),
    "asymptote_margin_pct": (int, float),
    "slope_ratio_margin": (list, tuple),
    "equivalence_level": (int, float),
    "f_test_alpha": (int, float),
    "rp_level": (int, float),
    "kinetic_reduction": str,
    "kinetic_window": int,
    "kinetic_at_s": (int, float),
}


def run_settings_check(settings) -> None:
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


def run_validate(*, kind: str, layout: Layout, plates: list[Plate], settings: dict) -> None:
    """Refuse, before anything is stored, what cannot make a result."""
    if kind not in AssayRun.Kind.values:
        raise RunInputError(
            "kind", f"{kind!r} is not an assay kind; use {' or '.join(AssayRun.Kind.values)}."
        )
    run_settings_check(settings)
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
        primary, _ = reads_for_run(list(plate.reads.all()), kind, settings)
        if primary is None:
            raise RunInputError("plates", f"Plate {plate.name!r} has no read to analyse.")
        values = run_read_values(primary, settings)
        usable = sum(1 for w in standard_wells if values.get(w, (None, None))[0] is not None)
        if usable == 0:
            raise RunInputError(
                "plates",
                f"Every standard well of plate {plate.name!r} ({primary.label}) is flagged or missing: nothing to fit.",
            )


def _checked_excluded_wells(excluded: list[str], plates: list) -> list[str]:
    """Wells to leave out (``B3``, or ``<plate id>:B3`` for one plate of the run), each a well of the run's
    plates: "'Z99' is not a well on this 96-well plate"."""
    sizes = sorted({(p.rows, p.columns) for p in plates})
    rows, columns = max(r for r, _ in sizes) if sizes else 32, max(c for _, c in sizes) if sizes else 48
    if len(sizes) == 1:
        where = (
            f"this {rows * columns}-well plate" if len(plates) == 1 else f"these {rows * columns}-well plates"
        )
    else:
        where = "the run's plates"
    out = []
    for index, item in enumerate(excluded):
        well = item.split(":", 1)[-1].strip()
        try:
            r, c = readers.parse_well(well)
        except ValueError:
            r, c = None, None
        if r is None or r >= rows or c >= columns:
            raise RunInputError(
                f"excluded_wells[{index}]",
                f"{item.strip()!r} is not a well on {where} (wells are named like B3).",
            )
        out.append(item.strip())
    return out


_SERIES_RE = re.compile(r"[^\x00-\x1f\x7f/\\?#%]*")


def run_series_check(series: str) -> str:
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


def _check_cell_line(lab_id: int, cell_line: CellLine | None) -> None:
    if cell_line is not None and cell_line.lab_id != lab_id:
        raise RunInputError("cell_line", "belongs to another lab than the run.")


def cell_line_create(*, lab, user, **fields) -> CellLine:
    """A cell line of the lab's catalogue; its name is unique within the lab."""
    name = (fields.pop("name", "") or "").strip()
    if not name:
        raise RunInputError("name", "Name the cell line.")
    if CellLine.objects.filter(lab=lab, name__iexact=name).exists():
        raise RunInputError("name", f"The lab already has a cell line named {name!r}.")
    line = CellLine(lab=lab, name=name[:100], created_by=user, **fields)
    line._history_user = user
    line.save()
    return line


def _pk(value):
    return getattr(value, "pk", value)


@transaction.atomic
def run_update(*, run: AssayRun, user, **fields) -> AssayRun:
    """Rename a run, move it to another time-course series / time point or name its cells (kept in the
    history; the analysis is unchanged)."""
    allowed = {"name", "series", "timepoint_h", "cell_line"}
    unknown = set(fields) - allowed
    if unknown:
        raise RunInputError(sorted(unknown)[0], "This field cannot be changed after the run is created.")
    if "series" in fields:
        fields["series"] = run_series_check(fields["series"])
    if "timepoint_h" in fields:
        _check_timepoint(fields["timepoint_h"])
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()[:200]
    if "cell_line" in fields:
        _check_cell_line(run.lab_id, fields["cell_line"])
    # the run's row lock (as a signature and a re-analysis take it): a signature being made now is
    # committed before the check below reads it, so a signed run's cells cannot change under it
    current = AssayRun.objects.select_for_update().filter(pk=run.pk).first() or run
    signed = ("cell_line", "timepoint_h")  # part of what a signature on a version binds
    changed = [
        k
        for k in signed
        if k in fields and getattr(current, f"{k}_id" if k == "cell_line" else k) != _pk(fields[k])
    ]
    if changed and signing.is_locked(RUN_VERSION, run.versions.values_list("pk", flat=True)):
        raise RunInputError(
            changed[0],
            "A version of this run is under review or signed: its cells and time point are part of what was "
            "signed and cannot change. Start a new run for other cells.",
        )
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
    cell_line: CellLine | None = None,
) -> tuple[AssayRun, RunResult]:
    """A run of the lab's plates with a layout of the lab, and its first result version (queued)."""
    for field, records in (("plates", plates), ("layout", [layout])):
        if any(record.lab_id != lab.pk for record in records):
            raise RunInputError(field, "belongs to another lab than the run.")
    _check_cell_line(lab.pk, cell_line)
    run_validate(kind=kind, layout=layout, plates=plates, settings=settings)
    _check_timepoint(timepoint_h)
    series = run_series_check(series)
    run = AssayRun(
        lab=lab,
        kind=kind,
        layout=layout,
        name=name,
        settings=settings,
        series=series,
        timepoint_h=timepoint_h,
        cell_line=cell_line,
        created_by=user,
    )
    run._history_user = user  # the trail names who created it, also outside a request (API token, demo)
    run.save()
    run.plates.set(plates)
    return run, _run_version_create(
        run=run, user=user, settings=settings, excluded=[], reason="first analysis"
    )


@transaction.atomic
def run_reanalyse(
    *, run: AssayRun, user, excluded_wells: list[str], settings: dict | None, reason: str
) -> RunResult:
    """A new result version with other exclusions or settings; earlier versions stay as they are."""
    if not reason.strip():
        raise RunInputError("reason", "Say why the run is re-analysed (kept in the audit trail).")
    plates = list(run.plates.all())
    excluded = _checked_excluded_wells(excluded_wells, plates)
    merged = {**run.settings, **(settings or {})}
    run_validate(kind=run.kind, layout=run.layout, plates=plates, settings=merged)
    return _run_version_create(run=run, user=user, settings=merged, excluded=excluded, reason=reason)


def _run_version_create(
    *, run: AssayRun, user, settings: dict, excluded: list[str], reason: str
) -> RunResult:
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
