"""Downloads of stored plates: long-form CSV (safe to open in a spreadsheet) and ASM JSON."""

from __future__ import annotations

import json
import operator

from assays import readers
from assays.analysis.curves import FLAG_DESCRIPTIONS as FLAG_WORDS
from assays.analysis.qc import AcceptanceCriteria
from assays.models import Plate
from assays.selectors import plate_parsed, plate_points
from il2portal.spreadsheets import csv_text


def plate_long_csv(plate: Plate) -> str:
    header = [
        "plate",
        "barcode",
        "read",
        "kind",
        "wavelength_nm",
        "time_s",
        "well",
        "row",
        "column",
        "value",
        "flag",
    ]
    rows = (
        [
            plate.name,
            plate.barcode,
            read.label,
            read.kind,
            wl,
            t,
            well,
            readers.well_name(r, 0)[:-1],
            c + 1,
            value,
            flag or "",
        ]
        for read, well, r, c, t, wl, value, flag in plate_points(plate)
    )
    return csv_text(header, rows)


def plate_asm_json(plate: Plate) -> dict:
    parsed = plate_parsed(plate)
    result = readers.ParseResult(vendor=plate.vendor, plates=(parsed,))
    document = readers.asm_from_result(result)
    document.setdefault("il2portal", {})["source"] = {
        "plate_id": plate.pk,
        "original_filename": plate.stored_file.original_filename,
        "sha256": plate.stored_file.sha256,
    }
    return document


SAMPLE_COLUMNS = [
    "plate",
    "sample",
    "group",
    "role",
    "dilution_factor",
    "wells",
    "mean_signal",
    "cv_pct",
    "concentration",
    "reported_concentration",
    "sd_concentration",
    "n_quantified",
    "unit",
    "flag",
    "nominal",
    "bias_pct",
    "passed",
    "plate_name",
]
STANDARD_COLUMNS = [
    "plate",
    "group",
    "nominal",
    "unit",
    "wells",
    "mean_signal",
    "cv_pct",
    "back_calculated",
    "recovery_pct",
    "passed",
]
QC_COLUMNS = [
    "plate",
    "level",
    "nominal",
    "unit",
    "dilution_factor",
    "wells",
    "mean_signal",
    "cv_pct",
    "back_calculated",
    "bias_pct",
    "n",
    "n_passed",
    "passed",
]
QC_WELL_COLUMNS = [
    "plate",
    "level",
    "nominal",
    "unit",
    "well",
    "signal",
    "back_calculated",
    "bias_pct",
    "passed",
    "reasons",
]
SAMPLE_WELL_COLUMNS = [
    "plate",
    "sample",
    "group",
    "dilution_factor",
    "well",
    "signal",
    "concentration",
    "unit",
    "flag",
]
POTENCY_COLUMNS = [
    "sample",
    "reference",
    "relative_potency",
    "ci95_low",
    "ci95_high",
    "similar",
    "withheld",
]


def _cells(row: dict, columns: list[str]) -> list:
    out = []
    for column in columns:
        value = row.get(column)
        if column in ("wells", "reasons") and isinstance(value, list):
            value = (" " if column == "wells" else "; ").join(value)
        out.append(value)
    return out


def _potency_rows(result: dict) -> list[dict]:
    rows = []
    for p in result.get("potency") or []:
        ci = p.get("ci95") or [None, None]
        rows.append({**p, "ci95_low": ci[0], "ci95_high": ci[1]})
    return rows


def _qc_as_sample_rows(result: dict) -> list[dict]:
    """QC levels as rows of the samples table: the level's back-calculated value is its concentration."""
    rows = []
    for q in result.get("qcs") or []:
        df = q.get("dilution_factor") or 1.0
        back = q.get("back_calculated")
        rows.append(
            {
                **q,
                "sample": q.get("level"),
                "group": q.get("level"),
                "role": "qc",
                "concentration": None if back is None else back / df,
                "reported_concentration": back,
            }
        )
    return rows


