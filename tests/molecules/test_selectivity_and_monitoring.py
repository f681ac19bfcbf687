"""Receptor selectivity and potency monitoring on the demo data: the numbers the pages and the API
show, their refusals of bad choices, and the molecule and comparison pages built on them."""

from __future__ import annotations

import datetime as dt

import pytest

from il2portal.formatting import number, quantity
from molecules.selectors import chart_curves, control_chart, observations, selectivity_pairs
from molecules.views import chart_for

pytestmark = pytest.mark.django_db

DRIFT = {f"Potency YT {i}" for i in range(15, 20)}


def _last_day_pair(demo):
    pairs, unset = selectivity_pairs(observations(demo.lab))
    ctll = demo.run("Potency CTLL-2 selectivity")
    pair = next(p for p in pairs if p.pos.run_id == ctll.pk)
    return pair, pairs, unset


def _row(pair, molecule):
    return next(r for r in pair.rows if r["molecule"] == molecule)


# ---- selectivity --------------------------------------------------------------------------------


def test_the_last_day_pairs_ctll2_with_the_yt_run_of_that_day(demo):
    pair, pairs, _unset = _last_day_pair(demo)
    assert pair.neg.run_name == "Potency YT 22"
    assert (pair.pos.cell_line, pair.pos.cd25, pair.neg.cell_line, pair.neg.cd25) == (
        "CTLL-2",
        True,
        "YT",
        False,
    )
    assert pairs[0] is pair  # the newest day comes first
    assert len(pairs) == 1  # no other day has runs on both cells


def test_the_mutein_has_lost_about_50_fold_of_its_cd25_dependence(demo):
    pair, _pairs, _unset = _last_day_pair(demo)
    mutein = _row(pair, "IL-2 not-alpha mutein · MUT-0117")
    loss = mutein["fold_loss_cd25_dependence"]
    assert 35 < loss["estimate"] < 70
    assert loss["ci95"][0] < loss["estimate"] < loss["ci95"][1]
    assert loss["ci95"][1] / loss["ci95"][0] < 2  # a real interval, not a placeholder
    assert mutein["article"] == "IL-2 not-alpha mutein" and mutein["article_id"] == demo.mutein.pk
    assert not mutein["is_wild_type"] and "is_wild_type" not in mutein["flags"]
    # its ratio is near 2 (0.55 ng/mL on CTLL-2, 1.1 on YT); wild type's near 100
    assert 1.5 < mutein["ratio"]["estimate"] < 2.7
    wild = _row(pair, "Aldesleukin (rhIL-2) · RS-2401")
    assert wild["is_wild_type"] and "is_wild_type" in wild["flags"]
    assert wild["fold_loss_cd25_dependence"] is None
    assert 70 < wild["ratio"]["estimate"] < 140
    assert pair.result["wild_type"] == "Aldesleukin (rhIL-2) · RS-2401"


def test_the_selectivity_page_shows_the_stored_fit_numbers(demo):
    pair, _pairs, _unset = _last_day_pair(demo)
    response = demo.client().get("/molecules/selectivity/")
    assert response.status_code == 200
    text = response.content.decode()
    mutein = _row(pair, "IL-2 not-alpha mutein · MUT-0117")
    loss = mutein["fold_loss_cd25_dependence"]
    expected = [
        f"<strong>{number(loss['estimate'])}</strong>",
        f"{number(loss['ci95'][0])}–{number(loss['ci95'][1])}",
        number(mutein["ratio"]["estimate"]),
        quantity(mutein["cd25_pos"]["ec50"], "ng/mL"),
        quantity(mutein["cd25_neg"]["ec50"], "ng/mL"),
    ]
    wild = _row(pair, "Aldesleukin (rhIL-2) · RS-2401")
    expected += [number(wild["ratio"]["estimate"]), quantity(wild["cd25_pos"]["ec50"], "ng/mL")]
    missing = [e for e in expected if e not in text]
    assert not missing, missing
    assert "wild type</span>" in text
    # the runs that name no cells are listed by name
    section = text.split('id="cells-not-set"')[1].split("</p>")[0]
    assert "Demo IL-2 reporter bioassay" in section and "Potency YT" not in section


def test_the_selectivity_api_gives_the_same_pair(demo):
    pair, _pairs, _unset = _last_day_pair(demo)
    body = demo.api().get("/api/v1/selectivity/", {"test_article": demo.mutein.pk}).json()
    assert [(p["cd25_pos_run"]["name"], p["cd25_neg_run"]["name"]) for p in body] == [
        ("Potency CTLL-2 selectivity", "Potency YT 22")
    ]
    row = next(r for r in body[0]["result"]["molecules"] if r["article_id"] == demo.mutein.pk)
    assert row["fold_loss_cd25_dependence"]["estimate"] == pytest.approx(
        _row(pair, "IL-2 not-alpha mutein · MUT-0117")["fold_loss_cd25_dependence"]["estimate"]
    )


