"""The demo study's serum IL-2 (simulated, seeded): one ELISA plate of 10 mice dosed with the IL-2 mutein
(the first 5 of arms "IL-2 mutein" and "anti-PD-1 + IL-2 mutein"), each bled 0.25, 0.5, 1, 2, 4, 6, 8 and
24 h after its first dose (study day 7), named "M21 d7 2h" and linked to the mice by the naming rule
"{animal} d{day} {hours}h".

Serum concentration (ng/mL) after a s.c. dose, one compartment with first-order absorption:
C(t) = A · (exp(−ke·t) − exp(−ka·t)), ka = 1.5 /h, ke = 0.35 /h (half-life ≈ 2 h), A = 520 ng/mL × a
per-mouse factor (log-normal, SD 0.25) that is larger for mice whose tumor grew less (rank of the last
volume: an exposure–response to find), ke × a log-normal factor (SD 0.15). Samples are diluted 1:10;
OD450 = 0.05 + (3.2 − 0.05) / (1 + (50 / c)^1.1) for c ng/mL in the well, 3 % log-normal noise; standards
100 ng/mL in seven 2-fold steps in duplicate, two zero wells. 24 h samples fall below the LLOQ (about
16 ng/mL in serum), as real IL-2 does."""

from __future__ import annotations

import math
import random

from assays import services as assay_services
from assays.models import AssayRun, Layout
from studies.models import Animal, Measurement, Study

RUN_NAME = "Demo serum IL-2 after the first mutein dose"
TIMES_H = (0.25, 0.5, 1.0, 2.0, 4.0, 6.0, 8.0, 24.0)
PER_ARM = 5  # mice bled per mutein-dosed arm: 2 arms × 5 mice × 8 times = 80 wells
DOSE_DAY = 7
SEED = 23


def _od(conc_ng_ml: float) -> float:
    return 0.05 + (3.2 - 0.05) / (1 + (50 / conc_ng_ml) ** 1.1) if conc_ng_ml > 0 else 0.05


def serum_concentrations(study: Study, seed: int = SEED) -> dict[str, float]:
    """{sample name: simulated serum concentration (ng/mL)} of the mutein-dosed mice."""
    rng = random.Random(seed)
    dosed = Animal.objects.filter(study=study, arm__treatments__test_article__kind="il2_mutein").distinct()
    animals = []
    for arm_id in sorted({a.arm_id for a in dosed}):
        animals += [a for a in sorted(dosed, key=lambda a: a.tag) if a.arm_id == arm_id][:PER_ARM]
    last = {}
    for m in Measurement.objects.filter(animal__in=animals, volume_mm3__isnull=False).order_by("date"):
        last[m.animal_id] = m.volume_mm3
    ranked = sorted(animals, key=lambda a: last.get(a.pk, 0.0))
    out = {}
    for rank, animal in enumerate(ranked):
        z = 1 - 2 * rank / max(len(ranked) - 1, 1)  # +1 for the smallest tumor, −1 for the largest
        a = 520 * math.exp(0.35 * z + rng.gauss(0, 0.25))
        ke = 0.35 * math.exp(rng.gauss(0, 0.15))
        for t in TIMES_H:
            out[f"{animal.tag} d{DOSE_DAY} {t:g}h"] = a * (math.exp(-ke * t) - math.exp(-1.5 * t))
    return out


def plate(concentrations: dict[str, float], seed: int = SEED) -> tuple[list[dict], bytes]:
    """(layout wells, plate CSV): standards in A1–G2, zeros in H1–H2, samples from A3 on, 1:10."""
    rng = random.Random(seed + 1)
    wells, od = [], {}
    for level in range(7):
        for col in (1, 2):
            well = f"{'ABCDEFG'[level]}{col}"
            conc = 100 / 2**level
            wells.append(
                {
                    "well": well,
                    "role": "standard",
                    "group": f"S{level + 1}",
                    "concentration": conc,
                    "unit": "ng/mL",
                }
            )
            od[well] = _od(conc)
    for col in (1, 2):
        wells.append({"well": f"H{col}", "role": "blank", "group": "zero"})
        od[f"H{col}"] = 0.05
    positions = [f"{row}{col}" for col in range(3, 13) for row in "ABCDEFGH"]
    for (name, conc), well in zip(sorted(concentrations.items()), positions, strict=False):
        wells.append({"well": well, "role": "sample", "sample": name, "dilution_factor": 10, "unit": "ng/mL"})
        od[well] = _od(conc / 10)
    lines = ["well,value,kind,wavelength_nm"]
    lines += [f"{w},{v * math.exp(rng.gauss(0, 0.03)):.4f},absorbance,450" for w, v in od.items()]
    return wells, ("\n".join(lines) + "\n").encode()


def load_serum_demo(*, lab, user, study: Study) -> list[str]:
    from studies.services.serum import DEFAULT_RULE, serum_link, serum_preview

    if AssayRun.objects.filter(lab=lab, name=RUN_NAME).exists():
        return []
    concentrations = serum_concentrations(study)
    if not concentrations:
        return []
    wells, data = plate(concentrations)
    layout = Layout.objects.filter(
        lab=lab, name="Serum IL-2, 80 samples 1:10"
    ).first() or assay_services.layout_create(
        lab=lab, user=user, name="Serum IL-2, 80 samples 1:10", rows=8, columns=12, wells=wells
    )
    plates = assay_services.plate_import(lab=lab, data=data, filename="demo_serum_il2.csv", user=user).plates
    run, _ = assay_services.run_create(
        lab=lab,
        user=user,
        kind="elisa",
        layout=layout,
        plates=plates,
        name=RUN_NAME,
        settings={"model": "4PL", "weighting": "1/y2"},
    )
    links, _unmatched = serum_preview(study=study, run=run, rule=DEFAULT_RULE)
    serum_link(study=study, run=run, links=links, user=user)
    return [f"serum IL-2 ELISA of {len(links)} samples linked to {len(links) // len(TIMES_H)} mice"]
