"""Non-compartmental analysis (NCA) of serum IL-2 per animal, and the concentration–time summary per arm.

Inputs are the ELISA results of one animal's serum samples: the time since the (last) dose in hours,
the back-calculated concentration, and whether the sample was below the lower limit of quantification
(LLOQ) with that LLOQ. Replicate wells are averaged by the caller: one sample per time per animal.
The conventions follow the R package PKNCA (Denney et al.; defaults of ``PKNCA.options()``), which in
turn follows Gabrielsson & Weiner (*Pharmacokinetic & Pharmacodynamic Data Analysis*, 4th ed. 2000,
§2.8) and the FDA/EMA NCA conventions. ``docs/science-pk.md`` has the formulas and sources.

Below the LLOQ (``PKNCA.options("conc.blq")``: first = "keep" as 0, middle = "drop", last = "keep")
-----------------------------------------------------------------------------------------------------
* A BLQ sample **before the first measurable concentration** counts as **0** (drug not yet absorbed;
  it contributes the rising area from 0).
* A BLQ sample **after the first measurable concentration** is **dropped**: the AUC interpolates
  between the measurable neighbours, and it never enters λz. PKNCA keeps trailing BLQ (after Tlast)
  as 0, but AUC0–last stops at Tlast and λz uses only positive concentrations, so dropping them gives
  the same AUC0–last, λz and AUC0–∞ (it would matter only for AUCall, which is not reported).
* Cmax, Tmax, Clast and Tlast come from **measured** values only; BLQ is never a number here.
* All samples BLQ: Cmax/Tmax/Clast/Tlast are ``None``, AUC0–last is 0 (every point is 0 by the first
  rule), flag ``all_below_lloq``.

Parameters
----------
* **Cmax**, **Tmax**: the largest measured concentration and the first time it occurs
  (PKNCA ``first.tmax = TRUE``). **Clast**, **Tlast**: the last measured (> 0) concentration and time.
* **AUC0–last** by the **linear-up/log-down** trapezoid rule (PKNCA ``auc.method = "lin up/log down"``,
  its default): for consecutive points (t₁, C₁), (t₂, C₂) the area is
  (t₂ − t₁)·(C₁ − C₂)/ln(C₁/C₂) when C₂ < C₁ and both > 0 (log-down), else (t₂ − t₁)·(C₁ + C₂)/2.
  ``auc_method="linear"`` gives the plain linear trapezoid (WinNonlin "Linear Trapezoidal Linear
  Interpolation"). The area runs from the dose (t = 0) to Tlast: when the first sample is after t = 0
  a concentration of 0 at t = 0 is assumed (PKNCA ``impute = "start_conc0"``; right for a single
  extravascular or IP dose, flag ``zero_imputed_at_dose``); with ``impute_zero_at_dose=False`` the area
  starts at the first sample (``auc_start_h``), as for a later dose with residual drug.
* **λz** (terminal elimination rate) by least squares of ln C on t over the last n measured points
  strictly after Tmax (PKNCA ``allow.tmax.in.half.life = FALSE``), n = 3 … all such points
  (``min.hl.points = 3``). Each candidate has R² and adjusted R² = 1 − (1 − R²)(n − 1)/(n − 2). The fit
  chosen (PKNCA ``pk.calc.half.life``): among candidates with λz > 0 and adjusted R² > (the best adjusted
  R² of all candidates − 1e-4) (``adj.r.squared.factor``), the one with the most points.
  Half-life t½ = ln 2/λz; span ratio = (t_last − t_first of the fit)/t½.
* **Reliability** of λz (PKNCA's exclusion rules, which it applies on request; applied here as flags):
  adjusted R² < 0.9 (``exclude_nca_min.hl.adj.r.squared`` default 0.9; PKNCA's ``min.hl.r.squared`` is
  also 0.9, on the unadjusted R²), span ratio < 2 (``min.span.ratio``). Not estimable: fewer than 3
  points after Tmax (``too_few_points``) or no candidate with λz > 0 (``lambda_z_not_positive``).
* **AUC0–∞** = AUC0–last + Clast/λz (observed Clast, PKNCA ``aucinf.obs``); % extrapolated =
  100·(AUC0–∞ − AUC0–last)/AUC0–∞; flagged above 20 % (``max.aucinf.pext``). AUC0–∞ is "reliable"
  only when λz is reliable and the extrapolation is ≤ 20 %.

Arm summary of concentration–time (per nominal time)
----------------------------------------------------
n sampled, n measured, n BLQ; mean and SD (ddof = 1) **over the measured values only**; when more than
half of the samples at a time are BLQ the mean and SD are not reported (``None``, ``mostly_below_lloq``),
since a mean of the few measurable values would overstate the arm (the common reporting convention,
e.g. PKNCA's summary rule ``max.missing = 0.5``). BLQ is never set to 0 or LLOQ/2 for the mean. The
highest LLOQ at that time is given so a plot can draw it.

Bad input raises ``ValueError`` with a message naming the animal: a negative time (before the dose),
a duplicated time, a negative concentration, a missing concentration not flagged BLQ, no samples.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import ANALYSIS_VERSION
from ._common import json_float, jsonable

AUC_METHODS = ("lin-up/log-down", "linear")

#: PKNCA defaults (``PKNCA.options()``) used here.
MIN_POINTS = 3  # min.hl.points
ADJ_R2_TOLERANCE = 1e-4  # adj.r.squared.factor
MIN_ADJ_R_SQUARED = 0.9  # exclude_nca_min.hl.adj.r.squared(); min.hl.r.squared is 0.9 too
MIN_SPAN_RATIO = 2.0  # min.span.ratio
MAX_EXTRAPOLATED_PERCENT = 20.0  # max.aucinf.pext


@dataclass(frozen=True)
class PKSample:
    """One serum sample: time since the dose (h), the concentration (ignored when ``below_lloq``), whether
    it was below the LLOQ and that LLOQ, and optionally the nominal time for the arm summary
    (defaults to ``time_h``)."""

    time_h: float
    concentration: float | None
    below_lloq: bool = False
    lloq: float | None = None
    nominal_time_h: float | None = None


@dataclass(frozen=True)
class AnimalSamples:
    """One animal's profile: its id, its arm (id and display name) and its samples."""

    animal_id: Hashable
    arm_id: Hashable
    arm_name: str
    samples: Sequence[PKSample]


