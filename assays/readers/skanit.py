"""Thermo SkanIt workbooks: the result sheets allotropy does not read.

allotropy 0.1.150 (THERMO_SKANIT) converts exactly one measurement sheet (the first whose name
contains "Absorbance", else "Fluorescence", else "Luminescence"). SkanIt also exports each calculation
step on its own sheet ("Blank Subtraction 1_02", "Dilution Factor 1_04", ...) and further measurement
steps ("Absorbance 2_03"). This module reads those sheets with our own code so that, e.g., the
blank-subtracted values of an ELISA are available as a read of kind "other".

Sheet layout: "Measurement results", session file, date, step name (e.g. "Blank Subtraction 1"),
optionally "Wavelength: 450 nm", then per plate a "Plate 1" line followed by matrices whose header row is
``<label> 1 2 ... 12`` and rows ``A..H``. The first matrix after a plate line holds the values; later
ones are the sample layout or dilution factors.
"""

from __future__ import annotations

import re
from typing import Any

from .base import (
    Read,
    ReadBuilder,
    as_text,
    is_blank,
    load_workbook_rows,
    parse_number,
    row_index,
    row_letter,
)

MEASUREMENT_STEPS = ("Absorbance", "Fluorescence", "Luminescence")
_SHEET_RE = re.compile(r"^(?P<step>.+?)\s*_\d+$")


def _allotropy_sheet(names: list[str]) -> str | None:
    for key in MEASUREMENT_STEPS:
        for name in names:
            if key in name:
                return name
    return None


def _matrix_header(row: list[Any]) -> int:
    if len(row) < 2:
        return 0
    nums = []
    for v in row[1:]:
        t = as_text(v)
        if not t:
            break
        if not t.isdigit():
            return 0
        nums.append(int(t))
    if not nums or nums != list(range(1, len(nums) + 1)):
        return 0
    return len(nums)


LAYOUT_HEADERS = {"sample", "samples", "dilution factor", "sample type", "group", "layout", "well id", "name"}
GENERIC_HEADERS = {"value", "values", "signal", "abs", "rlu", "rfu", "result", "results", "od"}


def read_sheet_matrices(rows: list[list[Any]]) -> list[tuple[str | None, str, dict[str, Any]]]:
    """[(plate name, header label, {well: raw cell})] for every plate matrix on a SkanIt sheet."""
    out = []
    plate: str | None = None
    i = 0
    while i < len(rows):
        row = rows[i]
        first = as_text(row[0]) if row else ""
        if re.fullmatch(r"Plate\s*\d+", first) and all(is_blank(v) for v in row[1:13]):
            plate = first
            i += 1
            continue
        ncols = _matrix_header(row)
        if ncols:
            cells: dict[str, Any] = {}
            j = i + 1
            while j < len(rows) and rows[j]:
                letter = as_text(rows[j][0])
                try:
                    r = row_index(letter)
                except ValueError:
                    break
                for c in range(ncols):
                    raw = rows[j][c + 1] if c + 1 < len(rows[j]) else None
                    if not is_blank(raw):
                        cells[f"{row_letter(r)}{c + 1}"] = raw
                j += 1
            out.append((plate, first, cells))
            i = j
            continue
        i += 1
    return out


def _is_layout(header: str, cells: dict[str, Any]) -> bool:
    if header.strip().lower() in LAYOUT_HEADERS:
        return True
    texts = [v for v in cells.values() if isinstance(v, str)]
    return bool(cells) and len(texts) > 0.8 * len(cells) and not any(parse_number(t) for t in texts)


def skanit_extra_reads(data: bytes) -> tuple[dict[str | None, list[Read]], list[str]]:
    """{plate name: [Read]} from every sheet allotropy skips; never raises."""
    warnings: list[str] = []
    try:
        sheets = load_workbook_rows(data)
    except Exception as exc:  # the main conversion already worked; extras are best-effort
        return {}, [f"The calculated SkanIt sheets could not be read: {exc}"]
    used = _allotropy_sheet(list(sheets))
    by_plate: dict[str | None, list[Read]] = {}
    seen: list[tuple[str | None, dict]] = []
    if used is not None:
        seen = [(p, cells) for p, _h, cells in read_sheet_matrices(sheets[used])]
    for name, rows in sheets.items():
        if name == used:
            continue
        m = _SHEET_RE.match(name)
        if not m or not rows or as_text(rows[0][0] if rows[0] else "") != "Measurement results":
            continue
        step = next((as_text(r[0]) for r in rows[3:8] if r and as_text(r[0])), m.group("step"))
        wl = None
        for r in rows[:15]:
            t = as_text(r[0]) if r else ""
            mm = re.match(r"Wavelength:\s*([\d.]+)\s*nm", t)
            if mm and float(mm.group(1)) > 0:
                wl = float(mm.group(1))
        kind = next((k.lower() for k in MEASUREMENT_STEPS if step.startswith(k)), "other")
        for plate, header, cells in read_sheet_matrices(rows):
            if not cells or _is_layout(header, cells):
                continue
            if any(p == plate and all(c.get(w) == v for w, v in cells.items()) for p, c in seen):
                continue  # the same numbers again (e.g. the "Signal" matrix of a standard curve)
            seen.append((plate, cells))
            if kind != "other":
                label = f"{wl:g}nm ({step})" if kind == "absorbance" and wl else step
            else:
                label = (
                    step
                    if header.strip().lower() in GENERIC_HEADERS or not header.strip()
                    else header.strip()
                )
            b = ReadBuilder(label, kind, wl, calculated=kind == "other")
            for well, raw in cells.items():
                b.add_raw(well, None, raw)
            if b.points:
                by_plate.setdefault(plate, []).append(b.build())
    return by_plate, warnings