def test_choosing_a_run_whose_cells_are_not_set_is_refused_naming_it(demo):
    unset = demo.run("Demo IL-2 reporter bioassay")
    response = demo.client().get(
        "/molecules/selectivity/", {"pos": unset.pk, "neg": demo.run("Potency YT 22").pk}
    )
    assert response.status_code == 400
    assert "Demo IL-2 reporter bioassay does not name the cells" in response.content.decode()
    assert response.context["pair"] is None


def test_choosing_two_cd25_positive_runs_is_refused(demo):
    ctll = demo.run("Potency CTLL-2 selectivity").pk
    response = demo.client().get("/molecules/selectivity/", {"pos": ctll, "neg": ctll})
    assert response.status_code == 400
    text = response.content.decode()
    assert "The first run must be on CD25⁺ cells and the second on CD25⁻ cells" in text
    assert "Potency CTLL-2 selectivity: CTLL-2 (CD25⁺)" in text
    # the wrong way round, too
    reverse = demo.client().get("/molecules/selectivity/", {"pos": demo.run("Potency YT 22").pk, "neg": ctll})
    assert reverse.status_code == 400
    # a chosen pair of other days is shown
    chosen = demo.client().get("/molecules/selectivity/", {"pos": ctll, "neg": demo.run("Potency YT 05").pk})
    assert chosen.status_code == 200 and chosen.context["pair"].neg.run_name == "Potency YT 05"


def test_a_run_id_that_is_not_an_analysed_bioassay_of_the_lab_is_refused(demo):
    response = demo.client().get("/molecules/selectivity/", {"pos": "abc", "neg": "999999"})
    assert response.status_code == 400
    assert "Choose two analysed bioassay runs of your lab" in response.content.decode()


# ---- potency monitoring --------------------------------------------------------------------------


def test_the_monitoring_page_follows_the_reference_standard_on_yt_and_flags_the_drift(demo):
    response = demo.client().get("/molecules/monitoring/")
    assert response.status_code == 200
    assert response.context["article"].pk == demo.reference.pk
    chart = response.context["chart"]
    assert (response.context["role"], chart.metric) == ("reference", "ec50")
    assert response.context["cell_line_id"] == demo.cells("YT").pk
    assert [p["o"].run_name for p in chart.points] == [f"Potency YT {i:02d}" for i in range(1, 23)]
    assert {p["o"].lot_number for p in chart.points} == {"RS-2401"}
    rejected = {p["o"].run_name for p in chart.points if p["status"] == "rejection"}
    assert rejected and rejected <= DRIFT, rejected
    # the page's table shows them as rejected
    text = response.content.decode()
    for name in rejected:
        row = text.split(f">{name}</a>")[1].split("</tr>")[0]
        assert "rejected" in row, name


def test_the_monitoring_api_flags_the_same_runs(demo):
    body = demo.api().get("/api/v1/potency-monitoring/", {"test_article": demo.reference.pk}).json()
    assert (body["role"], body["metric"], body["log"], body["unit"]) == ("reference", "ec50", True, "ng/mL")
    assert len(body["points"]) == 22 and {p["run"]["cell_line"] for p in body["points"]} == {"YT"}
    rejected = {p["run"]["name"] for p in body["points"] if p["status"] == "rejection"}
    assert rejected and rejected <= DRIFT, rejected
    assert sum(p["baseline"] for p in body["points"]) == 10
    assert body["limits"]["n_baseline"] == 10


def test_the_chart_filters(demo):
    ref = demo.reference

    def names(**data):
        chart, _choice, _mine = chart_for(demo.lab, data, article=ref)
        return [p["o"].run_name for p in chart.points]

    assert len(names()) == 22
    assert len(names(lot="rs-2401")) == 22
    assert names(lot="NO-SUCH-LOT") == []
    # the test curves of lot AL-2403 (its relative potency)
    chart, choice, _ = chart_for(demo.lab, {"role": "test", "lot": "AL-2403"}, article=ref)
    assert choice.metric == "relative_potency" and len(chart.points) == 22
    assert {p["o"].lot_number for p in chart.points} == {"AL-2403"}
    assert names(cell_line=demo.cells("CTLL-2")) == ["Potency CTLL-2 selectivity"]
    analyst = demo.user.get_full_name()
    assert len(names(analyst=analyst[:4].upper())) == 22
    assert names(analyst="nobody") == []
    run5, run8 = demo.run("Potency YT 05"), demo.run("Potency YT 08")
    days = sorted({o.date for o in observations(demo.lab, run_ids=[run5.pk, run8.pk])})
    within = names(date_from=days[0], date_to=days[-1])
    assert within[0] == "Potency YT 05" and within[-1] == "Potency YT 08" and len(within) == 4
    assert names(date_from=days[-1] + dt.timedelta(days=365)) == []


