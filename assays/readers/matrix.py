"""Plain plate matrices and long tables (CSV, TSV, semicolon CSV, XLSX), read by our own code.

allotropy has no reader for a lab's own matrix or list files; these are the portal's formats:

``matrix``
    One or more blocks. A block is either *labelled* (a header row ``1 2 ... N`` and rows that start with
    the row letters A, B, ... in order; an optional title line above it becomes the read label) or *bare*
    (exactly R rows of C numbers where R x C is a standard plate: 2x3, 3x4, 4x6, 6x8, 8x12, 16x24, 32x48).
    The reader is strict: a row with fewer cells than the header, rows out of order or blocks of
    different sizes raise ParseError naming the line; a cell that is not a number becomes a flagged point
    ("invalid" for junk, plus a warning naming the cell); empty cells become "missing" points.

``long_csv``
    A header with a well column (``well``, ``well position``, ...) and a value column (``value``, ``od``,
    ``rlu``, ...), optionally ``read``/``label``, ``wavelength``, ``time``/``time_s`` and ``kind``
    columns, and ``flag``, ``plate``, ``barcode`` columns (so the portal's own long export reads back, one
    plate per ``plate`` value). A plate is the smallest of 96/384/1536 wells holding every listed well.
"""

from __future__ import annotations

import re
from typing import Any

from .base import (
    FLAGS,
    KINDS,
    PLATE_GEOMETRIES,
    EmptyFile,
    ParsedPlate,
    ParseError,
    ParseResult,
    ReadBuilder,
    as_text,
    decode_text,
    excel_cell,
    flag_texts_metadata,
    geometry_containing,
    geometry_for_columns,
    guess_kind,
    is_blank,
    is_numeric,
    is_zip,
    json_safe,
    load_workbook_rows,
    normalize_well,
    parse_cell,
    parse_number,
    parse_well,
    row_index,
    row_letter,
    sniff_delimiter,
    split_lines,
    split_rows,
    unique_labels,
)

_GEOMETRIES = set(PLATE_GEOMETRIES.values())
_STANDARD_COLUMNS = {c for _, c in _GEOMETRIES}


class _Table:
    """Rows of cells plus how to name a position for a person."""

    def __init__(
        self, rows: list[list[Any]], source: str, sheet: str | None = None, delimiter: str | None = None
    ):
        self.rows = rows
        self.source = source  # "text" or "xlsx"
        self.sheet = sheet
        self.delimiter = delimiter

    def where(self, i: int, j: int | None = None) -> str:
        """Where a cell is, for the start of a sentence: "Line 5, column 6" or "Cell F5 of sheet 'Sheet1'"."""
        if self.source == "xlsx":
            if j is None:
                return f"Row {i + 1} of sheet {self.sheet!r}"
            return f"Cell {excel_cell(i, j)} of sheet {self.sheet!r}"
        if j is None:
            return f"Line {i + 1}"
        return f"Line {i + 1}, column {j + 1}"

    def at(self, i: int, j: int | None = None) -> str:
        """Like ``where`` but for the middle of a sentence ("line 5")."""
        w = self.where(i, j)
        return w[:1].lower() + w[1:]

    def cell_ref(self, i: int, j: int) -> str | None:
        return excel_cell(i, j) if self.source == "xlsx" else None

    def error(self, message: str, i: int, j: int | None = None) -> ParseError:
        return ParseError(message, line=i + 1, cell=self.cell_ref(i, j) if j is not None else None)


Table = _Table  # for detection, which builds tables from the first rows of each sheet


def load_tables(data: bytes) -> list[_Table]:
    if not data.strip():
        raise EmptyFile("The file is empty.")
    if is_zip(data):
        sheets = load_workbook_rows(data)
        tables = [_Table(rows, "xlsx", name) for name, rows in sheets.items() if rows]
        if not tables:
            raise EmptyFile("The workbook has no cells with data.")
        return tables
    text = decode_text(data)
    lines = split_lines(text)
    if not any(ln.strip() for ln in lines):
        raise EmptyFile("The file contains only blank lines.")
    delim = sniff_delimiter(lines)
    return [_Table(split_rows(lines, delim), "text", delimiter=delim)]


# --------------------------------------------------------------------------------------------------
# matrix
# --------------------------------------------------------------------------------------------------


