"""Promega GloMax Navigator / Discover workbooks, read by our own code.

allotropy 0.1.150 has no GloMax parser (automatic detection ends in "Cannot set parse header row for
empty dataframe"). The export has a summary sheet (protocol, "Instrument:", serial number, software
version, "Plate Type: 96 well"), a "Results" sheet and a "Results By Well" sheet. In "Results", each
measurement step is a title row such as ``Luminescence, Kinetics`` followed by settings rows and a plate
matrix whose header row also carries ``Reading: <n>`` and the column numbers ``1 .. 12``; the row
letters sit in the column before the first value column. Several readings of one step make a kinetic
read; their times come from "Results By Well" (``t(sec)`` per well and reading).
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
    flag_texts_metadata,
    geometry_containing,
    geometry_for,
    is_blank,
    json_safe,
    load_workbook_rows,
    parse_number,
    row_index,
    row_letter,
)

_KINDS = (("lumin", "luminescence"), ("fluor", "fluorescence"), ("absorb", "absorbance"))


def looks_like_glomax(sheets: dict[str, list[list[Any]]]) -> bool:
    text = " ".join(as_text(v) for rows in list(sheets.values())[:2] for r in rows[:25] for v in r)
    return "GloMax" in text or ("Results By Well" in sheets and "Results" in sheets)


def _column_header(row: list[Any]) -> tuple[int, int] | None:
    """(first value column, n columns) when the row holds 1, 2, ..., N (N >= 3) somewhere."""
    texts = [as_text(v) for v in row]
    for k in range(len(texts)):
        if texts[k] != "1":
            continue
        n = 0
        while k + n < len(texts) and texts[k + n] == str(n + 1):
            n += 1
        if n >= 3:
            return k, n
    return None


def read_glomax(data: bytes) -> ParseResult:
    sheets = load_workbook_rows(data)
    if not looks_like_glomax(sheets):
        raise ParseError(
            "This is not a GloMax export: no 'GloMax' instrument line and no 'Results By Well' sheet."
        )
    summary: dict[str, Any] = {}
    for rows in list(sheets.values())[:1]:
        for r in rows:
            cells = [v for v in r if not is_blank(v)]
            if len(cells) >= 2 and isinstance(cells[0], str) and cells[0].strip().endswith(":"):
                summary.setdefault(cells[0].strip().rstrip(":"), cells[1])
    results = sheets.get("Results")
    if results is None:
        raise ParseError("The GloMax workbook has no 'Results' sheet.")

    # times per global reading number from "Results By Well"
    times_by_n: dict[int, float] = {}
    for r in sheets.get("Results By Well", []):
        vals = [v for v in r if not is_blank(v)]
        if len(vals) >= 4 and isinstance(vals[0], str) and isinstance(vals[1], int | float):
            n, t = int(vals[1]), vals[2]
            if isinstance(t, int | float):
                times_by_n[n] = min(times_by_n.get(n, float(t)), float(t))

    steps: list[dict] = []
    step: dict | None = None
    global_reading = 0
    max_r = max_c = -1
    i = 0
    while i < len(results):
        row = results[i]
        first = as_text(row[0]) if row else ""
        hdr = _column_header(row)
        if first and not hdr:
            kind = next((k for key, k in _KINDS if key in first.lower()), None)
            step = {"title": first, "kind": kind or "other", "settings": {}, "readings": []}
            steps.append(step)
            i += 1
            continue
        if hdr and step is not None:
            k0, ncols = hdr
            texts = [as_text(v) for v in row]
            reading = 1
            if "Reading:" in texts:
                j = texts.index("Reading:")
                nxt = next((v for v in row[j + 1 :] if not is_blank(v)), None)
                reading = int(nxt) if isinstance(nxt, int | float) else 1
            global_reading += 1
            cells: dict[str, Any] = {}
            j = i + 1
            while j < len(results) and len(results[j]) > k0 - 1 >= 0:
                try:
                    r = row_index(as_text(results[j][k0 - 1]))
                except ValueError:
                    break
                for c in range(ncols):
                    raw = results[j][k0 + c] if k0 + c < len(results[j]) else None
                    if not is_blank(raw):
                        cells[f"{row_letter(r)}{c + 1}"] = raw
                        max_r, max_c = max(max_r, r), max(max_c, c)
                j += 1
            step["readings"].append({"reading": reading, "global": global_reading, "cells": cells})
            i = j
            continue
        if step is not None and row:
            vals = [v for v in row if not is_blank(v)]
            if len(vals) >= 2 and isinstance(vals[0], str):
                step["settings"][vals[0].strip().rstrip(":")] = vals[1]
        i += 1

    measured = [s for s in steps if s["readings"]]
    if not measured:
        raise ParseError("No plate matrix was found on the GloMax 'Results' sheet.")
    per_kind: dict[str, int] = {}
    for s in measured:
        per_kind[s["kind"]] = per_kind.get(s["kind"], 0) + 1
    seen: dict[str, int] = {}
    builders: list[ReadBuilder] = []
    warnings: list[str] = []
    injections = [s["settings"] for s in steps if s["title"].lower().startswith("injection")]
    step_meta = {}
    for s in measured:
        kind = s["kind"]
        seen[kind] = seen.get(kind, 0) + 1
        base = {"luminescence": "Lum", "fluorescence": "Fluorescence", "absorbance": "Absorbance"}.get(
            kind, s["title"]
        )
        wl = parse_number(re.sub(r"[^\d.,]", "", as_text(s["settings"].get("Wavelength (nm)", "")))) or None
        if kind == "absorbance" and wl:
            base = f"{wl:g}nm"
        label = f"{base} {seen[kind]}" if per_kind[kind] > 1 else base
        b = ReadBuilder(label, kind, wl)
        kinetic = len(s["readings"]) > 1
        t0 = times_by_n.get(s["readings"][0]["global"])
        for rd in s["readings"]:
            t = None
            if kinetic:
                tg = times_by_n.get(rd["global"])
                if tg is not None and t0 is not None:
                    t = round(tg - t0, 3)
                else:
                    t = float(rd["reading"] - 1)
                    if not warnings:
                        warnings.append(
                            "Reading times were not found in 'Results By Well'; reading numbers used."
                        )
            for well, raw in rd["cells"].items():
                b.add_raw(well, t, raw)
        builders.append(b)
        step_meta[label] = {k: as_text(v) for k, v in s["settings"].items()}

    plate_type = as_text(summary.get("Plate Type"))
    m = re.search(r"(\d+)\s*well", plate_type, re.I)
    try:
        rows, cols = geometry_for(int(m.group(1))) if m else geometry_containing(max_r, max_c)
    except ValueError:
        rows, cols = geometry_containing(max_r, max_c)
    if max_r >= rows or max_c >= cols:
        rows, cols = geometry_containing(max_r, max_c)
    instrument = as_text(summary.get("Instrument")) or None
    version = as_text(summary.get("Software Ver")) or None
    software_name = (instrument or "GloMax").replace("\u00ae", "").strip()
    meta = {
        "protocol": _protocol(results),
        "instrument_name": summary.get("Instrument Name"),
        "serial_number": as_text(summary.get("Serial Number")) or None,
        "firmware": summary.get("Firmware Ver"),
        "executed_by": summary.get("Executed by"),
        "execution_date": summary.get("Execution Date"),
        "plate_type": plate_type or None,
        "steps": step_meta,
        "injections": injections or None,
        "flag_texts": flag_texts_metadata(builders) or None,
    }
    plate = ParsedPlate(
        name=None,
        barcode=None,
        rows=rows,
        columns=cols,
        reads=tuple(b.build() for b in builders if b.points),
        instrument=instrument,
        software=f"{software_name} {version}" if version else software_name,
        metadata=json_safe({k: v for k, v in meta.items() if v}),
    )
    return ParseResult("glomax", (plate,), tuple(warnings))


def _protocol(rows: list[list[Any]]) -> str | None:
    for r in rows[:6]:
        for v in r:
            t = as_text(v)
            if t.startswith("Protocol:"):
                return t.split(":", 1)[1].strip()
    return None
