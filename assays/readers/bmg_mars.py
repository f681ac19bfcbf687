"""BMG LABTECH MARS CSV exports (matrix layout), read by our own code when allotropy loses a block.

allotropy 0.1.150 (BMG_MARS) reads the header and only the *first* data block: a file with one block per
wavelength ("Raw Data (450)" then "Raw Data (570)"; a reference-wavelength ELISA) comes out with the 450
nm read alone, and a multichromatic block title "Raw Data (450 1)" (wavelength 450, chromatic 1) is
taken as excitation 450 / emission 1 nm. ``allotropy_reader.read_with_allotropy`` compares allotropy's
reads with the reads found here and uses :func:`read_bmg_mars` where they differ, saying so in the import
warnings.

Layout of a MARS export: ``Key: value`` header cells (User, Path, Test run no., Test name, Date, Time,
ID1..ID3), a line naming the mode (``Absorbance``, ``Fluorescence (FI)``, ``Luminescence``, ...), then one
or more blocks, each a title line (``Raw Data (450)``, ``Raw Data (485/520)``, ``Raw Data (450 1)``,
``Blank corrected based on Raw Data (450)``, ...) above a labelled matrix (``,1,2,...,12`` and rows A..H).
Empty cells are wells that were not read: they are left out, as allotropy leaves them out.
"""

from __future__ import annotations

import re

from .base import (
    ParsedPlate,
    ParseError,
    ParseResult,
    ReadBuilder,
    as_text,
    flag_texts_metadata,
    is_blank,
    is_numeric,
    json_safe,
    parse_cell,
    unique_labels,
)

MODES = (
    ("absorbance", "absorbance"),
    ("fluorescence", "fluorescence"),
    ("luminescence", "luminescence"),
    ("time-resolved fluorescence", "fluorescence"),
    ("fluorescence polarization", "fluorescence"),
    ("alphascreen", "luminescence"),
)
BMG_INSTRUMENTS = (
    "PHERAstar",
    "CLARIOstar",
    "FLUOstar",
    "POLARstar",
    "SPECTROstar",
    "NEPHELOstar",
    "LUMIstar",
    "VANTAstar",
    "Omega",
)
_RAW = re.compile(r"^\s*Raw Data\s*\((?P<inner>.*)\)\s*$", re.I)
_NUM = r"(\d+(?:\.\d+)?)(?:-\d+(?:\.\d+)?)?"  # a wavelength, optionally with its bandwidth (480-14)


def _filters(inner: str) -> tuple[float | None, float | None, str | None]:
    """(emission or absorbance wavelength, excitation wavelength, what else the title says) of a block
    title's parenthesis: "450" / "450 1" (chromatic 1) / "485/520" / "480-14/520-30" / "No filter"."""
    inner = re.sub(r"^[A-Za-z]{1,2}:\s*", "", inner.strip())  # "F: 482-16/525-20": the mode letter
    m = re.fullmatch(rf"{_NUM}\s*/\s*{_NUM}", inner)
    if m:
        return float(m.group(2)), float(m.group(1)), None
    m = re.fullmatch(rf"{_NUM}(?:\s+(\d+))?", inner)
    if m:
        return float(m.group(1)), None, (f"chromatic {m.group(2)}" if m.group(2) else None)
    return None, None, inner or None


def _bandwidths(inner: str) -> dict:
    """{"excitation_bandwidth_nm", "bandwidth_nm"} from a filter title such as "F: 482-16/525-20"."""
    inner = re.sub(r"^[A-Za-z]{1,2}:\s*", "", inner.strip())
    out: dict = {}
    m = re.fullmatch(r"\d+(?:\.\d+)?(?:-(\d+(?:\.\d+)?))?\s*/\s*\d+(?:\.\d+)?(?:-(\d+(?:\.\d+)?))?", inner)
    if m:
        if m.group(1):
            out["excitation_bandwidth_nm"] = float(m.group(1))
        if m.group(2):
            out["bandwidth_nm"] = float(m.group(2))
    return out


def _label(kind: str, em: float | None, ex: float | None) -> str:
    """The label allotropy's mapping gives the same read (``allotropy_reader._raw_label``)."""
    if kind == "absorbance":
        return f"{em:g}nm" if em else "Absorbance"
    if kind == "fluorescence":
        if ex and em:
            return f"{ex:g}/{em:g}"
        return f"Em {em:g}" if em else "Fluorescence"
    if kind == "luminescence":
        return f"Lum {em:g}nm" if em else "Lum"
    return "Read"


def _header(rows: list[list], first_block: int) -> tuple[dict[str, str], str | None]:
    meta: dict[str, str] = {}
    mode = None
    for row in rows[:first_block]:
        cells = [as_text(v) for v in row if not is_blank(v)]
        for cell in cells:
            if ": " in cell or cell.endswith(":"):
                key, _, value = cell.partition(":")
                meta[key.strip()] = value.strip()
        if len(cells) == 1 and ":" not in cells[0]:
            low = cells[0].lower()
            found = next((kind for word, kind in MODES if low.startswith(word)), None)
            if found and mode is None:
                mode = found
                meta["mode"] = cells[0]
    return meta, mode


