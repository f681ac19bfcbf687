"""Survival analysis of time to endpoint (DOMAIN.md §7–8).

Time origin is day 0 of the study (``time_origin: "day0"``); times are in days. Endpoint euthanasia and
found-dead are events; unrelated deaths, withdrawals and animals alive at study end are censored (the
caller builds :class:`SurvivalSubject` accordingly).

Methods
-------
* **Kaplan–Meier** Ŝ(t) = Π_{t_i ≤ t} (1 − d_i/n_i), computed here with numpy (cross-checked against
  lifelines ``KaplanMeierFitter`` in the tests). Greenwood: Var[log Ŝ(t)] ≈ σ²(t) = Σ d_i/(n_i(n_i − d_i))
  (Greenwood 1926; Kalbfleisch & Prentice 2002 §1.4), so Var[Ŝ] = Ŝ²σ².
* **Confidence intervals** (pointwise, 95 % by default), ``ci_method``:

  - ``"log-log"`` (default; lifelines' "exponential Greenwood", R ``conf.type="log-log"``):
    Ŝ^exp(±z·σ/log Ŝ), i.e. exp(−exp(log(−log Ŝ) ± z·σ/log Ŝ)) (Kalbfleisch & Prentice 2002 eq. 1.15).
  - ``"log"`` (R ``survfit`` default ``conf.type="log"``): Ŝ·exp(±z·σ), upper bound capped at 1.
  - ``"plain"``: Ŝ ± z·Ŝ·σ clipped to [0, 1].

  Where Ŝ = 1 the interval is [1, 1]; where Ŝ = 0 (last subject had the event) σ is infinite and both
  bounds are ``None`` (R gives NA).
* **Median** (R ``survfit``/``quantile.survfit``; GraphPad Prism): where a horizontal line at 0.5 meets the
  step curve Ŝ, i.e. the first t with Ŝ(t) < 0.5; where Ŝ is exactly 0.5 over a stretch, the **midpoint
  of that stretch** (Brookmeyer & Crowley 1982; Machin et al. 2006), which for uncensored data is the
  usual sample median. The stretch ends at the next time Ŝ changes (a censoring inside it does not end
  it) or, when the curve ends at 0.5, at the last follow-up time. "Exactly" allows R's tolerance
  sqrt(machine eps) ≈ 1.5e-8, since Ŝ is a product (e.g. 9/10·8/9·…·5/6 is not 0.5 in floating point).
  This is ``median_rule="midpoint"`` (the default, DOMAIN.md §8); ``"first"`` gives the first t with
  Ŝ(t) ≤ 0.5 (Klein & Moeschberger's inf{t: S(t) ≤ 0.5}, Stata, lifelines ``median_survival_times``).
  The CI of the median is read off the pointwise CI curves with the same rule (Brookmeyer & Crowley
  1982 by inversion; R applies its quantile function to the lower and upper curves): lower = where
  CI_low(t) reaches 0.5, upper = where CI_high(t) reaches 0.5; ``None`` if never reached (R: NA).
* **Log-rank** (Mantel 1966; R ``survdiff`` rho = 0): k groups, χ² = Uᵀ V⁻ U on k − 1 df, via lifelines
  ``multivariate_logrank_test``. Pairwise two-group log-rank tests (only the two groups' animals), with
  Holm adjustment over the pairs.
* **Hazard ratios**: Cox proportional hazards with Efron's tie handling (lifelines ``CoxPHFitter``, same as
  R ``coxph`` default), one indicator per non-reference group, HR = exp(β), 95 % Wald CI exp(β ± z·SE).
  The Newton–Raphson fit runs to full precision (:data:`COX_FIT_OPTIONS`): lifelines' default stopping
  rule stops while the last Newton step is still ~1e-6–1e-4 and leaves p-values up to 2e-4 from R.
  A group with no events has HR → 0 (monotone likelihood, β → −∞): it is reported with ``hr=None`` and
  a flag, and the model is fitted without its animals (which is exactly the limit of the other
  coefficients as β → −∞). If the reference group has no events no HR is estimable. The model's global
  tests are reported as R ``summary.coxph`` prints them (``cox_tests``): likelihood ratio
  2(ℓ(β̂) − ℓ(0)), Wald β̂ᵀ V̂⁻¹ β̂ and score U(0)ᵀ I(0)⁻¹ U(0) (Efron partial likelihood at β = 0),
  each χ² on as many df as coefficients.

Degenerate inputs (no animals, a single group, no events at all, a group without events) produce ``None``
values and entries in ``flags``; they never raise.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
from scipy import stats

from . import ANALYSIS_VERSION
from ._common import holm, json_float, jsonable

CI_METHODS = ("log-log", "log", "plain")
MEDIAN_RULES = ("midpoint", "first")
_TOL = 1.4901161193847656e-08  # R: sqrt(.Machine$double.eps), quantile.survfit's tolerance
# Newton–Raphson to full precision: stop only when the Newton decrement g·H⁻¹·g/2 (or the step) is
# below 1e-18, never on the relative log-likelihood change (r_precision), which stops while the step
# is still ~1e-6 (DOMAIN.md §8).
COX_FIT_OPTIONS = {"precision": 1e-18, "r_precision": 1e-30, "max_steps": 200}


@dataclass(frozen=True)
class SurvivalSubject:
    """One animal: its arm (id and display name), time in days from day 0, and whether the time is an
    event (endpoint euthanasia, found dead) or censored."""

    group_id: Hashable
    group_name: str
    time_days: float
    event: bool
    animal_id: Hashable | None = None


@dataclass(frozen=True)
class KMEstimate:
    """Kaplan–Meier table at t = 0 and every distinct observed time (events and censorings), as R
    ``survfit`` reports it. ``n_risk`` is the number at risk just before t, ``survival`` is Ŝ(t) after
    the events at t, ``std_err`` is σ(t) of log Ŝ (Greenwood)."""

    times: np.ndarray
    n_risk: np.ndarray
    n_event: np.ndarray
    n_censor: np.ndarray
    survival: np.ndarray
    std_err: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    ci_method: str
    alpha: float


@dataclass(frozen=True)
class GroupSurvival:
    group: Hashable
    name: str
    n: int
    events: int
    median_days: float | None
    median_ci95: tuple[float | None, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": jsonable(self.group),
            "name": self.name,
            "n": self.n,
            "events": self.events,
            "median_days": json_float(self.median_days),
            "median_ci95": [json_float(self.median_ci95[0]), json_float(self.median_ci95[1])],
        }


@dataclass(frozen=True)
class LogRankResult:
    chi2: float | None
    df: int
    p: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"chi2": json_float(self.chi2), "df": self.df, "p": json_float(self.p)}


@dataclass(frozen=True)
class PairwiseLogRank:
    a: Hashable
    b: Hashable
    chi2: float | None
    p: float | None
    p_adjusted: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": jsonable(self.a),
            "b": jsonable(self.b),
            "chi2": json_float(self.chi2),
            "p": json_float(self.p),
            "p_adjusted": json_float(self.p_adjusted),
        }


@dataclass(frozen=True)
class HazardRatio:
    group: Hashable
    reference: Hashable
    hr: float | None
    ci95: tuple[float | None, float | None]
    coef: float | None = None
    se: float | None = None
    p: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": jsonable(self.group),
            "reference": jsonable(self.reference),
            "hr": json_float(self.hr),
            "ci95": [json_float(self.ci95[0]), json_float(self.ci95[1])],
            "coef": json_float(self.coef),
            "se": json_float(self.se),
            "p": json_float(self.p),
        }


@dataclass(frozen=True)
class CoxTests:
    """Global tests of the Cox model (all coefficients = 0), as R ``summary.coxph`` prints them."""

    likelihood_ratio: LogRankResult
    wald: LogRankResult
    score: LogRankResult
    ties: str = "efron"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ties": self.ties,
            "likelihood_ratio": self.likelihood_ratio.to_dict(),
            "wald": self.wald.to_dict(),
            "score": self.score.to_dict(),
        }


@dataclass(frozen=True)
class SurvivalCurve:
    """Step-function points for plotting: Ŝ is right-continuous, constant from ``times[i]`` to
    ``times[i+1]``. ``at_risk_table`` gives the numbers at risk at the requested times."""

    group: Hashable
    name: str
    times: tuple[float, ...]
    survival: tuple[float, ...]
    ci_low: tuple[float | None, ...]
    ci_high: tuple[float | None, ...]
    at_risk: tuple[int, ...]
    censored_times: tuple[float, ...]
    at_risk_table: tuple[tuple[float, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": jsonable(self.group),
            "name": self.name,
            "times": [json_float(t) for t in self.times],
            "survival": [json_float(s) for s in self.survival],
            "ci_low": [json_float(s) for s in self.ci_low],
            "ci_high": [json_float(s) for s in self.ci_high],
            "at_risk": [int(n) for n in self.at_risk],
            "censored_times": [json_float(t) for t in self.censored_times],
            "at_risk_table": [{"time": json_float(t), "n": int(n)} for t, n in self.at_risk_table],
        }


@dataclass(frozen=True)
class Flag:
    code: str
    message: str
    group: Hashable | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "group": jsonable(self.group)}


@dataclass(frozen=True)
class SurvivalResult:
    ci_method: str
    groups: tuple[GroupSurvival, ...]
    logrank: LogRankResult
    pairwise: tuple[PairwiseLogRank, ...]
    hazard_ratios: tuple[HazardRatio, ...]
    curves: tuple[SurvivalCurve, ...]
    flags: tuple[Flag, ...] = field(default=())
    reference: Hashable | None = None
    median_rule: str = "midpoint"
    cox_tests: CoxTests | None = None
    time_origin: str = "day0"
    adjustment: str = "holm"
    analysis_version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        """API shape (API.md "Studies"), plus ``flags`` for degenerate input."""
        return {
            "time_origin": self.time_origin,
            "ci_method": self.ci_method,
            "median_rule": self.median_rule,
            "groups": [g.to_dict() for g in self.groups],
            "logrank": self.logrank.to_dict(),
            "pairwise": [p.to_dict() for p in self.pairwise],
            "adjustment": self.adjustment,
            "hazard_ratios": [h.to_dict() for h in self.hazard_ratios],
            "cox_tests": self.cox_tests.to_dict() if self.cox_tests else None,
            "curves": [c.to_dict() for c in self.curves],
            "flags": [f.to_dict() for f in self.flags],
        }


# --------------------------------------------------------------------------------------------------
# Kaplan–Meier


def kaplan_meier(
    durations: Sequence[float] | np.ndarray,
    events: Sequence[bool] | np.ndarray,
    *,
    ci_method: str = "log-log",
    alpha: float = 0.05,
) -> KMEstimate:
    """Kaplan–Meier estimate with Greenwood variance and pointwise CI (see module docstring)."""
    if ci_method not in CI_METHODS:
        raise ValueError(f"ci_method must be one of {CI_METHODS}, not {ci_method!r}")
    t = np.asarray(durations, dtype=float).ravel()
    e = np.asarray(events, dtype=bool).ravel()
    if t.shape != e.shape:
        raise ValueError("durations and events differ in length")
    if t.size and (not np.all(np.isfinite(t)) or t.min() < 0):
        raise ValueError("durations must be finite and ≥ 0")
    uniq = np.unique(t)
    times = uniq if (uniq.size and uniq[0] == 0) else np.concatenate([[0.0], uniq])
    # counts per distinct time
    idx = np.searchsorted(times, t)
    n_event = np.bincount(idx[e], minlength=times.size).astype(float)
    n_censor = np.bincount(idx[~e], minlength=times.size).astype(float)
    leaving = n_event + n_censor
    n_risk = t.size - np.concatenate([[0.0], np.cumsum(leaving)[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(n_risk > 0, 1.0 - n_event / n_risk, 1.0)
        surv = np.cumprod(frac)
        term = np.where(n_event > 0, n_event / (n_risk * (n_risk - n_event)), 0.0)
    var_log = np.cumsum(term)  # inf once a time with d == n is reached
    se = np.sqrt(var_log)
    low, high = _ci(surv, se, ci_method, alpha)
    return KMEstimate(
        times,
        n_risk.astype(int),
        n_event.astype(int),
        n_censor.astype(int),
        surv,
        se,
        low,
        high,
        ci_method,
        alpha,
    )


def _ci(surv: np.ndarray, se: np.ndarray, method: str, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    z = stats.norm.ppf(1.0 - alpha / 2.0)
    low = np.full(surv.shape, np.nan)
    high = np.full(surv.shape, np.nan)
    one = surv >= 1.0
    zero = surv <= 0.0
    mid = ~one & ~zero & np.isfinite(se)
    s, sig = surv[mid], se[mid]
    if method == "log-log":
        log_s = np.log(s)
        a = np.exp(-np.exp(np.log(-log_s) - z * sig / log_s))
        b = np.exp(-np.exp(np.log(-log_s) + z * sig / log_s))
        low[mid], high[mid] = np.minimum(a, b), np.maximum(a, b)
    elif method == "log":
        low[mid] = s * np.exp(-z * sig)
        high[mid] = np.minimum(1.0, s * np.exp(z * sig))
    else:  # plain
        low[mid] = np.clip(s - z * s * sig, 0.0, 1.0)
        high[mid] = np.clip(s + z * s * sig, 0.0, 1.0)
    low[one] = 1.0
    high[one] = 1.0
    return low, high


def survival_quantile(
    times: np.ndarray, surv: np.ndarray, p: float = 0.5, *, rule: str = "midpoint"
) -> float | None:
    """Time where the step curve ``surv`` (right-continuous, values at ``times``) reaches ``p``.

    ``rule="midpoint"`` follows R ``quantile.survfit``: the first t with S(t) < p, except that where
    S is within :data:`_TOL` of ``p`` over a stretch the midpoint of the stretch is returned; the
    stretch ends where S next changes or, if the curve ends on it, at the last time in ``times``.
    ``rule="first"`` returns the first t with S(t) ≤ p. NaN values (no CI after S = 0) never count.
    ``None`` when not reached (R: NA)."""
    if rule not in MEDIAN_RULES:
        raise ValueError(f"rule must be one of {MEDIAN_RULES}")
    times = np.asarray(times, dtype=float)
    surv = np.asarray(surv, dtype=float)
    with np.errstate(invalid="ignore"):
        hit = np.flatnonzero(surv <= p + _TOL)
    if hit.size == 0:
        return None
    i = int(hit[0])
    if rule == "first" or abs(surv[i] - p) > _TOL:
        return float(times[i])
    with np.errstate(invalid="ignore"):
        below = np.flatnonzero(surv < p - _TOL)
    if below.size:
        return float((times[i] + times[int(below[0])]) / 2.0)
    finite = surv[~np.isnan(surv)]
    if finite.size and abs(finite[-1] - p) <= _TOL and not np.isnan(surv[-1]):
        return float((times[i] + times[-1]) / 2.0)  # the curve ends on the flat stretch
    return None


def numbers_at_risk(durations: np.ndarray, at_times: Sequence[float]) -> list[tuple[float, int]]:
    """Number still at risk at each time t: animals whose time is ≥ t (R ``summary.survfit`` convention)."""
    d = np.sort(np.asarray(durations, dtype=float))
    out = []
    for t in at_times:
        out.append((float(t), int(d.size - np.searchsorted(d, float(t), side="left"))))
    return out


# --------------------------------------------------------------------------------------------------
# Full analysis


def analyse_survival(
    subjects: Sequence[SurvivalSubject],
    *,
    reference_group: Hashable | None = None,
    ci_method: str = "log-log",
    alpha: float = 0.05,
    median_rule: str = "midpoint",
    at_risk_times: Sequence[float] | None = None,
    at_risk_step: float = 10.0,
    pairwise: str = "all",
    group_names: Mapping[Hashable, str] | None = None,
) -> SurvivalResult:
    """KM per group, medians with CI, k-group log-rank, pairwise log-rank (Holm), Cox HR vs reference.

    ``reference_group`` is the control arm's id (default: the first group in input order, flagged).
    ``group_names`` names groups that have no subject (e.g. a control arm without animals) in messages.
    ``pairwise`` is ``"all"`` (every pair) or ``"vs_reference"``. Numbers at risk are given at
    ``at_risk_times`` (default 0, ``at_risk_step``, 2·``at_risk_step`` … up to the last time).
    """
    if ci_method not in CI_METHODS:
        raise ValueError(f"ci_method must be one of {CI_METHODS}, not {ci_method!r}")
    if median_rule not in MEDIAN_RULES:
        raise ValueError(f"median_rule must be one of {MEDIAN_RULES}")
    if pairwise not in ("all", "vs_reference"):
        raise ValueError("pairwise must be 'all' or 'vs_reference'")
    flags: list[Flag] = []

    order: list[Hashable] = []
    names: dict[Hashable, str] = {}
    for s in subjects:
        if s.group_id not in names:
            order.append(s.group_id)
            names[s.group_id] = str(s.group_name)
    durations = np.array([float(s.time_days) for s in subjects], dtype=float)
    events = np.array([bool(s.event) for s in subjects], dtype=bool)
    labels = np.array([order.index(s.group_id) for s in subjects], dtype=int)
    if durations.size and (not np.all(np.isfinite(durations)) or durations.min() < 0):
        raise ValueError("time_days must be finite and ≥ 0 (days from day 0)")

    if not order:
        flags.append(Flag("no_subjects", "No animals: nothing to analyse."))
        return SurvivalResult(
            ci_method, (), LogRankResult(None, 0, None), (), (), (), tuple(flags), None, median_rule
        )

    if reference_group is None:
        reference_group = order[0]
        if len(order) > 1:
            flags.append(
                Flag(
                    "reference_defaulted",
                    f"No reference group given; using the first group ({names[reference_group]!r}).",
                    reference_group,
                )
            )
    elif reference_group not in names:
        flags.append(
            Flag(
                "reference_missing",
                f"Reference group {str((group_names or {}).get(reference_group, reference_group))!r} has no "
                "animals; hazard ratios are not computed.",
                reference_group,
            )
        )

    if at_risk_times is None:
        tmax = float(durations.max()) if durations.size else 0.0
        step = float(at_risk_step) if at_risk_step and at_risk_step > 0 else max(tmax, 1.0)
        at_risk_times = list(np.arange(0.0, tmax + 1e-9, step))

    groups: list[GroupSurvival] = []
    curves: list[SurvivalCurve] = []
    for k, g in enumerate(order):
        m = labels == k
        dg, eg = durations[m], events[m]
        km = kaplan_meier(dg, eg, ci_method=ci_method, alpha=alpha)
        n_ev = int(eg.sum())
        med = survival_quantile(km.times, km.survival, 0.5, rule=median_rule)
        lo = survival_quantile(km.times, km.ci_low, 0.5, rule=median_rule)
        hi = survival_quantile(km.times, km.ci_high, 0.5, rule=median_rule)
        groups.append(GroupSurvival(g, names[g], int(m.sum()), n_ev, med, (lo, hi)))
        if n_ev == 0:
            flags.append(
                Flag(
                    "no_events",
                    f"Group {names[g]!r} has no events: its curve stays at 1 and its median is not reached.",
                    g,
                )
            )
        elif med is None:
            flags.append(Flag("median_not_reached", f"Median survival not reached in group {names[g]!r}.", g))
        censored = np.unique(dg[~eg])
        curves.append(
            SurvivalCurve(
                g,
                names[g],
                tuple(km.times.tolist()),
                tuple(km.survival.tolist()),
                tuple(None if np.isnan(v) else float(v) for v in km.ci_low),
                tuple(None if np.isnan(v) else float(v) for v in km.ci_high),
                tuple(int(n) for n in km.n_risk),
                tuple(censored.tolist()),
                tuple(numbers_at_risk(dg, at_risk_times)),
            )
        )

    total_events = int(events.sum())
    if total_events == 0:
        flags.append(
            Flag(
                "no_events",
                "No events in any group (all animals censored): no test and no hazard ratio is possible.",
            )
        )

    # ---- k-group log-rank
    if len(order) < 2:
        flags.append(Flag("single_group", "Only one group: no log-rank test and no hazard ratio."))
        logrank = LogRankResult(None, 0, None)
    elif total_events == 0:
        logrank = LogRankResult(None, len(order) - 1, None)
    else:
        logrank = _logrank(durations, labels, events, len(order) - 1)

    # ---- pairwise log-rank with Holm
    pairs: list[tuple[Hashable, Hashable]] = []
    if len(order) >= 2:
        if pairwise == "all":
            pairs = list(combinations(order, 2))
        elif reference_group in names:
            pairs = [(reference_group, g) for g in order if g != reference_group]
    raw: list[tuple[Hashable, Hashable, float | None, float | None]] = []
    for a, b in pairs:
        ia, ib = order.index(a), order.index(b)
        m = (labels == ia) | (labels == ib)
        if events[m].sum() == 0:
            raw.append((a, b, None, None))
            continue
        r = _logrank(durations[m], labels[m], events[m], 1)
        raw.append((a, b, r.chi2, r.p))
    adj = holm([p for *_, p in raw])
    pairwise_results = tuple(
        PairwiseLogRank(a, b, c, p, pa) for (a, b, c, p), pa in zip(raw, adj, strict=True)
    )

    # ---- Cox hazard ratios vs reference
    hrs: tuple[HazardRatio, ...] = ()
    cox_tests: CoxTests | None = None
    if len(order) >= 2 and reference_group in names and total_events > 0:
        hrs, cox_tests = _cox_vs_reference(
            durations, events, labels, order, names, reference_group, alpha, flags
        )

    return SurvivalResult(
        ci_method,
        tuple(groups),
        logrank,
        pairwise_results,
        hrs,
        tuple(curves),
        tuple(flags),
        reference_group,
        median_rule,
        cox_tests,
    )


def _logrank(durations: np.ndarray, labels: np.ndarray, events: np.ndarray, df: int) -> LogRankResult:
    from lifelines.statistics import multivariate_logrank_test

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = multivariate_logrank_test(durations, labels, events)
    chi2 = json_float(r.test_statistic)
    p = json_float(r.p_value)
    return LogRankResult(chi2, int(r.degrees_of_freedom) if chi2 is not None else df, p)


def _cox_vs_reference(
    durations: np.ndarray,
    events: np.ndarray,
    labels: np.ndarray,
    order: list[Hashable],
    names: dict[Hashable, str],
    reference: Hashable,
    alpha: float,
    flags: list[Flag],
) -> tuple[tuple[HazardRatio, ...], CoxTests | None]:
    import pandas as pd
    from lifelines import CoxPHFitter

    ref_k = order.index(reference)
    others = [k for k in range(len(order)) if k != ref_k]
    ev_per = {k: int(events[labels == k].sum()) for k in range(len(order))}
    if ev_per[ref_k] == 0:
        flags.append(
            Flag(
                "reference_no_events",
                f"Reference group {names[reference]!r} has no events: hazard "
                "ratios against it are infinite and not reported.",
                reference,
            )
        )
        return tuple(HazardRatio(order[k], reference, None, (None, None)) for k in others), None
    fit_ks = [k for k in others if ev_per[k] > 0]
    for k in others:
        if ev_per[k] == 0:
            flags.append(
                Flag(
                    "hr_not_estimable",
                    f"Group {names[order[k]]!r} has no events: HR → 0 (monotone "
                    "likelihood); not reported, and its animals are left out of the Cox model.",
                    order[k],
                )
            )
    results: dict[int, HazardRatio] = {}
    tests: CoxTests | None = None
    if fit_ks:
        keep = np.isin(labels, [ref_k, *fit_ks])
        df = pd.DataFrame({"T": durations[keep], "E": events[keep].astype(int)})
        cols = {}
        for k in fit_ks:
            col = f"g{k}"
            cols[k] = col
            df[col] = (labels[keep] == k).astype(float)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                cph = CoxPHFitter(alpha=alpha).fit(
                    df, duration_col="T", event_col="E", fit_options=dict(COX_FIT_OPTIONS)
                )
            conv_warn = [w for w in caught if "converge" in str(w.message).lower()]
            z = stats.norm.ppf(1.0 - alpha / 2.0)
            for k in fit_ks:
                col = cols[k]
                coef = float(cph.params_[col])
                se = float(cph.standard_errors_[col])
                p = float(cph.summary.loc[col, "p"])
                results[k] = HazardRatio(
                    order[k],
                    reference,
                    math.exp(coef),
                    (math.exp(coef - z * se), math.exp(coef + z * se)),
                    coef,
                    se,
                    p,
                )
                if abs(coef) > 10 or not math.isfinite(se):
                    flags.append(
                        Flag(
                            "hr_unstable",
                            f"Cox estimate for {names[order[k]]!r} is extreme "
                            f"(coef {coef:.3g}); the likelihood is nearly monotone.",
                            order[k],
                        )
                    )
            tests = _cox_tests(cph, df, [cols[k] for k in fit_ks])
            if conv_warn:
                flags.append(
                    Flag(
                        "cox_convergence",
                        "Cox model reported a convergence problem: "
                        + str(conv_warn[0].message).splitlines()[0],
                    )
                )
        except Exception as exc:  # lifelines ConvergenceError, singular matrices …
            flags.append(Flag("cox_failed", f"Cox model could not be fitted: {exc}".splitlines()[0]))
    hrs = tuple(results.get(k, HazardRatio(order[k], reference, None, (None, None))) for k in others)
    return hrs, tests


def _chi2(stat: float, df: int) -> LogRankResult:
    stat = float(stat)
    ok = math.isfinite(stat)
    return LogRankResult(stat if ok else None, df, float(stats.chi2.sf(stat, df)) if ok else None)


def _cox_tests(cph, df, cols: list[str]) -> CoxTests:
    """Likelihood-ratio (lifelines, 2(ℓ(β̂) − ℓ(0))), Wald (β̂ᵀ V̂⁻¹ β̂) and score (U(0)ᵀ I(0)⁻¹ U(0))
    tests of all coefficients, as R ``summary.coxph`` reports them."""
    k = len(cols)
    beta = cph.params_[cols].to_numpy(dtype=float)
    cov = cph.variance_matrix_.loc[cols, cols].to_numpy(dtype=float)
    lr = cph.log_likelihood_ratio_test().test_statistic
    wald = float(beta @ np.linalg.solve(cov, beta))
    u, info = efron_score_at_zero(df["T"].to_numpy(float), df["E"].to_numpy(int), df[cols].to_numpy(float))
    try:
        score = float(u @ np.linalg.solve(info, u))
    except np.linalg.LinAlgError:
        score = math.nan
    return CoxTests(_chi2(lr, k), _chi2(wald, k), _chi2(score, k))


def efron_score_at_zero(
    durations: np.ndarray, events: np.ndarray, x: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Score vector U(0) and information I(0) of the Efron partial likelihood at β = 0 (Therneau &
    Grambsch 2000 §3.3). With all risk scores 1, at an event time with d tied deaths the j-th
    (j = 0 … d − 1) term uses the risk set with the tied deaths down-weighted by j/d:
    s0 = n − j, s1 = Σ_risk x − (j/d)·Σ_dead x, s2 likewise with x xᵀ;
    U = Σ (Σ_dead x − Σ_j s1/s0), I = Σ_j (s2/s0 − s1 s1ᵀ/s0²)."""
    t = np.asarray(durations, float)
    e = np.asarray(events, int)
    x = np.asarray(x, float)
    k = x.shape[1]
    u = np.zeros(k)
    info = np.zeros((k, k))
    for time in np.unique(t[e == 1]):
        risk = t >= time
        dead = (t == time) & (e == 1)
        d = int(dead.sum())
        n_risk = float(risk.sum())
        s1, d1 = x[risk].sum(0), x[dead].sum(0)
        s2, d2 = x[risk].T @ x[risk], x[dead].T @ x[dead]
        u += d1
        for j in range(d):
            f = j / d
            a0, a1, a2 = n_risk - f * d, s1 - f * d1, s2 - f * d2
            u -= a1 / a0
            info += a2 / a0 - np.outer(a1, a1) / a0**2
    return u, info
