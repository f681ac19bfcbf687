"""PerkinElmer (Wallac) VICTOR X3 / X4 / 1420 exports (Wallac 1420 WorkStation), text or .xlsx.

allotropy does not convert them. The export holds, in this order:

* a list: ``Plate  Repeat  Well  Type  Time  <label>  [Time  <label> ...]``, one line per well and
  repeat; ``Time`` is the instrument clock (``hh:mm:ss.ss``) at which that well was read for the label
  that follows it. A kinetic run is a protocol with repeats: every repeat is one time point of the same
  read, never a read of its own;
* per repeat, a ``Plate Repeat End time Start temp. End temp. BarCode`` line and one 8 x 12 grid per label
  (the same values as the list, without row or column labels): copies, not read again;
* ``Protocol description``: ``Name of the plate type ... Generic 8x12 size plate``, ``Number of repeats``,
  and per label ``Name of the label``, ``Label technology`` (Photometry, Prompt fluorometry,
  Luminometry, Time-resolved fluorometry), ``CW-lamp filter name`` (``F485``, ``600``), ``Emission filter
  name`` (``F535``).

A read's kinetic time is the repeat's start (its earliest well time, in seconds); each well's own offset
from it is kept in the read metadata (``well_time_offsets_s``). Start and end temperatures per repeat go
to ``temperatures_c``.
"""

from __future__ import annotations

import re

from .base import (
    ParsedPlate,
    ParseError,
    ParseResult,
    ReadBuilder,
    as_text,
    decode_text,
    flag_texts_metadata,
    geometry_containing,
    geometry_for,
    is_blank,
    is_well,
    is_zip,
    json_safe,
    load_workbook_rows,
    normalize_well,
    parse_number,
    parse_well,
    split_rows,
)

_LIST_HEAD = re.compile(r"^\s*Plate\s*[\t,;]\s*Repeat\s*[\t,;]\s*Well\s*[\t,;]\s*Type\s*[\t,;]", re.I)


def looks_like_victor_list(text: str) -> bool:
    """The first non-blank line is the list header ``Plate Repeat Well Type ...``."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return bool(_LIST_HEAD.match(first))


def looks_like_victor_workbook(sheets: dict[str, list[list]]) -> bool:
    for rows in sheets.values():
        first = next((r for r in rows if any(not is_blank(c) for c in r)), None)
        if first and looks_like_victor_list("\t".join(as_text(c) for c in first)):
            return True
    return False


def _clock(text: str) -> float | None:
    """``hh:mm:ss.ss`` or ``mm:ss.ss`` in seconds."""
    parts = text.strip().split(":")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        return None
    if len(nums) == 3:
        return nums[0] * 3600 + nums[1] * 60 + nums[2]
    if len(nums) == 2:
        return nums[0] * 60 + nums[1]
    return None


def _protocol(lines: list[str]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(protocol settings, {label name: settings}) from the ``Protocol description`` section."""
    settings: dict[str, str] = {}
    labels: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for ln in lines:
        m = re.match(r"^\s*(.+?)\s*\.{2,}\s*(.*?)\s*$", ln) or re.match(
            r"^\s*(.+?:)\s*\.{2,}\s*(.*?)\s*$", ln
        )
        if not m:
            continue
        key, value = m.group(1).rstrip(" .:"), m.group(2)
        if key == "Name of the label":
            current = labels[value] = {}
            continue
        if current is not None and key not in ("Protocol created by",):
            current[key] = value
        else:
            settings[key] = value
        if key.startswith("Protocol created") or key.startswith("Instrument serial"):
            current = None
    return settings, labels


