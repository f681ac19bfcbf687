"""The run page, opened while the analysis waits for a worker, fills in by itself once a worker runs it."""

from __future__ import annotations

import pytest

from tests.assays.factories import LOGLOG, SOFTMAX, softmax_layout, upload_refdata
from tests.browser import shot
from tests.integration.conftest import _start_worker, _stop_worker

pytestmark = [pytest.mark.integration, pytest.mark.e2e]


def test_it_fills_in_the_run_page_when_the_worker_finishes(
    real_services, logged_in_page, live_server, api, tmp_path
):
    plate_ids = upload_refdata(api, SOFTMAX)
    layout_id = softmax_layout(api)
    response = api.post(
        "/api/v1/runs/",
        {"kind": "elisa", "plates": plate_ids, "layout": layout_id, "settings": LOGLOG},
        format="json",
    )
    assert response.status_code == 202 and response.json()["status"] == "queued"
    run_id = response.json()["run"]

    page = logged_in_page
    page.goto(f"{live_server.url}/assays/runs/{run_id}/")
    assert page.locator("#job-waiting").is_visible()  # no worker yet: the job waits in the queue
    assert page.locator("[data-kind='curve']").count() == 0
    proc, _name, log = _start_worker(real_services, tmp_path, ["-P", "solo"])
    try:
        page.wait_for_selector("[data-kind='curve'] .main-svg", timeout=60000)  # the page reloads itself
    finally:
        _stop_worker(proc, log)
    assert page.locator("#job-waiting").count() == 0
    assert "accepted" in page.inner_text("#qc-panel")
    shot(page, "run-filled-in-by-worker")
