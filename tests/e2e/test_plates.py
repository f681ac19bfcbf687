"""Upload two refdata exports in Chromium, see both heatmaps, download the original."""

from pathlib import Path

import pytest

from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PLATEREADER = Path(__file__).resolve().parents[1] / "refdata" / "platereader"
FILES = [
    "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt",
    "biotek_cytation5_gen5-alphalisa-perk-stdcurve-4pl_384well.txt",
]


def test_it_uploads_two_files_and_shows_their_heatmaps(logged_in_page, live_server, tmp_path):
    page = logged_in_page
    page.goto(f"{live_server.url}/assays/upload/")
    page.set_input_files("#file-input", [str(PLATEREADER / name) for name in FILES])
    page.wait_for_function("document.querySelectorAll('.upload-result.done').length === 2", timeout=30000)
    cards = page.locator(".upload-result")
    assert cards.count() == 2
    assert "384 wells" in page.inner_text("#results") and "96 wells" in page.inner_text("#results")
    shot(page, "upload-results")

    page.get_by_role("link", name=FILES[1].rsplit(".", 1)[0]).click()
    page.wait_for_selector(".heatmap .main-svg")
    assert page.locator(".heatmap").count() >= 1
    shot(page, "plate-384")

    page.goto(f"{live_server.url}/assays/plates/")
    page.get_by_role("link", name=FILES[0].rsplit(".", 1)[0]).click()
    page.wait_for_selector(".heatmap .main-svg")
    shot(page, "plate-96-flags")
    with page.expect_download() as info:
        page.click("#download-original")
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert download.suggested_filename == FILES[0]
    assert target.read_bytes() == (PLATEREADER / FILES[0]).read_bytes()


def test_it_shows_a_clear_error_for_a_file_it_cannot_read(logged_in_page, live_server, tmp_path):
    page = logged_in_page
    junk = tmp_path / "notes.txt"
    junk.write_text("shopping list\neggs\nmilk\n")
    page.goto(f"{live_server.url}/assays/upload/")
    page.set_input_files("#file-input", [str(junk)])
    page.wait_for_selector(".upload-result.error")
    text = page.inner_text(".upload-result")
    assert "notes.txt" in text and "refused" in text
    assert page.locator(".upload-result .error-text").inner_text()
    shot(page, "upload-error")


def test_it_imports_all_reference_exports_in_one_drop(logged_in_page, live_server):
    page = logged_in_page
    files = sorted(PLATEREADER.iterdir())
    assert len(files) == 21
    page.goto(f"{live_server.url}/assays/upload/")
    page.set_input_files("#file-input", [str(f) for f in files])
    page.wait_for_function(
        "document.querySelectorAll('.upload-result.done, .upload-result.error').length === 21", timeout=120000
    )
    errors = page.locator(".upload-result.error").all_inner_texts()
    assert errors == []
    assert page.locator(".upload-result.done").count() == 21
    shot(page, "upload-all")
