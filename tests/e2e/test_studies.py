"""Tumor studies in Chromium: a day of caliper measurements entered with the keyboard changes the
growth plot; running the survival analysis draws the Kaplan–Meier plot."""

from __future__ import annotations

import datetime as dt

import pytest

from studies import services
from studies.models import Animal, Measurement
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _study(lab, user, *, with_exits: bool = False):
    today = services.lab_today(lab)
    day0 = today - dt.timedelta(days=10)
    study = services.study_create(lab=lab, user=user, name="MC38 e2e", day0=day0, implanted_on=day0)
    ctrl = services.arm_create(
        study=study, name="Vehicle", is_control=True, schedule="q3d×3", dosing_start_day=7
    )
    drug = services.arm_create(
        study=study, name="IL-2 mutein", schedule="q3d×3", dosing_start_day=7, dose=1.0
    )
    services.animals_create(
        study=study,
        rows=[{"tag": f"V{i}", "arm": ctrl, "cage": "C1"} for i in (1, 2, 3)]
        + [{"tag": f"T{i}", "arm": drug, "cage": "C2"} for i in (1, 2, 3)],
    )
    rows = []
    for tag in ("V1", "V2", "V3", "T1", "T2", "T3"):
        for d, side in ((4, 4.0), (7, 5.0)):
            rows.append(
                {
                    "animal": tag,
                    "date": (day0 + dt.timedelta(days=d)).isoformat(),
                    "length_mm": side * 1.25,
                    "width_mm": side,
                    "weight_g": 20.0,
                }
            )
    services.measurements_record(study=study, rows=rows, user=user)
    if with_exits:
        services.events_record(
            study=study,
            user=user,
            rows=[
                {
                    "animal": "V1",
                    "date": (day0 + dt.timedelta(days=7)).isoformat(),
                    "kind": "endpoint_euthanasia",
                },
                {
                    "animal": "V2",
                    "date": (day0 + dt.timedelta(days=7)).isoformat(),
                    "kind": "endpoint_euthanasia",
                },
                {"animal": "T1", "date": (day0 + dt.timedelta(days=7)).isoformat(), "kind": "withdrawn"},
            ],
        )
    return study, today


def _points_per_trace(page) -> list[int]:
    page.wait_for_function("document.getElementById('fig-growth').dataset.drawn === '1'")
    return page.evaluate(
        "document.getElementById('fig-growth').data.filter(t => t.error_y).map(t => t.x.length)"
    )


def test_it_enters_a_day_with_the_keyboard_and_the_growth_plot_changes(
    logged_in_page, live_server, lab, user
):
    page = logged_in_page
    study, today = _study(lab, user)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    assert _points_per_trace(page) == [2, 2]
    page.click("nav.tabs >> text=Enter measurements")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/measure/")
    page.wait_for_function("document.activeElement && document.activeElement.dataset.col === '0'")
    # the first length field has the focus: type L, Tab, W, Tab, weight, Tab … for the six mice (cage order)
    entries = {
        "V1": ("7.5", "6", "20.6"),  # normal growth
        "V2": ("6", "7.8", "20.9"),  # width > length: will be swapped
        "V3": ("19", "16.5", "21.0"),  # beyond the 2000 mm³ endpoint, and out of trend
        "T1": ("6.5", "5.2", "19.9"),
        "T2": ("6.4", "5.1", "15.5"),  # weight loss > 20 %
        "T3": ("6.2", "5.0", "20.1"),
    }
    for tag in ("V1", "V2", "V3", "T1", "T2", "T3"):
        for value in entries[tag]:
            page.keyboard.type(value)
            page.keyboard.press("Tab")
    row = {tag: page.locator(f"tr:has(a:text-is('{tag}'))") for tag in entries}
    assert row["V1"].locator("[data-role=volume]").inner_text() == "135"  # 7.5 × 6² / 2
    assert "will be swapped" in row["V2"].inner_text()
    assert "flag-bad" in row["V3"].get_attribute("class") and "≥ endpoint" in row["V3"].inner_text()
    assert "out of trend" in row["V3"].inner_text()
    assert "weight loss" in row["T2"].inner_text() and "flag-bad" in row["T2"].get_attribute("class")
    assert "6 of 6 animals entered" in page.inner_text("#grid-summary")
    shot(page, "studies-grid")
    page.keyboard.press("Shift+Tab")  # back into the grid, then save from the keyboard
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/")
    assert "Saved 6 measurements" in page.inner_text(".messages")
    assert _points_per_trace(page) == [3, 3]
    assert Measurement.objects.filter(date=today).count() == 6
    assert Measurement.objects.get(date=today, animal__tag="V2").swapped
    shot(page, "studies-dashboard-after-entry")


