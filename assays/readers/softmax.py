"""The portal's own reader for Molecular Devices SoftMax Pro text exports (``##BLOCKS=`` files).

allotropy converts most SoftMax Pro exports and stays the first choice (``formats._softmax``). It refuses
or loses some that hold measured data: spectrum reads (absorbance, luminescence), two plate sections
with the same name, a plate section with fewer rows than the plate, a kinetic section with fewer time
points than declared. This module reads every ``Plate:`` section itself so that those files are read
and so that what allotropy returns can be counted against what the file holds.

Layout (export version 1.3), one section per plate, ended by ``~End``:

* the ``Plate:`` header line (tab-separated): name, export version, ``PlateFormat`` or ``TimeFormat``,
  read type (``Endpoint``, ``Kinetic``, ``Spectrum``), read mode (``Absorbance``, ``Fluorescence``,
  ``Luminescence``), [fluorescence only: a TRUE/FALSE bottom-read field], data type (``Raw``,
  ``Reduced``, ``Both``), pre-read, kinetic points (spectrum: number of wavelengths), read time,
  read interval, start/end/step wavelength (spectrum), number of wavelengths, the wavelengths
  ("450 650"), first column, number of columns, number of wells, then for fluorescence and
  luminescence excitation wavelengths, cutoff, cutoff filters, sweep fields, reads per well, PMT gain,
  integration times, first row, number of rows (absorbance: first row, number of rows right after
  the well count);
* ``PlateFormat``: a column line (``<blank>  Temperature(°C)  1 2 .. 12  <blank>  1 2 .. 12``: one run
  of column numbers per wavelength), then one group of plate rows per time point (kinetic: the time
  in the first cell) or per wavelength (spectrum: the wavelength in the first cell), groups
  separated by blank lines;
* ``TimeFormat``: a column line (``Time``/``Wavelength``, ``Temperature(°C)``, ``A1`` ``A2`` ...), then per
  wavelength a group of lines, one per time point (spectrum: one line per wavelength);
* after the raw data, optionally the ``Reduced`` values: a column line whose first two cells are empty
  and one plate (PlateFormat) or one line (TimeFormat) of values. Those are the software's reduction
  (e.g. 450 - 650 nm, Vmax, wavelength of the maximum) and become a calculated read.

Text is decoded by ``base.decode_text`` (UTF-16 with or without BOM, UTF-8, ISO-8859-1); numbers may use
a decimal comma. Geometry comes from the declared well count, never from the wells present.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

from .base import (
    MISSING,
    ParsedPlate,
    ParseError,
    ParseResult,
    Read,
    ReadBuilder,
    classify_token,
    decode_text,
    flag_texts_metadata,
    geometry_for,
    is_blank,
    json_safe,
    normalize_well,
    parse_number,
    unique_labels,
    well_name,
)

_KINDS = {"absorbance": "absorbance", "fluorescence": "fluorescence", "luminescence": "luminescence"}


@dataclass
class SoftMaxHeader:
    """What a ``Plate:`` line declares."""

    name: str
    line: int  # 1-based line number of the Plate: line
    export_format: str  # PlateFormat | TimeFormat
    read_type: str  # Endpoint | Kinetic | Spectrum | Well Scan
    read_mode: str  # Absorbance | Fluorescence | Luminescence
    data_type: str  # Raw | Reduced | Both
    kinetic_points: int | None
    read_time: float | None
    read_interval: float | None
    wavelengths: list[float]
    spectrum: tuple[float, float, float] | None  # start, end, step
    first_column: int
    num_columns: int | None
    num_wells: int | None
    excitation: list[float]
    first_row: int
    num_rows: int | None
    gain: str | None
    reads_per_well: str | None
    bottom_read: bool | None

    @property
    def kind(self) -> str:
        return _KINDS.get(self.read_mode.lower(), "other")


def _cell(cells: list[str], i: int) -> str:
    return cells[i].strip() if i < len(cells) else ""


def _int(text: str) -> int | None:
    v = parse_number(text)
    return int(v) if v is not None and float(v).is_integer() else None


def _numbers(text: str) -> list[float]:
    out = []
    for tok in text.split():
        v = parse_number(tok)
        if v is not None:
            out.append(v)
    return out


def parse_header(cells: list[str], line: int) -> SoftMaxHeader:
    """The fields of one ``Plate:`` line (see the module docstring for their order)."""
    mode = _cell(cells, 5)
    fl = mode.lower() == "fluorescence"
    o = 1 if fl else 0  # fluorescence has a bottom-read field before the data type
    read_type = _cell(cells, 4)
    start, end, step = (parse_number(_cell(cells, i + o)) for i in (11, 12, 13))
    spectrum = (start, end, step) if read_type == "Spectrum" and None not in (start, end, step) else None
    if mode.lower() == "absorbance":
        first_row, num_rows = _int(_cell(cells, 19)), _int(_cell(cells, 20))
        excitation: list[float] = []
        gain = reads = None
    else:
        excitation = _numbers(_cell(cells, 19 + o)) if fl else []
        reads = _cell(cells, 24 + o) or None
        gain = _cell(cells, 25 + o) or None
        first_row, num_rows = _int(_cell(cells, 28 + o)), _int(_cell(cells, 29 + o))
    wavelengths = _numbers(_cell(cells, 15 + o))
    return SoftMaxHeader(
        name=_cell(cells, 1),
        line=line,
        export_format=_cell(cells, 3),
        read_type=read_type,
        read_mode=mode,
        data_type=_cell(cells, 6 + o),
        kinetic_points=_int(_cell(cells, 8 + o)),
        read_time=parse_number(_cell(cells, 9 + o)),
        read_interval=parse_number(_cell(cells, 10 + o)),
        wavelengths=wavelengths,
        spectrum=spectrum,
        first_column=_int(_cell(cells, 16 + o)) or 1,
        num_columns=_int(_cell(cells, 17 + o)),
        num_wells=_int(_cell(cells, 18 + o)),
        excitation=excitation,
        first_row=first_row or 1,
        num_rows=num_rows,
        gain=gain,
        reads_per_well=reads,
        bottom_read={"TRUE": True, "FALSE": False}.get(_cell(cells, 6).upper()) if fl else None,
    )


def plate_headers(data: bytes) -> list[SoftMaxHeader]:
    """Every ``Plate:`` header of a SoftMax Pro text export, in file order."""
    out = []
    for i, line in enumerate(decode_text(data).splitlines(), start=1):
        if line.startswith("Plate:"):
            out.append(parse_header(_split(line), i))
    return out


def _split(line: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter="\t", quotechar='"'))
    except (csv.Error, StopIteration):
        return line.split("\t")


def parse_time(text: str) -> float | None:
    """SoftMax Pro kinetic time ("00:01:30", "1:30", "0:00:01.5", "90") in seconds; None otherwise."""
    t = text.strip()
    if not t:
        return None
    parts = t.split(":")
    try:
        nums = [float(p.replace(",", ".")) for p in parts]
    except ValueError:
        return None
    if len(nums) == 3:
        return nums[0] * 3600 + nums[1] * 60 + nums[2]
    if len(nums) == 2:
        return nums[0] * 60 + nums[1]
    return nums[0] if len(nums) == 1 else None


@dataclass
class _Section:
    header: SoftMaxHeader
    lines: list[tuple[int, list[str]]] = field(default_factory=list)  # (line number, cells) after Plate:


def _sections(text: str) -> tuple[list[_Section], list[list[tuple[int, list[str]]]], int | None, int]:
    """(plate sections, group sections, declared block count, complete blocks) of the file."""
    lines = text.splitlines()
    declared = None
    m = re.match(r"\s*##BLOCKS=\s*(\d+)", lines[0] if lines else "")
    if m:
        declared = int(m.group(1))
    plates: list[_Section] = []
    groups: list[list[tuple[int, list[str]]]] = []
    current: list[tuple[int, list[str]]] | None = None
    ends = 0
    for n, line in enumerate(lines, start=1):
        if line.startswith("~End"):
            ends += 1
            current = None
            continue
        if line.startswith("Plate:"):
            section = _Section(parse_header(_split(line), n))
            plates.append(section)
            current = section.lines
            continue
        if line.startswith("Group:"):
            groups.append([(n, _split(line))])
            current = groups[-1]
            continue
        if line.startswith("Note:"):
            current = None
            continue
        if current is not None:
            current.append((n, _split(line)))
    return plates, groups, declared, ends


def _groups(lines: list[tuple[int, list[str]]]) -> list[list[tuple[int, list[str]]]]:
    """Runs of non-blank lines."""
    out: list[list[tuple[int, list[str]]]] = []
    run: list[tuple[int, list[str]]] = []
    for n, cells in lines:
        if all(is_blank(c) for c in cells):
            if run:
                out.append(run)
                run = []
            continue
        run.append((n, cells))
    if run:
        out.append(run)
    return out


def _is_reduced_header(cells: list[str]) -> bool:
    """The column line of a Reduced block: two empty cells, then column numbers or well names."""
    if len(cells) < 3 or not is_blank(cells[0]) or not is_blank(cells[1]):
        return False
    rest = [c.strip() for c in cells[2:] if c.strip()]
    if not rest:
        return False
    if all(re.fullmatch(r"[A-Za-z]{1,2}\d{1,2}", c) for c in rest):
        return True
    return rest[0] == "1" and all(re.fullmatch(r"\d{1,2}", c) for c in rest)


class _Plate:
    def __init__(self, h: SoftMaxHeader):
        self.h = h
        if h.num_wells is None:
            raise ParseError(
                f"Plate section {h.name!r} (line {h.line}) does not say how many wells the plate has.",
                line=h.line,
            )
        try:
            self.rows, self.columns = geometry_for(h.num_wells)
        except ValueError:
            raise ParseError(
                f"Plate section {h.name!r} (line {h.line}) declares {h.num_wells} wells, which is not a standard "
                "plate.",
                line=h.line,
            ) from None
        self.builders: list[ReadBuilder] = []
        self.warnings: list[str] = []
        self.temperatures: list[float] = []

    def well(self, row0: int, col_number: int, line: int) -> str:
        if not (0 <= row0 < self.rows and 1 <= col_number <= self.columns):
            raise ParseError(
                f"Line {line} of plate section {self.h.name!r} holds a value outside the declared "
                f"{self.h.num_wells}-well plate (row {row0 + 1}, column {col_number}).",
                line=line,
            )
        return well_name(row0, col_number - 1)


def _wl_text(w: float) -> str:
    return f"{w:g}"


def _read_label(h: SoftMaxHeader, index: int) -> tuple[str, float | None, dict]:
    """(label, wavelength, metadata) of the raw read at wavelength index ``index``."""
    kind = h.kind
    meta: dict = {"read_type": h.read_type, "export_format": h.export_format}
    em = h.wavelengths[index] if index < len(h.wavelengths) else None
    ex = h.excitation[index] if index < len(h.excitation) else None
    if h.read_type == "Spectrum":
        meta["spectrum_nm"] = list(h.spectrum) if h.spectrum else None
        label = f"{h.read_mode} spectrum"
        if kind == "fluorescence" and h.wavelengths:
            label += f" (ex {_wl_text(h.wavelengths[0])})"
        return label, None, meta
    if kind == "luminescence" and (em is None or em <= 0):
        em = None  # SoftMax writes 0 for an unfiltered luminescence read
    if kind == "fluorescence":
        if ex is not None:
            meta["excitation_nm"] = ex
        label = (
            f"{_wl_text(ex)}/{_wl_text(em)}"
            if ex and em
            else (f"Em {_wl_text(em)}" if em else "Fluorescence")
        )
    elif kind == "luminescence":
        label = f"Lum {_wl_text(em)}nm" if em else "Lum"
    else:
        label = f"{_wl_text(em)}nm" if em else h.read_mode or "Read"
    if h.gain:
        meta["gain"] = h.gain
    flashes = parse_number(h.reads_per_well or "")
    if flashes is not None:
        meta["flashes"] = flashes  # SoftMax "reads per well": flashes averaged per well
    if h.read_type == "Kinetic":
        if h.read_time is not None:
            meta["run_time_s"] = h.read_time
        if h.read_interval is not None:
            meta["interval_s"] = h.read_interval
        if h.kinetic_points is not None:
            meta["declared_time_points"] = h.kinetic_points
    return label, em, meta


def _temperature(cells: list[str]) -> float | None:
    return parse_number(_cell(cells, 1))


def _add(
    b: ReadBuilder, well: str, raw: str, time_s: float | None = None, wavelength: float | None = None
) -> None:
    text = raw.strip().strip('"')
    v = parse_number(text) if text else None
    if v is not None:
        b.add(well, time_s, v, None, wavelength)
        return
    flag = classify_token(text) if text else MISSING
    if b.add(well, time_s, None, flag, wavelength) and text:
        b.note_flag_text(well, time_s, text)


# --------------------------------------------------------------------------------------------------
# PlateFormat
# --------------------------------------------------------------------------------------------------


def _column_runs(cells: list[str]) -> list[list[tuple[int, int]]]:
    """Runs of (cell index, column number) in a PlateFormat column line, one run per wavelength."""
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for i, c in enumerate(cells[2:], start=2):
        t = c.strip()
        if re.fullmatch(r"\d{1,2}", t):
            run.append((i, int(t)))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _plate_format(p: _Plate, section: _Section) -> None:
    h = section.header
    lines = section.lines
    start = next((k for k, (_n, c) in enumerate(lines) if not all(is_blank(x) for x in c)), None)
    if start is None:
        raise ParseError(f"Plate section {h.name!r} (line {h.line}) holds no data.", line=h.line)
    col_line, col_cells = lines[start]
    runs = _column_runs(col_cells)
    if not runs:
        raise ParseError(
            f"Line {col_line}: the column line of plate section {h.name!r} holds no column numbers.",
            line=col_line,
        )
    body = lines[start + 1 :]
    reduced_at = next((k for k, (_n, c) in enumerate(body) if _is_reduced_header(c)), None)
    raw_lines = body if reduced_at is None else body[:reduced_at]
    reduced_lines = [] if reduced_at is None else body[reduced_at:]
    groups = _groups(raw_lines)
    reduced_only = h.data_type.lower() == "reduced"
    if reduced_only:
        if groups and not reduced_lines:
            reduced_lines = [lines[start], *raw_lines]
        groups = []
        p.warnings.append(
            f"Plate {h.name}: exported as Reduced data only, so the raw values are not in the file; the "
            "reduced values are kept as a calculated read."
        )
    if h.read_type == "Spectrum":
        _plate_spectrum(p, h, groups, runs)
    else:
        n_wl = max(1, len(h.wavelengths))
        if groups and len(runs) < n_wl:
            raise ParseError(
                f"Line {col_line}: plate section {h.name!r} declares {n_wl} wavelengths but its column line has "
                f"{len(runs)} block(s) of columns.",
                line=col_line,
            )
        builders = []
        for w in range(n_wl if groups else 0):
            label, wl, meta = _read_label(h, w)
            builders.append(ReadBuilder(label, h.kind, wl, metadata=meta))
        kinetic = h.read_type == "Kinetic"
        times: list[float] = []
        for g in groups:
            first_n, first = g[0]
            t = parse_time(_cell(first, 0)) if kinetic else None
            if kinetic and t is None:
                raise ParseError(
                    f"Line {first_n}: a time point of the kinetic plate section {h.name!r} has no time "
                    f"({_cell(first, 0)!r}).",
                    line=first_n,
                )
            if not kinetic and len(groups) > 1:
                raise ParseError(
                    f"Line {first_n}: the endpoint plate section {h.name!r} holds more than one plate of values.",
                    line=first_n,
                )
            temp = _temperature(first)
            if temp is not None:
                p.temperatures.append(temp)
            if t is not None:
                times.append(t)
            _plate_rows(p, h, g, runs[:n_wl], builders, t)
        if kinetic and h.kinetic_points and len(times) < h.kinetic_points:
            p.warnings.append(
                f"Plate {h.name}: the section declares {h.kinetic_points} kinetic reads but the file holds "
                f"{len(times)} ({', '.join(_fmt_time(t) for t in times)}); the reads in the file were imported."
            )
        for b in builders:
            if p.temperatures:
                b.metadata["temperature_c"] = p.temperatures[0]
                if len(set(p.temperatures)) > 1:
                    b.metadata["temperatures_c"] = list(p.temperatures)
        p.builders.extend(builders)
    if reduced_lines:
        _plate_reduced(p, h, reduced_lines)


def _plate_rows(p: _Plate, h: SoftMaxHeader, g, runs, builders, t: float | None, wavelength=None) -> None:
    if len(g) > p.rows:
        raise ParseError(
            f"Line {g[p.rows][0]}: plate section {h.name!r} holds more rows than its {h.num_wells}-well plate has.",
            line=g[p.rows][0],
        )
    declared_rows = h.num_rows if h.num_rows and h.num_rows <= p.rows else p.rows
    if len(g) < declared_rows:
        present = _row_letters(h.first_row - 1, len(g))
        missing = _row_letters(h.first_row - 1 + len(g), declared_rows - len(g))
        note = (
            f"Plate {h.name}: a block of raw values holds rows {present} of the {declared_rows} the section "
            f"declares; {'rows' if declared_rows - len(g) > 1 else 'row'} {missing} {'are' if declared_rows - len(g) > 1 else 'is'} not "
            "in the file (nothing was invented for them)."
        )
        if note not in p.warnings:
            p.warnings.append(note)
    for r, (n, cells) in enumerate(g):
        row0 = h.first_row - 1 + r
        for b, run in zip(builders, runs, strict=False):
            for idx, col in run:
                if idx >= len(cells):
                    continue
                raw = cells[idx]
                if is_blank(raw):
                    continue  # a well the section did not read (partial plate)
                _add(b, p.well(row0, col, n), raw, t, wavelength)


def _row_letters(start0: int, count: int) -> str:
    if count <= 0:
        return "-"
    from .base import row_letter

    first, last = row_letter(start0), row_letter(min(start0 + count - 1, 31))
    return first if count == 1 else f"{first}-{last}"


def _fmt_time(t: float) -> str:
    return f"{int(t // 3600):02d}:{int(t % 3600 // 60):02d}:{t % 60:02g}" if t >= 0 else f"{t:g} s"


def _plate_spectrum(p: _Plate, h: SoftMaxHeader, groups, runs) -> None:
    if not groups:
        return
    label, _wl, meta = _read_label(h, 0)
    b = ReadBuilder(label, h.kind, None, metadata=meta)
    seen = []
    for g in groups:
        first_n, first = g[0]
        wl = parse_number(_cell(first, 0))
        if wl is None:
            raise ParseError(
                f"Line {first_n}: a wavelength block of the spectrum plate section {h.name!r} has no wavelength "
                f"({_cell(first, 0)!r}).",
                line=first_n,
            )
        seen.append(wl)
        temp = _temperature(first)
        if temp is not None:
            p.temperatures.append(temp)
        _plate_rows(p, h, g, runs[:1], [b], None, wl)
    if h.kinetic_points and len(seen) < h.kinetic_points:
        p.warnings.append(
            f"Plate {h.name}: the spectrum declares {h.kinetic_points} wavelengths but the file holds {len(seen)}."
        )
    if p.temperatures:
        b.metadata["temperature_c"] = p.temperatures[0]
    p.builders.append(b)


def _reduced_builder(h: SoftMaxHeader) -> ReadBuilder:
    kind = "other" if h.read_type == "Spectrum" else h.kind
    wl = None
    if h.read_type != "Spectrum" and len(h.wavelengths) == 1 and kind in ("absorbance", "fluorescence"):
        wl = h.wavelengths[0]
    meta = {"data_type": "reduced", "read_type": h.read_type}
    return ReadBuilder("Reduced", kind, wl, calculated=True, metadata=meta)


def _plate_reduced(p: _Plate, h: SoftMaxHeader, lines) -> None:
    groups = _groups(lines)
    if not groups:
        return
    g = groups[0]
    col_n, col_cells = g[0]
    runs = _column_runs(col_cells)
    if not runs:
        return
    b = _reduced_builder(h)
    rows = g[1:]
    if len(rows) > p.rows:
        raise ParseError(
            f"Line {rows[p.rows][0]}: the Reduced block of plate section {h.name!r} holds more rows than the "
            "plate has.",
            line=rows[p.rows][0],
        )
    for r, (n, cells) in enumerate(rows):
        for idx, col in runs[0]:
            if idx < len(cells) and not is_blank(cells[idx]):
                _add(b, p.well(h.first_row - 1 + r, col, n), cells[idx])
    if b.points:
        p.builders.append(b)


# --------------------------------------------------------------------------------------------------
# TimeFormat
# --------------------------------------------------------------------------------------------------


def _well_columns(cells: list[str], line: int, h: SoftMaxHeader, p: _Plate) -> list[tuple[int, str]]:
    out = []
    for i, c in enumerate(cells[2:], start=2):
        t = c.strip()
        if not t:
            continue
        try:
            well = normalize_well(t)
        except ValueError:
            raise ParseError(
                f"Line {line}: {t!r} in the well line of plate section {h.name!r} is not a well.", line=line
            ) from None
        p.well(*_rc(well), line)
        out.append((i, well))
    return out


def _rc(well: str) -> tuple[int, int]:
    from .base import parse_well

    r, c = parse_well(well)
    return r, c + 1


def _time_format(p: _Plate, section: _Section) -> None:
    h = section.header
    lines = section.lines
    start = next((k for k, (_n, c) in enumerate(lines) if not all(is_blank(x) for x in c)), None)
    if start is None:
        raise ParseError(f"Plate section {h.name!r} (line {h.line}) holds no data.", line=h.line)
    reduced_only = h.data_type.lower() == "reduced"
    col_line, col_cells = lines[start]
    if reduced_only or _is_reduced_header(col_cells):
        if reduced_only:
            p.warnings.append(
                f"Plate {h.name}: exported as Reduced data only, so the raw values are not in the file; the "
                "reduced values are kept as a calculated read."
            )
        _time_reduced(p, h, lines[start:])
        return
    wells = _well_columns(col_cells, col_line, h, p)
    body = lines[start + 1 :]
    reduced_at = next((k for k, (_n, c) in enumerate(body) if _is_reduced_header(c)), None)
    raw = body if reduced_at is None else body[:reduced_at]
    groups = _groups(raw)
    kinetic = h.read_type == "Kinetic"
    if h.read_type == "Spectrum":
        label, _wl, meta = _read_label(h, 0)
        b = ReadBuilder(label, h.kind, None, metadata=meta)
        n_seen = 0
        for g in groups:
            for n, cells in g:
                wl = parse_number(_cell(cells, 0))
                if wl is None:
                    raise ParseError(
                        f"Line {n}: a line of the spectrum plate section {h.name!r} has no wavelength "
                        f"({_cell(cells, 0)!r}).",
                        line=n,
                    )
                _time_line(p, h, n, cells, wells, b, None, wl)
                n_seen += 1
        if h.kinetic_points and n_seen < h.kinetic_points:
            p.warnings.append(
                f"Plate {h.name}: the spectrum declares {h.kinetic_points} wavelengths but the file holds {n_seen}."
            )
        if p.temperatures:
            b.metadata["temperature_c"] = p.temperatures[0]
        p.builders.append(b)
    else:
        n_wl = max(1, len(h.wavelengths))
        if len(groups) != n_wl:
            raise ParseError(
                f"Plate section {h.name!r} (line {h.line}) declares {n_wl} wavelength(s) but holds {len(groups)} "
                "block(s) of values: the export is incomplete or was edited.",
                line=h.line,
            )
        for w, g in enumerate(groups):
            label, wl, meta = _read_label(h, w)
            b = ReadBuilder(label, h.kind, wl, metadata=meta)
            temps: list[float] = []
            times = []
            for n, cells in g:
                t = parse_time(_cell(cells, 0)) if kinetic else None
                if kinetic and t is None:
                    raise ParseError(
                        f"Line {n}: a line of the kinetic plate section {h.name!r} has no time ({_cell(cells, 0)!r}).",
                        line=n,
                    )
                if not kinetic and len(g) > 1:
                    raise ParseError(
                        f"Line {n}: the endpoint plate section {h.name!r} holds more than one line per wavelength.",
                        line=n,
                    )
                temp = _temperature(cells)
                if temp is not None:
                    temps.append(temp)
                if t is not None:
                    times.append(t)
                _time_line(p, h, n, cells, wells, b, t, None)
            if temps:
                b.metadata["temperature_c"] = temps[0]
                if len(set(temps)) > 1:
                    b.metadata["temperatures_c"] = temps
            if kinetic and h.kinetic_points and len(times) < h.kinetic_points and w == 0:
                p.warnings.append(
                    f"Plate {h.name}: the section declares {h.kinetic_points} kinetic reads but the file holds "
                    f"{len(times)}; the reads in the file were imported."
                )
            p.builders.append(b)
    if reduced_at is not None:
        _time_reduced(p, h, body[reduced_at:])


def _time_line(p, h, n, cells, wells, b, t, wl) -> None:
    values = cells[2:]
    while values and is_blank(values[-1]):
        values.pop()
    if len(values) < len(wells):
        raise ParseError(
            f"Line {n}: the data line of plate section {h.name!r} holds {len(values)} values under a header of "
            f"{len(wells)} wells: the export is incomplete or was edited.",
            line=n,
        )
    temp = _temperature(cells)
    if temp is not None and wl is not None:
        p.temperatures.append(temp)
    for idx, well in wells:
        if idx < len(cells) and not is_blank(cells[idx]):
            _add(b, well, cells[idx], t, wl)


def _time_reduced(p: _Plate, h: SoftMaxHeader, lines) -> None:
    groups = _groups(lines)
    if not groups:
        return
    g = groups[0]
    col_n, col_cells = g[0]
    wells = _well_columns(col_cells, col_n, h, p)
    b = _reduced_builder(h)
    for _n, cells in g[1:2]:
        for idx, well in wells:
            if idx < len(cells) and not is_blank(cells[idx]):
                _add(b, well, cells[idx])
    if b.points:
        p.builders.append(b)


# --------------------------------------------------------------------------------------------------
# Groups (sample names)
# --------------------------------------------------------------------------------------------------


def _group_samples(groups, plate_names: list[str]) -> dict[str, dict[str, dict]]:
    """{plate name: {well: {"id": sample, "group": group}}} from the Group sections' Sample/Well(s) columns.
    A group without a WellPlateName column is assigned only when the file has a single plate."""
    out: dict[str, dict[str, dict]] = {}
    for g in groups:
        name = _cell(g[0][1], 0).removeprefix("Group:").strip()
        if len(g) < 2:
            continue
        head = [c.strip() for c in g[1][1]]
        well_col = next((i for i, c in enumerate(head) if c in ("Well", "Wells")), None)
        sample_col = head.index("Sample") if "Sample" in head else None
        plate_col = head.index("WellPlateName") if "WellPlateName" in head else None
        if well_col is None or sample_col is None:
            continue
        sample = None
        for _n, cells in g[2:]:
            if all(is_blank(c) for c in cells):
                break
            s = _cell(cells, sample_col)
            if s:
                sample = s
            try:
                well = normalize_well(_cell(cells, well_col))
            except ValueError:
                continue
            plate = _cell(cells, plate_col) if plate_col is not None else None
            if plate is None:
                if len(plate_names) != 1:
                    continue
                plate = plate_names[0]
            if sample:
                out.setdefault(plate, {}).setdefault(well, {"id": sample, "group": name})
    return out


# --------------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------------


def looks_like_softmax(text: str) -> bool:
    return bool(re.match(r"\s*##BLOCKS=\s*\d+", text))


def parse_softmax(data: bytes) -> ParseResult:
    text = decode_text(data)
    if not looks_like_softmax(text):
        raise ParseError("This is not a SoftMax Pro text export (it does not start with ##BLOCKS=).")
    sections, groups, declared, ends = _sections(text)
    if not sections:
        raise ParseError("This SoftMax Pro file holds no plate section (no 'Plate:' block).")
    warnings: list[str] = []
    if declared is not None and ends < declared:
        warnings.append(
            f"The file announces {declared} blocks (##BLOCKS= {declared}) but only {ends} are complete: it looks "
            "truncated; only the complete part was read."
        )
    names = [s.header.name or f"Plate {i + 1}" for i, s in enumerate(sections)]
    if len(set(names)) < len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        warnings.append(
            f"Several plate sections share the name {', '.join(dup)}; each section is kept as its own plate "
            "(numbered in file order)."
        )
    unique = unique_labels(names)
    samples = _group_samples(groups, names)
    plates = []
    for section, name in zip(sections, unique, strict=True):
        h = section.header
        if h.read_type not in ("Endpoint", "Kinetic", "Spectrum"):
            raise ParseError(
                f"Plate section {h.name!r} (line {h.line}) is a {h.read_type or 'blank'} read; the portal reads "
                "Endpoint, Kinetic and Spectrum reads from SoftMax Pro.",
                line=h.line,
            )
        if h.export_format not in ("PlateFormat", "TimeFormat"):
            raise ParseError(
                f"Plate section {h.name!r} (line {h.line}) has the export format {h.export_format!r}; SoftMax Pro "
                "writes PlateFormat or TimeFormat.",
                line=h.line,
            )
        p = _Plate(h)
        (_plate_format if h.export_format == "PlateFormat" else _time_format)(p, section)
        warnings.extend(p.warnings)
        builders = p.builders
        labels = unique_labels([b.label for b in builders])
        for b, lab in zip(builders, labels, strict=True):
            b.label = lab
        reads: tuple[Read, ...] = tuple(b.build() for b in builders if b.points)
        meta: dict = {
            "export_format": h.export_format,
            "read_type": h.read_type,
            "declared_wells": h.num_wells,
        }
        if h.num_columns and h.num_columns < p.columns:
            meta["columns_read"] = [h.first_column, h.first_column + h.num_columns - 1]
        if h.num_rows and h.num_rows < p.rows:
            meta["rows_read"] = [h.first_row, h.first_row + h.num_rows - 1]
        if samples.get(h.name):
            meta["samples"] = samples[h.name]
        flags = flag_texts_metadata(builders)
        if flags:
            meta["flag_texts"] = flags
        plates.append(
            ParsedPlate(
                name=name,
                barcode=None,
                rows=p.rows,
                columns=p.columns,
                reads=reads,
                software="SoftMax Pro",
                metadata=json_safe(meta),
            )
        )
    return ParseResult("softmax_pro", tuple(plates), tuple(dict.fromkeys(warnings)))


def merge_settings(converted: ParseResult, own: ParseResult) -> ParseResult:
    """allotropy's result with the read settings the file declares (temperature, excitation, gain, kinetic
    interval ...) copied from the portal's own reading, plate by plate and measured read by measured read,
    where both list the same reads. A luminescence wavelength of 0 (SoftMax Pro's "no filter") is dropped."""
    from dataclasses import replace

    plates = []
    same_plates = len(converted.plates) == len(own.plates)
    for i, p in enumerate(converted.plates):
        theirs = [r for r in own.plates[i].reads if not r.calculated] if same_plates else []
        ours = [r for r in p.reads if not r.calculated]
        pairs = {}
        if len(theirs) == len(ours) and all(a.kind == b.kind for a, b in zip(ours, theirs, strict=True)):
            pairs = {id(a): b for a, b in zip(ours, theirs, strict=True)}
        reads = []
        for r in p.reads:
            mine = pairs.get(id(r))
            if mine is not None:
                r = replace(r, metadata={**mine.metadata, **r.metadata})
            if r.kind == "luminescence" and r.wavelength_nm is not None and r.wavelength_nm <= 0:
                r = replace(r, wavelength_nm=None, label=re.sub(r"^Lum 0nm$", "Lum", r.label))
            reads.append(r)
        meta = dict(p.metadata)
        if same_plates:
            for key in ("export_format", "read_type", "declared_wells", "columns_read", "rows_read"):
                if key in own.plates[i].metadata:
                    meta.setdefault(key, own.plates[i].metadata[key])
        plates.append(replace(p, reads=tuple(reads), metadata=meta))
    return replace(converted, plates=tuple(plates))


__all__ = [
    "SoftMaxHeader",
    "merge_settings",
    "looks_like_softmax",
    "parse_header",
    "parse_softmax",
    "plate_headers",
]
