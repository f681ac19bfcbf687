"""The study XLSX a reviewer opens: names not ids, numbers as numbers with display formats, dates as
dates, the design and every stored analysis with its version."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from studies.models import AnalysisResult, Measurement
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db


def _records(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_the_study_workbook_has_names_numbers_dates_design_and_analyses(browser_client, lab, user):
    study = build_study(lab, user, 8, n_days=12)
    response = browser_client.get(f"/studies/{study.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "measurements",
        "doses",
        "groups",
        "study",
        "analyses",
        "synergy",
        "serum NCA",
        "serum samples",
        "immune readouts",
        "immune tests",
        "signatures",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title

    rows = _records(book["measurements"])
    stored = {
        (m.animal.tag, m.date): m
        for m in Measurement.objects.filter(study=study).select_related("animal__arm")
    }
    assert len(rows) == len(stored)
    for row in rows:
        date = row["date"].value
        assert isinstance(date, dt.datetime) and row["date"].number_format == "yyyy-mm-dd"
        m = stored[(row["animal"].value, date.date())]
        assert row["group"].value == m.animal.arm.name  # the group's name, not its id
        volume = row["volume_mm3"]
        assert isinstance(volume.value, float) and volume.number_format == "0.0"
        assert volume.value == pytest.approx(m.volume_mm3, rel=1e-14)
        assert float(f"{volume.value:.15g}") == volume.value  # no binary noise
        assert row["day"].value == study.day_of(m.date) and row["day"].number_format == "0"
        assert row["weight_g"].number_format == "0.0"

    groups = _records(book["groups"])
    assert [g["group"].value for g in groups] == ["Vehicle", "anti-PD-1", "IL-2 mutein", "Combination"]
    assert groups[0]["dose"].value == 10 and groups[0]["dose"].number_format != "General"

    design = {r["setting"].value: r["value"].value for r in _records(book["study"])}
    assert design["study"] == study.name and design["day 0"] == study.day0.isoformat()
    assert design["volume formula"] == "V = L·W²/2" and design["endpoint volume (mm³)"] == 2000

    analyses = _records(book["analyses"])
    expected = AnalysisResult.objects.filter(study=study).order_by("kind", "version")
    assert [(a["analysis"].value, a["version"].value, a["analysis_version"].value) for a in analyses] == [
        (e.get_kind_display(), e.version, e.analysis_version) for e in expected
    ]
    assert all(a["by"].value == "alice" and len(a["inputs_sha256"].value) == 64 for a in analyses)

    # the CSV keeps ISO dates and full-precision numbers
    text = browser_client.get(f"/studies/{study.pk}/export.csv").content.decode()
    first = next(csv.DictReader(io.StringIO(text)))
    m = stored[(first["animal"], dt.date.fromisoformat(first["date"]))]
    assert float(first["volume_mm3"]) == pytest.approx(m.volume_mm3, rel=1e-14)


def test_the_workbook_carries_the_synergy_tests_as_stored(browser_client, lab, user):
    from studies.models import AnalysisResult
    from studies.services.analyses import analysis_run
    from tests.studies.factories import build_study

    study = build_study(lab, user, 24, n_days=21)
    roles = {"control": "Vehicle", "a": "anti-PD-1", "b": "IL-2 mutein", "combination": "Combination"}
    analysis_run(study=study, kind="synergy", settings={"roles": roles}, user=user)
    stored = AnalysisResult.objects.get(study=study, kind="synergy").result
    response = browser_client.get(f"/studies/{study.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    rows = [{k: c.value for k, c in r.items()} for r in _records(book["synergy"])]
    days = [d for d in stored["synergy"]["days"] if d.get("bliss")]
    assert len(rows) == 2 * len(days)
    last = next(r for r in rows if r["day"] == days[-1]["day"] and r["reference"] == "Bliss")
    assert last["combination index"] == pytest.approx(days[-1]["bliss"]["combination_index"], rel=1e-12)
    assert last["p"] == pytest.approx(days[-1]["bliss"]["p"], rel=1e-12)
    assert _records(book["serum NCA"]) == []  # no exposure analysis: the sheet has its header only