def test_it_rejects_the_whole_day_when_one_value_is_impossible(logged_in_page, live_server, lab, user):
    page = logged_in_page
    study, today = _study(lab, user)
    page.goto(f"{live_server.url}/studies/{study.pk}/measure/")
    page.wait_for_function("document.activeElement && document.activeElement.dataset.col === '0'")
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    page.keyboard.type("6")
    page.keyboard.press("Enter")  # down to the next animal's width
    page.keyboard.type("-6")
    assert "negative" in page.locator("tr.flag-bad").inner_text()
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("7")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#grid-errors")
    assert "Nothing was saved" in page.inner_text("#grid-errors")
    assert not Measurement.objects.filter(date=today).exists()
    shot(page, "studies-grid-rejected")


def test_it_runs_the_survival_analysis_and_shows_the_kaplan_meier_plot(
    logged_in_page, live_server, lab, user
):
    page = logged_in_page
    study, _today = _study(lab, user, with_exits=True)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    assert page.is_visible("#survival-empty")
    page.click("#run-survival button[type=submit]")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/#survival")
    page.wait_for_function(
        "document.getElementById('fig-km') && document.getElementById('fig-km').dataset.drawn === '1'"
    )
    names = page.evaluate(
        "document.getElementById('fig-km').data.filter(t => t.line && t.line.shape === 'hv').map(t => t.name)"
    )
    assert names == ["Vehicle", "IL-2 mutein"]
    assert page.locator("#fig-km .main-svg").count() > 0
    assert "log-rank" in page.inner_text("#fig-km")
    assert "Number at risk" in page.inner_text("#fig-km")
    assert "Log-rank (all groups): χ² =" in page.inner_text("#logrank")
    page.locator("#survival").scroll_into_view_if_needed()
    shot(page, "studies-survival")


def test_it_shows_the_demo_study_pages(logged_in_page, live_server, lab, user):
    from studies.demo import load_study_demo

    page = logged_in_page
    load_study_demo(lab=lab, user=user)
    study = Animal.objects.filter(study__lab=lab).first().study
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    page.wait_for_function("document.getElementById('fig-km').dataset.drawn === '1'")
    shot(page, "studies-demo-dashboard")
    page.click("#fig-growth .updatemenu-button >> nth=1")  # log scale
    page.wait_for_function("document.getElementById('fig-growth').layout.yaxis.type === 'log'")
    page.goto(f"{live_server.url}/studies/animals/{Animal.objects.get(study=study, tag='M03').pk}/")
    page.wait_for_function("document.getElementById('fig-animal').dataset.drawn === '1'")
    shot(page, "studies-demo-animal")
    page.goto(f"{live_server.url}/studies/today/")
    shot(page, "studies-demo-today")
    page.goto(f"{live_server.url}/studies/{study.pk}/measure/")
    shot(page, "studies-demo-grid")
    page.goto(f"{live_server.url}/studies/{study.pk}/randomise/")
    shot(page, "studies-demo-randomise")
    page.goto(f"{live_server.url}/studies/")
    shot(page, "studies-list")
