"""Text exports of instruments allotropy does not convert, read by the portal's own code.

* Revvity/PerkinElmer **VICTOR Nivo** CSV (``WELL RESULTS`` first): a ``PLATE FORMAT,96 wells (8X12)``
  declaration, one table per measurement operation (``3 OPERATION,ABS (F) - Kinetics``) with a row
  ``Well,Time(s),t1,t2,...`` (kinetic) or ``Well,<result>`` (endpoint) and one line per well; the
  ``PLATE MAP`` grid at the end (``X`` per used well) is a layout, never data.
* **Meso Scale Discovery** Methodical Mind (MMPR) text exports: ``Key : value`` header (``Type : 96``,
  ``Wells Per Row``, ``Wells Per Col``), then ``==========Data====`` and a tab-separated,
  space-padded matrix of electrochemiluminescence counts; a file can hold several plates (each with
  its header); ``Processing``/``Statistics``/``Camera Status`` sections are instrument diagnostics.
* **Tecan SparkControl** CSV (``Application: SparkControl``): per read a ``Mode``/``Name`` block with its
  settings (wavelengths, bandwidths, gain, flashes, temperature, start time) and a list
  ``<>,Value,Time [ms]`` of wells (``Time [ms]`` is the read time of each well within the read, kept in the
  read metadata, not a kinetic axis); ``OVER`` marks saturation.
* **Thermo SkanIt** ``Measurement results`` CSV: per plate a ``Wavelength: 570 nm`` line, the plate name
  (``M12``) and an ``Abs`` (or ``Fluor``/``Lum``) matrix, followed by a ``Sample`` layout matrix.

Geometry always comes from what the file declares (plate format, well counts), not from the wells read.
"""

from __future__ import annotations

import re

from .base import (
    ParsedPlate,
    ParseError,
    ParseResult,
    ReadBuilder,
    decode_text,
    flag_texts_metadata,
    geometry_containing,
    geometry_for,
    geometry_for_columns,
    is_blank,
    is_well,
    json_safe,
    normalize_well,
    parse_number,
    parse_well,
    row_index,
    split_lines,
)


def _csv_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    import csv
    import io

    return [row for row in csv.reader(io.StringIO(decode_text(data)), delimiter=delimiter)]


def _fit(rows: int, cols: int, builders: list[ReadBuilder]) -> tuple[int, int]:
    """The declared geometry, unless a well lies outside it (then the smallest standard plate holding all)."""
    max_r = max((parse_well(w)[0] for b in builders for (w, *_r) in b.points), default=0)
    max_c = max((parse_well(w)[1] for b in builders for (w, *_r) in b.points), default=0)
    if max_r < rows and max_c < cols:
        return rows, cols
    return geometry_containing(max_r, max_c)


# --------------------------------------------------------------------------------------------------
# VICTOR Nivo
# --------------------------------------------------------------------------------------------------


def looks_like_victor_nivo(text: str) -> bool:
    head = text.lstrip("\ufeff")[:4000]
    return head.startswith("WELL RESULTS") and bool(re.search(r"^\d+ OPERATION,", head, re.M))


def _nivo_kind(operation: str) -> str:
    low = operation.lower()
    if low.startswith("abs"):
        return "absorbance"
    if low.startswith(("fi", "fl", "tr", "fp", "alpha", "htrf")):
        return "fluorescence"
    if low.startswith("lum"):
        return "luminescence"
    return "other"