def test_the_page_and_the_api_apply_the_filters(demo):
    response = demo.client().get("/molecules/monitoring/", {"article": demo.reference.pk, "lot": "nope"})
    assert response.status_code == 200 and response.context["chart"].points == []
    cells = demo.cells("CTLL-2").pk
    api = demo.api().get(
        "/api/v1/potency-monitoring/", {"test_article": demo.reference.pk, "cell_line": cells}
    )
    assert [p["run"]["name"] for p in api.json()["points"]] == ["Potency CTLL-2 selectivity"]
    assert api.json()["error"]  # one run gives no limits, and says why
    analyst = demo.api().get(
        "/api/v1/potency-monitoring/", {"test_article": demo.reference.pk, "analyst": "nobody"}
    )
    assert analyst.status_code == 200 and analyst.json()["points"] == []


def test_an_end_date_before_the_start_date_is_refused(demo):
    query = {"date_from": "2026-06-02", "date_to": "2026-06-01"}
    response = demo.client().get("/molecules/monitoring/", {"article": demo.reference.pk, **query})
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert response.context["chart"] is None
    api = demo.api().get("/api/v1/potency-monitoring/", {"test_article": demo.reference.pk, **query})
    assert api.status_code == 400
    assert "end date is before the start date" in api.json()["error"]["message"]


def test_a_test_molecule_is_charted_by_its_relative_potency(demo):
    obs = [o for o in observations(demo.lab, article_ids=[demo.mutein.pk]) if o.article_id == demo.mutein.pk]
    choice = chart_curves(obs)
    assert (choice.role, choice.metric, choice.cell_line_id) == (
        "test",
        "relative_potency",
        demo.cells("YT").pk,
    )
    chart = control_chart(choice.curves, choice.metric)
    assert len(chart.points) == 22 and chart.limits is not None


# ---- the molecule's page and the comparison -----------------------------------------------------------


def test_the_mutein_page_shows_selectivity_release_runs_and_arms(demo):
    from molecules.models import LotRelease
    from studies.selectors import arms_dosed_with

    pair, _pairs, _unset = _last_day_pair(demo)
    mutein = demo.mutein
    response = demo.client().get(f"/test-articles/{mutein.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    loss = _row(pair, "IL-2 not-alpha mutein · MUT-0117")["fold_loss_cd25_dependence"]
    fold = text.split('id="molecule-fold-loss"')[1].split("</dd>")[0]
    assert f"<strong>{number(loss['estimate'])}</strong>" in fold
    assert f"{number(loss['ci95'][0])}–{number(loss['ci95'][1])}" in fold
    release = LotRelease.objects.get(lot=demo.lot("MUT-0117"))
    releases = text.split('id="molecule-releases"')[1].split('id="molecule-potency"')[0]
    assert f"{number(release.result['reportable']['rp_pct'])} %" in releases
    assert f"/molecules/releases/{release.pk}/" in releases
    assert "Specification 70–143 %" in releases
    runs = text.split('id="molecule-runs"')[1].split('id="molecule-arms"')[0]
    assert "Potency YT 22" in runs and "Potency CTLL-2 selectivity" in runs and "MUT-0117" in runs
    assert "RS-2401" not in runs  # the reference standard's curves are another molecule's
    arms = arms_dosed_with(demo.lab, [mutein.pk])[mutein.pk]
    assert arms
    section = text.split('id="molecule-arms"')[1]
    for arm in arms:
        assert arm["study"]["name"] in section and arm["arm"]["name"] in section
    assert 'id="molecule-chart"' in text


def test_compare_needs_two_to_four_molecules(demo):
    from il2portal.models import TestArticle

    ids = list(TestArticle.objects.filter(lab=demo.lab).order_by("pk").values_list("pk", flat=True))
    client = demo.client()
    one = client.get("/molecules/compare/", {"ids": ids[:1]})
    assert one.status_code == 400 and "Choose 2 to 4 molecules to compare (1 chosen)." in one.content.decode()
    five = client.get("/molecules/compare/", {"ids": ids[:5]})
    assert five.status_code == 400 and "Choose 2 to 4" in five.content.decode()
    two = client.get("/molecules/compare/", {"ids": [demo.reference.pk, demo.mutein.pk]})
    assert two.status_code == 200
    assert [s.article.name for s in two.context["summaries"]] == [
        "Aldesleukin (rhIL-2)",
        "IL-2 not-alpha mutein",
    ]
    text = two.content.decode()
    assert "Aldesleukin (rhIL-2)" in text and "IL-2 not-alpha mutein" in text
