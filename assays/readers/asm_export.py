"""Best-effort Allotrope Simple Model (plate-reader) JSON of a ParseResult, offered as a download.

It follows the shape of allotropy's plate-reader ASM (REC/2025/03): one plate reader document per well,
one measurement document per raw read (a profile data cube for kinetic reads), reads of kind "other"
as calculated data documents pointing at the well's first measurement. It is not schema-validated.
"""

from __future__ import annotations

import math

from .base import ParseResult, json_safe, parse_well

MANIFEST = "http://purl.allotrope.org/manifests/plate-reader/REC/2025/03/plate-reader.manifest"
UNITS = {"absorbance": "mAU", "fluorescence": "RFU", "luminescence": "RLU"}
CUBES = {
    "absorbance": "absorption profile data cube",
    "fluorescence": "fluorescence emission profile data cube",
    "luminescence": "luminescence profile data cube",
}


def _num(v: float | None) -> float | None:
    return v if v is not None and math.isfinite(v) else None


def asm_from_result(result: ParseResult, *, converter_version: str = "1") -> dict:
    first = result.plates[0] if result.plates else None
    plate_docs: list[dict] = []
    calc_docs: list[dict] = []
    for pi, plate in enumerate(result.plates):
        plate_name = plate.name or f"Plate {pi + 1}"
        wells = sorted({p.well for r in plate.reads for p in r.points}, key=parse_well)
        raw_reads = [r for r in plate.reads if r.kind != "other"]
        calc_reads = [r for r in plate.reads if r.kind == "other"]
        first_meas_id: dict[str, str] = {}
        for well in wells:
            mdocs = []
            for ri, read in enumerate(raw_reads):
                pts = [p for p in read.points if p.well == well]
                if not pts:
                    continue
                mid = f"P{pi + 1}_{well}_R{ri + 1}"
                first_meas_id.setdefault(well, mid)
                dcd: dict = {"device type": "plate reader", "detection type": read.kind.title()}
                if read.wavelength_nm is not None:
                    dcd["detector wavelength setting"] = {"value": read.wavelength_nm, "unit": "nm"}
                doc: dict = {
                    "measurement identifier": mid,
                    "device control aggregate document": {"device control document": [dcd]},
                    "sample document": {
                        "location identifier": well,
                        "sample identifier": f"{plate_name} {well}",
                        "well plate identifier": plate_name,
                    },
                    "custom information document": {"read label": read.label},
                }
                unit = UNITS[read.kind]
                if read.is_kinetic:
                    pts = sorted(pts, key=lambda p: p.time_s or 0.0)
                    doc[CUBES[read.kind]] = {
                        "label": read.label,
                        "cube-structure": {
                            "dimensions": [
                                {"@componentDatatype": "double", "concept": "elapsed time", "unit": "s"}
                            ],
                            "measures": [
                                {"@componentDatatype": "double", "concept": read.kind, "unit": unit}
                            ],
                        },
                        "data": {
                            "dimensions": [[p.time_s for p in pts]],
                            "measures": [[_num(p.value) for p in pts]],
                        },
                    }
                    errors = [p for p in pts if p.flag]
                else:
                    p = pts[0]
                    if p.value is not None:
                        doc[read.kind] = {"value": p.value, "unit": unit}
                    errors = [p] if p.flag else []
                if errors:
                    doc["error aggregate document"] = {
                        "error document": [
                            {
                                "error": e.flag if e.time_s is None else f"{e.flag} at {e.time_s:g} s",
                                "error feature": read.kind,
                            }
                            for e in errors
                        ]
                    }
                mdocs.append(doc)
            if not mdocs:
                mid = f"P{pi + 1}_{well}_R0"
                first_meas_id.setdefault(well, mid)
                mdocs.append(
                    {
                        "measurement identifier": mid,
                        "sample document": {"location identifier": well, "well plate identifier": plate_name},
                    }
                )
            plate_docs.append(
                {
                    "measurement aggregate document": {
                        "measurement document": mdocs,
                        "plate well count": {"value": plate.rows * plate.columns, "unit": "#"},
                        "container type": "well plate",
                        **(
                            {"measurement time": plate.metadata["measurement_time"]}
                            if plate.metadata.get("measurement_time")
                            else {}
                        ),
                    }
                }
            )
        for ci, read in enumerate(calc_reads):
            for p in read.points:
                doc = {
                    "calculated data identifier": f"P{pi + 1}_{p.well}_C{ci + 1}"
                    + (f"_T{p.time_s:g}" if p.time_s is not None else ""),
                    "calculated data name": read.label,
                    "calculated result": {"value": _num(p.value), "unit": "(unitless)"},
                    "data source aggregate document": {
                        "data source document": [
                            {
                                "data source identifier": first_meas_id.get(p.well),
                                "data source feature": "well",
                            }
                        ]
                    },
                }
                if p.flag:
                    doc["custom information document"] = {"flag": p.flag}
                calc_docs.append(doc)
    aggregate: dict = {
        "device system document": {
            "device identifier": (first.instrument if first else None) or "N/A",
            "model number": (first.instrument if first else None) or "N/A",
            **(
                {"equipment serial number": str(first.metadata["serial_number"])}
                if first and first.metadata.get("serial_number")
                else {}
            ),
        },
        "data system document": {
            "software name": (first.software if first else None) or "N/A",
            "ASM converter name": "il2portal assays.readers",
            "ASM converter version": converter_version,
            "custom information document": {"source format": result.vendor},
        },
        "plate reader document": plate_docs,
    }
    if calc_docs:
        aggregate["calculated data aggregate document"] = {"calculated data document": calc_docs}
    return json_safe({"$asm.manifest": MANIFEST, "plate reader aggregate document": aggregate})
