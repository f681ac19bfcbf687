"""Thermo Multiskan Sky (SkanIt for Multiskan Sky 1.x) workbooks in long format, read by our own code.

allotropy 0.1.150's SkanIt parser expects plate matrices and stops on these files ("Unable to convert
DataFrame to series"). The workbook has a "General information" sheet (instrument name, serial,
software version, plate template, kinetic interval) and one "Raw data <nm> nm" sheet per wavelength
with a long table ``Well | Wavelength(s) [nm] | Raw absorbance | Measurement time(s)``; wells are written
``A 2``. The instrument reads wells one after another, so every well has its own times (A2 at 0 s,
B2 at 0.42 s, ...). Points get the *nominal* time of their reading (the earliest well's time for that
reading number), so all wells share one time axis; each well's offset is kept in
``metadata["well_time_offsets_s"]``.
"""

from __future__ import annotations

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
    is_blank,
    is_numeric,
    json_safe,
    load_workbook_rows,
    normalize_well,
    parse_number,
    parse_well,
)

_VALUE_HEADERS = (
    ("absorbance", "absorbance"),
    ("fluorescence", "fluorescence"),
    ("luminescence", "luminescence"),
)


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    for i, r in enumerate(rows[:30]):
        texts = [as_text(v).lower() for v in r]
        if "well" not in texts:
            continue
        cols = {"well": texts.index("well")}
        for j, t in enumerate(texts):
            if "wavelength" in t:
                cols.setdefault("wavelength", j)
            elif "time" in t:
                cols.setdefault("time", j)
            elif any(k in t for k, _ in _VALUE_HEADERS) or t in ("value", "od", "rlu", "rfu"):
                cols.setdefault("value", j)
                cols.setdefault("value_header", j)
        if "value" in cols:
            return i, cols
    return None


def looks_like_multiskan_long(sheets: dict[str, list[list[Any]]]) -> bool:
    return any(name.lower().startswith("raw data") and _find_header(rows) for name, rows in sheets.items())


