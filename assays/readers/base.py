"""Plain data types, errors and small helpers shared by every plate-reader reader.

Nothing here (or anywhere in ``assays.readers``) may import Django, DRF or Celery: the package turns
vendor export bytes into frozen dataclasses and is used from web requests, Celery tasks and scripts.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

Flag = str | None  # None or one of FLAGS

SATURATED = "saturated"
MASKED = "masked"
MISSING = "missing"
INVALID = "invalid"
FLAGS = (SATURATED, MASKED, MISSING, INVALID)

KINDS = ("absorbance", "luminescence", "fluorescence", "other")


# --------------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    well: str  # normalised "A1" (never "A01")
    time_s: float | None  # kinetic time in seconds, None for endpoint reads
    value: float | None  # None whenever ``flag`` says there is no number
    flag: Flag = None
    wavelength_nm: float | None = None  # the point's wavelength in a spectral scan, None otherwise

    def __reduce__(
        self,
    ):  # a plain tuple: pickling a 614,400-point read back from the parse child is 4x faster
        return (Point, (self.well, self.time_s, self.value, self.flag, self.wavelength_nm))


MODES = ("endpoint", "kinetic", "spectral")


@dataclass(frozen=True)
class Read:
    """One read of a plate: an endpoint value per well, or a series per well (kinetic: over time,
    ``Point.time_s``; spectral: over wavelength, ``Point.wavelength_nm``).

    ``calculated`` marks values the vendor software computed (blank-subtracted, ratios, concentrations,
    SoftMax Pro "Reduced" blocks, Gen5 "Max V"): kept for reference, never treated as a measurement.
    ``metadata`` holds what the file says about the read: ``excitation_nm``, ``bandwidth_nm``,
    ``gain``, ``temperature_c``, ``read_times`` (instrument clock per point), ``source`` ...
    """

    label: str
    kind: str  # "absorbance" | "luminescence" | "fluorescence" | "other"
    wavelength_nm: float | None
    points: tuple[Point, ...] = field(repr=False)
    calculated: bool = False
    metadata: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _index(self) -> dict[str, list[Point]]:
        index: dict[str, list[Point]] = {}
        for p in self.points:
            index.setdefault(p.well, []).append(p)
        return index

    @property
    def timepoints(self) -> tuple[float, ...]:
        """Sorted distinct kinetic times (seconds); empty for an endpoint read."""
        return tuple(sorted({p.time_s for p in self.points if p.time_s is not None}))

    @property
    def is_kinetic(self) -> bool:
        return any(p.time_s is not None for p in self.points)

    @property
    def is_spectral(self) -> bool:
        return any(p.wavelength_nm is not None for p in self.points)

    @property
    def mode(self) -> str:
        """ "spectral" (a wavelength per point), "kinetic" (a time per point) or "endpoint"."""
        if self.is_spectral:
            return "spectral"
        return "kinetic" if self.is_kinetic else "endpoint"

    @property
    def wavelengths(self) -> tuple[float, ...]:
        """Sorted distinct wavelengths of a spectral scan (nm); empty otherwise."""
        return tuple(sorted({p.wavelength_nm for p in self.points if p.wavelength_nm is not None}))

    @property
    def axis(self) -> tuple[float, ...]:
        """The series axis: wavelengths of a spectrum, times of a kinetic read, () for an endpoint."""
        return self.wavelengths if self.is_spectral else self.timepoints

    @property
    def wells(self) -> tuple[str, ...]:
        """Distinct wells with at least one point, in plate order (A1, A2, ..., B1, ...)."""
        return tuple(sorted({p.well for p in self.points}, key=parse_well))

    def point(
        self, well: str, time_s: float | None = None, wavelength_nm: float | None = None
    ) -> Point | None:
        """The point for ``well`` (any spelling, "A01" works) at ``time_s`` or, in a spectrum, at
        ``wavelength_nm`` (None: the endpoint value or the first point)."""
        found = self._index.get(normalize_well(well))
        if not found:
            return None
        if wavelength_nm is not None:
            for p in found:
                if p.wavelength_nm is not None and abs(p.wavelength_nm - wavelength_nm) < 1e-6:
                    return p
            return None
        if time_s is None:
            return min(found, key=lambda p: -math.inf if p.time_s is None else p.time_s)
        for p in found:
            if p.time_s is not None and abs(p.time_s - time_s) < 1e-6:
                return p
        return None

    def value(
        self, well: str, time_s: float | None = None, wavelength_nm: float | None = None
    ) -> float | None:
        p = self.point(well, time_s, wavelength_nm)
        return None if p is None else p.value

    def series(self, well: str) -> tuple[tuple[float, ...], tuple[float | None, ...]]:
        """(axis, values) of one well of a kinetic or spectral read, in axis order."""
        pts = self._index.get(normalize_well(well)) or []
        key = (lambda p: p.wavelength_nm) if self.is_spectral else (lambda p: p.time_s)
        pts = sorted((p for p in pts if key(p) is not None), key=key)
        return tuple(key(p) for p in pts), tuple(p.value for p in pts)


@dataclass(frozen=True)
class ParsedPlate:
    name: str | None
    barcode: str | None
    rows: int
    columns: int
    reads: tuple[Read, ...]
    instrument: str | None = None
    software: str | None = None
    metadata: dict = field(default_factory=dict)

    @property
    def well_count(self) -> int:
        return self.rows * self.columns

    def read(self, label: str) -> Read:
        """The read with this label (exact, then case-insensitive); KeyError when absent."""
        for r in self.reads:
            if r.label == label:
                return r
        for r in self.reads:
            if r.label.lower() == label.lower():
                return r
        raise KeyError(f"No read labelled {label!r}; reads are {[r.label for r in self.reads]}")


@dataclass(frozen=True)
class ParseResult:
    vendor: str
    plates: tuple[ParsedPlate, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormatInfo:
    key: str
    name: str
    vendor: str
    extensions: tuple[str, ...]
    description: str
    via: str  # "allotropy" or "portal"


# --------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------


class ReaderError(Exception):
    """Base class: ``code`` is stable, ``message`` is a sentence for a person."""

    code = "parse_error"

    def __init__(self, message: str, *, line: int | None = None, cell: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.cell = cell

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "line": self.line, "cell": self.cell}


class UnrecognizedFormat(ReaderError):
    code = "unrecognized_format"


class ParseError(ReaderError):
    code = "parse_error"


class EmptyFile(ReaderError):
    code = "empty_file"


# --------------------------------------------------------------------------------------------------
# Wells and plate geometry (ANSI/SLAS 1-2004 .. 4-2004)
# --------------------------------------------------------------------------------------------------

PLATE_GEOMETRIES: dict[int, tuple[int, int]] = {
    6: (2, 3),
    12: (3, 4),
    24: (4, 6),
    48: (6, 8),
    96: (8, 12),
    384: (16, 24),
    1536: (32, 48),
}
_BY_COLUMNS = {cols: (rows, cols) for rows, cols in PLATE_GEOMETRIES.values()}
_BY_ROWS = {rows: (rows, cols) for rows, cols in PLATE_GEOMETRIES.values()}
MAX_ROWS = 32
MAX_COLUMNS = 48


def geometry_for(n_wells: int) -> tuple[int, int]:
    """(rows, columns) of a standard plate with ``n_wells`` wells; ValueError otherwise."""
    try:
        n = int(n_wells)
    except (TypeError, ValueError):
        raise ValueError(f"Not a well count: {n_wells!r}") from None
    if n not in PLATE_GEOMETRIES:
        raise ValueError(f"No standard plate has {n_wells} wells (known: {sorted(PLATE_GEOMETRIES)})")
    return PLATE_GEOMETRIES[n]


def geometry_for_columns(n_columns: int) -> tuple[int, int] | None:
    return _BY_COLUMNS.get(n_columns)


def geometry_for_rows(n_rows: int) -> tuple[int, int] | None:
    return _BY_ROWS.get(n_rows)


def geometry_containing(max_row_index: int, max_col_index: int) -> tuple[int, int]:
    """Smallest standard plate holding a well at these zero-based indices."""
    for n in sorted(PLATE_GEOMETRIES):
        rows, cols = PLATE_GEOMETRIES[n]
        if max_row_index < rows and max_col_index < cols:
            return rows, cols
    raise ValueError("Well positions beyond a 1536-well plate")


def row_letter(row_index: int) -> str:
    if not 0 <= row_index < MAX_ROWS:
        raise ValueError(f"Row index {row_index} out of range 0..{MAX_ROWS - 1}")
    if row_index < 26:
        return chr(ord("A") + row_index)
    return "A" + chr(ord("A") + row_index - 26)


def row_index(letters: str) -> int:
    s = letters.strip().upper()
    if len(s) == 1 and "A" <= s <= "Z":
        return ord(s) - ord("A")
    if len(s) == 2 and s[0] == "A" and "A" <= s[1] <= "F":
        return 26 + ord(s[1]) - ord("A")
    raise ValueError(f"Not a plate row: {letters!r}")


def well_name(row_index: int, col_index: int) -> str:
    """Zero-based (row, column) to "A1"; rows A..Z then AA..AF."""
    if not 0 <= col_index < MAX_COLUMNS:
        raise ValueError(f"Column index {col_index} out of range 0..{MAX_COLUMNS - 1}")
    return f"{row_letter(row_index)}{col_index + 1}"


_WELL_RE = re.compile(r"^\s*([A-Za-z]{1,2})\s*[:\-_]?\s*0*(\d{1,2})\s*$")


def parse_well(name: str) -> tuple[int, int]:
    """A well name to its zero-based (row, column): "A1" -> (0, 0), "H12" -> (7, 11), "AF48" -> (31, 47).

    The portal's one well-name parser (readers, analysis, services and pages), with the indices
    ``Well.row``/``Well.column`` and ``LayoutWell.row``/``.column`` store and ``well_name`` takes back.
    Accepts "A01", "a1", "A 2", "A:1"; rows A..Z then AA..AF, columns 1..48 (ANSI/SLAS 4-2004 well positions).
    ValueError when ``name`` is not a well of a plate of at most 1536 wells."""
    if not isinstance(name, str):
        raise ValueError(f"Not a well name: {name!r}")
    m = _WELL_RE.match(name)
    if not m:
        raise ValueError(f"Not a well name: {name!r}")
    r = row_index(m.group(1))
    c = int(m.group(2)) - 1
    if not 0 <= c < MAX_COLUMNS:
        raise ValueError(f"Not a well name: {name!r} (column out of range)")
    return r, c


def normalize_well(name: str) -> str:
    return well_name(*parse_well(name))


def is_well(name: Any) -> bool:
    if not isinstance(name, str):
        return False
    try:
        parse_well(name)
    except ValueError:
        return False
    return True


def well_sort_key(name: str) -> tuple[int, int]:
    return parse_well(name)


# --------------------------------------------------------------------------------------------------
# Values and flags
# --------------------------------------------------------------------------------------------------

_SATURATED_TOKENS = {
    "ovrflw",
    "overflow",
    "over",
    "ovr",
    "ovf",
    "sat",
    "saturated",
    "saturation",
    "high",
    "too high",
    "+inf",
    "inf",
    "infinity",
}
_MASKED_TOKENS = {"masked", "mask", "*", "msk", "excluded", "omitted", "removed"}
_MISSING_TOKENS = {
    "",
    "missed",
    "missing",
    "na",
    "n/a",
    "n.a.",
    "#n/a",
    "nan",
    "none",
    "null",
    "-",
    "--",
    "---",
    "empty",
    "not measured",
    "not read",
    "nd",
    "n.d.",
}
_INVALID_TOKENS = {
    "range?",
    "error",
    "err",
    "invalid",
    "?????",
    "?",
    "low",
    "too low",
    "undrflw",
    "underflow",
    "-inf",
}

_NUM_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_SPACES = "\u00a0\u202f\u2009\u2007 '"


def _normalize_number_text(s: str) -> str | None:
    """Text of a number with '.' decimals, or None. Handles decimal commas and thousands marks."""
    if _NUM_RE.match(s):  # the common case: a plain number, nothing to clean
        return s
    t = s.strip()
    for ch in _SPACES:
        t = t.replace(ch, "")
    if not t:
        return None
    if _NUM_RE.match(t):
        return t
    if "," in t:
        if "." in t:
            # the last separator is the decimal one: "1.234,5" or "1,234.5"
            if t.rfind(",") > t.rfind("."):
                t2 = t.replace(".", "").replace(",", ".")
            else:
                t2 = t.replace(",", "")
        elif t.count(",") == 1:
            t2 = t.replace(",", ".")  # decimal comma "1,234" -> 1.234
        else:
            t2 = t.replace(",", "")  # "1,234,567"
        if _NUM_RE.match(t2):
            return t2
    return None


def parse_number(s: str) -> float | None:
    """A finite float from text (decimal comma tolerated) or None."""
    t = _normalize_number_text(s)
    if t is None:
        return None
    v = float(t)
    return v if math.isfinite(v) else None


def classify_token(text: str) -> Flag:
    """Flag for a non-numeric cell: saturated, masked, missing or invalid (never None)."""
    t = text.strip().strip("\u00a0").strip()
    low = t.lower()
    if low in _MISSING_TOKENS:
        return MISSING
    if low in _SATURATED_TOKENS or low.startswith(">") or low.startswith("ovr") or low.startswith("over"):
        return SATURATED
    if low in _MASKED_TOKENS or low.startswith("masked"):
        return MASKED
    if low in _INVALID_TOKENS or low.startswith("<"):
        return INVALID
    if low.startswith("#"):  # spreadsheet errors: #VALUE!, #DIV/0!
        return INVALID
    return INVALID


def parse_cell(raw: Any) -> tuple[float | None, Flag]:
    """(value, flag) for one matrix cell: a number, or None with a flag. Never raises."""
    if raw is None:
        return None, MISSING
    if isinstance(raw, bool):
        return None, INVALID
    if isinstance(raw, int | float):
        v = float(raw)
        if math.isnan(v):
            return None, MISSING
        if math.isinf(v):
            return None, SATURATED if v > 0 else INVALID
        return v, None
    if not isinstance(raw, str):
        return None, INVALID  # dates, times ...
    v = parse_number(raw)
    if v is not None:
        return v, None
    return None, classify_token(raw)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip().strip("\u00a0").strip())


def is_numeric(raw: Any) -> bool:
    if isinstance(raw, bool):
        return False
    if isinstance(raw, int | float):
        return math.isfinite(float(raw))
    return isinstance(raw, str) and parse_number(raw) is not None


def as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).replace("\u00a0", " ").strip()


def guess_kind(label: str) -> tuple[str, float | None]:
    """(kind, wavelength) guessed from a free-text read label such as "OD450", "Lum", "485/520"."""
    low = label.lower()
    wl = None
    m = re.search(r"(\d{3,4}(?:\.\d+)?)\s*nm", low) or re.search(r"(?:od|abs|a)\s*[_ -]?(\d{3,4})\b", low)
    if m:
        wl = float(m.group(1))
    if re.search(r"\blum|rlu|luc|glo\b", low):
        return "luminescence", wl
    fl = re.search(r"\b(\d{3})\s*/\s*(\d{3})\b", low)
    if fl or re.search(r"fluo|rfu|\bfi\b|\bex\b|\bem\b|fret|htrf", low):
        if fl and wl is None:
            wl = float(fl.group(2))
        return "fluorescence", wl
    if wl is not None or re.search(r"\bod\b|abs|absorbance|optical density", low):
        return "absorbance", wl
    m = re.fullmatch(r"\s*(\d{3,4})\s*", low)
    if m and 200 <= float(m.group(1)) <= 1000:
        return "absorbance", float(m.group(1))
    return "other", None


# --------------------------------------------------------------------------------------------------
# Bytes -> text / rows
# --------------------------------------------------------------------------------------------------

_MOJIBAKE = {
    "\u00c2\u00a0": " ",
    "\u00c2\u00b0": "\u00b0",
    "\u00c2\u00b5": "\u00b5",
    "\u00c3\u00a4": "\u00e4",
    "\u00c3\u00b6": "\u00f6",
    "\u00c3\u00bc": "\u00fc",
    "\ufffd": "?",
}


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def is_ole2(data: bytes) -> bool:
    return data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def decode_text(data: bytes) -> str:
    """Decode export bytes: BOMs, UTF-16 without BOM, UTF-8, else cp1252/latin-1. Never raises."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace")
    else:
        head = data[:4000]
        zeros_even = head[0::2].count(0)
        zeros_odd = head[1::2].count(0)
        half = max(1, len(head) // 2)
        if zeros_odd > 0.3 * half and zeros_even < 0.05 * half:
            text = data.decode("utf-16-le", errors="replace")
        elif zeros_even > 0.3 * half and zeros_odd < 0.05 * half:
            text = data.decode("utf-16-be", errors="replace")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError:
                    text = data.decode("latin-1")
    for bad, good in _MOJIBAKE.items():
        if bad in text:
            text = text.replace(bad, good)
    return text.replace("\u00a0", " ").replace("\x00", "")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are neither text nor a workbook we read."""
    if is_zip(data) or is_ole2(data):
        return False
    head = data[:8000]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    zeros_even = head[0::2].count(0)
    zeros_odd = head[1::2].count(0)
    half = max(1, len(head) // 2)
    if (zeros_odd > 0.3 * half and zeros_even < 0.05 * half) or (
        zeros_even > 0.3 * half and zeros_odd < 0.05 * half
    ):
        return False  # UTF-16 without BOM
    if b"\x00" in head:
        return True
    text = decode_text(head)
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or 0x7F <= ord(ch) < 0xA0)
    return bad > 0.02 * max(1, len(text))


def split_lines(text: str) -> list[str]:
    lines = re.split(r"\r\n|\r|\n", text)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def sniff_delimiter(lines: Sequence[str]) -> str:
    sample = [ln for ln in lines[:400] if ln.strip()]
    if not sample:
        return ","
    n = len(sample)
    for delim in ("\t", ";"):
        if sum(1 for ln in sample if delim in ln) >= max(1, n // 3):
            return delim
    if sum(1 for ln in sample if "," in ln) >= 1:
        return ","
    if sum(1 for ln in sample if re.search(r"\S {2,}\S|\S \S", ln.strip())) >= max(1, n // 2):
        return " "
    return ","


def split_rows(lines: Sequence[str], delimiter: str) -> list[list[str]]:
    if delimiter == " ":
        return [ln.split() for ln in lines]
    rows = []
    for ln in lines:
        try:
            rows.append(next(csv.reader([ln], delimiter=delimiter, quotechar='"'), []))
        except csv.Error:
            rows.append(ln.split(delimiter))
    return rows


def trim_row(row: Sequence[Any]) -> list[Any]:
    out = list(row)
    while out and is_blank(out[-1]):
        out.pop()
    return out


def load_workbook_rows(data: bytes, max_rows: int | None = None) -> dict[str, list[list[Any]]]:
    """{sheet title: rows (trailing blanks trimmed)} of an .xlsx; ParseError when it cannot be opened.

    Read-only and streaming; the sheet's ``<dimension>`` is ignored (``reset_dimensions``), so a sheet
    claiming A1:XFD1048576 is not padded to 16,384 columns. Callers check the file against
    ``limits.check_file`` first (``read_plate_file`` does), which bounds the rows and columns really there.
    """
    import openpyxl  # local: only needed for workbooks

    if not is_zip(data):
        raise ParseError("The file is not an .xlsx workbook.")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ParseError(
            f"The workbook could not be opened ({exc}); it may be damaged or truncated."
        ) from exc
    except Exception as exc:  # openpyxl raises many things on odd files
        raise ParseError(
            "The workbook could not be opened: it may be damaged, truncated or not an .xlsx file."
        ) from exc
    out: dict[str, list[list[Any]]] = {}
    try:
        for ws in wb.worksheets:
            rows: list[list[Any]] = []
            try:
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()
                for i, row in enumerate(ws.iter_rows(values_only=True)):
                    if max_rows is not None and i >= max_rows:
                        break
                    rows.append(trim_row(row))
            except Exception as exc:
                raise ParseError(
                    f"Sheet {ws.title!r} could not be read: the workbook may be damaged or truncated."
                ) from exc
            while rows and not rows[-1]:
                rows.pop()
            out[ws.title] = rows
    finally:
        wb.close()
    return out


def excel_cell(row0: int, col0: int) -> str:
    """Zero-based indices to an Excel reference such as "B7"."""
    col = col0 + 1
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row0 + 1}"


# --------------------------------------------------------------------------------------------------
# Building results
# --------------------------------------------------------------------------------------------------


class ReadBuilder:
    """Collects points for one read; later values for the same (well, time) are ignored."""

    def __init__(
        self,
        label: str,
        kind: str,
        wavelength_nm: float | None = None,
        *,
        calculated: bool = False,
        metadata: dict | None = None,
    ):
        self.label = label
        self.kind = kind if kind in KINDS else "other"
        self.wavelength_nm = wavelength_nm
        self.calculated = calculated
        self.metadata = dict(metadata or {})
        self.points: dict[tuple, Point] = {}
        self.flag_texts: dict[str, str] = {}  # "A1" or "A1@30" -> original text of a flagged cell

    def add(
        self,
        well: str,
        time_s: float | None,
        value: float | None,
        flag: Flag = None,
        wavelength_nm: float | None = None,
    ) -> bool:
        key = (well, time_s, wavelength_nm)
        if key in self.points:
            return False
        if flag is not None:
            value = None
        elif value is None:
            flag = MISSING
        self.points[key] = Point(well, time_s, value, flag, wavelength_nm)
        return True

    def add_raw(self, well: str, time_s: float | None, raw: Any) -> Flag:
        value, flag = parse_cell(raw)
        if self.add(well, time_s, value, flag) and flag is not None and not is_blank(raw):
            self.note_flag_text(well, time_s, str(raw).strip())
        return flag

    def note_flag_text(self, well: str, time_s: float | None, text: str) -> None:
        key = well if time_s is None else f"{well}@{time_s:g}"
        self.flag_texts[key] = text

    def build(self) -> Read:
        position = {w: parse_well(w) for w in {k[0] for k in self.points}}
        pts = sorted(
            self.points.values(),
            key=lambda p: (
                position[p.well],
                -1.0 if p.time_s is None else p.time_s,
                -1.0 if p.wavelength_nm is None else p.wavelength_nm,
            ),
        )
        return Read(
            self.label,
            self.kind,
            self.wavelength_nm,
            tuple(pts),
            calculated=self.calculated,
            metadata=self.metadata,
        )


def flag_texts_metadata(builders: Iterable[ReadBuilder]) -> dict:
    """{read label: {well: original text}} for flagged cells, for ParsedPlate.metadata["flag_texts"]."""
    return {b.label: dict(b.flag_texts) for b in builders if b.flag_texts}


def unique_labels(labels: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        if lab in seen:
            seen[lab] += 1
            out.append(f"{lab} ({seen[lab]})")
        else:
            seen[lab] = 1
            out.append(lab)
    return out


def json_safe(obj: Any) -> Any:
    """Recursively make ``obj`` JSON-serialisable (NaN/inf -> None, dates -> ISO text)."""
    import datetime as _dt

    if obj is None or isinstance(obj, bool | int | str):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [json_safe(v) for v in obj]
    if isinstance(obj, _dt.datetime | _dt.date | _dt.time):
        return obj.isoformat()
    return str(obj)
