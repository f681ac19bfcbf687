"""Counts on list pages and in list selectors: an annotation over two joins must not multiply."""

import datetime as dt

import pytest

from studies import selectors
from studies.models import Animal
from tests.studies.factories import (
    DAY0,
    AnimalFactory,
    ArmFactory,
    DoseFactory,
    MeasurementFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db


def test_it_counts_arms_animals_and_alive_once_each(lab):
    study = StudyFactory(lab=lab)
    arms = [ArmFactory(study=study) for _ in range(3)]
    animals = [AnimalFactory(study=study, arm=arms[i % 3]) for i in range(8)]
    animals[0].status = Animal.Status.DEAD
    animals[0].save()
    for a in animals:
        MeasurementFactory(animal=a)
    DoseFactory(arm=arms[0])  # adds a ninth animal, alive
    (row,) = selectors.study_list(lab)
    assert (row.n_arms, row.n_animals, row.n_alive) == (3, 9, 8)


def test_it_counts_animals_per_arm_in_the_api_once(api, lab):
    study = StudyFactory(lab=lab)
    arm = ArmFactory(study=study)
    for _ in range(4):
        animal = AnimalFactory(study=study, arm=arm)
        for n in (7, 10):
            MeasurementFactory(animal=animal, date=DAY0 + dt.timedelta(days=n))
            DoseFactory(arm=arm, animal=animal, date=DAY0 + dt.timedelta(days=n))
    empty = ArmFactory(study=study)
    body = api.get(f"/api/v1/studies/{study.pk}/").json()
    assert body["n_animals"] == 4
    assert {g["id"]: g["n_animals"] for g in body["groups"]} == {arm.pk: 4, empty.pk: 0}
    listed = api.get("/api/v1/studies/").json()["results"]
    assert [s["n_animals"] for s in listed] == [4]
