"""The list of supported formats and ``read_plate_file``, the one entry point callers need."""

from __future__ import annotations

import logging
from collections.abc import Callable

from .base import (
    EmptyFile,
    FormatInfo,
    ParsedPlate,
    ParseError,
    ParseResult,
    ReaderError,
    UnrecognizedFormat,
    decode_text,
    parse_well,
)
from .limits import DEFAULT_LIMITS, Limits, active_limits, check_file, reset_limits, using_limits

log = logging.getLogger(__name__)

FORMATS: tuple[FormatInfo, ...] = (
    FormatInfo("gen5", "Gen5 text export", "Agilent BioTek", (".txt",),
               "BioTek/Agilent Gen5 plate export (tab-separated text): matrices per read, calculated blocks.",
               "allotropy"),
    FormatInfo("gen5_kinetic_columns", "Gen5 kinetic export (column orientation)", "Agilent BioTek", (".txt",),
               "Gen5 kinetic data with a Time column and one column per well (e.g. Synergy Neo).", "portal"),
    FormatInfo("gen5_xlsx", "Gen5 Excel export", "Agilent BioTek", (".xlsx",),
               "Gen5 'Export to Excel' workbook: the lines of the Gen5 text export in cells (endpoint, kinetic, "
               "spectra), read as that text export.", "portal"),
    FormatInfo("softmax_pro", "SoftMax Pro text export", "Molecular Devices", (".txt",),
               "SoftMax Pro plate and group blocks (##BLOCKS): endpoint, kinetic and spectrum reads, PlateFormat or "
               "TimeFormat, several plates per file; the portal's own reader where allotropy cannot convert a "
               "file or converts less than it holds.", "allotropy"),
    FormatInfo("bmg_mars", "BMG MARS export", "BMG LABTECH", (".csv",),
               "BMG MARS CSV (PHERAstar, CLARIOstar, ...): header lines and a raw-data matrix.", "allotropy"),
    FormatInfo("bmg_mars_xlsx", "BMG MARS Excel export", "BMG LABTECH", (".xlsx",),
               "BMG MARS export to Excel: the lines of the MARS CSV export in cells, read as that CSV export.",
               "portal"),
    FormatInfo("bmg_smart_control", "BMG SMART Control workbook", "BMG LABTECH", (".xlsx",),
               "BMG SMART Control .xlsx: layout, concentrations, raw and blank-corrected matrices.", "allotropy"),
    FormatInfo("envision", "EnVision export", "Revvity (PerkinElmer)", (".csv",),
               "PerkinElmer/Revvity EnVision CSV: plate information, result matrices, calculated results.",
               "allotropy"),
    FormatInfo("kaleido", "Kaleido export", "Revvity", (".csv",),
               "Revvity Kaleido CSV (EnSight, VICTOR Nivo): results matrix with metadata after the data.",
               "allotropy"),
    FormatInfo("victor_nivo", "VICTOR Nivo export", "Revvity (PerkinElmer)", (".csv",),
               "PerkinElmer/Revvity VICTOR Nivo CSV ('WELL RESULTS'): endpoint and kinetic operations, declared "
               "plate format; the plate map is not data.", "portal"),
    FormatInfo("victor_x3", "VICTOR X3/X4 export", "Revvity (PerkinElmer)", (".txt", ".csv", ".xlsx"),
               "PerkinElmer/Wallac VICTOR X3, X4 and 1420 list export ('Plate, Repeat, Well, Type, Time, <label>'), "
               "text or .xlsx: a run with repeats is one kinetic read per label; the per-repeat grids are copies.",
               "portal"),
    FormatInfo("msd", "Methodical Mind export", "Meso Scale Discovery", (".txt",),
               "MSD Methodical Mind (MMPR) text export: electrochemiluminescence matrix per plate.", "portal"),
    FormatInfo("tecan_spark_csv", "SparkControl / i-control CSV export", "Tecan", (".csv",),
               "Tecan Spark (SparkControl) and infinite (i-control) CSV: endpoint well lists ('<>,Value,Time [ms]') "
               "and kinetic 'Cycle Nr.' tables (one line per well or per cycle), settings per read.",
               "portal"),
    FormatInfo("skanit_csv", "SkanIt CSV export", "Thermo Fisher Scientific", (".csv",),
               "Thermo SkanIt 'Measurement results' CSV: one matrix per plate (plate stacker runs).", "portal"),
    FormatInfo("tecan_magellan", "Magellan workbook", "Tecan", (".xlsx",),
               "Tecan Magellan .xlsx in list format (one row per well, one column per label); kinetic workbooks "
               "(one line per cycle, then the wells' values per cycle) are read by the portal as one kinetic read.",
               "allotropy"),
    FormatInfo("tecan_spark", "SparkControl workbook", "Tecan", (".xlsx",),
               "Tecan Spark (SparkControl) .xlsx result sheet with <> grids.", "portal"),
    FormatInfo("tecan_icontrol", "i-control workbook", "Tecan", (".xlsx",),
               "Tecan infinite (i-control) .xlsx: labelled <> grids and kinetic cycle tables.", "portal"),
    FormatInfo("skanit", "SkanIt workbook", "Thermo Fisher Scientific", (".xlsx",),
               "Thermo SkanIt .xlsx (Varioskan, Fluoroskan, Luminoskan): measurement and calculation sheets.",
               "allotropy"),
    FormatInfo("skanit_results", "SkanIt kinetic results workbook", "Thermo Fisher Scientific", (".xlsx",),
               "Thermo SkanIt .xlsx whose '... results' sheet holds kinetic 'Reading' tables (values and 'Times [s]') "
               "without the 'Raw data' sheets.", "portal"),
    FormatInfo("multiskan_long", "Multiskan Sky workbook (long format)", "Thermo Fisher Scientific", (".xlsx",),
               "Thermo Multiskan Sky .xlsx with 'Raw data' sheets listing well, wavelength, value and time.",
               "portal"),
    FormatInfo("glomax", "GloMax workbook", "Promega", (".xlsx",),
               "Promega GloMax Navigator/Discover .xlsx: 'Results' matrices per measurement step.", "portal"),
    FormatInfo("matrix", "Plate matrix (CSV, TSV or XLSX)", "Generic", (".csv", ".tsv", ".txt", ".xlsx"),
               "A plain plate matrix, with or without row letters and column numbers, 6 to 1536 wells; several "
               "blocks become several reads.", "portal"),
    FormatInfo("long_csv", "Long table (well, value[, read])", "Generic", (".csv", ".tsv", ".txt", ".xlsx"),
               "One row per well (and read/time): columns well, value, optionally read, wavelength, time.",
               "portal"),
)  # fmt: skip

