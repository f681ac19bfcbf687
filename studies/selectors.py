"""Reads of the studies app.

:func:`load_study_data` loads everything a study page needs in a fixed number of queries (arms,
animals, measurements, events, randomisation day), whatever the number of animals; the dashboard,
the analyses and the endpoint alerts are computed from that in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Max, OuterRef, Prefetch, Subquery
from django.db.models.fields.json import KeyTransform
from django.urls import reverse

from il2portal.dashboard import Panel
from il2portal.queries import count_of
from studies.analysis import ANALYSIS_VERSION
from studies.analysis.endpoints import (
    AnimalMonitoring,
    EndpointSettings,
    check_endpoints,
    predict_endpoint_day,
)
from studies.analysis.growth import AnimalSeries
from studies.analysis.survival import SurvivalSubject
from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    Measurement,
    Randomisation,
    Study,
)
from studies.services.common import lab_today

SURVIVAL_EVENT_KINDS = ("endpoint_euthanasia", "found_dead")
UNASSIGNED = "unassigned"
ALERT_LABELS = {"volume": "tumor volume", "weight_loss": "body-weight loss"}
RECENT_VOLUME_DAYS = 7  # randomisation uses a volume at most this old


class MRow(NamedTuple):
    date: dt.date
    day: int
    length_mm: float | None
    width_mm: float | None
    volume_mm3: float | None
    weight_g: float | None
    swapped: bool
    pk: int | None = None


@dataclass
class StudyData:
    study: Study
    arms: list[Arm]
    animals: list[Animal]
    measurements: dict[int, list[MRow]] = field(default_factory=dict)
    events: dict[int, list[Event]] = field(default_factory=dict)
    randomisation_date: dt.date | None = None

    @property
    def arm_by_id(self) -> dict[int, Arm]:
        return {a.pk: a for a in self.arms}

    @property
    def control(self) -> Arm | None:
        return next((a for a in self.arms if a.is_control), None)

    def exit_event(self, animal: Animal) -> Event | None:
        return next((e for e in self.events.get(animal.pk, ()) if e.is_exit), None)


def load_study_data(study: Study) -> StudyData:
    """Arms (with their treatments), animals, measurements and events of a study in six queries."""
    return load_studies_data([study])[study.pk]


def load_studies_data(studies: Sequence[Study]) -> dict[int, StudyData]:
    """:func:`load_study_data` of several studies in the same six queries (the home page and the today
    list read every study in life: one query per study and table would grow with the lab)."""
    by_pk = {s.pk: s for s in studies}
    if not by_pk:
        return {}
    ids = list(by_pk)
    arms_of: dict[int, list[Arm]] = defaultdict(list)
    arm_by_id = {}
    for arm in Arm.objects.filter(study_id__in=ids).prefetch_related(
        Prefetch("treatments", queryset=ArmTreatment.objects.select_related("test_article", "lot"))
    ):
        arms_of[arm.study_id].append(arm)
        arm_by_id[arm.pk] = arm
    animals_of: dict[int, list[Animal]] = defaultdict(list)
    for a in Animal.objects.filter(study_id__in=ids).order_by("tag"):
        a.study = by_pk[a.study_id]  # avoid a query per animal for implant dates
        if a.arm_id:
            a.arm = arm_by_id.get(a.arm_id)
        animals_of[a.study_id].append(a)
    measurements: dict[int, dict[int, list[MRow]]] = defaultdict(lambda: defaultdict(list))
    # One plain SQL read: a 200-animal, 60-day study has 12 000 rows, and the ORM's per-value
    # converters would cost more than the rest of the dashboard. Dates come back as text on SQLite.
    table = Measurement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT study_id, animal_id, date, length_mm, width_mm, volume_mm3, weight_g, swapped, id "
            f"FROM {table} WHERE study_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY animal_id, date",
            ids,
        )
        rows = cursor.fetchall()
    dates: dict = {}
    for study_id, animal_id, d, length, width, vol, weight, swapped, pk in rows:
        day0 = by_pk[study_id].day0
        day = dates.get((d, day0))
        if day is None:
            when = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10])
            day = dates[(d, day0)] = (when, (when - day0).days)
        measurements[study_id][animal_id].append(
            MRow(day[0], day[1], length, width, vol, weight, bool(swapped), pk)
        )
    events: dict[int, dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for e in Event.objects.filter(study_id__in=ids).order_by("date", "id"):
        events[e.study_id][e.animal_id].append(e)
    randomised: dict[int, dt.date] = {}
    for study_id, day in (
        Randomisation.objects.filter(study_id__in=ids)
        .order_by("created_at", "id")
        .values_list("study_id", "date")
    ):
        randomised[study_id] = day  # the latest wins
    return {
        pk: StudyData(
            study,
            arms_of.get(pk, []),
            animals_of.get(pk, []),
            dict(measurements.get(pk, {})),
            dict(events.get(pk, {})),
            randomised.get(pk),
        )
        for pk, study in by_pk.items()
    }


# --------------------------------------------------------------------------------------------------
# Inputs of the pure analysis code


def _arm_order(data: StudyData) -> dict:
    return {a.pk: i for i, a in enumerate(data.arms)}


def baseline_day(data: StudyData) -> float | None:
    """The randomisation day if measured then, else the last measurement day before it; None (the
    first measurement day) without a randomisation."""
    if data.randomisation_date is None:
        return None
    rday = data.study.day_of(data.randomisation_date)
    days = {r.day for rows in data.measurements.values() for r in rows if r.volume_mm3 is not None}
    before = [d for d in days if d <= rday]
    return float(max(before)) if before else None


def growth_inputs(data: StudyData, *, include_unassigned: bool = False):
    """(AnimalSeries list in arm order, control arm id, {arm id: name}, default baseline day)."""
    order = _arm_order(data)
    names = {a.pk: a.name for a in data.arms}
    series = []
    for animal in sorted(data.animals, key=lambda a: (order.get(a.arm_id, len(order)), a.tag)):
        if animal.arm_id is None and not include_unassigned:
            continue
        rows = data.measurements.get(animal.pk, [])
        exit_ev = data.exit_event(animal)
        series.append(
            AnimalSeries(
                animal.tag,
                animal.arm_id if animal.arm_id is not None else UNASSIGNED,
                tuple((float(r.day), r.volume_mm3) for r in rows if r.volume_mm3 is not None),
                tuple((float(r.day), r.weight_g) for r in rows if r.weight_g is not None),
                float(data.study.day_of(exit_ev.date)) if exit_ev else None,
                exit_ev.kind if exit_ev else None,
            )
        )
    if include_unassigned:
        names[UNASSIGNED] = "not randomised"
    control = data.control.pk if data.control else None
    return series, control, names, baseline_day(data)


def survival_inputs(data: StudyData):
    """(SurvivalSubject list, control arm id, tags left out). Time is days from day 0: endpoint
    euthanasia and found dead are events; other euthanasia and withdrawal censor at their date;
    animals without an exit event are censored at their last measurement."""
    order = _arm_order(data)
    subjects, skipped = [], []
    for animal in sorted(data.animals, key=lambda a: (order.get(a.arm_id, len(order)), a.tag)):
        if animal.arm_id is None:
            continue
        arm = animal.arm
        exit_ev = data.exit_event(animal)
        if exit_ev is not None:
            time = data.study.day_of(exit_ev.date)
            event = exit_ev.kind in SURVIVAL_EVENT_KINDS
        else:
            rows = data.measurements.get(animal.pk)
            if not rows:
                skipped.append(animal.tag)
                continue
            time, event = rows[-1].day, False
        subjects.append(SurvivalSubject(arm.pk, arm.name, float(max(time, 0)), event, animal.tag))
    control = data.control.pk if data.control else None
    return subjects, control, skipped


def baseline_weight(data: StudyData, rows: list[MRow]) -> float | None:
    weights = [r for r in rows if r.weight_g is not None]
    if not weights:
        return None
    if data.randomisation_date is not None:
        on = [r.weight_g for r in weights if r.date == data.randomisation_date]
        if on:
            return on[0]
    return weights[0].weight_g


def endpoint_settings(study: Study) -> EndpointSettings:
    return EndpointSettings(
        volume_mm3=study.endpoint_volume_mm3, weight_loss_pct=study.weight_loss_endpoint_pct
    )


def monitoring_inputs(data: StudyData) -> list[AnimalMonitoring]:
    out = []
    for animal in data.animals:
        if animal.status != Animal.Status.ALIVE:
            continue
        rows = data.measurements.get(animal.pk, [])
        out.append(
            AnimalMonitoring(
                animal.tag,
                tuple((float(r.day), r.volume_mm3) for r in rows if r.volume_mm3 is not None),
                tuple((float(r.day), r.weight_g) for r in rows if r.weight_g is not None),
                tuple((float(data.study.day_of(e.date)), e.kind) for e in data.events.get(animal.pk, ())),
                baseline_weight(data, rows),
                animal.arm_id,
            )
        )
    return out


def study_alerts(data: StudyData, today: dt.date | None = None) -> list[dict]:
    """Endpoint alerts (reached first) with the animal's id, arm and predicted day-to-endpoint."""
    as_of = data.study.day_of(today) if today is not None else None
    if as_of is not None:
        last = max((rows[-1].day for rows in data.measurements.values() if rows), default=None)
        if last is not None and as_of < last:
            as_of = None
    alerts = check_endpoints(monitoring_inputs(data), endpoint_settings(data.study), as_of_day=as_of)
    by_tag = {a.tag: a for a in data.animals}
    out = []
    for alert in alerts:
        d = alert.to_dict()
        animal = by_tag[alert.animal]
        d["animal_id"] = animal.pk
        d["kind_label"] = ALERT_LABELS.get(alert.kind, alert.kind.replace("_", " "))
        d["arm"] = animal.arm.name if animal.arm_id and animal.arm else "—"
        d["days_left"] = (
            (alert.predicted_day - as_of) if (alert.predicted_day is not None and as_of is not None) else None
        )
        d["days_ago"] = -d["days_left"] if d["days_left"] is not None and d["days_left"] < 0 else None
        out.append(d)
    return out


