"""Lot release (molecules.services.lot_release_create) on the demo data: its numbers, its versions, its
refusals (each stores nothing), the page and the API that call it, and the release specification it
reads (a form on the molecule's page and the test-article API)."""

from __future__ import annotations

import math

import pytest

from assays.analysis.monitoring import RunEstimate, combine_potency
from assays.models import AssayRun, RunResult
from molecules.models import LotRelease
from molecules.selectors import observations
from molecules.services import ReleaseInputError, lot_release_create

pytestmark = pytest.mark.django_db


def _stored_rp(run: AssayRun, sample: str) -> dict:
    """The stored potency entry of ``sample`` in the run's newest succeeded version."""
    version = RunResult.objects.filter(run=run, status="succeeded").order_by("-version").first()
    return next(p for p in version.result["potency"] if p["sample"] == sample)


def _valid_runs(demo, lot_number: str, n: int = 3) -> list[AssayRun]:
    """The last ``n`` YT runs in which the lot's curve counts (accepted, similar, an RP)."""
    ok = [
        o.run_id
        for o in observations(demo.lab)
        if o.lot_number == lot_number
        and o.role == "test"
        and o.cell_line == "YT"
        and o.accepted
        and o.similar
        and o.log10_rp is not None
    ]
    return [r for r in demo.yt_runs() if r.pk in ok][-n:]


def _create(demo, lot_number="AL-2403", runs=None, cells="YT", **kw):
    return lot_release_create(
        lab=demo.lab,
        user=demo.user,
        lot=demo.lot(lot_number),
        cell_line=demo.cells(cells),
        runs=runs if runs is not None else _valid_runs(demo, lot_number),
        **kw,
    )


def test_the_release_combines_the_stored_relative_potencies(demo):
    runs = _valid_runs(demo, "AL-2403")
    release = _create(demo, runs=runs, method="auto")
    stored = [_stored_rp(r, "Aldesleukin AL-2403") for r in runs]
    expected = combine_potency(
        [
            RunEstimate(run=str(r.pk), log10_rp=s["log10_rp"], se=s["se_log10_rp"], df=s["df"])
            for r, s in zip(runs, stored, strict=True)
        ],
        specification=(80, 125),
        min_runs=3,
    ).to_dict()
    assert release.result["reportable"]["log10_rp"] == pytest.approx(
        expected["reportable"]["log10_rp"], rel=1e-12
    )
    assert release.result["reportable"]["ci_pct"] == pytest.approx(
        expected["reportable"]["ci_pct"], rel=1e-12
    )
    assert release.result["method"] == expected["method"]
    assert release.result["n_included"] == 3 and release.result["excluded"] == []
    assert [i["run"] for i in release.inputs] == [r.pk for r in runs]
    assert [i["log10_rp"] for i in release.inputs] == [s["log10_rp"] for s in stored]
    assert release.passed is expected["specification"]["passes"]
    assert release.settings["specification_pct"] == [80, 125] and release.settings["cell_line"] == "YT"
    # by hand: the weighted mean M = Σ w·m / Σ w with w = 1 / SE² (the runs are homogeneous here)
    assert release.result["method"] == "weighted"
    m = [s["log10_rp"] for s in stored]
    w = [1 / s["se_log10_rp"] ** 2 for s in stored]
    hand = sum(wi * mi for wi, mi in zip(w, m, strict=True)) / sum(w)
    assert release.result["reportable"]["log10_rp"] == pytest.approx(hand, rel=1e-9)
    assert release.result["reportable"]["rp_pct"] == pytest.approx(100 * 10**hand, rel=1e-9)
    assert release.result["reportable"]["se_log10_rp"] == pytest.approx(math.sqrt(1 / sum(w)), rel=1e-6)


def test_the_unweighted_mean_when_asked(demo):
    runs = _valid_runs(demo, "AL-2403")
    release = _create(demo, runs=runs, method="unweighted")
    m = [_stored_rp(r, "Aldesleukin AL-2403")["log10_rp"] for r in runs]
    assert release.result["method"] == "unweighted"
    assert release.result["reportable"]["log10_rp"] == pytest.approx(sum(m) / 3, rel=1e-9)