def read_multiskan_long(data: bytes) -> ParseResult:
    sheets = load_workbook_rows(data)
    info: dict[str, Any] = {}
    for r in sheets.get("General information", []):
        vals = [v for v in r if not is_blank(v)]
        if len(vals) >= 2 and isinstance(vals[0], str):
            info.setdefault(vals[0].strip().rstrip(":"), vals[1])
    builders: list[ReadBuilder] = []
    offsets: dict[str, float] = {}
    warnings: list[str] = []
    result_sheets: list[str] = []
    max_r = max_c = -1
    for name, rows in sheets.items():
        if not name.lower().startswith("raw data"):
            if "result" in name.lower() and any(is_numeric(v) for r in rows for v in r):
                result_sheets.append(name)
            continue
        found = _find_header(rows)
        if not found:
            if any(is_numeric(v) for r in rows for v in r):
                warnings.append(
                    f"Sheet {name!r} was skipped: it has no 'Well' / 'Raw absorbance' header row, so its "
                    "values could not be placed in wells."
                )
            continue
        h, cols = found
        vheader = as_text(rows[h][cols["value"]]).lower()
        kind = next((k for key, k in _VALUE_HEADERS if key in vheader), "other")
        series: dict[tuple[float | None, str], list[tuple[float | None, Any, int]]] = {}
        for i in range(h + 1, len(rows)):
            r = rows[i]
            if not r or all(is_blank(v) for v in r):
                continue
            wtext = as_text(r[cols["well"]]) if cols["well"] < len(r) else ""
            try:
                well = normalize_well(wtext)
            except ValueError:
                raise ParseError(
                    f"Sheet {name!r}, cell {excel_cell(i, cols['well'])}: {wtext!r} is not a well name.",
                    line=i + 1,
                    cell=excel_cell(i, cols["well"]),
                ) from None
            wl = None
            if "wavelength" in cols and cols["wavelength"] < len(r):
                wl = parse_number(as_text(r[cols["wavelength"]]))
            t = None
            if "time" in cols and cols["time"] < len(r):
                t = parse_number(as_text(r[cols["time"]]))
            raw = r[cols["value"]] if cols["value"] < len(r) else None
            series.setdefault((wl, well), []).append((t, raw, i))
            rr, cc = parse_well(well)
            max_r, max_c = max(max_r, rr), max(max_c, cc)
        for wl in dict.fromkeys(k[0] for k in series):
            wells = {w: s for (w_wl, w), s in series.items() if w_wl == wl}
            kinetic = any(len(s) > 1 for s in wells.values())
            nominal: list[float] = []
            if kinetic:
                depth = max(len(s) for s in wells.values())
                for k in range(depth):
                    ts = [s[k][0] for s in wells.values() if k < len(s) and s[k][0] is not None]
                    nominal.append(min(ts) if ts else float(k))
            label = (
                f"{wl:g}nm"
                if wl and kind == "absorbance"
                else (f"{kind.title()} {wl:g}" if wl else kind.title())
            )
            b = ReadBuilder(label, kind, wl)
            for well, s in wells.items():
                diffs = []
                for k, (t, raw, i) in enumerate(s):
                    tn = round(nominal[k], 3) if kinetic else None
                    flag = b.add_raw(well, tn, raw)
                    if flag == "invalid":
                        warnings.append(
                            f"Sheet {name!r}, cell {excel_cell(i, cols['value'])} (well {well}): "
                            f"{as_text(raw)!r} is not a number; flagged invalid."
                        )
                    if kinetic and t is not None:
                        diffs.append(t - nominal[k])
                if diffs:
                    offsets[well] = round(sum(diffs) / len(diffs), 3)
            builders.append(b)
    if not builders or all(not b.points for b in builders):
        raise ParseError(
            "No 'Raw data' sheet with a Well / value table was found in this Multiskan workbook."
        )
    template = as_text(info.get("Plate template"))
    m = re.search(r"(\d+)\s*well", template, re.I)
    try:
        rows_, cols_ = geometry_for(int(m.group(1))) if m else geometry_containing(max_r, max_c)
    except ValueError:
        rows_, cols_ = geometry_containing(max_r, max_c)
    if max_r >= rows_ or max_c >= cols_:
        rows_, cols_ = geometry_containing(max_r, max_c)
    version = as_text(info.get("Version")) or None
    meta = {
        "execution_time": info.get("Execution time"),
        "serial_number": as_text(info.get("Serial number")) or None,
        "firmware": info.get("Firmware version"),
        "plate_template": template or None,
        "measurement_type": info.get("Measurement type"),
        "kinetic_interval": as_text(info.get("Kinetic interval")) or None,
        "kinetic_total_time": as_text(info.get("Kinetic total time")) or None,
        "set_temperature": info.get("Set temperature"),
        "well_time_offsets_s": offsets or None,
        "flag_texts": flag_texts_metadata(builders) or None,
    }

    def numbers(rows, skip_first_column=False) -> set[float]:
        return {
            round(float(parse_number(as_text(v))), 9)
            for r in rows
            for v in (r[1:] if skip_first_column else r)
            if is_numeric(v)
        }

    raw_cells = set().union(*(numbers(r) for n, r in sheets.items() if n.lower().startswith("raw data")))
    for name in result_sheets:
        # SkanIt's "... results" sheets repeat the raw values and times in a wide layout (reading number in
        # the first column); a sheet with other numbers is said to be left out
        if not numbers(sheets[name], skip_first_column=True) <= raw_cells:
            warnings.append(
                f"Sheet {name!r} was not read: it holds values that are not in the 'Raw data' sheets, and only "
                "those sheets are imported."
            )
    plate = ParsedPlate(
        name=None,
        barcode=None,
        rows=rows_,
        columns=cols_,
        reads=tuple(b.build() for b in builders if b.points),
        instrument=as_text(info.get("Name")) or "Multiskan Sky",
        software=f"SkanIt {version}" if version else "SkanIt",
        metadata=json_safe({k: v for k, v in meta.items() if v}),
    )
    return ParseResult("multiskan_long", (plate,), tuple(warnings))


# --------------------------------------------------------------------------------------------------
# SkanIt "... results" sheets with kinetic Reading tables (no "Raw data" sheet)
# --------------------------------------------------------------------------------------------------
#
# A SkanIt kinetic export may hold only its results sheet ("Absorbance results"): "Kinetic", then a table
# ``Reading | A2 | B2 | ...`` (one line per reading: the reading number, then each well's value), later a
# table ``Reading | Times [s] | Times [s] | ...`` with each well's measurement time per reading (same
# column order), and a ``Time base [s]`` line (each well's offset). Read like the Raw data sheets: the
# nominal time of a reading is its earliest well time; each well's offset goes to the plate metadata.


def _reading_tables(rows: list[list[Any]]) -> list[tuple[int, list[str], list[list[Any]]]]:
    """[(header row index, header cells, data rows)] of every ``Reading`` table in a sheet."""
    out = []
    i = 0
    while i < len(rows):
        r = rows[i]
        if r and as_text(r[0]).lower() == "reading" and len(r) > 1:
            head = [as_text(v) for v in r]
            data = []
            j = i + 1
            while j < len(rows) and rows[j] and is_numeric(rows[j][0]):
                data.append(rows[j])
                j += 1
            out.append((i, head, data))
            i = j
            continue
        i += 1
    return out


def skanit_results_sheets(sheets: dict[str, list[list[Any]]]) -> list[str]:
    """Results sheets holding a kinetic ``Reading | <wells>`` table."""
    out = []
    for name, rows in sheets.items():
        if "result" not in name.lower():
            continue
        tables = _reading_tables(rows[:2000])
        if any(len(h) > 1 and all(_is_well_text(c) for c in h[1:] if c) for _i, h, _d in tables):
            out.append(name)
    return out