def _header_run(row: list[Any]) -> tuple[int, int] | None:
    """(index of the "1" cell, N) when the row is [label?] 1 2 ... N followed only by blanks."""
    k = 0
    while k < len(row) and is_blank(row[k]):
        k += 1
    if k < len(row) and not is_numeric(row[k]):
        k += 1  # a corner label such as "<>", "Abs", "Row"
    if k >= len(row) or k > 2:
        return None
    n = 0
    while k + n < len(row):
        t = as_text(row[k + n])
        if not t:
            break
        v = parse_number(t)
        if v is None or v != n + 1:
            return None
        n += 1
    if n < 3 or any(not is_blank(v) for v in row[k + n :]):
        return None
    return k, n


def _is_row_letter(v: Any, expected: int) -> bool:
    try:
        return row_index(as_text(v)) == expected
    except ValueError:
        return False


def _row_of(v: Any, previous: int) -> int:
    """Row index of a row label; BMG writes rows 27-32 of a 1536-well plate as a..f after Z."""
    text = as_text(v).strip()
    found = row_index(text)
    if found < previous and len(text) == 1 and "a" <= text <= "f" and previous >= 20:
        found += 26
    return found


def _strictly_increasing_rows(t: _Table, j: int, k: int) -> bool:
    """True when the row labels from line ``j`` down to the end of the block only increase."""
    previous = -1
    while j < len(t.rows):
        row = t.rows[j]
        cell = row[k - 1] if k - 1 < len(row) else None
        if is_blank(cell):
            return True
        try:
            found = _row_of(cell, previous)
        except ValueError:
            return True
        if found <= previous:
            return False
        previous = found
        j += 1
    return True


class _Block:
    def __init__(self, start: int, title: str | None, rows: int, cols: int, cells: dict, labelled: bool):
        self.start = start
        self.title = title
        self.rows = rows
        self.cols = cols
        self.cells = cells  # well -> (raw, i, j)
        self.labelled = labelled


def _title_above(t: _Table, i: int) -> str | None:
    j = i - 1
    while j >= 0 and all(is_blank(v) for v in t.rows[j]):
        j -= 1
    if j < 0 or i - j > 3:
        return None
    non_blank = [v for v in t.rows[j] if not is_blank(v)]
    if len(non_blank) == 1 and not is_numeric(non_blank[0]):
        return as_text(non_blank[0])
    return None


def _labelled_block(t: _Table, i: int, k: int, n: int) -> tuple[_Block, int]:
    rows = t.rows
    corner = as_text(rows[i][k - 1]) if k >= 1 else ""
    title = _title_above(t, i) or (corner if corner and corner not in ("<>", "Row", "row") else None)
    cells: dict[str, tuple[Any, int, int]] = {}
    r = 0
    j = i + 1
    while j < len(rows):
        row = rows[j]
        if all(is_blank(v) for v in row):
            break
        letter_cell = row[k - 1] if k >= 1 and k - 1 < len(row) else None
        if k == 0 or is_blank(letter_cell):
            break
        if not _is_row_letter(letter_cell, r):
            try:
                found = row_index(as_text(letter_cell))
            except ValueError:
                break  # next section of the file
            if r > 0 and _row_of(letter_cell, r) > r and _strictly_increasing_rows(t, j, k):
                # a partial read: the rows in between were not measured (BMG "every 6th row")
                r = _row_of(letter_cell, r)
        if _row_of(letter_cell, r) != r:
            try:
                found = row_index(as_text(letter_cell))
            except ValueError:
                break  # next section of the file
            raise t.error(
                f"{t.where(j)}: expected plate row {row_letter(r)} but found row "
                f"{row_letter(found)}; rows must be in order A, B, C, ...",
                j,
            )
        values = row[k:]
        if t.source == "text" and len(values) < n:
            raise t.error(
                f"{t.where(j)}: plate row {row_letter(r)} has {len(values)} cells but the header on "
                f"{t.at(i)} has {n} columns (a column is missing).",
                j,
            )
        extra = [v for v in values[n:] if not is_blank(v)]
        if extra and (len(extra) > 1 or is_numeric(extra[0])):
            raise t.error(
                f"{t.where(j)}: plate row {row_letter(r)} has {n + len(extra)} values but the header "
                f"on {t.at(i)} has {n} columns.",
                j,
            )
        for c in range(n):
            raw = values[c] if c < len(values) else None
            cells[f"{row_letter(r)}{c + 1}"] = (raw, j, k + c)
        r += 1
        j += 1
        if r >= 32:
            break
    if r == 0:
        raise t.error(f"{t.where(i)}: a column header 1..{n} is not followed by plate rows A, B, ...", i)
    return _Block(i, title, r, n, cells, True), j


