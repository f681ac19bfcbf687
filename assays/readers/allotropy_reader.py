"""Vendor formats converted by allotropy (Benchling, MIT), mapped from ASM to our dataclasses.

allotropy turns the export into an Allotrope Simple Model (ASM) plate-reader document; we walk that
document (measurement documents per well, data cubes for kinetic reads, calculated-data documents)
and build ``ParsedPlate`` objects. Where allotropy 0.1.150 drops or distorts information that we need,
small pieces of our own code fill the gap (each one says why):

* Error documents: allotropy writes ``-0.0`` as the value of a well whose cell was ``OVRFLW``/``MISSED``
  and records the token in an error document. We never trust that value: the point becomes value
  ``None`` with the flag the token maps to.
* Calculated values that Gen5 prints as ``>105.000`` or ``<0.000`` are only error documents in ASM;
  they become flagged points of the calculated read.
* SkanIt: allotropy keeps only the first (raw) sheet; the "Blank Subtraction"/"Dilution Factor"/...
  result sheets are read by ``skanit.skanit_extra_reads``.
* BMG MARS: the instrument model is not in ASM; MARS writes it in the data path
  (``...\\BMG\\PHERAstar\\User\\Data``), which we read.
* Gen5 and SoftMax Pro text files: allotropy converts a truncated export silently; we check the
  structure ourselves and add a warning.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from .base import (
    INVALID,
    ParsedPlate,
    ParseError,
    ParseResult,
    Read,
    ReadBuilder,
    classify_token,
    decode_text,
    geometry_containing,
    geometry_for,
    is_zip,
    json_safe,
    normalize_well,
    parse_well,
    unique_labels,
)

ALLOTROPY_VENDORS = {
    "gen5": "AGILENT_GEN5",
    "softmax_pro": "MOLDEV_SOFTMAX_PRO",
    "bmg_mars": "BMG_MARS",
    "bmg_smart_control": "BMG_LABTECH_SMART_CONTROL",
    "envision": "PERKIN_ELMER_ENVISION",
    "kaleido": "REVVITY_KALEIDO",
    "tecan_magellan": "TECAN_MAGELLAN",
    "skanit": "THERMO_SKANIT",
}

DEFAULT_SOFTWARE = {
    "gen5": "Gen5",
    "softmax_pro": "SoftMax Pro",
    "bmg_mars": "BMG MARS",
    "bmg_smart_control": "SMART Control",
    "envision": "EnVision Workstation",
    "kaleido": "Kaleido",
    "tecan_magellan": "Magellan",
    "skanit": "SkanIt",
}

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

VALUE_FIELDS = ("absorbance", "fluorescence", "luminescence")
PROFILE_CUBES = {
    "absorption profile data cube": "absorbance",
    "fluorescence emission profile data cube": "fluorescence",
    "luminescence profile data cube": "luminescence",
}
SPECTRUM_CUBES = (
    "absorption spectrum data cube",
    "fluorescence emission spectrum data cube",
    "fluorescence excitation spectrum data cube",
    "luminescence spectrum data cube",
)
_NA = {None, "", "N/A", "n/a", "NA", "Unknown"}
_TIME_FACTORS = {"s": 1.0, "sec": 1.0, "ms": 0.001, "min": 60.0, "h": 3600.0}


# --------------------------------------------------------------------------------------------------
# Running allotropy
# --------------------------------------------------------------------------------------------------


def run_allotropy(data: bytes, key: str, filename: str | None = None) -> dict:
    """ASM dict for ``data`` with the allotropy parser of format ``key`` (no schema validation).

    Text exports are decoded by us (BOMs, UTF-16, Latin-1) and handed over as UTF-8, so allotropy's
    own encoding guess cannot go wrong. Any exception is re-raised as ParseError.
    """
    from allotropy.allotrope.converter import unstructure
    from allotropy.parser_factory import Vendor
    from allotropy.to_allotrope import allotrope_model_from_io

    from .limits import active_limits, check_file

    check_file(data, active_limits())  # allotropy (openpyxl, pandas) never sees an unchecked file
    vendor = Vendor[ALLOTROPY_VENDORS[key]]
    ext = vendor.supported_extensions[0]
    stem = "upload"
    if filename:
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", filename.replace("\\", "/").rsplit("/", 1)[-1]) or stem
    encoding = None
    contents = data
    if ext != "xlsx":
        if is_zip(data):
            raise ParseError(f"This is a workbook, but {vendor.display_name} exports are text files.")
        contents = decode_text(data).encode("utf-8")
        encoding = "utf-8"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = allotrope_model_from_io(io.BytesIO(contents), f"{stem}.{ext}", vendor, encoding=encoding)
            asm = unstructure(model)
    except ParseError:
        raise
    except Exception as exc:  # allotropy raises many types (AllotropeConversionError, ValueError, ...)
        raise ParseError(plain_reason(str(exc), vendor.display_name)) from exc
    if not isinstance(asm, dict) or "plate reader aggregate document" not in asm:
        raise ParseError(f"The {vendor.display_name} converter (allotropy) returned no plate-reader data.")
    return asm


# allotropy's own exception texts, as a person can act on them. Anything else is summarised without
# the converter's internal wording (which names its variables, not the file).
_PLAIN_REASONS: tuple[tuple[str, str], ...] = (
    (
        r"Plate IDs between Plate Blocks must be unique",
        "two plate sections have the same name, so their reads cannot be told apart; give each plate its "
        "own name in SoftMax Pro and export again",
    ),
    (
        r"Spectrum read type is not currently supported",
        "it holds a spectrum read, which the converter does not convert",
    ),
    (
        r"Expected (\d+) rows in measurement table, got (\d+)",
        "a plate section has \\2 of its \\1 rows",
    ),
    (
        r"Missing kinetic measurement for well position",
        "a kinetic plate section holds fewer time points than it declares",
    ),
    (
        r"mismatch between # of columns",
        "the data lines of a plate section are shorter than its well header: the export is incomplete or "
        "was edited",
    ),
    (
        r"not enough values to unpack|too many values to unpack|list index out of range|KeyError|NoneType",
        "its layout differs from the exports the converter knows (a section is shorter or longer than its "
        "header says, or a decimal comma was used)",
    ),
)


def reason_of(message: str) -> str:
    """The reason part of a ``plain_reason`` sentence ("it holds a spectrum read, ..."), without the
    "This ... file cannot be read:" opening and the final full stop."""
    m = re.match(r"This .*? file cannot be read: (.*)$", message, re.S)
    return (m.group(1) if m else message).rstrip(". ")


def plain_reason(message: str, vendor_name: str) -> str:
    """A sentence for the person who uploaded the file, from an exception allotropy raised."""
    for pattern, reason in _PLAIN_REASONS:
        m = re.search(pattern, message)
        if m:
            return f"This {vendor_name} file cannot be read: {m.expand(reason)}."
    return (
        f"This {vendor_name} file cannot be read: its layout differs from the {vendor_name} exports the "
        "portal knows (check that it is an unmodified export of the whole plate)."
    )


# --------------------------------------------------------------------------------------------------
# ASM -> dataclasses
# --------------------------------------------------------------------------------------------------


def _val(d: Any) -> float | None:
    if isinstance(d, dict):
        d = d.get("value")
    if isinstance(d, bool) or d is None:
        return None
    if isinstance(d, int | float):
        v = float(d)
        return v if math.isfinite(v) else None
    try:
        v = float(d)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _fmt(v: float) -> str:
    return f"{v:g}"


def _raw_label(kind: str, em: float | None, ex: float | None, detection: str | None) -> str:
    if kind == "absorbance":
        return f"{_fmt(em)}nm" if em else "Absorbance"
    if kind == "fluorescence":
        if ex and em:
            return f"{_fmt(ex)}/{_fmt(em)}"
        if em:
            return f"Em {_fmt(em)}"
        return "Fluorescence"
    if kind == "luminescence":
        return f"Lum {_fmt(em)}nm" if em else "Lum"
    return detection or "Read"


class _PlateAcc:
    def __init__(self, name: str):
        self.name = name
        self.well_count: int | None = None
        self.raw: OrderedDict[tuple, ReadBuilder] = OrderedDict()
        self.calc: OrderedDict[str, ReadBuilder] = OrderedDict()
        self.metadata: dict = {}
        self.samples: dict[str, dict] = {}
        self.wells: set[str] = set()
        self.calc_errors: list[tuple[str, str, str]] = []  # (calculation name, well, text)


def asm_to_result(asm: dict, key: str) -> ParseResult:
    prad = asm.get("plate reader aggregate document") or {}
    dsd = prad.get("data system document") or {}
    dev = prad.get("device system document") or {}
    warn: list[str] = []

    plates: OrderedDict[str, _PlateAcc] = OrderedDict()
    # measurement identifier -> (plate name, well, raw read key, kind, wavelength)
    meas_index: dict[str, tuple[str, str, tuple, str, float | None]] = {}
    skipped_spectra = 0

    for prd in prad.get("plate reader document") or []:
        mad = prd.get("measurement aggregate document") or {}
        docs = mad.get("measurement document") or []
        occurrences: dict[tuple[str, tuple], int] = {}
        for md in docs:
            sd = md.get("sample document") or {}
            loc = sd.get("location identifier")
            try:
                well = normalize_well(str(loc))
            except ValueError:
                warn.append(f"A measurement with well position {loc!r} was skipped (not a plate well).")
                continue
            pname = str(sd.get("well plate identifier") or "Plate 1")
            acc = plates.get(pname)
            if acc is None:
                acc = plates[pname] = _PlateAcc(pname)
                _plate_metadata(acc, prd, mad)
            wc = _val(mad.get("plate well count"))
            if wc and acc.well_count is None:
                acc.well_count = int(wc)
            _sample_info(acc, well, sd, pname)

            dcds = (md.get("device control aggregate document") or {}).get("device control document") or [{}]
            dcd = dcds[0] if dcds else {}
            em = _val(dcd.get("detector wavelength setting"))
            ex = _val(dcd.get("excitation wavelength setting"))
            detection = dcd.get("detection type")
            kind = next((f for f in VALUE_FIELDS if f in md), None)
            cube_name = next((c for c in PROFILE_CUBES if c in md), None)
            if kind is None and cube_name is None:
                if any(c in md for c in SPECTRUM_CUBES):
                    skipped_spectra += 1
                continue
            if kind is None:
                kind = PROFILE_CUBES[cube_name]
            base_key = (kind, em, ex, bool(cube_name))
            occ_key = (well, base_key)
            occurrences[occ_key] = occurrences.get(occ_key, 0) + 1
            read_key = (*base_key, occurrences[occ_key])
            b = acc.raw.get(read_key)
            if b is None:
                b = acc.raw[read_key] = ReadBuilder(
                    _raw_label(kind, em, ex, detection), kind, em, metadata=_read_settings(dcd, md)
                )
            mid = md.get("measurement identifier")
            if mid:
                meas_index[mid] = (pname, well, read_key, kind, em)
            acc.wells.add(well)

            errors = [
                e
                for e in ((md.get("error aggregate document") or {}).get("error document") or [])
                if isinstance(e, dict)
            ]
            raw_error = None
            for e in errors:
                feature = str(e.get("error feature") or "").strip()
                if (
                    feature.lower() in (kind, str(detection or "").lower(), "")
                    or feature.lower() in VALUE_FIELDS
                ):
                    raw_error = str(e.get("error") or "error")
                else:
                    acc.calc_errors.append((feature, well, str(e.get("error") or "error")))

            if cube_name:
                _add_cube(b, well, md[cube_name], raw_error)
            elif raw_error is not None:
                if b.add(well, None, None, classify_token(raw_error)):
                    b.note_flag_text(well, None, raw_error)
            else:
                v = _val(md[kind])
                b.add(well, None, v, None if v is not None else INVALID)

    _add_calculated(prad, plates, meas_index, warn)
    for acc in plates.values():
        for feature, well, text in acc.calc_errors:
            cb = acc.calc.get(feature)
            if cb is None:
                cb = acc.calc[feature] = ReadBuilder(feature, "other", None, calculated=True)
            if cb.add(well, None, None, classify_token(text)):
                cb.note_flag_text(well, None, text)
    if skipped_spectra:
        warn.append(f"{skipped_spectra} spectral-scan measurements were skipped (spectra are not supported).")

    instrument = next(
        (dev.get(k) for k in ("model number", "device identifier") if dev.get(k) not in _NA), None
    )
    software = " ".join(
        str(x) for x in (dsd.get("software name"), dsd.get("software version")) if x not in _NA
    )
    software = software or DEFAULT_SOFTWARE.get(key)
    common_meta = {
        "serial_number": dev.get("equipment serial number")
        if dev.get("equipment serial number") not in _NA
        else None,
        "device_identifier": dev.get("device identifier")
        if dev.get("device identifier") not in _NA
        else None,
        "manufacturer": dev.get("product manufacturer"),
        "converter": " ".join(
            str(x) for x in (dsd.get("ASM converter name"), dsd.get("ASM converter version")) if x
        ),
        "data_system": dsd.get("custom information document"),
    }

    out = []
    for acc in plates.values():
        rows, cols = _geometry(acc)
        labels = unique_labels([b.label for b in acc.raw.values()] + list(acc.calc.keys()))
        builders = list(acc.raw.values()) + list(acc.calc.values())
        reads = []
        for lab, b in zip(labels, builders, strict=True):
            b.label = lab
            if b.points:
                reads.append(b.build())
        meta = {**{k: v for k, v in common_meta.items() if v}, **acc.metadata}
        if acc.samples:
            meta["samples"] = acc.samples
        flags = {b.label: dict(b.flag_texts) for b in builders if b.flag_texts}
        if flags:
            meta["flag_texts"] = flags
        out.append(
            ParsedPlate(
                name=acc.name,
                barcode=None,
                rows=rows,
                columns=cols,
                reads=tuple(reads),
                instrument=str(instrument) if instrument else None,
                software=software,
                metadata=json_safe(meta),
            )
        )
    if not out or all(not p.reads for p in out):
        if skipped_spectra:
            raise ParseError(
                "This file holds only spectrum reads: the converter (allotropy) does not convert spectra, "
                "and the portal reads spectra only from Gen5 exports so far."
            )
        raise ParseError("The converter found no plate-reader measurements in this file.")
    return ParseResult(vendor=key, plates=tuple(out), warnings=tuple(warn))


_SETTINGS = (
    # (ASM device-control key, read metadata key): what the file declares about a read
    ("excitation wavelength setting", "excitation_nm"),
    ("detector bandwidth setting", "bandwidth_nm"),
    ("excitation bandwidth setting", "excitation_bandwidth_nm"),
    ("detector gain setting", "gain"),
    ("number of averages", "flashes"),
    ("detector distance setting (plate reader)", "read_height_mm"),
    ("read interval setting", "interval_s"),
    ("total measurement time setting", "run_time_s"),
    ("number of scans setting", "declared_time_points"),
    ("wavelength filter cutoff setting", "cutoff_nm"),
)


def _read_settings(dcd: dict, md: dict) -> dict:
    """Read metadata from the first measurement of a read: excitation, bandwidths, gain, flashes, read
    height, kinetic interval, compartment temperature, scan position (only what the file states)."""
    out: dict = {}
    for src, dst in _SETTINGS:
        v = dcd.get(src)
        if isinstance(v, dict):
            v = _val(v)
        if v not in (None, "", "N/A") and not (isinstance(v, float) and not math.isfinite(v)):
            out[dst] = v
    scan = str(dcd.get("scan position setting (plate reader)") or "")
    if scan:
        out["scan"] = scan.replace(" scan position (plate reader)", "")
    temp = _val(md.get("compartment temperature"))
    if temp is not None:
        out["temperature_c"] = temp
    return out


def _geometry(acc: _PlateAcc) -> tuple[int, int]:
    max_r = max((parse_well(w)[0] for w in acc.wells), default=0)
    max_c = max((parse_well(w)[1] for w in acc.wells), default=0)
    if acc.well_count:
        try:
            rows, cols = geometry_for(acc.well_count)
            if max_r < rows and max_c < cols:
                return rows, cols
        except ValueError:
            pass
    return geometry_containing(max_r, max_c)


def _add_cube(b: ReadBuilder, well: str, cube: dict, raw_error: str | None) -> None:
    structure = cube.get("cube-structure") or {}
    dims = structure.get("dimensions") or [{}]
    unit = str((dims[0] or {}).get("unit") or "s")
    factor = _TIME_FACTORS.get(unit, 1.0)
    data = cube.get("data") or {}
    times = (data.get("dimensions") or [[]])[0]
    values = (data.get("measures") or [[]])[0]
    for t, v in zip(times, values, strict=False):
        ts = _val(t)
        if ts is None:
            continue
        ts = round(ts * factor, 6)
        fv = _val(v)
        if raw_error is not None and fv is None:
            b.add(well, ts, None, classify_token(raw_error))
        else:
            b.add(well, ts, fv, None if fv is not None else INVALID)


def _add_calculated(prad: dict, plates, meas_index, warn: list[str]) -> None:
    cdocs = (prad.get("calculated data aggregate document") or {}).get("calculated data document") or []
    calc_ids = {c.get("calculated data identifier"): c for c in cdocs if isinstance(c, dict)}
    for c in cdocs:
        if not isinstance(c, dict):
            continue
        sources = (c.get("data source aggregate document") or {}).get("data source document") or []
        ids = [s.get("data source identifier") for s in sources if isinstance(s, dict)]
        meas = [meas_index[i] for i in ids if i in meas_index]
        if not meas:
            continue  # aggregate of other calculations only
        if len({(m[0], m[1]) for m in meas}) != 1:
            # mean/SD over several wells: not a per-well value; kept in the plate metadata
            agg = {
                "name": str(c.get("calculated data name") or "Calculated"),
                "value": _val(c.get("calculated result")),
                "wells": sorted({m[1] for m in meas}, key=parse_well),
            }
            for pname in dict.fromkeys(m[0] for m in meas):
                plates[pname].metadata.setdefault("aggregates", []).append(agg)
            continue
        if any(i not in meas_index and i not in calc_ids for i in ids):
            continue
        if str(c.get("calculation description") or "").startswith("!"):
            continue  # SoftMax Pro accessors (!WellValues, !SampleNames): copies, not calculations
        pname, well = meas[0][0], meas[0][1]
        name = str(c.get("calculated data name") or "Calculated")
        label = name
        ems = [m[4] for m in meas]
        if "ratio" in name.lower() and len(meas) == 2 and all(ems) and ems[0] != ems[1]:
            label = f"Ratio {_fmt(ems[0])}/{_fmt(ems[1])}"
        acc = plates[pname]
        b = acc.calc.get(label)
        if b is None:
            wl = ems[0] if len(set(ems)) == 1 else None
            b = acc.calc[label] = ReadBuilder(label, "other", wl, calculated=True)
            if label != name:
                acc.metadata.setdefault("calculations", {})[label] = name
            unit = (c.get("calculated result") or {}).get("unit")
            if unit and unit not in ("(unitless)", "#"):
                acc.metadata.setdefault("units", {})[label] = unit
        v = _val(c.get("calculated result"))
        b.add(well, None, v, None if v is not None else INVALID)


def _plate_metadata(acc: _PlateAcc, prd: dict, mad: dict) -> None:
    m = acc.metadata
    for src, dst in (
        ("measurement time", "measurement_time"),
        ("analytical method identifier", "analytical_method"),
        ("experimental data identifier", "experimental_data"),
        ("experiment type", "experiment_type"),
    ):
        if mad.get(src) not in _NA:
            m[dst] = mad[src]
    if prd.get("analyst") not in _NA:
        m["analyst"] = prd["analyst"]
    custom = mad.get("custom information document")
    if isinstance(custom, dict) and custom:
        m["custom"] = custom


def _sample_info(acc: _PlateAcc, well: str, sd: dict, pname: str) -> None:
    sid = sd.get("sample identifier")
    info = {}
    generic = {f"{pname} {well}", f"{pname}_{well}", f"{pname} {sd.get('location identifier')}"}
    if sid and str(sid) not in generic and not str(sid).endswith(f"_{sd.get('location identifier')}"):
        info["id"] = sid
    role = sd.get("sample role type")
    if role and role != "unknown sample role":
        info["role"] = role.replace(" sample role", "")
    custom = sd.get("custom information document") or {}
    if isinstance(custom, dict):
        if custom.get("group identifier") not in (None, "", 1.0):
            info["group"] = custom["group identifier"]
        if custom.get("Conc/Dil") not in (None, ""):
            info["conc_dil"] = custom["Conc/Dil"]
        dil = custom.get("dilution factor setting")
        if isinstance(dil, dict) and _val(dil) not in (None, 1.0):
            info["dilution_factor"] = _val(dil)
    conc = sd.get("mass concentration")
    if isinstance(conc, dict) and _val(conc) is not None:
        info["concentration"] = {"value": _val(conc), "unit": conc.get("unit")}
    if info and well not in acc.samples:
        acc.samples[well] = info


# --------------------------------------------------------------------------------------------------
# Entry point with per-vendor touches
# --------------------------------------------------------------------------------------------------


def read_with_allotropy(data: bytes, key: str, filename: str | None = None) -> ParseResult:
    if key == "bmg_mars":
        return _read_bmg_mars(data, filename)
    return _read_with_allotropy(data, key, filename)


def _unmapped_blocks(blocks: list[str], plates) -> list[str]:
    """A warning when a text export holds more data blocks than the converter made reads."""
    mapped = [r.label for p in plates for r in p.reads]
    if len(blocks) <= len(mapped):
        return []
    return [
        f"The file has {len(blocks)} data blocks ({'; '.join(blocks)}) but the converter (allotropy) mapped "
        f"{len(mapped)} read(s) ({', '.join(mapped)}): {len(blocks) - len(mapped)} block(s) were not imported."
    ]


def _read_bmg_mars(data: bytes, filename: str | None) -> ParseResult:
    """allotropy, cross-checked against the blocks in the file: where it loses a block or reads a
    wavelength other than the block title's, the portal's own MARS reader reads the file (and says so)."""
    from .bmg_mars import looks_like_mars_table, read_bmg_mars, read_bmg_mars_table
    from .matrix import data_block_titles

    if looks_like_mars_table(data):
        # the table layout (one line per well, one column per read or kinetic cycle): allotropy refuses it
        # or reads the first column only; the portal's table reader maps every column
        table = read_bmg_mars_table(data)
        note = "Read with the portal's own BMG MARS reader (table layout: one line per well, one column per read or cycle)."
        return ParseResult("bmg_mars", table.plates, (note, *table.warnings))
    converted = _read_with_allotropy(data, "bmg_mars", filename)
    try:
        own = read_bmg_mars(data)
    except ParseError:
        # a layout our reader does not know (e.g. MARS table format): allotropy's reading, checked
        missing = _unmapped_blocks(data_block_titles(data), converted.plates)
        return ParseResult("bmg_mars", converted.plates, (*converted.warnings, *missing))
    theirs = [(r.kind, r.wavelength_nm) for p in converted.plates for r in p.reads]
    ours = [(r.kind, r.wavelength_nm) for p in own.plates for r in p.reads]
    same_wells = [set(r.wells) for p in converted.plates for r in p.reads] == [
        set(r.wells) for p in own.plates for r in p.reads
    ]
    if len(converted.plates) == len(own.plates) and theirs == ours and same_wells:
        return converted
    titles = [t for p in own.plates for t in (p.metadata.get("block_titles") or {}).values()] or [
        r.label for p in own.plates for r in p.reads
    ]
    if theirs == ours:
        why = "allotropy placed some values in other wells than the file's row labels say"
    elif len(theirs) < len(ours):
        why = (
            f"allotropy converted {len(theirs)} of the {len(ours)} data blocks in this file "
            f"({'; '.join(titles)})"
        )
    else:
        got = ", ".join(f"{wl:g} nm" if wl else "no wavelength" for _k, wl in theirs)
        why = f"allotropy read the blocks {'; '.join(titles)} as {got}"
    note = f"{why}; the file was read with the portal's own BMG MARS reader, which maps every block."
    plates = tuple(
        p if p.instrument else _replace(p, instrument=next((c.instrument for c in converted.plates), None))
        for p in own.plates
    )
    return ParseResult("bmg_mars", plates, (note, *converted.warnings, *own.warnings))


def _read_with_allotropy(data: bytes, key: str, filename: str | None = None) -> ParseResult:
    asm = run_allotropy(data, key, filename)
    result = asm_to_result(asm, key)
    plates = list(result.plates)
    warn = list(result.warnings)
    dsd = (asm.get("plate reader aggregate document") or {}).get("data system document") or {}

    if key == "bmg_mars" or key == "bmg_smart_control":
        path = " ".join(
            str(x)
            for x in (dsd.get("UNC path"), (dsd.get("custom information document") or {}).get("Path"))
            if x
        )
        if key == "bmg_mars":
            path += " " + decode_text(data[:600])
        found = next((name for name in BMG_INSTRUMENTS if name.lower() in path.lower()), None)
        if found:
            plates = [_replace(p, instrument=p.instrument or found) for p in plates]
    if key in ("envision", "kaleido"):
        plates = [_replace(p, barcode=_barcode(p.name)) for p in plates]
    if key == "envision":
        plates = _envision_labels(plates, data)
    if key == "skanit":
        from .skanit import skanit_extra_reads

        extra, extra_warn = skanit_extra_reads(data)
        warn.extend(extra_warn)
        if len(plates) == 1:
            plates = [_add_reads(plates[0], [r for reads in extra.values() for r in reads])]
        else:
            plates = [_add_reads(p, extra.get(p.name)) for p in plates]
    if key == "gen5":
        from .gen5 import gen5_structure_warnings

        warn.extend(gen5_structure_warnings(data))
        plates = [_gen5_native_labels(p, data) for p in plates]
    if key == "softmax_pro":
        warn.extend(_softmax_truncation(data))
        plates, more = _softmax_reduced(plates, data)
        warn.extend(more)
    if key in ("bmg_mars", "envision", "kaleido"):
        from .matrix import data_block_titles, header_geometry, truncation_warnings

        warn.extend(truncation_warnings(data))
        if key != "bmg_mars":  # MARS: checked, with a fallback, in _read_bmg_mars
            warn.extend(_unmapped_blocks(data_block_titles(data), plates))
        geo = header_geometry(data)
        if geo is not None:
            plates = [
                _replace(p, rows=geo[0], columns=geo[1]) if geo[0] * geo[1] > p.rows * p.columns else p
                for p in plates
            ]
    return ParseResult(key, tuple(plates), tuple(warn))


def _gen5_native_labels(p: ParsedPlate, data: bytes) -> ParsedPlate:
    """Use Gen5's own read label ("Alpha") where ASM only allows a generic one ("Fluorescence")."""
    from .gen5 import parse_gen5

    generic = {"Fluorescence", "Absorbance", "Read"}
    if not any(r.label in generic for r in p.reads):
        return p
    try:
        own = parse_gen5(data, strict=False).plates[0]
    except Exception:
        return p
    ours = [r for r in p.reads if r.kind != "other"]
    theirs = [r for r in own.reads if r.kind != "other"]
    if len(ours) != len(theirs):
        return p
    rename = {
        id(a): b.label for a, b in zip(ours, theirs, strict=True) if a.label in generic and a.kind == b.kind
    }
    taken = {r.label for r in p.reads}
    reads = []
    for r in p.reads:
        new = rename.get(id(r))
        if new and new not in taken:
            r = replace(r, label=new)
        reads.append(r)
    return _replace(p, reads=tuple(reads))


