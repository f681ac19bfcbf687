"""The molecule page and the selectivity page in Chromium, on the demo lab: a scientist opens the
not-alpha mutein, reads its selectivity with CI, its potency chart with Westgard flags, its lot
release and its study arms; follows the selectivity comparison; computes a new release; and gets a
clear message when two runs cannot be compared."""

from __future__ import annotations

import pytest

from il2portal import formatting
from il2portal.demo import load_demo_data
from il2portal.models import TestArticle
from molecules.comparison import molecule_summaries
from molecules.models import LotRelease
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_scientist_reads_the_muteins_page_and_its_selectivity(logged_in_page, live_server, lab, user):
    load_demo_data(lab=lab, user=user)
    mutein = TestArticle.objects.get(lab=lab, name="IL-2 not-alpha mutein")
    summary = molecule_summaries(lab, [mutein.pk])[0]
    _pair, row = summary.latest_selectivity
    fold = row["fold_loss_cd25_dependence"]
    page = logged_in_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{live_server.url}/test-articles/")
    page.get_by_role("link", name="IL-2 not-alpha mutein").first.click()
    page.wait_for_url(f"{live_server.url}/test-articles/{mutein.pk}/")
    page.wait_for_function("document.querySelector('#molecule-chart[data-drawn=\"1\"]') !== null")
    # selectivity with its CI, as computed from the stored fits
    fold_text = page.locator("#molecule-fold-loss").inner_text()
    assert formatting.number(fold["estimate"]) in fold_text
    assert f"{formatting.number(fold['ci95'][0])}–{formatting.number(fold['ci95'][1])}" in fold_text
    assert 35 < fold["estimate"] < 70  # the demo's ~50-fold loss on CD25⁺ cells
    # the potency chart: one point per run on the cells of most runs, Westgard's verdict in words
    assert page.locator("#molecule-chart .point").count() == len(summary.chart.points)
    assert "flagged" in page.locator("#molecule-potency").inner_text()
    # the lot release and the study arms
    release = LotRelease.objects.filter(lot__test_article=mutein).order_by("-version").first()
    releases = page.locator("#molecule-releases").inner_text()
    assert f"{formatting.number(release.result['reportable']['rp_pct'])} %" in releases
    assert "meets specification" in releases
    arms = page.locator("#molecule-arms").inner_text()
    assert "IL-2 mutein" in arms and "anti-PD-1 + IL-2 mutein" in arms
    shot(page, "molecule-page")

    page.click("text=The whole comparison, with the plot")
    page.wait_for_url(f"{live_server.url}/molecules/selectivity/?pair=*")
    page.wait_for_function("document.querySelector('#selectivity-plot[data-drawn=\"1\"]') !== null")
    assert page.locator("#selectivity-plot .point").count() == 3  # wild type, mutein, second wild-type lot
    table = page.locator("#selectivity-table").inner_text()
    assert formatting.number(row["ratio"]["estimate"]) in table
    assert "wild type" in table
    shot(page, "selectivity-page")

    assert not errors, errors

    # two runs that cannot be compared: the reporter run that does not name its cells (a 400 answer)
    page.click("text=Choose two runs of other days")
    page.select_option("#pos", label="Demo IL-2 reporter bioassay · cells not set")
    page.select_option("#neg", index=1)
    page.click("text=Compare these runs")
    message = page.locator("#selectivity-error").inner_text()
    assert "Demo IL-2 reporter bioassay" in message and "cells" in message


def test_a_scientist_computes_a_lot_release_in_the_browser(logged_in_page, live_server, lab, user):
    load_demo_data(lab=lab, user=user)
    mutein = TestArticle.objects.get(lab=lab, name="IL-2 not-alpha mutein")
    lot = mutein.lots.get(lot_number="MUT-0117")
    before = LotRelease.objects.filter(lot=lot).count()
    page = logged_in_page
    page.goto(f"{live_server.url}/test-articles/{mutein.pk}/")
    page.locator("#molecule-releases").get_by_role("link", name="new").click()
    page.wait_for_url(f"{live_server.url}/molecules/lots/{lot.pk}/release/")
    # the newest 3 runs are ticked; add two more
    page.locator("#release-form input[name=runs]").nth(0).check()
    page.locator("#release-form input[name=runs]").nth(1).check()
    page.fill("#id_reason", "five runs")
    page.click("text=Compute and store the release")
    page.wait_for_url(f"{live_server.url}/molecules/releases/*/")
    new = LotRelease.objects.filter(lot=lot).order_by("-version").first()
    assert LotRelease.objects.filter(lot=lot).count() == before + 1 and new.version == before + 1
    assert new.result["n_runs"] == 5
    # the demo's first run failed parallelism for the mutein: listed, with the reason, and left out
    excluded = [i for i in new.inputs if i["excluded"]]
    assert new.result["n_excluded"] == len(excluded) == 1
    assert "not similar" in excluded[0]["excluded"]
    assert "left out" in page.locator("main").inner_text()
    assert (
        f"{formatting.number(new.result['reportable']['rp_pct'])} %"
        in page.locator("#release-rp").inner_text()
    )
    shot(page, "lot-release")
