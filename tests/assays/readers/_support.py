"""Helpers shared by the reader tests (plain functions, no fixtures: they work with or without pytest-django)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from assays.readers import ParseResult, read_plate_file, well_name

REFDATA = Path(__file__).resolve().parents[2] / "refdata" / "platereader"


def ref_bytes(name: str) -> bytes:
    return (REFDATA / name).read_bytes()


@cache
def parsed(name: str) -> ParseResult:
    """Each reference file is parsed once per test session."""
    return read_plate_file(ref_bytes(name), filename=name)


def matrix_text(
    rows: int, cols: int, *, labels: bool = True, sep: str = ",", decimal: str = ".", title=None
) -> str:
    """A plate matrix whose well (r, c) holds r * cols + c + 0.25."""
    lines = []
    if title:
        lines.append(title)
    if labels:
        lines.append(sep + sep.join(str(c + 1) for c in range(cols)))
    for r in range(rows):
        values = [f"{r * cols + c + 0.25}".replace(".", decimal) for c in range(cols)]
        prefix = well_name(r, 0)[:-1] + sep if labels else ""
        lines.append(prefix + sep.join(values))
    return "\n".join(lines) + "\n"


def expected(rows: int, cols: int, r: int, c: int) -> float:
    return r * cols + c + 0.25


def xlsx_bytes(rows_of_cells: list[list]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows_of_cells:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