def _bare_block(t: _Table, i: int) -> tuple[_Block | None, int]:
    """A run of rows made only of values; a block when its size is a standard plate."""
    rows = t.rows
    j = i
    lengths = []
    while j < len(rows) and not all(is_blank(v) for v in rows[j]):
        row = rows[j]
        trimmed = list(row)
        while trimmed and is_blank(trimmed[-1]):
            trimmed.pop()
        if not trimmed or not any(is_numeric(v) for v in trimmed):
            break
        numeric_share = sum(1 for v in trimmed if is_numeric(v)) / len(trimmed)
        if numeric_share < 0.5:
            break
        lengths.append(len(trimmed) if t.source == "xlsx" else len(row))
        j += 1
    n_rows = len(lengths)
    if n_rows < 2:
        return None, max(j, i + 1)
    counts: dict[int, int] = {}
    for ln in lengths:
        counts[ln] = counts.get(ln, 0) + 1
    n_cols = max(counts, key=lambda c: (counts[c], c))
    if (n_rows, n_cols) not in _GEOMETRIES:
        if t.source == "xlsx" and (n_rows, max(lengths)) in _GEOMETRIES:
            n_cols = max(lengths)
        else:
            return None, j
    for off, ln in enumerate(lengths):
        if t.source == "text" and ln < n_cols:
            raise t.error(
                f"{t.where(i + off)}: plate row {row_letter(off)} has {ln} cells but the other rows of "
                f"this {n_rows}x{n_cols} matrix have {n_cols} (a column is missing).",
                i + off,
            )
        if ln > n_cols and any(not is_blank(v) for v in rows[i + off][n_cols:]):
            raise t.error(
                f"{t.where(i + off)}: plate row {row_letter(off)} has {ln} cells but the other rows of "
                f"this {n_rows}x{n_cols} matrix have {n_cols}.",
                i + off,
            )
    cells = {}
    for r in range(n_rows):
        row = rows[i + r]
        for c in range(n_cols):
            cells[f"{row_letter(r)}{c + 1}"] = (row[c] if c < len(row) else None, i + r, c)
    return _Block(i, _title_above(t, i), n_rows, n_cols, cells, False), j


def find_blocks(t: _Table) -> list[_Block]:
    blocks = []
    i = 0
    rows = t.rows
    while i < len(rows):
        row = rows[i]
        if all(is_blank(v) for v in row):
            i += 1
            continue
        hr = _header_run(row)
        if hr is not None and i + 1 < len(rows):
            k, n = hr
            nxt = rows[i + 1]
            if k >= 1 and k - 1 < len(nxt) and _is_row_letter(nxt[k - 1], 0):
                block, i = _labelled_block(t, i, k, n)
                blocks.append(block)
                continue
        if any(is_numeric(v) for v in row):
            block, nxt_i = _bare_block(t, i)
            if block is not None:
                blocks.append(block)
                i = nxt_i
                continue
            i = max(nxt_i, i + 1)
            continue
        i += 1
    return blocks


