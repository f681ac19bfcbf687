"""Demo data of this app for `make run`: one MC38 study, 4 arms × 10 mice, about 30 days, made by
the documented, seeded simulation in :mod:`studies.analysis.simulate` (nothing here is real data).

Day 0 is placed 33 days before today so the study is in life: the last measurements (day 30) are
three days old, measurements are due today and some animals are near an endpoint. Everything goes
through the same services as real entries (volumes computed, swapped axes noted, events set the
animals' status, planned doses generated per treatment from each arm's schedules: the combination
arm has two treatments, anti-PD-1 10 mg/kg i.p. q3d×5 and IL-2 mutein 1 mg/kg s.c. q3d×3); doses up to
today are marked
given. A growth and a survival analysis are stored so the dashboard shows its plots at once.
Idempotent: nothing is added when the study exists.

The seed is chosen so that the demo shows what a scientist must read right (DOMAIN.md §8):

* survivor bias: the vehicle arm has 6, 4, 2 and 1 of its 10 mice on days 23–30, so its mean curve
  stops after day 23 (fewer than 50 % remain) and no TGI or T/C is given from day 25;
* a Kaplan–Meier curve flat at exactly 50 %: 5 of 10 IL-2 mutein mice have reached the endpoint by
  day 25 and the next one on day 28, so the median is 26.5 days (R ``survfit``, GraphPad Prism), not 25;
* alerts in the past: M18 and M19, last measured on day 30, are predicted to have reached 2000 mm³
  on days 31.1 and 31.7, so on day 33 they are overdue for measurement;
* a correction: one caliper reading entered with a typo and corrected with its reason (history).
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction

from il2portal.models import Lot, TestArticle
from studies.analysis.simulate import simulate_study
from studies.models import Dose, Measurement, Study
from studies.services.analyses import analysis_request
from studies.services.common import lab_today
from studies.services.design import animals_create, arm_create, study_create
from studies.services.dosing import doses_record
from studies.services.events import events_record
from studies.services.measurements import measurement_update, measurements_record

DEMO_SEED = 16
DEMO_NAME = "MC38 · anti-PD-1 × IL-2 mutein (demo)"
DAYS_SINCE_LAST_MEASUREMENT = 3
TYPO = ("M05", 14, 5.0)  # this caliper length was typed 5 mm too long, then corrected

# simulated agent → (test article name, kind, target, lot number)
ARTICLES = {
    "PBS": ("PBS", TestArticle.Kind.VEHICLE, "", None),
    "anti-mouse PD-1 (RMP1-14)": ("Anti-mouse PD-1 (RMP1-14)", TestArticle.Kind.ANTIBODY, "PD-1", "PD1-7788"),
    "anti-PD-1": ("Anti-mouse PD-1 (RMP1-14)", TestArticle.Kind.ANTIBODY, "PD-1", "PD1-7788"),
    "IL-2 mutein": ("IL-2 not-alpha mutein", TestArticle.Kind.IL2_MUTEIN, "", "MUT-0117"),
}


def _article(lab, user, agent: str):
    name, kind, target, lot_number = ARTICLES[agent]
    article, _ = TestArticle.objects.get_or_create(
        lab=lab, name=name, defaults={"kind": kind, "target": target, "created_by": user}
    )
    lot = None
    if lot_number:
        lot, _ = Lot.objects.get_or_create(lab=lab, test_article=article, lot_number=lot_number)
    return article, lot


def _dose(text: str) -> tuple[float | None, str]:
    m = re.match(r"\s*([0-9.]+)\s*(.*)", text)
    return (float(m.group(1)), m.group(2).strip()) if m else (None, "")


def _parts(text: str, n: int) -> list[str]:
    parts = [p.strip() for p in text.split("+")]
    return parts if len(parts) == n else parts[:1] * n


def _treatments(lab, user, sa) -> list[dict]:
    """One treatment per agent of a simulated arm ("anti-PD-1 + IL-2 mutein", "10 mg/kg + 1 mg/kg",
    "i.p. + s.c.", "q3d x5 + q3d x3"): each with its own test article, lot, dose, route and schedule.
    A schedule without a dose count gets the number of doses the simulation gave."""
    agents = [a.strip() for a in sa.treatment.split("+")]
    n = len(agents)
    rows = []
    for agent, dose, route, schedule in zip(
        agents, _parts(sa.dose, n), _parts(sa.route, n), _parts(sa.schedule, n), strict=True
    ):
        article, lot = _article(lab, user, agent)
        amount, unit = _dose(dose)
        schedule = schedule.replace(" x", "×")
        if "×" not in schedule:
            schedule = f"{schedule}×{len(sa.dose_days)}"
        rows.append(
            {
                "test_article": article,
                "lot": lot,
                "dose": amount,
                "dose_unit": unit[:20],
                "route": route[:20],
                "schedule": schedule,
            }
        )
    return rows


def load_study_demo(*, lab, user) -> list[str]:
    if Study.objects.filter(lab=lab, name=DEMO_NAME).exists():
        return []
    sim = simulate_study(DEMO_SEED)
    today = lab_today(lab)
    day0 = today - dt.timedelta(days=sim.end_day + DAYS_SINCE_LAST_MEASUREMENT)
    with transaction.atomic():
        study = study_create(
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
            arms[sa.name] = arm_create(
                study=study,
                name=sa.name,
                treatments=_treatments(lab, user, sa),
                dosing_start_day=sim.randomisation_day,
                is_control=sa.is_control,
                capacity=10,
                order=order,
                user=user,
            )
        animals_create(
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
        rows = [
            {
                "animal": m.tag,
                "date": (day0 + dt.timedelta(days=m.day)).isoformat(),
                "length_mm": m.length_mm,
                "width_mm": m.width_mm,
                "weight_g": m.weight_g,
            }
            for m in sim.measurements
        ]
        tag, day, slip = TYPO
        typo = next(r for r in rows if r["animal"] == tag and r["date"] == study.date_of(day).isoformat())
        right = typo["length_mm"]
        typo["length_mm"] = round(right + slip, 1)
        measurements_record(study=study, user=user, rows=rows)
        measurement_update(
            measurement=Measurement.objects.get(
                animal__study=study, animal__tag=tag, date=study.date_of(day)
            ),
            data={"length_mm": right},
            user=user,
            reason=f"length typed as {typo['length_mm']:g} mm; the caliper sheet says {right:g} mm",
        )
        events_record(
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
        doses_record(
            doses=Dose.objects.filter(study=study, status=Dose.Status.PLANNED, date__lte=today),
            status=Dose.Status.GIVEN,
            user=user,
        )
    from studies.serum_demo import load_serum_demo

    serum = load_serum_demo(lab=lab, user=user, study=study)
    from studies.immune_demo import RULE, statistics_csv
    from studies.services.flow import flow_import

    flow = flow_import(
        study=study,
        user=user,
        data=statistics_csv(study),
        filename="demo_tumor_infiltrates_flowjo_table.csv",
        rule=RULE,
        skip_unmatched=False,
    )
    from studies.immune_demo import spleen_fcs
    from studies.services.flow import flow_fcs_upload

    fcs, workspace = spleen_fcs(study)
    flow_fcs_upload(
        study=study,
        user=user,
        fcs=fcs,
        gating=workspace,
        gating_name="demo_spleens.wsp",
        rule=RULE,
        skip_unmatched=False,
    )
    # synergy before exposure and immune: they read the synergy model's per-mouse growth rates
    for kind in ("growth", "survival", "synergy", "exposure", "immune"):
        analysis_request(study=study, kind=kind, settings={}, user=user)
    return [
        f"study {DEMO_NAME}: {len(sim.animals)} mice, {len(sim.measurements)} measurements, {len(sim.events)} events",
        *serum,
        f"flow cytometry of {flow.samples.count()} tumors (FlowJo statistics table, simulated)",
        f"{len(fcs)} spleen FCS files with a FlowJo workspace (simulated), gated as a job",
    ]