def corrections(measurement_ids) -> dict[int, str]:
    """The reason of the latest correction of each of these measurements (those changed after they were
    entered), from their history; one query."""
    out: dict[int, str] = {}
    rows = (
        Measurement.history.filter(id__in=list(measurement_ids), history_type="~")
        .order_by("history_date", "history_id")
        .values_list("id", "history_change_reason")
    )
    for pk, reason in rows:
        out[pk] = reason or "corrected"
    return out


def overdue_tags(alerts: list[dict]) -> set[str]:
    """Animals whose predicted endpoint crossing is already past: to be measured today whatever their
    measurement schedule (studies.analysis.endpoints)."""
    return {a["animal"] for a in alerts if a.get("overdue")}


# --------------------------------------------------------------------------------------------------
# Pages


def latest_analyses(study: Study) -> dict[str, AnalysisResult | None]:
    """The newest stored growth (without its large result) and survival analysis."""
    qs = AnalysisResult.objects.filter(study=study).select_related("created_by").order_by("-version")
    return {
        AnalysisResult.Kind.GROWTH: qs.filter(kind=AnalysisResult.Kind.GROWTH).defer("result").first(),
        AnalysisResult.Kind.SURVIVAL: qs.filter(kind=AnalysisResult.Kind.SURVIVAL).first(),
    }


