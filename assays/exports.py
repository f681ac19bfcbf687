"""Downloads of stored plates: long-form CSV (safe to open in a spreadsheet) and ASM JSON."""

from __future__ import annotations

import io

from assays import readers
from assays.models import Plate
from assays.selectors import plate_parsed, plate_points
from il2portal.spreadsheets import csv_text, spreadsheet_safe


def plate_long_csv(plate: Plate) -> str:
    header = [
        "plate",
        "barcode",
        "read",
        "kind",
        "wavelength_nm",
        "time_s",
        "well",
        "row",
        "column",
        "value",
        "flag",
    ]
    rows = (
        [
            plate.name,
            plate.barcode,
            read.label,
            read.kind,
            wl,
            t,
            well,
            readers.well_name(r, 0)[:-1],
            c + 1,
            value,
            flag or "",
        ]
        for read, well, r, c, t, wl, value, flag in plate_points(plate)
    )
    return csv_text(header, rows)


def plate_asm_json(plate: Plate) -> dict:
    parsed = plate_parsed(plate)
    result = readers.ParseResult(vendor=plate.vendor, plates=(parsed,))
    document = readers.asm_from_result(result)
    document.setdefault("il2portal", {})["source"] = {
        "plate_id": plate.pk,
        "original_filename": plate.stored_file.original_filename,
        "sha256": plate.stored_file.sha256,
    }
    return document


SAMPLE_COLUMNS = [
    "plate",
    "sample",
    "group",
    "role",
    "dilution_factor",
    "wells",
    "mean_signal",
    "cv_pct",
    "concentration",
    "reported_concentration",
    "sd_concentration",
    "n_quantified",
    "unit",
    "flag",
    "nominal",
    "bias_pct",
    "passed",
]
STANDARD_COLUMNS = [
    "plate",
    "group",
    "nominal",
    "unit",
    "wells",
    "mean_signal",
    "cv_pct",
    "back_calculated",
    "recovery_pct",
    "passed",
]
QC_COLUMNS = [
    "plate",
    "level",
    "nominal",
    "unit",
    "dilution_factor",
    "wells",
    "mean_signal",
    "cv_pct",
    "back_calculated",
    "bias_pct",
    "n",
    "n_passed",
    "passed",
]
QC_WELL_COLUMNS = [
    "plate",
    "level",
    "nominal",
    "unit",
    "well",
    "signal",
    "back_calculated",
    "bias_pct",
    "passed",
    "reasons",
]
SAMPLE_WELL_COLUMNS = [
    "plate",
    "sample",
    "group",
    "dilution_factor",
    "well",
    "signal",
    "concentration",
    "unit",
    "flag",
]
POTENCY_COLUMNS = [
    "sample",
    "reference",
    "relative_potency",
    "ci95_low",
    "ci95_high",
    "similar",
    "withheld",
]


def _cells(row: dict, columns: list[str]) -> list:
    out = []
    for column in columns:
        value = row.get(column)
        if column in ("wells", "reasons") and isinstance(value, list):
            value = (" " if column == "wells" else "; ").join(value)
        out.append(value)
    return out


def _potency_rows(result: dict) -> list[dict]:
    rows = []
    for p in result.get("potency") or []:
        ci = p.get("ci95") or [None, None]
        rows.append({**p, "ci95_low": ci[0], "ci95_high": ci[1]})
    return rows


def _qc_as_sample_rows(result: dict) -> list[dict]:
    """QC levels as rows of the samples table: the level's back-calculated value is its concentration."""
    rows = []
    for q in result.get("qcs") or []:
        df = q.get("dilution_factor") or 1.0
        back = q.get("back_calculated")
        rows.append(
            {
                **q,
                "sample": q.get("level"),
                "group": q.get("level"),
                "role": "qc",
                "concentration": None if back is None else back / df,
                "reported_concentration": back,
            }
        )
    return rows


def _sample_rows(result: dict) -> list[dict]:
    return [{**s, "role": "sample"} for s in result.get("samples", [])] + _qc_as_sample_rows(result)


def _well_rows(result: dict, key: str, nested: str) -> list[dict]:
    return [
        {**{k: v for k, v in parent.items() if k != nested}, **r}
        for parent in result.get(key) or []
        for r in parent.get(nested) or []
    ]


def run_result_csv(result: dict) -> str:
    """The samples table (what a scientist copies into a report) with the QC levels below the samples
    (``role`` says which), formulas neutralised."""
    rows = (_cells(s, SAMPLE_COLUMNS) for s in _sample_rows(result))
    return csv_text(SAMPLE_COLUMNS, rows)


def run_result_xlsx(result: dict, *, title: str, meta: dict) -> bytes:
    """Samples (and QC levels), standards, QCs with each QC well, each sample well, potency and run
    information as sheets of one workbook."""
    # imported when a workbook is asked for: with WARM_IMPORTS=0 a process starts without openpyxl
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = [
        ("Samples", SAMPLE_COLUMNS, _sample_rows(result)),
        ("Standards", STANDARD_COLUMNS, result.get("standards", [])),
    ]
    if result.get("qcs"):
        sheets.append(("QCs", QC_COLUMNS, result["qcs"]))
        sheets.append(("QC wells", QC_WELL_COLUMNS, _well_rows(result, "qcs", "results")))
    if any(s.get("replicates") for s in result.get("samples", [])):
        sheets.append(("Sample wells", SAMPLE_WELL_COLUMNS, _well_rows(result, "samples", "replicates")))
    if result.get("potency"):
        sheets.append(("Potency", POTENCY_COLUMNS, _potency_rows(result)))
    first = True
    for name, columns, rows in sheets:
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = name
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([spreadsheet_safe(v) for v in _cells(row, columns)])
    info = book.create_sheet("Run")
    info.append(["run", spreadsheet_safe(title)])
    for key, value in meta.items():
        info.append(
            [
                key,
                spreadsheet_safe(
                    value if isinstance(value, (int, float, str)) or value is None else str(value)
                ),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
