"""Upload a refdata ELISA export, draw its layout in the editor, run the analysis, read the results."""

from pathlib import Path

import pytest

from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SOFTMAX = (
    Path(__file__).resolve().parents[1]
    / "refdata"
    / "platereader"
    / "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt"
)


def test_it_goes_from_an_elisa_export_to_concentrations(logged_in_page, live_server):
    page = logged_in_page
    page.goto(f"{live_server.url}/assays/upload/")
    page.set_input_files("#file-input", [str(SOFTMAX)])
    page.wait_for_selector(".upload-result.done")

    page.goto(f"{live_server.url}/assays/layouts/new/")
    page.fill("#layout-name", "IL-2 ELISA 7-point")
    page.fill("#s-start", "A1")
    page.fill("#s-top", "320")
    page.select_option("#s-factor", "2")
    page.fill("#s-levels", "7")
    page.fill("#s-reps", "3")
    page.fill("#unit", "ng/mL")
    page.click("#series")
    assert page.locator(".plate-grid .well.standard").count() == 21
    assert page.locator(".plate-grid .well.blank").count() == 3
    # drag across A4..A6 and make them a sample at 1:10
    page.hover("[data-well='A4']")
    page.mouse.down()
    page.hover("[data-well='A6']")
    page.mouse.up()
    assert page.inner_text("#selection-count") == "3"
    page.select_option("#role", "sample")
    page.fill("#sample", "mouse-07 serum")
    page.fill("#concentration", "")
    page.fill("#dilution", "10")
    page.click("#assign")
    assert page.locator(".plate-grid .well.sample").count() == 3
    shot(page, "layout-editor")
    page.click("#save")
    page.wait_for_url("**/assays/layouts/*/")

    page.click("text=Analyse plates with it")
    page.check("input[name=plates] >> nth=-1")  # Plate01 (the oldest, listed last)
    page.fill("#name", "E2E ELISA")
    page.select_option("#model", "loglog")
    page.select_option("#weighting", "none")
    page.select_option("#reference_wavelength_nm", "none")
    page.click("#run-form button[type=submit]")
    page.wait_for_url("**/assays/runs/*/")
    page.wait_for_selector("[data-kind='curve'] .main-svg")
    assert "accepted" in page.inner_text("#qc-panel")
    samples = page.inner_text("#samples-table")
    assert "mouse-07 serum" in samples and "ng/mL" in samples
    assert page.locator("#standards-table tbody tr").count() == 7
    shot(page, "run-elisa")
