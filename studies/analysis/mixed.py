"""Linear mixed model of log tumor volume with time × treatment (DOMAIN.md §7).

Model (Laird & Ware 1982, *Biometrics* 38:963; fitted with statsmodels ``MixedLM`` by REML)
-----------------------------------------------------------------------------------------
For animal *i* in group *g* measured on study day *d* (only days ``start_day`` ≤ d ≤ ``end_day``, the
randomisation/baseline day on), with t = d − ``start_day``::

    log10(V + c) = (β0 + β0_g) + (β1 + β1_g)·t + b0_i + b1_i·t + ε

    fixed part    log10(V + c) ~ day * C(group, Treatment(control))
    random part   ~ 1 + day | animal   (intercept and slope per animal; bivariate normal)
    residual      ε ~ N(0, σ²), independent

* c = ``log_offset`` (default 1 mm³) keeps non-palpable tumors (V = 0 mm³, recorded 0 × 0 mm) finite:
  they enter the model as log10(c) = 0 instead of being dropped. With c = 0 such rows are left out (flag).
* β1 is the control group's growth rate in log10(mm³)/day; β1_g (the ``day:group`` interaction) is the
  **difference in growth rate** of group *g* from control, the time × treatment effect. A value of
  −0.03 means the treated tumors' volume is multiplied by 10^−0.03 ≈ 0.93 per day relative to control.
  Its 95 % CI and p-value are Wald z (normal) from the REML fit, as statsmodels reports them; there is no
  Satterthwaite/Kenward–Roger small-sample df, so with few animals p is slightly anti-conservative.
  Holm (1979) adjusts the p-values across the treated groups (each vs control).
* Group slope β1 + β1_g with SE from the fixed-effects covariance; implied **doubling time**
  log10(2)/slope days (None when the slope is ≤ 0: the group is not growing on average), with the CI
  from the slope's CI (upper limit None when the slope's CI reaches 0). On log10(V + c) the slope is that
  of log10 V as soon as V ≫ c.
* β0_g is the difference at ``start_day`` (≈ 0 after a balanced randomisation); not reported.

Animals that leave the study at a humane endpoint keep every measurement up to their exit. Likelihood
inference is valid when drop-out depends on the observed volumes (missing at random), which is the
case for an endpoint defined by the measured volume; per-day tests on the survivors are biased by it.

Fitting: statsmodels ``MixedLM`` (REML profile likelihood after Lindstrom & Bates 1988, *JASA* 83:1014),
time in weeks internally (random-slope and intercept variances of similar size: better
conditioned), every estimate reported per day. Each structure is fitted with the lbfgs and bfgs
optimisers (powell → lbfgs when both fail) and the acceptable fit with the highest REML
log-likelihood is kept: bfgs alone sometimes stops short or in a worse local optimum on tumor data.
``log_likelihood`` is the REML log-likelihood of the model with time in days.

Random-effects structure: with ``random_slope=True`` the intercept + slope model is used when at least
half of the animals have ≥ 3 measurement days and a fit is acceptable: the optimiser converged, the
Hessian is positive definite, the fixed-effect SEs are finite and the random-effects covariance is not
degenerate (slope variance × (time span)² < 10⁻⁴·σ², or |correlation| > 0.999). Otherwise the model is
refitted with a random intercept only and the flag ``random_slope_dropped`` says why. Without the
random slope, animal-to-animal differences in growth rate are ignored and the SEs of the slope
differences are too small when such differences exist, so the flag matters. statsmodels' own "MLE on
the boundary" warning uses an absolute variance threshold (0.01) that any slope SD below 0.1 log10
units/week trips, so it is recorded in ``model.warnings`` but not used.

Degenerate input does not raise: no control group, a group with fewer than ``min_animals`` animals with
data or measured on a single day (left out of the fit), a single group or a single measurement day give
flags and, when nothing can
be fitted, ``available = False`` with ``None`` estimates.

statsmodels is imported inside :func:`fit_log_volume_mixed_model` (it takes a second or two to import).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from . import ANALYSIS_VERSION
from ._common import json_float, jsonable
from .growth import AnimalSeries, _sorted_pairs, holm

__all__ = [
    "MixedModelResult",
    "MixedModelGroup",
    "SlopeDifference",
    "MixedModelInfo",
    "fit_log_volume_mixed_model",
]

LOG10_2 = math.log10(2.0)
Z95 = float(stats.norm.ppf(0.975))
_SLOPE_VAR_REL = 1e-4  # random-slope variance × span² below this fraction of σ²: degenerate
_MAX_CORR = 0.999
_WEEK = 7.0  # the model is fitted with time in weeks (better conditioned), reported per day
_OPTIMISERS = (("lbfgs",), ("bfgs",), ("powell", "lbfgs"))


# --------------------------------------------------------------------------------------------------
# Outputs


@dataclass(frozen=True)
class MixedModelGroup:
    """One group's growth rate: ``slope`` in log10(mm³)/day with SE and 95 % CI, the doubling time
    log10(2)/slope in days (None when slope ≤ 0) with its CI, and what the group contributed."""

    group: Hashable
    is_control: bool
    n_animals: int
    n_observations: int
    in_model: bool
    slope: float | None = None
    slope_se: float | None = None
    slope_ci95: tuple[float | None, float | None] = (None, None)
    doubling_time_days: float | None = None
    doubling_time_ci95: tuple[float | None, float | None] = (None, None)

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class SlopeDifference:
    """The day × group interaction: slope of ``group`` minus slope of the control (log10 units/day),
    Wald z test, Holm-adjusted p across the treated groups."""

    group: Hashable
    estimate: float | None
    se: float | None
    ci95: tuple[float | None, float | None]
    z: float | None
    p: float | None
    p_adjusted: float | None

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class MixedModelInfo:
    formula: str
    random_formula: str | None
    random_effects: str | None  # "intercept + slope", "intercept" or None (not fitted)
    method: str
    test: str
    converged: bool | None
    log_likelihood: float | None
    n_animals: int
    n_observations: int
    n_groups: int
    start_day: float | None
    end_day: float | None
    log_offset: float
    sd_intercept: float | None = None
    sd_slope: float | None = None
    corr_intercept_slope: float | None = None
    sd_residual: float | None = None
    optimizer: str | None = None
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class MixedModelResult:
    """``available`` is False when no model could be fitted (see ``flags``). ``control_slope`` is
    the control group's growth rate (log10 units/day); ``comparisons`` one row per treated group in
    the model; ``groups`` every group with data (control first)."""

    available: bool
    control_group: Hashable | None
    control_slope: float | None
    control_slope_se: float | None
    control_slope_ci95: tuple[float | None, float | None]
    groups: tuple[MixedModelGroup, ...]
    comparisons: tuple[SlopeDifference, ...]
    model: MixedModelInfo
    flags: tuple[dict[str, Any], ...] = field(default=())
    units: str = "log10(mm³ + offset) per day"
    adjustment: str = "holm"
    analysis_version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "control_group": jsonable(self.control_group),
            "control_slope": json_float(self.control_slope),
            "control_slope_se": json_float(self.control_slope_se),
            "control_slope_ci95": jsonable(self.control_slope_ci95),
            "groups": [g.to_dict() for g in self.groups],
            "comparisons": [c.to_dict() for c in self.comparisons],
            "model": self.model.to_dict(),
            "flags": [jsonable(f) for f in self.flags],
            "units": self.units,
            "adjustment": self.adjustment,
            "analysis_version": self.analysis_version,
        }


# --------------------------------------------------------------------------------------------------
# Helpers


def _formula_text(c: float) -> str:
    return f"log10(volume + {c:g}) ~ day * C(group, Treatment(control))"


def _doubling(slope: float | None, lo: float | None, hi: float | None):
    if slope is None or slope <= 0:
        return None, (None, None)
    lower = LOG10_2 / hi if hi is not None and hi > 0 else None
    upper = LOG10_2 / lo if lo is not None and lo > 0 else None
    return LOG10_2 / slope, (lower, upper)


def _flag(code: str, message: str, group: Hashable | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "group": jsonable(group)}


def _fe_ok(res) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # sqrt of a negative variance: NaN, checked below
        bse = np.asarray(res.bse_fe, dtype=float)
    return bool(np.all(np.isfinite(np.asarray(res.fe_params, float))) and np.all(np.isfinite(bse)))


def _fit_problem(res, msgs: list[str], span: float, *, slope: bool) -> str | None:
    """Why a fit is not acceptable (None when it is)."""
    if res is None:
        return "the fit failed"
    if not res.converged:
        return "the optimiser did not converge"
    if any("not positive definite" in m for m in msgs):
        return "the Hessian is not positive definite"
    if not _fe_ok(res):
        return "the fixed-effect standard errors are not finite"
    if not slope:
        return None
    cov = np.asarray(res.cov_re, dtype=float)
    if cov.shape != (2, 2) or not np.all(np.isfinite(cov)):
        return "the random-effects covariance is not finite"
    v0, v1 = cov[0, 0], cov[1, 1]
    if v1 * span**2 < _SLOPE_VAR_REL * float(res.scale):
        return "the random-slope variance is estimated as 0"
    if v0 <= 0 or abs(cov[0, 1] / math.sqrt(v0 * v1)) > _MAX_CORR:
        return "the random intercept and slope are perfectly correlated"
    return None


def _fit_once(smf, df, formula: str, re_formula: str, method: list[str]):
    """One REML fit; returns (result or None, warning messages, error text or None)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = smf.mixedlm(formula, df, groups=df["animal"], re_formula=re_formula)
            res = model.fit(reml=True, method=method)
        except (np.linalg.LinAlgError, ValueError, FloatingPointError, ZeroDivisionError) as exc:
            return None, [str(w.message) for w in caught], f"{type(exc).__name__}: {exc}"
    return res, list(dict.fromkeys(str(w.message) for w in caught)), None