def envision_label_info(data: bytes) -> tuple[list[str], dict[str, dict]]:
    """(the measurement label of each plate section, in order; {label: kind, wavelength, settings}) from
    an EnVision CSV: the "Background information" line of each plate and the protocol's "Labels:" list."""
    text = decode_text(data)
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    by_number: dict[str, str] = {}
    for i, ln in enumerate(lines):
        if ln.startswith("Plate,Label,Result,Signal") and i + 1 < len(lines):
            cells = lines[i + 1].split(",")
            if len(cells) > 1:
                by_number.setdefault(cells[0].strip(), cells[1].strip())
    per_plate = list(by_number.values())
    labels: dict[str, dict] = {}
    try:
        start = lines.index("Labels:") + 1
    except ValueError:
        return per_plate, labels
    current = None
    for ln in lines[start:]:
        if re.match(r"^[A-Z][A-Za-z ]*:\s*$", ln) and not ln.startswith(" "):
            break  # the next protocol section (Filters:, Mirrors:, ...)
        if not ln.strip():
            current = None
            continue
        cells = [c.strip() for c in ln.split(",")]
        name, value = cells[0], next((c for c in cells[1:] if c), "")
        if current is None:
            current = labels[name] = {"settings": {}}
            continue
        current["settings"][name] = value
    for name, info in labels.items():
        st = info["settings"]
        wl = None
        m = re.search(r"([\d.]+)\s*nm", st.get("Excitation wavelength", ""))
        if m:
            wl = float(m.group(1))
        m2 = re.search(r"(?:^A|@\s*)(\d{3,4})\b", name)
        if wl is None and m2:
            wl = float(m2.group(1))
        if "Excitation time" in st and "Emission time" in st:
            info.update(kind="fluorescence", wavelength_nm=None, technology="Alpha")
        elif (
            "absorbance" in name.lower()
            or re.fullmatch(r"A\d{3,4}", name)
            or ("Excitation wavelength" in st and "Emission filter" not in st)
        ):
            info.update(kind="absorbance", wavelength_nm=wl)
    return per_plate, labels


