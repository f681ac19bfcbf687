"""Which export format a file is, decided from its content (the file name only breaks ties)."""

from __future__ import annotations

import logging
import re

from .base import (
    EmptyFile,
    ParseError,
    UnrecognizedFormat,
    as_text,
    decode_text,
    is_ole2,
    is_zip,
    load_workbook_rows,
    looks_binary,
)
from .limits import DEFAULT_LIMITS, LimitExceeded, Limits, check_file


def _supported_sentence() -> str:
    from .formats import FORMATS

    return "Supported formats: " + ", ".join(f"{f.name} ({f.key})" for f in FORMATS) + "."


def unrecognized(reason: str) -> UnrecognizedFormat:
    return UnrecognizedFormat(f"{reason} {_supported_sentence()}")


# Detection reads at most this much: the first rows of each sheet, the first bytes of a text file.
DETECT_TEXT_BYTES = 1024 * 1024
DETECT_SHEET_ROWS = 1000


def _text_prefix(data: bytes) -> bytes:
    """The first DETECT_TEXT_BYTES of a text file, cut after its last complete line."""
    if len(data) <= DETECT_TEXT_BYTES:
        return data
    head = data[:DETECT_TEXT_BYTES]
    cut = max(head.rfind(b"\n"), head.rfind(b"\r"))
    return head[: cut + 1] if cut > 0 else head


def detect_format(data: bytes, filename: str | None = None, limits: Limits = DEFAULT_LIMITS) -> str:
    """Format key for ``data``; raises EmptyFile, UnrecognizedFormat or LimitExceeded (a file beyond
    ``limits``, measured before anything parses it). Decided from a bounded prefix: the first
    ``DETECT_TEXT_BYTES`` of text, the first ``DETECT_SHEET_ROWS`` rows of each sheet."""
    if data is None or not data.strip() or not decode_text(data[:200000]).strip():
        raise EmptyFile("The file is empty (no bytes or only blank lines).")
    check_file(data, limits)
    try:
        if is_zip(data):
            return _detect_workbook(data, filename)
        if is_ole2(data):
            raise unrecognized(
                "This is an old Excel 97-2003 (.xls) or other OLE file; save it as .xlsx or export it as text."
            )
        if looks_binary(data):
            raise unrecognized("The file is binary data, not a plate-reader text export or .xlsx workbook.")
        return _detect_text(data, filename)
    except (UnrecognizedFormat, EmptyFile, LimitExceeded):
        raise
    except ParseError as exc:
        raise unrecognized(f"The file could not be inspected ({exc.message}).") from exc
    except Exception as exc:  # detection must never crash
        logging.getLogger(__name__).warning("format detection failed on %s", filename, exc_info=True)
        raise unrecognized(
            "The file could not be inspected: it is not a plate-reader export or workbook the portal knows."
        ) from exc


