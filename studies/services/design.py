"""Writes of a study's design: the study, its groups (arms) with their treatments, its animals. Planned
doses follow the groups' treatments (:mod:`studies.services.dosing`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import transaction

from studies.models import Animal, Arm, ArmTreatment, Dose, Study
from studies.services.common import REASON_MAX_LENGTH, BatchError, RowError, StudyError, insert_or_conflict
from studies.services.dosing import doses_follow_group, doses_plan, doses_replan

# The ranges a study's settings, a group's size and an animal's age may take, and what to say otherwise;
# the set-up forms and the API check them with :func:`out_of_range`.
LIMITS: dict[str, tuple[float, float, str]] = {
    "endpoint_volume_mm3": (100, 4000, "Use an endpoint between 100 and 4000 mm³ (usually 1500–2000)."),
    "weight_loss_endpoint_pct": (5, 30, "Use a weight-loss endpoint between 5 and 30 % (usually 15–20)."),
    "mean_curve_min_pct": (10, 100, "Use a share between 10 and 100 % (usually 50)."),
    "measure_every_days": (1, 14, "Measure at least every 14 days."),
    "capacity": (1, 500, "Capacity must be between 1 and 500 animals."),
    "age_weeks": (1, 150, "Age in weeks must be between 1 and 150."),
}


def out_of_range(name: str, value) -> str | None:
    """What to say when ``value`` of the setting ``name`` (a key of :data:`LIMITS`) is outside its
    range; None when it is inside, or missing."""
    low, high, message = LIMITS[name]
    return None if value is None or low <= value <= high else message


MAX_ANIMALS_PER_REQUEST = 1000  # a study has a few hundred animals; each new one is validated and planned
MAX_TREATMENTS = 10  # treatments per arm
TREATMENT_FIELDS = ("test_article", "lot", "dose", "dose_unit", "route", "schedule")


@transaction.atomic
def study_create(*, lab, user, **fields) -> Study:
    if fields.get("day0") is None:
        fields["day0"] = fields.get("implanted_on")
    return Study.objects.create(lab=lab, created_by=user, **fields)


@transaction.atomic
def study_status_set(*, study: Study, status: str, user=None, reason: str = "") -> Study:
    """Complete a study (it leaves the home page's active studies and the today list; its data stay
    and can still be corrected) or put it back in life. The change and its reason are kept in the
    history. The dashboard suggests completion once no animal of the study is alive."""
    if status not in (Study.Status.ACTIVE, Study.Status.COMPLETED):
        raise StudyError(f"A study can be marked in life or completed, not {status!r}.")
    if study.status == status:
        return study
    study.status = status
    study._history_user = user
    study._change_reason = (reason or ("completed" if status == Study.Status.COMPLETED else "back in life"))[
        :REASON_MAX_LENGTH
    ]
    study.save(update_fields=["status"])
    return study


def treatment_lot_check(row: dict) -> str | None:
    """A treatment's lot is a lot of its test article: given a lot alone, the row takes the lot's test
    article; a lot of another article is refused (what to say is returned; None when the row is fine)."""
    lot, article = row.get("lot"), row.get("test_article")
    if lot is None:
        return None
    if article is None:
        row["test_article"] = lot.test_article
        return None
    if lot.test_article_id != article.pk:
        return f"Lot {lot.lot_number} is of {lot.test_article.name}, not of {article.name}."
    return None


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
        problem = treatment_lot_check(row)
        if problem:
            raise StudyError("invalid_treatment", f"treatments[{i}].lot: {problem}")
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


def animals_check_count(n: int) -> None:
    """Refuse a request carrying more than :data:`MAX_ANIMALS_PER_REQUEST` new animals (checked before
    any row is read); raises :class:`StudyError` ``batch_too_large``."""
    if n > MAX_ANIMALS_PER_REQUEST:
        raise StudyError("batch_too_large", f"At most {MAX_ANIMALS_PER_REQUEST} animals per request.")


def animals_validate(
    *, study: Study, rows: Sequence[dict], row_numbers: Sequence[int] | None = None
) -> list[dict]:
    """Check a batch of new animals (rows of ``tag``, ``arm``, ``cage``, ``sex``, …): each tag given, not
    used in the study yet and not twice in the batch; each group one of the study's. Returns the rows with
    their tags stripped, or raises :class:`BatchError` naming every bad row (field ``tag`` or ``arm``) and
    :class:`StudyError` for a batch too large. ``row_numbers`` are the rows' positions in the caller's
    request when it left some out (rows it refused itself), so that errors name the caller's rows."""
    animals_check_count(len(rows))
    numbers = list(row_numbers) if row_numbers is not None else list(range(len(rows)))
    taken = set(Animal.objects.filter(study=study).values_list("tag", flat=True))  # once, not per row
    errors: list[RowError] = []
    checked: list[dict] = []
    first_of: dict[str, int] = {}
    for i, given in zip(numbers, rows, strict=True):
        row = dict(given)
        tag = row["tag"] = str(row.get("tag") or "").strip()
        if not tag:
            errors.append(RowError(i, "tag", "The tag is required.", "required"))
        elif tag in first_of:
            message = f"Tag {tag!r} appears twice in this list (rows[{first_of[tag]}])."
            errors.append(RowError(i, "tag", message, "tag_repeated"))
        elif tag in taken:
            errors.append(RowError(i, "tag", f"Tag {tag!r} is already used in this study.", "tag_taken"))
        first_of.setdefault(tag, i)
        arm = row.get("arm")
        if arm is not None and arm.study_id != study.pk:
            errors.append(RowError(i, "arm", _other_study(arm), "group_of_another_study"))
        checked.append(row)
    if errors:
        raise BatchError(errors)
    return checked


