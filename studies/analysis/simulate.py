"""Seeded simulation of a realistic MC38 study in C57BL/6 mice, for demo data and tests.

Design (one call, deterministic for a seed; nothing here is real data):

* 4 arms × 10 female C57BL/6 mice (7–9 weeks, ~20 g), MC38 1×10⁶ cells s.c. in the right flank on day 0
  (``implant_day`` 0); 2 cages of 5 per arm. Randomisation on day 7 when tumors are 50–100 mm³; the
  arms: vehicle (PBS i.p. q3d), anti-PD-1 (RMP1-14, 10 mg/kg i.p. q3d ×5), IL-2 mutein (1 mg/kg s.c.
  q3d ×3), combination. Dosing starts on day 7.
* Measurements Monday/Wednesday/Friday (every 2–3 days) from day 7 to day 30: caliper length and width
  (mm, 0.1 mm resolution) and body weight (g, 0.1 g).
* Growth: Gompertz on the log scale from the randomisation volume V₀,
  ln V(τ) = ln V₀ + (a/β)(1 − e^(−βτ)), τ = day − 7, β = 0.035/day, per-animal a log-normal around
  0.28/day in the vehicle arm (vehicle tumors reach 2000 mm³ around day 20–24, as MC38 does).
  Each animal is a progressor (a multiplied by an arm factor: anti-PD-1 0.8, IL-2 mutein 0.85,
  combination 0.65), a stable responder (a × 0.05) or a complete responder (grows for 3–7 days, then
  ln V falls 0.25–0.45 per day; below 15 mm³ it is non-palpable and recorded 0 × 0 mm). Probabilities
  (complete, stable): vehicle (0, 0), anti-PD-1 (0.2, 0.1), IL-2 mutein (0.1, 0.1), combination (0.4, 0.2).
* Calipers: shape ratio L/W 1.1–1.6 per animal, 5 % noise per axis; 3 % of entries typed the wrong way
  round (width before length) to exercise swapping. Non-palpable tumors are recorded as 0 × 0 mm
  (``volume.tumor_volume(..., allow_zero=True)`` gives 0).
* Body weight: +0.04 g/day, plus the tumor mass (1 mm³ ≈ 1 mg), minus cachexia above 800 mm³, minus a
  transient IL-2 related dip around day 11 (IL-2 mutein and combination arms), noise 0.25 g.
* Events: ``endpoint_euthanasia`` on the day the measured volume (L·W²/2) is ≥ 2000 mm³ or the weight
  loss > 20 %; an ulceration (rare, tumors > 1000 mm³) is followed by endpoint euthanasia the same day;
  one combination mouse with severe toxicity is ``found_dead`` on day 13; ``complete_response`` on the
  second consecutive non-palpable measurement. Animals alive on day 30 have no event (censored).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ._common import jsonable

MEASUREMENT_DAYS = (7, 9, 11, 14, 16, 18, 21, 23, 25, 28, 30)
RANDOMISATION_DAY = 7
NONPALPABLE_MM3 = 15.0
ENDPOINT_MM3 = 2000.0


@dataclass(frozen=True)
class SimArm:
    name: str
    treatment: str
    dose: str
    route: str
    schedule: str
    is_control: bool
    dose_days: tuple[int, ...]
    growth_factor: float
    p_complete: float
    p_stable: float


@dataclass(frozen=True)
class SimAnimal:
    tag: str
    arm: str
    cage: str
    sex: str
    implant_day: int
    response_type: str  # "progressor" | "stable" | "complete" (the simulation's truth)


@dataclass(frozen=True)
class SimMeasurement:
    tag: str
    day: int
    length_mm: float | None
    width_mm: float | None
    weight_g: float | None


@dataclass(frozen=True)
class SimEvent:
    tag: str
    day: int
    kind: str
    note: str = ""


@dataclass(frozen=True)
class SimulatedStudy:
    seed: int
    name: str
    tumor_model: str
    strain: str
    volume_formula: str
    endpoint_volume_mm3: float
    weight_loss_endpoint_pct: float
    randomisation_day: int
    end_day: int
    arms: tuple[SimArm, ...]
    animals: tuple[SimAnimal, ...]
    measurements: tuple[SimMeasurement, ...]
    events: tuple[SimEvent, ...]

    def to_dict(self) -> dict[str, Any]:
        return jsonable(asdict(self))


ARMS = (
    SimArm("Vehicle", "PBS", "200 µL", "i.p.", "q3d", True, (7, 10, 13, 16, 19), 1.0, 0.0, 0.0),
    SimArm(
        "anti-PD-1",
        "anti-mouse PD-1 (RMP1-14)",
        "10 mg/kg",
        "i.p.",
        "q3d x5",
        False,
        (7, 10, 13, 16, 19),
        0.8,
        0.2,
        0.1,
    ),
    SimArm("IL-2 mutein", "IL-2 mutein", "1 mg/kg", "s.c.", "q3d x3", False, (7, 10, 13), 0.85, 0.1, 0.1),
    SimArm(
        "anti-PD-1 + IL-2 mutein",
        "anti-PD-1 + IL-2 mutein",
        "10 mg/kg + 1 mg/kg",
        "i.p. + s.c.",
        "q3d x5 + q3d x3",
        False,
        (7, 10, 13, 16, 19),
        0.65,
        0.4,
        0.2,
    ),
)
_TOX_DEPTH_G = {"IL-2 mutein": 0.8, "anti-PD-1 + IL-2 mutein": 1.3}


def simulate_study(seed: int = 0, *, n_per_arm: int = 10, found_dead: bool = True) -> SimulatedStudy:
    """Simulate the study described in the module docstring. Same seed → identical output."""
    rng = np.random.default_rng(seed)
    beta = 0.035
    animals: list[SimAnimal] = []
    measurements: list[SimMeasurement] = []
    events: list[SimEvent] = []
    dead_index = int(rng.integers(n_per_arm)) if found_dead else -1
    k = 0
    for arm_i, arm in enumerate(ARMS):
        for j in range(n_per_arm):
            k += 1
            tag = f"M{k:02d}"
            cage = f"C{arm_i * 2 + j * 2 // n_per_arm + 1}"
            u = rng.random()
            rtype = (
                "complete"
                if u < arm.p_complete
                else ("stable" if u < arm.p_complete + arm.p_stable else "progressor")
            )
            v0 = float(np.clip(math.exp(rng.normal(math.log(75.0), 0.18)), 50.0, 100.0))
            a = 0.28 * math.exp(rng.normal(0.0, 0.15))
            t_resp = rng.uniform(3.0, 7.0)
            k_shrink = rng.uniform(0.25, 0.45)
            ratio = rng.uniform(1.1, 1.6)
            w0 = float(np.clip(rng.normal(20.0, 1.0), 17.5, 23.0))
            tox = (
                max(0.0, rng.normal(_TOX_DEPTH_G.get(arm.name, 0.0), 0.3))
                if arm.name in _TOX_DEPTH_G
                else 0.0
            )
            dies = found_dead and arm_i == 3 and j == dead_index
            if dies:
                rtype = "progressor"
                tox = 3.2
            animals.append(SimAnimal(tag, arm.name, cage, "F", 0, rtype))

            rate = a * {"progressor": arm.growth_factor, "stable": 0.05, "complete": arm.growth_factor}[rtype]
            zeros = 0
            for day in MEASUREMENT_DAYS:
                if dies and day > 11:
                    events.append(
                        SimEvent(tag, 13, "found_dead", "found dead in cage; weight loss after IL-2")
                    )
                    break
                tau = day - RANDOMISATION_DAY
                t_grow = min(tau, t_resp) if rtype == "complete" else tau
                lnv = math.log(v0) + rate / beta * (1.0 - math.exp(-beta * t_grow))
                if rtype == "complete":
                    lnv -= k_shrink * max(0.0, tau - t_resp)
                v_true = math.exp(lnv)
                if v_true < NONPALPABLE_MM3:
                    length = width = 0.0
                    zeros += 1
                else:
                    zeros = 0
                    w_true = (2.0 * v_true / ratio) ** (1.0 / 3.0)
                    length = round(ratio * w_true * (1 + rng.normal(0, 0.05)), 1)
                    width = round(w_true * (1 + rng.normal(0, 0.05)), 1)
                    if width > length:
                        length, width = width, length
                    if rng.random() < 0.03:
                        length, width = width, length  # typed the wrong way round
                lm, wm = max(length, width), min(length, width)
                v_meas = lm * wm * wm / 2.0
                cachexia = 0.8 * max(0.0, (v_true - 800.0) / 1000.0)
                dip = tox * math.exp(-(((day - 11) / 3.0) ** 2))
                weight = round(w0 + 0.04 * tau + v_true / 1000.0 - cachexia - dip + rng.normal(0, 0.25), 1)
                measurements.append(SimMeasurement(tag, day, length, width, weight))
                if zeros == 2:
                    events.append(
                        SimEvent(tag, day, "complete_response", "non-palpable on 2 consecutive days")
                    )
                loss = (w0 - weight) / w0 * 100.0
                if v_meas >= 1000.0 and rng.random() < 0.03:
                    events.append(SimEvent(tag, day, "ulceration", "ulcerated tumor"))
                    events.append(SimEvent(tag, day, "endpoint_euthanasia", "ulceration"))
                    break
                if v_meas >= ENDPOINT_MM3:
                    events.append(SimEvent(tag, day, "endpoint_euthanasia", f"tumor volume {v_meas:.0f} mm³"))
                    break
                if loss > 20.0:
                    events.append(SimEvent(tag, day, "endpoint_euthanasia", f"weight loss {loss:.0f} %"))
                    break
    return SimulatedStudy(
        seed=int(seed),
        name=f"MC38 anti-PD-1 x IL-2 mutein (simulated, seed {seed})",
        tumor_model="MC38",
        strain="C57BL/6",
        volume_formula="lw2_half",
        endpoint_volume_mm3=ENDPOINT_MM3,
        weight_loss_endpoint_pct=20.0,
        randomisation_day=RANDOMISATION_DAY,
        end_day=MEASUREMENT_DAYS[-1],
        arms=ARMS,
        animals=tuple(animals),
        measurements=tuple(measurements),
        events=tuple(events),
    )