def read_matrix(data: bytes) -> ParseResult:
    tables = load_tables(data)
    table, blocks = None, []
    for t in tables:
        blocks = find_blocks(t)
        if blocks:
            table = t
            break
    if table is None:
        raise ParseError(
            "No plate matrix was found: expected a header row 1..N with rows A, B, ... below it, or a bare grid "
            "of numbers the size of a plate (6, 12, 24, 48, 96, 384 or 1536 wells)."
        )
    geos = {(b.rows, b.cols) for b in blocks}
    warnings: list[str] = []
    rows, cols = _block_geometry(blocks[0], warnings)
    for b in blocks[1:]:
        g = _block_geometry(b, [])
        if g != (rows, cols):
            raise table.error(
                f"The matrix at {table.at(b.start)} is {g[0]}x{g[1]} but the first one "
                f"({table.at(blocks[0].start)}) is {rows}x{cols}; all blocks of a file must have the same plate size.",
                b.start,
            )
    if len(geos) > 1:
        warnings.append("Blocks have different numbers of rows; missing rows were left out.")
    titles = [b.title or f"Read {n + 1}" for n, b in enumerate(blocks)]
    if len(blocks) == 1 and not blocks[0].title:
        titles = ["Value"]
    builders = []
    for b, label in zip(blocks, unique_labels(titles), strict=True):
        kind, wl = guess_kind(label)
        rb = ReadBuilder(label, kind, wl)
        for well, (raw, i, j) in b.cells.items():
            value, flag = parse_cell(raw)
            rb.add(well, None, value, flag)
            if flag is not None and not is_blank(raw):
                rb.note_flag_text(well, None, as_text(raw))
            if flag == "invalid":
                warnings.append(
                    f"{table.where(i, j)} (well {well}): {as_text(raw)!r} is not a number; "
                    "the point is flagged invalid."
                )
        builders.append(rb)
    meta = {
        "source": table.source,
        "sheet": table.sheet,
        "delimiter": {"\t": "tab", ";": "semicolon", ",": "comma", " ": "space"}.get(table.delimiter or "")
        if table.source == "text"
        else None,
        "labelled": all(b.labelled for b in blocks),
        "flag_texts": flag_texts_metadata(builders) or None,
    }
    plate = ParsedPlate(
        name=None,
        barcode=None,
        rows=rows,
        columns=cols,
        reads=tuple(rb.build() for rb in builders),
        instrument=None,
        software=None,
        metadata=json_safe({k: v for k, v in meta.items() if v is not None}),
    )
    return ParseResult("matrix", (plate,), tuple(warnings))


def _block_geometry(b: _Block, warnings: list[str]) -> tuple[int, int]:
    if not b.labelled:
        return b.rows, b.cols
    geo = geometry_for_columns(b.cols)
    if geo is not None and b.rows <= geo[0]:
        if b.rows < geo[0]:
            warnings.append(
                f"The matrix has {b.cols} columns but only rows A-{row_letter(b.rows - 1)}; it was read as a "
                f"{geo[0] * geo[1]}-well plate with the remaining rows absent."
            )
        return geo
    geo = geometry_containing(b.rows - 1, b.cols - 1)
    warnings.append(
        f"A {b.rows}x{b.cols} matrix is not a standard plate layout; it was read as a {geo[0] * geo[1]}-well plate."
    )
    return geo


def looks_like_matrix(data: bytes | list[_Table]) -> bool:
    """True when the content (bytes, or tables already read) holds a plate matrix, also a broken one
    (the reader then names the problem)."""
    try:
        return any(find_blocks(t) for t in (load_tables(data) if isinstance(data, bytes) else data))
    except ParseError:
        return True
    except Exception:
        return False


def truncation_warnings(data: bytes) -> list[str]:
    """Warnings when a text export ends inside a labelled plate matrix (used to check allotropy's output)."""
    try:
        (t,) = load_tables(data)
    except Exception:
        return []
    rows = t.rows
    last = len(rows) - 1
    while last >= 0 and all(is_blank(v) for v in rows[last]):
        last -= 1
    for i in range(len(rows)):
        hr = _header_run(rows[i])
        if hr is None or i + 1 >= len(rows):
            continue
        k, n = hr
        if not (k >= 1 and k - 1 < len(rows[i + 1]) and _is_row_letter(rows[i + 1][k - 1], 0)):
            continue
        j, r = i + 1, 0
        while j < len(rows) and k - 1 < len(rows[j]) and _is_row_letter(rows[j][k - 1], r):
            j, r = j + 1, r + 1
        geo = geometry_for_columns(n)
        ends_at_eof = j > last
        # a short last row means a cut only when every row before it is complete: exports of partial
        # plates (MARS without trailing separators) shorten any row whose last wells were not read
        full_before = all(len(rows[x]) - k >= n for x in range(i + 1, last))
        short_last = ends_at_eof and len(rows[last]) - k < n and full_before
        if ends_at_eof and (short_last or (geo is not None and r < geo[0])):
            return [
                f"The file ends inside the plate matrix that starts on line {i + 1} (after row "
                f"{row_letter(max(r - 1, 0))}): it looks truncated; only the complete part was read."
            ]
    return []


