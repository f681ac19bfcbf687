"""Caliper and body-weight measurements: checked batches (volume computed, swapped axes noted),
corrections and deletions kept in the history, and the measurement sheets uploaded (kept with their
bytes, refused ones too)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction

from studies.analysis.volume import MeasurementError, tumor_volume
from studies.models import Measurement, SheetImport, Study
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
    parse_number,
)

MAX_WEIGHT_G = 100.0  # no laboratory mouse weighs more; larger values are typing errors
MEASUREMENT_FIELDS = ("animal", "date", "length_mm", "width_mm", "weight_g", "note")


def _check_endpoints(study: Study) -> None:
    """Endpoint notifications for the study's creator once the change commits (studies.notifications)."""
    from studies.notifications import after_data_change

    after_data_change(study)


def _append_note(note: str, extra: str) -> str:
    return f"{note}; {extra}" if note else extra


def measurements_validate(
    *, study: Study, rows: Sequence[dict], default_date: dt.date | None = None, exclude_pk: int | None = None
) -> list[Measurement]:
    """Check every row and build unsaved measurements, or raise :class:`BatchError`.

    A row is ``{animal: tag, date, length_mm, width_mm, weight_g, note}``; length and width come
    together or not at all; 0 × 0 records a non-palpable tumor (volume 0).
    """
    errors: list[RowError] = []
    batch_check_size(rows, "measurement")
    today = lab_today(study.lab)
    animals = animals_by_tag(study, rows)
    built: list[tuple[int, Measurement]] = []
    seen: dict[tuple[int, dt.date], int] = {}
    also = {"id", "volume_mm3", "tag"}
    for i, row in enumerate(rows):
        animal = batch_row_animal(
            i, row, fields=MEASUREMENT_FIELDS, also=also, animals=animals, errors=errors
        )
        if animal is None:
            continue
        tag = animal.tag
        try:
            when = parse_date(row.get("date") or default_date)
        except ValueError as exc:
            errors.append(RowError(i, "date", str(exc), "invalid_date"))
            continue
        values = {}
        bad = False
        for name in ("length_mm", "width_mm", "weight_g"):
            try:
                values[name] = parse_number(row.get(name))
            except ValueError as exc:
                errors.append(RowError(i, name, str(exc), "invalid_measurement"))
                bad = True
        if bad or not check_row_date(errors, i, when, animal, study, today):
            continue
        length, width, weight = values["length_mm"], values["width_mm"], values["weight_g"]
        note = str(row.get("note") or "")[:300]
        if length is None and width is None and weight is None:
            errors.append(
                RowError(
                    i, "length_mm", "nothing to record: give length and width, weight, or both.", "empty_row"
                )
            )
            continue
        if (length is None) != (width is None):
            missing = "width_mm" if width is None else "length_mm"
            errors.append(
                RowError(i, missing, "give both length and width (or neither).", "invalid_measurement")
            )
            continue
        volume, swapped = None, False
        if length is not None:
            try:
                res = tumor_volume(length, width, study.volume_formula, allow_zero=True)
            except MeasurementError as exc:
                errors.append(RowError(i, exc.field, exc.message, "invalid_measurement"))
                continue
            volume, swapped = res.volume_mm3, res.swapped
            length, width = res.length_mm, res.width_mm
            if swapped:
                note = _append_note(note, "width was larger than length: axes swapped")
        if weight is not None and not (0 < weight <= MAX_WEIGHT_G):
            errors.append(
                RowError(
                    i,
                    "weight_g",
                    f"{weight:g} g is not a mouse's body weight (expected 0–{MAX_WEIGHT_G:g} g; g vs mg?).",
                    "invalid_measurement",
                )
            )
            continue
        key = (animal.pk, when)
        if key in seen:
            errors.append(
                RowError(
                    i,
                    "date",
                    f"{tag} is measured twice on {when} (rows[{seen[key]}] and rows[{i}]).",
                    "duplicate_measurement",
                )
            )
            continue
        seen[key] = i
        built.append(
            (
                i,
                Measurement(
                    lab=study.lab,
                    study=study,
                    animal=animal,
                    date=when,
                    length_mm=length,
                    width_mm=width,
                    volume_mm3=volume,
                    weight_g=weight,
                    swapped=swapped,
                    note=note,
                ),
            )
        )
    if built:
        existing = {
            (a, d): pk
            for pk, a, d in Measurement.objects.filter(
                study=study,
                animal_id__in={m.animal_id for _, m in built},
                date__in={m.date for _, m in built},
            )
            .exclude(pk=exclude_pk)
            .values_list("pk", "animal_id", "date")
        }
        for i, m in built:
            pk = existing.get((m.animal_id, m.date))
            if pk is not None:
                errors.append(
                    RowError(
                        i,
                        "date",
                        f"{m.animal.tag} already has a measurement on {m.date} (id {pk}); "
                        "correct that one instead of entering it again.",
                        "duplicate_measurement",
                    )
                )
    if errors:
        raise BatchError(errors)
    return [m for _, m in built]