def read_victor_nivo(data: bytes) -> ParseResult:
    rows = _csv_rows(data)
    geo = None
    op_number = ""
    settings: dict[str, dict[str, str]] = {}  # operation number -> its PARAMETERS lines
    current_op = None
    in_parameters = False
    for r in rows:
        if not r:
            continue
        key = r[0].strip()
        if key == "PARAMETERS":
            in_parameters = True
        if key == "PLATE FORMAT" and len(r) > 1:
            g = re.search(r"(\d+)\s*wells", r[1])
            if g:
                geo = geometry_for(int(g.group(1)))
        op = re.match(r"(\d+) OPERATION$", key)
        if op and in_parameters:
            current_op = op.group(1)
            settings[current_op] = {"OPERATION": r[1].strip() if len(r) > 1 else ""}
            continue
        if in_parameters and current_op and len(r) > 1 and key.isupper() and key != "PLATE MAP":
            settings[current_op][key] = r[1].strip()
    builders: list[ReadBuilder] = []
    i = 0
    operation = None
    temperature = None
    while i < len(rows):
        r = rows[i]
        key = r[0].strip() if r else ""
        if key == "PARAMETERS":
            break
        op = re.match(r"\d+ OPERATION$", key)
        if op:
            operation = r[1].strip() if len(r) > 1 else "Read"
            op_number = key.split()[0]
        if key.startswith("TEMPERATURE") and len(r) > 1:
            temperature = parse_number(r[1])
        if key == "Well" and operation:
            header = [c.strip() for c in r]
            kinetic = len(header) > 2 and header[1].lower().startswith("time")
            kind = _nivo_kind(operation)
            op_settings = settings.get(op_number, {})
            wl = None
            m = re.search(r"(\d{3,4})(?:/(\d+))?\s*nm", op_settings.get("EXCITATION FILTER", ""))
            meta = {"settings": op_settings}
            if temperature is not None:
                meta["temperature_c"] = temperature
            if m and kind == "absorbance":
                wl = float(m.group(1))
                if m.group(2):
                    meta["bandwidth_nm"] = float(m.group(2))
            em = re.search(r"(\d{3,4})(?:/\d+)?\s*nm", op_settings.get("EMISSION FILTER", ""))
            if em and kind == "fluorescence":
                wl = float(em.group(1))
                if m:
                    meta["excitation_nm"] = float(m.group(1))
            b = ReadBuilder(operation, kind, wl, metadata=meta)
            times = [parse_number(c) for c in header[2:]] if kinetic else []
            j = i + 1
            while j < len(rows) and rows[j] and is_well(rows[j][0].strip()):
                cells = rows[j]
                well = normalize_well(cells[0].strip())
                if kinetic:
                    for t, raw in zip(times, cells[2:], strict=False):
                        if t is None or is_blank(raw):
                            continue
                        b.add_raw(well, t, raw)
                else:
                    raw = next((c for c in cells[1:] if not is_blank(c)), "")
                    b.add_raw(well, None, raw)
                j += 1
            if b.points:
                builders.append(b)
            i = j
            continue
        i += 1
    if not builders:
        raise ParseError(
            "No measured values were found in this VICTOR Nivo export (no 'Well' result table after an "
            "OPERATION line); the PLATE MAP grid is a layout, not data."
        )
    rows_n, cols_n = _fit(*(geo or geometry_containing(0, 0)), builders) if geo else _fit(0, 0, builders)
    meta = {}
    for r in rows[:12]:
        if r and r[0].strip() in ("PROTOCOL NAME", "MEASUREMENT START DATE") and len(r) > 1:
            meta[r[0].strip().lower().replace(" ", "_")] = r[1].strip()
    serial = next((r[1].strip() for r in rows if r and r[0].strip() == "Instrument serial number"), None)
    if serial:
        meta["serial_number"] = serial
    meta["flag_texts"] = flag_texts_metadata(builders) or None
    plate = ParsedPlate(
        name=meta.get("protocol_name"),
        barcode=None,
        rows=rows_n,
        columns=cols_n,
        reads=tuple(b.build() for b in builders),
        instrument="VICTOR Nivo",
        software="VICTOR Nivo control software",
        metadata=json_safe({k: v for k, v in meta.items() if v}),
    )
    return ParseResult("victor_nivo", (plate,), ())


# --------------------------------------------------------------------------------------------------
# Meso Scale Discovery Methodical Mind
# --------------------------------------------------------------------------------------------------


def looks_like_msd(text: str) -> bool:
    head = text.lstrip("\ufeff")[:3000]
    return bool(re.search(r"^Version\s*:\s*MMPR", head, re.M)) or (
        bool(re.search(r"^Spots Per Well\s*:", head, re.M)) and "==========Data" in text
    )


