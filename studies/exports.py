"""Exports of a study as CSV and XLSX: its measurements, its doses (one row per dose: each treatment
of a combination group on its own row) and its groups (one row per treatment).

Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab/CR) get a
leading apostrophe (OWASP "CSV injection"); numbers are written as numbers.
"""

from __future__ import annotations

import io

from il2portal.spreadsheets import csv_text
from il2portal.spreadsheets import spreadsheet_safe as safe_cell
from studies.models import Arm, Dose, Measurement
from studies.selectors import load_study_data

COLUMNS = [
    "study", "animal", "cage", "sex", "group", "status", "date", "day", "length_mm", "width_mm", "volume_mm3",
    "weight_g", "swapped", "note",
]  # fmt: skip


def measurement_rows(study):
    data = load_study_data(study)
    notes = {}
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


DOSE_COLUMNS = [
    "study", "animal", "group", "treatment", "lot", "date", "day", "dose", "unit", "route", "status", "given_at",
    "given_by", "note",
]  # fmt: skip


def dose_rows(study):
    """One row per dose record, as stored: dose, unit and route are the record's (what was planned or
    given), the treatment is the group treatment it belongs to."""
    doses = (
        Dose.objects.filter(study=study)
        .select_related("animal", "arm", "treatment__test_article", "treatment__lot", "given_by")
        .order_by("animal__tag", "date", "treatment__order", "treatment_id")
    )
    for d in doses:
        t = d.treatment
        yield [
            study.name, d.animal.tag, d.arm.name, t.name, t.lot.lot_number if t.lot_id else "", d.date.isoformat(),
            study.day_of(d.date), d.amount, d.unit, d.route, d.status,
            d.given_at.isoformat() if d.given_at else "", d.given_by.username if d.given_by else "", d.note,
        ]  # fmt: skip


GROUP_COLUMNS = [
    "group", "control", "capacity", "dosing_start_day", "treatment", "lot", "dose", "unit", "route", "schedule",
    "regimen",
]  # fmt: skip


def group_rows(study):
    """One row per treatment of each group (a group without treatments has one row with empty
    treatment columns)."""
    for arm in Arm.objects.filter(study=study).prefetch_related(
        "treatments__test_article", "treatments__lot"
    ):
        head = [arm.name, "yes" if arm.is_control else "", arm.capacity, arm.dosing_start_day]
        for t in arm.treatment_list or [None]:
            if t is None:
                yield [*head, "", "", None, "", "", "", arm.regimen]
                continue
            yield [
                *head, t.name if t.test_article_id else "", t.lot.lot_number if t.lot_id else "", t.dose,
                t.dose_unit, t.route, t.schedule, arm.regimen,
            ]  # fmt: skip


def to_csv(rows, columns=COLUMNS) -> str:
    return csv_text(columns, rows)


def to_xlsx_sheets(sheets) -> bytes:
    """A workbook with one sheet per ``(title, columns, rows)``."""
    from openpyxl import Workbook  # seconds to import: loaded on first use (il2portal.warmup)
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(columns)
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
