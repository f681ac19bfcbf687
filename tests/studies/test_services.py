"""Services and helpers below the API: doses from schedules, tags, sheets, figures, exports, demo."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest

from studies import figures
from studies.demo import DEMO_NAME, load_study_demo
from studies.exports import safe_cell
from studies.models import AnalysisResult, Animal, Dose, Event, Measurement, Study
from studies.services.analyses import analysis_run
from studies.services.common import StudyError, lab_today
from studies.services.design import animals_create, arm_create, study_create, tag_range
from studies.services.dosing import doses_plan
from studies.sheets import SheetError, read_measurement_sheet

pytestmark = pytest.mark.django_db


def test_it_expands_tag_ranges():
    assert tag_range("M01-M03") == ["M01", "M02", "M03"]
    assert tag_range("98-101") == ["98", "99", "100", "101"]
    with pytest.raises(ValueError):
        tag_range("M05-M01")


def test_it_plans_doses_from_the_schedule_and_start_day(lab, user):
    study = study_create(lab=lab, user=user, name="D", day0=dt.date(2025, 1, 6))
    arm = arm_create(study=study, name="A", schedule="q3d×5 + d1", dosing_start_day=7, dose=10.0)
    animals_create(study=study, rows=[{"tag": "M1", "arm": arm}, {"tag": "M2", "arm": arm}])
    days = sorted(
        {study.day_of(d) for d in Dose.objects.filter(animal__tag="M1").values_list("date", flat=True)}
    )
    assert days == [7, 8, 10, 13, 16, 19]
    assert Dose.objects.filter(study=study).count() == 12
    assert doses_plan(study=study) == 0  # idempotent


def test_it_reads_csv_and_xlsx_sheets_and_refuses_unreadable_ones():
    sheet = read_measurement_sheet(
        b"\xef\xbb\xbfTag,Day,L (mm),W (mm),Weight\nM1,7,6.1,5,20.3\n\nM2,7,,,19.9\n",
        "s.csv",
        day0=dt.date(2025, 1, 6),
    )
    assert sheet.rows == [
        {"animal": "M1", "length_mm": "6.1", "width_mm": "5", "weight_g": "20.3", "date": "2025-01-13"},
        {"animal": "M2", "length_mm": "", "width_mm": "", "weight_g": "19.9", "date": "2025-01-13"},
    ]
    assert sheet.row_numbers == [2, 4]
    for data, name, text in (
        (b"", "x.csv", "empty"),
        (b"foo,bar\n1,2\n", "x.csv", "No animal column"),
        (b"tag,date\nM1,2025-01-01\n", "x.csv", "No measurement columns"),
        (b"PK\x03\x04garbage", "x.xlsx", "not a readable XLSX"),
        (b"x", "x.xls", ".xls"),
    ):
        with pytest.raises(SheetError, match=text):
            read_measurement_sheet(data, name)


def test_it_neutralises_spreadsheet_formulas():
    assert [safe_cell(v) for v in ("=1+1", "+1", "-x", "@SUM", "ok", -3.5, None)] == [
        "'=1+1",
        "'+1",
        "'-x",
        "'@SUM",
        "ok",
        -3.5,
        None,
    ]


def test_it_loads_the_demo_study_once_with_analyses(lab, user):
    made = load_study_demo(lab=lab, user=user)
    assert len(made) == 4 and made[1].startswith("serum IL-2 ELISA of 80 samples")
    assert made[2].startswith("flow cytometry of 40 tumors")
    study = Study.objects.get(lab=lab, name=DEMO_NAME)
    assert study.arms.count() == 4 and Animal.objects.filter(study=study).count() == 40
    assert Animal.objects.filter(study=study, status="endpoint").exists()  # some reached an endpoint
    assert Measurement.objects.filter(study=study, swapped=True).exists()
    assert Measurement.objects.filter(study=study, volume_mm3=0).exists()  # non-palpable, allow_zero
    assert Event.objects.filter(study=study, kind="found_dead").count() == 1
    assert not Dose.objects.filter(study=study, status="planned", date__lte=lab_today(lab)).exists()
    kinds = set(AnalysisResult.objects.filter(study=study).values_list("kind", flat=True))
    assert kinds == {"growth", "survival", "synergy", "exposure", "immune"}
    assert load_study_demo(lab=lab, user=user) == []
    assert (
        Study.objects.filter(lab=lab).count() == 1 and AnalysisResult.objects.filter(study=study).count() == 5
    )


def test_it_builds_figures_plotly_accepts(lab, user):
    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(name=DEMO_NAME)
    growth = AnalysisResult.objects.get(study=study, kind="growth").result
    survival = AnalysisResult.objects.get(study=study, kind="survival").result
    colors = figures.arm_colors([(a.pk, a.is_control) for a in study.arms.all()])
    names = {a.pk: a.name for a in study.arms.all()}
    figs = [
        figures.growth_figure(growth, colors, endpoint_mm3=2000),
        figures.spaghetti_figure(growth, colors, names, endpoint_mm3=2000),
        figures.weight_figure(growth, colors, weight_loss_pct=20),
        figures.km_figure(survival, colors),
        figures.animal_figure(
            [{"day": 7, "volume_mm3": 80.0, "weight_g": 20.0}],
            tag="M1",
            endpoint_mm3=2000,
            events=[{"day": 7, "label": "ulceration", "exit": False}],
        ),
    ]
    for fig in figs:
        go.Figure({"data": fig["data"], "layout": fig["layout"]})  # raises on an invalid property
        assert fig["config"]["toImageButtonOptions"]["format"] == "png"
    km = figs[3]
    assert "log-rank χ² =" in km["layout"]["title"]["text"]
    risk = [t for t in km["data"] if t.get("yaxis") == "y2"]
    assert len(risk) == 4 and risk[0]["text"][0] == "10"  # numbers at risk at day 0
    assert len([t for t in figs[1]["data"] if t.get("mode") == "lines+markers"]) == 40


def test_it_refuses_to_analyse_a_study_without_animals_in_groups(lab, user):
    study = study_create(lab=lab, user=user, name="Empty", day0=dt.date(2025, 1, 6))
    with pytest.raises(StudyError) as caught:
        analysis_run(study=study, kind="growth", user=user)
    assert caught.value.code == "no_groups"
    assert caught.value.message == "No animal is in a group yet: randomise or assign animals first."
