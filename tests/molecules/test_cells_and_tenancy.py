"""A run's cells (the API, the run page's form, the history) and the cell-line catalogue; another lab
never sees or touches this lab's molecules data (pages, API, related ids)."""

from __future__ import annotations

import pytest

from assays.models import AssayRun, CellLine
from molecules.models import LotRelease

pytestmark = pytest.mark.django_db


# ---- cell lines and a run's cells -------------------------------------------------------------------


def test_the_api_creates_a_cell_line_and_refuses_a_duplicate_name(demo):
    api = demo.api()
    body = {"name": "NK-92", "species": "human", "cd25": False, "readout": "pstat5_mfi"}
    created = api.post("/api/v1/cell-lines/", body, format="json")
    assert created.status_code == 201, created.json()
    assert (created.json()["receptor"], created.json()["lab"]) == ("βγ", demo.lab.pk)
    duplicate = api.post("/api/v1/cell-lines/", {**body, "name": "nk-92 "}, format="json")
    assert duplicate.status_code == 400
    assert "already has a cell line named 'nk-92'" in duplicate.json()["error"]["message"]
    assert CellLine.objects.filter(lab=demo.lab, name__iexact="nk-92").count() == 1
    names = [r["name"] for r in _rows(api.get("/api/v1/cell-lines/"))]
    assert sorted(names) == ["CTLL-2", "NK-92", "YT"]


def test_the_cell_lines_page_adds_one_and_counts_runs(demo):
    client = demo.client()
    page = client.get("/molecules/cell-lines/")
    assert page.status_code == 200
    counts = {line.name: line.n_runs for line in page.context["lines"]}
    assert counts == {"CTLL-2": 1, "YT": 22}
    added = client.post(
        "/molecules/cell-lines/",
        {
            "name": "Kit225",
            "kind": "line",
            "species": "human",
            "cd25": "on",
            "cd122": "on",
            "cd132": "on",
            "readout": "proliferation",
        },
    )
    assert added.status_code == 302
    assert CellLine.objects.get(lab=demo.lab, name="Kit225").cd25 is True
    again = client.post(
        "/molecules/cell-lines/", {"name": "YT", "kind": "line", "species": "human", "readout": "other"}
    )
    assert again.status_code == 200 and "already has a cell line named" in again.content.decode()