def test_a_second_computation_is_a_new_version_and_the_first_stays(demo):
    lot = demo.lot("AL-2403")
    before = {
        r.pk: (r.version, r.result, r.inputs, r.inputs_sha256) for r in LotRelease.objects.filter(lot=lot)
    }
    assert len(before) == 1  # the demo's
    first = _create(demo, runs=_valid_runs(demo, "AL-2403", 3), reason="again")
    second = _create(demo, runs=_valid_runs(demo, "AL-2403", 4))
    assert (first.version, second.version) == (2, 3)
    assert first.reason == "again" and first.created_by == demo.user
    assert first.inputs_sha256 != second.inputs_sha256
    first_result = LotRelease.objects.get(pk=first.pk).result
    assert first_result == first.result and first_result["n_included"] == 3
    for pk, kept in before.items():
        r = LotRelease.objects.get(pk=pk)
        assert (r.version, r.result, r.inputs, r.inputs_sha256) == kept


def _refused(demo, match: str, **kw) -> ReleaseInputError:
    count = LotRelease.objects.count()
    with pytest.raises(ReleaseInputError, match=match) as info:
        _create(demo, **kw)
    assert LotRelease.objects.count() == count
    return info.value


def test_no_specification_is_refused(demo):
    demo.reference.__class__.objects.filter(pk=demo.reference.pk).update(
        release_low_pct=None, release_high_pct=None
    )
    error = _refused(demo, r"Set Aldesleukin \(rhIL-2\)'s release specification")
    assert error.field == "specification"


def test_runs_without_cells_are_refused_by_name(demo):
    runs = _valid_runs(demo, "AL-2403")
    AssayRun.objects.filter(pk__in=[runs[0].pk, runs[2].pk]).update(cell_line=None)
    runs = list(AssayRun.objects.filter(pk__in=[r.pk for r in runs]))
    names = sorted([runs[0].name, runs[2].name])
    error = _refused(demo, "These runs do not name their cells", runs=runs)
    assert f"{names[0]}, {names[1]}" in error.message and runs[1].name not in error.message


def test_runs_on_other_cells_are_refused(demo):
    runs = [*_valid_runs(demo, "AL-2403"), demo.run("Potency CTLL-2 selectivity")]
    error = _refused(demo, "These runs were not done on YT: Potency CTLL-2 selectivity", runs=runs)
    assert error.field == "runs"


def test_a_run_without_the_lot_is_refused(demo):
    other = demo.run("Demo IL-2 reporter bioassay")
    AssayRun.objects.filter(pk=other.pk).update(cell_line=demo.cells("YT"))
    other.refresh_from_db()
    _refused(
        demo,
        "Lot AL-2403 has no analysed curve in: Demo IL-2 reporter bioassay",
        runs=[*_valid_runs(demo, "AL-2403"), other],
    )


def test_fewer_valid_runs_than_the_specification_asks_are_refused(demo):
    demo.reference.__class__.objects.filter(pk=demo.reference.pk).update(release_min_runs=5)
    error = _refused(demo, "5", runs=_valid_runs(demo, "AL-2403", 3))
    assert error.field == "runs"


def test_an_empty_list_of_runs_is_refused(demo):
    _refused(demo, "Choose the runs to combine", runs=[])


def test_a_run_of_curves_that_are_not_similar_is_left_out_with_the_reason(demo):
    runs = _valid_runs(demo, "AL-2403", 4)
    # the newest version of the first run now says the curves are not parallel
    version = RunResult.objects.filter(run=runs[0], status="succeeded").order_by("-version").first()
    result = version.result
    for p in result["potency"]:
        if p["sample"] == "Aldesleukin AL-2403":
            p["similar"] = False
    RunResult.objects.filter(pk=version.pk).update(result=result)
    release = _create(demo, runs=runs)
    assert release.result["n_included"] == 3
    assert release.result["excluded"] == [
        {
            "run": str(runs[0].pk),
            "reason": "not similar to the reference standard (parallelism failed)",
            "log10_rp": _stored_rp(runs[0], "Aldesleukin AL-2403")["log10_rp"],
            "rp_pct": pytest.approx(100 * 10 ** _stored_rp(runs[0], "Aldesleukin AL-2403")["log10_rp"]),
        }
    ]
    assert release.inputs[0]["excluded"] == "not similar to the reference standard (parallelism failed)"
    assert release.result["reportable"]["log10_rp"] == pytest.approx(
        _create(demo, runs=runs[1:]).result["reportable"]["log10_rp"], rel=1e-12
    )
    # with only 3 runs, the one left out leaves too few: refused, saying which and why
    error = _refused(demo, "Left out: ", runs=runs[:3])
    assert f"{runs[0].name} (not similar to the reference standard" in error.message