@dataclass(frozen=True)
class LambdaZ:
    """The terminal elimination fit. ``estimable`` False means no value (see ``reasons``)."""

    estimable: bool
    lambda_z: float | None = None
    half_life: float | None = None
    intercept: float | None = None
    r_squared: float | None = None
    adj_r_squared: float | None = None
    n_points: int | None = None
    time_first: float | None = None
    time_last: float | None = None
    span_ratio: float | None = None
    clast_pred: float | None = None
    reliable: bool = False
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "estimable": self.estimable,
                "lambda_z": self.lambda_z,
                "half_life": self.half_life,
                "intercept": self.intercept,
                "r_squared": self.r_squared,
                "adj_r_squared": self.adj_r_squared,
                "n_points": self.n_points,
                "time_first": self.time_first,
                "time_last": self.time_last,
                "span_ratio": self.span_ratio,
                "clast_pred": self.clast_pred,
                "reliable": self.reliable,
                "reasons": list(self.reasons),
            }
        )


@dataclass(frozen=True)
class PointUse:
    """A sample as used: the concentration the AUC took (0 for a leading BLQ, ``None`` if dropped)."""

    time_h: float
    nominal_time_h: float
    concentration: float | None
    below_lloq: bool
    lloq: float | None
    auc_concentration: float | None
    in_lambda_z: bool

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "time_h": self.time_h,
                "nominal_time_h": self.nominal_time_h,
                "concentration": self.concentration,
                "below_lloq": self.below_lloq,
                "lloq": self.lloq,
                "auc_concentration": self.auc_concentration,
                "in_lambda_z": self.in_lambda_z,
            }
        )


