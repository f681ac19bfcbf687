"""The synergy panel in Chromium on the demo study: from the dashboard to the synergy page, every
figure drawn, the last day's combination indices as stored, and a re-analysis with roles set by hand;
then the exposure page's figures."""

from __future__ import annotations

import pytest

from il2portal import formatting
from il2portal.demo import load_demo_data
from studies.models import AnalysisResult, Study
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_pi_reads_the_synergy_panel_and_reruns_it_with_roles_set_by_hand(
    logged_in_page, live_server, lab, user
):
    load_demo_data(lab=lab, user=user)
    study = Study.objects.get(lab=lab, name__icontains="MC38")
    stored = AnalysisResult.objects.get(study=study, kind="synergy")
    last = [d for d in stored.result["synergy"]["days"] if d.get("bliss")][-1]
    page = logged_in_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/studies/{study.pk}/")
    page.click("text=Synergy over time, diagnostics and power")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/synergy/")
    page.wait_for_function("document.querySelectorAll('[data-figure][data-drawn=\"1\"]').length === 6")
    assert (
        page.locator("#bliss-ci").inner_text()
        == f"CI {formatting.number(last['bliss']['combination_index'])}"
    )
    assert page.locator("#hsa-ci").inner_text() == f"CI {formatting.number(last['hsa']['combination_index'])}"
    # one marker per tested day and reference model in the combination-index plot
    days = [d for d in stored.result["synergy"]["days"] if d.get("bliss")]
    assert page.locator("#fig-ci .scatterlayer .trace").nth(0).locator(".point").count() == len(days)
    assert page.locator("#synergy-days tbody tr").count() == len(stored.result["synergy"]["days"])
    assert page.locator("#role-combination").input_value() == "anti-PD-1 + IL-2 mutein"
    shot(page, "synergy-panel")

    # the PI says drug A is the mutein and B anti-PD-1: a new version with those roles, the old one kept
    page.select_option("#role-a", "IL-2 mutein")
    page.select_option("#role-b", "anti-PD-1")
    page.click("#synergy-run")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/synergy/")
    page.wait_for_function("document.querySelectorAll('[data-figure][data-drawn=\"1\"]').length === 6")
    versions = list(AnalysisResult.objects.filter(study=study, kind="synergy").order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].settings["roles"]["a"] == "IL-2 mutein" and versions[0].result == stored.result
    # Bliss is symmetric in A and B: the same index
    new_last = [d for d in versions[1].result["synergy"]["days"] if d.get("bliss")][-1]
    assert new_last["bliss"]["combination_index"] == pytest.approx(
        last["bliss"]["combination_index"],
        rel=1e-6,  # REML to its optimiser tolerance
    )
    assert "Growth rates (v2" in page.locator("#growth-rates").inner_text()

    page.click("nav.tabs >> text=Exposure")
    page.wait_for_url(f"{live_server.url}/studies/{study.pk}/exposure/")
    page.wait_for_function("document.querySelectorAll('[data-figure][data-drawn=\"1\"]').length === 2")
    assert page.locator("#nca tbody tr").count() == 10
    shot(page, "exposure-panel")
    assert not errors, errors
