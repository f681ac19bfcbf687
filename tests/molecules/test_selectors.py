"""molecules.selectors.observations: which lot (and so which molecule) each fitted curve belongs to,
which result version it is read from, and how many queries it takes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assays import services as assay_services
from assays.models import RunResult
from molecules.demo import YT_DOSES, _run, plate_csv
from molecules.selectors import observations

pytestmark = pytest.mark.django_db


def _wells(doses, standard_lot, x_lot, y_lot) -> list[dict]:
    """Rows A/B the standard (named "Standard"), C/D sample "Sample X", E/F sample "Sample Y"."""
    wells = []
    for rows, role, sample, lot in (
        ("AB", "standard", "Standard", standard_lot),
        ("CD", "sample", "Sample X", x_lot),
        ("EF", "sample", "Sample Y", y_lot),
    ):
        for col, dose in enumerate(doses, start=1):
            wells += [
                {
                    "well": f"{row}{col}",
                    "role": role,
                    "sample": sample,
                    "concentration": dose,
                    "unit": "ng/mL",
                    "lot": lot,
                }
                for row in rows
            ]
    wells += [{"well": f"G{c}", "role": "positive_control", "group": "top"} for c in range(1, 7)]
    wells += [{"well": f"G{c}", "role": "negative_control", "group": "untreated"} for c in range(7, 13)]
    wells += [{"well": f"H{c}", "role": "negative_control", "group": "untreated"} for c in range(1, 7)]
    wells += [{"well": f"H{c}", "role": "blank", "group": "cell-free"} for c in range(7, 13)]
    return wells


@pytest.fixture
def swapped_run(demo):
    """A run whose standard wells name lot AL-2403 (not the reference standard's lot), sample "Sample X"
    lot MUT-0117 (EC50 3 ng/mL) and "Sample Y" lot AL-2403 (EC50 0.3 ng/mL)."""
    from django.utils import timezone

    layout = assay_services.layout_create(
        lab=demo.lab,
        user=demo.user,
        name="swapped lots",
        rows=8,
        columns=12,
        wells=_wells(YT_DOSES, demo.lot("AL-2403"), demo.lot("MUT-0117"), demo.lot("AL-2403")),
    )
    return _run(
        demo.lab,
        demo.user,
        name="Swapped",
        layout=layout,
        cells=demo.cells("YT"),
        csv=plate_csv(YT_DOSES, (1.0, 3.0, 0.3), seed=7),
        when=timezone.now(),
    )


def test_it_maps_the_reference_curve_to_the_standard_wells_lot_and_test_curves_by_sample_name(
    demo, swapped_run
):
    obs = {o.sample: o for o in observations(demo.lab, run_ids=[swapped_run.pk])}
    assert set(obs) == {"Standard", "Sample X", "Sample Y"}
    reference, x, y = obs["Standard"], obs["Sample X"], obs["Sample Y"]
    assert reference.role == "reference"
    assert (reference.lot_number, reference.article) == ("AL-2403", "Aldesleukin (rhIL-2)")
    assert (x.role, x.lot_number, x.article) == ("test", "MUT-0117", "IL-2 not-alpha mutein")
    assert (y.role, y.lot_number, y.article) == ("test", "AL-2403", "Aldesleukin (rhIL-2)")
    # the numbers follow the wells: X was simulated 3-fold less potent, Y 3-fold more
    assert 2.5 < x.ec50 < 3.6 and 0.25 < y.ec50 < 0.36
    assert x.relative_potency < 0.45 < 2 < y.relative_potency
    assert x.reference == "Aldesleukin (rhIL-2)"
    assert {o.cell_line for o in obs.values()} == {"YT"} and {o.cd25 for o in obs.values()} == {False}


def test_it_maps_the_demo_runs_curves_to_their_lots(demo):
    obs = observations(demo.lab, run_ids=[demo.run("Potency YT 03").pk])
    assert {(o.role, o.lot_number, o.article) for o in obs} == {
        ("reference", "RS-2401", "Aldesleukin (rhIL-2)"),
        ("test", "MUT-0117", "IL-2 not-alpha mutein"),
        ("test", "AL-2403", "Aldesleukin (rhIL-2)"),
    }
    # only the runs whose layout names a lot of the articles asked for
    ids = {o.run_id for o in observations(demo.lab, article_ids=[demo.mutein.pk])}
    assert demo.run("Potency YT 03").pk in ids and demo.run("Demo IL-2 reporter bioassay").pk not in ids


def test_it_reads_the_newest_succeeded_version(demo, swapped_run):
    def curves():
        return {o.sample: o for o in observations(demo.lab, run_ids=[swapped_run.pk])}

    first = curves()
    assert {o.version for o in first.values()} == {1}
    # a real re-analysis (two wells of Sample X left out): its numbers are read, not version 1's
    v2 = assay_services.run_reanalyse(
        run=swapped_run, user=demo.user, excluded_wells=["C1", "D1"], settings=None, reason="test"
    )
    v2.refresh_from_db()
    assert v2.status == RunResult.Status.SUCCEEDED
    second = curves()
    assert {o.version for o in second.values()} == {2}
    x2 = next(c for c in v2.result["curves"] if c["sample"] == "Sample X")
    assert second["Sample X"].ec50 == x2["parameters"]["ec50"] != first["Sample X"].ec50
    # a newer version that failed (and one still queued) is not read; the count of versions is kept
    RunResult.objects.create(run=swapped_run, version=3, status=RunResult.Status.FAILED, error="boom")
    RunResult.objects.create(run=swapped_run, version=4, status=RunResult.Status.QUEUED)
    third = curves()
    assert {(o.version, o.n_versions) for o in third.values()} == {(2, 4)}
    assert third["Sample X"].ec50 == second["Sample X"].ec50


def test_a_run_without_a_succeeded_version_gives_no_curve(demo):
    run = demo.run("Potency YT 04")
    RunResult.objects.filter(run=run).update(status=RunResult.Status.FAILED)
    assert observations(demo.lab, run_ids=[run.pk]) == []


def test_its_query_count_does_not_grow_with_the_number_of_runs(demo):
    runs = demo.yt_runs()
    counts = []
    for chosen in (runs[:1], runs):
        with CaptureQueriesContext(connection) as queries:
            obs = observations(demo.lab, run_ids=[r.pk for r in chosen])
        assert len({o.run_id for o in obs}) == len(chosen)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4, counts
    with CaptureQueriesContext(connection) as queries:
        obs = observations(demo.lab)
    assert len({o.run_id for o in obs}) == len(runs) + 2 and len(queries) == counts[0]
