"""Excel exports of instruments whose text export the portal already reads, and Magellan kinetic workbooks.

* **Gen5 Excel exports** ("Export to Excel" in Agilent BioTek Gen5) hold the same lines as the Gen5 text
  export, one cell per tab-separated field (``Software Version``, ``Plate Number``, ``Procedure Details``,
  ``Plate Type``, the read blocks, kinetic ``Time``/``T°`` columns). Each Gen5 sheet is written back as the
  text export it mirrors (times as ``h:mm:ss``) and read by the Gen5 path (allotropy first, the portal's
  Gen5 reader when allotropy converts less), so kinetic and spectral blocks stay series.
* **BMG MARS Excel exports** hold the lines of the MARS CSV export (``User:``, ``Path:``, ``Test run no.:``,
  ``Test name:``, ``ID1:``, ``Raw Data (...)`` and the matrix) one field per cell: each MARS sheet is written
  back as CSV and read by the MARS path.
* **Tecan Magellan kinetic workbooks** list one line per kinetic cycle in column A
  (``Tuesday, March 12, 2024: 10:15:02 / 0 sec / 25.3°C``: date and time, time since the start, temperature),
  then one row per well: the well name and its value for each cycle (a row may hold several wells, each
  name followed by its values). allotropy's Magellan converter reads list exports of endpoint absorbance
  only; these are read here as one kinetic read. The layout gives no wavelength or read mode unless a
  ``Measurement wavelength:`` / mode line is present, so the read is labelled by what the sheet says.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from .base import (
    ParsedPlate,
    ParseError,
    ParseResult,
    ReadBuilder,
    as_text,
    flag_texts_metadata,
    geometry_containing,
    geometry_for,
    is_blank,
    is_well,
    json_safe,
    load_workbook_rows,
    normalize_well,
    parse_well,
)


def cell_text(v: Any) -> str:
    """A cell as the vendor's text export writes it: durations and clock times as h:mm:ss(.fff)."""
    if isinstance(v, dt.datetime):
        base = dt.datetime(1899, 12, 30)
        if v.year < 1901:  # an Excel duration of a day or more ([h]:mm:ss)
            return _duration((v - base).total_seconds())
        return v.isoformat(sep=" ")
    if isinstance(v, dt.time):
        return _duration(v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6)
    if isinstance(v, dt.timedelta):
        return _duration(v.total_seconds())
    if isinstance(v, str):
        return (
            v.replace("\r", " ").replace("\n", " ").rstrip()
        )  # leading spaces are structure (Gen5 procedure)
    return as_text(v)


def _duration(seconds: float) -> str:
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    text = f"{int(h)}:{int(m):02d}:{int(s):02d}"
    frac = round(s - int(s), 3)
    return text + (f"{frac:.3f}".lstrip("0") if frac else "")


def sheet_lines(rows: list[list[Any]], delimiter: str) -> list[str]:
    out = []
    for r in rows:
        cells = [cell_text(c) for c in r]
        if delimiter == ",":
            buf = io.StringIO()
            csv.writer(buf, lineterminator="").writerow(cells)
            out.append(buf.getvalue())
        else:
            out.append(delimiter.join(cells))
    return out


def gen5_sheets(sheets: dict[str, list[list[Any]]]) -> list[str]:
    from .gen5 import looks_like_gen5

    return [
        name
        for name, rows in sheets.items()
        if rows and looks_like_gen5("\n".join(sheet_lines(rows[:200], "\t")))
    ]


def _mars_text(rows: list[list[Any]]) -> str:
    return "\n".join(sheet_lines(rows[:12], ","))


def looks_like_mars_sheet(rows: list[list[Any]]) -> bool:
    head = _mars_text(rows)
    return bool(re.search(r"^User:.*(Path:|Test run no\.)", head, re.M)) and bool(
        re.search(r"^(Test name:|ID1:|Raw Data)", head, re.M)
    )


def mars_sheets(sheets: dict[str, list[list[Any]]]) -> list[str]:
    return [name for name, rows in sheets.items() if rows and looks_like_mars_sheet(rows)]


def _from_sheets(data: bytes, filename: str | None, key: str) -> ParseResult:
    from .formats import READERS

    sheets = load_workbook_rows(data)
    if key == "gen5":
        names, delimiter, what = gen5_sheets(sheets), "\t", "Gen5"
    else:
        names, delimiter, what = mars_sheets(sheets), ",", "BMG MARS"
    if not names:
        raise ParseError(f"No sheet of this workbook holds a {what} export.")
    plates, warnings = [], []
    stem = re.sub(r"\.xlsx?$", "", filename or "export", flags=re.I)
    for name in names:
        text = "\r\n".join(sheet_lines(sheets[name], delimiter)) + "\r\n"
        reader = key
        if key == "gen5":
            from .gen5 import has_kinetic_columns

            reader = (
                "gen5_kinetic_columns" if has_kinetic_columns(text) else "gen5"
            )  # as detect_format decides
        try:
            result = READERS[reader](text.encode("utf-8"), f"{stem}.{'txt' if key == 'gen5' else 'csv'}")
        except ParseError as exc:
            raise ParseError(f"Sheet {name!r}: {exc.message}", line=exc.line, cell=exc.cell) from exc
        plates.extend(result.plates)
        warnings.extend(f"Sheet {name!r}: {w}" for w in result.warnings)
    note = (
        f"Read from the {what} Excel export: each sheet ({', '.join(repr(n) for n in names)}) holds the lines of "
        f"the {what} text export and was read as such."
    )
    return ParseResult(f"{key}_xlsx", tuple(plates), (note, *warnings))


