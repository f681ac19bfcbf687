"""Tumor growth: group curves, TGI, T/C, growth delay, response classes, body weight, statistics.

Input is one :class:`AnimalSeries` per animal (volumes in mm³ by study day, optional body weights).
Everything is computed on the days the animals were actually measured (no interpolation between days);
group statistics on a day use the animals measured that day, so once animals leave the study (endpoint)
the group mean is that of the survivors, which are the animals with the smaller tumors (survivor bias):
a vehicle mean of the last mouse standing says nothing about the vehicle group. Hence, as the field does
(DOMAIN.md §8 "Group means over time"):

* ``n`` is reported with every mean, and a day's mean is **on the group's mean curve** (``in_curve``)
  only while at least ``mean_curve_min_fraction`` (default 0.5) of the group's animals are measured that
  day; below it the day's statistics are still reported, flagged ``in_curve: false``, and not plotted.
  The group's ``curve_end_day`` is the last day of its curve before the first day below the cut-off.
  The same rule applies to the body-weight means.
* TGI and T/C are **not reported** (``withheld`` with a reason in ``note``) on a day when the control
  group has fewer than ``tgi_min_control_n`` (default 3) animals, or when the control's or the treated
  group's mean is off its curve; the day is still listed with both ``n``.

Every animal keeps its own (spaghetti) series up to its last measurement (DOMAIN.md §7).

Definitions (Δ from baseline; baseline = the randomisation day, by default the first measurement day)
---------------------------------------------------------------------------------------------------
* Group mean ± SEM: SEM = SD/√n (SD with n − 1). Also the median and, on the log scale, the mean and SEM
  of ln(V + c) and the geometric mean exp(mean ln(V + c)) − c; c = ``log_offset`` (default 1 mm³) keeps
  non-palpable tumors (V = 0) finite.
* TGI % = (1 − ΔT/ΔC)·100 with Δ = mean(V_day) − mean(V_baseline) (DOMAIN.md §7; e.g. Hather et al. 2014,
  *Cancer Inform* 13(S4):65). When ΔT < 0 the treated tumors shrank and the **regression %**
  = (1 − mean V_T,day / mean V_T,baseline)·100 is reported *instead* (``tgi_pct`` is None,
  ``regression`` is True; the raw formula value, > 100, is kept as ``tgi_raw_pct``). When ΔC ≤ 0 TGI is
  undefined (None, flagged). ``mean="geometric"`` uses geometric means for TGI and T/C instead.
* T/C % = mean V_T,day / mean V_C,day · 100.
* Tumor growth delay (TGD) = median time to reach ``tgd_volume_mm3`` in a treated group minus that of the
  control (Corbett et al. 1977). Per animal the time is the first measured day with V ≥ target, by default
  log-linearly interpolated with the previous measurement; animals never reaching it are censored at
  their last measurement. ``tgd_method="km"`` takes the Kaplan–Meier median of those times (handles
  censoring; as R ``survfit``: first t with Ŝ < 0.5, or the midpoint where Ŝ is exactly 0.5 over a
  stretch, see :func:`studies.analysis.survival.survival_quantile`); ``"median"`` takes the plain median
  counting non-reachers as +∞.
  Not reached → None.
* Response classes (per animal, mRECIST-like; Gao et al. 2015, *Nat Med* 21:1318, adapted so that CR
  means non-palpable as usual in syngeneic studies). ΔV_t % = (V_t − V_0)/V_0·100 against the animal's
  baseline volume. From the measurements at t − t_0 ≥ ``min_eval_days`` (default 10):
  BestResponse = min ΔV_t, BestAvgResponse = min over t of the mean of ΔV_s for t_0 ≤ s ≤ t.

  - **CR** complete response: V ≤ ``cr_volume_mm3`` (default 0, i.e. non-palpable) on ≥ ``cr_consecutive``
    (default 2) consecutive measurements after baseline (any time after baseline);
  - **PR** partial response: BestResponse < −50 % and BestAvgResponse < −20 %;
  - **SD** stable disease: BestResponse < +35 % and BestAvgResponse < +30 %;
  - **PD** progressive disease: otherwise; also an animal with no measurement in the evaluation window
    whose last ΔV is ≥ +35 % (typically euthanised at endpoint early);
  - **NE** not evaluable: no baseline volume, or too short a follow-up without progression.

  Thresholds are fields of :class:`ResponseCriteria`.
* Body weight % change = (W_t − W_0)/W_0·100 per animal, W_0 the weight on the baseline day (else the
  first weight); group mean ± SEM per day; the nadir per animal.

Statistics
----------
The recommended analysis is a linear mixed model of log volume with time × treatment (DOMAIN.md §7):
:mod:`studies.analysis.mixed` (statsmodels REML, random intercept and slope per animal). This module adds
two simpler comparisons that need no model:

* :func:`compare_log_volumes`: at a chosen day, Welch two-sample t-tests (unequal variances,
  Welch–Satterthwaite df) on ln(V + c), each group vs control (or all pairs), Holm-adjusted
  (:func:`holm`); effect = ratio of geometric means with its 95 % CI. Caveat: on late days the control
  animals with the largest tumors may already have left (informative drop-out), which biases towards
  no difference.
* :func:`compare_growth_rates`: the two-stage "summary measure" approach (Matthews et al. 1990, *BMJ*
  300:230): per-animal OLS slope of ln(V + c) on day (≥ 3 measurements), then Welch t-tests of the slopes
  with Holm adjustment. This tests the time × treatment effect on the growth rate without a mixed model
  and uses every animal's data up to its exit.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
from scipy import stats

from . import ANALYSIS_VERSION
from ._common import holm, json_float, jsonable, mean_sem
from .survival import kaplan_meier, survival_quantile

__all__ = [
    "AnimalSeries",
    "ResponseCriteria",
    "GrowthResult",
    "GrowthComparison",
    "summarise_growth",
    "classify_response",
    "compare_log_volumes",
    "compare_growth_rates",
    "holm",
]


# --------------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class AnimalSeries:
    """One animal's data. ``volumes`` and ``weights`` are (study day, value) pairs, any order.
    ``exit_day``/``exit_reason`` (e.g. ``"endpoint_euthanasia"``) are carried through to the output."""

    animal_id: Hashable
    group_id: Hashable
    volumes: Sequence[tuple[float, float]]
    weights: Sequence[tuple[float, float]] = ()
    exit_day: float | None = None
    exit_reason: str | None = None


@dataclass(frozen=True)
class ResponseCriteria:
    """Thresholds of the response classes (module docstring). Percentages are ΔV % from baseline."""

    cr_volume_mm3: float = 0.0
    cr_consecutive: int = 2
    pr_best_pct: float = -50.0
    pr_avg_pct: float = -20.0
    sd_best_pct: float = 35.0
    sd_avg_pct: float = 30.0
    min_eval_days: float = 10.0


# --------------------------------------------------------------------------------------------------
# Outputs


@dataclass(frozen=True)
class DayStats:
    day: float
    n: int
    mean_volume: float | None
    sem_volume: float | None
    sd_volume: float | None
    median_volume: float | None
    geo_mean_volume: float | None
    log_mean: float | None
    log_sem: float | None
    in_curve: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class WeightStats:
    day: float
    n: int
    mean_pct: float | None
    sem_pct: float | None
    in_curve: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class GroupGrowth:
    group: Hashable
    name: str
    n_animals: int
    series: tuple[DayStats, ...]
    body_weight: tuple[WeightStats, ...]
    response_counts: Mapping[str, int]
    median_days_to_volume: float | None
    growth_delay_days: float | None
    curve_end_day: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": jsonable(self.group),
            "name": self.name,
            "n_animals": self.n_animals,
            "curve_end_day": json_float(self.curve_end_day),
            "series": [d.to_dict() for d in self.series],
            "body_weight": [w.to_dict() for w in self.body_weight],
            "response_counts": dict(self.response_counts),
            "median_days_to_volume": json_float(self.median_days_to_volume),
            "growth_delay_days": json_float(self.growth_delay_days),
        }


@dataclass(frozen=True)
class TgiPoint:
    group: Hashable
    day: float
    tgi_pct: float | None
    tgi_raw_pct: float | None
    regression: bool
    regression_pct: float | None
    tc_pct: float | None
    delta_t: float | None
    delta_c: float | None
    n_treated: int = 0
    n_control: int = 0
    withheld: str | None = None  # why TGI and T/C are not reported on this day (code)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class AnimalGrowth:
    animal: Hashable
    group: Hashable
    days: tuple[float, ...]
    volumes: tuple[float, ...]
    weight_days: tuple[float, ...]
    weights_g: tuple[float, ...]
    weight_change_pct: tuple[float | None, ...]
    weight_nadir_pct: float | None
    baseline_volume: float | None
    response: str
    best_response_pct: float | None
    best_avg_response_pct: float | None
    days_to_volume: float | None
    reached_volume: bool
    last_day: float | None
    exit_day: float | None
    exit_reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class GrowthResult:
    control_group: Hashable
    baseline_day: float | None
    mean: str
    log_offset: float
    tgd_volume_mm3: float
    tgd_method: str
    groups: tuple[GroupGrowth, ...]
    tgi: tuple[TgiPoint, ...]
    animals: tuple[AnimalGrowth, ...]
    criteria: ResponseCriteria
    flags: tuple[dict[str, Any], ...] = field(default=())
    mean_curve_min_fraction: float = 0.5
    tgi_min_control_n: int = 3
    analysis_version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "control_group": jsonable(self.control_group),
            "baseline_day": json_float(self.baseline_day),
            "mean": self.mean,
            "log_offset": self.log_offset,
            "tgd_volume_mm3": self.tgd_volume_mm3,
            "tgd_method": self.tgd_method,
            "mean_curve_min_fraction": self.mean_curve_min_fraction,
            "tgi_min_control_n": self.tgi_min_control_n,
            "groups": [g.to_dict() for g in self.groups],
            "tgi": [t.to_dict() for t in self.tgi],
            "animals": [a.to_dict() for a in self.animals],
            "response_criteria": dict(self.criteria.__dict__),
            "flags": [jsonable(f) for f in self.flags],
            "analysis_version": self.analysis_version,
        }


# --------------------------------------------------------------------------------------------------
# Helpers


def _sorted_pairs(
    pairs: Sequence[tuple[float, float]], what: str, animal: Hashable
) -> tuple[np.ndarray, np.ndarray]:
    rows = [(float(d), float(v)) for d, v in pairs if v is not None and not math.isnan(float(v))]
    rows.sort()
    days = np.array([r[0] for r in rows], dtype=float)
    vals = np.array([r[1] for r in rows], dtype=float)
    if days.size != np.unique(days).size:
        raise ValueError(f"animal {animal!r}: two {what} on the same day")
    if np.any(vals < 0):
        raise ValueError(f"animal {animal!r}: negative {what}")
    return days, vals


def _value_on(days: np.ndarray, vals: np.ndarray, day: float) -> float | None:
    i = np.searchsorted(days, day)
    if i < days.size and days[i] == day:
        return float(vals[i])
    return None


def _day_stats(day: float, v: np.ndarray, c: float, in_curve: bool = True) -> DayStats:
    mean, sem, sd = mean_sem(v)
    if v.size == 0:
        return DayStats(day, 0, None, None, None, None, None, None, None, False)
    lv = np.log(v + c)
    lmean, lsem, _ = mean_sem(lv)
    return DayStats(
        day,
        int(v.size),
        mean,
        sem,
        sd,
        float(np.median(v)),
        float(math.exp(lmean) - c),
        lmean,
        lsem,
        in_curve,
    )


def on_curve(n: int, n_animals: int, min_fraction: float) -> bool:
    """Whether a day's group mean of ``n`` animals belongs on the group's mean curve: n ≥ fraction·N
    (module docstring). A tolerance keeps 5 of 10 at 50 % on the curve despite rounding."""
    return n > 0 and n >= min_fraction * n_animals - 1e-9


def _time_to_volume(
    days: np.ndarray, vols: np.ndarray, target: float, interpolate: bool
) -> tuple[float | None, bool]:
    """First day with V ≥ target (log-linear interpolation with the previous point); else the last day,
    censored."""
    if days.size == 0:
        return None, False
    hit = np.flatnonzero(vols >= target)
    if hit.size == 0:
        return float(days[-1]), False
    i = int(hit[0])
    if not interpolate or i == 0 or vols[i - 1] <= 0:
        return float(days[i]), True
    v0, v1 = math.log(vols[i - 1]), math.log(vols[i])
    if v1 == v0:
        return float(days[i]), True
    frac = (math.log(target) - v0) / (v1 - v0)
    return float(days[i - 1] + frac * (days[i] - days[i - 1])), True


def classify_response(
    days: Sequence[float] | np.ndarray,
    volumes: Sequence[float] | np.ndarray,
    baseline_day: float | None = None,
    criteria: ResponseCriteria | None = None,
) -> tuple[str, float | None, float | None]:
    """Response class ``"CR" | "PR" | "SD" | "PD" | "NE"`` with BestResponse and BestAvgResponse (%),
    for one animal's series (module docstring). ``baseline_day`` defaults to the first measurement."""
    cr = criteria or ResponseCriteria()
    d = np.asarray(days, dtype=float)
    v = np.asarray(volumes, dtype=float)
    order = np.argsort(d, kind="stable")
    d, v = d[order], v[order]
    if d.size == 0:
        return "NE", None, None
    t0 = float(d[0]) if baseline_day is None else float(baseline_day)
    v0 = _value_on(d, v, t0)
    after = d > t0
    # CR: non-palpable on >= k consecutive measurements after baseline
    run = 0
    for vol in v[after]:
        run = run + 1 if vol <= cr.cr_volume_mm3 else 0
        if run >= cr.cr_consecutive:
            return ("CR", *_best(d, v, t0, v0, cr))
    if v0 is None or v0 <= 0:
        return "NE", None, None
    best, best_avg = _best(d, v, t0, v0, cr)
    if best is None:
        post = v[after]
        if post.size and (post[-1] - v0) / v0 * 100.0 >= cr.sd_best_pct:
            return "PD", None, None
        return "NE", None, None
    if best < cr.pr_best_pct and best_avg < cr.pr_avg_pct:
        return "PR", best, best_avg
    if best < cr.sd_best_pct and best_avg < cr.sd_avg_pct:
        return "SD", best, best_avg
    return "PD", best, best_avg