def data_block_titles(data: bytes) -> list[str]:
    """Titles of the labelled plate matrices holding at least one number in a text export (plate maps of
    "-" and layouts are not data), in file order; [] when the file is not such a text. Used to check that a
    converter mapped every data block of a vendor export."""
    try:
        (t,) = load_tables(data)
        blocks = find_blocks(t) if t.source == "text" else []
    except Exception:
        return []
    return [
        " ".join((b.title or "untitled").split())
        for b in blocks
        if b.labelled and any(is_numeric(raw) for raw, _i, _j in b.cells.values())
    ]


def header_geometry(data: bytes) -> tuple[int, int] | None:
    """Plate size implied by the widest labelled matrix header of a text export (None when there is none)."""
    try:
        (t,) = load_tables(data)
    except Exception:
        return None
    best = None
    for row in t.rows:
        hr = _header_run(row)
        if hr and hr[0] >= 1:
            geo = geometry_for_columns(hr[1])
            if geo and (best is None or geo[1] > best[1]):
                best = geo
    return best


# --------------------------------------------------------------------------------------------------
# long_csv
# --------------------------------------------------------------------------------------------------

WELL_HEADERS = {"well", "wells", "well position", "well_position", "wellposition", "position", "well id", "wellid",
                "well_id", "location", "well name", "well_name"}  # fmt: skip
VALUE_HEADERS = {"value", "values", "signal", "od", "absorbance", "rlu", "rfu", "fluorescence", "luminescence",
                 "result", "raw", "raw value", "measurement", "reading", "counts", "intensity", "y"}  # fmt: skip
READ_HEADERS = {
    "read",
    "label",
    "read label",
    "read_label",
    "channel",
    "read name",
    "read_name",
    "measurement name",
}
WAVELENGTH_HEADERS = {
    "wavelength",
    "wavelength_nm",
    "wavelength (nm)",
    "wavelength [nm]",
    "wl",
    "nm",
    "lambda",
}
TIME_HEADERS = {"time", "time_s", "time (s)", "time [s]", "seconds", "t", "kinetic time", "time_sec"}
KIND_HEADERS = {"kind", "mode", "detection", "read kind", "read_kind"}
FLAG_HEADERS = {"flag", "flags"}
PLATE_HEADERS = {"plate", "plate name", "plate_name", "plate id", "plate_id"}
BARCODE_HEADERS = {"barcode", "plate barcode", "plate_barcode"}


def _norm_header(v: Any) -> str:
    return re.sub(r"\s+", " ", as_text(v).lower().strip().lstrip("\ufeff"))


def _long_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:20]):
        if all(is_blank(v) for v in row):
            continue
        heads = [_norm_header(v) for v in row]
        cols: dict[str, int] = {}
        for j, h in enumerate(heads):
            for key, names in (
                ("well", WELL_HEADERS),
                ("value", VALUE_HEADERS),
                ("read", READ_HEADERS),
                ("wavelength", WAVELENGTH_HEADERS),
                ("time", TIME_HEADERS),
                ("kind", KIND_HEADERS),
                ("flag", FLAG_HEADERS),
                ("plate", PLATE_HEADERS),
                ("barcode", BARCODE_HEADERS),
            ):
                if h in names and key not in cols:
                    cols[key] = j
        if "well" in cols and "value" in cols:
            return i, cols
        return None  # only the first non-empty row can be the header
    return None


def looks_like_long(data: bytes | list[_Table]) -> bool:
    try:
        return any(_long_header(t.rows) for t in (load_tables(data) if isinstance(data, bytes) else data))
    except Exception:
        return False