@dataclass(frozen=True)
class NCAResult:
    """Non-compartmental parameters of one animal (times in h, AUC in concentration·h)."""

    animal_id: Hashable
    arm_id: Hashable
    arm_name: str
    n_samples: int
    n_measured: int
    n_below_lloq: int
    cmax: float | None
    tmax: float | None
    clast: float | None
    tlast: float | None
    auc_last: float
    auc_method: str
    auc_start_h: float
    zero_imputed_at_dose: bool
    lambda_z: LambdaZ
    auc_inf: float | None
    auc_percent_extrapolated: float | None
    auc_inf_reliable: bool
    flags: tuple[str, ...]
    points: tuple[PointUse, ...] = field(default=())

    @property
    def half_life(self) -> float | None:
        return self.lambda_z.half_life

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "animal_id": self.animal_id,
                "arm_id": self.arm_id,
                "arm_name": self.arm_name,
                "n_samples": self.n_samples,
                "n_measured": self.n_measured,
                "n_below_lloq": self.n_below_lloq,
                "cmax": self.cmax,
                "tmax": self.tmax,
                "clast": self.clast,
                "tlast": self.tlast,
                "auc_last": self.auc_last,
                "auc_method": self.auc_method,
                "auc_start_h": self.auc_start_h,
                "zero_imputed_at_dose": self.zero_imputed_at_dose,
                "lambda_z": self.lambda_z.to_dict(),
                "half_life": self.lambda_z.half_life,
                "auc_inf": self.auc_inf,
                "auc_percent_extrapolated": self.auc_percent_extrapolated,
                "auc_inf_reliable": self.auc_inf_reliable,
                "flags": list(self.flags),
                "points": [p.to_dict() for p in self.points],
            }
        )


@dataclass(frozen=True)
class TimePointSummary:
    """One arm at one nominal time: mean ± SD over the measured values (see the module docstring)."""

    nominal_time_h: float
    n: int
    n_measured: int
    n_below_lloq: int
    mean: float | None
    sd: float | None
    lloq: float | None
    mostly_below_lloq: bool

    def to_dict(self) -> dict[str, Any]:
        return jsonable(self.__dict__)


@dataclass(frozen=True)
class ParameterSummary:
    """An NCA parameter over an arm's animals (only the animals with a value; ``None`` when n = 0)."""

    n: int
    mean: float | None
    sd: float | None
    median: float | None
    minimum: float | None
    maximum: float | None

    def to_dict(self) -> dict[str, Any]:
        return jsonable(self.__dict__)


@dataclass(frozen=True)
class ArmPK:
    arm_id: Hashable
    arm_name: str
    n_animals: int
    concentration_time: tuple[TimePointSummary, ...]
    parameters: dict[str, ParameterSummary]

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "arm_id": self.arm_id,
                "arm_name": self.arm_name,
                "n_animals": self.n_animals,
                "concentration_time": [t.to_dict() for t in self.concentration_time],
                "parameters": {k: v.to_dict() for k, v in self.parameters.items()},
            }
        )


@dataclass(frozen=True)
class PKResult:
    animals: tuple[NCAResult, ...]
    arms: tuple[ArmPK, ...]
    settings: dict[str, Any]
    concentration_unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "analysis_version": ANALYSIS_VERSION,
                "concentration_unit": self.concentration_unit,
                "time_unit": "h",
                "settings": self.settings,
                "animals": [a.to_dict() for a in self.animals],
                "arms": [a.to_dict() for a in self.arms],
            }
        )


# --------------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------------