def arm_summary(data: StudyData, growth: dict | None) -> list[dict]:
    """Per arm: sizes by status and the latest mean volume ± SEM on the group's mean curve (a mean of
    the few survivors past the curve's end is not shown, see studies.analysis.growth)."""
    counts: dict = defaultdict(lambda: defaultdict(int))
    for a in data.animals:
        counts[a.arm_id][a.status] += 1
    last_stats = {}
    for g in (growth or {}).get("groups", []):
        series = [s for s in g["series"] if s["n"] and s.get("in_curve", True)]
        if series:
            last = dict(series[-1])
            last["n_animals"] = g["n_animals"]
            later = [s for s in g["series"] if s["n"] and s["day"] > last["day"]]
            last["later"] = later[-1] if later else None
            last_stats[g["group"]] = last
    rows = []
    for arm in data.arms:
        c = counts.get(arm.pk, {})
        rows.append(
            {
                "arm": arm,
                "n": sum(c.values()),
                "alive": c.get("alive", 0),
                "endpoint": c.get("endpoint", 0),
                "dead": c.get("dead", 0),
                "withdrawn": c.get("withdrawn", 0),
                "last": last_stats.get(arm.pk),
            }
        )
    return rows


def recent_activity(data: StudyData, analyses: dict, limit: int = 10) -> list[dict]:
    """Measurement days, events, randomisations, doses given and analyses, newest first."""
    items: list[dict] = []
    per_day: dict[dt.date, int] = defaultdict(int)
    for rows in data.measurements.values():
        for r in rows:
            per_day[r.date] += 1
    for d, n in per_day.items():
        items.append(
            {
                "date": d,
                "what": f"{n} measurement{'s' if n != 1 else ''} (day {data.study.day_of(d)})",
                "kind": "measure",
            }
        )
    tags = {a.pk: a.tag for a in data.animals}
    for evs in data.events.values():
        for e in evs:
            items.append(
                {
                    "date": e.date,
                    "what": f"{tags.get(e.animal_id)}: {e.get_kind_display()}"
                    + (f" — {e.note}" if e.note else ""),
                    "kind": "event",
                    "animal_id": e.animal_id,
                }
            )
    for r in Randomisation.objects.filter(study=data.study).values("date", "seed", "after"):
        items.append(
            {
                "date": r["date"],
                "what": f"randomised {r['after'].get('n_assigned', '?')} animals (seed {r['seed']})",
                "kind": "randomise",
            }
        )
    for row in (
        Dose.objects.filter(study=data.study, status=Dose.Status.GIVEN)
        .values("date")
        .annotate(n=Count("id"))
        .order_by("-date")[:limit]
    ):
        items.append(
            {
                "date": row["date"],
                "what": f"{row['n']} dose{'s' if row['n'] != 1 else ''} given",
                "kind": "dose",
            }
        )
    for kind, a in analyses.items():
        if a is not None:
            items.append(
                {"date": a.created_at.date(), "what": f"{kind} analysis v{a.version}", "kind": "analysis"}
            )
    order = {"analysis": 0, "event": 1, "randomise": 2, "dose": 3, "measure": 4}
    items.sort(key=lambda x: (x["date"], -order.get(x["kind"], 9)), reverse=True)
    return items[:limit]


