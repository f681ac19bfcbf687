"""A study in life read in Chromium as a scientist reads it: group means that stop when most animals
have left, alerts whose predicted crossing is already past, corrections of saved measurements, and a
grid that does not lose typed values."""

from __future__ import annotations

import datetime as dt

import pytest

from studies.models import Animal, Measurement
from studies.services.common import lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.measurements import measurements_record
from tests.browser import shot
from tests.studies.test_survivor_bias import build as build_survivor_study

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _drawn(page, element_id: str) -> None:
    page.wait_for_function(f"document.getElementById('{element_id}').dataset.drawn === '1'")


def _hover_text(page, curve: int, point: int, expect: str) -> str:
    """The hover label of one point of the growth plot (plotly's own hover, as a mouse would show it)."""
    page.evaluate(
        """([c, p]) => { const gd = document.getElementById('fig-growth');
           Plotly.Fx.unhover(gd); Plotly.Fx.hover(gd, [{curveNumber: c, pointNumber: p}]); }""",
        [curve, point],
    )
    page.wait_for_function(
        "(e) => (document.querySelector('#fig-growth .hoverlayer') || {}).textContent.includes(e)", arg=expect
    )
    return page.text_content("#fig-growth .hoverlayer")


def test_it_stops_group_means_when_most_animals_have_left(logged_in_page, live_server, lab, user):
    page = logged_in_page
    study, _ctrl, _drug = build_survivor_study(lab, user)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    _drawn(page, "fig-growth")
    traces = page.evaluate(
        "document.getElementById('fig-growth').data.filter(t => t.error_y).map(t => [t.name, t.x])"
    )
    assert traces == [["Vehicle (n = 10)", [7, 10, 14]], ["IL-2 mutein (n = 10)", [7, 10, 14, 17, 21]]]
    assert "fewer than 50 % of its animals remain" in page.text_content("#fig-growth .gtitle")
    text = _hover_text(page, 0, 2, "Vehicle")  # the vehicle's last point on its curve
    assert "n = 6 of 10" in text and "Day 14" in text
    assert "n = 10 of 10" in _hover_text(page, 1, 4, "IL-2 mutein")
    tgi = page.locator("#tgi tbody tr").first
    assert "no TGI" in tgi.locator("td[data-day='21.0']").inner_text()
    assert "control n < 3" in tgi.locator("td[data-day='21.0']").inner_text()
    assert "n 10 vs 1" in tgi.locator("td[data-day='21.0']").inner_text()
    assert "Only 1 control animal" in tgi.locator("td[data-day='21.0']").get_attribute("title")
    page.click("#group-means summary")
    assert "n = 1 · not plotted" in page.inner_text("#group-means")
    page.locator("#growth").scroll_into_view_if_needed()
    shot(page, "studies-survivor-bias")


def _overdue_study(lab, user):
    """Day 0 was 33 days ago; M1 was last measured on day 30 and doubles every 3 days: 2000 mm³ is
    predicted on day 30.6. Measurements are due every 5 days, so the schedule alone would not ask
    for M1 today."""
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=33)
    study = study_create(
        lab=lab, user=user, name="Overdue", day0=day0, implanted_on=day0, measure_every_days=5
    )
    arm = arm_create(study=study, name="Vehicle", is_control=True)
    animals_create(study=study, rows=[{"tag": t, "arm": arm, "cage": "C1"} for t in ("M1", "M2")])
    v30 = 2000 * 2 ** (-0.6 / 3)
    rows = []
    for tag, volumes in (("M1", (v30 / 4, v30 / 2, v30)), ("M2", (200.0, 220.0, 240.0))):
        for d, v in zip((24, 27, 30), volumes, strict=True):
            width = (2 * v / 1.25) ** (1 / 3)  # L = 1.25 W, V = L W² / 2
            rows.append(
                {
                    "animal": tag,
                    "date": (day0 + dt.timedelta(days=d)).isoformat(),
                    "length_mm": 1.25 * width,
                    "width_mm": width,
                    "weight_g": 20.0,
                }
            )
    measurements_record(study=study, rows=rows, user=user)
    return study


def test_it_says_a_predicted_crossing_is_past_and_asks_to_measure_today(
    logged_in_page, live_server, lab, user
):
    page = logged_in_page
    study = _overdue_study(lab, user)
    m1 = Animal.objects.get(study=study, tag="M1")
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    row = page.locator("#alerts tr", has_text="M1")
    assert "predicted to have reached 2000 mm³ on day 30.6 — 2.4 days ago; measure today" in row.inner_text()
    assert "now" not in row.inner_text()
    assert "2.4 d ago" in row.locator("td").last.inner_text()
    assert "overdue" in row.inner_text().lower()
    assert "1 animal" in page.inner_text("#study-today")  # measurements due: M1, despite the 5-day schedule
    shot(page, "studies-overdue-dashboard")
    page.goto(f"{live_server.url}/studies/today/")
    due = page.inner_text("#measure-due")
    assert "M1" in due and "M2" not in due and "overdue" in due.lower()
    near = page.locator("#near-endpoint tr", has_text="M1").inner_text()
    assert "2.4 days ago; measure today" in near and "overdue" in near.lower()
    shot(page, "studies-overdue-today")
    page.goto(f"{live_server.url}/studies/animals/{m1.pk}/")
    assert "2.4 days ago; measure today" in page.inner_text(".errorbox")
    assert "overdue for measurement" in page.inner_text(".page-head").lower()
    page.goto(f"{live_server.url}/studies/{study.pk}/measure/")
    grid_row = page.locator("tr[data-animal]", has_text="M1")
    assert "measure today" in grid_row.inner_text()
    shot(page, "studies-overdue-grid")


