"""T-cell stimulation time courses (DOMAIN.md section 6): concentration over time per condition.

Each time point (6, 12, 24, 48 h) is a run quantified against its own standard curve. Per condition:
the mean concentration and its spread at each time, the peak and its time, and the area under the curve
by the trapezoidal rule over the measured times (unit × h). Out-of-range values are not numbers and are
reported as flags; they do not enter means or the AUC.

The spread, and what it is the spread of (``spread``):

* ``"runs"``: where two or more independent runs measured a time point, the mean and SD (n - 1, as R
  ``sd()``) of the runs' reported concentrations; n = the number of runs.
* ``"wells"``: where one run measured it, the run's reported concentration (the mean of its replicate
  wells, read back through the curve) and the SD of the replicate wells' own back-calculated concentrations
  (x dilution); n = the number of wells. This is within-run (technical) precision only.
* ``None``: no spread (a single well, or a result stored without per-well concentrations).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from ._util import clean


@dataclass(frozen=True)
class Observation:
    condition: str
    time_h: float
    value: float | None  # reported concentration, None when out of range
    flag: str | None = None
    unit: str | None = None
    run: int | str | None = None  # the run that measured it: several runs at one time are independent
    replicates: tuple[float, ...] = ()  # each replicate well's back-calculated concentration (x dilution)


@dataclass(frozen=True)
class ConditionCourse:
    condition: str
    unit: str | None
    times_h: tuple[float, ...]
    means: tuple[float | None, ...]
    sds: tuple[float | None, ...]
    ns: tuple[int, ...]
    flags: tuple[tuple[str, ...], ...]
    peak: float | None
    time_of_peak_h: float | None
    auc: float | None
    notes: tuple[str, ...] = field(default_factory=tuple)
    spreads: tuple[str | None, ...] = ()

    def to_dict(self) -> dict:
        return clean(
            {
                "condition": self.condition,
                "unit": self.unit,
                "times_h": list(self.times_h),
                "mean": list(self.means),
                "sd": list(self.sds),
                "n": list(self.ns),
                "spread": list(self.spreads) or [None] * len(self.times_h),
                "flags": [list(f) for f in self.flags],
                "peak": self.peak,
                "time_of_peak_h": self.time_of_peak_h,
                "auc": self.auc,
                "auc_unit": f"{self.unit}·h" if self.unit else "h",
                "notes": list(self.notes),
            }
        )


def _finite(values) -> list[float]:
    return [float(v) for v in values if v is not None and math.isfinite(v)]


def _at_time(observations: list[Observation]) -> tuple[float | None, float | None, int, str | None]:
    """(mean, SD, n, spread) of one condition at one time point (see the module docstring)."""
    per_run: dict[object, list[Observation]] = {}
    for index, obs in enumerate(observations):
        per_run.setdefault(obs.run if obs.run is not None else ("obs", index), []).append(obs)
    run_values, run_wells = [], []
    for obs_of_run in per_run.values():
        values = _finite(o.value for o in obs_of_run)
        if values:
            run_values.append(sum(values) / len(values))
            run_wells.append(_finite(v for o in obs_of_run if o.value is not None for v in o.replicates))
    if not run_values:
        return None, None, 0, None
    if len(run_values) >= 2:
        return statistics.fmean(run_values), statistics.stdev(run_values), len(run_values), "runs"
    wells = run_wells[0]
    if len(wells) >= 2:
        return run_values[0], statistics.stdev(wells), len(wells), "wells"
    return run_values[0], None, max(len(wells), 1), None


def summarise_time_course(observations: list[Observation]) -> list[ConditionCourse]:
    by_condition: dict[str, dict[float, list[Observation]]] = {}
    for obs in observations:
        by_condition.setdefault(obs.condition, {}).setdefault(float(obs.time_h), []).append(obs)
    courses = []
    for condition in sorted(by_condition):
        per_time = by_condition[condition]
        times = tuple(sorted(per_time))
        means, sds, ns, flags, spreads = [], [], [], [], []
        unit = next((o.unit for obs in per_time.values() for o in obs if o.unit), None)
        for t in times:
            mean, sd, n, spread = _at_time(per_time[t])
            means.append(mean)
            sds.append(sd)
            ns.append(n)
            spreads.append(spread)
            flags.append(tuple(sorted({o.flag for o in per_time[t] if o.flag})))
        known = [(t, m) for t, m in zip(times, means, strict=True) if m is not None]
        peak_t, peak = max(known, key=lambda tm: tm[1]) if known else (None, None)
        notes = []
        auc = None
        if len(known) >= 2:
            auc = sum((t2 - t1) * (m1 + m2) / 2 for (t1, m1), (t2, m2) in zip(known, known[1:], strict=False))
            if len(known) < len(times):
                notes.append("AUC over the time points with a value; out-of-range points are left out")
        if any("above_range" in f for f in flags):
            notes.append(
                "some values are above the range: the peak may be higher (re-assay at a higher dilution)"
            )
        courses.append(
            ConditionCourse(
                condition,
                unit,
                times,
                tuple(means),
                tuple(sds),
                tuple(ns),
                tuple(flags),
                peak,
                peak_t,
                auc,
                tuple(notes),
                tuple(spreads),
            )
        )
    return courses
