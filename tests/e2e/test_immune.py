"""The immune panel in Chromium on the demo study: every readout's dot plot drawn, the tests as stored,
and a statistics table naming a mouse the study does not have refused with the reason, nothing stored."""

from __future__ import annotations

import pytest

from il2portal.demo import load_demo_data
from studies.immune_demo import statistics_csv
from studies.models import AnalysisResult, FlowImport, FlowSample, Study
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_pi_opens_the_immune_panel_and_a_bad_table_is_refused(
    logged_in_page, live_server, lab, user, tmp_path
):
    load_demo_data(lab=lab, user=user)
    study = Study.objects.get(lab=lab, name__icontains="MC38")
    stored = AnalysisResult.objects.get(study=study, kind="immune").result
    drawn = [e for e in stored["readouts"] if e.get("comparison")]
    ratio = next(e for e in drawn if e["readout"] == "CD8/Treg ratio" and e["tissue"] == "tumor")
    page = logged_in_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    page.click("nav.tabs >> text=Immune")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/immune/")
    page.wait_for_function(
        f"document.querySelectorAll('[data-figure][data-drawn=\"1\"]').length === {len(drawn)}"
    )
    text = page.locator("#immune-analysis").inner_text()
    assert f"Kruskal–Wallis H = {ratio['comparison']['omnibus']['h']:.2f}" in text
    # the mutein arms' median CD8/Treg ratio is above the vehicle's, as a not-alpha mutein should do
    medians = {a["arm_name"]: a["median"] for a in ratio["comparison"]["arms"]}
    assert (
        medians["IL-2 mutein"] > medians["Vehicle"]
        and medians["anti-PD-1 + IL-2 mutein"] > medians["Vehicle"]
    )
    assert "imported" in page.locator("#flow-imports").inner_text()
    shot(page, "immune-panel")
    assert not errors, errors

    before = FlowSample.objects.count()
    bad = tmp_path / "tils.csv"
    bad.write_bytes(statistics_csv(study).replace(b"M05_tumor", b"M99_tumor"))
    page.set_input_files("#flow-file", str(bad))
    page.click("#flow-import")
    assert "the study has no animal 'M99'" in page.locator("#flow-error").inner_text()
    assert FlowSample.objects.count() == before
    assert FlowImport.objects.filter(
        status="failed", original_filename="tils.csv"
    ).exists()  # the file is kept
