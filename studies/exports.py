"""Exports of a study as CSV and XLSX: its measurements, its doses (one row per dose: each treatment
of a combination group on its own row) and its groups (one row per treatment).

Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab/CR) get a
leading apostrophe (OWASP "CSV injection"); numbers are written as numbers.
"""

from __future__ import annotations

import datetime as dt
import json

from il2portal.spreadsheets import csv_text
from il2portal.spreadsheets import spreadsheet_safe as safe_cell  # noqa: F401  (used by the tests)
from studies.models import Arm, Dose, Measurement
from studies.selectors import load_study_data

COLUMNS = [
    "study", "animal", "cage", "sex", "group", "status", "date", "day", "length_mm", "width_mm", "volume_mm3",
    "weight_g", "swapped", "note",
]  # fmt: skip


def measurement_rows(study):
    data = load_study_data(study)
    notes = {}
    for animal_id, d, note in (
        Measurement.objects.filter(study=study).exclude(note="").values_list("animal_id", "date", "note")
    ):
        notes[(animal_id, d)] = note
    for animal in sorted(data.animals, key=lambda a: (a.arm.order if a.arm else 999, a.tag)):
        for r in data.measurements.get(animal.pk, []):
            yield [
                study.name, animal.tag, animal.cage, animal.sex, animal.arm.name if animal.arm else "",
                animal.status, r.date.isoformat(), r.day, r.length_mm, r.width_mm, r.volume_mm3, r.weight_g,
                "yes" if r.swapped else "", notes.get((animal.pk, r.date), ""),
            ]  # fmt: skip


DOSE_COLUMNS = [
    "study", "animal", "group", "treatment", "lot", "date", "day", "dose", "unit", "route", "status", "given_at",
    "given_by", "note",
]  # fmt: skip


def dose_rows(study):
    """One row per dose record, as stored: dose, unit and route are the record's (what was planned or
    given), the treatment is the group treatment it belongs to."""
    doses = (
        Dose.objects.filter(study=study)
        .select_related("animal", "arm", "treatment__test_article", "treatment__lot", "given_by")
        .order_by("animal__tag", "date", "treatment__order", "treatment_id")
    )
    for d in doses:
        t = d.treatment
        yield [
            study.name, d.animal.tag, d.arm.name, t.name, t.lot.lot_number if t.lot_id else "", d.date.isoformat(),
            study.day_of(d.date), d.amount, d.unit, d.route, d.status,
            d.given_at.isoformat() if d.given_at else "", d.given_by.username if d.given_by else "", d.note,
        ]  # fmt: skip


GROUP_COLUMNS = [
    "group", "control", "capacity", "dosing_start_day", "treatment", "lot", "dose", "unit", "route", "schedule",
    "regimen",
]  # fmt: skip


def group_rows(study):
    """One row per treatment of each group (a group without treatments has one row with empty
    treatment columns)."""
    for arm in Arm.objects.filter(study=study).prefetch_related(
        "treatments__test_article", "treatments__lot"
    ):
        head = [arm.name, "yes" if arm.is_control else "", arm.capacity, arm.dosing_start_day]
        for t in arm.treatment_list or [None]:
            if t is None:
                yield [*head, "", "", None, "", "", "", arm.regimen]
                continue
            yield [
                *head, t.name if t.test_article_id else "", t.lot.lot_number if t.lot_id else "", t.dose,
                t.dose_unit, t.route, t.schedule, arm.regimen,
            ]  # fmt: skip


def to_csv(rows, columns=COLUMNS) -> str:
    return csv_text(columns, rows)


#: display formats of the numeric columns of the study workbook (the stored number keeps every digit)
NUMBER_FORMATS = {
    "day": "0",
    "length_mm": "0.0",
    "width_mm": "0.0",
    "volume_mm3": "0.0",
    "weight_g": "0.0",
    "capacity": "0",
    "dosing_start_day": "0",
    "version": "0",
}
DATE_COLUMNS = {"date"}


def _getter(i: int, name: str):
    """Cell ``i`` of a row; an ISO date of a date column as a date (a date cell in the workbook, ISO text
    in the CSV)."""

    def get(row):
        value = row[i]
        if name in DATE_COLUMNS and isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value

    return get


def to_xlsx_sheets(sheets) -> bytes:
    """A workbook with one sheet per ``(title, columns, rows)``: names as the study writes them, numbers
    as numbers (:func:`il2portal.spreadsheets.tidy_number`) with a display format per column, dates as
    dates, a frozen header row, columns as wide as their contents."""
    from il2portal.spreadsheets import Column, new_workbook, workbook_bytes, write_sheet

    book = new_workbook()
    for title, columns, rows in sheets:
        write_sheet(book, title, [Column(n, _getter(i, n), _format(n)) for i, n in enumerate(columns)], rows)
    return workbook_bytes(book)


def _format(column: str):
    from il2portal.spreadsheets import sig4

    if column in DATE_COLUMNS:
        return "yyyy-mm-dd"
    return NUMBER_FORMATS.get(column, sig4)


STUDY_COLUMNS = ["setting", "value"]