def study_list(lab):
    return (
        Study.objects.filter(lab=lab)
        .annotate(
            n_animals=count_of(Animal.objects.filter(study=OuterRef("pk"))),
            n_alive=count_of(Animal.objects.filter(study=OuterRef("pk"), status=Animal.Status.ALIVE)),
            n_arms=count_of(Arm.objects.filter(study=OuterRef("pk"))),
        )
        .order_by("status", "-day0", "name")
    )


def measurement_grid(data: StudyData, on: dt.date, overdue: dict[str, str] | None = None) -> list[dict]:
    """Rows of the day's entry grid: live animals (and those measured that day) by cage and tag, each
    with its recent history for the live trend check; ``overdue`` maps tags to the alert asking for a
    measurement today."""
    overdue = overdue or {}
    rows = []
    for animal in sorted(data.animals, key=lambda a: (a.cage or "~", a.tag)):
        ms = data.measurements.get(animal.pk, [])
        today = next((m for m in ms if m.date == on), None)
        if animal.status != Animal.Status.ALIVE and today is None:
            if not (animal.exit_date and animal.exit_date >= on):
                continue
        before = [m for m in ms if m.date < on]
        vols = [(m.day, m.volume_mm3) for m in before if m.volume_mm3 is not None][-4:]
        pred = predict_endpoint_day(
            [d for d, _ in vols], [v for _, v in vols], data.study.endpoint_volume_mm3
        )
        rows.append(
            {
                "animal": animal,
                "arm": animal.arm.name if animal.arm_id and animal.arm else "",
                "last": before[-1] if before else None,
                "existing": today,
                "overdue": overdue.get(animal.tag) if today is None else None,
                "history": {
                    "volumes": vols,
                    "weights": [(m.day, m.weight_g) for m in before if m.weight_g is not None][-4:],
                    "baseline_weight": baseline_weight(data, ms),
                    "rate": pred.rate_per_day,
                },
            }
        )
    return rows


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


def doses_due(doses, today: dt.date) -> list[dict]:
    """Planned doses up to ``today``, one row per study, group, treatment, date and dose as recorded
    on the dose records (amount, unit, route), with the number of animals; overdue ones flagged."""
    rows = list(
        doses.filter(status=Dose.Status.PLANNED, date__lte=today)
        .values(
            "study_id",
            "study__name",
            "arm_id",
            "arm__name",
            "arm__order",
            "treatment_id",
            "treatment__order",
            "treatment__test_article__name",
            "treatment__lot__lot_number",
            "treatment__schedule",
            "amount",
            "unit",
            "route",
            "date",
        )
        .annotate(n=Count("id"))
        .order_by("date", "study__name", "arm__order", "arm__name", "treatment__order", "treatment_id")
    )
    for d in rows:
        d["overdue"] = d["date"] < today
        d["treatment"] = d["treatment__test_article__name"] or "no test article"
    return rows


ALERTS_CACHE_SECONDS = 2 * 24 * 3600


def monitoring_stamps(study_ids: Sequence[int]) -> dict[int, tuple]:
    """A value per study that changes whenever anything its endpoint alerts read changes: the newest
    history row of its measurements, events, animals and groups, and of the study itself (every change
    a service makes is recorded there, bulk ones too). Five grouped queries, whatever the studies."""
    ids = list(study_ids)
    stamps: dict[int, list[int]] = {pk: [0, 0, 0, 0, 0] for pk in ids}
    for k, model in enumerate((Measurement, Event, Animal, Arm)):
        history = model.history.model
        for study_id, newest in (
            history.objects.filter(study_id__in=ids)
            .order_by()
            .values_list("study_id")
            .annotate(newest=Max("history_id"))
        ):
            stamps[study_id][k] = newest
    for study_id, newest in (
        Study.history.model.objects.filter(id__in=ids)
        .order_by()
        .values_list("id")
        .annotate(newest=Max("history_id"))
    ):
        stamps[study_id][4] = newest
    return {pk: tuple(v) for pk, v in stamps.items()}