def _sample_rows(result: dict) -> list[dict]:
    return [{**s, "role": "sample"} for s in result.get("samples", [])] + _qc_as_sample_rows(result)


def _well_rows(result: dict, key: str, nested: str) -> list[dict]:
    return [
        {**{k: v for k, v in parent.items() if k != nested}, **r}
        for parent in result.get(key) or []
        for r in parent.get(nested) or []
    ]


def run_result_csv(result: dict) -> str:
    """The samples table (what a scientist copies into a report) with the QC levels below the samples
    (``role`` says which), formulas neutralised."""
    names = {p.get("plate"): p.get("name") for p in result.get("plates") or []}
    rows = (
        _cells({**s, "plate_name": names.get(s.get("plate"))}, SAMPLE_COLUMNS) for s in _sample_rows(result)
    )
    return csv_text(SAMPLE_COLUMNS, rows)


# --------------------------------------------------------------------------------------------------
# The reviewer's workbook (XLSX): one sheet per table a reviewer checks, names not ids, numbers as
# numbers (full precision less binary noise) with a display format, units in the headers.

SAMPLE_FLAG_WORDS = {
    "below_range": "< LLOQ (below the quantification range)",
    "above_range": "> ULOQ (above the quantification range): re-assay diluted",
    "high_cv": "replicate CV above the limit",
    "no_curve": "no standard curve",
    "no_signal": "no reading",
    "saturated": "saturated reading",
}
FIT_NOTE_WORDS = {**FLAG_WORDS, "5pl_not_justified": "5PL requested, 4PL fitted (see Settings: model choice)"}
SETTING_WORDS = {
    "model": "Curve model requested",
    "weighting": "Weighting",
    "fit_on": "Fitted on",
    "blank_subtraction": "Blank subtraction",
    "reference_subtraction": "Reference wavelength subtraction",
    "reference_wavelength_nm": "Reference wavelength (nm)",
    "linearity_max_pct": "Dilution linearity: within ± % of the sample's mean",
    "acceptance.min_levels": "Minimum calibration levels",
    "acceptance.standard_tolerance_pct": "Standards: within ± % of nominal",
    "acceptance.standard_end_tolerance_pct": "Standards at LLOQ/ULOQ: within ± % of nominal",
    "acceptance.min_standards_passed_pct": "Standards passing, at least %",
    "acceptance.qc_tolerance_pct": "QCs: within ± % of nominal",
    "acceptance.min_qc_passed_fraction": "QCs passing, at least (fraction of all)",
    "acceptance.min_qc_level_passed_fraction": "QCs passing at each level, at least (fraction)",
    "acceptance.max_cv_pct": "Replicate CV at most %",
    "acceptance.max_cv_end_pct": "Replicate CV at LLOQ/ULOQ at most %",
    "acceptance.min_z_prime": "Z′ at least",
}
BIOASSAY_CRITERIA = {"min_z_prime", "max_cv_pct"}
FIT_ON_WORDS = {"points": "each well", "means": "replicate means"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _flag_words(row: dict) -> str:
    flags = row.get("flags") or ([row["flag"]] if row.get("flag") else [])
    return "; ".join(SAMPLE_FLAG_WORDS.get(f, f.replace("_", " ")) for f in flags)


def _yes_no(value) -> str | None:
    return None if value is None else ("pass" if value else "fail")


def _wells(row: dict) -> str:
    return " ".join(row.get("wells") or [])


def _curves(result: dict, names: dict) -> list[tuple[str, str, dict]]:
    """(plate name, curve name, stored fit) of every curve of the result: each plate's standard curve
    (ELISA), or each sample's curve (reporter bioassay)."""
    out = []
    if result.get("curves"):
        for c in result["curves"]:
            role = "reference" if c.get("role") == "reference" else "test"
            out.append((names.get(c.get("plate"), _only_plate(result)), f"{c.get('sample')} ({role})", c))
        return out
    per_plate = [p for p in result.get("plates") or [] if p.get("curve")]
    if per_plate:
        return [
            (p.get("name") or names.get(p.get("plate"), ""), "standard curve", p["curve"]) for p in per_plate
        ]
    if result.get("curve"):
        return [(_only_plate(result), "standard curve (all plates pooled)", result["curve"])]
    return []


def _only_plate(result: dict) -> str:
    return ", ".join(p.get("name") or str(p.get("plate")) for p in result.get("plates") or [])


def _parameter_sheet_rows(result: dict, names: dict, x_unit: str, y_unit: str) -> list[dict]:
    from assays.analysis.parameters import parameter_rows
    from assays.labels import MODEL_WORDS

    units = {
        "x": x_unit,
        "y": y_unit,
        "log x": f"log10({x_unit})" if x_unit else "log10",
        "": "",
        "log y": "",
    }
    rows = []
    for plate, curve, fit in _curves(result, names):
        head = {"plate": plate, "curve": curve, "model": MODEL_WORDS.get(fit.get("model"), fit.get("model"))}
        for p in parameter_rows(fit):
            rows.append({**head, **p, "unit": units.get(p["unit_kind"], "")})
        flags = "; ".join(FIT_NOTE_WORDS.get(f, f.replace("_", " ")) for f in fit.get("flags") or [])
        for label, key in (("R²", "r_squared"), ("Sy.x", "sy_x"), ("n (points fitted)", "n"), ("df", "df")):
            if fit.get(key) is not None:
                rows.append(
                    {**head, "label": label, "estimate": fit[key], "unit": y_unit if key == "sy_x" else ""}
                )
        if flags:
            rows.append({**head, "label": "Fit notes", "note": flags})
    for p in result.get("potency") or []:
        ci = p.get("ci95") or [None, None]
        rows.append(
            {
                "plate": names.get(p.get("plate"), _only_plate(result)),
                "curve": f"{p.get('sample')} vs {p.get('reference')}",
                "model": MODEL_WORDS["parallel-4PL"],
                "label": "Relative potency",
                "estimate": p.get("relative_potency"),
                "se": None,
                "ci95_low": ci[0],
                "ci95_high": ci[1],
                "ci_method": "log10 RP ± t·SE (parallel-line fit), back-transformed" if p.get("ci95") else "",
                "unit": "ratio",
                "note": "; ".join(
                    t
                    for t in (
                        p.get("withheld"),
                        None
                        if p.get("similar") is None
                        else ("similar (parallel)" if p["similar"] else "not similar"),
                    )
                    if t
                ),
            }
        )
    return rows


def _plate_name(names: dict, result: dict):
    return lambda r: names.get(
        r.get("plate"), _only_plate(result) if r.get("plate") is None else r.get("plate")
    )


def _acceptance_rows(result: dict, settings: dict, names: dict) -> list[dict]:
    """Each criterion of the run's acceptance with its value, its limit and pass/fail, per plate."""
    from assays.labels import MODEL_WORDS

    crit = AcceptanceCriteria.from_dict((settings or {}).get("acceptance"))
    plates = result.get("plates") or []
    sources = []
    if len(plates) > 1 and any(p.get("qc") for p in plates):
        for p in plates:
            pk = p.get("plate")
            sources.append(
                (
                    p.get("name") or names.get(pk, ""),
                    p.get("qc") or {},
                    p.get("curve"),
                    [s for s in result.get("standards") or [] if s.get("plate") == pk],
                    [q for q in result.get("qcs") or [] if q.get("plate") == pk],
                )
            )
    else:
        sources.append(
            (_only_plate(result), result.get("qc") or {}, result.get("curve"), result.get("standards") or [],
             result.get("qcs") or [])
        )  # fmt: skip
    rows = []
    for plate, qc, curve, standards, qcs in sources:
        if result.get("curves") is None:
            fitted = (
                bool(curve)
                and (curve.get("parameters") or {}) != {}
                and "no_convergence" not in (curve.get("flags") or [])
            )
            rows.append(
                {"plate": plate, "criterion": "Standard curve fitted", "value_text": MODEL_WORDS.get((curve or {}).get("model"), (curve or {}).get("model")),
                 "limit": "a converged fit", "passed": fitted}
            )  # fmt: skip
        if result.get("curves") is not None:
            reference = next((c for c in result["curves"] if c.get("role") == "reference"), None)
            flags = (reference or {}).get("flags") or []
            rows.append(
                {"plate": plate, "criterion": "Reference curve fitted, both plateaus reached",
                 "value_text": "; ".join(FLAG_WORDS.get(f, f) for f in flags) or "yes",
                 "limit": "a converged fit with both plateaus",
                 "passed": reference is not None and not {"no_convergence", "no_plateau"} & set(flags)}
            )  # fmt: skip
        judged = [s for s in standards if s.get("passed") is not None]
        if judged:
            n_passed = sum(bool(s["passed"]) for s in judged)
            rows.append(
                {"plate": plate, "criterion": "Calibration levels passing", "value": n_passed, "format": "0",
                 "limit": f"≥ {crit.min_levels}", "passed": n_passed >= crit.min_levels}
            )  # fmt: skip
            pct = 100.0 * n_passed / len(judged)
            rows.append(
                {
                    "plate": plate,
                    "criterion": f"Standards within ±{crit.standard_tolerance_pct:g} % of nominal "
                    f"(±{crit.standard_end_tolerance_pct:g} % at LLOQ/ULOQ), CV ≤ {crit.max_cv_pct:g} %",
                    "value": pct,
                    "unit": "%",
                    "format": "0.0",
                    "limit": f"≥ {crit.min_standards_passed_pct:g} %",
                    "passed": pct >= crit.min_standards_passed_pct - 1e-9,
                }
            )
        summary = qc.get("qc_samples") or {}
        if summary.get("n"):
            frac = summary.get("passed_fraction")
            if frac is None:
                frac = summary["n_passed"] / summary["n"]
            rows.append(
                {"plate": plate, "criterion": f"QC wells within ±{crit.qc_tolerance_pct:g} % of nominal",
                 "value": 100.0 * frac, "unit": "%", "format": "0.0",
                 "limit": f"≥ {100 * crit.min_qc_passed_fraction:.1f} % of all",
                 "passed": frac >= crit.min_qc_passed_fraction - 1e-12,
                 "note": f"{summary['n_passed']} of {summary['n']} wells"}
            )  # fmt: skip
            for q in qcs:
                if not q.get("n"):
                    continue
                level_frac = q["n_passed"] / q["n"]
                rows.append(
                    {"plate": plate, "criterion": f"QC level {q.get('level')}: wells within ±{crit.qc_tolerance_pct:g} %",
                     "value": 100.0 * level_frac, "unit": "%", "format": "0.0",
                     "limit": f"≥ {100 * crit.min_qc_level_passed_fraction:.1f} % at each level",
                     "passed": level_frac >= crit.min_qc_level_passed_fraction - 1e-12,
                     "note": f"{q['n_passed']} of {q['n']} wells"}
                )  # fmt: skip
        if qc.get("z_prime") is not None:
            rows.append(
                {"plate": plate, "criterion": "Z′ (assay window)", "value": qc["z_prime"], "format": "0.000",
                 "limit": f"≥ {crit.min_z_prime:g}", "passed": qc["z_prime"] >= crit.min_z_prime}
            )  # fmt: skip
        if qc.get("signal_to_background") is not None:
            rows.append(
                {"plate": plate, "criterion": "Signal / background", "value": qc["signal_to_background"], "limit": "(information)", "passed": None}
            )  # fmt: skip
        if qc.get("lloq") is not None:
            for label, key in (("LLOQ", "lloq"), ("ULOQ", "uloq")):
                rows.append(
                    {"plate": plate, "criterion": f"{label} (from passing standards)", "value": qc.get(key),
                     "unit": qc.get("unit") or "", "limit": "(information)", "passed": None}
                )  # fmt: skip
    overall = result.get("qc") or {}
    rows.append(
        {
            "plate": "run",
            "criterion": "Run accepted",
            "value_text": "accepted" if overall.get("accepted") else "rejected",
            "limit": "every criterion above",
            "passed": bool(overall.get("accepted")),
            "note": "; ".join(overall.get("reasons") or []) or "all criteria met",
        }
    )
    return rows


def _settings_rows(run_info: dict, settings: dict, result: dict) -> list[dict]:
    from assays.labels import MODEL_WORDS, WEIGHTING_WORDS

    settings = dict(settings or {})
    rows = [{"setting": k, "value": v} for k, v in run_info.items()]
    selection = result.get("model_selection") or {}
    requested = settings.get("model") or "4PL"
    curve = result.get("curve") or {}
    rows.append({"setting": "Curve model requested", "value": MODEL_WORDS.get(requested, requested)})
    if curve.get("model"):
        rows.append(
            {"setting": "Curve model fitted", "value": MODEL_WORDS.get(curve["model"], curve["model"])}
        )
    if selection.get("summary"):
        rows.append({"setting": "Model choice", "value": selection["summary"]})
    weighting = curve.get("weighting") or settings.get("weighting")
    if weighting:
        rows.append({"setting": "Weighting", "value": WEIGHTING_WORDS.get(weighting, weighting)})
    if result.get("kinetic_reduction"):
        rows.append(
            {"setting": "Kinetic reads reduced to", "value": result["kinetic_reduction"].get("description")}
        )
    flat = {}
    for key, value in settings.items():
        if key == "acceptance":
            continue
        flat[key] = value
    crit = AcceptanceCriteria.from_dict(settings.get("acceptance")).to_dict()
    given = settings.get("acceptance") or {}
    for key, value in crit.items():
        if result.get("curves") is not None and key not in BIOASSAY_CRITERIA:
            continue  # a reporter bioassay is judged on Z′ and replicate CV, not calibration levels or QCs
        flat[f"acceptance.{key}"] = value
    for key, value in flat.items():
        if key in ("model",):
            continue
        words = SETTING_WORDS.get(key, key.replace("_", " "))
        if key == "weighting":
            continue
        if key == "fit_on":
            value = FIT_ON_WORDS.get(value, value)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif value is None:
            value = "none"
        elif isinstance(value, (dict, list)):
            value = json.dumps(value)
        source = ""
        if key.startswith("acceptance."):
            source = "set for this run" if key.split(".", 1)[1] in given else "default (ICH M10)"
        rows.append({"setting": words, "value": value, "key": key, "source": source})
    return rows


def _version_rows(versions) -> list[dict]:
    rows = []
    for v in versions:
        qc = (v.result or {}).get("qc") or {}
        rows.append(
            {
                "version": v.version,
                "status": v.status,
                "created": v.created_at.strftime("%Y-%m-%d %H:%M:%S") if v.created_at else "",
                "by": v.created_by.get_username() if v.created_by_id else "",
                "analysis_version": v.analysis_version,
                "reason": v.reason or ("first analysis" if v.version == 1 else ""),
                "excluded": ", ".join(v.excluded_wells or []),
                "accepted": None
                if v.status != "succeeded"
                else ("accepted" if qc.get("accepted") else "rejected"),
                "inputs_sha256": v.inputs_sha256,
            }
        )
    return rows


def run_result_xlsx(
    result: dict,
    *,
    run_info: dict,
    settings: dict,
    versions=(),
    plate_names: dict | None = None,
    kind: str = "elisa",
    signatures=(),
) -> bytes:
    """The reviewer's workbook of one run version: Parameters, Standards, QC, Samples (and each well),
    Acceptance, Settings, Versions, Signatures (rows of il2portal.signing.signature_export_rows). Names not ids, units in headers, numbers with display formats."""
    from il2portal.spreadsheets import (
        GENERAL,
        INTEGER,
        PERCENT,
        Column,
        new_workbook,
        sig3,
        sig4,
        workbook_bytes,
        write_sheet,
    )

    names = {p.get("plate"): p.get("name") for p in result.get("plates") or []}
    names.update(plate_names or {})
    plate = _plate_name(names, result)
    x_unit = next((s.get("unit") for s in result.get("standards") or [] if s.get("unit")), "") or ""
    if kind == "elisa":
        blank = (settings or {}).get("blank_subtraction", True) not in (False, "none", "no", "false")
        y_unit = "signal, blank-subtracted" if blank else "signal, as read"
        y_label = "Signal (blank-subtracted)" if blank else "Signal"
    else:
        y_unit = ((result.get("qc") or {}).get("response") or "response").replace("_", " ")
        y_label = f"Response ({y_unit})"
    xu = f" ({x_unit})" if x_unit else ""
    book = new_workbook()

    write_sheet(
        book,
        "Parameters",
        [
            Column("Plate", "plate"),
            Column("Curve", "curve"),
            Column("Model", "model"),
            Column("Parameter", "label"),
            Column("Estimate", "estimate", sig4),
            Column("SE", "se", sig3),
            Column("95 % CI low", "ci95_low", sig4),
            Column("95 % CI high", "ci95_high", sig4),
            Column("Unit", "unit"),
            Column("CI method", "ci_method"),
            Column("Note", "note", width=50),
        ],
        _parameter_sheet_rows(result, names, x_unit, y_unit),
    )
    write_sheet(
        book,
        "Standards",
        [
            Column("Plate", plate),
            Column("Standard", "group"),
            Column(f"Nominal{xu}", "nominal", sig4),
            Column("Wells", _wells),
            Column(f"Measured: {y_label}, mean", "mean_signal", sig4),
            Column("CV of the wells (%)", "cv_pct", PERCENT),
            Column(f"Back-calculated{xu}", "back_calculated", sig4),
            Column("Recovery (% of nominal)", "recovery_pct", PERCENT),
            Column("Limit", lambda r: r.get("limit") or ("anchor (not judged)" if r.get("anchor") else "")),
            Column("Pass/fail", lambda r: _yes_no(r.get("passed"))),
            Column("Why", lambda r: "; ".join(r.get("reasons") or [])),
        ],
        result.get("standards") or [],
    )
    if result.get("qcs"):
        write_sheet(
            book,
            "QC",
            [
                Column("Plate", plate),
                Column("Level", "level"),
                Column(f"Expected{xu}", "nominal", sig4),
                Column("Dilution factor", "dilution_factor", GENERAL),
                Column("Wells", _wells),
                Column(f"{y_label}, mean", "mean_signal", sig4),
                Column("CV of the wells (%)", "cv_pct", PERCENT),
                Column(f"Found{xu}", "back_calculated", sig4),
                Column(
                    "Recovery (% of expected)",
                    lambda r: None if r.get("bias_pct") is None else 100 + r["bias_pct"],
                    PERCENT,
                ),
                Column("Bias (%)", "bias_pct", PERCENT),
                Column("Wells passing", "n_passed", INTEGER),
                Column("Wells", "n", INTEGER),
                Column("Pass/fail", lambda r: _yes_no(r.get("passed"))),
            ],
            result["qcs"],
        )
        write_sheet(
            book,
            "QC wells",
            [
                Column("Plate", plate),
                Column("Level", "level"),
                Column(f"Expected{xu}", "nominal", sig4),
                Column("Well", "well"),
                Column(f"{y_label}", "signal", sig4),
                Column(f"Found{xu}", "back_calculated", sig4),
                Column(
                    "Recovery (% of expected)",
                    lambda r: None if r.get("bias_pct") is None else 100 + r["bias_pct"],
                    PERCENT,
                ),
                Column("Pass/fail", lambda r: _yes_no(r.get("passed"))),
                Column("Why", lambda r: "; ".join(r.get("reasons") or [])),
            ],
            _well_rows(result, "qcs", "results"),
        )
    samples = result.get("samples") or []
    dose_column = any(s.get("dose") is not None for s in samples)
    # a group column only where the layout named groups (else it is "<sample>@<dilution>" or "<sample> <dose>")
    named_groups = not dose_column and any(
        s.get("group") != f"{s.get('sample') or 'sample'}@{(s.get('dilution_factor') or 1):g}"
        for s in samples
    )
    write_sheet(
        book,
        "Samples",
        [
            Column("Plate", plate),
            Column("Sample", lambda r: r.get("sample") or r.get("group")),
            *([Column("Group", "group")] if named_groups else []),
            Column("Wells", _wells),
            *([Column(f"Dose{xu}", "dose", sig4)] if dose_column else []),
            *([] if dose_column else [Column("Dilution factor", "dilution_factor", GENERAL)]),
            Column(f"{y_label}, mean", "mean_signal", sig4),
            Column("CV of the wells (%)", "cv_pct", PERCENT),
            *(
                []
                if dose_column  # a bioassay's test samples are curves (Parameters), not concentrations
                else [
                    Column(f"Concentration in the well{xu}", "concentration", sig4),
                    Column(f"Concentration × dilution{xu}", "reported_concentration", sig4),
                    Column(f"SD of the wells × dilution{xu}", "sd_concentration", sig3),
                    Column("Wells quantified", "n_quantified", INTEGER),
                ]
            ),
            Column("Flags", _flag_words, width=40),
        ],
        samples,
    )
    if any(s.get("replicates") for s in samples):
        write_sheet(
            book,
            "Sample wells",
            [
                Column("Plate", plate),
                Column("Sample", lambda r: r.get("sample") or r.get("group")),
                Column("Dilution factor", "dilution_factor", GENERAL),
                Column("Well", "well"),
                Column(f"{y_label}", "signal", sig4),
                Column(f"Concentration × dilution{xu}", "concentration", sig4),
                Column("Flag", lambda r: SAMPLE_FLAG_WORDS.get(r.get("flag"), r.get("flag") or "")),
            ],
            _well_rows(result, "samples", "replicates"),
        )
    write_sheet(
        book,
        "Acceptance",
        [
            Column("Plate", "plate"),
            Column("Criterion", "criterion", width=60),
            Column(
                "Value", lambda r: r.get("value") if r.get("value") is not None else r.get("value_text"), None
            ),
            Column("Unit", "unit"),
            Column("Limit", "limit"),
            Column("Pass/fail", lambda r: _yes_no(r.get("passed")) if r.get("passed") is not None else "—"),
            Column("Note", "note", width=50),
        ],
        _acceptance_rows(result, settings, names),
    )
    _apply_row_formats(book["Acceptance"], _acceptance_rows(result, settings, names))
    write_sheet(
        book,
        "Settings",
        [Column("Setting", "setting", width=48), Column("Value", "value", GENERAL, width=60),
         Column("Source", "source"), Column("Key (API)", "key")],
        _settings_rows(run_info, settings, result),
    )  # fmt: skip
    write_sheet(
        book,
        "Versions",
        [
            Column("Version", "version", INTEGER),
            Column("Status", "status"),
            Column("Created (UTC)", "created"),
            Column("By", "by"),
            Column("Analysis version", "analysis_version"),
            Column("Reason", "reason", width=40),
            Column("Excluded wells", "excluded"),
            Column("Accepted", "accepted"),
            Column("Inputs SHA-256", "inputs_sha256", width=20),
        ],
        _version_rows(versions),
    )
    from il2portal.signing import SIGNATURE_COLUMNS

    write_sheet(
        book,
        "Signatures",
        [
            Column(
                name[:1].upper() + name[1:],
                operator.itemgetter(i),
                INTEGER if name == "version" else GENERAL,
                width=20 if "SHA" in name else None,
            )  # fmt: skip
            for i, name in enumerate(SIGNATURE_COLUMNS)
        ],
        list(signatures),
    )
    return workbook_bytes(book)


def _apply_row_formats(sheet, rows: list[dict]) -> None:
    """Acceptance values differ in kind row by row (a count, a percentage, Z′): each gets its own format."""
    from il2portal.spreadsheets import sig4

    for i, row in enumerate(rows, start=2):
        cell = sheet.cell(i, 3)
        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
            cell.number_format = row.get("format") or sig4(cell.value)