def _detect_text(data: bytes, filename: str | None) -> str:
    from .gen5 import has_kinetic_columns, looks_like_gen5
    from .matrix import looks_like_long, looks_like_matrix

    data = _text_prefix(data)
    text = decode_text(data)
    head = text[:20000]
    stripped = head.lstrip()
    if re.match(r"##BLOCKS=\s*\d+", stripped):
        return "softmax_pro"
    if looks_like_gen5(text):
        return "gen5_kinetic_columns" if has_kinetic_columns(text) else "gen5"
    from .textexports import (
        looks_like_msd,
        looks_like_skanit_csv,
        looks_like_spark_csv,
        looks_like_victor_nivo,
    )
    from .victor import looks_like_victor_list

    if looks_like_victor_nivo(stripped):
        return "victor_nivo"
    if looks_like_victor_list(stripped):
        return "victor_x3"
    if looks_like_msd(stripped):
        return "msd"
    if looks_like_spark_csv(stripped):
        return "tecan_spark_csv"
    if looks_like_skanit_csv(stripped):
        return "skanit_csv"
    first_lines = "\n".join(stripped.splitlines()[:6])
    if re.search(r"^User:.*(Path:|Test run no\.)", first_lines, re.M) and re.search(
        r"^(Test name:|ID1:|Raw Data)", head, re.M
    ):
        return "bmg_mars"
    if stripped.startswith("Plate information") and re.search(
        r"^(Background information|Basic assay information|Results for|Calculated results)", head, re.M
    ):
        return "envision"
    if re.search(r"Exported with Kaleido|Kaleido \d", text) or (
        re.search(r"^Results for", head, re.M)
        and ("Measurement Basic Information" in text or re.search(r"^Barcode:.*PlateRepeat:", head, re.M))
    ):
        return "kaleido"
    if looks_like_long(data):
        return "long_csv"
    if looks_like_matrix(data):
        return "matrix"
    if filename and filename.lower().endswith((".csv", ".tsv", ".txt")):
        raise unrecognized(
            "No plate data were recognised in this text file: it is not a known instrument export, a plate "
            "matrix (header 1..N and rows A, B, ...) or a long table with 'well' and 'value' columns."
        )
    raise unrecognized("No plate data were recognised in this file.")


def _detect_workbook(data: bytes, filename: str | None) -> str:
    from .glomax import looks_like_glomax
    from .matrix import Table, looks_like_long, looks_like_matrix
    from .multiskan import looks_like_multiskan_long

    try:
        sheets = load_workbook_rows(data, max_rows=DETECT_SHEET_ROWS)
    except ParseError as exc:
        err = unrecognized(f"The file is a zip archive but not a readable .xlsx workbook ({exc.message}).")
        err.damaged_workbook = exc.message
        raise err from exc
    names = list(sheets)
    tables = [Table(rows, "xlsx", name) for name, rows in sheets.items() if rows]
    texts = {
        name: "\n".join(" | ".join(as_text(v) for v in r) for r in rows[:60]) for name, rows in sheets.items()
    }
    everything = "\n".join(texts.values())
    first = texts[names[0]] if names else ""
    if not any(t.strip() for t in texts.values()):
        raise EmptyFile("The workbook has no cells with data.")
    from .workbooks import gen5_sheets, magellan_kinetic_sheet, mars_sheets

    if gen5_sheets(sheets):
        return "gen5_xlsx"
    if mars_sheets(sheets):
        return "bmg_mars_xlsx"
    if magellan_kinetic_sheet(sheets):
        return "tecan_magellan"
    if looks_like_glomax(sheets):
        return "glomax"
    if re.search(r"Application:\s*Tecan i-control|Device:\s*infinite", first):
        return "tecan_icontrol"
    if re.search(r"Application:\s*SparkControl|Device:\s*Spark", first):
        return "tecan_spark"
    if (
        re.search(r"^Well positions", first, re.M)
        or re.search(r"\.mth\b|Magellan", everything)
        or (
            any("magellan" in n.lower() for n in names)
            and re.match(r"\s*(Raw data|Well positions)", first, re.I)
        )
    ):
        return "tecan_magellan"
    if "SMART Control" in everything or ("Microplate End point" in names and "Protocol Information" in names):
        return "bmg_smart_control"
    from .victor import looks_like_victor_workbook

    if looks_like_victor_workbook(sheets):
        return "victor_x3"
    if looks_like_multiskan_long(sheets):
        return "multiskan_long"
    from .multiskan import skanit_results_sheets

    if skanit_results_sheets(sheets):
        return "skanit_results"
    if any(re.match(r".+_\d+$", n) for n in names) and (
        "Measurement results" in everything
        or "Session information" in names
        or "General information" in names
    ):
        return "skanit"
    if looks_like_long(tables):
        return "long_csv"
    if looks_like_matrix(tables):
        return "matrix"
    raise unrecognized(
        "No plate data were recognised in this workbook: it is not a known instrument export, a plate matrix "
        "or a long table with 'well' and 'value' columns."
    )