def _is_well_text(text: str) -> bool:
    try:
        normalize_well(text)
    except ValueError:
        return False
    return True


def read_skanit_results(data: bytes) -> ParseResult:
    sheets = load_workbook_rows(data)
    names = skanit_results_sheets(sheets)
    if not names:
        raise ParseError("No SkanIt results sheet with a kinetic 'Reading' table was found in this workbook.")
    info: dict[str, Any] = {}
    for r in sheets.get("General information", []):
        vals = [v for v in r if not is_blank(v)]
        if len(vals) >= 2 and isinstance(vals[0], str):
            info.setdefault(vals[0].strip().rstrip(":"), vals[1])
    wl_text = as_text(info.get("Wavelength(s) [nm]"))
    wls = [float(w) for w in re.findall(r"\d{3,4}", wl_text)]
    builders: list[ReadBuilder] = []
    offsets: dict[str, float] = {}
    warnings: list[str] = []
    max_r = max_c = -1
    for name in names:
        rows = sheets[name]
        tables = _reading_tables(rows)
        values = [(i, h, d) for i, h, d in tables if all(_is_well_text(c) for c in h[1:] if c)]
        times = [(i, h, d) for i, h, d in tables if any("time" in c.lower() for c in h[1:])]
        kind = next((k for key, k in _VALUE_HEADERS if key in name.lower()), "other")
        for n, (i, head, data_rows) in enumerate(values):
            wells = [normalize_well(c) if c else None for c in head[1:]]
            tt = times[n] if n < len(times) and len(times[n][1]) == len(head) else None
            if tt is None:
                raise ParseError(
                    f"Sheet {name!r}, row {i + 1}: the kinetic Reading table has no 'Times [s]' table with the "
                    "same wells, so the readings have no time; export the 'Raw data' sheet as well.",
                    line=i + 1,
                )
            time_rows = {as_text(r[0]): r for r in tt[2]}
            wl = wls[n] if n < len(wls) else (wls[0] if len(wls) == 1 else None)
            label = (
                f"{wl:g}nm"
                if wl and kind == "absorbance"
                else (f"{kind.title()} {wl:g}" if wl else kind.title())
            )
            b = ReadBuilder(label, kind, wl)
            diffs: dict[str, list[float]] = {}
            for r in data_rows:
                tr = time_rows.get(as_text(r[0]))
                if tr is None:
                    raise ParseError(
                        f"Sheet {name!r}: reading {as_text(r[0])} has values but no line in the 'Times [s]' table.",
                    )
                ts = [parse_number(as_text(v)) if not is_blank(v) else None for v in tr[1 : len(wells) + 1]]
                known = [t for t in ts if t is not None]
                if not known:
                    continue
                nominal = round(min(known), 3)
                for col, well in enumerate(wells):
                    if well is None or col + 1 >= len(r) or is_blank(r[col + 1]):
                        continue
                    b.add_raw(well, nominal, r[col + 1])
                    if ts[col] is not None:
                        diffs.setdefault(well, []).append(ts[col] - nominal)
                    rr, cc = parse_well(well)
                    max_r, max_c = max(max_r, rr), max(max_c, cc)
            offsets.update({w: round(sum(v) / len(v), 3) for w, v in diffs.items()})
            if b.points:
                builders.append(b)
    if not builders:
        raise ParseError("The SkanIt results sheet lists readings but no well values.")
    template = as_text(info.get("Plate template"))
    m = re.search(r"(\d+)\s*well", template, re.I)
    try:
        rows_, cols_ = geometry_for(int(m.group(1))) if m else geometry_containing(max_r, max_c)
    except ValueError:
        rows_, cols_ = geometry_containing(max_r, max_c)
    if max_r >= rows_ or max_c >= cols_:
        rows_, cols_ = geometry_containing(max_r, max_c)
    if not m:
        warnings.append(
            "The workbook has no 'Plate template' in its General information; the plate is the smallest standard "
            f"plate holding the wells read ({rows_}x{cols_})."
        )
    version = as_text(info.get("Version")) or None
    meta = {
        "execution_time": info.get("Execution time"),
        "serial_number": as_text(info.get("Serial number")) or None,
        "plate_template": template or None,
        "measurement_type": info.get("Measurement type"),
        "kinetic_interval": as_text(info.get("Kinetic interval")) or None,
        "kinetic_total_time": as_text(info.get("Kinetic total time")) or None,
        "set_temperature": info.get("Set temperature"),
        "well_time_offsets_s": offsets or None,
        "flag_texts": flag_texts_metadata(builders) or None,
        "sheets": names,
    }
    plate = ParsedPlate(
        name=None,
        barcode=None,
        rows=rows_,
        columns=cols_,
        reads=tuple(b.build() for b in builders),
        instrument=as_text(info.get("Name")) or None,
        software=f"SkanIt {version}" if version else "SkanIt",
        metadata=json_safe({k: v for k, v in meta.items() if v}),
    )
    return ParseResult("skanit_results", (plate,), tuple(warnings))