def sheet_import_store(
    *,
    study: Study,
    user,
    filename: str,
    data: bytes | None,
    size: int | None = None,
    rows_imported: int = 0,
    error_code: str = "",
    error_message: str = "",
    error_detail: dict | None = None,
) -> SheetImport:
    """Keep one measurement-sheet upload with its bytes (``data`` None: refused before it was read), as
    succeeded or, when ``error_code`` is given, failed with the reason."""
    record = SheetImport(
        lab_id=study.lab_id,
        study=study,
        original_filename=(filename or "")[:255],
        size=len(data) if data is not None else (size or 0),
        status=SheetImport.Status.FAILED if error_code else SheetImport.Status.SUCCEEDED,
        error_code=error_code[:50],
        error_message=error_message,
        error_detail=error_detail or {},
        rows_imported=rows_imported,
        created_by=user,
    )
    if data is not None:
        record.sha256 = hashlib.sha256(data).hexdigest()
        record.file.save(record.sha256, ContentFile(data), save=False)
    record.save()
    return record


@transaction.atomic
def measurements_record(
    *, study: Study, rows: Sequence[dict], user=None, default_date: dt.date | None = None
) -> list[Measurement]:
    """Validate and store a batch of measurements (all or nothing)."""
    objs = measurements_validate(study=study, rows=rows, default_date=default_date)
    for m in objs:
        m.created_by = user

    def measurement_clashes() -> list[RowError]:
        try:
            measurements_validate(study=study, rows=rows, default_date=default_date)
        except BatchError as exc:
            return exc.errors
        return []

    created = insert_or_conflict(
        objs,
        Measurement,
        user,
        "duplicate_measurement",
        "A measurement for one of these animal-days",
        name_clashes=measurement_clashes,
    )
    if study.status == Study.Status.PLANNED:
        study.status = Study.Status.ACTIVE
        study._history_user = user
        study._change_reason = "first measurement recorded"
        study.save(update_fields=["status"])
    _check_endpoints(study)
    if any(m.pk is None for m in created):  # backends that do not return ids
        keys = {(m.animal_id, m.date) for m in objs}
        return [
            m
            for m in Measurement.objects.filter(study=study, date__in={d for _, d in keys}).select_related(
                "animal"
            )
            if (m.animal_id, m.date) in keys
        ]
    return created


@transaction.atomic
def measurement_update(*, measurement: Measurement, data: dict, user=None, reason: str = "") -> Measurement:
    """Correct a measurement: re-validates like a new one and keeps the old values in the history."""
    study = measurement.study
    merged = {
        "length_mm": measurement.length_mm,
        "width_mm": measurement.width_mm,
        "weight_g": measurement.weight_g,
        "note": measurement.note,
        "date": measurement.date,
    }
    merged.update({k: v for k, v in data.items() if k in merged})
    row = {"animal": measurement.animal.tag, **merged}
    (fresh,) = measurements_validate(study=study, rows=[row], exclude_pk=measurement.pk)
    for name in ("date", "length_mm", "width_mm", "volume_mm3", "weight_g", "swapped", "note"):
        setattr(measurement, name, getattr(fresh, name))
    measurement._change_reason = (reason or "corrected")[:REASON_MAX_LENGTH]
    measurement._history_user = user
    measurement.save()
    _check_endpoints(study)
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement, user=None, reason: str = "") -> None:
    measurement._change_reason = (reason or "deleted")[:REASON_MAX_LENGTH]
    measurement._history_user = user
    measurement.delete()