def test_a_naturally_non_parallel_run_is_left_out(demo):
    bad = [
        o.run_name
        for o in observations(demo.lab, article_ids=[demo.mutein.pk])
        if o.lot_number == "MUT-0117" and o.cell_line == "YT" and o.similar is False
    ]
    if not bad:
        pytest.skip("every simulated mutein run is parallel")
    runs = [demo.run(bad[0]), *_valid_runs(demo, "MUT-0117", 3)]
    release = _create(demo, lot_number="MUT-0117", runs=runs)
    assert release.result["n_included"] == 3
    assert [e["run"] for e in release.result["excluded"]] == [str(runs[0].pk)]
    assert "not similar" in release.result["excluded"][0]["reason"]


# ---- the release page ---------------------------------------------------------------------------------


def test_the_release_page_creates_a_version_and_redirects(demo):
    lot = demo.lot("AL-2403")
    client = demo.client()
    page = client.get(f"/molecules/lots/{lot.pk}/release/")
    assert page.status_code == 200 and "Potency YT 22" in page.content.decode()
    runs = _valid_runs(demo, "AL-2403")
    response = client.post(
        f"/molecules/lots/{lot.pk}/release/",
        {
            "cell_line": demo.cells("YT").pk,
            "runs": [r.pk for r in runs],
            "method": "auto",
            "reason": "batch 17",
        },
    )
    newest = LotRelease.objects.filter(lot=lot).order_by("-version").first()
    assert (newest.version, newest.reason) == (2, "batch 17")
    assert response.status_code == 302 and response.url == f"/molecules/releases/{newest.pk}/"
    detail = client.get(response.url)
    assert detail.status_code == 200
    from il2portal.formatting import number

    assert number(newest.result["reportable"]["rp_pct"]) in detail.content.decode()


def test_the_release_page_shows_a_refusal_and_stores_nothing(demo):
    lot = demo.lot("AL-2403")
    count = LotRelease.objects.count()
    runs = [*_valid_runs(demo, "AL-2403"), demo.run("Potency CTLL-2 selectivity")]
    response = demo.client().post(
        f"/molecules/lots/{lot.pk}/release/",
        {"cell_line": demo.cells("YT").pk, "runs": [r.pk for r in runs], "method": "auto"},
    )
    assert response.status_code == 400
    assert "These runs were not done on YT: Potency CTLL-2 selectivity" in response.content.decode()
    assert LotRelease.objects.count() == count


# ---- the API -----------------------------------------------------------------------------------------


def _post(demo, api=None, **changes):
    body = {
        "lot": demo.lot("AL-2403").pk,
        "cell_line": demo.cells("YT").pk,
        "runs": [r.pk for r in _valid_runs(demo, "AL-2403")],
        **changes,
    }
    return (api or demo.api()).post("/api/v1/lot-releases/", body, format="json")