def _label_info(column: str, labels: dict[str, dict[str, str]]) -> tuple[str, float | None, dict]:
    """(kind, wavelength, metadata) of a list column such as ``Absorbance @ 600 (A)`` or ``GFP (Counts)``."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", column).strip()
    st = labels.get(name) or next((v for k, v in labels.items() if column.startswith(k)), {})
    tech = st.get("Label technology", "").lower()
    meta: dict = {"label_settings": st} if st else {}

    def nm(text: str | None) -> float | None:
        m = re.search(r"(\d{3,4})", text or "")
        return float(m.group(1)) if m else None

    ex = nm(st.get("CW-lamp filter name"))
    em = nm(st.get("Emission filter name"))
    if "photometry" in tech or re.search(r"absorbance|\bOD\b|\(A\)", column, re.I):
        wl = ex or nm(name)
        return "absorbance", wl, meta
    if "lumin" in tech or re.search(r"lumin", column, re.I):
        return "luminescence", em, meta
    if "fluor" in tech or re.search(r"fluor|gfp|rfp|yfp|fitc", column, re.I):
        if ex is not None:
            meta["excitation_nm"] = ex
        if "time-resolved" in tech:
            meta["technology"] = "time-resolved fluorescence"
        return "fluorescence", em, meta
    return "other", None, meta


def read_victor(data: bytes) -> ParseResult:
    if is_zip(data):
        sheets = load_workbook_rows(data)
        rows = next(
            (
                [[as_text(c) for c in r] for r in sheet]
                for sheet in sheets.values()
                if looks_like_victor_workbook({"s": sheet})
            ),
            None,
        )
        if rows is None:
            raise ParseError(
                "No sheet of this workbook starts with the VICTOR list 'Plate, Repeat, Well, Type'."
            )
        lines = ["\t".join(r) for r in rows]
        rows = [list(r) for r in rows]
    else:
        text = decode_text(data)
        lines = text.splitlines()
        first = next((ln for ln in lines if ln.strip()), "")
        delim = "\t" if "\t" in first else (";" if ";" in first else ",")
        rows = split_rows(lines, delim)
    start = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if start is None or not looks_like_victor_list("\t".join(rows[start])):
        raise ParseError(
            "This is not a VICTOR list export (the first line is not 'Plate, Repeat, Well, Type, ...')."
        )
    head = [c.strip() for c in rows[start]]
    try:
        protocol_at = next(i for i, ln in enumerate(lines) if ln.strip() == "Protocol description")
    except StopIteration:
        protocol_at = len(lines)
    settings, label_settings = _protocol(lines[protocol_at:])

    value_cols = [
        (j, h)
        for j, h in enumerate(head)
        if j >= 4 and h and h.lower() not in ("time", "plate", "repeat", "well", "type")
    ]
    if not value_cols:
        raise ParseError(
            "Line 1: the VICTOR list names no measurement column after 'Plate, Repeat, Well, Type'."
        )
    time_col = {j: (j - 1 if j - 1 >= 4 and head[j - 1].lower() == "time" else None) for j, _h in value_cols}

    # plate -> label -> repeat -> {well: (clock, raw)}
    table: dict[str, dict[str, dict[int, dict[str, tuple[float | None, str]]]]] = {}
    types: dict[str, dict[str, str]] = {}
    end = start + 1
    for i in range(start + 1, min(len(rows), protocol_at)):
        r = rows[i]
        if len(r) < 4 or not r[0].strip():
            break  # the end of the list: the per-repeat grids or the protocol follow
        plate, repeat, well = r[0].strip(), parse_number(r[1]), r[2].strip()
        if repeat is None or not is_well(well):
            break
        end = i + 1
        well = normalize_well(well)
        types.setdefault(plate, {})[well] = r[3].strip()
        for j, h in value_cols:
            raw = r[j] if j < len(r) else ""
            tj = time_col[j]
            clock = _clock(r[tj]) if tj is not None and tj < len(r) else None
            table.setdefault(plate, {}).setdefault(h, {}).setdefault(int(repeat), {})[well] = (clock, raw)
    if not table:
        raise ParseError(
            f"Line {start + 2}: the VICTOR list has no well lines under its header.", line=start + 2
        )

    temps = _repeat_temperatures(rows[end:protocol_at])
    declared = None
    m = re.search(r"(\d+)\s*[x×]\s*(\d+)", settings.get("Name of the plate type", ""))
    if m:
        declared = (int(m.group(1)), int(m.group(2)))
    else:
        m = re.search(r"(\d{2,4})", settings.get("Name of the plate type", ""))
        if m:
            try:
                declared = geometry_for(int(m.group(1)))
            except ValueError:
                declared = None
    n_repeats = parse_number(settings.get("Number of repeats", "") or "")
    warnings: list[str] = []
    plates = []
    for plate_id, by_label in table.items():
        builders = []
        for _j, column in value_cols:
            repeats = by_label.get(column) or {}
            kind, wl, meta = _label_info(column, label_settings)
            kinetic = len(repeats) > 1 or (n_repeats or 1) > 1
            b = ReadBuilder(
                re.sub(r"\s*\([^)]*\)\s*$", "", column).strip() or column, kind, wl, metadata=meta
            )
            offsets: dict[str, list[float]] = {}
            times = []
            for rep in sorted(repeats):
                cells = repeats[rep]
                clocks = [c for c, _raw in cells.values() if c is not None]
                t0 = min(clocks) if clocks else None
                if kinetic and t0 is None:
                    raise ParseError(
                        f"Repeat {rep} of label {column!r} has no read times: the kinetic axis cannot be built."
                    )
                times.append(t0)
                for well, (clock, raw) in cells.items():
                    if is_blank(raw):
                        continue
                    b.add_raw(well, round(t0, 3) if kinetic else None, raw)
                    if kinetic and clock is not None:
                        offsets.setdefault(well, []).append(clock - t0)
            if kinetic:
                b.metadata["repeats"] = sorted(repeats)
                b.metadata["well_time_offsets_s"] = {w: round(sum(v) / len(v), 3) for w, v in offsets.items()}
                if temps.get(plate_id):
                    b.metadata["temperatures_c"] = [
                        t for rep in sorted(repeats) for t in temps[plate_id].get(rep, [])[:1]
                    ]
            elif temps.get(plate_id):
                first = next(iter(temps[plate_id].values()), [])
                if first:
                    b.metadata["temperature_c"] = first[0]
            if b.points:
                builders.append(b)
        wells = [w for b in builders for (w, *_r) in b.points]
        max_r = max(parse_well(w)[0] for w in wells)
        max_c = max(parse_well(w)[1] for w in wells)
        if declared and max_r < declared[0] and max_c < declared[1]:
            rows_, cols_ = declared
        else:
            rows_, cols_ = geometry_containing(max_r, max_c)
        meta = {
            "protocol": settings or None,
            "well_types": types.get(plate_id) or None,
            "flag_texts": flag_texts_metadata(builders) or None,
        }
        plates.append(
            ParsedPlate(
                name=f"Plate {plate_id}",
                barcode=None,
                rows=rows_,
                columns=cols_,
                reads=tuple(b.build() for b in builders),
                instrument="VICTOR",
                software="Wallac 1420 WorkStation",
                metadata=json_safe({k: v for k, v in meta.items() if v}),
            )
        )
        present = max((len(by_label.get(c) or {}) for _j, c in value_cols), default=0)
        if n_repeats and present < n_repeats:
            warnings.append(
                f"Plate {plate_id}: the protocol declares {int(n_repeats)} repeats and the list holds {present}; "
                "the repeats in the list were imported."
            )
    return ParseResult("victor_x3", tuple(plates), tuple(warnings))


def _repeat_temperatures(rows: list[list[str]]) -> dict[str, dict[int, list[float]]]:
    """{plate: {repeat: [start temp, end temp]}} from the per-repeat lines after the list."""
    out: dict[str, dict[int, list[float]]] = {}
    for i, r in enumerate(rows[:-1]):
        cells = [c.strip() for c in r]
        if cells[:2] == ["Plate", "Repeat"] and "Start temp." in cells:
            nxt = [c.strip() for c in rows[i + 1]]
            try:
                rep = int(float(nxt[1]))
            except (ValueError, IndexError):
                continue
            temps = [
                v
                for v in (
                    parse_number(nxt[cells.index(k)]) for k in ("Start temp.", "End temp.") if k in cells
                )
                if v is not None
            ]
            out.setdefault(nxt[0], {})[rep] = temps
    return out
