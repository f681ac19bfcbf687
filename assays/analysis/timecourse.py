"""T-cell stimulation time courses (DOMAIN.md section 6): concentration over time per condition.

Each time point (6, 12, 24, 48 h) is a run quantified against its own standard curve. Per condition:
the mean concentration and replicate spread at each time, the peak and its time, and the area under
the curve by the trapezoidal rule over the measured times (unit × h). Out-of-range values are not
numbers and are reported as flags; they do not enter means or the AUC.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ._util import clean


@dataclass(frozen=True)
class Observation:
    condition: str
    time_h: float
    value: float | None  # reported concentration, None when out of range
    flag: str | None = None
    unit: str | None = None


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

    def to_dict(self) -> dict:
        return clean(
            {
                "condition": self.condition,
                "unit": self.unit,
                "times_h": list(self.times_h),
                "mean": list(self.means),
                "sd": list(self.sds),
                "n": list(self.ns),
                "flags": [list(f) for f in self.flags],
                "peak": self.peak,
                "time_of_peak_h": self.time_of_peak_h,
                "auc": self.auc,
                "auc_unit": f"{self.unit}·h" if self.unit else "h",
                "notes": list(self.notes),
            }
        )


def summarise_time_course(observations: list[Observation]) -> list[ConditionCourse]:
    by_condition: dict[str, dict[float, list[Observation]]] = {}
    for obs in observations:
        by_condition.setdefault(obs.condition, {}).setdefault(float(obs.time_h), []).append(obs)
    courses = []
    for condition in sorted(by_condition):
        per_time = by_condition[condition]
        times = tuple(sorted(per_time))
        means, sds, ns, flags = [], [], [], []
        unit = next((o.unit for obs in per_time.values() for o in obs if o.unit), None)
        for t in times:
            values = [o.value for o in per_time[t] if o.value is not None and math.isfinite(o.value)]
            ns.append(len(values))
            flags.append(tuple(sorted({o.flag for o in per_time[t] if o.flag})))
            if values:
                mean = sum(values) / len(values)
                means.append(mean)
                sds.append(
                    math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
                    if len(values) > 1
                    else None
                )
            else:
                means.append(None)
                sds.append(None)
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
            )
        )
    return courses