def _envision_labels(plates: list[ParsedPlate], data: bytes) -> list[ParsedPlate]:
    """Where allotropy's EnVision read has no wavelength or a kind the protocol contradicts (an Alpha read
    called "Absorbance"), take the kind, wavelength and label from the file's own label list."""
    try:
        per_plate, labels = envision_label_info(data)
    except Exception:  # the cross-check must never stop a read that worked
        return plates
    if len(per_plate) != len(plates):
        return plates
    out = []
    for p, name in zip(plates, per_plate, strict=True):
        info = labels.get(name) or {}
        raw = [r for r in p.reads if not r.calculated]
        if "kind" not in info or len(raw) != 1:
            out.append(p)
            continue
        r = raw[0]
        if r.kind == info["kind"] and (r.wavelength_nm is not None or info["wavelength_nm"] is None):
            out.append(p)
            continue
        meta = {**r.metadata, "label_settings": info["settings"]}
        if info.get("technology"):
            meta["technology"] = info["technology"]
        fixed = replace(r, label=name, kind=info["kind"], wavelength_nm=info["wavelength_nm"], metadata=meta)
        out.append(_replace(p, reads=tuple(fixed if x is r else x for x in p.reads)))
    return out


def _barcode(name: str | None) -> str | None:
    if not name or re.fullmatch(r"Plate\s*\d+", name, re.I):
        return None
    return name


