"""Downloads of stored plates: long-form CSV (safe to open in a spreadsheet) and ASM JSON."""

from __future__ import annotations

import io

from assays import readers
from assays.models import Plate, Well
from assays.selectors import plate_parsed
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
    wells = (
        Well.objects.filter(plate=plate)
        .select_related("read")
        .order_by("read__index", "time_s", "row", "column")
        .values_list(
            "read__label",
            "read__kind",
            "read__wavelength_nm",
            "time_s",
            "well",
            "row",
            "column",
            "value",
            "flag",
        )
    )
    rows = (
        [
            plate.name,
            plate.barcode,
            label,
            kind,
            wl,
            t,
            well,
            readers.well_name(r, 0)[:-1],
            c + 1,
            value,
            flag or "",
        ]
        for label, kind, wl, t, well, r, c, value, flag in wells
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
    "dilution_factor",
    "wells",
    "mean_signal",
    "cv_pct",
    "concentration",
    "reported_concentration",
    "unit",
    "flag",
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
POTENCY_COLUMNS = ["sample", "reference", "relative_potency", "ci95_low", "ci95_high", "similar"]


def _cells(row: dict, columns: list[str]) -> list:
    out = []
    for column in columns:
        value = row.get(column)
        if column == "wells" and isinstance(value, list):
            value = " ".join(value)
        out.append(value)
    return out


def _potency_rows(result: dict) -> list[dict]:
    rows = []
    for p in result.get("potency") or []:
        ci = p.get("ci95") or [None, None]
        rows.append({**p, "ci95_low": ci[0], "ci95_high": ci[1]})
    return rows


def run_result_csv(result: dict) -> str:
    """The samples table (what a scientist copies into a report), formulas neutralised."""
    rows = (_cells(s, SAMPLE_COLUMNS) for s in result.get("samples", []))
    return csv_text(SAMPLE_COLUMNS, rows)


def run_result_xlsx(result: dict, *, title: str, meta: dict) -> bytes:
    """Samples, standards, potency and run information as sheets of one workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = [
        ("Samples", SAMPLE_COLUMNS, result.get("samples", [])),
        ("Standards", STANDARD_COLUMNS, result.get("standards", [])),
    ]
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