def study_rows(study):
    """The study's design, one setting a row, for the workbook's ``study`` sheet."""
    yield ["study", study.name]
    yield ["status", study.get_status_display()]
    yield ["tumor model", study.get_tumor_model_display()]
    if study.cell_line:
        yield ["cell line", study.cell_line]
    yield ["strain", study.strain]
    if study.cells_implanted:
        yield ["cells implanted", study.cells_implanted]
    yield ["implant site", study.implant_site]
    yield ["implanted on", study.implanted_on.isoformat() if study.implanted_on else ""]
    yield ["day 0", study.day0.isoformat()]
    yield ["volume formula", f"V = {study.get_volume_formula_display()}"]
    yield ["endpoint volume (mm³)", study.endpoint_volume_mm3]
    yield ["endpoint body weight loss (%)", study.weight_loss_endpoint_pct]
    yield ["measure every (days)", study.measure_every_days]
    yield ["group mean curve stops below (% of the group)", study.mean_curve_min_pct]
    yield ["exported (UTC)", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")]


ANALYSIS_COLUMNS = [
    "analysis", "version", "created (UTC)", "by", "analysis_version", "settings", "inputs_sha256", "download",
]  # fmt: skip


def analysis_rows(study):
    """Every stored analysis of the study (growth, survival, synergy, exposure), oldest first: what was computed when, by
    whom, with which code and settings."""
    from studies.models import AnalysisResult

    for a in (
        AnalysisResult.objects.filter(study=study)
        .select_related("created_by")
        .defer("result")
        .order_by("kind", "version")
    ):
        yield [
            a.get_kind_display(),
            a.version,
            a.created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
            a.created_by.get_username() if a.created_by_id else "",
            a.analysis_version,
            json.dumps(a.settings, sort_keys=True) if a.settings else "defaults",
            a.inputs_sha256,
            f"/studies/analyses/{a.pk}.json",
        ]


def _newest(study, kind: str):
    from studies.models import AnalysisResult

    return AnalysisResult.objects.filter(study=study, kind=kind).order_by("-version").first()


SYNERGY_COLUMNS = [
    "day", "reference", "combination index", "CI 95% low", "CI 95% high", "synergy score", "p", "delta", "SE",
    "analysis version",
]  # fmt: skip


def synergy_rows(study):
    """The newest combination-synergy analysis, one row per day and reference model (Bliss, HSA)."""
    record = _newest(study, "synergy")
    if record is None:
        return
    for d in record.result["synergy"]["days"]:
        for ref in ("bliss", "hsa"):
            t = d.get(ref)
            if not t:
                continue
            low, high = t["combination_index_ci95"]
            yield [
                d["day"], "Bliss" if ref == "bliss" else f"HSA (vs {t.get('hsa_arm')})", t["combination_index"],
                low, high, t["synergy_score"], t["p"], t["delta"], t["se"], f"v{record.version}",
            ]  # fmt: skip


NCA_COLUMNS = [
    "mouse", "group", "Cmax", "Tmax (h)", "AUC0-last", "half-life (h)", "half-life reliable", "AUC0-inf",
    "AUC extrapolated (%)", "flags", "unit",
]  # fmt: skip


def nca_rows(study):
    """The newest serum exposure analysis: NCA parameters per mouse and dose."""
    record = _newest(study, "exposure")
    if record is None:
        return
    pk = record.result["pk"]
    for a in pk["animals"]:
        yield [
            a["animal_id"], a["arm_name"], a["cmax"], a["tmax"], a["auc_last"], a["half_life"],
            bool(a["lambda_z"].get("reliable")), a["auc_inf"], a["auc_percent_extrapolated"],
            ", ".join(a["flags"]), pk.get("concentration_unit"),
        ]  # fmt: skip


SERUM_COLUMNS = [
    "sample",
    "mouse",
    "group",
    "dose day",
    "hours after dose",
    "concentration",
    "below LLOQ",
    "LLOQ",
    "unit",
    "run",
]


def serum_sample_rows(study):
    """Every linked serum sample with its concentration as the newest exposure analysis read it."""
    record = _newest(study, "exposure")
    if record is None:
        return
    for r in record.result["samples"]:
        yield [
            r["sample"], r["tag"], r["arm"], r["dose_day"], r["hours"], r["concentration"], r["blq"], r["lloq"],
            r["unit"], r["run"],
        ]  # fmt: skip


IMMUNE_COLUMNS = ["mouse", "group", "tissue", "readout", "value", "analysis version"]


def immune_rows(study):
    """The newest immune analysis: each mouse's value of each readout and tissue."""
    record = _newest(study, "immune")
    if record is None:
        return
    for entry in record.result["readouts"]:
        for m in entry["mice"]:
            yield [
                m["animal_id"],
                m["arm_name"],
                entry["tissue"],
                entry["readout"],
                m["value"],
                f"v{record.version}",
            ]


IMMUNE_TEST_COLUMNS = [
    "readout",
    "tissue",
    "group",
    "n",
    "median",
    "Q1",
    "Q3",
    "vs control p (Holm)",
    "Kruskal-Wallis H",
    "KW p",
    "rho vs response",
    "rho p",
]


def immune_test_rows(study):
    """The newest immune analysis: per readout, tissue and group the median and IQR and the tests."""
    record = _newest(study, "immune")
    if record is None:
        return
    for entry in record.result["readouts"]:
        c = entry.get("comparison") or {}
        omnibus = c.get("omnibus") or {}
        vs = {v["arm_name"]: v.get("p_holm") for v in c.get("vs_control") or []}
        corr = (entry.get("response") or {}).get("correlation") or {}
        for a in c.get("arms") or []:
            yield [
                entry["readout"], entry["tissue"], a["arm_name"], a["n"], a["median"], a["q1"], a["q3"],
                vs.get(a["arm_name"]), omnibus.get("h"), omnibus.get("p"), corr.get("rho"), corr.get("p"),
            ]  # fmt: skip


def signature_rows(study) -> list[list]:
    """Every signature on the study's analyses (il2portal.signing.SIGNATURE_COLUMNS)."""
    from il2portal.signing import signature_export_rows
    from studies.models import AnalysisResult
    from studies.signing import KIND

    analyses = AnalysisResult.objects.filter(study=study).order_by("kind", "version")
    return signature_export_rows(KIND, analyses, lambda a: f"{a.get_kind_display()} analysis v{a.version}")
