"""A study in life read in Chromium as a scientist reads it: group means that stop when most animals
have left, alerts whose predicted crossing is already past, corrections of saved measurements, and a
grid that does not lose typed values."""

from __future__ import annotations

import datetime as dt

import pytest

from studies import services
from studies.models import Animal
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
    assert "control n too small" in tgi.locator("td[data-day='21.0']").inner_text()
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
    today = services.lab_today(lab)
    day0 = today - dt.timedelta(days=33)
    study = services.study_create(
        lab=lab, user=user, name="Overdue", day0=day0, implanted_on=day0, measure_every_days=5
    )
    arm = services.arm_create(study=study, name="Vehicle", is_control=True)
    services.animals_create(study=study, rows=[{"tag": t, "arm": arm, "cage": "C1"} for t in ("M1", "M2")])
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
    services.measurements_record(study=study, rows=rows, user=user)
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