def _best(
    d: np.ndarray, v: np.ndarray, t0: float, v0: float | None, cr: ResponseCriteria
) -> tuple[float | None, float | None]:
    if v0 is None or v0 <= 0:
        return None, None
    keep = d >= t0
    dd, dv = d[keep], (v[keep] - v0) / v0 * 100.0
    running_avg = np.cumsum(dv) / np.arange(1, dv.size + 1)
    ev = dd - t0 >= cr.min_eval_days
    if not ev.any():
        return None, None
    return float(dv[ev].min()), float(running_avg[ev].min())


# --------------------------------------------------------------------------------------------------
# Main summary


def summarise_growth(
    animals: Sequence[AnimalSeries],
    control_group: Hashable,
    *,
    group_names: Mapping[Hashable, str] | None = None,
    baseline_day: float | None = None,
    mean: str = "arithmetic",
    log_offset: float = 1.0,
    tgd_volume_mm3: float = 1000.0,
    tgd_method: str = "km",
    tgd_interpolate: bool = True,
    criteria: ResponseCriteria | None = None,
    mean_curve_min_fraction: float = 0.5,
    tgi_min_control_n: int = 3,
) -> GrowthResult:
    """Per group and day ``{n, mean_volume, sem_volume, …}``, TGI/T-C per day vs ``control_group``,
    growth delay, response classes, body weight and per-animal series (see module docstring).

    ``baseline_day`` defaults to the first day any animal was measured (the randomisation day when
    measurements start there). ``mean`` is ``"arithmetic"`` or ``"geometric"`` (for TGI and T/C).
    ``mean_curve_min_fraction`` (0–1] and ``tgi_min_control_n`` (≥ 1) guard against survivor bias
    (module docstring).
    """
    if not 0 < mean_curve_min_fraction <= 1:
        raise ValueError("mean_curve_min_fraction must be in (0, 1]")
    if int(tgi_min_control_n) != tgi_min_control_n or tgi_min_control_n < 1:
        raise ValueError("tgi_min_control_n must be a whole number ≥ 1")
    tgi_min_control_n = int(tgi_min_control_n)
    if mean not in ("arithmetic", "geometric"):
        raise ValueError("mean must be 'arithmetic' or 'geometric'")
    if tgd_method not in ("km", "median"):
        raise ValueError("tgd_method must be 'km' or 'median'")
    if log_offset < 0:
        raise ValueError("log_offset must be ≥ 0")
    crit = criteria or ResponseCriteria()
    names = dict(group_names or {})
    flags: list[dict[str, Any]] = []

    order: list[Hashable] = []
    parsed = []
    seen_ids: set = set()
    for a in animals:
        if a.animal_id in seen_ids:
            raise ValueError(f"animal {a.animal_id!r} appears twice")
        seen_ids.add(a.animal_id)
        if a.group_id not in order:
            order.append(a.group_id)
        vd, vv = _sorted_pairs(a.volumes, "volumes", a.animal_id)
        wd, ww = _sorted_pairs(a.weights, "weights", a.animal_id)
        parsed.append((a, vd, vv, wd, ww))
    if control_group not in order:
        flags.append(
            {
                "code": "no_control",
                "message": f"Control group {str(names.get(control_group, control_group))!r} has no animals: "
                "no TGI, T/C or growth delay.",
                "group": jsonable(control_group),
            }
        )
    all_days = np.unique(np.concatenate([p[1] for p in parsed])) if parsed else np.array([])
    if baseline_day is None and all_days.size:
        baseline_day = float(all_days[0])
    c = float(log_offset)

    # per animal
    animal_rows: list[AnimalGrowth] = []
    for a, vd, vv, wd, ww in parsed:
        v0 = _value_on(vd, vv, baseline_day) if baseline_day is not None else None
        resp, best, best_avg = (
            classify_response(vd, vv, baseline_day, crit) if vd.size else ("NE", None, None)
        )
        w0 = _value_on(wd, ww, baseline_day) if baseline_day is not None else None
        if w0 is None and ww.size:
            w0 = float(ww[0])
        wpct = tuple(((w - w0) / w0 * 100.0) if w0 else None for w in ww)
        nadir = min((p for p in wpct if p is not None), default=None)
        ttv, reached = _time_to_volume(vd, vv, tgd_volume_mm3, tgd_interpolate)
        animal_rows.append(
            AnimalGrowth(
                a.animal_id,
                a.group_id,
                tuple(vd.tolist()),
                tuple(vv.tolist()),
                tuple(wd.tolist()),
                tuple(ww.tolist()),
                wpct,
                nadir,
                v0,
                resp,
                best,
                best_avg,
                ttv,
                reached,
                float(vd[-1]) if vd.size else None,
                a.exit_day,
                a.exit_reason,
            )
        )

    # per group and day
    # (n, arithmetic mean, geometric mean, on the mean curve) per (group, day)
    day_means: dict[tuple[Hashable, float], tuple[int, float, float, bool]] = {}
    groups_out: list[GroupGrowth] = []
    medians_ttv: dict[Hashable, float | None] = {}
    curve_ends: dict[Hashable, float | None] = {}
    frac = float(mean_curve_min_fraction)
    for g in order:
        members = [(p, r) for p, r in zip(parsed, animal_rows, strict=True) if p[0].group_id == g]
        n_group = len(members)
        series = []
        gdays = np.unique(np.concatenate([p[1] for p, _ in members]))
        stopped = None
        for day in gdays:
            v = np.array([val for p, _ in members if (val := _value_on(p[1], p[2], day)) is not None])
            ds = _day_stats(float(day), v, c, on_curve(int(v.size), n_group, frac))
            if not ds.in_curve and stopped is None and ds.n:
                stopped = ds
            series.append(ds)
            if ds.n:
                day_means[(g, float(day))] = (ds.n, ds.mean_volume, ds.geo_mean_volume, ds.in_curve)
        before_stop = [ds.day for ds in series if ds.in_curve and (stopped is None or ds.day < stopped.day)]
        curve_ends[g] = before_stop[-1] if before_stop else None
        if stopped is not None:
            flags.append(
                {
                    "code": "mean_curve_stopped",
                    "message": f"{names.get(g, g)}: mean curve stops after day {curve_ends[g]:g} — on day "
                    f"{stopped.day:g} only {stopped.n} of {n_group} animals were measured "
                    f"(< {frac * 100:g} %); later means are of the survivors and are not plotted."
                    if curve_ends[g] is not None
                    else f"{names.get(g, g)}: fewer than {frac * 100:g} % of its {n_group} animals were "
                    "measured on any day; no mean curve.",
                    "group": jsonable(g),
                    "day": stopped.day,
                }
            )
        wdays = np.unique(np.concatenate([p[3] for p, _ in members])) if members else np.array([])
        wstats = []
        for day in wdays:
            pcts = []
            for p, r in members:
                i = np.searchsorted(p[3], day)
                if i < p[3].size and p[3][i] == day and r.weight_change_pct[i] is not None:
                    pcts.append(r.weight_change_pct[i])
            m, s, _ = mean_sem(np.array(pcts))
            wstats.append(
                WeightStats(float(day), len(pcts), json_float(m), s, on_curve(len(pcts), n_group, frac))
            )
        counts = {k: 0 for k in ("CR", "PR", "SD", "PD", "NE")}
        for _, r in members:
            counts[r.response] += 1
        times = np.array([r.days_to_volume for _, r in members if r.days_to_volume is not None], dtype=float)
        reached = np.array([r.reached_volume for _, r in members if r.days_to_volume is not None], dtype=bool)
        medians_ttv[g] = _median_time(times, reached, tgd_method)
        groups_out.append(
            GroupGrowth(
                g,
                names.get(g, str(g)),
                len(members),
                tuple(series),
                tuple(wstats),
                counts,
                medians_ttv[g],
                None,
                curve_ends[g],
            )
        )

    # growth delay vs control
    ctrl_med = medians_ttv.get(control_group)
    groups_out = [
        GroupGrowth(
            gg.group,
            gg.name,
            gg.n_animals,
            gg.series,
            gg.body_weight,
            gg.response_counts,
            gg.median_days_to_volume,
            (gg.median_days_to_volume - ctrl_med)
            if (gg.group != control_group and gg.median_days_to_volume is not None and ctrl_med is not None)
            else None,
            gg.curve_end_day,
        )
        for gg in groups_out
    ]
    if control_group in order and ctrl_med is None:
        flags.append(
            {
                "code": "control_median_not_reached",
                "message": f"Control median time to {tgd_volume_mm3:g} mm³ not reached: no growth delay.",
                "group": jsonable(control_group),
            }
        )

    # TGI and T/C per day
    tgi_rows: list[TgiPoint] = []
    k = 1 if mean == "arithmetic" else 2
    withheld_days: dict[str, list[float]] = {}
    if control_group in order and baseline_day is not None:
        cb = day_means.get((control_group, baseline_day))
        if cb is None:
            flags.append(
                {
                    "code": "no_baseline",
                    "message": f"Control group has no measurement on the baseline "
                    f"day {baseline_day:g}: no TGI.",
                    "group": jsonable(control_group),
                }
            )
        warned_c = False
        cname = names.get(control_group, control_group)
        for g in order:
            if g == control_group:
                continue
            tb = day_means.get((g, baseline_day))
            if tb is None:
                flags.append(
                    {
                        "code": "no_baseline",
                        "message": f"Group {names.get(g, g)!r} has no measurement "
                        f"on the baseline day {baseline_day:g}: TGI not computed.",
                        "group": jsonable(g),
                    }
                )
            for gg in groups_out:
                if gg.group != g:
                    continue
                for ds in gg.series:
                    day = ds.day
                    if day <= baseline_day or ds.n == 0:
                        continue
                    cd = day_means.get((control_group, day))
                    if cd is None:
                        continue
                    n_t, n_c = ds.n, cd[0]
                    why = note = None
                    if n_c < tgi_min_control_n:
                        why = "control_below_min_n"
                        note = (
                            f"Only {n_c} control animal{'s' if n_c != 1 else ''} measured on day {day:g} "
                            f"(fewer than {tgi_min_control_n}): no TGI or T/C."
                        )
                    elif not cd[3]:
                        why = "control_curve_stopped"
                        note = (
                            f"{cname}: {n_c} animals on day {day:g}, below {frac * 100:g} % of the group; "
                            "its mean is that of the survivors: no TGI or T/C."
                        )
                    elif not ds.in_curve:
                        why = "group_curve_stopped"
                        note = (
                            f"{names.get(g, g)}: {n_t} animals on day {day:g}, below {frac * 100:g} % of the "
                            "group; its mean is that of the survivors: no TGI or T/C."
                        )
                    if why is not None:
                        withheld_days.setdefault(why, []).append(day)
                        tgi_rows.append(
                            TgiPoint(g, day, None, None, False, None, None, None, None, n_t, n_c, why, note)
                        )
                        continue
                    mt, mc = day_means[(g, day)][k], cd[k]
                    tc = mt / mc * 100.0 if mc > 0 else None
                    tgi = raw = reg_pct = dt = dc = None
                    regression = False
                    if tb is not None and cb is not None:
                        dt, dc = mt - tb[k], mc - cb[k]
                        if dc > 0:
                            raw = (1.0 - dt / dc) * 100.0
                            tgi = raw
                        elif not warned_c:
                            warned_c = True
                            flags.append(
                                {
                                    "code": "control_not_growing",
                                    "message": "Control mean did not grow "
                                    "from baseline on some days: TGI undefined there.",
                                    "group": jsonable(control_group),
                                }
                            )
                        if dt < 0:
                            regression = True
                            reg_pct = (1.0 - mt / tb[k]) * 100.0 if tb[k] > 0 else None
                            tgi = None
                    tgi_rows.append(TgiPoint(g, day, tgi, raw, regression, reg_pct, tc, dt, dc, n_t, n_c))
    if withheld_days:
        parts = []
        labels = {
            "control_below_min_n": f"the control had fewer than {tgi_min_control_n} animals",
            "control_curve_stopped": f"fewer than {frac * 100:g} % of the control animals remained",
            "group_curve_stopped": f"fewer than {frac * 100:g} % of a treated group remained",
        }
        for why, days in withheld_days.items():
            ds = sorted(set(days))
            parts.append(
                f"on day{'s' if len(ds) > 1 else ''} {', '.join(f'{d:g}' for d in ds)} ({labels[why]})"
            )
        flags.append(
            {
                "code": "tgi_withheld",
                "message": "No TGI or T/C " + "; ".join(parts) + ": those means are of the survivors.",
                "group": jsonable(control_group),
            }
        )

    return GrowthResult(
        control_group,
        baseline_day,
        mean,
        c,
        float(tgd_volume_mm3),
        tgd_method,
        tuple(groups_out),
        tuple(tgi_rows),
        tuple(animal_rows),
        crit,
        tuple(flags),
        frac,
        tgi_min_control_n,
    )


