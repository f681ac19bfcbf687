"""The study report in Chromium: every figure drawn, a screenshot on screen and in print layout, and a
PDF printed from it (page.pdf, what "Save as PDF" gives) with more than one A4 page."""

from __future__ import annotations

import re

import pytest

from tests.browser import SCREENSHOTS, shot
from tests.studies.factories import build_study

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_draws_the_report_and_prints_it_to_pdf(logged_in_page, live_server, lab, user):
    page = logged_in_page
    study = build_study(lab, user, 40, n_days=36)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    page.click("#study-report-link")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/report/")
    page.wait_for_function("document.querySelectorAll('[data-figure][data-drawn=\"1\"]').length === 4")
    for element_id in ("fig-growth", "fig-spaghetti", "fig-weight", "fig-km"):
        box = page.locator(f"#{element_id} .main-svg").first.bounding_box()
        assert box and box["width"] == 680, (element_id, box)
    assert page.locator("#report-survival tbody tr").count() == 4
    assert not errors, errors
    shot(page, "study-report")

    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 px per inch
    page.emulate_media(media="print")
    assert page.locator(".report-toolbar").is_hidden()
    shot(page, "study-report-print")
    pdf = page.pdf(format="A4", print_background=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "study-report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert len(pages) >= 3, len(pages)
