"""Downloads of stored plates: long-form CSV (safe to open in a spreadsheet) and ASM JSON."""

from __future__ import annotations

import csv
import io

from assays import readers
from assays.models import Plate, Well
from assays.selectors import plate_parsed

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> object:
    """Neutralise text a spreadsheet would run as a formula (CSV injection, OWASP)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
            return value  # a negative number stays a number
        except ValueError:
            return "'" + value
    return value


def write_csv(rows, header) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return buffer.getvalue()


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
    return write_csv(rows, header)


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