def _median_time(times: np.ndarray, reached: np.ndarray, method: str) -> float | None:
    if times.size == 0:
        return None
    if method == "km":
        # study days can be negative (measured before day 0): KM needs times >= 0, so shift and shift back
        origin = min(0.0, float(np.min(times)))
        km = kaplan_meier(times - origin, reached, ci_method="log-log")
        median = survival_quantile(km.times, km.survival, 0.5)
        return None if median is None else median + origin
    t = np.where(reached, times, np.inf)
    med = float(np.median(t))
    return med if math.isfinite(med) else None


# --------------------------------------------------------------------------------------------------
# Statistics


@dataclass(frozen=True)
class Comparison:
    a: Hashable
    b: Hashable
    n_a: int
    n_b: int
    mean_a: float | None
    mean_b: float | None
    ratio: float | None
    ratio_ci95: tuple[float | None, float | None]
    t: float | None
    df: float | None
    p: float | None
    p_adjusted: float | None

    def to_dict(self) -> dict[str, Any]:
        d = {k: jsonable(v) for k, v in self.__dict__.items()}
        return d


@dataclass(frozen=True)
class GrowthComparison:
    """``method``: what was compared; ``ratio`` is exp(mean_b − mean_a): for log volumes the ratio of
    geometric means b/a, for growth rates exp of the slope difference (fold change per day)."""

    method: str
    day: float | None
    comparisons: tuple[Comparison, ...]
    adjustment: str = "holm"
    note: str = "See mixed_model for the linear mixed model of log volume (time × treatment)."

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "day": json_float(self.day),
            "comparisons": [c.to_dict() for c in self.comparisons],
            "adjustment": self.adjustment,
            "note": self.note,
        }


