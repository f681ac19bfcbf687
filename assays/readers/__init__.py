"""Plate-reader export parsing: vendor bytes in, frozen dataclasses out.

Pure Python (no Django, DRF or Celery). Entry points::

    result = read_plate_file(data, filename="run.txt")          # detect the format from the content
    result = read_plate_file(data, vendor="gen5")               # or force one of FORMATS
    for plate in result.plates:
        for read in plate.reads:
            read.label, read.kind, read.wavelength_nm, read.timepoints, read.points

Formats allotropy converts go through it (``FormatInfo.via == "allotropy"``, module ``allotropy_reader``);
the others are read by the portal's own modules (``via == "portal"``: ``gen5``, ``tecan``, ``glomax``,
``multiskan``, ``matrix``); each module's docstring says why. Only ReaderError subclasses leave
``read_plate_file``; ``detect_format`` raises EmptyFile or UnrecognizedFormat. Both first measure the file
against ``Limits`` (``limits.check_file``) and raise LimitExceeded for a file beyond them;
``run_bounded(lambda: read_plate_file(...), limits)`` adds a time and memory budget.

Conveniences beyond the plain fields: ``Read.point(well, time_s)``, ``Read.value(...)``, ``Read.wells``,
``Read.is_kinetic``, ``ParsedPlate.read(label)``, ``ReaderError.as_dict()``. ``ParsedPlate.metadata`` may hold
``flag_texts`` ({read label: {well: original text}}, e.g. ``">105.000"``), ``samples``, ``aggregates``
(calculations over several wells, e.g. a blank mean), ``layout``, ``curve_fits``, dates and serial numbers.
"""

from .asm_export import asm_from_result
from .base import (
    FLAGS,
    KINDS,
    PLATE_GEOMETRIES,
    EmptyFile,
    Flag,
    FormatInfo,
    ParsedPlate,
    ParseError,
    ParseResult,
    Point,
    Read,
    ReaderError,
    UnrecognizedFormat,
    geometry_for,
    geometry_for_columns,
    normalize_well,
    parse_well,
    well_name,
)
from .detect import detect_format
from .formats import FORMAT_KEYS, FORMATS, format_info, preload, read_plate_file
from .limits import DEFAULT_LIMITS, LimitExceeded, Limits, check_file, run_bounded

__all__ = [
    "DEFAULT_LIMITS",
    "LimitExceeded",
    "Limits",
    "check_file",
    "run_bounded",
    "FLAGS",
    "FORMATS",
    "FORMAT_KEYS",
    "KINDS",
    "PLATE_GEOMETRIES",
    "EmptyFile",
    "Flag",
    "FormatInfo",
    "ParseError",
    "ParseResult",
    "ParsedPlate",
    "Point",
    "Read",
    "ReaderError",
    "UnrecognizedFormat",
    "asm_from_result",
    "detect_format",
    "format_info",
    "geometry_for",
    "geometry_for_columns",
    "normalize_well",
    "parse_well",
    "preload",
    "read_plate_file",
    "well_name",
]