FORMAT_KEYS = tuple(f.key for f in FORMATS)
_BY_KEY = {f.key: f for f in FORMATS}

# aliases a client may send (allotropy's Vendor names, vendor names, older spellings)
ALIASES = {
    "agilent_gen5": "gen5",
    "biotek": "gen5",
    "moldev_softmax_pro": "softmax_pro",
    "softmax": "softmax_pro",
    "softmaxpro": "softmax_pro",
    "mars": "bmg_mars",
    "mars_xlsx": "bmg_mars_xlsx",
    "gen5_excel": "gen5_xlsx",
    "bmg_labtech_smart_control": "bmg_smart_control",
    "perkin_elmer_envision": "envision",
    "revvity_kaleido": "kaleido",
    "magellan": "tecan_magellan",
    "spark": "tecan_spark",
    "icontrol": "tecan_icontrol",
    "i-control": "tecan_icontrol",
    "thermo_skanit": "skanit",
    "multiskan": "multiskan_long",
    "multiskan_sky": "multiskan_long",
    "promega_glomax": "glomax",
    "nivo": "victor_nivo",
    "victor": "victor_nivo",
    "victor_x4": "victor_x3",
    "victorx3": "victor_x3",
    "wallac": "victor_x3",
    "methodical_mind": "msd",
    "long": "long_csv",
    "csv": "matrix",
    "plain": "matrix",
}


def format_info(key: str) -> FormatInfo:
    return _BY_KEY[key]


def normalize_vendor(vendor: str) -> str:
    v = str(vendor).strip().lower().replace(" ", "_")
    v = ALIASES.get(v, v)
    if v not in _BY_KEY:
        from .detect import unrecognized

        raise unrecognized(f"Unknown format {vendor!r}.")
    return v


