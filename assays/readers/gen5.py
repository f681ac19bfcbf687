"""BioTek/Agilent Gen5 text exports, read by our own code.

Why own code besides allotropy's AGILENT_GEN5 parser:

* allotropy 0.1.150 refuses Gen5 kinetic data exported in *column orientation* (a ``Time`` column,
  a ``T° <read>`` column, then one column per well, e.g. the Synergy Neo luminescence file): it stops
  with "Invalid time string: '0:00.000'". Format key ``gen5_kinetic_columns`` uses this module.
* When allotropy fails on an ordinary Gen5 file (for example a truncated export), ``gen5`` falls back
  to this module so that a coherent partial plate is still returned, with a warning.
* It is also used to check allotropy's result for truncation: allotropy silently converts what it can.

Layout of a Gen5 export: ``key<TAB>value`` header lines (Software Version, Plate Number, Date, Time,
Reader Type:, Reader Serial Number:, Plate Type), a Procedure Details section, optional "Layout" block,
then data blocks. A block is a title line, a header line ``<TAB>1<TAB>2...`` and rows ``A<TAB>v...``;
in "Results" blocks every row carries its read label in the last cell and continuation rows (first cell
empty) hold further reads of the same plate row (e.g. ``Alpha`` then ``[Concentration]``). Kinetic
column blocks: title line (``Lum``), header ``Time<TAB>T° Lum<TAB>A1<TAB>A2...``, one row per time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    normalize_well,
    parse_cell,
    parse_well,
    row_index,
    split_lines,
    split_rows,
)

LAYOUT_LABELS = {"well id", "conc/dil", "sample id", "dil/conc"}
CALC_PREFIXES = (
    "blank ",
    "conc",
    "[",
    "integral",
    "ratio",
    "delta",
    "mean",
    "max v",
    "min v",
    "vmax",
    "std",
    "cv",
    "corrected",
    "calc",
    "pathlength",
    "sum",
    "slope",
    "onset",
    "t at",
    "lag",
    "r-squared",
    "difference",
    "count",
    "normalized",
    "norm",
    "parallel intensity",
    "perpendicular intensity",
    "polarization",
    "anisotropy",
    "mp ",
    "log",
    "average",
    "area",
    "max",
    "min",
)

HEADER_KEYS = {
    "software version": "software_version",
    "experiment file path:": "experiment_file",
    "protocol file path:": "protocol_file",
    "plate number": "plate_number",
    "date": "date",
    "time": "time",
    "reader type:": "reader_type",
    "reader serial number:": "reader_serial",
    "reading type": "reading_type",
    "plate type": "plate_type",
    "barcode": "barcode",
    "plate id": "barcode",
}


def looks_like_gen5(text: str) -> bool:
    head = text[:6000]
    return bool(re.search(r"^\s*Software Version\t", head, re.M)) and bool(
        re.search(r"^(Plate Number|Reader Type:|Procedure Details|Reading Type)\b", head, re.M)
    )


def has_kinetic_columns(text: str) -> bool:
    return bool(re.search(r"^Time\t[^\n]*\tA0?1\t", text, re.M))


def parse_gen5_time(text: str) -> float | None:
    """'0:00.210' (m:ss.fff), '1:02:03' (h:mm:ss), '12.5' (s) -> seconds."""
    t = text.strip()
    if not t:
        return None
    parts = t.split(":")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        return None
    if len(nums) == 1:
        return nums[0]
    if len(nums) == 2:
        return nums[0] * 60 + nums[1]
    if len(nums) == 3:
        return nums[0] * 3600 + nums[1] * 60 + nums[2]
    return None


def _wavelength_from_label(label: str) -> tuple[float | None, float | None]:
    """(excitation, emission) or (None, absorbance wavelength) from a Gen5 read label."""
    m = re.search(r"(\d{3,4})(?:/\d+)?\s*,\s*(\d{3,4})(?:/\d+)?", label)
    if m:
        return float(m.group(1)), float(m.group(2))
    m = re.search(r"(?:^|[:\s])(\d{3,4})(?:\s*nm)?\s*$", label)
    if m:
        return None, float(m.group(1))
    return None, None


def _mode_of(procedure: str) -> str | None:
    low = procedure.lower()
    modes = []
    if "absorbance" in low:
        modes.append("absorbance")
    if "fluorescence" in low or "alpha" in low or "time resolved" in low:
        modes.append("fluorescence")
    if "luminescence" in low:
        modes.append("luminescence")
    return modes[0] if len(modes) == 1 else None


def classify_label(label: str, procedure: str) -> tuple[str, float | None, bool]:
    """(kind, wavelength_nm, is_calculated) for a Gen5 read label."""
    low = label.lower().strip()
    ex, wl = _wavelength_from_label(label)
    channel = re.search(r"\[(parallel|perpendicular)\]\s*$", low)  # a polarization read's raw channel
    calculated = not channel and (low.startswith(CALC_PREFIXES) or "[" in low)
    if calculated:
        return "other", None, True
    if low.startswith("lum"):
        return "luminescence", None, False
    if low.startswith("alpha"):
        return "fluorescence", None, False
    if ex is not None:
        return "fluorescence", wl, False
    mode = _mode_of(procedure)
    if mode:
        return mode, wl, False
    if wl is not None:
        return "absorbance", wl, False
    return "other", None, False


@dataclass
class _Gen5Parse:
    header: dict = field(default_factory=dict)
    procedure: str = ""
    reads: dict[str, ReadBuilder] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    max_row: int = -1
    max_col: int = -1
    header_columns: int = 0
    layout: dict = field(default_factory=dict)


def _builder(p: _Gen5Parse, label: str) -> ReadBuilder:
    if label not in p.reads:
        kind, wl, calc = classify_label(label, p.procedure)
        p.reads[label] = ReadBuilder(label, kind, wl, calculated=calc)
        ex = _wavelength_from_label(label)[0]
        if ex is not None and not calc:
            p.reads[label].metadata["excitation_nm"] = ex
        p.order.append(label)
    return p.reads[label]


def _is_matrix_header(cells: list[str]) -> int:
    """Number of columns when ``cells`` is ['', '1', '2', ..., 'N'] (N >= 1), else 0."""
    if len(cells) < 2 or cells[0].strip():
        return 0
    nums = []
    for c in cells[1:]:
        c = c.strip()
        if not c:
            break
        if not c.isdigit():
            return 0
        nums.append(int(c))
    if not nums or nums != list(range(1, len(nums) + 1)):
        return 0
    return len(nums)


def parse_gen5(data: bytes, *, strict: bool = True) -> ParseResult:
    text = decode_text(data)
    if not looks_like_gen5(text):
        raise ParseError(
            "This is not a Gen5 text export: no 'Software Version' / 'Plate Number' header was found.",
            line=1,
        )
    lines = split_lines(text)
    rows = split_rows(lines, "\t")
    p = _Gen5Parse()
    sections = [p]  # one per "Plate Number" section (Gen5 can export several plates in one file)
    n = len(rows)
    i = 0
    in_procedure = False
    proc_lines: list[str] = []
    last_title = ""
    while i < n:
        cells = rows[i]
        stripped = [c.strip() for c in cells]
        first = stripped[0] if stripped else ""
        if not any(stripped):
            if in_procedure and proc_lines:
                in_procedure = False
            i += 1
            continue
        ncols = _is_matrix_header(cells)
        if ncols:
            in_procedure = False
            i = _parse_matrix_block(p, rows, i, ncols, last_title, strict)
            continue
        if first.lower() == "time" and len(stripped) > 2 and any(_safe_is_well(c) for c in stripped[1:]):
            in_procedure = False
            i = _parse_kinetic_columns(p, rows, i, last_title, strict)
            continue
        if (
            first.lower() == "wavelength"
            and len(stripped) > 1
            and any(_safe_is_well(c) for c in stripped[1:])
        ):
            in_procedure = False
            i = _parse_spectrum_columns(p, rows, i, last_title)
            continue
        key = first.lower()
        if key == "plate number" and len(stripped) > 1 and ("plate_number" in p.header or p.reads):
            shared = {
                k: v
                for k, v in p.header.items()
                if k in ("software_version", "experiment_file", "protocol_file")
            }
            p = _Gen5Parse(header=dict(shared))
            sections.append(p)
        if key in HEADER_KEYS and len(stripped) > 1 and HEADER_KEYS[key] not in p.header:
            p.header[HEADER_KEYS[key]] = stripped[1]
            if in_procedure:
                proc_lines.append(lines[i])
            i += 1
            continue
        if key == "procedure details":
            in_procedure = True
            i += 1
            continue
        if in_procedure:
            proc_lines.append(lines[i])
            i += 1
            continue
        if key == "curve name" and len(stripped) > 2:
            i = _parse_curve_table(p, rows, i)
            continue
        # a title line (one cell) or other metadata line
        if len([c for c in stripped if c]) == 1:
            last_title = first
        elif len(stripped) >= 2 and first.endswith(":") and stripped[1]:
            p.header.setdefault("extra", {})[first.rstrip(":")] = stripped[1]
        i += 1
    procedure = "\n".join(proc_lines)
    # A missing final line break is not, by itself, a sign of truncation (files copied or re-saved often
    # lose it): only a structural sign counts (a plate row or time point shorter than its header, rows
    # missing from the last block), checked where the blocks are read.
    warnings = [w for sec in sections for w in sec.warnings]
    plates = []
    for sec in sections:
        sec.procedure = procedure
        # classify again now that the procedure is known (builders were created on the fly)
        for label, b in sec.reads.items():
            kind, wl, calc = classify_label(label, procedure)
            b.kind, b.wavelength_nm, b.calculated = kind, wl, calc
        if any(b.points for b in sec.reads.values()):
            plates.append(_to_plate(sec))
    if not plates:
        raise ParseError("No measurement data were found in this Gen5 export (no result blocks).")
    return ParseResult(vendor="gen5", plates=tuple(plates), warnings=tuple(warnings))


def _parse_curve_table(p: _Gen5Parse, rows, i) -> int:
    header = [c.strip() for c in rows[i]]
    i += 1
    fits = p.header.setdefault("curve_fits", [])
    while i < len(rows) and any(c.strip() for c in rows[i]):
        cells = [c.strip() for c in rows[i]]
        fits.append({h: (cells[j] if j < len(cells) else "") for j, h in enumerate(header) if h})
        i += 1
    return i


def _safe_is_well(c: str) -> bool:
    try:
        parse_well(c)
    except ValueError:
        return False
    return bool(re.match(r"^[A-Za-z]{1,2}\d{1,2}$", c.strip()))


def _parse_matrix_block(p: _Gen5Parse, rows, i, ncols, title, strict) -> int:
    header_line = i + 1
    p.header_columns = max(p.header_columns, ncols)
    is_layout = title.strip().lower() == "layout"
    i += 1
    current_row = None
    n = len(rows)
    while i < n:
        cells = rows[i]
        stripped = [c.strip() for c in cells]
        if not any(stripped):
            break
        first = stripped[0]
        if first:
            try:
                current_row = row_index(first)
            except ValueError:
                break  # next section
        elif current_row is None:
            break
        values = cells[1 : 1 + ncols]
        extra = stripped[1 + ncols :]
        label = next((c for c in extra if c), "") or title or "Read"
        truncated = len(cells) < 1 + ncols and i == n - 1
        if len(cells) < 1 + ncols and not truncated and any(stripped[1:]):
            if strict:
                raise ParseError(
                    f"Line {i + 1}: plate row {first or '(continued)'} has {len(cells) - 1} cells but the "
                    f"header on line {header_line} has {ncols} columns.",
                    line=i + 1,
                )
        if truncated:
            p.warnings.append(
                f"The file ends in the middle of line {i + 1} (block '{title or label}'): it looks truncated; "
                "only the complete part was read."
            )
            values = []
        if is_layout or label.lower() in LAYOUT_LABELS:
            if label and values:
                for c, raw in enumerate(values):
                    if raw.strip():
                        well = f"{_row_name(current_row)}{c + 1}"
                        p.layout.setdefault(well, {})[label] = raw.strip()
            i += 1
            continue
        b = _builder(p, label)
        for c, raw in enumerate(values):
            if is_blank(raw):
                continue  # not measured / not in the read selection
            well = f"{_row_name(current_row)}{c + 1}"
            b.add_raw(well, None, raw)
            p.max_row = max(p.max_row, current_row)
            p.max_col = max(p.max_col, c)
        i += 1
    if i >= n and current_row is not None and not is_layout:
        expected = _expected_rows(p, ncols)
        if expected and current_row < expected - 1:
            p.warnings.append(
                f"The file ends inside block '{title}' after plate row {_row_name(current_row)}: it looks "
                "truncated; later rows and blocks are missing."
            )
    return i


def _row_name(r: int) -> str:
    from .base import row_letter

    return row_letter(r)


def _expected_rows(p: _Gen5Parse, ncols: int) -> int | None:
    geo = _plate_type_geometry(p.header.get("plate_type", "")) or geometry_for_columns(ncols)
    return geo[0] if geo else None


def _plate_type_geometry(plate_type: str) -> tuple[int, int] | None:
    m = re.search(r"(\d{1,4})\s*-?\s*well", plate_type, re.I)
    if m:
        try:
            return geometry_for(int(m.group(1)))
        except ValueError:
            return None
    return None


def _parse_kinetic_columns(p: _Gen5Parse, rows, i, title, strict) -> int:
    header = [c.strip() for c in rows[i]]
    header_line = i + 1
    well_cols: list[tuple[int, str]] = []
    for j, c in enumerate(header):
        if j == 0 or not c:
            continue
        if _safe_is_well(c):
            well_cols.append((j, f"{_row_name(parse_well(c)[0])}{parse_well(c)[1] + 1}"))
    label = title or "Kinetic read"
    b = _builder(p, label)
    for _j, well in well_cols:  # the plate extent, once per column (not once per point)
        r, c = parse_well(well)
        p.max_row = max(p.max_row, r)
        p.max_col = max(p.max_col, c)
    i += 1
    n = len(rows)
    count = 0
    while i < n:
        cells = rows[i]
        stripped = [c.strip() for c in cells]
        if not any(stripped):
            break
        t = parse_gen5_time(stripped[0])
        if t is None:
            if count == 0 and strict:
                raise ParseError(
                    f"Line {i + 1}: {stripped[0]!r} is not a kinetic time (expected m:ss.fff as in the header "
                    f"on line {header_line}).",
                    line=i + 1,
                )
            break
        if len(cells) < len(header) and i == n - 1:
            p.warnings.append(
                f"The file ends in the middle of line {i + 1} (kinetic read '{label}'): it looks truncated; "
                "the incomplete time point was skipped."
            )
            break
        for j, well in well_cols:
            raw = cells[j] if j < len(cells) else ""
            if is_blank(raw):
                continue
            b.add_raw(well, t, raw)
        count += 1
        i += 1
    return i


def _parse_spectrum_columns(p: _Gen5Parse, rows, i, title) -> int:
    """A spectral scan block: ``Wavelength<TAB>A1<TAB>A2...`` then one line per wavelength (nm).

    Gen5 writes the same layout for absorbance spectra and for fluorescence excitation/emission scans
    (then the fixed wavelength of the other side is in the procedure, e.g. ``Emission: 530``).
    """
    header = [c.strip() for c in rows[i]]
    well_cols = [(j, normalize_well(c)) for j, c in enumerate(header) if j and c and _safe_is_well(c)]
    label = title or "Spectrum"
    b = _builder(p, label)
    b.metadata["spectral"] = True
    i += 1
    while i < len(rows):
        cells = [c.strip() for c in rows[i]]
        if not any(cells):
            break
        try:
            nm = float(cells[0])
        except ValueError:
            break
        for j, well in well_cols:
            raw = cells[j] if j < len(cells) else ""
            if is_blank(raw):
                continue
            value, flag = parse_cell(raw)
            if b.add(well, None, value, flag, wavelength_nm=nm) and flag is not None:
                b.note_flag_text(f"{well}@{nm:g}nm", None, raw)
            r, c = parse_well(well)
            p.max_row = max(p.max_row, r)
            p.max_col = max(p.max_col, c)
        i += 1
    return i


def _to_plate(p: _Gen5Parse) -> ParsedPlate:
    geo = _plate_type_geometry(p.header.get("plate_type", ""))
    if geo is None and p.header_columns:
        geo = geometry_for_columns(p.header_columns)
    if geo is None:
        geo = geometry_containing(max(p.max_row, 0), max(p.max_col, 0))
    rows, cols = geo
    if p.max_row >= rows or p.max_col >= cols:
        rows, cols = geometry_containing(p.max_row, p.max_col)
    raw_labels = [lab for lab in p.order if not classify_label(lab, p.procedure)[2]]
    calc_labels = [lab for lab in p.order if classify_label(lab, p.procedure)[2]]
    for lab in raw_labels:
        b = p.reads[lab]
        if b.metadata.get("spectral"):
            b.metadata.pop("spectral")
            ex = re.search(r"Fixed Excitation:\s*([\d.]+)(?:/(\d+))?", p.procedure)
            em = re.search(r"Fixed Emission:\s*([\d.]+)(?:/(\d+))?", p.procedure)
            if ex:
                b.metadata.update(scan="emission", excitation_nm=float(ex.group(1)))
            if em:
                b.metadata.update(scan="excitation")
                b.wavelength_nm = float(em.group(1))
    reads = tuple(p.reads[lab].build() for lab in raw_labels + calc_labels if p.reads[lab].points)
    h = p.header
    software = f"Gen5 {h['software_version']}" if h.get("software_version") else "Gen5"
    instrument = h.get("reader_type") if h.get("reader_type") not in (None, "", "n/a", "N/A") else None
    metadata = {
        k: v
        for k, v in {
            "date": h.get("date"),
            "time": h.get("time"),
            "serial_number": h.get("reader_serial")
            if h.get("reader_serial") not in ("n/a", "Unknown")
            else None,
            "plate_type": h.get("plate_type"),
            "experiment_file": h.get("experiment_file") or None,
            "protocol_file": h.get("protocol_file") or None,
            "reading_type": h.get("reading_type"),
            "procedure": p.procedure.strip() or None,
            "layout": p.layout or None,
            "curve_fits": h.get("curve_fits"),
            "flag_texts": flag_texts_metadata(p.reads.values()) or None,
            **({"header": h["extra"]} if h.get("extra") else {}),
        }.items()
        if v
    }
    return ParsedPlate(
        name=h.get("plate_number"),
        barcode=h.get("barcode"),
        rows=rows,
        columns=cols,
        reads=reads,
        instrument=instrument,
        software=software,
        metadata=metadata,
    )


def read_gen5(data: bytes) -> ParseResult:
    return parse_gen5(data, strict=True)


def read_gen5_kinetic_columns(data: bytes) -> ParseResult:
    text = decode_text(data)
    if looks_like_gen5(text) and not has_kinetic_columns(text):
        raise ParseError(
            "This Gen5 export has no kinetic table in column orientation (a 'Time' header followed by well "
            "names); choose the plain Gen5 format instead."
        )
    res = parse_gen5(data, strict=True)
    return ParseResult("gen5_kinetic_columns", res.plates, res.warnings)


def gen5_structure_warnings(data: bytes) -> list[str]:
    """Truncation warnings from our own parse (used to check allotropy's output); never raises."""
    try:
        return list(parse_gen5(data, strict=False).warnings)
    except Exception:
        return []