def _replace(p: ParsedPlate, **kw) -> ParsedPlate:
    from dataclasses import replace

    return replace(p, **kw)


def _add_reads(p: ParsedPlate, reads: list[Read] | None) -> ParsedPlate:
    if not reads:
        return p
    labels = unique_labels([r.label for r in p.reads] + [r.label for r in reads])[len(p.reads) :]
    new = tuple(r if r.label == lab else replace(r, label=lab) for r, lab in zip(reads, labels, strict=True))
    return _replace(p, reads=p.reads + new)


def softmax_plate_headers(data: bytes) -> list[dict]:
    """The ``Plate:`` header line of each SoftMax Pro plate section: name, format, read type, read mode,
    data type (Raw, Reduced, Both), wavelengths (fields as ``softmax.parse_header`` reads them:
    fluorescence headers have one field more than absorbance and luminescence ones)."""
    from .softmax import plate_headers

    return [
        {
            "name": h.name,
            "format": h.export_format,
            "read_type": h.read_type,
            "read_mode": h.read_mode,
            "data_type": h.data_type,
            "wavelengths": [w for w in h.wavelengths if w > 0],
        }
        for h in plate_headers(data)
    ]


_SMP_KINDS = {"absorbance": "absorbance", "fluorescence": "fluorescence", "luminescence": "luminescence"}