def _small_study(lab, user):
    """Day 0 ten days ago; V1, V2 measured on day 7 (6.2 × 5.0 mm, 20 g)."""
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=10)
    study = study_create(lab=lab, user=user, name="Grid", day0=day0, implanted_on=day0)
    arm = arm_create(study=study, name="Vehicle", is_control=True)
    animals_create(study=study, rows=[{"tag": t, "arm": arm, "cage": "C1"} for t in ("V1", "V2")])
    on = day0 + dt.timedelta(days=7)
    measurements_record(
        study=study,
        user=user,
        rows=[
            {"animal": t, "date": on.isoformat(), "length_mm": 6.2, "width_mm": 5.0, "weight_g": 20.0}
            for t in ("V1", "V2")
        ],
    )
    return study, on


def test_it_corrects_a_saved_measurement_with_a_reason_kept_in_the_history(
    logged_in_page, live_server, lab, user
):
    page = logged_in_page
    study, on = _small_study(lab, user)
    v1 = Measurement.objects.get(study=study, animal__tag="V1")
    page.goto(f"{live_server.url}/studies/{study.pk}/measure/?date={on.isoformat()}")
    row = page.locator("tr.done", has_text="V1")
    row.locator("button.correct-btn").click()
    form = page.locator(f"tr.correction[data-measurement='{v1.pk}']")
    assert form.is_visible()
    assert form.locator("input[name=length_mm]").input_value() == "6.2"
    form.locator("input[name=length_mm]").fill("8.2")
    form.locator("button[type=submit]").click()  # no reason: the browser asks for one, nothing is sent
    assert form.locator("input[name=reason]").evaluate("el => !el.validity.valid")
    assert Measurement.objects.get(pk=v1.pk).length_mm == 6.2
    form.locator("input[name=reason]").fill("caliper read 6.2 for 8.2")
    shot(page, "studies-grid-correction")
    form.locator("input[name=reason]").press("Enter")
    page.wait_for_selector(".messages")
    assert "Corrected V1" in page.inner_text(".messages") and "6.2 → 8.2" in page.inner_text(".messages")
    fixed = Measurement.objects.get(pk=v1.pk)
    assert fixed.length_mm == 8.2 and fixed.volume_mm3 == pytest.approx(8.2 * 25 / 2)
    assert fixed.history.first().history_change_reason == "caliper read 6.2 for 8.2"
    assert "corrected" in page.locator("tr.done", has_text="V1").inner_text()
    page.goto(f"{live_server.url}/studies/animals/{v1.animal_id}/")
    history = page.inner_text("#audit-trail")
    assert "Reason: caliper read 6.2 for 8.2" in history and "6.2 → 8.2" in history
    assert "corrected" in page.locator("#measurements tr", has_text="8.2").inner_text()
    shot(page, "studies-animal-corrected")


def test_it_warns_before_leaving_unsaved_values_and_saves_from_anywhere(
    logged_in_page, live_server, lab, user
):
    page = logged_in_page
    study, _on = _small_study(lab, user)
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    grid = f"{live_server.url}/studies/{study.pk}/measure/"
    page.goto(grid)
    page.click("nav.tabs >> text=Dashboard")  # nothing typed: leaves without asking
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/")
    assert dialogs == []
    page.goto(grid)
    page.wait_for_function("document.activeElement && document.activeElement.dataset.col === '0'")
    page.keyboard.type("7.1")
    page.keyboard.press("Tab")
    page.keyboard.type("5.5")
    page.click("nav.tabs >> text=Dashboard")
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"] and page.url == grid
    assert page.locator("input[data-col='0']").first.input_value() == "7.1"
    # Ctrl+Enter with the focus on the Save button saves (and does not ask to leave)
    page.focus("#save-grid")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/")
    assert dialogs == ["beforeunload"]
    assert Measurement.objects.filter(study=study, date=lab_today(lab)).count() == 1
    # Ctrl+Enter anywhere on the page (focus on the page body)
    page.goto(grid)
    page.locator("tr[data-animal]:not(.done) input[data-col='2']").last.fill("21.5")
    page.click("h2")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/")
    assert Measurement.objects.filter(study=study, date=lab_today(lab)).count() == 2
    assert dialogs == ["beforeunload"]
