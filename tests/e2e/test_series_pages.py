"""Plate pages of a kinetic plate, a spectral plate and a plate with calculated blocks, in Chromium."""

from pathlib import Path

import pytest

from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CORPUS = Path(__file__).resolve().parents[1] / "refdata" / "corpus"
FILES = {
    "kinetic": CORPUS / "revvity_victor_nivo" / "nivo_abs600-kinetic-17cycles_96well.csv",
    "spectral": CORPUS / "agilent_gen5" / "gen5_synergyh1_abs-spectrum-14-wavelengths-step30_96well.txt",
    "calculated": CORPUS / "agilent_gen5" / "gen5_synergyh1_fl-2filters-blank-ratio-normalized_96well.txt",
}


def test_it_draws_traces_sparklines_and_calculated_reads(logged_in_page, live_server):
    page = logged_in_page
    page.goto(f"{live_server.url}/assays/upload/")
    page.set_input_files("#file-input", [str(p) for p in FILES.values()])
    page.wait_for_function("document.querySelectorAll('.upload-result.done').length === 3", timeout=60000)

    page.get_by_role("link", name=FILES["kinetic"].stem).click()
    page.wait_for_selector(".traces .main-svg")
    assert page.locator(".spark-table svg").count() == 96
    assert page.locator(".traces .scatterlayer .trace, .traces canvas").count() >= 1
    shot(page, "plate-kinetic")
    page.select_option("select[name=reduction]", "max_slope")
    page.click("#reduction-form button")
    page.wait_for_selector(".heatmap .main-svg")
    assert "maximum slope" in page.inner_text(".read-panel")
    shot(page, "plate-kinetic-max-slope")

    page.goto(f"{live_server.url}/assays/plates/")
    page.get_by_role("link", name=FILES["spectral"].stem).click()
    page.wait_for_selector(".traces .main-svg")
    assert page.locator(".read-panel[data-mode=spectral]").count() == 1
    assert page.locator(".calculated-badge").count() == 1
    shot(page, "plate-spectral")

    page.goto(f"{live_server.url}/assays/plates/")
    page.get_by_role("link", name=FILES["calculated"].stem).click()
    page.wait_for_selector(".heatmap .main-svg")
    assert page.locator(".read-panel.calculated").count() >= 3
    shot(page, "plate-calculated")