def _other_study(arm: Arm) -> str:
    return f"Group {arm.name!r} belongs to the study {arm.study.name!r}, not to this one."


@transaction.atomic
def animals_create(*, study: Study, rows: Sequence[dict], user=None) -> list[Animal]:
    """Create animals from rows (tag, arm, cage, sex, implanted_on, …) checked by :func:`animals_validate`
    (raises its errors), and plan the doses of those in a group."""
    rows = animals_validate(study=study, rows=rows)
    objs = [Animal(study=study, lab=study.lab, **row) for row in rows]
    created = insert_or_conflict(objs, Animal, user, "duplicate_tag", "An animal with one of these tags")
    arms = {a.arm_id for a in created if a.arm_id}
    if arms:
        doses_plan(study=study, arms=Arm.objects.filter(pk__in=arms))
    return list(Animal.objects.filter(study=study, tag__in=[o.tag for o in objs]).select_related("arm"))


@transaction.atomic
def animal_update(*, animal: Animal, fields: dict, user=None) -> Animal:
    """Change an animal (tag, group, cage, sex, dates, notes). Its tag stays unique in the study and its
    group one of the study's (else :class:`BatchError` naming the field, as row 0); after a change of
    group, its planned doses follow (:func:`doses_follow_group`). The change is kept in the history."""
    fields = dict(fields)
    errors = []
    if "tag" in fields:
        tag = fields["tag"] = str(fields["tag"] or "").strip()
        clash = Animal.objects.filter(study_id=animal.study_id, tag=tag).exclude(pk=animal.pk).exists()
        if not tag:
            errors.append(RowError(0, "tag", "The tag is required.", "required"))
        elif clash:
            errors.append(RowError(0, "tag", f"Tag {tag!r} is already used in this study.", "tag_taken"))
    arm = fields.get("arm")
    if arm is not None and arm.study_id != animal.study_id:
        errors.append(RowError(0, "arm", _other_study(arm), "group_of_another_study"))
    if errors:
        raise BatchError(errors)
    before = animal.arm_id
    for name, value in fields.items():
        setattr(animal, name, value)
    animal._history_user = user
    animal.save()
    if animal.arm_id != before:
        doses_follow_group(animal=animal, user=user)
    return animal


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