def read_bmg_mars(data: bytes) -> ParseResult:
    """Every data block of a MARS matrix export as one read (see the module docstring)."""
    from .matrix import _block_geometry, find_blocks, load_tables

    tables = load_tables(data)
    if len(tables) != 1 or tables[0].source != "text":
        raise ParseError("A BMG MARS export is a text (CSV) file.")
    table = tables[0]
    blocks = [
        b
        for b in find_blocks(table)
        if b.labelled and any(is_numeric(raw) for raw, _i, _j in b.cells.values())
    ]
    if not blocks:
        raise ParseError("No plate matrix with values was found in this BMG MARS export.")
    meta, mode = _header(table.rows, blocks[0].start)
    kind = mode or "other"
    warnings: list[str] = []
    rows, cols = _block_geometry(blocks[0], warnings)
    builders: list[ReadBuilder] = []
    titles: dict[str, str] = {}
    for b in blocks:
        title = " ".join((b.title or "").split())
        geo = _block_geometry(b, [])
        if geo != (rows, cols):
            raise table.error(
                f"The block {title!r} at {table.at(b.start)} is {geo[0]}x{geo[1]} but the first block is "
                f"{rows}x{cols}.",
                b.start,
            )
        raw = _RAW.match(title)
        if raw:
            em, ex, note = _filters(raw.group("inner"))
            if note and not note.startswith("chromatic"):
                if "spectrum" in note.lower():
                    warnings.append(
                        f"The block {title!r} is a spectral scan; spectra are not supported, it was skipped."
                    )
                    continue
            rb = ReadBuilder(_label(kind, em, ex), kind, em)
        else:
            # a calculation MARS made (blank corrected, averages, ratios): values of kind "other"
            m = re.search(r"\(([^()]*)\)\s*$", title)
            em = _filters(m.group(1))[0] if m else None
            rb = ReadBuilder(title or "Calculated", "other", em, calculated=True)
        for well, (cell, i, j) in b.cells.items():
            if is_blank(cell):
                continue  # a well that was not read
            value, flag = parse_cell(cell)
            rb.add(well, None, value, flag)
            if flag is not None:
                rb.note_flag_text(well, None, as_text(cell))
                if flag == "invalid":
                    warnings.append(
                        f"{table.where(i, j)} (well {well}): {as_text(cell)!r} is not a number; the point is "
                        "flagged invalid."
                    )
        builders.append(rb)
        titles[rb.label] = title
    labels = unique_labels([rb.label for rb in builders])
    for rb, label in zip(builders, labels, strict=True):
        titles[label] = titles.pop(rb.label, titles.get(label, ""))
        rb.label = label
    return _mars_result(meta, rows, cols, builders, warnings, block_titles=titles)


def _mars_result(meta: dict, rows: int, cols: int, builders: list, warnings: list, **extra) -> ParseResult:
    """The one plate of a MARS export (matrix or table layout): its header lines as metadata, the
    instrument named in the file's path."""
    path = meta.get("Path", "")
    instrument = next((name for name in BMG_INSTRUMENTS if name.lower() in path.lower()), None)
    metadata = {
        "user": meta.get("User"),
        "path": path or None,
        "test_run": meta.get("Test run no."),
        "test_name": meta.get("Test name") or meta.get("Test Name"),
        "measurement_time": " ".join(v for v in (meta.get("Date"), meta.get("Time")) if v) or None,
        "id2": meta.get("ID2"),
        "id3": meta.get("ID3"),
        "mode": meta.get("mode"),
        **extra,
        "flag_texts": flag_texts_metadata(builders) or None,
        "reader": "portal BMG MARS reader",
    }
    plate = ParsedPlate(
        name=meta.get("ID1") or None,
        barcode=None,
        rows=rows,
        columns=cols,
        reads=tuple(rb.build() for rb in builders),
        instrument=instrument,
        software="BMG MARS",
        metadata=json_safe({k: v for k, v in metadata.items() if v}),
    )
    return ParseResult("bmg_mars", (plate,), tuple(warnings))


# --------------------------------------------------------------------------------------------------
# Table layout ("Well Row, Well Col, Content, Raw Data (600), ...")
# --------------------------------------------------------------------------------------------------
#
# MARS can also export a table: the same header lines, then ``Well Row,Well Col,Content,<label>,...`` (or
# ``Well,Content,...``) with one column per read and, for a kinetic run, one column per cycle under the
# same label and a second header line ``,,Time,0 h ,0 h 15 min,...`` giving each column's time. One line
# per well follows (MARS writes an empty line after every line). allotropy refuses this layout.

_TIME_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|min|s|sec)\b")
_TIME_UNIT = {"h": 3600.0, "min": 60.0, "s": 1.0, "sec": 1.0}


