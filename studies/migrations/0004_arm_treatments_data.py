"""Arms with several treatments, step 2 of 3 (data): each arm's single treatment becomes its first
``ArmTreatment`` row and every dose is attached to the treatment it belongs to.

What is done, arm by arm:

* An arm with a test article, lot, dose or schedule, or with doses, gets one treatment row with its
  test article, lot, dose, unit, route and schedule. An arm with none of these gets no row.
* An arm whose schedule has '+' components (the old way of writing a combination, e.g.
  ``q3d×5 + q3d×3`` with route ``other`` or ``i.p. + s.c.``) gets one row per component, in order:
  - row 1 keeps the arm's test article (or, without one, takes it from the regimen text as below), lot,
    dose and unit, with the first component;
  - the route of each row is the matching part of a route written with '+' (``i.p. + s.c.``);
    otherwise it is read from the regimen text;
  - the regimen text is split on '+' too; when it has as many parts as the schedule and a part reads
    "<name> <dose> <unit> <route> <schedule>" (e.g. "IL-2 mutein 1 mg/kg s.c. q3d×3"), that row takes
    its dose, unit and route, and the lab's test article of exactly that name (case-insensitive), or
    else the only one whose name has all its words ("IL-2 mutein" → "IL-2 not-alpha mutein"); otherwise
    the row keeps only its schedule (test article, dose and lot unknown: set them on the group's page
    or with PATCH /api/v1/groups/{id}/). Lots of rows after the first are left empty (not guessed);
  - the regimen text itself is kept unchanged on the arm.
* Doses: with one row, every dose of the arm belongs to it. For a combination, each dose date is
  matched to the rows whose schedule (counted from the arm's dosing start day, or else its latest
  randomisation day) contains it: the existing record goes to the first matching row, and a copy is
  made for every other matching row (same status, time, person and note, with that row's dose, unit
  and route), since the old record stood for the whole combination given that day. A dose whose date
  matches no row stays with row 1. A dose record whose route was the arm's combined text (``other``,
  ``i.p. + s.c.``) takes its row's route.
* History: each first row gets the arm's past treatment values as its own history (every historical
  record of the arm, same dates, people and reasons) and a final "split into treatments" record;
  new rows and dose copies get a "created" record. Arms deleted before this migration keep their
  history without the treatment columns (there is no row to attach it to).

Reverse: the first treatment's values go back to the arm (a combination's schedules and routes joined
with " + "); doses of the other treatments are merged into the first treatment's record of the same
animal and day (deleted when that exists, else moved).
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import migrations
from django.utils import timezone

# Pure parser of schedules (no Django), the same one the app plans doses with.
from studies.analysis.schedule import ScheduleError, dose_offsets

OPEN_SCHEDULE_DAYS = 56
ROUTES = ("i.p.", "s.c.", "i.v.", "i.t.", "p.o.")
_PART = re.compile(
    r"^(?P<name>.*?)\s*(?P<dose>\d+(?:[.,]\d+)?)\s*(?P<unit>[^\s+]+)\s+"
    r"(?P<route>i\.p\.|s\.c\.|i\.v\.|i\.t\.|p\.o\.)\s*(?P<schedule>.*)$",
    re.IGNORECASE,
)
SPLIT_NOTE = "split from the combination's dose record when its treatments were separated"


def _split(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("+")]


def _start_day(arm, Randomisation):
    if arm.dosing_start_day is not None:
        return arm.dosing_start_day
    last = (
        Randomisation.objects.filter(arms=arm).order_by("-created_at").values_list("date", flat=True).first()
    )
    return (last - arm.study.day0).days if last else None


def _dates(arm, schedule: str, start: int | None) -> set[dt.date]:
    if start is None or not schedule:
        return set()
    try:
        offsets = dose_offsets(schedule, until_offset=OPEN_SCHEDULE_DAYS)
    except ScheduleError:
        return set()
    return {arm.study.day0 + dt.timedelta(days=start + o) for o in offsets}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.lower()))


def _article_named(TestArticle, lab_id, name: str):
    """The lab's test article of exactly that name (case-insensitive), else the only one whose name
    has all the words of ``name`` ("IL-2 mutein" → "IL-2 not-alpha mutein"); None when there is no
    such article or more than one."""
    name = name.strip()
    if not name:
        return None
    exact = list(
        TestArticle.objects.filter(lab_id=lab_id, name__iexact=name).values_list("pk", flat=True)[:2]
    )
    if len(exact) == 1:
        return exact[0]
    wanted = _words(name)
    articles = TestArticle.objects.filter(lab_id=lab_id).values_list("pk", "name")
    close = [pk for pk, n in articles if wanted <= _words(n)]
    return close[0] if len(close) == 1 else None


def _rows_for(arm, TestArticle) -> list[dict]:
    """The treatment rows of one old arm (module docstring)."""
    base = {
        "test_article_id": arm.treatment_id,
        "lot_id": arm.lot_id,
        "dose": arm.dose,
        "dose_unit": arm.dose_unit,
        "route": arm.route,
        "schedule": arm.schedule,
    }
    components = _split(arm.schedule) if "+" in (arm.schedule or "") else [arm.schedule]
    if len(components) < 2 or not all(components):
        return [base]
    k = len(components)
    routes = _split(arm.route) if "+" in (arm.route or "") else []
    routes = routes if len(routes) == k and all(r in ROUTES for r in routes) else []
    parts = _split(arm.regimen) if arm.regimen else []
    parsed = [_PART.match(p) for p in parts] if len(parts) == k else [None] * k
    rows = []
    for i, schedule in enumerate(components):
        m = parsed[i]
        if i == 0:
            row = dict(base, schedule=schedule)
            if row["test_article_id"] is None and m is not None:
                row["test_article_id"] = _article_named(TestArticle, arm.lab_id, m.group("name"))
        else:
            row = {"test_article_id": None, "lot_id": None, "dose": None, "dose_unit": arm.dose_unit}
            row["schedule"] = schedule
            if m is not None:
                row["dose"] = float(m.group("dose").replace(",", "."))
                row["dose_unit"] = m.group("unit")[:20]
                row["test_article_id"] = _article_named(TestArticle, arm.lab_id, m.group("name"))
        if routes:
            row["route"] = routes[i]
        elif m is not None:
            row["route"] = m.group("route").lower()
        elif i > 0:
            row["route"] = arm.route if arm.route in ROUTES else ""
        rows.append(row)
    return rows


def _history(Historical, obj, *, when, kind: str, reason: str, user_id=None, **values):
    Historical.objects.create(
        id=obj.pk,
        history_date=when,
        history_type=kind,
        history_change_reason=reason[:100],
        history_user_id=user_id,
        **values,
    )


def _treatment_values(t) -> dict:
    return {
        "arm_id": t.arm_id,
        "lab_id": t.lab_id,
        "order": t.order,
        "test_article_id": t.test_article_id,
        "lot_id": t.lot_id,
        "dose": t.dose,
        "dose_unit": t.dose_unit,
        "route": t.route,
        "schedule": t.schedule,
        "created_at": t.created_at,
    }


def _dose_values(d) -> dict:
    fields = (
        "lab_id", "study_id", "animal_id", "arm_id", "treatment_id", "date", "status", "amount", "unit", "route",
        "given_at", "given_by_id", "note",
    )  # fmt: skip
    return {f: getattr(d, f) for f in fields}


def forwards(apps, schema_editor):
    Arm = apps.get_model("studies", "Arm")
    ArmTreatment = apps.get_model("studies", "ArmTreatment")
    Dose = apps.get_model("studies", "Dose")
    HistoricalArm = apps.get_model("studies", "HistoricalArm")
    HistoricalArmTreatment = apps.get_model("studies", "HistoricalArmTreatment")
    HistoricalDose = apps.get_model("studies", "HistoricalDose")
    Randomisation = apps.get_model("studies", "Randomisation")
    TestArticle = apps.get_model("il2portal", "TestArticle")
    now = timezone.now()
    for arm in Arm.objects.select_related("study").order_by("pk"):
        doses = list(Dose.objects.filter(arm_id=arm.pk).order_by("date", "pk"))
        has_treatment = arm.treatment_id or arm.lot_id or arm.dose is not None or arm.schedule
        if not has_treatment and not doses:
            continue
        rows = _rows_for(arm, TestArticle)
        treatments = []
        for order, row in enumerate(rows):
            t = ArmTreatment.objects.create(lab_id=arm.lab_id, arm_id=arm.pk, order=order, **row)
            treatments.append(t)
        # history: the arm's past treatment values are the first treatment's past
        first = treatments[0]
        past = list(HistoricalArm.objects.filter(id=arm.pk).order_by("history_date", "history_id"))
        for h in past:
            _history(
                HistoricalArmTreatment, first, when=h.history_date, kind=h.history_type,
                reason=h.history_change_reason or "", user_id=h.history_user_id,
                **{**_treatment_values(first), "test_article_id": h.treatment_id, "lot_id": h.lot_id,
                   "dose": h.dose, "dose_unit": h.dose_unit, "route": h.route, "schedule": h.schedule},
            )  # fmt: skip
        _history(
            HistoricalArmTreatment, first, when=now, kind="~" if past else "+",
            reason="split into treatments" if len(treatments) > 1 else "moved to the group's treatments",
            **_treatment_values(first),
        )  # fmt: skip
        for t in treatments[1:]:
            _history(
                HistoricalArmTreatment, t, when=now, kind="+", reason="split from the group's combination",
                **_treatment_values(t),
            )  # fmt: skip
        # doses
        if len(treatments) == 1:
            Dose.objects.filter(arm_id=arm.pk).update(treatment_id=first.pk)
            continue
        start = _start_day(arm, Randomisation)
        dates = [_dates(arm, t.schedule, start) for t in treatments]
        combined_route = arm.route not in ROUTES
        for dose in doses:
            matching = [t for t, ds in zip(treatments, dates, strict=True) if dose.date in ds] or [first]
            owner = matching[0]
            dose.treatment_id = owner.pk
            changed = []
            if owner is not first:
                dose.amount, dose.unit, dose.route = owner.dose, owner.dose_unit, owner.route
                changed = ["amount", "unit", "route"]
            elif combined_route and dose.route == arm.route:
                dose.route = owner.route
                changed = ["route"]
            dose.save(update_fields=["treatment", *changed])
            if changed:
                _history(
                    HistoricalDose, dose, when=now, kind="~", reason="its treatment's values",
                    **_dose_values(dose),
                )  # fmt: skip
            for other in matching[1:]:
                copy = Dose.objects.create(
                    **{**_dose_values(dose), "treatment_id": other.pk, "amount": other.dose,
                       "unit": other.dose_unit, "route": other.route,
                       "note": (f"{dose.note}; {SPLIT_NOTE}" if dose.note else SPLIT_NOTE)[:300]},
                )  # fmt: skip
                _history(
                    HistoricalDose,
                    copy,
                    when=now,
                    kind="+",
                    reason="split combination dose",
                    **_dose_values(copy),
                )


def backwards(apps, schema_editor):
    Arm = apps.get_model("studies", "Arm")
    ArmTreatment = apps.get_model("studies", "ArmTreatment")
    Dose = apps.get_model("studies", "Dose")
    for arm in Arm.objects.order_by("pk"):
        treatments = list(ArmTreatment.objects.filter(arm_id=arm.pk).order_by("order", "pk"))
        if not treatments:
            continue
        first = treatments[0]
        arm.treatment_id, arm.lot_id = first.test_article_id, first.lot_id
        arm.dose, arm.dose_unit = first.dose, first.dose_unit
        if len(treatments) == 1:
            arm.route, arm.schedule = first.route, first.schedule
        else:
            arm.route = " + ".join(t.route for t in treatments)[:20]
            if len(arm.route) == 20 or not all(t.route for t in treatments):
                arm.route = "other"
            arm.schedule = " + ".join(t.schedule for t in treatments if t.schedule)[:100]
        arm.save(update_fields=["treatment", "lot", "dose", "dose_unit", "route", "schedule"])
        have = set(Dose.objects.filter(treatment_id=first.pk).values_list("animal_id", "date"))
        for t in treatments[1:]:
            for dose in Dose.objects.filter(treatment_id=t.pk):
                if (dose.animal_id, dose.date) in have:
                    dose.delete()
                else:
                    have.add((dose.animal_id, dose.date))
                    dose.treatment_id = first.pk
                    dose.save(update_fields=["treatment"])


class Migration(migrations.Migration):
    dependencies = [("studies", "0003_arm_treatments")]

    operations = [migrations.RunPython(forwards, backwards)]
