"""Demo data of this app for `make run`: one MC38 study, 4 arms × 10 mice, about 30 days, made by
the documented, seeded simulation in :mod:`studies.analysis.simulate` (nothing here is real data).

Day 0 is placed 33 days before today so the study is in life: the last measurements (day 30) are
three days old, measurements are due today and some animals are near an endpoint. Everything goes
through the same services as real entries (volumes computed, swapped axes noted, events set the
animals' status, planned doses generated from the arms' schedules); doses up to today are marked
given. A growth and a survival analysis are stored so the dashboard shows its plots at once.
Idempotent: nothing is added when the study exists.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction

from il2portal.models import Lot, TestArticle
from studies import services
from studies.analysis.simulate import simulate_study
from studies.models import Dose, Study

DEMO_SEED = 38
DEMO_NAME = "MC38 · anti-PD-1 × IL-2 mutein (demo)"
DAYS_SINCE_LAST_MEASUREMENT = 3

# simulated treatment → (test article name, kind, target, lot number)
ARTICLES = {
    "PBS": ("PBS", TestArticle.Kind.VEHICLE, "", None),
    "anti-mouse PD-1 (RMP1-14)": ("Anti-mouse PD-1 (RMP1-14)", TestArticle.Kind.ANTIBODY, "PD-1", "PD1-7788"),
    "IL-2 mutein": ("IL-2 not-alpha mutein", TestArticle.Kind.IL2_MUTEIN, "", "MUT-0117"),
    "anti-PD-1 + IL-2 mutein": ("Anti-mouse PD-1 (RMP1-14)", TestArticle.Kind.ANTIBODY, "PD-1", "PD1-7788"),
}


def _article(lab, user, treatment: str):
    name, kind, target, lot_number = ARTICLES[treatment]
    article, _ = TestArticle.objects.get_or_create(
        lab=lab, name=name, defaults={"kind": kind, "target": target, "created_by": user}
    )
    lot = None
    if lot_number:
        lot, _ = Lot.objects.get_or_create(lab=lab, test_article=article, lot_number=lot_number)
    return article, lot


def _dose(text: str) -> tuple[float | None, str]:
    m = re.match(r"\s*([0-9.]+)\s*([^+]*)", text)
    return (float(m.group(1)), m.group(2).strip()) if m else (None, "")


def _schedule(sa) -> str:
    """The arm's schedule as written, with the number of doses the simulation gave when it has none."""
    text = sa.schedule.replace(" x", "×")
    return text if "×" in text else f"{text}×{len(sa.dose_days)}"


def load_study_demo(*, lab, user) -> list[str]:
    if Study.objects.filter(lab=lab, name=DEMO_NAME).exists():
        return []
    sim = simulate_study(DEMO_SEED)
    today = services.lab_today(lab)
    day0 = today - dt.timedelta(days=sim.end_day + DAYS_SINCE_LAST_MEASUREMENT)
    with transaction.atomic():
        study = services.study_create(
            lab=lab,
            user=user,
            name=DEMO_NAME,
            tumor_model=Study.TumorModel.MC38,
            cell_line=f"MC38 (simulated data, seed {DEMO_SEED})",
            strain=sim.strain,
            implanted_on=day0,
            cells_implanted=1_000_000,
            day0=day0,
            volume_formula=sim.volume_formula,
            endpoint_volume_mm3=sim.endpoint_volume_mm3,
            weight_loss_endpoint_pct=sim.weight_loss_endpoint_pct,
            measure_every_days=3,
            status=Study.Status.ACTIVE,
            description=f"Simulated with studies.analysis.simulate.simulate_study(seed={DEMO_SEED}): Gompertz "
            "growth, responders, caliper noise and typing errors; see that module's docstring.",
        )
        arms = {}
        for order, sa in enumerate(sim.arms):
            article, lot = _article(lab, user, sa.treatment)
            amount, unit = _dose(sa.dose)
            arms[sa.name] = services.arm_create(
                study=study,
                name=sa.name,
                treatment=article,
                lot=lot,
                dose=amount,
                dose_unit=unit[:20],
                route=sa.route[:20],
                schedule=_schedule(sa),
                dosing_start_day=sim.randomisation_day,
                regimen=(
                    "anti-PD-1 10 mg/kg i.p. q3d×5 + IL-2 mutein 1 mg/kg s.c. q3d×3"
                    if "+" in sa.treatment
                    else ""
                ),
                is_control=sa.is_control,
                capacity=10,
                order=order,
            )
        services.animals_create(
            study=study,
            user=user,
            rows=[
                {
                    "tag": a.tag,
                    "cage": a.cage,
                    "sex": a.sex,
                    "age_weeks": 8.0,
                    "implanted_on": day0,
                    "arm": arms[a.arm],
                }
                for a in sim.animals
            ],
        )
        services.measurements_record(
            study=study,
            user=user,
            rows=[
                {
                    "animal": m.tag,
                    "date": (day0 + dt.timedelta(days=m.day)).isoformat(),
                    "length_mm": m.length_mm,
                    "width_mm": m.width_mm,
                    "weight_g": m.weight_g,
                }
                for m in sim.measurements
            ],
        )
        services.events_record(
            study=study,
            user=user,
            rows=[
                {
                    "animal": e.tag,
                    "date": (day0 + dt.timedelta(days=e.day)).isoformat(),
                    "kind": e.kind,
                    "note": e.note,
                }
                for e in sim.events
            ],
        )
        services.doses_record(
            doses=Dose.objects.filter(study=study, status=Dose.Status.PLANNED, date__lte=today),
            status=Dose.Status.GIVEN,
            user=user,
        )
    for kind in ("growth", "survival"):
        services.analysis_request(study=study, kind=kind, settings={}, user=user)
    return [
        f"study {DEMO_NAME}: {len(sim.animals)} mice, {len(sim.measurements)} measurements, {len(sim.events)} events"
    ]