def studies_alerts(studies: Sequence[Study], today: dt.date) -> dict[int, list[dict]]:
    """:func:`study_alerts` of each study, computed again only for a study whose data changed
    (:func:`monitoring_stamps`) or on a new day, and otherwise read from the ``analysis`` cache: the
    home page and the today list of a lab with many studies in life load and check none of them per
    view. A study computed here is loaded with the others in :func:`load_studies_data`'s queries."""
    if not studies:
        return {}
    cache = caches["analysis"]
    stamps = monitoring_stamps([s.pk for s in studies])
    keys = {
        s.pk: f"studies:alerts:{ANALYSIS_VERSION}:{s.pk}:{today.isoformat()}:{':'.join(map(str, stamps[s.pk]))}"
        for s in studies
    }
    found = cache.get_many(list(keys.values()))
    out = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [s for s in studies if s.pk not in out]
    if missing:
        fresh = {pk: study_alerts(data, today) for pk, data in load_studies_data(missing).items()}
        cache.set_many({keys[pk]: alerts for pk, alerts in fresh.items()}, ALERTS_CACHE_SECONDS)
        out |= fresh
    return out


def today_lists(lab, today: dt.date) -> dict:
    """The day's work across the lab's studies in life: doses due, measurements due, animals near
    an endpoint (a crossing predicted since the last measurement makes the animal overdue)."""
    studies = list(Study.objects.filter(lab=lab, status=Study.Status.ACTIVE).order_by("name"))
    doses = doses_due(Dose.objects.filter(lab=lab, study__in=studies), today)
    near = []
    overdue: dict[int, set[str]] = {}
    alerts_of = studies_alerts(studies, today)
    for study in studies:
        alerts = alerts_of[study.pk]
        overdue[study.pk] = overdue_tags(alerts)
        for alert in alerts:
            near.append({"study": study, **alert})
    # only what the list shows: a lab with many studies in life has thousands of live animals
    by_pk = {s.pk: s for s in studies}
    animals = (
        Animal.objects.filter(lab=lab, study__in=studies, status=Animal.Status.ALIVE)
        .annotate(last=Max("measurements__date"))
        .only("id", "tag", "cage", "study_id")
        .order_by("study__name", "cage", "tag")
    )
    per_study: dict[int, dict] = {}
    for a in animals:
        a.study = by_pk[a.study_id]
        if a.last == today:
            continue
        a.overdue = a.tag in overdue.get(a.study_id, ())
        if a.overdue or a.last is None or (today - a.last).days >= a.study.measure_every_days:
            entry = per_study.setdefault(a.study_id, {"study": a.study, "animals": [], "n_overdue": 0})
            entry["animals"].append(a)
            entry["n_overdue"] += a.overdue
    due = list(per_study.values())
    return {"studies": studies, "doses": doses, "measure": due, "near": near}


def dashboard_panels(lab) -> list[Panel]:
    active = list(Study.objects.filter(lab=lab, status=Study.Status.ACTIVE))
    near = 0
    today = lab_today(lab)  # as the today list: a crossing predicted for a past day counts
    for alerts in studies_alerts(active, today).values():
        near += len({a["animal"] for a in alerts})
    try:
        list_url = reverse("studies:list")
        today_url = reverse("studies:today")
    except Exception:  # pragma: no cover - urls not loaded
        list_url = today_url = None
    return [
        Panel("Active studies", len(active), "tumor studies in life", list_url),
        Panel("Animals near endpoint", near, "at or approaching a humane endpoint", today_url),
    ]


def first_steps(lab) -> list:
    """Create a tumor study: done once the lab has one (one query)."""
    from il2portal.dashboard import Step

    try:
        url = reverse("studies:list")
    except Exception:  # pragma: no cover - urls not loaded
        url = None
    done = Study.objects.filter(lab=lab).exists()
    return [
        Step(
            40,
            "Create a tumor study",
            done,
            url,
            "groups and treatments, randomise by tumor volume, enter calipers, growth and survival",
        )
    ]


def job_subjects(jobs) -> dict[int, tuple[str, str]]:
    """What each study job analysed: ``{job id: (study name, study dashboard)}`` (one query; only studies
    of the job's own lab)."""
    wanted = {job.pk: job.params.get("study") for job in jobs}
    labs = {job.lab_id for job in jobs} or {0}
    studies = {
        s["pk"]: s
        for s in Study.objects.filter(
            pk__in=[0, *(i for i in wanted.values() if isinstance(i, int))],  # one query, also for no jobs
            lab_id__in=labs,
        ).values("pk", "name", "lab_id")
    }
    return {
        job.pk: (s["name"], reverse("studies:detail", args=[s["pk"]]))
        for job in jobs
        if (s := studies.get(wanted[job.pk])) is not None and s["lab_id"] == job.lab_id
    }