def test_the_api_sets_and_clears_a_runs_cells(demo):
    run = demo.run("Demo IL-2 reporter bioassay")
    yt = demo.cells("YT")
    api = demo.api()
    response = api.patch(f"/api/v1/runs/{run.pk}/", {"cell_line": yt.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["cell_line"] == yt.pk
    run.refresh_from_db()
    assert run.cell_line_id == yt.pk
    # the selectivity page no longer lists it as a run without cells
    page = demo.client().get("/molecules/selectivity/").content.decode()
    assert 'id="cells-not-set"' not in page
    cleared = api.patch(f"/api/v1/runs/{run.pk}/", {"cell_line": None}, format="json")
    assert cleared.status_code == 200 and cleared.json()["cell_line"] is None


def test_the_run_page_sets_the_cells_and_keeps_the_history(demo):
    run = demo.run("Potency YT 22")
    ctll = demo.cells("CTLL-2")
    before = run.history.count()
    response = demo.client().post(f"/assays/runs/{run.pk}/", {"form": "cell_line", "cell_line": ctll.pk})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.cell_line_id == ctll.pk
    history = list(run.history.order_by("-history_date"))
    assert len(history) == before + 1
    assert history[0].cell_line_id == ctll.pk and history[1].cell_line_id == demo.cells("YT").pk
    assert history[0].history_user == demo.user
    assert run.versions.count() == 1  # the analysis is unchanged
    page = demo.client().get(f"/assays/runs/{run.pk}/").content.decode()
    assert f'<option value="{ctll.pk}" selected>CTLL-2' in page


# ---- another lab ------------------------------------------------------------------------------------


def test_another_lab_gets_404_on_the_release_pages(demo):
    release = LotRelease.objects.filter(lab=demo.lab).first()
    lot = demo.lot("AL-2403")
    client = demo.other_client()
    count = LotRelease.objects.count()
    assert client.get(f"/molecules/releases/{release.pk}/").status_code == 404
    assert client.get(f"/molecules/lots/{lot.pk}/release/").status_code == 404
    posted = client.post(
        f"/molecules/lots/{lot.pk}/release/",
        {"cell_line": demo.cells("YT").pk, "runs": [r.pk for r in demo.yt_runs()[-3:]], "method": "auto"},
    )
    assert posted.status_code == 404 and LotRelease.objects.count() == count
    assert client.get(f"/test-articles/{demo.mutein.pk}/").status_code == 404


def test_another_lab_sees_none_of_the_labs_data_on_the_pages(demo):
    client = demo.other_client()
    selectivity = client.get("/molecules/selectivity/")
    assert selectivity.status_code == 200 and selectivity.context["pairs"] == []
    assert "Potency YT" not in selectivity.content.decode()
    asked = client.get(
        "/molecules/selectivity/",
        {"pos": demo.run("Potency CTLL-2 selectivity").pk, "neg": demo.run("Potency YT 22").pk},
    )
    assert asked.status_code == 400 and "Potency YT" not in asked.content.decode()
    monitoring = client.get("/molecules/monitoring/")
    assert monitoring.status_code == 200 and monitoring.context["chart"] is None
    assert "Aldesleukin" not in monitoring.content.decode()
    foreign = client.get("/molecules/monitoring/", {"article": demo.reference.pk})
    assert foreign.status_code == 400 and "Potency YT" not in foreign.content.decode()
    compare = client.get("/molecules/compare/", {"ids": [demo.reference.pk, demo.mutein.pk]})
    assert compare.status_code == 400 and compare.context["summaries"] == []
    assert "Aldesleukin" not in compare.content.decode()
    lines = client.get("/molecules/cell-lines/")
    assert list(lines.context["lines"]) == []


def _rows(response):
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def test_another_lab_sees_none_of_the_labs_data_in_the_api(demo):
    api = demo.other_api()
    assert api.get("/api/v1/selectivity/").json() == []
    assert _rows(api.get("/api/v1/lot-releases/")) == []
    assert _rows(api.get("/api/v1/cell-lines/")) == []
    release = LotRelease.objects.filter(lab=demo.lab).first()
    assert api.get(f"/api/v1/lot-releases/{release.pk}/").status_code == 404
    assert api.get(f"/api/v1/cell-lines/{demo.cells('YT').pk}/").status_code == 404
    # another lab's ids in a query or a body are refused like missing ones (ScopedRelatedField)
    for url, query in (
        ("/api/v1/selectivity/", {"test_article": demo.mutein.pk}),
        ("/api/v1/potency-monitoring/", {"test_article": demo.reference.pk}),
        ("/api/v1/potency-monitoring/", {"test_article": 999999}),
        ("/api/v1/selectivity/", {"lab": demo.lab.pk}),
    ):
        response = api.get(url, query)
        assert response.status_code in (400, 404), (url, query, response.status_code)
        assert "Potency YT" not in response.content.decode()
    own = api.post("/api/v1/test-articles/", {"name": "Mine", "kind": "il2_mutein"}, format="json").json()
    assert (
        api.get(
            "/api/v1/potency-monitoring/", {"test_article": own["id"], "cell_line": demo.cells("YT").pk}
        ).status_code
        == 400
    )
    count = LotRelease.objects.count()
    body = {
        "lot": demo.lot("AL-2403").pk,
        "cell_line": demo.cells("YT").pk,
        "runs": [r.pk for r in demo.yt_runs()[-3:]],
    }
    response = api.post("/api/v1/lot-releases/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["detail"]) >= {"lot", "cell_line", "runs"}
    assert LotRelease.objects.count() == count


def test_the_lab_cannot_mix_in_another_labs_cells_or_runs(demo):
    """Lab A's own lot released with lab B's cells or runs: refused, nothing stored."""
    foreign_cells = CellLine.objects.create(lab=demo.other_lab, name="YT", cd25=False)
    count = LotRelease.objects.count()
    body = {
        "lot": demo.lot("AL-2403").pk,
        "cell_line": foreign_cells.pk,
        "runs": [r.pk for r in demo.yt_runs()[-3:]],
    }
    response = demo.api().post("/api/v1/lot-releases/", body, format="json")
    assert response.status_code == 400 and "cell_line" in response.json()["error"]["detail"]
    assert LotRelease.objects.count() == count


def test_nobody_sets_another_labs_cells_on_a_run(demo):
    run = demo.run("Potency YT 22")
    yt = demo.cells("YT")
    foreign = CellLine.objects.create(lab=demo.other_lab, name="Foreign", cd25=True)
    response = demo.api().patch(f"/api/v1/runs/{run.pk}/", {"cell_line": foreign.pk}, format="json")
    assert response.status_code == 400 and "cell_line" in response.json()["error"]["detail"]
    page = demo.client().post(f"/assays/runs/{run.pk}/", {"form": "cell_line", "cell_line": foreign.pk})
    assert page.status_code in (200, 400)
    run.refresh_from_db()
    assert run.cell_line_id == yt.pk
    # nor does the other lab set its cells (or clear them) on this lab's run
    other = demo.other_api().patch(f"/api/v1/runs/{run.pk}/", {"cell_line": None}, format="json")
    assert other.status_code == 404
    assert (
        demo.other_client()
        .post(f"/assays/runs/{run.pk}/", {"form": "cell_line", "cell_line": ""})
        .status_code
        == 404
    )
    run.refresh_from_db()
    assert run.cell_line_id == yt.pk
    assert AssayRun.objects.filter(cell_line=foreign).count() == 0


def test_the_service_refuses_another_labs_cells(demo):
    from assays import services as assay_services
    from assays.errors import RunInputError

    foreign = CellLine.objects.create(lab=demo.other_lab, name="Foreign", cd25=True)
    run = demo.run("Potency YT 22")
    with pytest.raises(RunInputError, match="another lab"):
        assay_services.run_update(run=run, user=demo.user, cell_line=foreign)
    run.refresh_from_db()
    assert run.cell_line_id == demo.cells("YT").pk
