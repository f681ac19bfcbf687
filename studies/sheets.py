"""Reading a measurement sheet (CSV or XLSX) into rows for ``studies.services.measurements.measurements_record``.

Columns are recognised by name, case-insensitively and ignoring units in brackets: animal/tag/ID,
date (or day, counted from the study's day 0), length/L, width/W, weight/BW, note. Other columns
(e.g. a volume computed in Excel) are ignored and reported. Empty lines are skipped. Row numbers are
those a person sees in the spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from assays.readers.base import ReaderError
from assays.readers.limits import LimitExceeded, Limits, check_file, run_bounded

ALIASES = {
    "animal": ("animal", "tag", "id", "animal id", "animal_id", "mouse", "mouse id", "ear tag", "ear_tag"),
    "date": ("date", "measurement date", "measured on", "measured_on"),
    "day": ("day", "study day", "study_day"),
    "length_mm": ("length", "length_mm", "l", "long", "long axis", "length mm"),
    "width_mm": ("width", "width_mm", "w", "short", "short axis", "width mm"),
    "weight_g": ("weight", "weight_g", "bw", "body weight", "body_weight", "mass", "weight g"),
    "note": ("note", "notes", "comment", "comments", "remark"),
}
_LOOKUP = {alias: key for key, aliases in ALIASES.items() for alias in aliases}
MAX_ROWS = 5000
# A measurement sheet has a dozen columns and at most MAX_ROWS animal-days; anything far beyond is refused
# before openpyxl or the csv module reads it (see assays.readers.limits: <dimension> is never trusted, zip
# members are measured inflated, the parse has a time and memory budget).
SHEET_LIMITS = Limits(
    max_rows=4 * MAX_ROWS,
    max_columns=256,
    max_cells=200_000,
    max_line_chars=65_536,
    max_uncompressed_bytes=32 * 1024 * 1024,
    time_limit_s=20.0,
)


class SheetError(ValueError):
    """The file cannot be read as a measurement sheet; the message is for a person. ``code`` is
    ``file_too_large`` (with ``limit``) for a file beyond SHEET_LIMITS, else ``invalid_sheet``."""

    def __init__(self, message: str, *, code: str = "invalid_sheet", limit: str | None = None):
        super().__init__(message)
        self.code = code
        self.limit = limit


@dataclass
class Sheet:
    rows: list[dict] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _norm(header) -> str:
    text = str(header or "").strip().lower().replace("\ufeff", "")
    text = re.sub(r"[\(\[].*?[\)\]]", "", text)  # units: "Length (mm)"
    return re.sub(r"\s+", " ", text).strip()


def _cell(value):
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def _table(data: bytes, filename: str) -> list[list]:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        try:
            from openpyxl import load_workbook

            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            ws.reset_dimensions()  # never pad rows to what <dimension> claims
            return [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise SheetError(f"This is not a readable XLSX workbook ({type(exc).__name__}).") from None
    if name.endswith(".xls"):
        raise SheetError("Old .xls workbooks are not supported: save the sheet as .xlsx or .csv.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise SheetError("The file is neither UTF-8 nor Windows-1252 text.")
    if "\x00" in text:
        raise SheetError("This looks like a binary file, not a CSV sheet.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise SheetError(f"The CSV text cannot be read ({exc}).") from None


def read_measurement_sheet(
    data: bytes, filename: str, *, day0: dt.date | None = None, limits: Limits = SHEET_LIMITS
) -> Sheet:
    """The rows of a measurement sheet. The file is measured against ``limits`` first and parsed in a
    forked child with the time and memory budget of ``limits`` (``run_bounded``); raises SheetError."""
    if not data:
        raise SheetError("The file is empty.")
    try:
        try:
            check_file(data, limits)
        except LimitExceeded:
            raise
        except ReaderError as exc:  # a damaged zip: not a workbook at all
            raise SheetError(f"This is not a readable XLSX workbook: {exc.message}") from None
        return run_bounded(lambda: _read(data, filename, day0), limits)
    except ReaderError as exc:
        raise SheetError(exc.message, code=exc.code, limit=getattr(exc, "limit", None)) from None


class _Failed(ReaderError):
    """A SheetError carried back from the child process (SheetError itself is not a ReaderError)."""

    code = "invalid_sheet"


def _read(data: bytes, filename: str, day0: dt.date | None) -> Sheet:
    try:
        return _parse(data, filename, day0)
    except SheetError as exc:
        raise _Failed(str(exc)) from None


def _parse(data: bytes, filename: str, day0: dt.date | None) -> Sheet:
    table = _table(data, filename)
    header_index = next((i for i, row in enumerate(table) if any(v not in (None, "") for v in row)), None)
    if header_index is None:
        raise SheetError("The sheet has no rows.")
    header = table[header_index]
    columns: dict[int, str] = {}
    ignored = []
    for j, h in enumerate(header):
        key = _LOOKUP.get(_norm(h))
        if key and key not in columns.values():
            columns[j] = key
        elif h not in (None, ""):
            ignored.append(str(h))
    found = set(columns.values())
    if "animal" not in found:
        raise SheetError(
            f"No animal column: the header row (row {header_index + 1}) needs a column named tag or animal; "
            f"found {', '.join(str(h) for h in header if h not in (None, '')) or 'nothing'}."
        )
    if not found & {"length_mm", "width_mm", "weight_g"}:
        raise SheetError("No measurement columns: name them length, width and/or weight.")
    sheet = Sheet(ignored_columns=ignored)
    for i, raw in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(v not in (None, "") for v in raw):
            continue
        row = {}
        for j, key in columns.items():
            row[key] = raw[j] if j < len(raw) else None
        day = row.pop("day", None)
        if not row.get("date") and day not in (None, "") and day0 is not None:
            try:
                row["date"] = (day0 + dt.timedelta(days=int(float(day)))).isoformat()
            except (TypeError, ValueError, OverflowError):
                raise SheetError(f"Row {i}: day {day!r} is not a whole number of days from day 0.") from None
        if "animal" in row and row["animal"] is not None:
            value = row["animal"]
            row["animal"] = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        sheet.rows.append(row)
        sheet.row_numbers.append(i)
        if len(sheet.rows) > MAX_ROWS:
            raise SheetError(f"More than {MAX_ROWS} rows: split the sheet.")
    if not sheet.rows:
        raise SheetError("The sheet has a header but no data rows.")
    return sheet
