"""Reads of the assays app's records: for pages, exports, analysis jobs and the dashboard.

A run's analysis inputs (``run_inputs``: the chosen reads of each plate, reduced to one value per well,
as the pure analysis dataclasses) are read here, for the job that computes a result, for the services
that check a run before storing it and for the run page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from django.db.models import Count

from assays import labels, readers, series
from assays.analysis import kinetics
from assays.analysis.elisa import WellSignal, standard_signals
from assays.analysis.potency import DoseWell
from assays.errors import RunInputError
from assays.models import AssayRun, Layout, LayoutWell, Plate, PlateImport, Read, RunResult, Well
from assays.readers.base import MISSING
from il2portal import formatting
from il2portal.dashboard import Panel, _url


class PlatePoints(Sequence):
    """Every stored value of a plate in long form, read by read (in read order), then by time or
    wavelength, row and column: (read, well, row, column, time_s, wavelength_nm, value, flag).

    Endpoint reads come from their ``Well`` rows, kinetic and spectral reads from their arrays
    (``assays.series``), so the long form is the same whichever way a read is stored. A slice reads only
    what it covers (an API page of a 1536-well x 400-point plate is not the whole 614,400 points): one
    query for the reads, one for the endpoint counts, and per page one query per endpoint read it
    touches or an array lookup per point of a series read.
    """

    def __init__(self, plate: Plate, read_id: int | None = None):
        reads = Read.objects.filter(plate=plate).order_by("index")
        if read_id is not None:
            reads = reads.filter(pk=read_id)
        self.reads = list(reads)
        endpoint_ids = [r.pk for r in self.reads if r.mode == Read.Mode.ENDPOINT]
        counts = (
            dict(
                Well.objects.filter(read_id__in=endpoint_ids)
                .values("read_id")
                .annotate(n=Count("id"))
                .values_list("read_id", "n")
            )
            if endpoint_ids
            else {}
        )
        self.sizes = [
            counts.get(r.pk, 0)
            if r.mode == Read.Mode.ENDPOINT
            else len(r.series_wells or ())
            * len((r.wavelengths if r.mode == Read.Mode.SPECTRAL else r.timepoints) or ())
            for r in self.reads
        ]

    def __len__(self) -> int:
        return sum(self.sizes)

    def __getitem__(self, key):
        if isinstance(key, int):
            n = len(self)
            if key < 0:
                key += n
            if not 0 <= key < n:
                raise IndexError(key)
            return self[key : key + 1][0]
        start, stop, step = key.indices(len(self))
        if step != 1:
            raise ValueError("PlatePoints slices take no step")
        return list(self._points(start, stop))

    def __iter__(self):
        return self._points(0, len(self))

    def _points(self, start: int, stop: int):
        offset = 0
        for read, size in zip(self.reads, self.sizes, strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, size)
            offset += size
            if lo >= hi:
                continue
            if read.mode == Read.Mode.ENDPOINT:
                rows = (
                    Well.objects.filter(read_id=read.pk)
                    .order_by("time_s", "row", "column")
                    .values_list("well", "row", "column", "time_s", "value", "flag")[lo:hi]
                )
                for well, row, column, time_s, value, flag in rows:
                    yield read, well, row, column, time_s, read.wavelength_nm, value, flag
                continue
            yield from _series_points(read, lo, hi)


def _series_points(read: Read, lo: int, hi: int):
    """Points lo..hi of a series read in long-form order (axis value, then row and column)."""
    s = series.unpack(read)
    spectral = read.mode == Read.Mode.SPECTRAL
    order = sorted(range(len(s.wells)), key=lambda i: readers.parse_well(s.wells[i]))
    n_wells = len(order)
    for i in range(lo, hi):
        j, k = divmod(i, n_wells)
        pos = order[k]
        well = s.wells[pos]
        row, column = readers.parse_well(well)
        v = s.values[pos, j]
        value = None if np.isnan(v) else float(v)
        flag = s.flags.get(well, {}).get(str(j))
        if flag is None and value is None:
            flag = MISSING
        x = s.axis[j]
        yield (
            read,
            well,
            row,
            column,
            (None if spectral else x),
            (x if spectral else read.wavelength_nm),
            value,
            flag,
        )


def plate_points(plate: Plate, read_id: int | None = None) -> PlatePoints:
    """The plate's long form (see :class:`PlatePoints`)."""
    return PlatePoints(plate, read_id)


