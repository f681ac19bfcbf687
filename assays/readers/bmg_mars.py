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
    inner = inner.strip()
    m = re.fullmatch(rf"{_NUM}\s*/\s*{_NUM}", inner)
    if m:
        return float(m.group(2)), float(m.group(1)), None
    m = re.fullmatch(rf"{_NUM}(?:\s+(\d+))?", inner)
    if m:
        return float(m.group(1)), None, (f"chromatic {m.group(2)}" if m.group(2) else None)
    return None, None, inner or None


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
        "block_titles": titles,
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


__all__ = ["read_bmg_mars"]
