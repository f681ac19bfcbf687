"""The assays pages' forms: a refusal is shown next to the field it concerns, with what was entered kept."""

from __future__ import annotations

import pytest

from assays import services
from assays.demo import elisa_time_course_csv, elisa_time_course_layout
from assays.models import AssayRun, RunResult
from tests.assays.test_series import NIVO, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def plate_and_layout(lab, user):
    plate = services.plate_import(lab=lab, data=elisa_time_course_csv(24, 0), filename="p.csv", user=user)
    layout = services.layout_create(
        lab=lab, user=user, name="T-cell ELISA", rows=8, columns=12, wells=elisa_time_course_layout()
    )
    return plate.plates[0], layout


def _errors_after(page: str, element_id: str) -> str:
    """The field with this id and what follows it in its paragraph (where its errors are listed)."""
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</p>", start)]


def test_a_refused_run_shows_the_error_at_its_field_and_keeps_the_entries(browser_client, plate_and_layout):
    plate, layout = plate_and_layout
    page = browser_client.post(
        "/assays/runs/new/",
        {"plates": [plate.pk], "layout": layout.pk, "name": "Kept", "timepoint_h": "-5", "series": "S"},
    ).content.decode()
    assert 'id="run-error"' in page and "Time point (h): Time point must be a number of hours ≥ 0." in page
    assert "Time point must be a number of hours" in _errors_after(page, "timepoint_h")
    assert 'value="Kept"' in page and f'value="{plate.pk}" checked' in page
    assert f'<option value="{layout.pk}" selected>' in page
    assert not AssayRun.objects.exists()


def test_a_run_without_a_layout_or_plates_says_so_at_each_field(browser_client, plate_and_layout):
    page = browser_client.post("/assays/runs/new/", {"kind": "elisa"}).content.decode()
    assert "Choose a layout." in _errors_after(page, "layout")
    plate, layout = plate_and_layout
    page = browser_client.post("/assays/runs/new/", {"layout": layout.pk}).content.decode()
    assert "Plates: Give at least one plate." in page
    other = browser_client.post("/assays/runs/new/", {"layout": layout.pk, "plates": ["x"]}).content.decode()
    assert 'id="run-error"' in other and "x" in other
    assert not AssayRun.objects.exists()


def test_the_new_run_page_starts_from_the_layout_it_was_opened_with(browser_client, plate_and_layout):
    _, layout = plate_and_layout
    page = browser_client.get(f"/assays/runs/new/?layout={layout.pk}").content.decode()
    assert f'<option value="{layout.pk}" selected>' in page and 'id="run-error"' not in page
    assert 'name="blank_subtraction" checked' in page


def test_a_reanalysis_without_a_reason_shows_the_error_at_the_reason(browser_client, plate_and_layout, user):
    plate, layout = plate_and_layout
    run, _ = services.run_create(
        lab=plate.lab, user=user, kind="elisa", layout=layout, plates=[plate], name="r", settings={}
    )
    response = browser_client.post(
        f"/assays/runs/{run.pk}/", {"excluded_wells": "A1; B2", "model": "5PL", "reason": " "}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why the run is re-analysed" in _errors_after(page, "reason")
    assert 'value="A1; B2"' in page and '<option value="5PL" selected>' in page
    assert RunResult.objects.filter(run=run).count() == 1
    bad_well = browser_client.post(f"/assays/runs/{run.pk}/", {"excluded_wells": "Q99", "reason": "x"})
    assert "&#x27;Q99&#x27; is not a well on this 96-well plate" in _errors_after(
        bad_well.content.decode(), "excluded_wells"
    )
    done = browser_client.post(f"/assays/runs/{run.pk}/", {"excluded_wells": "A1; B2", "reason": "bubbles"})
    assert done.status_code == 302
    assert RunResult.objects.get(run=run, version=2).excluded_wells == ["A1", "B2"]


def test_the_plate_page_says_which_reduction_setting_is_wrong(browser_client, api):
    plate = upload(api, NIVO)
    page = browser_client.get(f"/assays/plates/{plate['id']}/?reduction=value_at&at=").content.decode()
    assert "Give the time in seconds." in page
    page = browser_client.get(
        f"/assays/plates/{plate['id']}/?reduction=max_slope&window=abc"
    ).content.decode()
    assert "Give a whole number of points." in page
    page = browser_client.get(f"/assays/plates/{plate['id']}/?reduction=last&window=abc").content.decode()
    assert "errorlist" not in page  # the window is read only for max_slope
