"""The run page's "Dilution linearity" card, on the simulated dilution run of assays/demo.py."""

from __future__ import annotations

import pytest

from assays.demo import load_dilution_demo
from assays.models import AssayRun, RunResult
from il2portal import formatting

pytestmark = pytest.mark.django_db


def test_the_run_page_shows_each_dilution_flags_in_words_and_the_dilution_to_report(
    browser_client, lab, user
):
    assert load_dilution_demo(lab=lab, user=user)
    assert load_dilution_demo(lab=lab, user=user) == []  # once
    run = AssayRun.objects.get(lab=lab, name="Demo IL-2 ELISA dilution linearity")
    version = RunResult.objects.get(run=run)
    assert version.status == "succeeded"
    stored = {e["sample"]: e for e in version.result["dilution_linearity"]}
    assert all(e["plate"] == run.plates.get().pk for e in stored.values())
    page = browser_client.get(f"/assays/runs/{run.pk}/").content.decode()
    assert 'id="dilution-linearity"' in page and "<h2>Dilution linearity</h2>" in page
    card = page.split('id="dilution-linearity"')[1].split("</table>")[0]
    for header in ("1:10", "1:100", "1:1000"):
        assert f'<th class="num">{header}</th>' in card
    hook = stored["serum B (hook)"]
    assert "hook suspected: rises with dilution" in card
    assert formatting.quantity(hook["suggested_concentration"], "pg/mL") in card
    linear = stored["serum A (linear)"]
    first = linear["dilutions"][0]
    assert formatting.quantity(first["reported_concentration"], "pg/mL") in card
    assert formatting.signed_percent(first["pct_difference"]) in card
    assert "not linear: &gt; ±20 % from the mean" in card
    assert "&lt;LLOQ" in card  # serum A and C are below the range at 1:1000
    for code in ("hook_rising", "non_linear", "hook_top", "below_range"):
        assert code not in card  # words, not codes


def test_the_card_is_absent_without_a_sample_at_two_dilutions(browser_client, api):
    from tests.assays.factories import softmax_run

    run_id = softmax_run(api)
    page = browser_client.get(f"/assays/runs/{run_id}/").content.decode()
    assert 'id="samples-table"' in page and 'id="dilution-linearity"' not in page
    assert RunResult.objects.get(run_id=run_id).result["dilution_linearity"] == []
