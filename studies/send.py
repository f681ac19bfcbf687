"""A best-effort CDISC SEND-style export of a study's in-life data (DOMAIN.md §9).

One CSV per domain, SEND variable names, zipped: DM (animals), BW (body weights), PM (palpable masses:
tumor length, width and volume), DS (disposition: endpoint euthanasia, found dead, other euthanasia,
withdrawn) and EX (exposure: one row per dose given; each agent of a combination group has its own
rows with its treatment, dose, unit, route and lot), with TS-like study information in README.txt. This is not a
conformant SEND package (no define.xml, controlled terminology only where obvious, no trial design
domains) and the README says so.

Study day (--DY) follows SEND: day 1 is the reference date (the study's day 0 here), the day before
is day −1; there is no day 0.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from il2portal.spreadsheets import csv_text
from studies.models import Animal, Dose, Event, Measurement, Study

# CDISC controlled terminology (ROUTE codelist) for the routes the portal offers; others as written
ROUTES = {
    "i.p.": "INTRAPERITONEAL",
    "s.c.": "SUBCUTANEOUS",
    "i.v.": "INTRAVENOUS",
    "i.t.": "INTRATUMOR",
    "p.o.": "ORAL",
}

DISPOSITION = {
    "endpoint_euthanasia": ("Euthanized at humane endpoint", "MORIBUND SACRIFICE"),
    "found_dead": ("Found dead", "FOUND DEAD"),
    "euthanasia_other": ("Euthanized, other reason", "UNSCHEDULED SACRIFICE"),
    "withdrawn": ("Withdrawn from study", "REMOVED FROM STUDY ALIVE"),
}


def send_day(date: dt.date, reference: dt.date | None) -> int | str:
    if reference is None:
        return ""
    delta = (date - reference).days
    return delta + 1 if delta >= 0 else delta


def send_zip(study: Study) -> bytes:
    """The study's in-life data as SEND-style domain CSVs in a zip (a fixed number of queries)."""
    studyid = f"IL2P-{study.pk}"
    ref = study.day0
    animals = list(Animal.objects.filter(study=study).select_related("arm").order_by("tag"))
    usubjid = {a.pk: f"{studyid}-{a.tag}" for a in animals}

    dm = [
        [
            studyid,
            "DM",
            usubjid[a.pk],
            a.tag,
            a.sex,
            a.arm.name[:20].upper().replace(" ", "_") if a.arm else "",
            a.arm.name if a.arm else "NOT ASSIGNED",
            study.strain,
            "MOUSE",
            a.implanted_on.isoformat() if a.implanted_on else "",
        ]
        for a in animals
    ]
    measurements = list(
        Measurement.objects.filter(study=study)
        .order_by("animal__tag", "date")
        .values_list("animal_id", "date", "length_mm", "width_mm", "volume_mm3", "weight_g")
    )
    bw, pm = [], []
    seq_bw: dict[int, int] = {}
    seq_pm: dict[int, int] = {}
    for animal_id, date, length, width, volume, weight in measurements:
        if weight is not None:
            seq_bw[animal_id] = seq_bw.get(animal_id, 0) + 1
            bw.append(
                [
                    studyid,
                    "BW",
                    usubjid[animal_id],
                    seq_bw[animal_id],
                    "BW",
                    "Body Weight",
                    weight,
                    "g",
                    weight,
                    "g",
                    date.isoformat(),
                    send_day(date, ref),
                ]
            )
        for code, name, value, unit in (
            ("LENGTH", "Tumor Length", length, "mm"),
            ("WIDTH", "Tumor Width", width, "mm"),
            ("VOLUME", "Tumor Volume", volume, "mm3"),
        ):
            if value is None:
                continue
            seq_pm[animal_id] = seq_pm.get(animal_id, 0) + 1
            pm.append(
                [
                    studyid,
                    "PM",
                    usubjid[animal_id],
                    seq_pm[animal_id],
                    code,
                    name,
                    study.implant_site or "",
                    value,
                    unit,
                    value,
                    unit,
                    date.isoformat(),
                    send_day(date, ref),
                ]
            )
    ds = []
    events = Event.objects.filter(study=study, kind__in=list(DISPOSITION)).order_by("animal__tag", "date")
    for seq, (animal_id, date, kind) in enumerate(events.values_list("animal_id", "date", "kind"), start=1):
        term, decod = DISPOSITION[kind]
        ds.append(
            [studyid, "DS", usubjid[animal_id], seq, term, decod, date.isoformat(), send_day(date, ref)]
        )
    ex = []
    doses = (
        Dose.objects.filter(study=study, status=Dose.Status.GIVEN)
        .select_related("arm", "treatment__test_article", "treatment__lot")
        .order_by("animal__tag", "date", "treatment__order", "treatment_id")
    )
    seq_ex: dict[int, int] = {}
    for dose in doses:
        # one EX row per dose record: a combination group gives one row per agent, each with the dose,
        # unit and route recorded for it
        t = dose.treatment
        seq_ex[dose.animal_id] = seq_ex.get(dose.animal_id, 0) + 1
        ex.append(
            [
                studyid,
                "EX",
                usubjid[dose.animal_id],
                seq_ex[dose.animal_id],
                t.test_article.name if t.test_article_id else dose.arm.name,
                dose.amount if dose.amount is not None else "",
                dose.unit,
                ROUTES.get(dose.route.strip().lower(), dose.route),
                t.lot.lot_number if t.lot_id else "",
                dose.date.isoformat(),
                send_day(dose.date, ref),
            ]
        )
    files = {
        "dm.csv": csv_text(
            ["STUDYID", "DOMAIN", "USUBJID", "SUBJID", "SEX", "ARMCD", "ARM", "STRAIN", "SPECIES", "RFSTDTC"],
            dm,
        ),
        "bw.csv": csv_text(
            [
                "STUDYID",
                "DOMAIN",
                "USUBJID",
                "BWSEQ",
                "BWTESTCD",
                "BWTEST",
                "BWORRES",
                "BWORRESU",
                "BWSTRESN",
                "BWSTRESU",
                "BWDTC",
                "BWDY",
            ],
            bw,
        ),
        "pm.csv": csv_text(
            [
                "STUDYID",
                "DOMAIN",
                "USUBJID",
                "PMSEQ",
                "PMTESTCD",
                "PMTEST",
                "PMLOC",
                "PMORRES",
                "PMORRESU",
                "PMSTRESN",
                "PMSTRESU",
                "PMDTC",
                "PMDY",
            ],
            pm,
        ),
        "ds.csv": csv_text(
            ["STUDYID", "DOMAIN", "USUBJID", "DSSEQ", "DSTERM", "DSDECOD", "DSSTDTC", "DSSTDY"], ds
        ),
        "ex.csv": csv_text(
            [
                "STUDYID",
                "DOMAIN",
                "USUBJID",
                "EXSEQ",
                "EXTRT",
                "EXDOSE",
                "EXDOSU",
                "EXROUTE",
                "EXLOT",
                "EXSTDTC",
                "EXSTDY",
            ],
            ex,
        ),
        "README.txt": (
            f"SEND-style export of study {study.name!r} ({studyid}), tumor model {study.tumor_model}, strain "
            f"{study.strain}, reference date (day 1) {ref.isoformat() if ref else 'not set'}.\n"
            "Best effort, not a conformant SEND package: no define.xml, no trial design domains, controlled\n"
            "terminology only where obvious. Tumor measurements are in PM (LENGTH, WIDTH, VOLUME).\n"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()