def read_long(data: bytes) -> ParseResult:
    tables = load_tables(data)
    found = None
    for t in tables:
        h = _long_header(t.rows)
        if h:
            found = (t, *h)
            break
    if found is None:
        raise ParseError(
            "No long table was found: the first line must be a header with a well column (e.g. 'well') and a "
            "value column (e.g. 'value'), optionally 'read', 'wavelength' and 'time'.",
            line=1,
        )
    t, h, cols = found
    need = max(cols["well"], cols["value"]) + 1
    # plate name -> {read label -> builder}; plate name -> barcode
    plates: dict[str | None, dict[str, ReadBuilder]] = {}
    barcodes: dict[str | None, str | None] = {}
    extent: dict[str | None, tuple[int, int]] = {}
    warnings: list[str] = []
    n_rows = 0

    def cell(row: list[Any], key: str) -> Any:
        j = cols.get(key)
        return row[j] if j is not None and j < len(row) else None

    for i in range(h + 1, len(t.rows)):
        row = t.rows[i]
        if all(is_blank(v) for v in row):
            continue
        if t.source == "text" and len(row) < need:
            raise t.error(
                f"{t.where(i)}: {len(row)} cells, but the header on {t.at(h)} needs at least "
                f"{need} (well and value columns).",
                i,
            )
        wtext = as_text(cell(row, "well"))
        try:
            well = normalize_well(wtext)
        except ValueError:
            raise t.error(
                f"{t.where(i, cols['well'])}: {wtext!r} is not a well name (expected e.g. A1 or A01).",
                i,
                cols["well"],
            ) from None
        plate_name = as_text(cell(row, "plate")) or None
        builders = plates.setdefault(plate_name, {})
        if plate_name not in barcodes or not barcodes[plate_name]:
            barcodes[plate_name] = as_text(cell(row, "barcode")) or None
        label = as_text(cell(row, "read")) or "Value"
        wl = parse_number(as_text(cell(row, "wavelength"))) if "wavelength" in cols else None
        time_raw = cell(row, "time")
        time_s = None
        if "time" in cols and not is_blank(time_raw):
            time_s = parse_number(as_text(time_raw))
            if time_s is None:
                raise t.error(
                    f"{t.where(i, cols['time'])}: time {as_text(time_raw)!r} is not a number of seconds.",
                    i,
                    cols["time"],
                )
        if "read" not in cols and wl is not None:
            label = f"{wl:g}nm"
        b = builders.get(label)
        if b is None:
            kind_text = as_text(cell(row, "kind")).lower()
            kind, guessed_wl = guess_kind(label)
            if kind_text in KINDS:
                kind = kind_text
            elif wl is not None and kind == "other":
                kind = "absorbance"
            b = builders[label] = ReadBuilder(label, kind, wl if wl is not None else guessed_wl)
        raw = cell(row, "value")
        value, flag = parse_cell(raw)
        given_flag = as_text(cell(row, "flag")).lower()
        if given_flag in FLAGS:
            value, flag = None, given_flag  # the portal's own export: empty value plus a flag column
        if not b.add(well, time_s, value, flag):
            raise t.error(
                f"{t.where(i)}: well {well} appears twice for read {label!r}"
                + (f" at time {time_s:g} s" if time_s is not None else "")
                + (f" of plate {plate_name!r}." if plate_name else "."),
                i,
            )
        if flag is not None and not is_blank(raw):
            b.note_flag_text(well, time_s, as_text(raw))
        if flag == "invalid" and given_flag not in FLAGS:
            warnings.append(
                f"{t.where(i, cols['value'])} (well {well}): {as_text(raw)!r} is not a number; "
                "the point is flagged invalid."
            )
        r, c = parse_well(well)
        mr, mc = extent.get(plate_name, (0, 0))
        extent[plate_name] = (max(mr, r), max(mc, c))
        n_rows += 1
    if not n_rows:
        raise ParseError("The table has a header but no data rows.", line=h + 2)
    out = []
    for plate_name, builders in plates.items():
        rows, cols_ = geometry_containing(*extent[plate_name])
        if rows * cols_ < 96:
            rows, cols_ = 8, 12
        out.append(
            ParsedPlate(
                name=plate_name,
                barcode=barcodes.get(plate_name),
                rows=rows,
                columns=cols_,
                reads=tuple(b.build() for b in builders.values()),
                instrument=None,
                software=None,
                metadata=json_safe(
                    {"source": t.source, "flag_texts": flag_texts_metadata(builders.values()) or None}
                ),
            )
        )
    return ParseResult("long_csv", tuple(out), tuple(warnings))