def plate_parsed(plate: Plate) -> readers.ParsedPlate:
    """A stored plate as the readers' dataclasses again (2 queries, whatever the well count)."""
    reads = list(Read.objects.filter(plate=plate).order_by("index"))
    points = defaultdict(list)
    for read_id, well, time_s, value, flag in (
        Well.objects.filter(plate=plate)
        .order_by("row", "column", "time_s")
        .values_list("read_id", "well", "time_s", "value", "flag")
    ):
        points[read_id].append(readers.Point(well=well, time_s=time_s, value=value, flag=flag))
    for r in reads:
        if r.mode != Read.Mode.ENDPOINT:
            points[r.pk] = series.points(r)
    return readers.ParsedPlate(
        name=plate.name,
        barcode=plate.barcode or None,
        rows=plate.rows,
        columns=plate.columns,
        reads=tuple(
            readers.Read(
                label=r.label,
                kind=r.kind,
                wavelength_nm=r.wavelength_nm,
                points=tuple(points[r.pk]),
                calculated=r.calculated,
                metadata=r.metadata or {},
            )
            for r in reads
        ),
        instrument=plate.instrument or None,
        software=plate.software or None,
        metadata=plate.metadata,
    )


def read_values(read: Read, reduction: str = "last", **kw) -> dict[str, tuple[float | None, str | None]]:
    """Well -> (value, flag) of one read: an endpoint read as stored; a kinetic or spectral read reduced
    to one number per well with ``reduction`` (``assays.analysis.kinetics``; "last" = last time point)."""
    if read.mode == Read.Mode.ENDPOINT:
        return {
            well: (value, flag)
            for well, value, flag in Well.objects.filter(read=read)
            .order_by("time_s")
            .values_list("well", "value", "flag")
        }
    s = series.unpack(read)
    out: dict[str, tuple[float | None, str | None]] = {}
    for well, value in zip(s.wells, kinetics.reduce_rows(s.axis, s.values, reduction, **kw), strict=True):
        flags = s.flags.get(well, {})
        saturated = any(f == "saturated" for f in flags.values())
        if value is None:
            out[well] = (None, "saturated" if saturated else "missing")
        else:
            out[well] = (value, None)
    return out


def read_matrices(plate: Plate) -> list[dict]:
    """Per read: a rows × columns matrix of values and flags, for heatmaps and tables. An endpoint read is
    shown as stored; a kinetic read at its last time point, a spectral read at its maximum (the page says
    so); each series read also carries its per-well traces (``series``)."""
    reads = list(Read.objects.filter(plate=plate).order_by("index"))
    grids: dict = {}
    for read_id, row, column, time_s, value, flag in Well.objects.filter(plate=plate).values_list(
        "read_id", "row", "column", "time_s", "value", "flag"
    ):
        key = (read_id, time_s)
        if key not in grids:
            grids[key] = (
                [[None] * plate.columns for _ in range(plate.rows)],
                [[None] * plate.columns for _ in range(plate.rows)],
            )
        if row < plate.rows and column < plate.columns:
            grids[key][0][row][column] = value
            grids[key][1][row][column] = flag or ("" if value is not None else None)
    out = []
    for read in reads:
        if read.mode != Read.Mode.ENDPOINT:
            s = series.unpack(read)
            reduction = "max" if read.mode == Read.Mode.SPECTRAL else "last"
            values = [[None] * plate.columns for _ in range(plate.rows)]
            flags = [[None] * plate.columns for _ in range(plate.rows)]
            for well, (value, flag) in read_values(read, reduction).items():
                r, c = readers.parse_well(well)
                if r < plate.rows and c < plate.columns:
                    values[r][c] = value
                    flags[r][c] = "" if value is not None else flag
            out.append(
                {
                    "read": read,
                    "time_s": s.axis[-1] if s.axis and read.mode == Read.Mode.KINETIC else None,
                    "values": values,
                    "flags": flags,
                    "n_times": len(s.axis),
                    "series": s,
                    "shown_as": "maximum of each spectrum"
                    if read.mode == Read.Mode.SPECTRAL
                    else f"last time point ({s.axis[-1]:g} s)"
                    if s.axis
                    else "",
                }
            )
            continue
        times = sorted({t for (rid, t) in grids if rid == read.pk}, key=lambda t: (t is not None, t or 0))
        if not times:
            continue
        time_s = times[-1]  # a kinetic read is shown at its last time point
        values, flags = grids[(read.pk, time_s)]
        out.append({"read": read, "time_s": time_s, "values": values, "flags": flags, "n_times": len(times)})
    return out


