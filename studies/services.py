"""Writes of the studies app. Each service is keyword-only and atomic; the API, the pages and the
jobs call these and nothing else writes study records.

Batches (measurements, events) are all-or-nothing: every row is checked first and a
:class:`BatchError` lists every bad row with its field; nothing is stored unless all rows are good.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from il2portal.jobs import JobFailed, job_create
from studies.analysis import ANALYSIS_VERSION
from studies.analysis.growth import AnimalSeries, ResponseCriteria, compare_growth_rates, summarise_growth
from studies.analysis.mixed import fit_log_volume_mixed_model
from studies.analysis.randomisation import RandomisationError, randomise
from studies.analysis.schedule import ScheduleError, dose_offsets
from studies.analysis.survival import analyse_survival
from studies.analysis.volume import MeasurementError, tumor_volume
from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    Measurement,
    Randomisation,
    SheetImport,
    Study,
)

MAX_BATCH_ROWS = 5000  # measurements or events per request
MAX_ANIMALS_PER_REQUEST = 1000  # a study has a few hundred animals; each new one is validated and planned
MAX_WEIGHT_G = 100.0  # no laboratory mouse weighs more; larger values are typing errors
OPEN_SCHEDULE_DAYS = 56  # a schedule without a dose count ("q3d") repeats for 8 weeks
RECENT_VOLUME_DAYS = 7  # randomisation uses a volume at most this old
MAX_TREATMENTS = 10  # treatments per arm
TREATMENT_FIELDS = ("test_article", "lot", "dose", "dose_unit", "route", "schedule")
REASON_MAX_LENGTH = 100  # django-simple-history's history_change_reason is a CharField(max_length=100)


# --------------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class RowError:
    index: int
    field: str
    message: str
    code: str = "invalid_row"


@dataclass
class BatchError(Exception):
    """Rows that cannot be stored. ``errors`` are sorted by row; the first one is the headline."""

    errors: list[RowError] = field(default_factory=list)

    def __post_init__(self):
        self.errors.sort(key=lambda e: e.index)
        super().__init__(self.headline())

    @property
    def code(self) -> str:
        return self.errors[0].code if self.errors else "invalid_row"

    def headline(self, label=lambda i: f"rows[{i}]") -> str:
        if not self.errors:
            return "The batch is not valid."
        first = self.errors[0]
        more = len(self.errors) - 1
        tail = f" ({more} more row error{'s' if more > 1 else ''})" if more else ""
        return f"{label(first.index)}.{first.field}: {first.message}{tail}"

    def detail(self) -> dict:
        rows: dict[str, dict[str, list[str]]] = {}
        for e in self.errors:
            rows.setdefault(str(e.index), {}).setdefault(e.field, []).append(e.message)
        return {
            "rows": rows,
            "errors": [
                {"row": e.index, "field": e.field, "code": e.code, "message": e.message} for e in self.errors
            ],
        }


class StudyError(Exception):
    """A request that cannot be carried out (e.g. no animal fits a randomisation window)."""

    def __init__(self, code: str, message: str, detail: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail or {}


# --------------------------------------------------------------------------------------------------
# Small parsers shared by every interface


def lab_today(lab) -> dt.date:
    try:
        tz = ZoneInfo(lab.time_zone or "UTC")
    except Exception:  # an unknown zone name: fall back to UTC rather than fail a page
        tz = dt.UTC
    return timezone.now().astimezone(tz).date()


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("a date (YYYY-MM-DD) is required")
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def parse_number(value) -> float | None:
    """A float, ``None`` for empty; decimal commas are accepted ("5,2")."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        try:
            f = float(value)
        except OverflowError:
            raise ValueError(f"{value!r} is too large") from None
    else:
        text = str(value).strip().replace("\u00a0", "")
        if not text:
            return None
        if re.fullmatch(r"-?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            f = float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(f):
        raise ValueError("a finite number is required")
    return f


def _append_note(note: str, extra: str) -> str:
    return f"{note}; {extra}" if note else extra


# --------------------------------------------------------------------------------------------------
# Study, arms, animals


@transaction.atomic
def study_create(*, lab, user, **fields) -> Study:
    if fields.get("day0") is None:
        fields["day0"] = fields.get("implanted_on")
    return Study.objects.create(lab=lab, created_by=user, **fields)


def _treatment_rows(study: Study, treatments: Sequence[dict]) -> list[dict]:
    """Checked copies of treatment rows: test article and lot of the study's lab (another lab's record is
    reported like a missing one), the lot of that test article (the lot alone gives the article)."""
    if len(treatments) > MAX_TREATMENTS:
        raise StudyError("too_many_treatments", f"At most {MAX_TREATMENTS} treatments per group.")
    rows = []
    for i, given in enumerate(treatments):
        row = dict(given)
        unknown = sorted(set(row) - set(TREATMENT_FIELDS) - {"id"})
        if unknown:
            raise StudyError("invalid_treatment", f"treatments[{i}]: unknown field {unknown[0]!r}.")
        for name, what in (("test_article", "test article"), ("lot", "lot")):
            value = row.get(name)
            if value is not None and value.lab_id != study.lab_id:
                raise StudyError(
                    "not_found", f"treatments[{i}].{name}: no {what} with id {value.pk} in the study's lab."
                )
        lot, article = row.get("lot"), row.get("test_article")
        if lot is not None:
            if article is None:
                row["test_article"] = lot.test_article
            elif lot.test_article_id != article.pk:
                raise StudyError(
                    "invalid_treatment",
                    f"treatments[{i}].lot: lot {lot.lot_number} is of {lot.test_article.name}, "
                    f"not of {article.name}.",
                )
        rows.append(row)
    return rows


def _single_treatment(fields: dict) -> dict | None:
    """The single-treatment form (``treatment`` or ``test_article``, ``lot``, ``dose``, …) taken out of
    ``fields``; None when none of its keys is there."""
    if "treatment" in fields:
        fields["test_article"] = fields.pop("treatment")
    single = {k: fields.pop(k) for k in TREATMENT_FIELDS if k in fields}
    return single or None


@transaction.atomic
def arm_create(*, study: Study, treatments: Sequence[dict] | None = None, user=None, **fields) -> Arm:
    """Create an arm and its treatments, each ``{test_article, lot, dose, dose_unit, route, schedule}``.

    The single-treatment form (``treatment`` or ``test_article``, ``lot``, ``dose``, … as keyword
    arguments) is one treatment. Raises :class:`StudyError`."""
    single = _single_treatment(fields)
    if single is not None and treatments is not None:
        raise StudyError(
            "invalid_treatment",
            "Give either treatments or the single treatment fields (treatment, dose, route, schedule), not both.",
        )
    rows = _treatment_rows(study, treatments if treatments is not None else ([single] if single else []))
    if "order" not in fields:
        fields["order"] = study.arms.count()
    arm = Arm(study=study, lab=study.lab, **fields)
    arm._history_user = user
    arm.save()
    for order, row in enumerate(rows):
        row.pop("id", None)
        treatment = ArmTreatment(lab=study.lab, arm=arm, order=order, **row)
        treatment._history_user = user
        treatment.save()
    return arm


@transaction.atomic
def arm_update(*, arm: Arm, fields: dict, treatments: Sequence[dict] | None = None, user=None) -> Arm:
    """Change an arm and, when ``treatments`` is given, its treatment rows, then re-plan its doses.

    ``treatments`` lists the arm's treatments in their new order: a row with ``id`` changes that
    treatment (only the keys given), a row without adds one, and a treatment left out is removed with its
    planned and skipped doses (refused while it has given doses; the history keeps what is deleted).
    Planned doses follow the new dose, unit, route, schedule and start day; given and skipped doses keep
    what was recorded. Every change is kept in the history. Raises :class:`StudyError`."""
    study = arm.study
    for name, value in fields.items():
        setattr(arm, name, value)
    arm._history_user = user
    arm.save()
    if treatments is not None:
        rows = _treatment_rows(study, treatments)
        existing = {t.pk: t for t in arm.treatments.select_related("test_article")}
        for i, row in enumerate(rows):
            if row.get("id") is not None and row["id"] not in existing:
                raise StudyError(
                    "invalid_treatment",
                    f"treatments[{i}].id: group {arm.name!r} has no treatment {row['id']}.",
                )
        kept = {row["id"] for row in rows if row.get("id") is not None}
        for pk, gone in existing.items():
            if pk in kept:
                continue
            n_given = gone.doses.filter(status=Dose.Status.GIVEN).count()
            if n_given:
                raise StudyError(
                    "treatment_has_doses",
                    f"{gone.name} cannot be removed from group {arm.name!r}: {n_given} of its doses were "
                    "given. Change its schedule instead.",
                )
            for dose in gone.doses.all():
                dose._history_user = user
                dose._change_reason = "treatment removed from the group"
                dose.delete()
            gone._history_user = user
            gone.delete()
        for order, row in enumerate(rows):
            pk = row.pop("id", None)
            treatment = existing[pk] if pk is not None else ArmTreatment(lab=study.lab, arm=arm)
            changed = treatment.pk is None or treatment.order != order
            changed |= any(getattr(treatment, name) != value for name, value in row.items())
            if changed:  # an unchanged row adds nothing to the history
                for name, value in row.items():
                    setattr(treatment, name, value)
                treatment.order = order
                treatment._history_user = user
                treatment.save()
    doses_replan(arm=arm, user=user)
    return arm


def _insert_or_conflict(objs: list, model, user, code: str, what: str, name_clashes=None) -> list:
    """Insert validated rows (with history). Validation saw no clash, but a request running at the same
    moment may have stored the same animal-day first: the unique constraint then refuses the insert and the
    batch fails as a conflict (409) naming the code, instead of a server error. Nothing is stored.
    ``name_clashes()`` (run after the failed insert) may name the rows that clash."""
    try:
        with transaction.atomic():
            return bulk_create_with_history(objs, model, default_user=user)
    except IntegrityError:
        clashes = name_clashes() if name_clashes else []
        if clashes:
            raise BatchError(clashes) from None
        raise BatchError(
            [
                RowError(
                    0,
                    "animal",
                    f"{what} was stored by another request at the same moment; nothing from this batch "
                    "was stored. Reload and check before sending it again.",
                    code,
                )
            ]
        ) from None


@transaction.atomic
def animals_create(*, study: Study, rows: Sequence[dict], user=None) -> list[Animal]:
    """Create animals from validated rows (tag, arm, cage, sex, implanted_on, …)."""
    objs = [Animal(study=study, lab=study.lab, **row) for row in rows]
    created = _insert_or_conflict(objs, Animal, user, "duplicate_tag", "An animal with one of these tags")
    arms = {a.arm_id for a in created if a.arm_id}
    if arms:
        doses_plan(study=study, arms=Arm.objects.filter(pk__in=arms))
    return list(Animal.objects.filter(study=study, tag__in=[o.tag for o in objs]).select_related("arm"))


def tag_range(pattern: str) -> list[str]:
    """Tags from a short-hand such as ``M01-M40`` or ``101-140`` (zero padding kept)."""
    text = pattern.strip()
    m = re.fullmatch(r"([A-Za-z_-]*?)(\d+)\s*[-–]\s*([A-Za-z_-]*?)(\d+)", text)
    if not m:
        raise ValueError(f"{pattern!r}: write a range such as M01-M40")
    prefix, start, prefix2, end = m.groups()
    if prefix2 and prefix2 != prefix:
        raise ValueError(f"{pattern!r}: both ends need the same prefix")
    a, b = int(start), int(end)
    if b < a:
        raise ValueError(f"{pattern!r}: the range runs backwards")
    if b - a >= 1000:
        raise ValueError(f"{pattern!r}: at most 1000 animals at a time")
    width = len(start) if start.startswith("0") else 0
    return [f"{prefix}{i:0{width}d}" for i in range(a, b + 1)]


# --------------------------------------------------------------------------------------------------
# Measurements


MEASUREMENT_FIELDS = ("animal", "date", "length_mm", "width_mm", "weight_g", "note")


def _animals_by_tag(study: Study, tags: Iterable[str]) -> dict[str, Animal]:
    return {a.tag: a for a in Animal.objects.filter(study=study, tag__in=set(tags))}


def _check_date(errors, i, when, animal, study, today, *, what="measurement") -> bool:
    if when > today + dt.timedelta(days=1):
        errors.append(RowError(i, "date", f"{when} is in the future (today is {today}).", "future_date"))
        return False
    implant = animal.implanted_on or study.implanted_on
    if implant and when < implant:
        errors.append(
            RowError(
                i,
                "date",
                f"{when} is before {animal.tag}'s implant on {implant}; no {what} before implant.",
                f"{what}_before_implant",
            )
        )
        return False
    if animal.exit_date and when > animal.exit_date:
        errors.append(
            RowError(
                i,
                "date",
                f"{animal.tag} left the study on {animal.exit_date} ({animal.get_status_display()}); "
                f"no {what} after that.",
                f"{what}_after_exit",
            )
        )
        return False
    return True


def measurements_validate(
    *, study: Study, rows: Sequence[dict], default_date: dt.date | None = None, exclude_pk: int | None = None
) -> list[Measurement]:
    """Check every row and build unsaved measurements, or raise :class:`BatchError`.

    A row is ``{animal: tag, date, length_mm, width_mm, weight_g, note}``; length and width come
    together or not at all; 0 × 0 records a non-palpable tumor (volume 0).
    """
    errors: list[RowError] = []
    if not rows:
        raise BatchError([RowError(0, "animal", "No rows: send at least one measurement.", "empty_batch")])
    if len(rows) > MAX_BATCH_ROWS:
        raise BatchError(
            [
                RowError(
                    MAX_BATCH_ROWS, "animal", f"At most {MAX_BATCH_ROWS} rows per batch.", "batch_too_large"
                )
            ]
        )
    today = lab_today(study.lab)
    tags = [str(r.get("animal", "")).strip() for r in rows if isinstance(r, dict)]
    animals = _animals_by_tag(study, tags)
    built: list[tuple[int, Measurement]] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            errors.append(RowError(i, "animal", "Each row must be an object.", "invalid_row"))
            continue
        unknown = sorted(set(row) - set(MEASUREMENT_FIELDS) - {"id", "volume_mm3", "tag"})
        if unknown:
            errors.append(
                RowError(
                    i,
                    unknown[0],
                    f"unknown field; expected {', '.join(MEASUREMENT_FIELDS)}.",
                    "unknown_field",
                )
            )
            continue
        tag = str(row.get("animal", row.get("tag", "")) or "").strip()
        if not tag:
            errors.append(RowError(i, "animal", "the animal's tag is required.", "required"))
            continue
        animal = animals.get(tag)
        if animal is None:
            errors.append(RowError(i, "animal", f"No animal tagged {tag!r} in this study.", "unknown_animal"))
            continue
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
        if bad or not _check_date(errors, i, when, animal, study, today):
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
        from django.core.files.base import ContentFile

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

    created = _insert_or_conflict(
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
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement, user=None, reason: str = "") -> None:
    measurement._change_reason = (reason or "deleted")[:REASON_MAX_LENGTH]
    measurement._history_user = user
    measurement.delete()


# --------------------------------------------------------------------------------------------------
# Events


EVENT_FIELDS = ("animal", "date", "kind", "note")


@transaction.atomic
def events_record(*, study: Study, rows: Sequence[dict], user=None) -> list[Event]:
    """Validate and store events (all or nothing). Exit events (endpoint euthanasia, found dead,
    other euthanasia, withdrawn) set the animal's status and exit date and cancel its later doses."""
    errors: list[RowError] = []
    if not rows:
        raise BatchError([RowError(0, "animal", "No rows: send at least one event.", "empty_batch")])
    if len(rows) > MAX_BATCH_ROWS:
        raise BatchError(
            [
                RowError(
                    MAX_BATCH_ROWS, "animal", f"At most {MAX_BATCH_ROWS} rows per batch.", "batch_too_large"
                )
            ]
        )
    today = lab_today(study.lab)
    kinds = set(Event.Kind.values)
    animals = _animals_by_tag(study, [str(r.get("animal", "")).strip() for r in rows if isinstance(r, dict)])
    built: list[tuple[int, Event]] = []
    seen: dict[tuple, int] = {}
    exits: dict[int, int] = {}
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            errors.append(RowError(i, "animal", "Each row must be an object.", "invalid_row"))
            continue
        unknown = sorted(set(row) - set(EVENT_FIELDS) - {"id"})
        if unknown:
            errors.append(
                RowError(
                    i, unknown[0], f"unknown field; expected {', '.join(EVENT_FIELDS)}.", "unknown_field"
                )
            )
            continue
        tag = str(row.get("animal") or "").strip()
        animal = animals.get(tag)
        if not tag:
            errors.append(RowError(i, "animal", "the animal's tag is required.", "required"))
            continue
        if animal is None:
            errors.append(RowError(i, "animal", f"No animal tagged {tag!r} in this study.", "unknown_animal"))
            continue
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
        if not _check_date(errors, i, when, animal, study, today, what="event"):
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

    created = _insert_or_conflict(
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
            _doses_set_status(
                Dose.objects.filter(animal=animal, status=Dose.Status.PLANNED, date__gt=e.date),
                status=Dose.Status.SKIPPED,
                note="animal left the study",
                user=user,
                reason=f"{e.get_kind_display()} on {e.date}: animal left the study",
            )
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
        _doses_set_status(
            Dose.objects.filter(animal=animal, status=Dose.Status.SKIPPED, note="animal left the study"),
            status=Dose.Status.PLANNED,
            note="",
            user=user,
            reason=f"exit event deleted: {reason}".strip(": "),
        )


# --------------------------------------------------------------------------------------------------
# Dosing


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


def _doses_set_status(doses, *, status: str, note: str, user, reason: str) -> int:
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
    _doses_set_status(
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


# --------------------------------------------------------------------------------------------------
# Randomisation


def latest_volumes(study: Study, on: dt.date) -> dict[int, tuple[float, dt.date]]:
    """Each animal's latest volume measured on or before ``on`` (at most a week old)."""
    try:
        since = on - dt.timedelta(days=RECENT_VOLUME_DAYS)
    except OverflowError:
        since = dt.date.min
    out: dict[int, tuple[float, dt.date]] = {}
    rows = (
        Measurement.objects.filter(study=study, date__lte=on, date__gte=since, volume_mm3__isnull=False)
        .order_by("animal_id", "date")
        .values_list("animal_id", "volume_mm3", "date")
    )
    for animal_id, vol, d in rows:
        out[animal_id] = (vol, d)
    return out


def _volume_text(entry) -> str:
    volume, measured_on, _reason = entry
    return "no volume" if volume is None else f"{volume:.1f} mm³ ({measured_on})"


def randomisation_changes(before: dict, now: dict, group_names: dict[str, str]) -> list[str]:
    """What differs between two ``inputs`` of :func:`randomisation_run`, in words, by animal tag and
    group name (empty when nothing an allocation depends on changed)."""
    changes = []
    old, new = before.get("animals", {}), now.get("animals", {})
    for tag in sorted(set(old) | set(new)):
        if tag not in new:
            changes.append(f"{tag} is no longer in the study")
        elif tag not in old:
            changes.append(f"{tag} was added")
        elif list(old[tag][:2]) != list(new[tag][:2]):
            changes.append(f"{tag}: volume {_volume_text(old[tag])} → {_volume_text(new[tag])}")
        elif old[tag][2] != new[tag][2]:
            changes.append(f"{tag}: now {new[tag][2] or 'eligible'}")
    for pk in sorted(set(before.get("groups", {})) | set(now.get("groups", {}))):
        a, b = before.get("groups", {}).get(pk), now.get("groups", {}).get(pk)
        if a != b:
            changes.append(f"group {group_names.get(pk, 'of the preview')!r}: {a} → {b} free places")
    return changes


@transaction.atomic
def randomisation_run(
    *,
    study: Study,
    arms: Sequence[Arm],
    min_volume_mm3: float,
    max_volume_mm3: float,
    seed: int | None = None,
    n_iter: int = 10000,
    date: dt.date | None = None,
    user=None,
    dry_run: bool = False,
    expected_inputs: dict | None = None,
    expected_inputs_sha256: str | None = None,
) -> Randomisation:
    """Allocate the eligible animals to ``arms`` (studies.analysis.randomisation) and, unless
    ``dry_run``, store the allocation and plan the arms' doses. Raises :class:`StudyError`.

    The returned record carries ``inputs``: what the allocation depended on (each animal's volume and
    its date, or why it was left out; each group's free places). Given the ``inputs`` of a preview as
    ``expected_inputs``, the run refuses (``preview_stale``, naming what changed) unless they are still
    the same, so that with the preview's seed the stored allocation is the one previewed. The API's
    dry run gives ``inputs_sha256`` (SHA-256 of ``inputs``) for the same check, as
    ``expected_inputs_sha256``."""
    if not arms:
        raise StudyError("no_groups", "Choose at least one group to randomise into.")
    on = date or lab_today(study.lab)
    members = {}
    for a in Animal.objects.filter(arm__in=arms).values_list("arm_id"):
        members[a[0]] = members.get(a[0], 0) + 1
    groups = []
    for arm in arms:
        free = arm.capacity - members.get(arm.pk, 0)
        if free < 1:
            raise StudyError(
                "group_full",
                f"Group {arm.name!r} is full ({arm.capacity} animals); raise its capacity first.",
            )
        groups.append((arm.pk, free))
    volumes = latest_volumes(study, on)
    animals = list(Animal.objects.filter(study=study).select_related("arm"))
    by_tag = {a.tag: a for a in animals}
    exclude = {}
    for a in animals:
        if a.status != Animal.Status.ALIVE:
            exclude[a.tag] = f"{a.get_status_display()} (no longer in the study)"
        elif a.arm_id is not None:
            exclude[a.tag] = f"already in group {a.arm.name}"
    inputs = {
        "animals": {
            a.tag: [
                volumes[a.pk][0] if a.pk in volumes else None,
                volumes[a.pk][1].isoformat() if a.pk in volumes else None,
                exclude.get(a.tag),
            ]
            for a in animals
        },
        "groups": {str(pk): free for pk, free in groups},
    }
    inputs_sha256 = _sha(inputs)
    if expected_inputs_sha256 is not None and expected_inputs_sha256 != inputs_sha256:
        raise StudyError(
            "preview_stale",
            "The animals, their volumes or the groups' free places changed since the dry run "
            "(inputs_sha256 differs). Run the dry run again to see the allocation of the animals as they are now.",
        )
    if expected_inputs is not None:
        changes = randomisation_changes(expected_inputs, inputs, {str(a.pk): a.name for a in arms})
        if changes:
            more = f" and {len(changes) - 5} more" if len(changes) > 5 else ""
            raise StudyError(
                "preview_stale",
                "The animals or their volumes changed since the preview ("
                + "; ".join(changes[:5])
                + more
                + "). Preview again to see the allocation of the animals as they are now.",
                {"changes": changes},
            )
    try:
        result = randomise(
            [(a.tag, volumes.get(a.pk, (None,))[0]) for a in animals],
            groups,
            min_volume=float(min_volume_mm3),
            max_volume=float(max_volume_mm3),
            seed=seed,
            n_iter=int(n_iter),
            exclude=exclude,
        )
    except RandomisationError as exc:
        raise StudyError(
            "no_eligible_animals" if "No animal fits" in exc.message else "randomisation_error",
            exc.message,
            exc.detail,
        ) from None
    d = result.to_dict()
    names = {arm.pk: arm.name for arm in arms}
    for row in d["table"]:
        row["group_name"] = names.get(row["group"]) if row["group"] is not None else None
    for row in d["group_stats"]:
        row["name"] = names.get(row["group"])
    record = Randomisation(
        lab=study.lab,
        study=study,
        date=on,
        seed=d["seed"],
        n_iter=d["n_iter"],
        objective=d["objective"],
        objective_name=d["objective_name"],
        sd_weight=d["sd_weight"],
        min_volume_mm3=float(min_volume_mm3),
        max_volume_mm3=float(max_volume_mm3),
        group_stats=d["group_stats"],
        before=d["before"],
        after=d["after"],
        table=d["table"],
        excluded=d["excluded"],
        assignment=[{**a, "group_name": names.get(a["group"])} for a in d["assignment"]],
        flags=d["flags"],
        analysis_version=d["analysis_version"],
        created_by=user,
    )
    record.inputs, record.inputs_sha256 = inputs, inputs_sha256
    if dry_run:
        return record
    record.save()
    record.arms.set(arms)
    for row in record.assignment:
        animal = by_tag[row["animal"]]
        animal.arm_id = row["group"]
        animal._change_reason = f"randomised (seed {record.seed})"
        animal._history_user = user
        animal.save(update_fields=["arm"])
    doses_plan(study=study, arms=arms)
    return record


# --------------------------------------------------------------------------------------------------
# Analyses (run as jobs)


GROWTH_SETTINGS = {
    "baseline_day",
    "mean",
    "log_offset",
    "tgd_volume_mm3",
    "tgd_method",
    "response_criteria",
    "mean_curve_min_pct",
    "tgi_min_control_n",
}
SURVIVAL_SETTINGS = {"ci_method", "median_rule", "pairwise", "at_risk_step"}


def analysis_request(*, study: Study, kind: str, settings: dict | None, user):
    """Create the job that analyses ``study`` (``kind`` growth or survival)."""
    return job_create(
        lab=study.lab, user=user, kind=f"study_{kind}", params={"study": study.pk, "settings": settings or {}}
    )


def _sha(payload) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def nice_step(tmax: float, target: int = 6) -> float:
    """A round step (1, 2, 5 × 10^k days) giving about ``target`` columns up to ``tmax``."""
    if tmax <= 0:
        return 1.0
    raw = tmax / target
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return float(m * mag)
    return float(10 * mag)


def _growth_result(data, settings: dict, include_unassigned: bool):
    from studies.selectors import growth_inputs

    animals, control, names, default_baseline = growth_inputs(data, include_unassigned=include_unassigned)
    baseline = settings.get("baseline_day", default_baseline)
    crit = ResponseCriteria(**(settings.get("response_criteria") or {}))
    try:
        result = summarise_growth(
            animals,
            control,
            group_names=names,
            baseline_day=baseline,
            mean=settings.get("mean", "arithmetic"),
            log_offset=float(settings.get("log_offset", 1.0)),
            tgd_volume_mm3=float(settings.get("tgd_volume_mm3", 1000.0)),
            tgd_method=settings.get("tgd_method", "km"),
            criteria=crit,
            mean_curve_min_fraction=float(settings.get("mean_curve_min_pct", data.study.mean_curve_min_pct))
            / 100.0,
            tgi_min_control_n=int(settings.get("tgi_min_control_n", 3)),
        )
    except ValueError as exc:
        raise StudyError("analysis_error", str(exc)) from None
    return result, animals, control, names


def growth_compute(data, settings: dict | None = None) -> tuple[dict, dict, str]:
    """Growth result (API shape) for loaded study data; returns (result, inputs, sha256)."""
    settings = dict(settings or {})
    result, animals, control, names = _growth_result(data, settings, include_unassigned=False)
    out = result.to_dict()
    out["control_name"] = names.get(control)
    out["time_origin"] = "day0"
    out["statistics"] = {
        "growth_rate": compare_growth_rates(animals, control_group=control).to_dict()
        if control is not None
        else None
    }
    inputs = {
        "animals": [
            {
                "animal": a.animal_id,
                "group": a.group_id,
                "volumes": list(a.volumes),
                "weights": list(a.weights),
            }
            for a in animals
        ],
        "control": control,
    }
    return (
        out,
        inputs,
        _sha(
            {
                "inputs": inputs,
                "settings": settings,
                "formula": data.study.volume_formula,
                "mean_curve_min_pct": data.study.mean_curve_min_pct,
            }
        ),
    )


def growth_mixed_model(growth: dict) -> dict:
    """The linear mixed model of log10 volume with day × treatment
    (:func:`studies.analysis.mixed.fit_log_volume_mixed_model`, ``to_dict()``) of a growth result in the API shape: its per-animal series
    (randomised animals only), ``control_group``, ``baseline_day`` (start of the fitted period) and
    ``log_offset``."""
    animals = [
        AnimalSeries(a["animal"], a["group"], tuple(zip(a["days"], a["volumes"], strict=True)))
        for a in growth.get("animals", [])
    ]
    return fit_log_volume_mixed_model(
        animals,
        control_group=growth.get("control_group"),
        log_offset=float(growth.get("log_offset", 1.0)),
        start_day=growth.get("baseline_day"),
        group_names={
            **{g["group"]: g["name"] for g in growth.get("groups", [])},
            **({growth["control_group"]: growth["control_name"]} if growth.get("control_name") else {}),
        },
    ).to_dict()


def _survival_payload(subjects, control) -> dict:
    return {
        "subjects": [
            {"animal": s.animal_id, "group": s.group_id, "time_days": s.time_days, "event": s.event}
            for s in subjects
        ],
        "reference": control,
    }


def survival_inputs_sha(data, settings: dict | None = None) -> str:
    """SHA-256 of what a survival analysis of ``data`` would read (to tell a stale result)."""
    from studies.selectors import survival_inputs

    subjects, control, _skipped = survival_inputs(data)
    return _sha({"inputs": _survival_payload(subjects, control), "settings": dict(settings or {})})


def survival_compute(data, settings: dict | None = None) -> tuple[dict, dict, str]:
    from studies.selectors import survival_inputs

    settings = dict(settings or {})
    subjects, control, skipped = survival_inputs(data)
    tmax = max((s.time_days for s in subjects), default=0.0)
    step = settings.get("at_risk_step") or nice_step(tmax)
    result = analyse_survival(
        subjects,
        reference_group=control,
        ci_method=settings.get("ci_method", "log-log"),
        median_rule=settings.get("median_rule", "midpoint"),
        pairwise=settings.get("pairwise", "all"),
        at_risk_step=float(step),
        group_names={a.pk: a.name for a in data.arms},
    )
    out = result.to_dict()
    out["reference"] = control
    out["flags"] += [
        {"code": "no_follow_up", "message": f"{tag}: no measurement and no event; left out.", "group": None}
        for tag in skipped
    ]
    inputs = _survival_payload(subjects, control)
    out["subjects"] = inputs["subjects"]
    return out, inputs, _sha({"inputs": inputs, "settings": settings})


@transaction.atomic
def analysis_run(
    *, study: Study, kind: str, settings: dict | None = None, job=None, user=None
) -> AnalysisResult:
    """Compute and store a new version of ``kind`` for ``study``."""
    from studies.selectors import load_study_data

    data = load_study_data(study)
    if not any(a.arm_id for a in data.animals):
        raise StudyError("no_groups", "No animal is in a group yet: randomise or assign animals first.")
    if kind == "growth":
        result, _inputs, sha = growth_compute(data, settings)
        result["mixed_model"] = growth_mixed_model(result)
    elif kind == "survival":
        result, _inputs, sha = survival_compute(data, settings)
    else:
        raise StudyError("invalid_kind", f"Unknown analysis kind {kind!r}.")
    # The study's row lock numbers concurrent analyses one after another (the first version has no
    # row to lock, and a locked last version would be read by both transactions).
    Study.objects.select_for_update().filter(pk=study.pk).first()
    last = (
        AnalysisResult.objects.filter(study=study, kind=kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return AnalysisResult.objects.create(
        lab=study.lab,
        study=study,
        kind=kind,
        version=(last or 0) + 1,
        settings=settings or {},
        result=result,
        analysis_version=ANALYSIS_VERSION,
        inputs_sha256=sha,
        job=job,
        created_by=user,
    )


def analysis_job(job, kind: str) -> dict:
    """Body of the study_growth / study_survival job kinds."""
    study = Study.objects.filter(pk=job.params.get("study"), lab=job.lab).first()
    if study is None:
        raise JobFailed("The study no longer exists.")
    try:
        record = analysis_run(
            study=study, kind=kind, settings=job.params.get("settings") or {}, job=job, user=job.created_by
        )
    except StudyError as exc:
        raise JobFailed(exc.message) from None
    return {
        **record.result,
        "study": study.pk,
        "kind": kind,
        "analysis_id": record.pk,
        "version": record.version,
        "analysis_version": record.analysis_version,
        "inputs_sha256": record.inputs_sha256,
    }