def read_gen5_workbook(data: bytes, filename: str | None = None) -> ParseResult:
    return _from_sheets(data, filename, "gen5")


def read_mars_workbook(data: bytes, filename: str | None = None) -> ParseResult:
    return _from_sheets(data, filename, "bmg_mars")


# --------------------------------------------------------------------------------------------------
# Magellan kinetic workbooks
# --------------------------------------------------------------------------------------------------

_CYCLE = re.compile(
    r"^\s*(?P<date>[A-Za-z]+,\s+[A-Za-z]+\s+\d{1,2},\s+\d{4}:\s*\d{1,2}:\d{2}:\d{2})\s*/\s*\(?\s*"
    r"(?P<t>[-+]?\d+(?:[.,]\d+)?)\s*(?P<unit>s|sec|min|h)\s*\)?\s*/\s*(?P<temp>[-+]?\d+(?:[.,]\d+)?)\s*°\s*C\s*$"
)
_UNIT = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0}


def magellan_kinetic_sheet(sheets: dict[str, list[list[Any]]]) -> str | None:
    """The sheet whose column A starts with Magellan kinetic cycle lines, or None."""
    for name, rows in sheets.items():
        firsts = [as_text(r[0]) for r in rows[:5] if r and not is_blank(r[0])]
        if firsts and _CYCLE.match(firsts[0]):
            return name
    return None


def read_magellan_kinetic(data: bytes) -> ParseResult:
    sheets = load_workbook_rows(data)
    name = magellan_kinetic_sheet(sheets)
    if name is None:
        raise ParseError("No sheet of this workbook starts with Magellan kinetic cycle lines.")
    rows = sheets[name]
    times: list[float] = []
    temps: list[float] = []
    dates: list[str] = []
    i = 0
    while i < len(rows) and rows[i] and not is_blank(rows[i][0]):
        m = _CYCLE.match(as_text(rows[i][0]))
        if not m:
            break
        times.append(round(float(m.group("t").replace(",", ".")) * _UNIT[m.group("unit")], 6))
        temps.append(float(m.group("temp").replace(",", ".")))
        dates.append(m.group("date"))
        i += 1
    text = "\n".join(" ".join(as_text(c) for c in r) for r in rows)
    wl = None
    m = re.search(r"Measurement wavelength:\s*(\d{3,4})", text)
    if m:
        wl = float(m.group(1))
    mode = re.search(r"\b(Absorbance|Fluorescence|Luminescence)\b", text)
    kind = mode.group(1).lower() if mode else ("absorbance" if wl else "other")
    label = f"{mode.group(1) if mode else 'Kinetic'}{f' {wl:g} nm' if wl else ''}"
    b = ReadBuilder(label, kind, wl, metadata={"temperatures_c": temps, "cycle_dates": dates})
    n = len(times)
    for k, r in enumerate(rows[i:], start=i):
        if not r or not is_well(as_text(r[0])):
            continue
        j = 0
        while j < len(r):
            well_text = as_text(r[j])
            if not is_well(well_text):
                j += 1
                continue
            well = normalize_well(well_text)
            values = []
            j += 1
            while j < len(r) and not (isinstance(r[j], str) and is_well(r[j])):
                values.append(r[j])
                j += 1
            while values and is_blank(values[-1]):
                values.pop()
            if len(values) > n:
                raise ParseError(
                    f"Row {k + 1} of sheet {name!r}: well {well} has {len(values)} values but the sheet lists {n} "
                    "kinetic cycles.",
                    line=k + 1,
                )
            for t, raw in zip(times, values, strict=False):
                if not is_blank(raw):
                    b.add_raw(well, t, raw)
    if not b.points:
        raise ParseError(f"Sheet {name!r} lists {n} kinetic cycles but no well rows with values.")
    declared = None
    m = re.search(r"^\s*(?:Plate definition file|Plate Description|Plate type)\s*:?.*?(\d{2,4})", text, re.M)
    if m:
        try:
            declared = geometry_for(int(m.group(1)))
        except ValueError:
            declared = None
    wells = {w for (w, *_r) in b.points}
    max_r = max(parse_well(w)[0] for w in wells)
    max_c = max(parse_well(w)[1] for w in wells)
    warnings = []
    if declared and max_r < declared[0] and max_c < declared[1]:
        rows_, cols_ = declared
    else:
        rows_, cols_ = geometry_containing(max_r, max_c)
        warnings.append(
            f"The Magellan kinetic sheet does not declare its plate type; the plate is taken as the smallest "
            f"standard plate holding wells A1-{max(wells, key=parse_well)} ({rows_}x{cols_})."
        )
    if not mode:
        warnings.append(
            "The Magellan kinetic sheet does not name its read mode or wavelength; the read is kept as 'Kinetic' "
            "of kind other."
        )
    plate = ParsedPlate(
        name=name,
        barcode=None,
        rows=rows_,
        columns=cols_,
        reads=(b.build(),),
        software="Magellan",
        metadata=json_safe({"flag_texts": flag_texts_metadata([b]) or None, "sheet": name}),
    )
    return ParseResult("tecan_magellan", (plate,), tuple(warnings))