def auc_segments(time: Sequence[float], conc: Sequence[float], method: str = "lin-up/log-down") -> np.ndarray:
    """The area of each interval between consecutive points (times ascending, concentrations ≥ 0).

    ``"lin-up/log-down"``: (t₂ − t₁)(C₁ − C₂)/ln(C₁/C₂) when C₂ < C₁ and C₂ > 0, else the linear
    trapezoid (t₂ − t₁)(C₁ + C₂)/2. ``"linear"``: always the linear trapezoid.
    """
    if method not in AUC_METHODS:
        raise ValueError(f"auc_method must be one of {AUC_METHODS}, not {method!r}")
    t = np.asarray(time, dtype=float)
    c = np.asarray(conc, dtype=float)
    if t.size < 2:
        return np.zeros(0)
    dt = np.diff(t)
    c1, c2 = c[:-1], c[1:]
    areas = dt * (c1 + c2) / 2.0
    if method == "lin-up/log-down":
        down = (c2 < c1) & (c2 > 0) & (c1 > 0)
        if down.any():
            a, b = c1[down], c2[down]
            areas[down] = dt[down] * (a - b) / np.log(a / b)
    return areas


def _fit_log_linear(t: np.ndarray, c: np.ndarray) -> tuple[float, float, float, float]:
    """Least squares ln C = a − λz·t: (λz, intercept a, R², adjusted R²); R² NaN when ln C is flat."""
    y = np.log(c)
    n = t.size
    tm, ym = t.mean(), y.mean()
    sxx = float(((t - tm) ** 2).sum())
    sxy = float(((t - tm) * (y - ym)).sum())
    slope = sxy / sxx
    intercept = float(ym - slope * tm)
    resid = y - (intercept + slope * t)
    ss_tot = float(((y - ym) ** 2).sum())
    r2 = 1.0 - float((resid**2).sum()) / ss_tot if ss_tot > 0 else math.nan
    adj = 1.0 - (1.0 - r2) * (n - 1) / (n - 2) if not math.isnan(r2) else math.nan
    return -slope, intercept, r2, adj


def fit_lambda_z(
    time: Sequence[float],
    conc: Sequence[float],
    tmax: float,
    *,
    tlast: float | None = None,
    min_points: int = MIN_POINTS,
    adj_r2_tolerance: float = ADJ_R2_TOLERANCE,
    min_adj_r_squared: float = MIN_ADJ_R_SQUARED,
    min_span_ratio: float = MIN_SPAN_RATIO,
) -> LambdaZ:
    """λz by PKNCA's automatic point selection on the measured (> 0) points strictly after ``tmax``.

    Candidates are the last n points, n = ``min_points`` … all; the chosen one has λz > 0, an adjusted R²
    above (the best adjusted R² of all candidates − ``adj_r2_tolerance``), and the most points.
    """
    if min_points < 3:
        raise ValueError("min_points must be at least 3 (adjusted R² needs n > 2)")
    t = np.asarray(time, dtype=float)
    c = np.asarray(conc, dtype=float)
    keep = (t > tmax) & (c > 0)
    t, c = t[keep], c[keep]
    order = np.argsort(t)
    t, c = t[order], c[order]
    if t.size < min_points:
        return LambdaZ(estimable=False, n_points=int(t.size), reasons=("too_few_points",))
    fits = []
    for n in range(min_points, t.size + 1):
        tt, cc = t[-n:], c[-n:]
        lz, a, r2, adj = _fit_log_linear(tt, cc)
        fits.append((n, lz, a, r2, adj, tt))
    adjs = [f[4] for f in fits if not math.isnan(f[4])]
    best_adj = max(adjs) if adjs else math.nan
    ok = [f for f in fits if f[1] > 0 and not math.isnan(f[4]) and f[4] > best_adj - adj_r2_tolerance]
    if not ok:
        return LambdaZ(estimable=False, n_points=int(t.size), reasons=("lambda_z_not_positive",))
    n, lz, a, r2, adj, tt = max(ok, key=lambda f: f[0])
    half_life = math.log(2) / lz
    span_ratio = float(tt[-1] - tt[0]) / half_life
    t_end = float(t[-1]) if tlast is None else float(tlast)
    reasons = []
    if adj < min_adj_r_squared:
        reasons.append("low_adj_r_squared")
    if span_ratio < min_span_ratio:
        reasons.append("short_span")
    return LambdaZ(
        estimable=True,
        lambda_z=float(lz),
        half_life=half_life,
        intercept=a,
        r_squared=float(r2),
        adj_r_squared=float(adj),
        n_points=int(n),
        time_first=float(tt[0]),
        time_last=float(tt[-1]),
        span_ratio=span_ratio,
        clast_pred=math.exp(a - lz * t_end),
        reliable=not reasons,
        reasons=tuple(reasons),
    )


