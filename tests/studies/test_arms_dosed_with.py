"""studies.selectors.arms_dosed_with: the arms each test article was dosed in, with the outcomes read
from the stored growth and survival analyses (never refitted), in a fixed number of queries, and never
another lab's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from il2portal.models import TestArticle
from studies.analysis import ANALYSIS_VERSION
from studies.demo import load_study_demo
from studies.models import AnalysisResult, Animal, ArmTreatment, Measurement, Study
from studies.selectors import arms_dosed_with
from studies.services.design import arm_create
from tests.factories import LotFactory, TestArticleFactory
from tests.studies.factories import ArmTreatmentFactory, StudyFactory, build_study

pytestmark = pytest.mark.django_db

QUERIES = 8  # the studies, load_studies_data's six, the newest analyses


@pytest.fixture
def articles(lab):
    pbs = TestArticleFactory(lab=lab, name="PBS", kind=TestArticle.Kind.VEHICLE, mutations="")
    pd1 = TestArticleFactory(lab=lab, name="Anti-mouse PD-1 (RMP1-14)", kind=TestArticle.Kind.ANTIBODY)
    mutein = TestArticleFactory(lab=lab, name="IL-2 not-alpha mutein")
    return {
        "pbs": pbs,
        "pd1": pd1,
        "mutein": mutein,
        "pd1_lot": LotFactory(test_article=pd1, lot_number="PD1-7788"),
        "mutein_lot": LotFactory(test_article=mutein, lot_number="MUT-0117"),
    }


def dose_arms(study: Study, articles: dict) -> dict:
    """Give build_study's arms (vehicle, anti-PD-1, IL-2 mutein, combination; one treatment each, no
    test article) their test articles; the combination gets the mutein as a second treatment. Treatments
    are not inputs of the analyses, so the stored ones stay current."""
    arms = {a.name: a for a in study.arms.all()}
    ArmTreatment.objects.filter(arm=arms["Vehicle"]).update(test_article=articles["pbs"])
    for name in ("anti-PD-1", "Combination"):
        ArmTreatment.objects.filter(arm=arms[name]).update(
            test_article=articles["pd1"], lot=articles["pd1_lot"], dose_unit="mg/kg", route="i.p."
        )
    ArmTreatment.objects.filter(arm=arms["IL-2 mutein"]).update(
        test_article=articles["mutein"], lot=articles["mutein_lot"], dose=1.0, route="s.c.", schedule="q3d×3"
    )
    ArmTreatment.objects.create(
        lab=study.lab,
        arm=arms["Combination"],
        order=1,
        test_article=articles["mutein"],
        lot=articles["mutein_lot"],
        dose=1.0,
        dose_unit="mg/kg",
        route="s.c.",
        schedule="q3d×3",
    )
    return arms


def stored(study: Study, kind: str) -> dict:
    return AnalysisResult.objects.filter(study=study, kind=kind).order_by("-version").first().result


def expected_tgi_day(growth: dict) -> tuple[float, int]:
    """The last day the stored control series has at least 3 animals measured."""
    ctrl = next(g for g in growth["groups"] if g["group"] == growth["control_group"])
    last = [s for s in ctrl["series"] if s["n"] >= 3][-1]
    return last["day"], last["n"]


def by_arm(rows: list[dict]) -> dict[str, dict]:
    return {r["arm"]["name"]: r for r in rows}


def test_each_number_is_the_stored_one(lab, user, articles):
    study = build_study(lab, user, 24, seed=4)  # events in the anti-PD-1 arm, none in the others
    arms = dose_arms(study, articles)
    out = arms_dosed_with(lab, [articles["mutein"].pk, articles["pd1"].pk, articles["pbs"].pk])
    growth, survival = stored(study, "growth"), stored(study, "survival")
    records = {a.kind: a for a in AnalysisResult.objects.filter(study=study)}

    mutein = by_arm(out[articles["mutein"].pk])
    assert list(mutein) == ["IL-2 mutein", "Combination"]
    assert set(by_arm(out[articles["pd1"].pk])) == {"anti-PD-1", "Combination"}
    assert list(by_arm(out[articles["pbs"].pk])) == ["Vehicle"]

    combo = mutein["Combination"]
    assert combo["study"] == {
        "id": study.pk,
        "name": study.name,
        "url": f"/studies/{study.pk}/",
        "status": study.status,
        "day0": study.day0,
    }
    assert combo["arm"] == {
        "id": arms["Combination"].pk,
        "name": "Combination",
        "url": f"/studies/groups/{arms['Combination'].pk}/",
    }
    assert combo["is_control"] is False
    assert [
        (t["test_article"], t["dose"], t["dose_unit"], t["route"], t["schedule"], t["lot_number"])
        for t in combo["treatments"]
    ] == [("IL-2 not-alpha mutein", 1.0, "mg/kg", "s.c.", "q3d×3", "MUT-0117")]
    assert [
        (t["test_article"], t["dose"], t["dose_unit"], t["route"], t["schedule"], t["lot_number"])
        for t in combo["other_treatments"]
    ] == [("Anti-mouse PD-1 (RMP1-14)", 10.0, "mg/kg", "i.p.", "q3d×5", "PD1-7788")]
    # and the other way round for the anti-PD-1
    pd1_combo = by_arm(out[articles["pd1"].pk])["Combination"]
    assert [t["test_article"] for t in pd1_combo["treatments"]] == ["Anti-mouse PD-1 (RMP1-14)"]
    assert [t["test_article"] for t in pd1_combo["other_treatments"]] == ["IL-2 not-alpha mutein"]

    day, n_control = expected_tgi_day(growth)
    treated = {**mutein, "anti-PD-1": by_arm(out[articles["pd1"].pk])["anti-PD-1"]}
    for name, row in treated.items():
        arm_id = arms[name].pk
        assert row["n_animals"] == Animal.objects.filter(arm_id=arm_id).count() == 6
        g = row["growth"]
        assert g["status"] == "current" and g["reason"] is None
        assert g["analysis"]["version"] == records["growth"].version
        assert g["analysis"]["analysis_version"] == ANALYSIS_VERSION
        assert g["analysis"]["created_at"] == records["growth"].created_at
        assert g["analysis"]["url"] == f"/studies/analyses/{records['growth'].pk}.json"
        assert (g["day"], g["n_control"], g["min_control_n"]) == (day, n_control, 3)
        point = next(t for t in growth["tgi"] if t["group"] == arm_id and t["day"] == day)
        assert g["tgi"] == point
        reported = [
            t
            for t in growth["tgi"]
            if t["group"] == arm_id and (t["tgi_pct"] is not None or t["regression_pct"] is not None)
        ]
        assert g["last_reported"] == (reported[-1] if reported else None)

        s = row["survival"]
        assert s["status"] == "current" and s["analysis"]["version"] == records["survival"].version
        group = next(x for x in survival["groups"] if x["group"] == arm_id)
        assert (s["n"], s["events"], s["median_days"]) == (group["n"], group["events"], group["median_days"])
        assert s["median_reached"] is (group["median_days"] is not None)
        assert s["median_ci95"] == tuple(group["median_ci95"])
        hr = next(h for h in survival["hazard_ratios"] if h["group"] == arm_id)
        assert hr["reference"] == arms["Vehicle"].pk
        if hr["hr"] is not None:
            assert (s["hr"], s["hr_ci95"], s["hr_p"]) == (hr["hr"], tuple(hr["ci95"]), hr["p"])
            assert s["hr_reason"] is None
        else:  # e.g. no event in the arm: the analysis's flag says why
            assert (s["hr"], s["hr_ci95"], s["hr_p"]) == (None, None, None)
            assert s["hr_reason"] in {f["message"] for f in survival["flags"] if f["group"] == arm_id}
    # the study's data give a TGI on that day in at least one arm (the test checks numbers, not Nones)
    assert any(row["growth"]["tgi"]["tgi_pct"] is not None for row in treated.values())
    assert any(row["survival"]["hr"] is not None for row in treated.values())
    assert any(row["survival"]["hr"] is None for row in treated.values())

    control = by_arm(out[articles["pbs"].pk])["Vehicle"]
    assert control["is_control"] is True
    assert control["growth"]["tgi"] is None and control["growth"]["tgi_reason"]
    assert control["survival"]["hr"] is None and control["survival"]["hr_reason"]
    ctrl_group = next(x for x in survival["groups"] if x["group"] == arms["Vehicle"].pk)
    assert control["survival"]["median_days"] == ctrl_group["median_days"]


def test_the_demo_study(lab, user):
    """The demo doses PBS (vehicle), the anti-mouse PD-1 RMP1-14 and the IL-2 not-alpha mutein; the
    vehicle has 4 of its 10 mice on day 25, so that is the TGI day, on which the stored analysis
    withholds TGI (fewer than half the control remain): its note is the reason, and the last TGI it
    reported is given apart."""
    load_study_demo(lab=lab, user=user)
    study = Study.objects.get(lab=lab)
    names = {a.name: a for a in TestArticle.objects.filter(lab=lab)}
    assert {n: names[n].kind for n in names} == {
        "PBS": TestArticle.Kind.VEHICLE,
        "Anti-mouse PD-1 (RMP1-14)": TestArticle.Kind.ANTIBODY,
        "IL-2 not-alpha mutein": TestArticle.Kind.IL2_MUTEIN,
    }
    out = arms_dosed_with(lab, [names["IL-2 not-alpha mutein"].pk])
    rows = by_arm(out[names["IL-2 not-alpha mutein"].pk])
    assert list(rows) == ["IL-2 mutein", "anti-PD-1 + IL-2 mutein"]
    growth, survival = stored(study, "growth"), stored(study, "survival")
    assert expected_tgi_day(growth) == (25.0, 4)
    mono = rows["IL-2 mutein"]
    assert mono["n_animals"] == 10
    assert mono["survival"]["median_days"] == 26.5  # the flat stretch at 50 % (DOMAIN.md §8)
    g = mono["growth"]
    assert (g["day"], g["n_control"]) == (25.0, 4)
    assert g["tgi"]["tgi_pct"] is None and g["tgi"]["withheld"] == "control_curve_stopped"
    assert g["tgi_reason"] == g["tgi"]["note"]
    assert g["last_reported"] == next(
        t for t in growth["tgi"] if t["group"] == mono["arm"]["id"] and t["day"] == 23.0
    )
    assert g["last_reported"]["tgi_pct"] is not None
    hr = next(h for h in survival["hazard_ratios"] if h["group"] == mono["arm"]["id"])
    assert hr["hr"] is not None and mono["survival"]["hr_reason"] is None
    assert (mono["survival"]["hr"], mono["survival"]["hr_ci95"]) == (hr["hr"], tuple(hr["ci95"]))
    combo = rows["anti-PD-1 + IL-2 mutein"]
    assert [
        (t["test_article"], t["dose"], t["dose_unit"], t["route"], t["schedule"], t["lot_number"])
        for t in combo["other_treatments"]
    ] == [("Anti-mouse PD-1 (RMP1-14)", 10.0, "mg/kg", "i.p.", "q3d×5", "PD1-7788")]
    assert combo["treatments"][0]["lot_number"] == "MUT-0117"


def test_no_analysis_stale_and_outdated_give_none_with_a_reason(lab, user, articles):
    study = build_study(lab, user, 8, n_days=15)
    dose_arms(study, articles)
    row = by_arm(arms_dosed_with(lab, [articles["mutein"].pk])[articles["mutein"].pk])["IL-2 mutein"]
    assert row["growth"]["status"] == row["survival"]["status"] == "current"

    # data entered after the analyses: both stale
    animal = Animal.objects.filter(study=study, arm__name="IL-2 mutein", status="alive").first()
    Measurement.objects.create(
        lab=lab, study=study, animal=animal, date=dt.date.today() + dt.timedelta(days=30), volume_mm3=900.0
    )
    row = by_arm(arms_dosed_with(lab, [articles["mutein"].pk])[articles["mutein"].pk])["IL-2 mutein"]
    for kind in ("growth", "survival"):
        assert row[kind]["status"] == "stale"
        assert "changed" in row[kind]["reason"]
        assert row[kind]["analysis"]["version"] == 1
    assert row["growth"]["tgi"] is None and row["growth"]["tgi_reason"] == row["growth"]["reason"]
    assert row["survival"]["median_days"] is None and row["survival"]["hr"] is None

    # made by another version of the analysis code
    AnalysisResult.objects.filter(study=study).update(analysis_version="0.9.0")
    row = by_arm(arms_dosed_with(lab, [articles["mutein"].pk])[articles["mutein"].pk])["IL-2 mutein"]
    assert row["growth"]["status"] == row["survival"]["status"] == "outdated"
    assert "0.9.0" in row["growth"]["reason"]

    AnalysisResult.objects.filter(study=study).delete()
    row = by_arm(arms_dosed_with(lab, [articles["mutein"].pk])[articles["mutein"].pk])["IL-2 mutein"]
    for kind in ("growth", "survival"):
        assert row[kind]["status"] == "not_run" and row[kind]["analysis"] is None and row[kind]["reason"]
    assert row["n_animals"] == 2


def test_it_reads_in_the_same_queries_whatever_the_studies_and_arms(lab, user, articles):
    one = build_study(lab, user, 8, n_days=15)
    dose_arms(one, articles)
    ids = [articles["mutein"].pk, articles["pd1"].pk]
    arms_dosed_with(lab, ids)  # warm up reverse() and content types out of the count
    with CaptureQueriesContext(connection) as small:
        small_out = arms_dosed_with(lab, ids)
    assert len(small_out[articles["mutein"].pk]) == 2

    for k in range(2):
        other = build_study(lab, user, 12 + 4 * k, n_days=15, seed=k + 5, analyses=k == 0)
        dose_arms(other, articles)
        for j in range(3):  # more arms, without animals
            arm_create(
                study=other,
                name=f"Extra {j}",
                treatments=[{"test_article": articles["mutein"], "dose": 0.1 * (j + 1), "schedule": "once"}],
            )
    with CaptureQueriesContext(connection) as large:
        large_out = arms_dosed_with(lab, ids)
    assert len(large_out[articles["mutein"].pk]) == 2 + 2 * 5
    assert len(small.captured_queries) == len(large.captured_queries) == QUERIES, (
        len(small.captured_queries),
        len(large.captured_queries),
    )


def test_another_labs_study_never_appears(lab, user, other_lab, articles):
    build_study(lab, user, 8, n_days=15, analyses=False)
    mine = Study.objects.get(lab=lab)
    dose_arms(mine, articles)
    # another lab's study, dosing its own article and (through a bad row) ours
    theirs = StudyFactory(lab=other_lab, name="Their study")
    their_article = TestArticleFactory(lab=other_lab, name="Their mutein")
    ArmTreatmentFactory(arm__study=theirs, arm__lab=other_lab, lab=other_lab, test_article=their_article)
    ArmTreatmentFactory(arm__study=theirs, arm__lab=other_lab, lab=other_lab, test_article=articles["mutein"])

    out = arms_dosed_with(lab, [articles["mutein"].pk, their_article.pk])
    assert out[their_article.pk] == []
    assert {r["study"]["id"] for r in out[articles["mutein"].pk]} == {mine.pk}
    theirs_out = arms_dosed_with(other_lab, [articles["mutein"].pk, their_article.pk])
    assert {r["study"]["id"] for rows in theirs_out.values() for r in rows} == {theirs.pk}
    with CaptureQueriesContext(connection) as ctx:
        assert arms_dosed_with(lab, [their_article.pk]) == {their_article.pk: []}
    assert len(ctx.captured_queries) == 1
    assert arms_dosed_with(lab, []) == {}