def _softmax_reduced(plates: list[ParsedPlate], data: bytes) -> tuple[list[ParsedPlate], list[str]]:
    """SoftMax Pro "Reduced" plate data is the software's reduction of the raw reads (e.g. 450 - 650 nm):
    kept as a calculated read of the plate's kind, never as a measurement. Raw reads the converter made
    up for a plate exported as Reduced only (every point without a number) are dropped, with a warning."""
    headers = {h["name"]: h for h in softmax_plate_headers(data)}
    out, warn = [], []
    for p in plates:
        h = headers.get(p.name or "")
        reads = []
        for r in p.reads:
            if (
                not r.calculated
                and r.points
                and all(pt.value is None for pt in r.points)
                and h
                and (h["data_type"].lower() == "reduced")
            ):
                warn.append(
                    f"Plate {p.name}: exported as Reduced data only, so the raw {r.label} values are not in the "
                    "file; the reduced values are kept as a calculated read."
                )
                continue
            if r.label.startswith("Reduced") and h:
                kind = _SMP_KINDS.get(h["read_mode"].lower(), "other")
                wls = h["wavelengths"]
                r = replace(
                    r,
                    kind=kind,
                    wavelength_nm=wls[0] if len(wls) == 1 and kind != "luminescence" else None,
                    calculated=True,
                    metadata={**r.metadata, "data_type": "reduced", "read_type": h["read_type"]},
                )
            reads.append(r)
        out.append(_replace(p, reads=tuple(reads)))
    return out, warn


def _softmax_truncation(data: bytes) -> list[str]:
    text = decode_text(data)
    m = re.match(r"\s*##BLOCKS=\s*(\d+)", text)
    if not m:
        return []
    expected = int(m.group(1))
    ends = len(re.findall(r"^~End", text, re.M))
    if ends < expected:
        return [
            f"The file announces {expected} blocks (##BLOCKS= {expected}) but only {ends} are complete: "
            "it looks truncated; only the complete part was read."
        ]
    return []


__all__ = ["ALLOTROPY_VENDORS", "asm_to_result", "read_with_allotropy", "run_allotropy"]