# --------------------------------------------------------------------------------------------------
# Test articles: the arms they were dosed in, with their stored outcomes

# Only these keys of the stored results are read (the growth result's per-animal series and mixed
# model, and the survival result's curves and subjects, are most of its size).
_GROWTH_KEYS = ("groups", "tgi", "control_group", "baseline_day", "tgi_min_control_n")
_SURVIVAL_KEYS = ("groups", "hazard_ratios", "reference", "flags")
TGI_MIN_CONTROL_N = 3  # default of studies.analysis.growth.summarise_growth (tgi_min_control_n)


def _latest_results(study_ids: list[int]) -> dict[tuple[int, str], dict]:
    """The newest growth and survival analysis of each study, with only the keys of their results that
    :func:`arms_dosed_with` reads; one query."""
    newest = (
        AnalysisResult.objects.filter(study=OuterRef("study"), kind=OuterRef("kind"))
        .order_by("-version")
        .values("version")[:1]
    )
    keys = sorted({*_GROWTH_KEYS, *_SURVIVAL_KEYS})
    rows = (
        AnalysisResult.objects.filter(study_id__in=study_ids, version=Subquery(newest))
        .annotate(**{f"r_{k}": KeyTransform(k, "result") for k in keys})
        .values(
            "pk",
            "study_id",
            "kind",
            "version",
            "analysis_version",
            "created_at",
            "settings",
            "inputs_sha256",
            *(f"r_{k}" for k in keys),
        )
    )
    out = {}
    for row in rows:
        wanted = _GROWTH_KEYS if row["kind"] == AnalysisResult.Kind.GROWTH else _SURVIVAL_KEYS
        row["result"] = {k: row.pop(f"r_{k}") for k in keys if k in wanted}
        out[(row["study_id"], row["kind"])] = row
    return out


def _treatment_row(t: ArmTreatment) -> dict:
    return {
        "id": t.pk,
        "test_article_id": t.test_article_id,
        "test_article": t.test_article.name if t.test_article_id else None,
        "dose": t.dose,
        "dose_unit": t.dose_unit,
        "route": t.route,
        "schedule": t.schedule,
        "lot_id": t.lot_id,
        "lot_number": t.lot.lot_number if t.lot_id else None,
    }


def _analysis_state(
    record: dict | None, data: StudyData, inputs_sha, what: str
) -> tuple[dict | None, str, str | None]:
    """(the record's identity, status, reason): ``current`` (reason None), ``not_run``, ``outdated``
    (made by another version of the analysis code) or ``stale`` (the study's data changed since)."""
    if record is None:
        return None, "not_run", f"No {what} analysis has been run for this study."
    meta = {
        "id": record["pk"],
        "version": record["version"],
        "analysis_version": record["analysis_version"],
        "created_at": record["created_at"],
        "url": reverse("studies:analysis-json", args=[record["pk"]]),
    }
    if record["analysis_version"] != ANALYSIS_VERSION:
        return (
            meta,
            "outdated",
            f"The {what} analysis (v{record['version']}) was made by analysis code "
            f"{record['analysis_version']}, not the current {ANALYSIS_VERSION}: run it again.",
        )
    if inputs_sha(data, record["settings"]) != record["inputs_sha256"]:
        return (
            meta,
            "stale",
            f"The study's data changed after the {what} analysis (v{record['version']}): run it again.",
        )
    return meta, "current", None


_NO_TGI = dict.fromkeys(("day", "n_control", "min_control_n", "tgi", "tgi_reason", "last_reported"))
_NO_SURVIVAL = dict.fromkeys(
    (
        "n",
        "events",
        "median_days",
        "median_reached",
        "median_ci95",
        "hr",
        "hr_ci95",
        "hr_p",
        "hr_reason",
        "hr_note",
    )
)