def _best_fit(smf, df, formula: str, re_formula: str, span: float):
    """Fit with lbfgs and bfgs (then powell → lbfgs if both fail) and keep the acceptable fit with the highest REML
    log-likelihood (on this kind of data bfgs, statsmodels' first choice, sometimes stops short or at a
    worse local optimum where lbfgs does not). Returns (result or None, warnings, optimiser, problem);
    ``problem`` is None for an acceptable fit, else why the best available one is not."""
    tried = []
    for k, method in enumerate(_OPTIMISERS):
        if k >= 2 and any(t[3] is None for t in tried):
            break  # the fallback optimisers only when the first two both failed
        res, msgs, err = _fit_once(smf, df, formula, re_formula, list(method))
        problem = err or _fit_problem(res, msgs, span, slope=re_formula != "~1")
        tried.append((res, msgs, "+".join(method), problem))
    ok = [t for t in tried if t[3] is None]
    if ok:
        return max(ok, key=lambda t: float(t[0].llf))
    usable = [t for t in tried if t[0] is not None and _fe_ok(t[0])]
    return usable[0] if usable else tried[0]


# --------------------------------------------------------------------------------------------------
# Fit


def fit_log_volume_mixed_model(
    animals: Sequence[AnimalSeries],
    *,
    control_group: Hashable | None,
    log_offset: float = 1.0,
    start_day: float | None = None,
    end_day: float | None = None,
    random_slope: bool = True,
    min_animals: int = 3,
    group_names: Mapping[Hashable, str] | None = None,
) -> MixedModelResult:
    """Fit log10(V + ``log_offset``) ~ day × C(group, Treatment(``control_group``)) with a random
    intercept (and slope on day, when it converges) per animal, by REML (module docstring).

    ``start_day`` (default: the first day any animal was measured; pass the randomisation/baseline day)
    and ``end_day`` bound the measurements used; day is counted from ``start_day``. Groups with fewer
    than ``min_animals`` animals with data are left out of the fit (flagged). ``group_names`` only
    names the groups in flag messages. Invalid arguments raise
    ``ValueError`` (as :func:`~studies.analysis.growth.summarise_growth`); degenerate data do not.
    """
    if log_offset < 0 or not math.isfinite(log_offset):
        raise ValueError("log_offset must be a finite number ≥ 0")
    if min_animals < 2:
        raise ValueError("min_animals must be ≥ 2")
    c = float(log_offset)
    flags: list[dict[str, Any]] = []
    names = dict(group_names or {})

    def name(g: Hashable) -> str:
        return repr(names.get(g, g))

    # ---- per-animal rows in the window
    parsed: list[tuple[Hashable, Hashable, np.ndarray, np.ndarray]] = []
    seen: set = set()
    for a in animals:
        if a.animal_id in seen:
            raise ValueError(f"animal {a.animal_id!r} appears twice")
        seen.add(a.animal_id)
        d, v = _sorted_pairs(a.volumes, "volumes", a.animal_id)
        parsed.append((a.animal_id, a.group_id, d, v))
    all_days = np.concatenate([p[2] for p in parsed]) if parsed else np.array([])
    if start_day is None and all_days.size:
        start_day = float(all_days.min())
    dropped_zero = 0
    rows: list[tuple[Hashable, Hashable, float, float]] = []  # animal, group, t, y
    for aid, gid, d, v in parsed:
        keep = np.ones(d.size, dtype=bool)
        if start_day is not None:
            keep &= d >= start_day
        if end_day is not None:
            keep &= d <= end_day
        if c == 0:
            zero = keep & (v <= 0)
            dropped_zero += int(zero.sum())
            keep &= ~zero
        for day, vol in zip(d[keep], v[keep], strict=True):
            rows.append((aid, gid, float(day - start_day), math.log10(float(vol) + c)))
    if dropped_zero:
        flags.append(
            _flag(
                "zero_volumes_dropped",
                f"{dropped_zero} measurement(s) of 0 mm³ left out: log10(0) is undefined with a log "
                "offset of 0 (use the default offset of 1 mm³ to keep non-palpable tumors).",
            )
        )

    # ---- groups (control first, then in order of appearance)
    order: list[Hashable] = []
    for _aid, gid, _t, _y in rows:
        if gid not in order:
            order.append(gid)
    if control_group in order:
        order.remove(control_group)
        order.insert(0, control_group)
    n_anim = {g: len({r[0] for r in rows if r[1] == g}) for g in order}
    n_obs = {g: sum(1 for r in rows if r[1] == g) for g in order}
    n_days = {g: len({r[2] for r in rows if r[1] == g}) for g in order}
    one_day = bool(order) and len({r[2] for r in rows}) < 2
    in_model = [g for g in order if n_anim[g] >= min_animals and n_days[g] >= 2]
    for g in order:
        if n_anim[g] < min_animals:
            flags.append(
                _flag(
                    "group_too_small",
                    f"Group {name(g)} has {n_anim[g]} animal(s) with measurements in the analysed period "
                    f"(< {min_animals}): left out of the mixed model.",
                    g,
                )
            )
        elif n_days[g] < 2 and not one_day:
            flags.append(
                _flag(
                    "group_one_day",
                    f"Group {name(g)} was measured on one day only in the analysed period: no growth "
                    "rate; left out of the mixed model.",
                    g,
                )
            )

    model_rows = [r for r in rows if r[1] in in_model]
    span = max((r[2] for r in model_rows), default=0.0) - min((r[2] for r in model_rows), default=0.0)
    formula_text = _formula_text(c)

    def result(
        available: bool,
        *,
        info: dict[str, Any] | None = None,
        slopes: dict[Hashable, tuple] | None = None,
        comps: tuple[SlopeDifference, ...] = (),
        control: tuple = (None, None, (None, None)),
    ) -> MixedModelResult:
        groups = []
        for g in order:
            s = (slopes or {}).get(g)
            if s is None:
                groups.append(MixedModelGroup(g, g == control_group, n_anim[g], n_obs[g], g in in_model))
            else:
                slope, se, ci = s
                td, td_ci = _doubling(slope, *ci)
                groups.append(
                    MixedModelGroup(
                        g, g == control_group, n_anim[g], n_obs[g], True, slope, se, ci, td, td_ci
                    )
                )
        base = {
            "formula": formula_text,
            "random_formula": None,
            "random_effects": None,
            "method": "REML",
            "test": "Wald z",
            "converged": None,
            "log_likelihood": None,
            "n_animals": len({r[0] for r in model_rows}),
            "n_observations": len(model_rows),
            "n_groups": len(in_model),
            "start_day": json_float(start_day),
            "end_day": json_float(end_day),
            "log_offset": c,
        }
        base.update(info or {})
        return MixedModelResult(
            available,
            control_group,
            control[0],
            control[1],
            control[2],
            tuple(groups),
            comps,
            MixedModelInfo(**base),
            tuple(flags),
        )

    # ---- degenerate designs
    if control_group is None or control_group not in order:
        flags.append(
            _flag(
                "no_control",
                "No control group is set: no mixed model."
                if control_group is None
                else f"Control group {name(control_group)} has no measurements in the analysed period: "
                "no mixed model.",
                control_group,
            )
        )
        return result(False)
    if one_day:
        flags.append(_flag("one_day", "All measurements are on one day: growth rates cannot be estimated."))
        return result(False)
    if control_group not in in_model:
        flags.append(
            _flag(
                "control_too_small",
                f"The control group has fewer than {min_animals} animals with measurements on ≥ 2 days: "
                "no mixed model.",
                control_group,
            )
        )
        return result(False)
    if len(in_model) < 2:
        flags.append(
            _flag(
                "one_group",
                "Only one group can be modelled: no treated group to compare with the control.",
                control_group,
            )
        )
        return result(False)

    # ---- fit (statsmodels imported here: slow to import)
    import pandas as pd
    import statsmodels.formula.api as smf

    codes = {g: f"g{k}" for k, g in enumerate(in_model)}
    animal_codes: dict[Hashable, str] = {}
    for r in model_rows:
        animal_codes.setdefault(r[0], f"a{len(animal_codes)}")
    df = pd.DataFrame(
        {
            "y": [r[3] for r in model_rows],
            "t": [r[2] / _WEEK for r in model_rows],
            "grp": [codes[r[1]] for r in model_rows],
            "animal": [animal_codes[r[0]] for r in model_rows],
        }
    )
    formula = "y ~ t * C(grp, Treatment('g0'))"

    res = None
    msgs: list[str] = []
    structure = optimiser = None
    per_animal = df.groupby("animal")["t"].nunique()
    if random_slope and int((per_animal >= 3).sum()) * 2 < len(per_animal):
        flags.append(
            _flag(
                "random_slope_dropped",
                "Random slope per animal not used (fewer than half of the animals have ≥ 3 measurements); "
                "random intercept only.",
            )
        )
    elif random_slope:
        res, msgs, optimiser, problem = _best_fit(smf, df, formula, "~t", span / _WEEK)
        if problem is None:
            structure = "intercept + slope"
        else:
            flags.append(
                _flag(
                    "random_slope_dropped",
                    f"Random slope per animal not used ({problem}); refitted with a random intercept only.",
                )
            )
            res = None
    if res is None:
        res, msgs, optimiser, problem = _best_fit(smf, df, formula, "~1", span / _WEEK)
        if res is None or not _fe_ok(res):
            flags.append(_flag("fit_failed", f"The mixed model could not be fitted ({problem})."))
            return result(False, info={"warnings": tuple(msgs)})
        structure = "intercept"
        if problem is not None:
            flags.append(
                _flag(
                    "not_converged",
                    f"The REML fit is not reliable ({problem}): treat the estimates with caution.",
                )
            )

    # ---- estimates
    fe_names = list(res.fe_params.index)
    beta = np.asarray(res.fe_params, dtype=float)
    cov_all = res.cov_params()
    cov = np.asarray(cov_all.loc[fe_names, fe_names], dtype=float)
    ix = {n: i for i, n in enumerate(fe_names)}

    def lin(
        weights: dict[str, float],
    ) -> tuple[float | None, float | None, tuple[float | None, float | None]]:
        w = np.zeros(len(fe_names))
        for n, x in weights.items():
            w[ix[n]] = x / _WEEK  # per week → per day
        est = float(w @ beta)
        var = float(w @ cov @ w)
        if not (math.isfinite(est) and math.isfinite(var)) or var < 0:
            return json_float(est), None, (None, None)
        se = math.sqrt(var)
        return est, se, (est - Z95 * se, est + Z95 * se)

    slopes: dict[Hashable, tuple] = {control_group: lin({"t": 1.0})}
    raw = []
    for g in in_model[1:]:
        term = f"t:C(grp, Treatment('g0'))[T.{codes[g]}]"
        slopes[g] = lin({"t": 1.0, term: 1.0})
        est, se, ci = lin({term: 1.0})
        if se is not None and se > 0:
            z = est / se
            p = float(2.0 * stats.norm.sf(abs(z)))
        else:
            z = p = None
        raw.append((g, est, se, ci, z, p))
    adj = holm([r[5] for r in raw])
    comps = tuple(SlopeDifference(*r, pa) for r, pa in zip(raw, adj, strict=True))

    cov_re = np.asarray(res.cov_re, dtype=float)
    sd_i = math.sqrt(cov_re[0, 0]) if cov_re[0, 0] >= 0 else None
    sd_s = corr = None
    if structure == "intercept + slope":
        sd_s = math.sqrt(cov_re[1, 1]) / _WEEK if cov_re[1, 1] >= 0 else None
        if cov_re[0, 0] > 0 and cov_re[1, 1] > 0:
            corr = float(cov_re[0, 1] / math.sqrt(cov_re[0, 0] * cov_re[1, 1]))
    info = {
        "random_formula": "~ 1 + day | animal" if structure == "intercept + slope" else "~ 1 | animal",
        "random_effects": structure,
        "converged": bool(res.converged),
        "optimizer": optimiser,
        # REML log-likelihood of the model with time in days: rescaling the k slope columns of X by 7
        # adds k·log 7 to the REML term −½·log|X'V⁻¹X|
        "log_likelihood": json_float(float(res.llf) - len(in_model) * math.log(_WEEK)),
        "sd_intercept": sd_i,
        "sd_slope": sd_s,
        "corr_intercept_slope": corr,
        "sd_residual": math.sqrt(float(res.scale)) if float(res.scale) >= 0 else None,
        "warnings": tuple(msgs),
    }
    return result(True, info=info, slopes=slopes, comps=comps, control=slopes[control_group])