# ---------------------------------------------------------------------------------------------- runs


REFERENCE_WAVELENGTHS = (570.0, 540.0, 620.0, 630.0, 650.0)


def reads_for_run(reads: list[Read], kind: str, settings: dict) -> tuple[Read | None, Read | None]:
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


def run_read_values(
    read: Read | None, settings: dict | None = None
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


def run_inputs(run: AssayRun, settings: dict, excluded: list[str]) -> list[tuple[Plate, list]]:
    """Per plate, the analysis dataclasses (WellSignal for ELISA, DoseWell for bioassays)."""
    return [(plate, items) for plate, items, _, _ in run_inputs_with_reads(run, settings, excluded)]


def run_inputs_with_reads(
    run: AssayRun, settings: dict, excluded: list[str]
) -> list[tuple[Plate, list, Read | None, Read | None]]:
    """:func:`run_inputs` with each plate's primary and reference-wavelength read (the run page names
    the signal from them: "OD450 − OD570")."""
    layout_wells = list(run.layout.wells.all())
    plates = list(run.plates.order_by("pk").prefetch_related("reads"))
    out = []
    for plate in plates:
        primary, reference = reads_for_run(list(plate.reads.all()), run.kind, settings)
        values = run_read_values(primary, settings)
        refs = run_read_values(reference, settings)
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
        out.append((plate, items, primary, reference))
    return out


def natural_key(text) -> tuple:
    """Sort key that orders names as people do: "S2" before "S10", "QC-L" before "QC-M" (numbers by value,
    the rest case-insensitively), as Prism and Excel's custom sorts list samples."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", str(text or ""))
        if part
    )


def run_version_diff(old: dict | None, new: dict | None, *, words: bool = False) -> dict:
    """What changed between two result versions: EC50, each sample's concentration and flag, acceptance.

    Only the sample rows that changed, in the order people sort samples (S2 before S10, then by dilution
    and plate). ``words=True`` (the run page) adds to each row its unit, its flags in words and what
    changed (``changes``), and to the diff the number of unchanged rows; the API serves the plain diff."""
    old, new = old or {}, new or {}

    def ec50(result):
        return ((result.get("curve") or {}).get("parameters") or {}).get("ec50")

    def samples(result):
        # one row per replicate group: a sample at two dilutions is two rows (keyed by sample alone,
        # one would hide the other)
        return {(s.get("plate"), s.get("group") or s.get("sample")): s for s in result.get("samples", [])}

    before, after = samples(old), samples(new)

    def label(key, a, b):
        sample = a.get("sample") or b.get("sample")
        if not sample or sample == key[1]:
            return key[1]
        shared = sum(
            1 for k, r in {**before, **after}.items() if k[0] == key[0] and r.get("sample") == sample
        )
        dilution = a.get("dilution_factor") or b.get("dilution_factor")
        if shared > 1 and dilution:
            return f"{sample} at 1:{formatting.number(dilution, 4)}"
        return f"{sample} ({key[1]})" if shared > 1 else sample

    def order(key):
        row = after.get(key) or before.get(key) or {}
        return (natural_key(row.get("sample") or key[1]), row.get("dilution_factor") or 0, str(key[0]))

    rows = []
    for key in sorted(set(before) | set(after), key=order):
        a, b = before.get(key, {}), after.get(key, {})
        old_c, new_c = a.get("reported_concentration"), b.get("reported_concentration")
        old_flag, new_flag = a.get("flag"), b.get("flag")
        if old_c == new_c and old_flag == new_flag:
            continue
        unit = b.get("unit") or a.get("unit") or ""
        changes = []
        if old_c != new_c:
            change = f"concentration {formatting.quantity(old_c)} → {formatting.quantity(new_c, unit)}"
            if old_c and new_c is not None:
                change += f" ({formatting.signed_percent(100 * (new_c / old_c - 1))})"
            changes.append(change)
        if old_flag != new_flag:
            changes.append(f"flag {flag_words(old_flag)} → {flag_words(new_flag)}")
        row = {
            "plate": key[0],
            "sample": label(key, a, b),
            "old_concentration": old_c,
            "new_concentration": new_c,
            "old_flag": old_flag,
            "new_flag": new_flag,
        }
        if words:
            row.update(
                unit=unit,
                old_flag_text=flag_words(old_flag),
                new_flag_text=flag_words(new_flag),
                changes=changes,
            )
        rows.append(row)
    diff = {
        "ec50": {"old": ec50(old), "new": ec50(new)},
        "accepted": {
            "old": (old.get("qc") or {}).get("accepted"),
            "new": (new.get("qc") or {}).get("accepted"),
        },
        "samples": rows,
    }
    if words:
        diff["n_unchanged"] = len(set(before) | set(after)) - len(rows)
    return diff


SAMPLE_FLAG_WORDS = labels.SAMPLE_FLAG_WORDS  # the words of every code are in assays/labels.py


def flag_words(flag: str | None, max_cv: float | None = None) -> str:
    """A sample flag in words ("below LLOQ"); "none" for no flag."""
    if not flag:
        return "none"
    words = SAMPLE_FLAG_WORDS.get(flag, flag.replace("_", " "))
    return (
        words.format(max_cv=max_cv) if max_cv is not None else words.replace(" > {max_cv:g} %", " too high")
    )


def dilution_linearity_table(result: dict | None, plate_names: dict | None = None) -> dict | None:
    """The stored ``dilution_linearity`` of an ELISA result as a table: one column per dilution any sample
    was measured at (ascending), one row per sample (and plate) with its cell at each dilution (None where
    the sample was not measured at it). None when no sample has two or more dilutions."""
    entries = (result or {}).get("dilution_linearity") or []
    if not entries:
        return None
    dilutions = sorted({d["dilution_factor"] for e in entries for d in e.get("dilutions", [])})
    rows = []
    for e in entries:
        cells = {d["dilution_factor"]: d for d in e.get("dilutions", [])}
        rows.append(
            {
                **e,
                "plate_name": (plate_names or {}).get(e.get("plate"), ""),
                "cells": [cells.get(df) for df in dilutions],
                "flag_texts": [labels.dilution_flag(f, e.get("max_pct") or 20) for f in e.get("flags", [])],
            }
        )
    rows.sort(key=lambda r: (r["plate_name"], natural_key(r.get("sample"))))
    return {"dilutions": dilutions, "rows": rows}


def run_pooled_wells(run: AssayRun, inputs: list[tuple[Plate, list]], settings: dict) -> list | None:
    """Every plate's wells as one plate, named "<plate id>:<well>", when the run fits one standard curve
    over its plates (an ELISA of several plates with ``standard_curve: pooled``, SoftMax's pooled fit);
    None when each plate has its own curve."""
    if settings.get("standard_curve") != "pooled" or len(inputs) < 2 or run.kind != AssayRun.Kind.ELISA:
        return None
    return [replace(item, well=f"{plate.pk}:{item.well}") for plate, items in inputs for item in items]


def run_standard_points(
    run: AssayRun, version: RunResult, inputs: list[tuple[Plate, list]] | None = None
) -> dict[int, list[dict]]:
    """Per plate, each standard well's signal as the version's curve was fitted to it, for plotting
    (``assays.analysis.elisa.standard_signals`` on the inputs the analysis read; ``inputs`` when the
    caller has them already)."""
    if run.kind != AssayRun.Kind.ELISA or not version.result:
        return {}
    if inputs is None:
        inputs = run_inputs(run, version.settings, version.excluded_wells)
    pooled = run_pooled_wells(run, inputs, version.settings)
    if pooled is None:
        return {plate.pk: standard_signals(items, version.settings) for plate, items in inputs}
    out: dict[int, list[dict]] = {plate.pk: [] for plate, _ in inputs}
    for point in standard_signals(pooled, version.settings):
        plate_id, well = point["well"].split(":", 1)
        out[int(plate_id)].append({**point, "well": well})
    return out


def dashboard_panels(lab) -> list:
    plates = Plate.objects.filter(lab=lab).count()
    failed = PlateImport.objects.filter(lab=lab, status=PlateImport.Status.FAILED).count()
    runs = AssayRun.objects.filter(lab=lab).count()
    panels = [
        Panel("Plates", plates, "plate-reader exports imported", _url("assays:plate-list")),
        Panel("Assay runs", runs, "ELISA and bioassay analyses", _url("assays:run-list")),
    ]
    if failed:
        panels.append(
            Panel(
                "Failed imports",
                failed,
                "uploads kept; retry with another format",
                _url("assays:import-list"),
            )
        )
    return panels


def first_steps(lab) -> list:
    """Upload a plate, describe its wells, analyse: done once the lab has any (one query)."""
    from django.db.models import Exists

    from il2portal.dashboard import Step

    has = (
        type(lab)
        .objects.filter(pk=lab.pk)
        .values(
            plates=Exists(Plate.objects.filter(lab=lab)),
            layouts=Exists(Layout.objects.filter(lab=lab)),
            runs=Exists(AssayRun.objects.filter(lab=lab)),
        )
        .first()
    ) or {}
    return [
        Step(
            10,
            "Upload a plate-reader export",
            bool(has.get("plates")),
            _url("assays:upload"),
            "SoftMax Pro, Gen5, SkanIt, MARS, Magellan, Envision or CSV; the file is kept as uploaded",
        ),
        Step(
            20,
            "Describe the plate's wells in a layout",
            bool(has.get("layouts")),
            _url("assays:layout-new"),
            "standards with their concentrations, samples and dilutions, blanks, QCs",
        ),
        Step(
            30,
            "Analyse the plate as a run",
            bool(has.get("runs")),
            _url("assays:run-new"),
            "standard curve or 4PL bioassay fit, QC and acceptance, versioned",
        ),
    ]


def job_subjects(jobs) -> dict[int, tuple[str, str]]:
    """What each run-analysis job analysed: ``{job id: ("<run> v<version>", run page of that version)}``
    (one query; only versions of runs of the job's own lab)."""
    from django.urls import reverse

    wanted = {job.pk: job.params.get("run_result") for job in jobs}
    labs = {job.lab_id for job in jobs} or {0}
    versions = {
        v.pk: v
        # 0 (no id) keeps the list non-empty: one query, also for no jobs (il2portal.registry.job_subjects)
        for v in RunResult.objects.filter(pk__in=[0, *(i for i in wanted.values() if isinstance(i, int))])
        .filter(run__lab_id__in=labs)
        .select_related("run")
        .only("id", "version", "run__id", "run__name", "run__lab_id")
    }
    found = {}
    for job in jobs:
        v = versions.get(wanted[job.pk])
        if v is not None and v.run.lab_id == job.lab_id:
            url = reverse("assays:run-detail", args=[v.run.pk]) + f"?version={v.version}"
            found[job.pk] = (f"{v.run.name} v{v.version}", url)
    return found
