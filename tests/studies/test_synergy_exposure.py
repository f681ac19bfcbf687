"""The combination-synergy and serum-exposure analyses of a study: stored versions, what the pages and
the API show of them (each number the stored one), the workbook, and bad input (not a combination
design, too few animals, no serum samples) refused with a message and nothing stored."""

from __future__ import annotations

import math

import pytest
from rest_framework.test import APIClient

from il2portal import formatting
from il2portal.demo import load_demo_data
from studies.models import AnalysisResult, Study
from studies.services.analyses import analysis_request, analysis_run
from studies.services.common import StudyError
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db

ROLES = {"control": "Vehicle", "a": "anti-PD-1", "b": "IL-2 mutein", "combination": "Combination"}


@pytest.fixture
def demo(lab, user):
    load_demo_data(lab=lab, user=user)
    return Study.objects.get(lab=lab, name__icontains="MC38")


def _lin_up_log_down(points) -> float:
    """AUC0–last by hand: 0 at the dose, BLQ after the last measured point left out."""
    pts = [(0.0, 0.0)] + [(p["time_h"], p["concentration"]) for p in points if not p["below_lloq"]]
    auc = 0.0
    for (t1, c1), (t2, c2) in zip(pts, pts[1:], strict=False):
        if c2 < c1 and c1 > 0 and c2 > 0:
            auc += (c1 - c2) * (t2 - t1) / math.log(c1 / c2)
        else:
            auc += (c1 + c2) * (t2 - t1) / 2
    return auc


def test_the_demo_study_stores_synergy_and_exposure_and_the_pages_show_the_stored_numbers(
    demo, browser_client
):
    synergy = AnalysisResult.objects.get(study=demo, kind="synergy").result
    assert synergy["roles"] == {
        "control": "Vehicle",
        "a": "anti-PD-1",
        "b": "IL-2 mutein",
        "combination": "anti-PD-1 + IL-2 mutein",
        "recognised": True,
    }
    rates = {a["role"]: a["rate"] for a in synergy["growth"]["arms"]}
    last = [d for d in synergy["synergy"]["days"] if d.get("bliss")][-1]
    # Bliss by hand from the stored rates of the last day's refit (= the full fit at the last day)
    delta = rates["combination"] - (rates["a"] + rates["b"] - rates["control"])
    assert last["bliss"]["delta"] == pytest.approx(delta, rel=1e-9)
    t = last["day"] - synergy["growth"]["t0"]
    assert last["bliss"]["combination_index"] == pytest.approx(math.exp(delta * t), rel=1e-9)
    page = browser_client.get(f"/studies/{demo.pk}/synergy/").content.decode()
    assert f"CI {formatting.number(last['bliss']['combination_index'])}" in page
    assert formatting.p_equals(last["hsa"]["p"]) in page
    dashboard = browser_client.get(f"/studies/{demo.pk}/").content.decode()
    assert f"Bliss combination index {formatting.number(last['bliss']['combination_index'])}" in dashboard

    exposure = AnalysisResult.objects.get(study=demo, kind="exposure").result
    assert exposure["response_source"]["metric"] in ("growth_rate", "best_response_pct")
    for animal in exposure["pk"]["animals"]:
        assert animal["auc_last"] == pytest.approx(_lin_up_log_down(animal["points"]), rel=1e-9)
        measured = [p for p in animal["points"] if not p["below_lloq"]]
        top = max(measured, key=lambda p: p["concentration"])
        assert (animal["cmax"], animal["tmax"]) == (top["concentration"], top["time_h"])
    # 24 h samples are below the LLOQ: never a zero, never in a mean
    late = [c for a in exposure["pk"]["arms"] for c in a["concentration_time"] if c["nominal_time_h"] == 24]
    assert late and all(c["n_below_lloq"] == c["n"] and c["mean"] is None for c in late)
    page = browser_client.get(f"/studies/{demo.pk}/exposure/").content.decode()
    first = exposure["pk"]["animals"][0]
    assert (
        formatting.number(first["auc_last"]) in page and formatting.quantity(first["cmax"], "ng/mL") in page
    )
    er = exposure["exposure_response"]["overall"]
    assert er["rho"] < 0  # the simulation gave more exposure to the mice whose tumors grew less
    assert formatting.p_equals(er["p"]) in page


