"""Tecan SparkControl and i-control (infinite) workbooks, read by our own code.

allotropy 0.1.150 has only a Magellan parser for Tecan; SparkControl and i-control exports stop it
with "File is missing required 'Well positions' column". Both programs write one sheet that starts
with ``Application: ...`` and ``Device: ...`` lines, then one section per measurement label:

* i-control: ``Label: T0``, then ``Mode``, ``Wavelength``, ``Part of Plate``, ``Start Time:`` and either
  a ``<>`` grid (endpoint; header ``<> 1 2 ... 12`` then rows A..H) or a kinetic table (``Cycle Nr.``,
  ``Time [s]``, ``Temp. [°C]`` rows, then one row per well ``A1 v1 v2 ...``).
* SparkControl: ``Mode``/``Name`` rows (``Name`` = ``Label 1``), the same ``<>`` grid; unmeasured wells
  are empty strings (partial plate: only measured wells become points).

Anything below the export (user formulas, as in the i-control reference file) is ignored: data are only
taken from a ``<>`` grid or from the rows right after ``Cycle Nr.``/``Time [s]``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .base import (
    ParsedPlate,
    ParseError,
    ParseResult,
    ReadBuilder,
    as_text,
    excel_cell,
    flag_texts_metadata,
    geometry_containing,
    geometry_for,
    geometry_for_columns,
    is_blank,
    is_numeric,
    json_safe,
    load_workbook_rows,
    parse_number,
    parse_well,
    row_index,
    row_letter,
    unique_labels,
)


def _cells(row: list[Any]) -> list[str]:
    return [as_text(v) for v in row]


def _first_value(row: list[Any]) -> Any:
    for v in row[1:]:
        if not is_blank(v):
            return v
    return None


def _num(v: Any) -> float | None:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, dt.time):
        return v.hour * 3600 + v.minute * 60 + v.second
    if isinstance(v, str):
        return parse_number(v)
    return None


def _german_date(text: str) -> str | None:
    m = re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return None
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    return m.group(0) if m else None


class _Label:
    def __init__(self, name: str | None):
        self.name = name
        self.mode: str | None = None
        self.wavelength: float | None = None
        self.excitation: float | None = None
        self.emission: float | None = None
        self.info: dict = {}
        self.builder: ReadBuilder | None = None
        self.closed = False

    def kind(self) -> str:
        m = (self.mode or "").lower()
        if "absorbance" in m:
            return "absorbance"
        if "fluorescence" in m or "fret" in m or "alpha" in m:
            return "fluorescence"
        if "luminescence" in m:
            return "luminescence"
        return "other"

    def derived_label(self) -> str:
        k = self.kind()
        if k == "absorbance":
            return f"{self.wavelength:g}nm" if self.wavelength else "Absorbance"
        if k == "fluorescence":
            if self.excitation and self.emission:
                return f"{self.excitation:g}/{self.emission:g}"
            return "Fluorescence"
        if k == "luminescence":
            return "Lum"
        return self.name or "Read"

    def label(self) -> str:
        if self.name and not re.fullmatch(r"Label\s*\d+", self.name, re.I):
            return self.name
        return self.derived_label()

    def get_builder(self) -> ReadBuilder:
        if self.builder is None:
            k = self.kind()
            wl = self.wavelength if k == "absorbance" else self.emission if k == "fluorescence" else None
            self.builder = ReadBuilder(self.label(), k, wl)
        return self.builder


def _sheet_kind(rows: list[list[Any]]) -> str | None:
    head = " ".join(" ".join(_cells(r)) for r in rows[:6])
    if "SparkControl" in head or "Device: Spark" in head:
        return "tecan_spark"
    if "i-control" in head or "Device: infinite" in head:
        return "tecan_icontrol"
    return None


def read_tecan(data: bytes, key: str) -> ParseResult:
    sheets = load_workbook_rows(data)
    sheet_name, rows = next(((n, r) for n, r in sheets.items() if _sheet_kind(r)), (None, None))
    if rows is None:
        raise ParseError(
            "No Tecan SparkControl / i-control result sheet was found (expected 'Application:' and 'Device:' "
            "lines at the top of a sheet)."
        )
    found = _sheet_kind(rows)
    if found != key:
        names = {"tecan_spark": "SparkControl", "tecan_icontrol": "i-control"}
        raise ParseError(f"This is a Tecan {names.get(found, found)} export, not {names.get(key, key)}.")
    # one result sheet is one plate: say which other sheets with numbers were left out
    skipped = [
        n for n, r in sheets.items() if n != sheet_name and any(is_numeric(v) for row in r for v in row)
    ]

    header: dict[str, Any] = {}
    labels: list[_Label] = []
    current: _Label | None = None
    grid_cols = 0
    max_r = max_c = -1
    warnings: list[str] = []
    i = 0
    n = len(rows)
    while i < n:
        row = rows[i]
        cells = _cells(row)
        first = cells[0] if cells else ""
        if not any(cells):
            i += 1
            continue
        low = first.lower().rstrip(": ").strip()
        hm = re.match(r"^(Application|Device|Firmware):\s*(.*)$", first)
        if hm:
            header[hm.group(1)] = hm.group(2).strip()
            for other in (as_text(v) for v in row[1:] if not is_blank(v)):
                sm = re.match(r"Serial number:\s*(.*)", other)
                if sm:
                    if sm.group(1).strip():
                        header.setdefault("Serial number", sm.group(1).strip())
                elif hm.group(1) == "Application":
                    vm = re.search(r"\d+(?:\.\d+)+", other)
                    header["_application_version"] = vm.group(0) if vm else other
                elif hm.group(1) == "Firmware" and not header["Firmware"]:
                    header["Firmware"] = other
            i += 1
            continue
        if first.startswith("Label:"):
            current = _Label(first.split(":", 1)[1].strip() or None)
            labels.append(current)
            i += 1
            continue
        if low == "mode":
            if current is None or current.mode is not None:
                current = _Label(None)
                labels.append(current)
            current.mode = as_text(_first_value(row))
            i += 1
            continue
        if low == "name" and current is not None and current.mode and current.name is None:
            current.name = as_text(_first_value(row))
            i += 1
            continue
        if current is not None and low in (
            "wavelength",
            "measurement wavelength",
            "excitation wavelength",
            "emission wavelength",
        ):
            v = _num(_first_value(row))
            if low.startswith("excitation"):
                current.excitation = v
            elif low.startswith("emission"):
                current.emission = v
            else:
                current.wavelength = v
            i += 1
            continue
        if first == "<>":
            if current is None:
                current = _Label(None)
                labels.append(current)
            ncols = 0
            for v in row[1:]:
                t = as_text(v)
                if not t.isdigit():
                    break
                ncols += 1
            grid_cols = max(grid_cols, ncols)
            b = current.get_builder()
            j = i + 1
            while j < n and rows[j]:
                letter = as_text(rows[j][0])
                try:
                    r = row_index(letter)
                except ValueError:
                    break
                for c in range(ncols):
                    raw = rows[j][c + 1] if c + 1 < len(rows[j]) else None
                    if is_blank(raw):
                        continue
                    flag = b.add_raw(f"{row_letter(r)}{c + 1}", None, raw)
                    if flag == "invalid":
                        warnings.append(
                            f"Cell {excel_cell(j, c + 1)} (well {row_letter(r)}{c + 1}) of sheet {sheet_name!r}: "
                            f"{as_text(raw)!r} is not a number; flagged invalid."
                        )
                    max_r, max_c = max(max_r, r), max(max_c, c)
                j += 1
            i = j
            continue
        if low == "cycle nr." or low == "cycle nr":
            if current is None:
                current = _Label(None)
                labels.append(current)
            i, mr, mc = _kinetic_table(rows, i, current, sheet_name, warnings)
            max_r, max_c = max(max_r, mr), max(max_c, mc)
            continue
        # header / label information
        value = _first_value(row)
        target = current if current is not None and not current.closed else None
        if _is_well_text(first) or (current is not None and current.closed):
            i += 1  # stray rows after a label section (user formulas, actions)
            continue
        if not first and isinstance(value, str) and ":" in value:
            k, v = value.split(":", 1)
            _store(header, target, k.strip(), v.strip())
        elif ":" in first and not first.endswith(":") and value is None:
            k, v = first.split(":", 1)
            _store(header, target, k.strip(), v.strip())
        elif value is not None and first:
            _store(header, target, first.rstrip(": ").strip(), value, row)
            if target is not None and low == "end time":
                target.closed = True
        i += 1

    labels = [lab for lab in labels if lab.builder is not None and lab.builder.points]
    if not labels:
        raise ParseError(
            f"No measured values were found on sheet {sheet_name!r} (no '<>' grid or kinetic table)."
        )
    names = unique_labels([lab.label() for lab in labels])
    for lab, name in zip(labels, names, strict=True):
        lab.builder.label = name

    rows_, cols_ = _geometry(header, grid_cols, max_r, max_c)
    device = str(header.get("Device") or "").strip() or None
    application = str(header.get("Application") or "").strip()
    version = str(header.get("_application_version") or "").strip()
    if key == "tecan_icontrol":
        software = f"i-control {version}".strip()
    else:
        software = f"{application or 'SparkControl'} {version}".strip()
    meta = {
        "date": _german_date(as_text(header.get("Date"))) or as_text(header.get("Date")) or None,
        "time": as_text(header.get("Time")) or None,
        "serial_number": header.get("Serial number"),
        "plate_type": header.get("Plate"),
        "user": header.get("User"),
        "system": header.get("System"),
        "firmware": header.get("Firmware"),
        "labels": {lab.builder.label: {"name": lab.name, "mode": lab.mode, **lab.info} for lab in labels},
        "flag_texts": flag_texts_metadata(lab.builder for lab in labels) or None,
    }
    plate = ParsedPlate(
        name=None,
        barcode=as_text(header.get("Plate-ID (Stacker)")) or as_text(header.get("Barcode")) or None,
        rows=rows_,
        columns=cols_,
        reads=tuple(lab.builder.build() for lab in labels),
        instrument=device,
        software=software,
        metadata=json_safe({k: v for k, v in meta.items() if v}),
    )
    for other in skipped:
        warnings.append(
            f"Sheet {other!r} was not read: only the first result sheet ({sheet_name!r}) is imported; "
            "export the other plate or measurement as its own file."
        )
    return ParseResult(key, (plate,), tuple(warnings))


def _store(header: dict, current: _Label | None, key: str, value: Any, row: list[Any] | None = None) -> None:
    text = as_text(value) if not isinstance(value, int | float) else value
    if row is not None:
        k = next((n for n, v in enumerate(row) if v is value), None)
        unit = as_text(row[k + 1]) if k is not None and k + 1 < len(row) else ""
        if unit:
            text = f"{as_text(value)} {unit}"
    if current is None:
        header.setdefault(key, text)
    else:
        current.info.setdefault(key, text)


def _kinetic_table(rows, i, label: _Label, sheet_name, warnings) -> tuple[int, int, int]:
    """Wells in rows (i-control/Spark): 'Cycle Nr.' row, 'Time [s]' row, optional 'Temp.' row, wells."""
    n = len(rows)
    b = label.get_builder()
    times: list[float | None] = []
    max_r = max_c = -1
    j = i + 1
    # wells in columns?  header: Cycle Nr. | Time [s] | Temp. [°C] | A1 | A2 ...
    hdr = _cells(rows[i])
    if len(hdr) > 2 and hdr[1].lower().startswith("time"):
        well_cols = [(k, h) for k, h in enumerate(hdr) if k > 1 and _is_well_text(h)]
        while j < n and rows[j] and _num(rows[j][0]) is not None:
            t = _num(rows[j][1]) if len(rows[j]) > 1 else None
            for k, w in well_cols:
                raw = rows[j][k] if k < len(rows[j]) else None
                if is_blank(raw):
                    continue
                well = _norm(w)
                b.add_raw(well, t, raw)
                r, c = parse_well(well)
                max_r, max_c = max(max_r, r), max(max_c, c)
            j += 1
        return j, max_r, max_c
    while j < n and rows[j]:
        first = as_text(rows[j][0]).lower()
        if first.startswith("time"):
            times = [_num(v) for v in rows[j][1:]]
            j += 1
            continue
        if first.startswith("temp"):
            j += 1
            continue
        break
    if not times:
        raise ParseError(
            f"Kinetic table on sheet {sheet_name!r} row {i + 1} has no 'Time [s]' row.", line=i + 1
        )
    while j < n and rows[j] and _is_well_text(as_text(rows[j][0])):
        well = _norm(as_text(rows[j][0]))
        r, c = parse_well(well)
        for k, t in enumerate(times):
            if t is None:
                continue
            raw = rows[j][k + 1] if k + 1 < len(rows[j]) else None
            if is_blank(raw):
                continue
            b.add_raw(well, t, raw)
            max_r, max_c = max(max_r, r), max(max_c, c)
        j += 1
    return j, max_r, max_c


def _is_well_text(t: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]{1,2}\s?0*\d{1,2}", t.strip()))


def _norm(t: str) -> str:
    r, c = parse_well(t)
    return f"{row_letter(r)}{c + 1}"


def _geometry(header: dict, grid_cols: int, max_r: int, max_c: int) -> tuple[int, int]:
    geo = geometry_for_columns(grid_cols) if grid_cols else None
    if geo is None:
        m = re.search(r"(?<!\d)(6|12|24|48|96|384|1536)(?!\d)", as_text(header.get("Plate")))
        if m:
            geo = geometry_for(int(m.group(1)))
    if geo is None or max_r >= geo[0] or max_c >= geo[1]:
        geo = geometry_containing(max(max_r, 0), max(max_c, 0))
    return geo


def read_tecan_spark(data: bytes) -> ParseResult:
    return read_tecan(data, "tecan_spark")


def read_tecan_icontrol(data: bytes) -> ParseResult:
    return read_tecan(data, "tecan_icontrol")