# --------------------------------------------------------------------------------------------------
# Readers per key
# --------------------------------------------------------------------------------------------------


def _gen5(data: bytes, filename: str | None) -> ParseResult:
    from .allotropy_reader import read_with_allotropy
    from .gen5 import parse_gen5

    try:
        converted = read_with_allotropy(data, "gen5", filename)
    except ParseError as allotropy_error:
        try:
            own = parse_gen5(data, strict=True)
        except ParseError as own_error:
            raise ParseError(
                f"{own_error.message} (allotropy: {allotropy_error.message.rstrip('.')})",
                line=own_error.line,
                cell=own_error.cell,
            ) from own_error
        note = (
            "Read with the portal's own Gen5 reader: allotropy could not convert this file "
            f"({allotropy_error.message.rstrip('.')})."
        )
        if own.plates and any(r.is_spectral for p in own.plates for r in p.reads):
            note = "Read with the portal's own Gen5 reader, which reads spectral scans (allotropy does not)."
        return ParseResult("gen5", own.plates, (note, *own.warnings))
    try:
        own = parse_gen5(data, strict=False)
    except ReaderError:
        return converted
    lost = _fewer_measured(converted, own)
    if lost:
        note = (
            f"allotropy {lost}; the file was read with the portal's own Gen5 reader, which maps every block."
        )
        return ParseResult("gen5", own.plates, (note, *own.warnings))
    return declared_geometry(converted, own)


def declared_geometry(converted: ParseResult, own: ParseResult) -> ParseResult:
    """allotropy's plates with the rows x columns the file declares (as the portal's own reader found
    them: Gen5 "Plate Type", SoftMax Pro well count) where allotropy sized a plate from the wells read
    (a 384-well plate with 6 wells read is 16 x 24, not 2 x 3)."""
    from dataclasses import replace

    if len(converted.plates) != len(own.plates):
        return converted
    plates = []
    for theirs, mine in zip(converted.plates, own.plates, strict=True):
        bigger = mine.rows * mine.columns > theirs.rows * theirs.columns
        fits = all(
            parse_well(w)[0] < mine.rows and parse_well(w)[1] < mine.columns
            for r in theirs.reads
            for w in r.wells
        )
        plates.append(replace(theirs, rows=mine.rows, columns=mine.columns) if bigger and fits else theirs)
    return replace(converted, plates=tuple(plates))


def _softmax(data: bytes, filename: str | None) -> ParseResult:
    """allotropy first; the portal's own SoftMax Pro reader when allotropy refuses the file or converts
    less than the file holds (spectra, a plate section with missing rows or time points, two sections
    with the same name). When both agree, allotropy's result (with its group calculations and sample
    names) is kept and the read settings the file declares are added to its reads."""
    from .allotropy_reader import read_with_allotropy, reason_of
    from .softmax import parse_softmax

    try:
        converted = read_with_allotropy(data, "softmax_pro", filename)
    except ParseError as allotropy_error:
        own = parse_softmax(data)  # its own ParseError is plain and names the line
        note = (
            "Read with the portal's own SoftMax Pro reader: the converter (allotropy) could not convert this "
            f"file ({reason_of(allotropy_error.message)})."
        )
        return ParseResult("softmax_pro", own.plates, (note, *own.warnings))
    try:
        own = parse_softmax(data)
    except ReaderError:
        return converted
    lost = _fewer_measured(converted, own)
    if lost:
        note = f"allotropy {lost}; the file was read with the portal's own SoftMax Pro reader, which maps every block."
        return ParseResult("softmax_pro", own.plates, (note, *own.warnings))
    from .softmax import merge_settings

    return declared_geometry(merge_settings(converted, own), own)


def _magellan(data: bytes, filename: str | None) -> ParseResult:
    """Magellan kinetic workbooks (cycle lines, then wells with a value per cycle) by the portal's reader;
    list exports by allotropy."""
    from .base import load_workbook_rows
    from .workbooks import magellan_kinetic_sheet, read_magellan_kinetic

    if magellan_kinetic_sheet(load_workbook_rows(data, max_rows=10)):
        return read_magellan_kinetic(data)
    from .allotropy_reader import read_with_allotropy

    return read_with_allotropy(data, "tecan_magellan", filename)


