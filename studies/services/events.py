"""Events of an animal (exits, ulcerations, responses): recorded in checked batches; an exit sets the
animal's status and cancels its later doses, and deleting it by mistake undoes that."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from studies.analysis.endpoints import ENDPOINT_EVENT_KINDS
from studies.models import Animal, Dose, Event, Measurement, Study
from studies.services.common import (
    REASON_MAX_LENGTH,
    BatchError,
    RowError,
    animals_by_tag,
    batch_check_size,
    batch_row_animal,
    check_row_date,
    insert_or_conflict,
    lab_today,
    parse_date,
)
from studies.services.dosing import doses_set_status

EVENT_FIELDS = ("animal", "date", "kind", "note")


@transaction.atomic
def events_record(*, study: Study, rows: Sequence[dict], user=None) -> list[Event]:
    """Validate and store events (all or nothing). Exit events (endpoint euthanasia, found dead,
    other euthanasia, withdrawn) set the animal's status and exit date and cancel its later doses."""
    errors: list[RowError] = []
    batch_check_size(rows, "event")
    today = lab_today(study.lab)
    kinds = set(Event.Kind.values)
    animals = animals_by_tag(study, rows)
    built: list[tuple[int, Event]] = []
    seen: dict[tuple, int] = {}
    exits: dict[int, int] = {}
    for i, row in enumerate(rows):
        animal = batch_row_animal(i, row, fields=EVENT_FIELDS, also={"id"}, animals=animals, errors=errors)
        if animal is None:
            continue
        tag = animal.tag
        kind = str(row.get("kind") or "").strip()
        if kind not in kinds:
            errors.append(
                RowError(
                    i,
                    "kind",
                    f"{kind!r} is not an event kind; use one of {', '.join(Event.Kind.values)}.",
                    "invalid_choice",
                )
            )
            continue
        try:
            when = parse_date(row.get("date"))
        except ValueError as exc:
            errors.append(RowError(i, "date", str(exc), "invalid_date"))
            continue
        if not check_row_date(errors, i, when, animal, study, today, what="event"):
            continue
        key = (animal.pk, when, kind)
        if key in seen:
            errors.append(
                RowError(
                    i, "kind", f"{tag} has {kind} twice on {when} (rows[{seen[key]}]).", "duplicate_event"
                )
            )
            continue
        seen[key] = i
        if kind in Event.EXIT_STATUS:
            if animal.exit_date is not None:
                errors.append(
                    RowError(
                        i, "kind", f"{tag} already left the study on {animal.exit_date}.", "already_exited"
                    )
                )
                continue
            if animal.pk in exits:
                errors.append(
                    RowError(
                        i,
                        "kind",
                        f"{tag} leaves the study twice in this batch (rows[{exits[animal.pk]}]).",
                        "already_exited",
                    )
                )
                continue
            exits[animal.pk] = i
        built.append(
            (
                i,
                Event(
                    lab=study.lab,
                    study=study,
                    animal=animal,
                    date=when,
                    kind=kind,
                    note=str(row.get("note") or "")[:500],
                    created_by=user,
                ),
            )
        )
    if built:
        existing = set(
            Event.objects.filter(study=study, animal_id__in={e.animal_id for _, e in built}).values_list(
                "animal_id", "date", "kind"
            )
        )
        later = {}
        for a, d in Measurement.objects.filter(
            study=study, animal_id__in=[e.animal_id for _, e in built if e.kind in Event.EXIT_STATUS]
        ).values_list("animal_id", "date"):
            later[a] = max(later.get(a, d), d)
        for i, e in built:
            if (e.animal_id, e.date, e.kind) in existing:
                errors.append(
                    RowError(
                        i, "kind", f"{e.animal.tag} already has {e.kind} on {e.date}.", "duplicate_event"
                    )
                )
            elif e.kind in Event.EXIT_STATUS and later.get(e.animal_id) and later[e.animal_id] > e.date:
                errors.append(
                    RowError(
                        i,
                        "date",
                        f"{e.animal.tag} has a measurement on {later[e.animal_id]}, after this exit on {e.date}.",
                        "event_before_measurements",
                    )
                )
    if errors:
        raise BatchError(errors)
    events = [e for _, e in built]

    def event_clashes() -> list[RowError]:
        taken = set(
            Event.objects.filter(study=study, animal_id__in={e.animal_id for e in events}).values_list(
                "animal_id", "date", "kind"
            )
        )
        return [
            RowError(i, "kind", f"{e.animal.tag} already has {e.kind} on {e.date}.", "duplicate_event")
            for i, e in built
            if (e.animal_id, e.date, e.kind) in taken
        ]

    created = insert_or_conflict(
        events,
        Event,
        user,
        "duplicate_event",
        "An event of this kind for one of these animal-days",
        name_clashes=event_clashes,
    )
    for e in events:
        if e.kind in Event.EXIT_STATUS:
            animal = e.animal
            animal.status = Event.EXIT_STATUS[e.kind]
            animal.exit_date = e.date
            animal._change_reason = f"{e.get_kind_display()} on {e.date}"
            animal._history_user = user
            animal.save(update_fields=["status", "exit_date"])
            doses_set_status(
                Dose.objects.filter(animal=animal, status=Dose.Status.PLANNED, date__gt=e.date),
                status=Dose.Status.SKIPPED,
                note="animal left the study",
                user=user,
                reason=f"{e.get_kind_display()} on {e.date}: animal left the study",
            )
    if any(e.kind in ENDPOINT_EVENT_KINDS for e in events):  # ulceration, moribund: humane endpoints
        from studies.notifications import after_data_change

        after_data_change(study)
    return created


@transaction.atomic
def event_delete(*, event: Event, user=None, reason: str = "") -> None:
    """Delete an event entered by mistake; an exit event brings the animal back to *alive*."""
    animal = event.animal
    was_exit = event.is_exit and animal.exit_date == event.date
    event._change_reason = (reason or "deleted")[:REASON_MAX_LENGTH]
    event._history_user = user
    event.delete()
    if was_exit:
        animal.status = Animal.Status.ALIVE
        animal.exit_date = None
        animal._change_reason = f"exit event deleted: {reason}".strip(": ")[:REASON_MAX_LENGTH]
        animal._history_user = user
        animal.save(update_fields=["status", "exit_date"])
        doses_set_status(
            Dose.objects.filter(animal=animal, status=Dose.Status.SKIPPED, note="animal left the study"),
            status=Dose.Status.PLANNED,
            note="",
            user=user,
            reason=f"exit event deleted: {reason}".strip(": "),
        )