def welch(
    a: np.ndarray, b: np.ndarray, alpha: float = 0.05
) -> tuple[float, float, float, float, float, float]:
    """Welch t-test of mean(b) − mean(a): (diff, t, df, p, ci_low, ci_high). Needs n ≥ 2 in both."""
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    diff = float(b.mean() - a.mean())
    se = math.sqrt(va + vb)
    if se == 0:
        return diff, math.nan, math.nan, math.nan, diff, diff
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    t = diff / se
    p = float(2 * stats.t.sf(abs(t), df))
    q = float(stats.t.ppf(1 - alpha / 2, df))
    return diff, t, float(df), p, diff - q * se, diff + q * se


def _pairs(
    order: list[Hashable], control: Hashable | None, comparisons: str
) -> list[tuple[Hashable, Hashable]]:
    if comparisons == "all":
        return list(combinations(order, 2))
    if comparisons != "vs_control":
        raise ValueError("comparisons must be 'vs_control' or 'all'")
    if control not in order:
        return []
    return [(control, g) for g in order if g != control]


def _compare(
    values: dict[Hashable, list[float]],
    order: list[Hashable],
    control: Hashable | None,
    comparisons: str,
    method: str,
    day: float | None,
) -> GrowthComparison:
    raw = []
    for a, b in _pairs(order, control, comparisons):
        va, vb = np.array(values.get(a, []), float), np.array(values.get(b, []), float)
        ma = float(va.mean()) if va.size else None
        mb = float(vb.mean()) if vb.size else None
        if va.size >= 2 and vb.size >= 2:
            diff, t, df, p, lo, hi = welch(va, vb)
            raw.append(
                [a, b, va.size, vb.size, ma, mb, math.exp(diff), (math.exp(lo), math.exp(hi)), t, df, p]
            )
        else:
            raw.append([a, b, va.size, vb.size, ma, mb, None, (None, None), None, None, None])
    adj = holm([r[-1] for r in raw])
    comps = tuple(Comparison(*r, pa) for r, pa in zip(raw, adj, strict=True))
    return GrowthComparison(method, day, comps)