def _workbook(func: str, data: bytes, filename: str | None) -> ParseResult:
    from . import workbooks

    return getattr(workbooks, func)(data, filename)


def measured_summary(result: ParseResult) -> tuple[int, int, int]:
    """(measured reads, measured points, series reads) of a result: what a cross-check counts."""
    reads = [r for p in result.plates for r in p.reads if not r.calculated]
    return len(reads), sum(len(r.points) for r in reads), sum(1 for r in reads if r.mode != "endpoint")


def _fewer_measured(converted: ParseResult, own: ParseResult) -> str:
    """A reason when allotropy's result holds fewer measured reads, points or series than the file
    (as counted by the portal's own reader); "" when it holds at least as much."""
    c_reads, c_points, c_series = measured_summary(converted)
    o_reads, o_points, o_series = measured_summary(own)
    if o_series > c_series:
        return (
            f"converted {c_series} of the {o_series} kinetic or spectral read(s) in this file as series "
            "(it returns only the vendor's summary of the others)"
        )
    if o_reads > c_reads:
        return f"converted {c_reads} of the {o_reads} measured reads in this file"
    if o_points > c_points:
        return f"converted {c_points} of the {o_points} measured values in this file"
    return ""


def _allotropy(key: str) -> Callable[[bytes, str | None], ParseResult]:
    def run(data: bytes, filename: str | None) -> ParseResult:
        from .allotropy_reader import read_with_allotropy

        return read_with_allotropy(data, key, filename)

    return run


def _own(module: str, func: str) -> Callable[[bytes, str | None], ParseResult]:
    def run(data: bytes, filename: str | None) -> ParseResult:
        import importlib

        return getattr(importlib.import_module(f"{__package__}.{module}"), func)(data)

    return run


READERS: dict[str, Callable[[bytes, str | None], ParseResult]] = {
    "gen5": _gen5,
    "gen5_kinetic_columns": _own("gen5", "read_gen5_kinetic_columns"),
    "softmax_pro": _softmax,
    "bmg_mars": _allotropy("bmg_mars"),
    "bmg_smart_control": _allotropy("bmg_smart_control"),
    "envision": _allotropy("envision"),
    "kaleido": _allotropy("kaleido"),
    "tecan_magellan": _magellan,
    "gen5_xlsx": lambda data, filename: _workbook("read_gen5_workbook", data, filename),
    "bmg_mars_xlsx": lambda data, filename: _workbook("read_mars_workbook", data, filename),
    "skanit": _allotropy("skanit"),
    "tecan_spark": _own("tecan", "read_tecan_spark"),
    "victor_nivo": _own("textexports", "read_victor_nivo"),
    "msd": _own("textexports", "read_msd"),
    "victor_x3": _own("victor", "read_victor"),
    "tecan_spark_csv": _own("textexports", "read_tecan_spark_csv"),
    "skanit_csv": _own("textexports", "read_skanit_csv"),
    "tecan_icontrol": _own("tecan", "read_tecan_icontrol"),
    "multiskan_long": _own("multiskan", "read_multiskan_long"),
    "skanit_results": _own("multiskan", "read_skanit_results"),
    "glomax": _own("glomax", "read_glomax"),
    "matrix": _own("matrix", "read_matrix"),
    "long_csv": _own("matrix", "read_long"),
}


_PRELOADED = False


def preload() -> None:
    """Import what the readers use (allotropy, pandas, openpyxl: seconds) in this process, once, so that
    a parse in a forked child (``limits.run_bounded``) does not import them again for every file."""
    global _PRELOADED
    if _PRELOADED:
        return
    import openpyxl  # noqa: F401
    from allotropy.allotrope.converter import unstructure  # noqa: F401
    from allotropy.parser_factory import Vendor  # noqa: F401
    from allotropy.to_allotrope import allotrope_model_from_io  # noqa: F401

    _PRELOADED = True