def read_msd(data: bytes) -> ParseResult:
    lines = split_lines(decode_text(data))
    plates: list[ParsedPlate] = []
    header: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^([A-Za-z#. ]+?)\s*:\s*(.*)$", line)
        if m and not line.startswith("=") and "\t" not in m.group(1):
            key = m.group(1).strip()
            if key == "FileName" and header.get("Data"):
                header = {}
            header[key] = m.group(2).split("\t")[-1].strip() if key != "Read Time" else m.group(2).strip()
            i += 1
            continue
        if line.startswith("==========Data"):
            header["Data"] = "1"
            i, plate = _msd_plate(lines, i + 1, header, len(plates) + 1)
            plates.append(plate)
            continue
        i += 1
    if not plates:
        raise ParseError("No '==========Data' section was found in this Methodical Mind export.")
    return ParseResult("msd", tuple(plates), ())


def _msd_plate(lines: list[str], i: int, header: dict, number: int) -> tuple[int, ParsedPlate]:
    cols_decl = parse_number(header.get("Wells Per Row", "") or "")
    rows_decl = parse_number(header.get("Wells Per Col", "") or "")
    if cols_decl and rows_decl:
        geo = (int(rows_decl), int(cols_decl))
    else:
        try:
            geo = geometry_for(int(parse_number(header.get("Type", "")) or 0))
        except ValueError:
            geo = None
    b = ReadBuilder("Data", "luminescence", None, metadata={"technology": "electrochemiluminescence"})
    ncols = 0
    while i < len(lines):
        cells = [c.strip() for c in lines[i].split("\t")]
        if lines[i].startswith("=========="):
            break
        if not any(cells):
            if ncols and b.points:
                break
            i += 1
            continue
        if not cells[0] and all(c.isdigit() for c in cells[1:] if c):
            ncols = len([c for c in cells[1:] if c])
        elif ncols and re.fullmatch(r"[A-Za-z]{1,2}", cells[0]):
            r = row_index(cells[0])
            for c, raw in enumerate(cells[1 : ncols + 1]):
                if not is_blank(raw):
                    b.add_raw(f"{cells[0].upper()}{c + 1}", None, raw)
            del r
        i += 1
    if not b.points:
        raise ParseError(f"Plate {number} of this Methodical Mind export has an empty Data section.", line=i)
    rows_n, cols_n = _fit(*(geo or (0, 0)), [b]) if geo else _fit(0, 0, [b])
    if geo is None and ncols:
        rows_n, cols_n = geometry_for_columns(ncols) or (rows_n, cols_n)
    meta = {
        k: header.get(k)
        for k in ("Barcode1", "Read Time", "Version", "Serial #", "Model", "Det Param", "Spots Per Well")
        if header.get(k) not in (None, "", "<>")
    }
    barcode = (header.get("Barcode1") or "").strip("<>*") or None
    plate = ParsedPlate(
        name=barcode or f"Plate {header.get('Plate #', number)}",
        barcode=barcode,
        rows=rows_n,
        columns=cols_n,
        reads=(b.build(),),
        instrument=f"MSD {header['Model']}" if header.get("Model") else "MSD",
        software=header.get("Version") or "Methodical Mind",
        metadata=json_safe(meta),
    )
    return i, plate


# --------------------------------------------------------------------------------------------------
# Tecan SparkControl CSV
# --------------------------------------------------------------------------------------------------


def looks_like_spark_csv(text: str) -> bool:
    """SparkControl CSV, or an i-control CSV export (same settings blocks and kinetic tables)."""
    head = text.lstrip("\ufeff")[:2000]
    return bool(re.search(r"^Application:\s*,*\s*(SparkControl|Tecan i-control)", head, re.M))


def _plate_decl(value: str) -> tuple[int, int] | None:
    m = re.search(r"(\d{2,4})", value or "")
    if m:
        try:
            return geometry_for(int(m.group(1)))
        except ValueError:
            return None
    return None


def read_tecan_spark_csv(data: bytes) -> ParseResult:
    rows = _csv_rows(data)

    def val(r: list[str]) -> str:
        return next((c.strip() for c in r[1:] if c.strip()), "")

    geo = None
    area = None
    builders: list[ReadBuilder] = []
    settings: dict[str, str] = {}
    declared: dict[str, tuple[str, dict[str, str]]] = {}  # read name -> (mode, settings), for kinetic tables
    warnings: list[str] = []
    kinetic_settings: dict[str, str] = {}
    mode = None
    name = None
    i = 0
    while i < len(rows):
        r = rows[i]
        key = r[0].strip() if r else ""
        if key == "Plate" and val(r) and geo is None:
            geo = _plate_decl(val(r))
        if key == "Plate area":
            area = val(r)
        if key == "Cycle Nr." and len(r) > 1:
            j, b = _kinetic_table(rows, i, declared, kinetic_settings)
            if b is not None and b.points:
                builders.append(b)
                if b.label not in declared:
                    warnings.append(
                        f"The kinetic table {b.label!r} (line {i + 1}) has no Mode/Name settings block in the file, so "
                        "what it measures (absorbance, fluorescence ...) and its wavelength are not known; it is kept as "
                        "a read of kind other."
                    )
            mode = None
            i = j
            continue
        if key == "Mode":
            mode, name, settings = val(r), None, {}
            if mode.lower() == "kinetic":
                settings = kinetic_settings
        elif key == "Name" and mode:
            name = val(r)
            declared[name] = (mode, settings)
        elif mode and key and len(r) > 1 and key not in ("<>",) and val(r):
            value = val(r)
            unit = next((c.strip() for c in r[5:] if c.strip()), "") if len(r) > 5 else ""
            settings[key] = f"{value} {unit}".strip()
        if key == "<>" and len(r) > 1 and r[1].strip() == "Value" and mode:
            b = _spark_builder(mode, name or mode, settings)
            read_times: dict[str, float] = {}
            j = i + 1
            while j < len(rows):
                cells = rows[j]
                first = cells[0].strip() if cells else ""
                if not first:
                    if b.points:
                        break
                    j += 1
                    continue
                if not is_well(first):
                    break
                well = normalize_well(first)
                b.add_raw(well, None, cells[1] if len(cells) > 1 else "")
                t = parse_number(cells[2]) if len(cells) > 2 else None
                if t is not None:
                    read_times[well] = t / 1000.0
                j += 1
            if read_times:
                b.metadata["read_times_s"] = read_times
            if b.points:
                builders.append(b)
            mode = None
            i = j
            continue
        i += 1
    if not builders:
        raise ParseError(
            "No '<>,Value' well list and no kinetic 'Cycle Nr.' table was found in this Tecan export."
        )
    if geo is None and area:
        m = re.match(r"A1-([A-Z]+)(\d+)", area)
        if m:
            geo = geometry_containing(row_index(m.group(1)), int(m.group(2)) - 1)
    rows_n, cols_n = _fit(*geo, builders) if geo else _fit(0, 0, builders)
    meta = {"plate_area": area}
    for r in rows[:15]:
        if r and r[0].strip().rstrip(":") in ("Date", "Time", "Method name", "Device", "Plate"):
            meta[r[0].strip().rstrip(":").lower().replace(" ", "_")] = next(
                (c.strip() for c in r[1:] if c.strip()), None
            )
    meta["flag_texts"] = flag_texts_metadata(builders) or None
    if kinetic_settings:
        meta["kinetic"] = {k: v for k, v in kinetic_settings.items() if v}
    device = next((c for r in rows[:5] for c in r if c.startswith("Device:")), "Device: Spark")
    version = next(
        (r[4].strip() for r in rows[:5] if r and r[0].startswith("Application") and len(r) > 4), ""
    )
    application = next((c for r in rows[:5] for c in r if c.startswith("Application:")), "")
    software = "i-control" if "i-control" in application else "SparkControl"
    plate = ParsedPlate(
        name=None,
        barcode=None,
        rows=rows_n,
        columns=cols_n,
        reads=tuple(b.build() for b in builders),
        instrument=device.split(":", 1)[1].strip() or "Spark",
        software=f"{software} {version}".strip(),
        metadata=json_safe({k: v for k, v in meta.items() if v}),
    )
    return ParseResult("tecan_spark_csv", (plate,), tuple(warnings))


def _kinetic_table(
    rows: list[list[str]], i: int, declared: dict[str, tuple[str, dict[str, str]]], kinetic: dict[str, str]
) -> tuple[int, ReadBuilder | None]:
    """One kinetic table starting at the ``Cycle Nr.`` row ``i``: SparkControl writes one line per well
    (``Cycle Nr.,1,2,...`` / ``Time [s],...`` / ``Temp. [°C],...`` / ``A1,...``), i-control one line per cycle
    (``Cycle Nr.,Time [s],Temp. [°C],A1,A2,...``). The title line above names the read (``OD600`` or
    ``OD600:600``); its settings come from the read's Mode/Name block."""
    title = next(
        (rows[k][0].strip() for k in range(i - 1, max(-1, i - 4), -1) if rows[k] and rows[k][0].strip()), ""
    )
    name = title.split(":")[0].strip() or "Kinetic"
    mode, settings = declared.get(name, ("", {}))
    b = _spark_builder(mode or "Read", name, settings)
    head = [c.strip() for c in rows[i]]
    temps: list[float] = []
    if len(head) > 1 and head[1] == "Time [s]":  # i-control: cycles as rows
        temp_col = 2 if len(head) > 2 and head[2].startswith("Temp") else None
        wells = [
            (j, normalize_well(c)) for j, c in enumerate(head) if j > (temp_col or 1) and c and is_well(c)
        ]
        j = i + 1
        while j < len(rows) and rows[j] and parse_number(rows[j][0]) is not None:
            cells = rows[j]
            t = parse_number(cells[1]) if len(cells) > 1 else None
            if t is None:
                raise ParseError(
                    f"Line {j + 1}: cycle {cells[0].strip()} of {title!r} has no time.", line=j + 1
                )
            if temp_col is not None and len(cells) > temp_col and parse_number(cells[temp_col]) is not None:
                temps.append(parse_number(cells[temp_col]))
            for col, well in wells:
                if col < len(cells) and cells[col].strip():
                    b.add_raw(well, round(t, 3), cells[col])
            j += 1
    else:  # SparkControl: wells as rows
        cycles = [c for c in head[1:] if c]
        times: list[float | None] = []
        j = i + 1
        while j < len(rows) and rows[j] and rows[j][0].strip() and not is_well(rows[j][0].strip()):
            label = rows[j][0].strip()
            if label.startswith("Time"):
                times = [parse_number(c) for c in rows[j][1 : len(cycles) + 1]]
            elif label.startswith("Temp"):
                temps = [v for v in (parse_number(c) for c in rows[j][1 : len(cycles) + 1]) if v is not None]
            j += 1
        if not times or any(t is None for t in times):
            raise ParseError(
                f"Line {i + 1}: the kinetic table {title!r} has no 'Time [s]' line for its {len(cycles)} cycles.",
                line=i + 1,
            )
        while j < len(rows) and rows[j] and rows[j][0].strip() and is_well(rows[j][0].strip()):
            cells = rows[j]
            well = normalize_well(cells[0])
            values = cells[1 : len(cycles) + 1]
            extra = [c for c in cells[len(cycles) + 1 :] if c.strip()]
            if extra:
                raise ParseError(
                    f"Line {j + 1}: well {well} of {title!r} has more values than the table has cycles "
                    f"({len(cycles)}).",
                    line=j + 1,
                )
            for t, raw in zip(times, values, strict=False):
                if raw.strip():
                    b.add_raw(well, round(t, 3), raw)
            j += 1
    if temps:
        b.metadata["temperatures_c"] = temps
    for key, meta_key in (
        ("Interval time", "interval"),
        ("Kinetic duration", "duration"),
        ("Number of cycles", "cycles"),
    ):
        if kinetic.get(key):
            b.metadata[f"kinetic_{meta_key}"] = kinetic[key]
    return j, b


def _spark_builder(mode: str, name: str, settings: dict[str, str]) -> ReadBuilder:
    low = mode.lower()
    kind = (
        "absorbance"
        if "absorbance" in low
        else "fluorescence"
        if "fluorescence" in low
        else "luminescence"
        if "luminescence" in low
        else "other"
    )

    def nm(key: str) -> float | None:
        return parse_number(settings.get(key, "").split(" ")[0]) if settings.get(key) else None

    meta: dict = {"settings": dict(settings), "mode": mode}
    if kind == "absorbance":
        wl = nm("Measurement wavelength")
        if nm("Measurement bandwidth"):
            meta["bandwidth_nm"] = nm("Measurement bandwidth")
    elif kind == "fluorescence":
        wl = nm("Emission wavelength")
        meta.update(
            excitation_nm=nm("Excitation wavelength"),
            bandwidth_nm=nm("Emission bandwidth"),
            excitation_bandwidth_nm=nm("Excitation bandwidth"),
        )
    else:
        wl = None
    gain = nm("Gain")
    if gain is not None:
        meta["gain"] = gain
    temp = settings.get("Temperature")
    if temp:
        meta["temperature_c"] = parse_number(temp.split(" ")[0])
    if settings.get("Start Time"):
        meta["start_time"] = settings["Start Time"]
    return ReadBuilder(name, kind, wl, metadata={k: v for k, v in meta.items() if v is not None})


# --------------------------------------------------------------------------------------------------
# Thermo SkanIt CSV
# --------------------------------------------------------------------------------------------------


def looks_like_skanit_csv(text: str) -> bool:
    head = text.lstrip("\ufeff")[:3000]
    return head.startswith("Measurement results") and bool(re.search(r"^Wavelength: [\d.]+ nm", head, re.M))


def read_skanit_csv(data: bytes) -> ParseResult:
    rows = _csv_rows(data)
    step = None
    wl = None
    name = None
    plates: list[ParsedPlate] = []
    i = 0
    kinds = {"abs": "absorbance", "fluor": "fluorescence", "fl": "fluorescence", "lum": "luminescence"}
    while i < len(rows):
        r = [c.strip() for c in rows[i]]
        first = r[0] if r else ""
        rest = [c for c in r[1:] if c]
        if re.match(r"(Absorbance|Fluorescence|Luminescence|Photometric)\b", first) and not rest:
            step = first
        m = re.match(r"Wavelength:\s*([\d.]+)\s*nm", first)
        if m:
            wl = float(m.group(1))
            name = None
        elif first and not rest and re.fullmatch(r"[A-Za-z]*\d+", first) and not is_well(first):
            name = first
        elif first and not rest and name is None and wl is not None and first not in (step or ""):
            name = first
        if first.lower() in kinds and r[1:4] == ["1", "2", "3"]:
            ncols = len([c for c in r[1:] if c])
            kind = kinds[first.lower()]
            label = f"{step or first} ({name})" if name else (step or first)
            b = ReadBuilder(label, kind, wl if kind != "luminescence" else None)
            j = i + 1
            nrows = 0
            while j < len(rows) and rows[j] and re.fullmatch(r"[A-Z]{1,2}", rows[j][0].strip()):
                letter = rows[j][0].strip()
                for c, raw in enumerate(rows[j][1 : ncols + 1]):
                    if not is_blank(raw):
                        b.add_raw(f"{letter}{c + 1}", None, raw)
                nrows += 1
                j += 1
            geo = geometry_for_columns(ncols) or geometry_containing(nrows - 1, ncols - 1)
            if b.points:
                plates.append(
                    ParsedPlate(
                        name=name,
                        barcode=None,
                        rows=geo[0],
                        columns=geo[1],
                        reads=(b.build(),),
                        instrument=None,
                        software="SkanIt",
                        metadata=json_safe({"step": step, "session": rows[1][0] if len(rows) > 1 else None}),
                    )
                )
            i = j
            continue
        i += 1
    if not plates:
        raise ParseError(
            "No measurement matrix (a header 'Abs,1,2,...') was found in this SkanIt CSV export."
        )
    return ParseResult("skanit_csv", tuple(plates), ())


__all__ = [
    "looks_like_msd",
    "looks_like_skanit_csv",
    "looks_like_spark_csv",
    "looks_like_victor_nivo",
    "read_msd",
    "read_skanit_csv",
    "read_tecan_spark_csv",
    "read_victor_nivo",
]