def _tgi_outcome(arm: Arm, growth: dict) -> dict:
    """TGI of ``arm`` from a stored growth result, on the last day the control arm had at least
    ``tgi_min_control_n`` (3) animals measured, and the arm's last day with a reported TGI."""
    min_n = int(growth.get("tgi_min_control_n") or TGI_MIN_CONTROL_N)
    out = _NO_TGI | {"min_control_n": min_n}
    if arm.is_control:
        out["tgi_reason"] = "The control arm: TGI is of the other arms against it."
        return out
    control = growth.get("control_group")
    ctrl = next((g for g in growth.get("groups") or [] if g["group"] == control), None)
    if control is None or ctrl is None:
        out["tgi_reason"] = "The growth analysis has no control arm with animals: no TGI."
        return out
    days = [s for s in ctrl["series"] if s["n"] >= min_n]
    baseline = growth.get("baseline_day")
    if not days or (baseline is not None and days[-1]["day"] <= baseline):
        out["tgi_reason"] = (
            f"The control arm never had {min_n} animals measured after the baseline day: no TGI."
        )
        return out
    out["day"], out["n_control"] = days[-1]["day"], days[-1]["n"]
    rows = [t for t in growth.get("tgi") or [] if t["group"] == arm.pk]
    point = next((t for t in rows if t["day"] == out["day"]), None)
    if point is None:
        out["tgi_reason"] = f"{arm.name} was not measured on day {out['day']:g}: no TGI that day."
    else:
        out["tgi"] = point
        if point["tgi_pct"] is None:
            out["tgi_reason"] = point.get("note") or (
                "Tumors shrank from baseline: regression instead of TGI."
                if point.get("regression")
                else "TGI is undefined on that day (the control did not grow from baseline)."
            )
    reported = [t for t in rows if t["tgi_pct"] is not None or t.get("regression_pct") is not None]
    out["last_reported"] = reported[-1] if reported else None
    return out


def _survival_outcome(arm: Arm, survival: dict) -> dict:
    group = next((g for g in survival.get("groups") or [] if g["group"] == arm.pk), None)
    out = dict(_NO_SURVIVAL)
    if group is None:
        out["hr_reason"] = "No animal of this arm is in the survival analysis."
        return out
    out |= {
        "n": group["n"],
        "events": group["events"],
        "median_days": group["median_days"],
        "median_reached": group["median_days"] is not None,
        "median_ci95": tuple(group["median_ci95"]),
    }
    reference = survival.get("reference")
    if arm.is_control or reference == arm.pk:
        out["hr_reason"] = "The control arm is the reference of the hazard ratios."
        return out
    hr = next((h for h in survival.get("hazard_ratios") or [] if h["group"] == arm.pk), None)
    if hr is not None and hr["reference"] != reference:
        hr = None
    flags = [f for f in survival.get("flags") or [] if _hr_flag(f, arm.pk, reference)]
    if hr is not None and hr["hr"] is not None:
        out |= {"hr": hr["hr"], "hr_ci95": tuple(hr["ci95"]), "hr_p": hr["p"]}
        out["hr_note"] = " ".join(f["message"] for f in flags if f["code"] in _HR_CAVEATS) or None
        return out
    reasons = [f["message"] for f in flags if f["code"] not in _HR_CAVEATS]
    out["hr_reason"] = " ".join(reasons) or "No hazard ratio against the control arm was estimable."
    return out


# flags of studies.analysis.survival about the Cox hazard ratios: why one is missing, or (the caveats)
# why a reported one is to be read with care
_HR_FLAGS = {
    "no_events",
    "single_group",
    "reference_missing",
    "reference_no_events",
    "hr_not_estimable",
    "cox_failed",
}
_HR_CAVEATS = {"hr_unstable", "cox_convergence"}


def _hr_flag(flag: dict, arm_id: int, reference) -> bool:
    code, group = flag.get("code"), flag.get("group")
    if code == "no_events":  # the study-wide one, not the arm's Kaplan–Meier note
        return group is None
    return code in _HR_FLAGS | _HR_CAVEATS and group in (arm_id, reference, None)


