"""Exports of a study's measurements as CSV and XLSX.

Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab/CR) get a
leading apostrophe (OWASP "CSV injection"); numbers are written as numbers.
"""

from __future__ import annotations

import io

from il2portal.spreadsheets import csv_text
from il2portal.spreadsheets import spreadsheet_safe as safe_cell

COLUMNS = [
    "study", "animal", "cage", "sex", "group", "status", "date", "day", "length_mm", "width_mm", "volume_mm3",
    "weight_g", "swapped", "note",
]  # fmt: skip


def measurement_rows(study):
    from studies.selectors import load_study_data

    data = load_study_data(study)
    notes = {}
    from studies.models import Measurement

    for animal_id, d, note in (
        Measurement.objects.filter(study=study).exclude(note="").values_list("animal_id", "date", "note")
    ):
        notes[(animal_id, d)] = note
    for animal in sorted(data.animals, key=lambda a: (a.arm.order if a.arm else 999, a.tag)):
        for r in data.measurements.get(animal.pk, []):
            yield [
                study.name, animal.tag, animal.cage, animal.sex, animal.arm.name if animal.arm else "",
                animal.status, r.date.isoformat(), r.day, r.length_mm, r.width_mm, r.volume_mm3, r.weight_g,
                "yes" if r.swapped else "", notes.get((animal.pk, r.date), ""),
            ]  # fmt: skip


def to_csv(rows) -> str:
    return csv_text(COLUMNS, rows)


def to_xlsx(rows, *, title: str = "measurements") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
