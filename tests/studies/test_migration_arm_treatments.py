"""The migration to arms with several treatments: each existing arm's treatment becomes its first
treatment row, a combination arm written as '+' components is split as faithfully as its regimen
text allows, and every existing dose is attached to the treatment it belongs to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("studies", "0002_dosing_start_day_bounds")]
DAY0 = dt.date(2025, 3, 3)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "studies"]


def test_it_moves_each_arms_treatment_and_doses_into_treatment_rows():
    old = _migrate(BEFORE)
    Lab = old.get_model("il2portal", "Lab")
    TestArticle = old.get_model("il2portal", "TestArticle")
    Lot = old.get_model("il2portal", "Lot")
    Study = old.get_model("studies", "Study")
    Arm = old.get_model("studies", "Arm")
    HistoricalArm = old.get_model("studies", "HistoricalArm")
    Animal = old.get_model("studies", "Animal")
    Dose = old.get_model("studies", "Dose")
    lab = Lab.objects.create(name="Migration lab")
    pd1 = TestArticle.objects.create(lab=lab, name="Anti-mouse PD-1 (RMP1-14)", kind="antibody")
    mutein = TestArticle.objects.create(lab=lab, name="IL-2 mutein", kind="il2_mutein")
    lot = Lot.objects.create(lab=lab, test_article=pd1, lot_number="PD1-7788")
    study = Study.objects.create(lab=lab, name="Old", day0=DAY0, implanted_on=DAY0)
    single = Arm.objects.create(
        lab=lab, study=study, name="anti-PD-1", treatment=pd1, lot=lot, dose=10.0, dose_unit="mg/kg",
        route="i.p.", schedule="q3d×5", dosing_start_day=7,
    )  # fmt: skip
    combo = Arm.objects.create(
        lab=lab, study=study, name="Combination", treatment=pd1, lot=lot, dose=10.0, dose_unit="mg/kg",
        route="other", schedule="q3d×5 + q3d×3", dosing_start_day=7,
        regimen="anti-PD-1 10 mg/kg i.p. q3d×5 + IL-2 mutein 1 mg/kg s.c. q3d×3",
    )  # fmt: skip
    empty = Arm.objects.create(lab=lab, study=study, name="Untreated", is_control=True)
    # another lab: the regimen's "IL-2 mutein" is its only article with those words; route "other"
    lab2 = Lab.objects.create(name="Migration lab 2")
    named = TestArticle.objects.create(lab=lab2, name="IL-2 not-alpha mutein", kind="il2_mutein")
    TestArticle.objects.create(lab=lab2, name="IL-2 wild type", kind="il2_wild_type")
    study2 = Study.objects.create(lab=lab2, name="Old 2", day0=DAY0, implanted_on=DAY0)
    combo2 = Arm.objects.create(
        lab=lab2, study=study2, name="Combination", dose=10.0, dose_unit="mg/kg", route="other",
        schedule="q3d×5 + q3d×3", regimen="anti-PD-1 10 mg/kg i.p. q3d×5 + IL-2 mutein 1 mg/kg s.c. q3d×3",
    )  # fmt: skip
    HistoricalArm.objects.create(
        id=single.pk, lab_id=lab.pk, study_id=study.pk, name="anti-PD-1", treatment_id=pd1.pk, lot_id=lot.pk,
        dose=5.0, dose_unit="mg/kg", route="i.p.", schedule="q3d×5", dosing_start_day=7, regimen="",
        is_control=False, capacity=10, order=0, created_at=single.created_at,
        history_date=dt.datetime(2025, 3, 1, tzinfo=dt.UTC), history_type="+", history_change_reason="",
    )  # fmt: skip
    a1 = Animal.objects.create(lab=lab, study=study, tag="A1", arm=single)
    c1 = Animal.objects.create(lab=lab, study=study, tag="C1", arm=combo)
    for d in (7, 10, 13, 16, 19):
        Dose.objects.create(
            lab=lab, study=study, animal=a1, arm=single, date=DAY0 + dt.timedelta(days=d), amount=10.0,
            unit="mg/kg", route="i.p.", status="given" if d == 7 else "planned",
        )  # fmt: skip
        Dose.objects.create(
            lab=lab, study=study, animal=c1, arm=combo, date=DAY0 + dt.timedelta(days=d), amount=10.0,
            unit="mg/kg", route="other", status="given" if d == 7 else "planned",
        )  # fmt: skip

    new = _migrate(_latest())
    ArmTreatment = new.get_model("studies", "ArmTreatment")
    Dose = new.get_model("studies", "Dose")
    Arm = new.get_model("studies", "Arm")
    rows = lambda arm: list(ArmTreatment.objects.filter(arm_id=arm.pk).order_by("order", "id"))  # noqa: E731

    (t,) = rows(single)
    assert (t.test_article_id, t.lot_id, t.dose, t.dose_unit, t.route, t.schedule, t.lab_id) == (
        pd1.pk, lot.pk, 10.0, "mg/kg", "i.p.", "q3d×5", lab.pk,
    )  # fmt: skip
    assert set(Dose.objects.filter(arm_id=single.pk).values_list("treatment_id", flat=True)) == {t.pk}
    # the arm's old history is the first treatment's history (oldest first: dose 5, then 10)
    HistoricalArmTreatment = new.get_model("studies", "HistoricalArmTreatment")
    past = HistoricalArmTreatment.objects.filter(id=t.pk).order_by("history_date")
    assert [h.dose for h in past][:1] == [5.0] and past.last().dose == 10.0

    first, second = rows(combo)
    assert (first.test_article_id, first.dose, first.route, first.schedule) == (pd1.pk, 10.0, "i.p.", "q3d×5")
    assert (second.test_article_id, second.dose, second.dose_unit, second.route, second.schedule) == (
        mutein.pk, 1.0, "mg/kg", "s.c.", "q3d×3",
    )  # fmt: skip
    assert Arm.objects.get(pk=combo.pk).regimen.startswith("anti-PD-1 10 mg/kg")
    per = {
        tr.pk: sorted((d.date - DAY0).days for d in Dose.objects.filter(treatment_id=tr.pk))
        for tr in (first, second)
    }
    assert per == {first.pk: [7, 10, 13, 16, 19], second.pk: [7, 10, 13]}
    day7 = Dose.objects.filter(animal_id=c1.pk, date=DAY0 + dt.timedelta(days=7)).order_by("treatment__order")
    assert [(d.status, d.amount, d.route) for d in day7] == [("given", 10.0, "i.p."), ("given", 1.0, "s.c.")]

    assert rows(empty) == []
    first2, second2 = rows(combo2)
    assert (first2.test_article_id, first2.route, first2.schedule) == (None, "i.p.", "q3d×5")
    assert (second2.test_article_id, second2.dose, second2.route) == (named.pk, 1.0, "s.c.")