def _validated(animal_id: Hashable, samples: Sequence[PKSample]) -> list[PKSample]:
    if not samples:
        raise ValueError(f"Animal {animal_id}: no serum samples.")
    seen: set[float] = set()
    out = []
    for s in samples:
        t = json_float(s.time_h)
        if t is None:
            raise ValueError(f"Animal {animal_id}: a sample has no time since the dose.")
        if t < 0:
            raise ValueError(f"Animal {animal_id}: a sample at {t:g} h is before the dose.")
        if t in seen:
            raise ValueError(
                f"Animal {animal_id}: two samples at {t:g} h after the dose (average replicates first)."
            )
        seen.add(t)
        if not s.below_lloq:
            c = json_float(s.concentration)
            if c is None:
                raise ValueError(
                    f"Animal {animal_id}: the sample at {t:g} h has no concentration and is not marked "
                    "below the LLOQ."
                )
            if c < 0:
                raise ValueError(f"Animal {animal_id}: the sample at {t:g} h has a negative concentration.")
        out.append(s)
    return sorted(out, key=lambda s: float(s.time_h))


# --------------------------------------------------------------------------------------------------
# One animal
# --------------------------------------------------------------------------------------------------


def nca(
    samples: Sequence[PKSample],
    *,
    animal_id: Hashable = None,
    arm_id: Hashable = None,
    arm_name: str = "",
    auc_method: str = "lin-up/log-down",
    impute_zero_at_dose: bool = True,
    min_points: int = MIN_POINTS,
    adj_r2_tolerance: float = ADJ_R2_TOLERANCE,
    min_adj_r_squared: float = MIN_ADJ_R_SQUARED,
    min_span_ratio: float = MIN_SPAN_RATIO,
    max_extrapolated_percent: float = MAX_EXTRAPOLATED_PERCENT,
) -> NCAResult:
    """NCA of one animal's samples (see the module docstring for every rule)."""
    if auc_method not in AUC_METHODS:
        raise ValueError(f"auc_method must be one of {AUC_METHODS}, not {auc_method!r}")
    ss = _validated(animal_id, samples)
    times = np.array([float(s.time_h) for s in ss])
    blq = np.array([bool(s.below_lloq) for s in ss])
    measured = np.array([math.nan if s.below_lloq else float(s.concentration) for s in ss])
    flags: list[str] = []

    # Measured values > 0 define first/last measurable; a measured 0 is treated like a BLQ value.
    positive = ~blq & (measured > 0)
    n_measured = int((~blq).sum())
    if positive.any():
        first_i = int(np.argmax(positive))
        last_i = int(len(ss) - 1 - np.argmax(positive[::-1]))
    else:
        first_i = last_i = -1

    # AUC concentrations: leading BLQ (or 0) → 0; after the first measurable: measured > 0 kept,
    # BLQ/0 dropped; after Tlast: dropped (AUC0–last stops at Tlast).
    auc_conc: list[float | None] = []
    for i in range(len(ss)):
        if first_i < 0 or i < first_i:
            auc_conc.append(0.0)
        elif i <= last_i and positive[i]:
            auc_conc.append(float(measured[i]))
        else:
            auc_conc.append(None)

    meas_idx = np.flatnonzero(~blq)
    if meas_idx.size and first_i >= 0:
        cvals = measured[meas_idx]
        k = int(np.argmax(cvals))  # first occurrence of the maximum (first.tmax = TRUE)
        cmax, tmax = float(cvals[k]), float(times[meas_idx[k]])
        clast, tlast = float(measured[last_i]), float(times[last_i])
    else:
        cmax = tmax = clast = tlast = None
        if n_measured == 0:
            flags.append("all_below_lloq")
        else:
            flags.append("no_positive_concentration")

    # AUC0–last: the used points up to Tlast (all-zero profile: area 0).
    used = [(float(times[i]), c) for i, c in enumerate(auc_conc) if c is not None]
    if tlast is not None:
        used = [(t, c) for t, c in used if t <= tlast]
    zero_imputed = False
    if impute_zero_at_dose and used and used[0][0] > 0:
        used.insert(0, (0.0, 0.0))
        zero_imputed = True
        flags.append("zero_imputed_at_dose")
    auc_start = used[0][0] if used else float(times[0])
    if tlast is None:
        auc_last = 0.0
    else:
        ut, uc = zip(*used, strict=True)
        auc_last = float(auc_segments(ut, uc, auc_method).sum())

    if tmax is None:
        lz = LambdaZ(estimable=False, reasons=("no_measurable_concentration",))
    else:
        pos_t = times[positive]
        pos_c = measured[positive]
        lz = fit_lambda_z(
            pos_t,
            pos_c,
            tmax,
            tlast=tlast,
            min_points=min_points,
            adj_r2_tolerance=adj_r2_tolerance,
            min_adj_r_squared=min_adj_r_squared,
            min_span_ratio=min_span_ratio,
        )
    flags.extend(f"lambda_z_{r}" for r in lz.reasons)

    auc_inf = pext = None
    auc_inf_reliable = False
    if lz.estimable and clast is not None:
        auc_inf = auc_last + clast / lz.lambda_z
        pext = 100.0 * (auc_inf - auc_last) / auc_inf
        if pext > max_extrapolated_percent:
            flags.append("auc_extrapolated_high")
        auc_inf_reliable = lz.reliable and pext <= max_extrapolated_percent

    in_lz = set()
    if lz.estimable:
        in_lz = {i for i in range(len(ss)) if positive[i] and lz.time_first <= times[i] <= lz.time_last}
    points = tuple(
        PointUse(
            time_h=float(s.time_h),
            nominal_time_h=float(s.time_h if s.nominal_time_h is None else s.nominal_time_h),
            concentration=None if s.below_lloq else float(s.concentration),
            below_lloq=bool(s.below_lloq),
            lloq=json_float(s.lloq),
            auc_concentration=auc_conc[i] if tlast is None or float(s.time_h) <= tlast else None,
            in_lambda_z=i in in_lz,
        )
        for i, s in enumerate(ss)
    )
    return NCAResult(
        animal_id=animal_id,
        arm_id=arm_id,
        arm_name=arm_name,
        n_samples=len(ss),
        n_measured=n_measured,
        n_below_lloq=int(blq.sum()),
        cmax=cmax,
        tmax=tmax,
        clast=clast,
        tlast=tlast,
        auc_last=auc_last,
        auc_method=auc_method,
        auc_start_h=float(auc_start),
        zero_imputed_at_dose=zero_imputed,
        lambda_z=lz,
        auc_inf=auc_inf,
        auc_percent_extrapolated=pext,
        auc_inf_reliable=auc_inf_reliable,
        flags=tuple(flags),
        points=points,
    )


