"""Doses: planned from each group treatment's schedule, re-planned when a treatment changes or an
animal changes group, recorded as given or skipped (every change kept in the history)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from studies.analysis.schedule import ScheduleError, dose_offsets
from studies.models import Animal, Arm, ArmTreatment, Dose, Study

OPEN_SCHEDULE_DAYS = 56  # a schedule without a dose count ("q3d") repeats for 8 weeks


def schedule_problem(schedule: str) -> str | None:
    """What is wrong with a treatment's schedule ("q3d×5"), as studies.analysis.schedule reads it; None
    when it can be planned (or is empty)."""
    if not schedule:
        return None
    try:
        dose_offsets(schedule, until_offset=OPEN_SCHEDULE_DAYS)
    except ScheduleError as exc:
        return str(exc)
    return None


def treatment_dose_dates(treatment: ArmTreatment, *, start_day: int | None = None) -> list[dt.date]:
    """Dates of a treatment's doses from its schedule, counted from its arm's dosing start day (or
    ``start_day``); empty without a schedule or a start day."""
    arm = treatment.arm
    day = arm.dosing_start_day if arm.dosing_start_day is not None else start_day
    if not treatment.schedule or day is None:
        return []
    offsets = dose_offsets(treatment.schedule, until_offset=OPEN_SCHEDULE_DAYS)
    return [arm.study.date_of(day + o) for o in offsets]


def _start_day_for(arm: Arm) -> int | None:
    if arm.dosing_start_day is not None:
        return arm.dosing_start_day
    r = arm.randomisations.order_by("-created_at").first()
    return arm.study.day_of(r.date) if r else None


def _planned_dates(arm: Arm) -> dict[int, tuple[ArmTreatment, list[dt.date]]]:
    start = _start_day_for(arm)
    out = {}
    for treatment in arm.treatments.select_related("arm__study", "test_article"):
        try:
            dates = treatment_dose_dates(treatment, start_day=start)
        except ScheduleError:
            dates = []
        out[treatment.pk] = (treatment, dates)
    return out


@transaction.atomic
def doses_plan(*, study: Study, arms: Iterable[Arm] | None = None) -> int:
    """Create the planned doses of every live animal in the given arms, one per animal, treatment and
    date, from each treatment's schedule. Existing doses are kept; returns the number created."""
    arms = list(arms if arms is not None else study.arms.all())
    new: list[Dose] = []
    for arm in arms:
        animals = list(arm.animals.filter(study=study))
        if not animals:
            continue
        for treatment, dates in _planned_dates(arm).values():
            if not dates:
                continue
            have = set(Dose.objects.filter(treatment=treatment).values_list("animal_id", "date"))
            for animal in animals:
                for d in dates:
                    if (animal.pk, d) in have or (animal.exit_date and d > animal.exit_date):
                        continue
                    new.append(
                        Dose(
                            lab=study.lab,
                            study=study,
                            animal=animal,
                            arm=arm,
                            treatment=treatment,
                            date=d,
                            amount=treatment.dose,
                            unit=treatment.dose_unit,
                            route=treatment.route,
                        )
                    )
    if new:
        bulk_create_with_history(new, Dose)
    return len(new)


def doses_set_status(doses, *, status: str, note: str, user, reason: str) -> int:
    """Set the status of the given doses, one history record each (``queryset.update()`` would
    leave none)."""
    doses = list(doses)
    for dose in doses:
        dose.status = status
        dose.note = note
    if doses:
        bulk_update_with_history(
            doses, Dose, ["status", "note"], default_user=user, default_change_reason=reason
        )
    return len(doses)


@transaction.atomic
def doses_replan(*, arm: Arm, user=None) -> int:
    """Bring an arm's planned doses in line with its treatments: planned doses take the treatment's
    current dose, unit and route; planned doses on dates the schedule no longer has are deleted (they
    were a plan, not an observation; the history keeps them); missing ones are added. Given and
    skipped doses are records of what happened and stay as they are. Returns the number added."""
    for treatment, dates in _planned_dates(arm).values():
        keep = set(dates)
        for dose in Dose.objects.filter(treatment=treatment, status=Dose.Status.PLANNED):
            dose._history_user = user
            if dose.date not in keep:
                dose._change_reason = "no longer in the schedule"
                dose.delete()
                continue
            now = (treatment.dose, treatment.dose_unit, treatment.route)
            if (dose.amount, dose.unit, dose.route) != now:
                dose.amount, dose.unit, dose.route = now
                dose._change_reason = "the group's treatment changed"
                dose.save(update_fields=["amount", "unit", "route"])
    return doses_plan(study=arm.study, arms=[arm])


@transaction.atomic
def doses_follow_group(*, animal: Animal, user=None) -> None:
    """After an animal changes group: its planned doses of other groups are skipped and its new
    group's schedule is planned."""
    doses_set_status(
        Dose.objects.filter(animal=animal, status=Dose.Status.PLANNED).exclude(arm_id=animal.arm_id),
        status=Dose.Status.SKIPPED,
        note="animal moved to another group",
        user=user,
        reason="animal moved to another group",
    )
    if animal.arm_id:
        doses_plan(study=animal.study, arms=[animal.arm])


@transaction.atomic
def doses_record(*, doses: Iterable[Dose], status: str, user=None, note: str = "") -> int:
    """Mark doses given or skipped (each change kept in the history)."""
    n = 0
    now = timezone.now()
    for dose in doses:
        dose.status = status
        dose.given_at = now if status == Dose.Status.GIVEN else None
        dose.given_by = user if status == Dose.Status.GIVEN else None
        if note:
            dose.note = note
        dose._history_user = user
        dose.save()
        n += 1
    return n