def arms_dosed_with(lab, test_article_ids: Sequence[int]) -> dict[int, list[dict]]:
    """Every arm of ``lab``'s studies in which each of these test articles was dosed, with the arm's
    outcomes as stored in the study's newest growth and survival analyses (nothing is refitted).

    Returns ``{test article id: [arm, …]}`` with a key for every id asked for (an empty list when the
    article was dosed in no study of the lab: another lab's article or study never appears), arms in the
    order of their studies (newest day 0 first, then name) and of the arms in a study. Each arm is a dict
    of numbers and names, formatted by the caller (:mod:`il2portal.formatting`)::

        study:             {id, name, url (the study dashboard), status, day0}
        arm:               {id, name, url (the group page, where its treatments are edited)}
        is_control:        bool
        treatments:        the arm's treatments with this article, in order, each
                           {id, test_article_id, test_article (name), dose, dose_unit, route, schedule,
                            lot_id, lot_number}; dose and lot may be None
        other_treatments:  the arm's other treatments (e.g. the anti-PD-1 of a combination), same shape
        n_animals:         animals in the arm now (any status)
        growth:
            analysis:      {id, version, analysis_version, created_at, url (the stored JSON)} or None
            status:        "current" | "not_run" | "outdated" | "stale"; the numbers below are None
                           unless "current"
            reason:        why not current (a sentence), else None
            day:           the last study day on which the control arm had at least min_control_n
                           animals measured (from the stored analysis's control n per day)
            n_control:     the control animals measured that day
            min_control_n: the stored analysis's tgi_min_control_n (3 unless set otherwise)
            tgi:           the stored TGI row of the arm on that day, unchanged
                           {group, day, tgi_pct, tgi_raw_pct, regression, regression_pct, tc_pct,
                            delta_t, delta_c, n_treated, n_control, withheld, note}, or None
            tgi_reason:    why tgi or its tgi_pct is None (the stored note when the analysis withheld
                           it: e.g. fewer than half of the control arm remained), else None
            last_reported: the arm's stored TGI row of the last day on which the analysis reported a
                           TGI or a regression (may be earlier than ``day``), or None
        survival:
            analysis, status, reason: as for growth
            n, events:     animals and endpoint events of the arm in the analysis
            median_days:   Kaplan–Meier median survival in days from day 0; None when not reached
            median_reached: bool (None when the arm is not in the analysis)
            median_ci95:   (low, high), either None when not reached
            hr, hr_ci95, hr_p: Cox hazard ratio against the control arm with its 95 % CI and Wald p
                           (None for the control arm itself and when not estimable)
            hr_reason:     why hr is None (the analysis's flags for the arm or the control), else None
            hr_note:       a caveat of a reported hr (its flags: a nearly monotone likelihood, a
                           convergence warning), else None

    A result is *stale* when the study's data no longer give the inputs hash the analysis stored, and
    *outdated* when it was made by another ``ANALYSIS_VERSION``, as the study dashboard tells them.
    Eight queries whatever the number of articles, studies and arms (one when no study matches):
    the studies, :func:`load_studies_data`'s six, and the newest analyses.
    """
    from studies.services.analyses import growth_inputs_sha, survival_inputs_sha

    ids = [int(i) for i in test_article_ids]
    out: dict[int, list[dict]] = {i: [] for i in ids}
    if not ids:
        return out
    studies = list(
        Study.objects.filter(lab=lab, arms__treatments__test_article_id__in=ids)
        .distinct()
        .order_by("-day0", "name", "pk")
    )
    if not studies:
        return out
    loaded = load_studies_data(studies)
    results = _latest_results([s.pk for s in studies])
    wanted = set(ids)
    for study in studies:
        data = loaded[study.pk]
        n_of: dict[int, int] = defaultdict(int)
        for animal in data.animals:
            n_of[animal.arm_id] += 1
        states = {}
        for kind, sha in (
            (AnalysisResult.Kind.GROWTH, growth_inputs_sha),
            (AnalysisResult.Kind.SURVIVAL, survival_inputs_sha),
        ):
            record = results.get((study.pk, kind))
            states[kind] = (
                record,
                *_analysis_state(record, data, sha, kind),
            )
        study_row = {
            "id": study.pk,
            "name": study.name,
            "url": reverse("studies:detail", args=[study.pk]),
            "status": study.status,
            "day0": study.day0,
        }
        for arm in data.arms:
            treatments = arm.treatment_list
            for article_id in dict.fromkeys(
                t.test_article_id for t in treatments if t.test_article_id in wanted
            ):
                record, meta, status, reason = states[AnalysisResult.Kind.GROWTH]
                growth = {"analysis": meta, "status": status, "reason": reason}
                if status == "current":
                    growth |= _tgi_outcome(arm, record["result"])
                else:
                    growth |= _NO_TGI | {"tgi_reason": reason}
                record, meta, status, reason = states[AnalysisResult.Kind.SURVIVAL]
                survival = {"analysis": meta, "status": status, "reason": reason}
                if status == "current":
                    survival |= _survival_outcome(arm, record["result"])
                else:
                    survival |= _NO_SURVIVAL | {"hr_reason": reason}
                out[article_id].append(
                    {
                        "study": study_row,
                        "arm": {"id": arm.pk, "name": arm.name, "url": reverse("studies:arm", args=[arm.pk])},
                        "is_control": arm.is_control,
                        "treatments": [
                            _treatment_row(t) for t in treatments if t.test_article_id == article_id
                        ],
                        "other_treatments": [
                            _treatment_row(t) for t in treatments if t.test_article_id != article_id
                        ],
                        "n_animals": n_of.get(arm.pk, 0),
                        "growth": growth,
                        "survival": survival,
                    }
                )
    return out