def mars_time(text: str) -> float | None:
    """MARS cycle time ("0 h ", "0 h 15 min", "27 h", "30 s", "1 h 2 min 5 s") in seconds."""
    t = text.strip()
    parts = _TIME_PART.findall(t)
    if not parts or _TIME_PART.sub("", t).strip():
        return None
    return sum(float(n.replace(",", ".")) * _TIME_UNIT[u] for n, u in parts)


def _table_header(rows: list[list[str]]) -> int | None:
    for i, r in enumerate(rows[:200]):
        cells = [c.strip().lower() for c in r[:3]]
        if cells[:2] == ["well row", "well col"] or (cells[:1] == ["well"] and "content" in cells[1:3]):
            return i
    return None


def looks_like_mars_table(data: bytes) -> bool:
    from .base import decode_text

    rows = [r for r in _csv(decode_text(data[:200000])) if any(c.strip() for c in r)]
    return _table_header(rows) is not None


def _csv(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


def read_bmg_mars_table(data: bytes) -> ParseResult:
    from .base import decode_text, geometry_containing, normalize_well, parse_well, row_index

    text = decode_text(data)
    rows = [r for r in _csv(text) if any(c.strip() for c in r)]
    h = _table_header(rows)
    if h is None:
        raise ParseError("No 'Well Row, Well Col, Content' table was found in this BMG MARS export.")
    head = [c.strip() for c in rows[h]]
    split_well = head[:2] == ["Well Row", "Well Col"] or [c.lower() for c in head[:2]] == [
        "well row",
        "well col",
    ]
    first_value = 3 if split_well else 2
    times_row = None
    if (
        h + 1 < len(rows)
        and len(rows[h + 1]) > first_value - 1
        and rows[h + 1][first_value - 1].strip() == "Time"
    ):
        times_row = [c.strip() for c in rows[h + 1]]
    meta, mode = _header(rows, h)
    kind = mode or "other"
    columns: dict[str, list[tuple[int, float | None]]] = {}
    for j in range(first_value, len(head)):
        label = head[j]
        if not label:
            continue
        t = None
        if times_row is not None:
            raw_t = times_row[j] if j < len(times_row) else ""
            t = mars_time(raw_t)
            if t is None:
                raise ParseError(
                    f"Line {h + 2}, column {j + 1}: {raw_t!r} is not a MARS cycle time (e.g. '0 h 15 min').",
                    line=h + 2,
                )
        columns.setdefault(label, []).append((j, t))
    if not columns:
        raise ParseError(f"Line {h + 1}: the MARS table names no read after 'Content'.", line=h + 1)
    builders: dict[str, ReadBuilder] = {}
    for label in columns:
        raw = _RAW.match(label)
        if raw:
            em, ex, _note = _filters(raw.group("inner"))
            b = ReadBuilder(_label(kind, em, ex), kind, em, metadata=_bandwidths(raw.group("inner")))
            if ex is not None:
                b.metadata["excitation_nm"] = ex
        else:
            m = re.search(r"\(([^()]*)\)\s*$", label)
            em = _filters(m.group(1))[0] if m else None
            b = ReadBuilder(label, "other", em, calculated=True)
        b.metadata["block_title"] = label
        builders[label] = b
    contents: dict[str, str] = {}
    start = h + (2 if times_row is not None else 1)
    for r in rows[start:]:
        cells = [c.strip() for c in r]
        try:
            if split_well:
                well = normalize_well(f"{cells[0]}{int(float(cells[1]))}")
                row_index(cells[0])
            else:
                well = normalize_well(cells[0])
        except (ValueError, IndexError):
            break  # the end of the table
        content = cells[first_value - 1] if len(cells) >= first_value else ""
        if content:
            contents[well] = content
        for label, cols in columns.items():
            b = builders[label]
            for j, t in cols:
                raw_value = cells[j] if j < len(cells) else ""
                if not raw_value:
                    continue
                b.add_raw(well, t if len(cols) > 1 else None, raw_value)
    reads = [b for b in builders.values() if b.points]
    if not reads:
        raise ParseError("The MARS table lists no well with a value.")
    labels = unique_labels([b.label for b in reads])
    for b, lab in zip(reads, labels, strict=True):
        b.label = lab
    from .matrix import header_geometry

    warnings: list[str] = []
    wells = [w for b in reads for (w, *_r) in b.points]
    max_r = max(parse_well(w)[0] for w in wells)
    max_c = max(parse_well(w)[1] for w in wells)
    geo = header_geometry(data)
    if geo and max_r < geo[0] and max_c < geo[1]:
        n_rows, n_cols = geo
    else:
        n_rows, n_cols = geometry_containing(max_r, max_c)
        warnings.append(
            "The MARS table does not declare its plate type; the plate is taken as the smallest standard plate "
            f"holding the wells listed ({n_rows}x{n_cols})."
        )
    return _mars_result(meta, n_rows, n_cols, reads, warnings, layout="table", contents=contents or None)


__all__ = ["looks_like_mars_table", "mars_time", "read_bmg_mars", "read_bmg_mars_table"]