# --------------------------------------------------------------------------------------------------
# A study: every animal, and the arms
# --------------------------------------------------------------------------------------------------


def summarise_concentrations(samples: Sequence[PKSample]) -> tuple[TimePointSummary, ...]:
    """Mean ± SD per nominal time over the measured values; withheld when more than half are BLQ."""
    by_time: dict[float, list[PKSample]] = {}
    for s in samples:
        nt = float(s.time_h if s.nominal_time_h is None else s.nominal_time_h)
        by_time.setdefault(nt, []).append(s)
    out = []
    for nt in sorted(by_time):
        group = by_time[nt]
        vals = np.array([float(s.concentration) for s in group if not s.below_lloq], dtype=float)
        n, n_blq = len(group), sum(1 for s in group if s.below_lloq)
        mostly_blq = n_blq > n / 2
        mean = sd = None
        if vals.size and not mostly_blq:
            mean = float(vals.mean())
            sd = float(vals.std(ddof=1)) if vals.size > 1 else None
        lloqs = [json_float(s.lloq) for s in group if json_float(s.lloq) is not None]
        out.append(
            TimePointSummary(
                nominal_time_h=nt,
                n=n,
                n_measured=int(vals.size),
                n_below_lloq=n_blq,
                mean=mean,
                sd=sd,
                lloq=max(lloqs) if lloqs else None,
                mostly_below_lloq=mostly_blq,
            )
        )
    return tuple(out)


