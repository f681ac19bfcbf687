"""Files a scientist opens in a spreadsheet: CSV text and XLSX sheets, formula injection neutralised.

Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets
a leading apostrophe (OWASP "CSV injection"); numbers stay numbers; None is an empty cell.

**Numbers** are written at full precision less binary noise (:func:`tidy_number`): a blank-subtracted
signal of 2.5187 is stored by the arithmetic as 2.5187000000000004, and a nominal made by repeated
division as 0.009675000000000003. Rounding to 15 significant digits (what a spreadsheet keeps of a
double, and what ``DBL_DIG`` guarantees round-trips through decimal) removes the noise and nothing a
measurement carries. In an XLSX the number is the cell's value; how many digits show is the cell's
``number_format`` (:func:`significant_format`), never a rounded copy.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DIGITS = 15  # significant digits kept of a float: all a double holds that is not binary noise


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def tidy_number(value):
    """A float to :data:`DIGITS` significant digits (``0.009675000000000003`` → ``0.009675``); ints,
    text, None and non-finite floats unchanged."""
    if isinstance(value, float) and math.isfinite(value) and value != 0.0:
        return float(f"{value:.{DIGITS}g}")
    return value


def cell_value(value):
    """What a spreadsheet cell holds: a tidy number, or text that cannot run as a formula."""
    return spreadsheet_safe(tidy_number(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """RFC 4180 CSV (CRLF line ends) with every cell passed through :func:`cell_value`; an empty
    ``header`` writes none (the later chunks of a streamed file)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else cell_value(v) for v in row])
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# XLSX display formats (the stored value keeps every digit)

INTEGER = "0"
PERCENT = "0.0"  # a percentage stored as its number (99.5 for 99.5 %): the header says "%"
TEXT = "@"
GENERAL = "General"


def significant_format(value, digits: int = 4) -> str:
    """An Excel number format that shows ``value`` to ``digits`` significant figures (never hiding an
    integer digit): ``0.000`` for 1.234, ``0.0000`` for 0.01234, ``0`` for 1234, scientific
    ``0.000E+00`` below 0.001 or from 10⁶."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return GENERAL
    x = abs(value)
    if x == 0 or (isinstance(value, int) and x < 1e6):
        return "0"
    if x < 1e-3 or x >= 1e6:
        return "0." + "0" * (digits - 1) + "E+00"
    decimals = max(digits - 1 - math.floor(math.log10(x)), 0)
    return "0." + "0" * decimals if decimals else "0"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, how to read its value from a row (a key or a function), its
    display format (a format string, or a function of the value such as :func:`significant_format`),
    and its width in characters (None: from the header and the values)."""

    header: str
    get: str | Callable[[dict], Any]
    number_format: str | Callable[[Any], str] | None = None
    width: float | None = None

    def value(self, row: dict) -> Any:
        value = row.get(self.get) if isinstance(self.get, str) else self.get(row)
        if isinstance(value, (list, tuple)):
            value = " ".join(str(v) for v in value)
        return value


def sig4(value) -> str:
    return significant_format(value, 4)


def sig3(value) -> str:
    return significant_format(value, 3)


def write_sheet(book, title: str, columns: Sequence[Column], rows: Iterable[dict], *, note: str = ""):
    """A sheet of ``book``: a bold header row (frozen, with a filter), one row per dict, each cell a tidy
    number with its column's display format or text that cannot run as a formula, columns wide enough
    for their header and values (at most 60 characters). ``note`` is a line above the header."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title[:31])
    header_row = 1
    if note:
        sheet.append([note])
        sheet.cell(1, 1).font = Font(italic=True)
        header_row = 2
    sheet.append([c.header for c in columns])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(c.header) for c in columns]
    for row in rows:
        values = [c.value(row) for c in columns]
        sheet.append([cell_value(v) for v in values])
        for i, (column, cell) in enumerate(zip(columns, sheet[sheet.max_row], strict=True)):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif isinstance(cell.value, (int, float, dt.date)) and not isinstance(cell.value, bool):
                fmt = column.number_format
                fmt = fmt(cell.value) if callable(fmt) else fmt
                if fmt:
                    cell.number_format = fmt
            shown = cell.value if not isinstance(cell.value, float) else f"{cell.value:.4g}"
            widths[i] = max(widths[i], len(str(shown)) if shown is not None else 0)
    for i, column in enumerate(columns):
        width = column.width or min(max(widths[i], 6) + 2, 60)
        sheet.column_dimensions[get_column_letter(i + 1)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    if sheet.max_row > header_row:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{sheet.max_row}"
    return sheet


def workbook_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def new_workbook():
    """An empty workbook (no default sheet); openpyxl is imported on first use (il2portal.warmup)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book