def compare_log_volumes(
    animals: Sequence[AnimalSeries],
    day: float,
    *,
    control_group: Hashable | None = None,
    comparisons: str = "vs_control",
    log_offset: float = 1.0,
) -> GrowthComparison:
    """Welch t-tests of ln(V + c) on ``day`` with Holm adjustment (module docstring). ``ratio`` is the
    ratio of geometric means (of V + c) b/a with its Welch 95 % CI."""
    order: list[Hashable] = []
    vals: dict[Hashable, list[float]] = {}
    for a in animals:
        if a.group_id not in order:
            order.append(a.group_id)
        d, v = _sorted_pairs(a.volumes, "volumes", a.animal_id)
        x = _value_on(d, v, float(day))
        if x is not None:
            vals.setdefault(a.group_id, []).append(math.log(x + log_offset))
    return _compare(vals, order, control_group, comparisons, "welch_t_log_volume", float(day))


def compare_growth_rates(
    animals: Sequence[AnimalSeries],
    *,
    control_group: Hashable | None = None,
    comparisons: str = "vs_control",
    day_range: tuple[float, float] | None = None,
    log_offset: float = 1.0,
    min_points: int = 3,
) -> GrowthComparison:
    """Per-animal OLS slope of ln(V + c) on day (within ``day_range`` if given, ≥ ``min_points``
    measurements), compared between groups by Welch t-tests with Holm adjustment (two-stage summary
    measure analysis; module docstring). ``mean_a``/``mean_b`` are mean slopes (per day)."""
    order: list[Hashable] = []
    vals: dict[Hashable, list[float]] = {}
    for a in animals:
        if a.group_id not in order:
            order.append(a.group_id)
        d, v = _sorted_pairs(a.volumes, "volumes", a.animal_id)
        if day_range is not None:
            keep = (d >= day_range[0]) & (d <= day_range[1])
            d, v = d[keep], v[keep]
        if d.size >= max(min_points, 2) and np.ptp(d) > 0:
            slope = float(np.polyfit(d, np.log(v + log_offset), 1)[0])
            vals.setdefault(a.group_id, []).append(slope)
    return _compare(vals, order, control_group, comparisons, "welch_t_log_growth_rate", None)