def _parameter_summary(values: Sequence[float | None]) -> ParameterSummary:
    v = np.array([x for x in values if x is not None], dtype=float)
    if v.size == 0:
        return ParameterSummary(0, None, None, None, None, None)
    return ParameterSummary(
        n=int(v.size),
        mean=float(v.mean()),
        sd=float(v.std(ddof=1)) if v.size > 1 else None,
        median=float(np.median(v)),
        minimum=float(v.min()),
        maximum=float(v.max()),
    )


def analyse_pk(
    animals: Sequence[AnimalSamples],
    *,
    concentration_unit: str | None = None,
    auc_method: str = "lin-up/log-down",
    impute_zero_at_dose: bool = True,
    min_points: int = MIN_POINTS,
    adj_r2_tolerance: float = ADJ_R2_TOLERANCE,
    min_adj_r_squared: float = MIN_ADJ_R_SQUARED,
    min_span_ratio: float = MIN_SPAN_RATIO,
    max_extrapolated_percent: float = MAX_EXTRAPOLATED_PERCENT,
) -> PKResult:
    """NCA of every animal and, per arm (in first-seen order), the concentration–time summary and
    summaries of Cmax, Tmax, AUC0–last, and of t½ and AUC0–∞ over the animals where they are reliable."""
    if not animals:
        raise ValueError("No animals with serum samples.")
    ids = [a.animal_id for a in animals]
    dup = sorted({str(i) for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"Animal(s) listed twice: {', '.join(dup)}.")
    settings = {
        "auc_method": auc_method,
        "impute_zero_at_dose": impute_zero_at_dose,
        "min_points": min_points,
        "adj_r2_tolerance": adj_r2_tolerance,
        "min_adj_r_squared": min_adj_r_squared,
        "min_span_ratio": min_span_ratio,
        "max_extrapolated_percent": max_extrapolated_percent,
        "below_lloq": {"before_first_measured": "zero", "after_first_measured": "dropped"},
        "arm_mean": "measured values only; withheld when more than half are below the LLOQ",
    }
    results = tuple(
        nca(
            a.samples,
            animal_id=a.animal_id,
            arm_id=a.arm_id,
            arm_name=a.arm_name,
            auc_method=auc_method,
            impute_zero_at_dose=impute_zero_at_dose,
            min_points=min_points,
            adj_r2_tolerance=adj_r2_tolerance,
            min_adj_r_squared=min_adj_r_squared,
            min_span_ratio=min_span_ratio,
            max_extrapolated_percent=max_extrapolated_percent,
        )
        for a in animals
    )
    arm_order: dict[Hashable, str] = {}
    for a in animals:
        arm_order.setdefault(a.arm_id, a.arm_name)
    arms = []
    for arm_id, arm_name in arm_order.items():
        members = [a for a in animals if a.arm_id == arm_id]
        res = [r for r in results if r.arm_id == arm_id]
        arms.append(
            ArmPK(
                arm_id=arm_id,
                arm_name=arm_name,
                n_animals=len(members),
                concentration_time=summarise_concentrations([s for a in members for s in a.samples]),
                parameters={
                    "cmax": _parameter_summary([r.cmax for r in res]),
                    "tmax": _parameter_summary([r.tmax for r in res]),
                    "auc_last": _parameter_summary([r.auc_last for r in res if r.cmax is not None]),
                    "half_life": _parameter_summary([r.half_life for r in res if r.lambda_z.reliable]),
                    "auc_inf": _parameter_summary([r.auc_inf for r in res if r.auc_inf_reliable]),
                },
            )
        )
    return PKResult(
        animals=results, arms=tuple(arms), settings=settings, concentration_unit=concentration_unit
    )