def read_plate_file(
    data: bytes, *, filename: str | None = None, vendor: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> ParseResult:
    """Parse plate-reader export bytes. Raises only ReaderError subclasses.

    ``vendor`` None: the format is detected from the content. A forced ``vendor`` (a key of FORMATS or an
    alias) that does not fit the content raises ParseError saying what the file looks like instead.
    The file is first measured against ``limits`` (``limits.check_file``): a file beyond them raises
    LimitExceeded (code ``file_too_large``) before any parser, allotropy included, sees it.
    """

    if data is None or not isinstance(data, bytes | bytearray | memoryview):
        raise EmptyFile("No file content was given.")
    data = bytes(data)
    if not data.strip() or not decode_text(data[:200000]).strip():
        raise EmptyFile("The file is empty (no bytes or only blank lines).")
    check_file(data, limits)
    token = using_limits(limits, data)
    try:
        return _read_checked(data, filename, vendor)
    finally:
        reset_limits(token)


def _read_checked(data: bytes, filename: str | None, vendor: str | None) -> ParseResult:
    from .detect import detect_format

    forced = vendor is not None and str(vendor).strip() != ""
    try:
        key = normalize_vendor(vendor) if forced else detect_format(data, filename, active_limits())
    except UnrecognizedFormat as exc:
        damaged = getattr(exc, "damaged_workbook", None)
        if damaged:
            raise ParseError(
                f"The .xlsx workbook is damaged or truncated and cannot be opened: {damaged}"
            ) from exc
        raise
    info = _BY_KEY[key]
    try:
        result = READERS[key](data, filename)
    except ReaderError as exc:
        if forced:
            raise _forced_mismatch(exc, info, data, filename) from exc
        raise
    except Exception as exc:  # a reader bug or an odd file: never leak anything but ReaderError
        # the library's own text (pandas' "C error: Expected 3 fields", a KeyError) says nothing a person
        # can act on: it goes to the log, the message names the format and the file's likely problem
        log.warning("the %s reader failed on %s", key, filename or "an upload", exc_info=True)
        message = (
            f"The file could not be read as {info.name}: its content does not have the layout of a "
            f"{info.name} (check that it is an unmodified export of the whole plate)."
        )
        if forced:
            raise _forced_mismatch(ParseError(message), info, data, filename) from exc
        raise ParseError(message) from exc
    return _checked(result, key, info)


def _forced_mismatch(exc: ReaderError, info: FormatInfo, data: bytes, filename: str | None) -> ReaderError:
    from .detect import detect_format

    try:
        detected = detect_format(data, filename, active_limits())
    except ReaderError:
        detected = None
    hint = ""
    if detected and detected != info.key:
        hint = f" The content looks like {_BY_KEY[detected].name} ({detected}) instead."
    message = exc.message.rstrip()
    if not message.endswith((".", "!", "?")):
        message += "."
    if not message.startswith("The file could not be read as"):
        message = f"The file could not be read as {info.name} ({info.key}): {message}"
    cls = type(exc) if isinstance(exc, EmptyFile | UnrecognizedFormat) else ParseError
    return cls(message + hint, line=exc.line, cell=exc.cell)


def _checked(result: ParseResult, key: str, info: FormatInfo) -> ParseResult:
    plates: list[ParsedPlate] = []
    warnings = list(result.warnings)
    for p in result.plates:
        reads = tuple(r for r in p.reads if r.points)
        if not reads:
            continue
        for r in reads:
            for pt in r.points:
                row, col = parse_well(pt.well)
                if row >= p.rows or col >= p.columns:
                    raise ParseError(
                        f"Well {pt.well} of read {r.label!r} lies outside the {p.rows}x{p.columns} plate."
                    )
        plates.append(p if reads == p.reads else _replace_reads(p, reads))
    if not plates:
        raise ParseError(f"No measured values were found in this {info.name} file.")
    usable = [r for p in plates for r in p.reads if not r.calculated or r.kind != "other"]
    if not usable:
        labels = ", ".join(dict.fromkeys(r.label for p in plates for r in p.reads))
        raise ParseError(
            f"This {info.name} file holds only values computed by the instrument software ({labels}) and no "
            "measured values; export the raw reads as well."
        )
    if not any(pt.value is not None for r in usable for pt in r.points):
        raise ParseError(
            f"This {info.name} file holds no measured number: every well of every read is empty, NaN or "
            "flagged."
        )
    return ParseResult(vendor=key, plates=tuple(plates), warnings=tuple(dict.fromkeys(warnings)))


def _replace_reads(p: ParsedPlate, reads) -> ParsedPlate:
    from dataclasses import replace

    return replace(p, reads=reads)
