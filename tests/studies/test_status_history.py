"""Status changes made for the user by a service (doses skipped when an animal leaves or changes
group, the study going in life) keep history like any other change."""

from __future__ import annotations

import datetime as dt

import pytest

from studies.models import Animal, Dose, Study
from studies.services.design import animals_create, arm_create, study_create
from studies.services.dosing import doses_follow_group
from studies.services.events import event_delete, events_record
from studies.services.measurements import measurements_record

pytestmark = pytest.mark.django_db
DAY0 = dt.date(2025, 1, 6)


@pytest.fixture
def dosed(lab, user):
    study = study_create(lab=lab, user=user, name="H", day0=DAY0, status=Study.Status.PLANNED)
    a = arm_create(study=study, name="A", schedule="q3d×5", dosing_start_day=7, dose=10.0)
    b = arm_create(study=study, name="B", schedule="q3d×5", dosing_start_day=7, dose=1.0)
    animals_create(study=study, rows=[{"tag": "M1", "arm": a}], user=user)
    return study, a, b, Animal.objects.get(study=study, tag="M1")


def _last(dose: Dose):
    return dose.history.order_by("-history_date", "-history_id").first()


def test_it_keeps_history_of_the_doses_an_exit_event_skips_and_its_deletion_restores(dosed, user):
    study, _a, _b, animal = dosed
    exit_day = DAY0 + dt.timedelta(days=11)
    (event,) = events_record(
        study=study, rows=[{"animal": "M1", "date": exit_day.isoformat(), "kind": "found_dead"}], user=user
    )
    skipped = list(Dose.objects.filter(animal=animal, status=Dose.Status.SKIPPED))
    assert len(skipped) == 3  # days 13, 16, 19
    for dose in skipped:
        record = _last(dose)
        assert record.history_type == "~" and record.status == "skipped"
        assert record.history_user == user and "left the study" in record.history_change_reason
    event_delete(event=event, user=user, reason="wrong animal")
    for dose in skipped:
        dose.refresh_from_db()
        assert dose.status == Dose.Status.PLANNED
        record = _last(dose)
        assert record.status == "planned" and record.history_user == user
        assert dose.history.count() == 3  # planned, skipped, planned again


def test_it_keeps_history_of_the_doses_skipped_when_an_animal_changes_group(dosed, user):
    _study, a, b, animal = dosed
    animal.arm = b
    animal.save()
    doses_follow_group(animal=animal, user=user)
    skipped = list(Dose.objects.filter(animal=animal, arm=a))
    assert skipped and all(d.status == Dose.Status.SKIPPED for d in skipped)
    for dose in skipped:
        record = _last(dose)
        assert record.status == "skipped" and record.history_user == user
        assert "another group" in record.history_change_reason


def test_it_keeps_history_of_the_study_going_in_life_with_its_first_measurement(dosed, user):
    study, _a, _b, _animal = dosed
    measurements_record(
        study=study,
        rows=[{"animal": "M1", "date": DAY0.isoformat(), "length_mm": 5, "width_mm": 4}],
        user=user,
    )
    study.refresh_from_db()
    assert study.status == Study.Status.ACTIVE
    record = study.history.order_by("-history_date", "-history_id").first()
    assert record.status == "active" and record.history_type == "~" and record.history_user == user


def test_it_refuses_to_delete_a_group_that_has_animals_but_deletes_a_whole_study(dosed):
    from django.db.models import RestrictedError

    study, a, b, animal = dosed
    with pytest.raises(RestrictedError):
        a.delete()  # would have un-assigned M1 without a history record
    animal.refresh_from_db()
    assert animal.arm_id == a.pk
    b.delete()  # an empty group can go
    study.delete()  # the study takes its groups and animals with it
    assert not Animal.objects.filter(pk=animal.pk).exists()