def test_arms_that_are_not_a_combination_design_are_refused_with_what_is_missing(lab, user):
    study = build_study(lab, user, 16, n_days=15, analyses=False)  # its arms name no test articles
    before = AnalysisResult.objects.count()
    with pytest.raises(StudyError) as err:
        analysis_run(study=study, kind="synergy", user=user)
    assert err.value.message.startswith("This study is not a combination design:")
    assert AnalysisResult.objects.count() == before
    with pytest.raises(StudyError, match="No arm named 'Nope'"):
        analysis_run(
            study=study, kind="synergy", settings={"roles": {**ROLES, "combination": "Nope"}}, user=user
        )


def test_an_arm_with_fewer_than_3_animals_measured_3_times_is_named(lab, user):
    study = build_study(lab, user, 8, n_days=15, analyses=False)  # 2 mice per arm
    with pytest.raises(StudyError) as err:
        analysis_run(study=study, kind="synergy", settings={"roles": ROLES}, user=user)
    assert "Vehicle" in err.value.message or "anti-PD-1" in err.value.message
    assert not AnalysisResult.objects.filter(study=study, kind="synergy").exists()


def test_roles_set_by_hand_on_the_page_are_stored_with_the_analysis(lab, user, browser_client):
    study = build_study(lab, user, 24, n_days=21, analyses=False)
    answer = browser_client.post(f"/studies/{study.pk}/synergy/", ROLES)
    assert answer.status_code == 302
    record = AnalysisResult.objects.get(study=study, kind="synergy")
    assert record.settings == {"roles": ROLES} and record.result["roles"]["recognised"] is False
    bad = browser_client.post(f"/studies/{study.pk}/synergy/", {**ROLES, "b": "Vehicle"}, follow=True)
    assert "different arms" in bad.content.decode() or "four different" in bad.content.decode()
    assert AnalysisResult.objects.filter(study=study, kind="synergy").count() == 1


def test_an_exposure_analysis_without_serum_samples_is_refused(lab, user):
    study = build_study(lab, user, 8, n_days=12, analyses=False)
    with pytest.raises(StudyError, match="No serum sample is linked"):
        analysis_request(study=study, kind="exposure", settings={}, user=user)


def test_the_api_starts_synergy_and_refuses_unknown_settings(lab, user):
    study = build_study(lab, user, 24, n_days=21, analyses=False)
    client = APIClient()
    client.force_authenticate(user)
    answer = client.post(
        f"/api/v1/studies/{study.pk}/analyses/?wait=30",
        {"kind": "synergy", "settings": {"roles": ROLES}},
        format="json",
    )
    assert answer.status_code in (200, 202), answer.content
    record = AnalysisResult.objects.get(study=study, kind="synergy")
    listed = client.get(f"/api/v1/studies/{study.pk}/analyses/?kind=synergy").json()
    assert [a["version"] for a in listed["results"]] == [record.version]
    bad = client.post(
        f"/api/v1/studies/{study.pk}/analyses/",
        {"kind": "synergy", "settings": {"alpha": 0.1}},
        format="json",
    )
    assert bad.status_code == 400 and "Unknown setting 'alpha'" in bad.content.decode()
    no_serum = client.post(f"/api/v1/studies/{study.pk}/analyses/", {"kind": "exposure"}, format="json")
    assert no_serum.status_code in (400, 409) and "No serum sample" in no_serum.content.decode()


def test_the_exposure_page_tells_a_stale_result_without_recomputing_it(demo, browser_client):
    from studies.models import SerumSample
    from studies.services.exposure import exposure_compute, exposure_inputs_sha

    record = AnalysisResult.objects.filter(study=demo, kind="exposure").order_by("-version").first()
    assert exposure_inputs_sha(demo, record.settings) == exposure_compute(demo, record.settings)[2]
    assert 'id="exposure-stale"' not in browser_client.get(f"/studies/{demo.pk}/exposure/").content.decode()
    SerumSample.objects.filter(study=demo).order_by("pk").first().delete()
    assert 'id="exposure-stale"' in browser_client.get(f"/studies/{demo.pk}/exposure/").content.decode()