def test_the_api_creates_a_release(demo):
    response = _post(demo, reason="api")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["version"], body["lot_number"], body["cell_line"], body["reason"]) == (
        2,
        "AL-2403",
        "YT",
        "api",
    )
    assert body["test_article"] == demo.reference.pk
    stored = LotRelease.objects.get(pk=body["id"])
    assert body["result"]["reportable"]["log10_rp"] == stored.result["reportable"]["log10_rp"]
    listed = demo.api().get("/api/v1/lot-releases/", {"lot": demo.lot("AL-2403").pk}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert sorted(r["version"] for r in rows) == [1, 2]


def _api_refused(demo, message: str, **changes):
    count = LotRelease.objects.count()
    response = _post(demo, **changes)
    assert response.status_code == 400, response.json()
    assert message in response.json()["error"]["message"]
    assert LotRelease.objects.count() == count
    return response.json()


def test_the_api_refuses_each_bad_input_and_stores_nothing(demo):
    ref = demo.reference
    runs = _valid_runs(demo, "AL-2403")
    ctll = demo.run("Potency CTLL-2 selectivity")
    _api_refused(
        demo,
        "These runs were not done on YT: Potency CTLL-2 selectivity",
        runs=[*[r.pk for r in runs], ctll.pk],
    )
    other = demo.run("Demo IL-2 reporter bioassay")
    AssayRun.objects.filter(pk=other.pk).update(cell_line=demo.cells("YT"))
    _api_refused(
        demo, "has no analysed curve in: Demo IL-2 reporter bioassay", runs=[*[r.pk for r in runs], other.pk]
    )
    AssayRun.objects.filter(pk=other.pk).update(cell_line=None)
    _api_refused(
        demo, "do not name their cells: Demo IL-2 reporter bioassay", runs=[*[r.pk for r in runs], other.pk]
    )
    type(ref).objects.filter(pk=ref.pk).update(release_min_runs=5)
    _api_refused(demo, "runs:")
    type(ref).objects.filter(pk=ref.pk).update(release_low_pct=None, release_high_pct=None)
    body = _api_refused(demo, "release specification")
    assert "specification" in body["error"]["detail"]
    assert _post(demo, runs=[]).status_code == 400
    assert _post(demo, runs=[999999]).status_code == 400
    assert _post(demo, method="median").status_code == 400


# ---- the release specification ----------------------------------------------------------------------------


def test_the_specification_form_refuses_low_above_high_and_changes_nothing(demo):
    article = demo.mutein
    url = f"/test-articles/{article.pk}/"
    client = demo.client()
    response = client.post(
        url,
        {
            "form": "specification",
            "spec-release_low_pct": "150",
            "spec-release_high_pct": "80",
            "spec-release_min_runs": "3",
        },
    )
    assert response.status_code in (200, 400)
    assert "The high end (80 %) is below the low end (150 %)." in response.content.decode()
    article.refresh_from_db()
    assert (article.release_low_pct, article.release_high_pct, article.release_min_runs) == (70, 143, 3)
    one_end = client.post(
        url, {"form": "specification", "spec-release_low_pct": "90", "spec-release_min_runs": "3"}
    )
    assert "Give both ends of the range." in one_end.content.decode()
    article.refresh_from_db()
    assert (article.release_low_pct, article.release_high_pct) == (70, 143)
    ok = client.post(
        url,
        {
            "form": "specification",
            "spec-release_low_pct": "75",
            "spec-release_high_pct": "133",
            "spec-release_min_runs": "4",
        },
    )
    assert ok.status_code == 302
    article.refresh_from_db()
    assert (article.release_low_pct, article.release_high_pct, article.release_min_runs) == (75, 133, 4)
    assert article.lots.count() == 1  # the lot form was not posted


def test_the_api_refuses_a_bad_specification(demo):
    article = demo.mutein
    url = f"/api/v1/test-articles/{article.pk}/"
    api = demo.api()
    low_above_high = api.patch(url, {"release_low_pct": 150, "release_high_pct": 80}, format="json")
    assert low_above_high.status_code == 400
    assert "release_high_pct" in low_above_high.json()["error"]["detail"]
    # low above the stored high end
    assert api.patch(url, {"release_low_pct": 150}, format="json").status_code == 400
    one_end = api.patch(url, {"release_high_pct": None}, format="json")
    assert one_end.status_code == 400 and "Give both ends" in str(one_end.json())
    assert api.patch(url, {"release_min_runs": 1}, format="json").status_code == 400
    article.refresh_from_db()
    assert (article.release_low_pct, article.release_high_pct, article.release_min_runs) == (70, 143, 3)
    fresh = api.post(
        "/api/v1/test-articles/",
        {"name": "New mutein", "kind": "il2_mutein", "release_low_pct": 80},
        format="json",
    )
    assert fresh.status_code == 400
    ok = api.patch(url, {"release_low_pct": 80, "release_high_pct": 125}, format="json")
    assert ok.status_code == 200 and (ok.json()["release_low_pct"], ok.json()["release_high_pct"]) == (
        80,
        125,
    )


def test_the_release_pages_default_choice_can_be_released_as_it_stands(demo):
    """The page preselects the cells most runs were done on and the newest runs: on those cells only
    (the CTLL-2 run of the last day is newer than the last YT run but on other cells)."""
    lot = demo.lot("AL-2403")
    client = demo.client()
    form = client.get(f"/molecules/lots/{lot.pk}/release/").context["form"]
    cells, runs = form.initial["cell_line"], form.initial["runs"]
    assert cells == demo.cells("YT").pk
    assert sorted(AssayRun.objects.get(pk=pk).name for pk in runs) == [
        "Potency YT 20",
        "Potency YT 21",
        "Potency YT 22",
    ]
    response = client.post(
        f"/molecules/lots/{lot.pk}/release/", {"cell_line": cells, "runs": runs, "method": "auto"}
    )
    assert response.status_code == 302


def test_a_run_listed_twice_is_refused_by_name(demo):
    runs = _valid_runs(demo, "AL-2403")
    error = _refused(demo, "listed twice", runs=[runs[0], *runs])
    assert error.message == f"{runs[0].name} is listed twice: a release combines independent runs."
    response = _post(demo, runs=[runs[0].pk, *[r.pk for r in runs]])
    assert response.status_code == 400 and runs[0].name in response.json()["error"]["message"]
