"""Reads of the assays app's records: for pages, exports, analysis tasks and the dashboard."""

from __future__ import annotations

from collections import defaultdict

from assays import readers
from assays.models import Plate, PlateImport, Read, Well


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
    return readers.ParsedPlate(
        name=plate.name,
        barcode=plate.barcode or None,
        rows=plate.rows,
        columns=plate.columns,
        reads=tuple(
            readers.Read(
                label=r.label, kind=r.kind, wavelength_nm=r.wavelength_nm, points=tuple(points[r.pk])
            )
            for r in reads
        ),
        instrument=plate.instrument or None,
        software=plate.software or None,
        metadata=plate.metadata,
    )


def read_matrices(plate: Plate) -> list[dict]:
    """Per read (and time point): a rows × columns matrix of values and flags, for heatmaps and tables."""
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
        times = sorted({t for (rid, t) in grids if rid == read.pk}, key=lambda t: (t is not None, t or 0))
        if not times:
            continue
        time_s = times[-1]  # a kinetic read is shown at its last time point
        values, flags = grids[(read.pk, time_s)]
        out.append({"read": read, "time_s": time_s, "values": values, "flags": flags, "n_times": len(times)})
    return out


def dashboard_panels(lab) -> list:
    from il2portal.dashboard import Panel, _url

    plates = Plate.objects.filter(lab=lab).count()
    failed = PlateImport.objects.filter(lab=lab, status=PlateImport.Status.FAILED).count()
    from assays.models import AssayRun

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
