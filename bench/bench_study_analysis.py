"""Timing of the study analyses on a large study: 200 animals (4 arms × 50), 60 days, measured every
2–3 days. Run: ``.venv/bin/python bench/bench_study_analysis.py``. Prints seconds per step."""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studies.analysis.growth import AnimalSeries, compare_log_volumes, summarise_growth  # noqa: E402
from studies.analysis.randomisation import randomise  # noqa: E402
from studies.analysis.survival import SurvivalSubject, analyse_survival  # noqa: E402

N_ARMS, PER_ARM, LAST_DAY = 4, 50, 60


def make_study(seed: int = 0):
    rng = np.random.default_rng(seed)
    days = [7]
    while days[-1] < LAST_DAY:
        days.append(days[-1] + (3 if len(days) % 3 == 2 else 2))
    series, subjects = [], []
    for arm in range(N_ARMS):
        for j in range(PER_ARM):
            tag = f"A{arm}M{j:02d}"
            v0 = rng.uniform(50, 100)
            a = 0.28 * (1 - 0.15 * arm) * math.exp(rng.normal(0, 0.15))
            w0 = rng.normal(20, 1)
            vols, wts, exit_day = [], [], None
            for d in days:
                v = v0 * math.exp(a / 0.035 * (1 - math.exp(-0.035 * (d - 7)))) * math.exp(rng.normal(0, 0.1))
                vols.append((d, v))
                wts.append((d, w0 + 0.04 * (d - 7) + rng.normal(0, 0.3)))
                if v >= 2000:
                    exit_day = d
                    break
            series.append(
                AnimalSeries(
                    tag, f"arm{arm}", vols, wts, exit_day, "endpoint_euthanasia" if exit_day else None
                )
            )
            subjects.append(
                SurvivalSubject(f"arm{arm}", f"arm {arm}", exit_day or vols[-1][0], exit_day is not None)
            )
    return series, subjects


def timed(label: str, fn, repeat: int = 3):
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<40s} {best * 1000:9.1f} ms")
    return out


def main() -> None:
    series, subjects = timed("build study (200 animals, 60 days)", make_study, 1)
    n_meas = sum(len(s.volumes) for s in series)
    print(f"  {len(series)} animals, {n_meas} measurements, {sum(s.event for s in subjects)} endpoint events")
    timed("growth summary (TGI, TGD, responses)", lambda: summarise_growth(series, "arm0"))
    timed("growth summary to_dict", lambda: summarise_growth(series, "arm0").to_dict())
    timed("welch + holm at day 21", lambda: compare_log_volumes(series, 21, control_group="arm0"))
    timed(
        "survival (KM, log-rank, pairwise, Cox)", lambda: analyse_survival(subjects, reference_group="arm0")
    )
    timed("survival to_dict", lambda: analyse_survival(subjects, reference_group="arm0").to_dict())
    timed(
        "randomise 200 animals, 10000 iterations",
        lambda: randomise(
            [(s.animal_id, s.volumes[0][1]) for s in series],
            [(f"g{i}", 50) for i in range(4)],
            min_volume=50,
            max_volume=100,
            seed=1,
        ),
    )


if __name__ == "__main__":
    main()
