"""Drug combination synergy in vivo: the exponential-growth mixed model of SynergyLMM.

References: Romero-Becerra R. et al., *Nat Commun* 2025 (SynergyLMM, R package 1.x, ``lmmModel``,
``lmmSynergy``, ``CookDistance``, ``PostHocPwr``, ``PwrSampleSize``); Demidenko E. & Miller T. W.,
*PLoS ONE* 14:e0224137 (2019). The full description, the checks and the differences in convention
are in ``docs/science-synergy.md``.

Model (as ``SynergyLMM::lmmModel``, i.e. ``nlme::lme(logRTV ~ 0 + Time:Treatment, random = ~ 0 + Time |
SampleID)`` fitted by REML)
--------------------------------------------------------------------------------------------------------
For animal *i* in arm T(i) and each measurement *j* after the treatment start day ``t0``::

    t_ij      = day_ij − t0                       (time since treatment start, in the unit of ``day``)
    logRTV_ij = ln(V_ij / V_i(t0))                (natural log of the relative tumor volume)
    logRTV_ij = β_T(i) · t_ij + b_i · t_ij + ε_ij,   b_i ~ N(0, σ_b²),  ε_ij ~ N(0, σ²)

one fixed growth rate β per arm (no intercept: logRTV is 0 at t0 by construction, and the t0 rows are
left out of the fit), a random slope per animal, independent residuals, REML. β is in ln units per
day: the tumors of an arm grow on average by the factor e^β per day.

Fitting: the model has one variance ratio θ = σ_b²/σ². With it, V_i = σ²(I + θ t_i t_iᵀ) and every
quantity REML needs is a closed form in three sums per animal (s_i = Σ t², u_i = Σ t·y, w_i = Σ y²),
because each animal contributes to one arm's column of X only:

    A_k = Σ_{i∈k} s_i / (1 + θ s_i),   B_k = Σ_{i∈k} u_i / (1 + θ s_i),   β_k = B_k / A_k
    RSS = Σ_i (w_i − θ u_i² / (1 + θ s_i)) − Σ_k B_k² / A_k,   σ² = RSS / (N − p)
    −2 ℓ_REML(θ) = (N − p)(1 + ln(2π σ²)) + Σ_i ln(1 + θ s_i) + Σ_k ln A_k
    Var(β_k) = σ² / A_k   (the fixed-effects covariance is diagonal), σ_b = √θ · σ

(N measurements, p = 4 arms). θ is found on a grid of ln θ and refined with Brent's method; θ = 0 (no
animal-to-animal variation in slope) is compared as the boundary. These are the same REML estimates
as nlme's (checked in the tests against the published SynergyLMM estimates of the BV-173 study and
against statsmodels ``MixedLM``); the closed form makes a fit take well under a millisecond, so the
per-day refits, the leave-one-animal-out refits and the power simulations need no shortcuts.

Synergy (as ``SynergyLMM::lmmSynergy``, exponential model, ``robust = FALSE``)
------------------------------------------------------------------------------
For each measurement day d ≥ ``min_day`` the model is refitted with the data up to d and a linear
contrast δ of the rates is tested with a Wald z test (``marginaleffects::hypotheses``: estimate ± 1.96
SE, normal p, two-sided):

    Bliss independence      δ = β_AB − (β_A + β_B − β_C)
    highest single agent    δ = β_AB − min(β_A, β_B)   (the single agent with the lower rate in the
                            fit with all the data, kept for every day, as SynergyLMM does)

combination index CI = exp(δ · t) with t = d − t0, 95 % CI exp((δ ∓ 1.96 SE) · t): CI < 1 synergy,
CI = 1 additivity, CI > 1 antagonism; synergy score SS = −δ / SE with 95 % CI (−δ/SE ∓ 1.96):
SS > 0 synergy. Both have the same p.

Diagnostics, influence and power: :func:`diagnose` (residuals vs fitted, normal QQ of the Pearson
residuals and of the random slopes, Shapiro–Wilk, Cook's distance per animal on the fixed effects by
leave-one-animal-out refits with SynergyLMM's threshold 3 × the mean distance); :func:`post_hoc_power`
(SynergyLMM's ``PostHocPwr``: simulate logRTV from the fitted model on the same design, refit, share of
p < α); :func:`sample_size_power` (planned study with n animals per arm: simulation from the observed
rates and variance components, seeded, with the analytic Wald power of the same design alongside).

Input rows are ``(animal, arm, day, volume)``. Animals without a volume > 0 on ``t0`` are left out (no
relative volume; listed in ``excluded``), later volumes of 0 or missing are ignored (SynergyLMM's
``tum_vol_0 = "ignore"``), rows before ``t0`` and of arms without a role are not used. Bad input
raises ``ValueError`` with a message naming the problem: arms that do not form a combination design,
an arm with fewer than 3 animals with ≥ 3 measurements (from ``t0`` on, the baseline included), an
animal in two arms, two volumes for one animal on one day.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import optimize, stats

from . import ANALYSIS_VERSION
from ._common import json_float, jsonable

__all__ = [
    "ROLES",
    "DesignRoles",
    "ArmRate",
    "GrowthRates",
    "SynergyTest",
    "SynergyDay",
    "SynergyOverTime",
    "Diagnostics",
    "PostHocPower",
    "SampleSizePower",
    "CombinationAnalysis",
    "recognise_design",
    "fit_growth_rates",
    "synergy_over_time",
    "diagnose",
    "post_hoc_power",
    "sample_size_power",
    "analyse_combination",
]

ROLES = ("control", "a", "b", "combination")
ROLE_LABELS = {"control": "control", "a": "drug A", "b": "drug B", "combination": "combination A+B"}
REFERENCES = ("bliss", "hsa")
Z95 = float(stats.norm.ppf(0.975))
MODEL_TEXT = "ln(V/V(t0)) = β_arm·t + b_animal·t + ε,  b ~ N(0, σ_b²), ε ~ N(0, σ²), REML"
_BLISS_W = np.array([1.0, -1.0, -1.0, 1.0])  # control, A, B, A+B: δ = β_AB − β_A − β_B + β_C
_GRID = 61  # points of the ln θ grid before Brent


# --------------------------------------------------------------------------------------------------
# Design


@dataclass(frozen=True)
class DesignRoles:
    """The four arms of a two-drug combination design: ``control``, ``a``, ``b`` and ``combination``
    (arm names); ``recognised`` is False when the roles were set by hand."""

    control: str
    a: str
    b: str
    combination: str
    recognised: bool = True

    def arm(self, role: str) -> str:
        return getattr(self, role)

    def arms(self) -> tuple[str, str, str, str]:
        return (self.control, self.a, self.b, self.combination)

    def to_dict(self) -> dict[str, Any]:
        return {
            "control": self.control,
            "a": self.a,
            "b": self.b,
            "combination": self.combination,
            "recognised": self.recognised,
        }


def _norm_agents(treatments: Iterable[str] | None) -> frozenset[str]:
    return frozenset(str(t).strip().casefold() for t in (treatments or ()) if str(t).strip())


def recognise_design(
    arms: Sequence[Mapping[str, Any]], *, roles: Mapping[str, str] | None = None
) -> DesignRoles:
    """Recognise a two-drug combination design among ``arms``.

    ``arms``: ``[{"name": str, "is_control": bool, "treatments": set of agent names}, ...]``. The control
    is the one arm marked ``is_control``; the combination arm is an arm whose treatments are the union of
    the (disjoint, non-empty) treatments of two other non-control arms A and B (agent names compared
    without case and surrounding spaces). Arms beyond these four are allowed and ignored. A and B are
    in the order of ``arms``.

    ``roles`` (``{"control": name, "a": name, "b": name, "combination": name}``) sets the roles by hand:
    the names must be four different arms; the treatments are not checked then (the user confirmed).

    Raises ``ValueError`` saying what is missing or ambiguous.
    """
    names = [str(a["name"]) for a in arms]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"Arm names must be unique; repeated: {', '.join(map(repr, dup))}.")
    if roles is not None:
        missing = [r for r in ROLES if not roles.get(r)]
        if missing:
            raise ValueError(
                "Roles set by hand must name an arm for each of control, drug A, drug B and the "
                f"combination; missing: {', '.join(ROLE_LABELS[r] for r in missing)}."
            )
        chosen = [str(roles[r]) for r in ROLES]
        unknown = [n for n in chosen if n not in names]
        if unknown:
            raise ValueError(f"No arm named {', '.join(map(repr, unknown))} in this study.")
        if len(set(chosen)) != 4:
            raise ValueError(
                "The four roles (control, drug A, drug B, combination) need four different arms."
            )
        return DesignRoles(*chosen, recognised=False)

    controls = [str(a["name"]) for a in arms if a.get("is_control")]
    if not controls:
        raise ValueError(
            "Not a combination design: no control arm (mark the vehicle/untreated arm as control)."
        )
    if len(controls) > 1:
        raise ValueError(
            f"Not a combination design that can be recognised: {len(controls)} control arms "
            f"({', '.join(map(repr, controls))}); set the roles by hand."
        )
    treated = [(str(a["name"]), _norm_agents(a.get("treatments"))) for a in arms if not a.get("is_control")]
    treated = [(n, t) for n, t in treated if t]
    found = []
    for ia, (na, ta) in enumerate(treated):
        for nb, tb in treated[ia + 1 :]:
            if ta & tb:
                continue
            for nc, tc in treated:
                if tc == ta | tb:
                    found.append((na, nb, nc))
    if len(found) == 1:
        return DesignRoles(controls[0], *found[0], recognised=True)
    if len(found) > 1:
        alts = "; ".join(f"{c!r} = {a!r} + {b!r}" for a, b, c in found)
        raise ValueError(f"More than one combination design among the arms ({alts}): set the roles by hand.")
    # say what is missing
    multi = [(n, t) for n, t in treated if len(t) >= 2]
    if not treated:
        raise ValueError(
            "Not a combination design: no treated arm with named treatments besides the control."
        )
    if not multi:
        raise ValueError(
            "Not a combination design: no arm combines two treatments (the combination arm's treatments "
            "are those of two single-agent arms together)."
        )
    singles = {t: n for n, t in treated}
    reasons = []
    for n, t in multi:
        agents = sorted(t)
        if len(t) == 2:
            lacking = [g for g in agents if frozenset([g]) not in singles]
            reasons.append(
                f"arm {n!r} combines {' and '.join(agents)}, but no arm gives {' or '.join(lacking)} alone"
            )
        else:
            reasons.append(
                f"arm {n!r} combines {', '.join(agents)}, but no two other arms split these treatments"
            )
    raise ValueError("Not a combination design: " + "; ".join(reasons) + ".")


# --------------------------------------------------------------------------------------------------
# Data


@dataclass
class _Data:
    """Rows in the model (t > 0) and per-animal facts, arms indexed 0..3 in ROLES order."""

    roles: DesignRoles
    t0: float
    animals: list  # animal ids in the model (with a baseline)
    animal_arm: np.ndarray  # arm index per animal
    n_meas: np.ndarray  # measurements from t0 on, baseline included, per animal
    obs_animal: np.ndarray  # animal index per observation
    obs_day: np.ndarray
    t: np.ndarray
    y: np.ndarray
    excluded: list = field(default_factory=list)
    ignored_rows: dict = field(default_factory=dict)

    def until(self, t_max: float) -> _Data:
        keep = self.t <= t_max + 1e-12
        return _Data(
            self.roles,
            self.t0,
            self.animals,
            self.animal_arm,
            self.n_meas,
            self.obs_animal[keep],
            self.obs_day[keep],
            self.t[keep],
            self.y[keep],
            self.excluded,
            self.ignored_rows,
        )


def _num(x: Any) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _prepare(rows: Iterable[Sequence[Any]], roles: DesignRoles, t0: float, until_day: float | None) -> _Data:
    t0 = float(t0)
    arm_ix = {name: k for k, name in enumerate(roles.arms())}
    ignored = {"other_arm": 0, "before_t0": 0, "after_until_day": 0, "missing_volume": 0, "zero_volume": 0}
    animal_arm: dict[Hashable, int] = {}
    per_animal: dict[Hashable, dict[float, float | None]] = {}
    for row in rows:
        animal, arm, day, vol = row
        arm = str(arm)
        if arm not in arm_ix:
            ignored["other_arm"] += 1
            continue
        d = _num(day)
        if d is None:
            raise ValueError(f"Animal {animal!r}: a measurement has no day.")
        k = arm_ix[arm]
        if animal_arm.setdefault(animal, k) != k:
            raise ValueError(
                f"Animal {animal!r} appears in two arms ({roles.arms()[animal_arm[animal]]!r} and {arm!r})."
            )
        if d < t0:
            ignored["before_t0"] += 1
            continue
        if until_day is not None and d > until_day:
            ignored["after_until_day"] += 1
            continue
        days = per_animal.setdefault(animal, {})
        if d in days:
            raise ValueError(f"Animal {animal!r} has two volumes on day {d:g}.")
        days[d] = _num(vol)
    animals, arms_of, n_meas = [], [], []
    oa, od, ot, oy = [], [], [], []
    excluded = []
    for animal in animal_arm:
        days = per_animal.get(animal, {})
        v0 = days.get(t0)
        if v0 is None or v0 <= 0:
            why = (
                "no volume on the treatment start day"
                if v0 is None
                else "volume 0 on the treatment start day"
            )
            excluded.append({"animal": animal, "arm": roles.arms()[animal_arm[animal]], "reason": why})
            continue
        idx = len(animals)
        count = 1
        for d in sorted(days):
            if d == t0:
                continue
            v = days[d]
            if v is None:
                ignored["missing_volume"] += 1
                continue
            if v <= 0:
                ignored["zero_volume"] += 1
                continue
            count += 1
            oa.append(idx)
            od.append(d)
            ot.append(d - t0)
            oy.append(math.log(v / v0))
        animals.append(animal)
        arms_of.append(animal_arm[animal])
        n_meas.append(count)
    return _Data(
        roles,
        t0,
        animals,
        np.asarray(arms_of, dtype=int),
        np.asarray(n_meas, dtype=int),
        np.asarray(oa, dtype=int),
        np.asarray(od, dtype=float),
        np.asarray(ot, dtype=float),
        np.asarray(oy, dtype=float),
        excluded,
        ignored,
    )


def _check_enough(data: _Data, min_animals: int, min_measurements: int) -> None:
    problems = []
    for k, role in enumerate(ROLES):
        n_ok = int(np.sum((data.animal_arm == k) & (data.n_meas >= min_measurements)))
        if n_ok < min_animals:
            problems.append(f"{data.roles.arm(role)!r} ({ROLE_LABELS[role]}) has {n_ok}")
    if problems:
        raise ValueError(
            f"Too few animals: each arm needs at least {min_animals} animals with ≥ {min_measurements} "
            f"tumor measurements from the treatment start day on; " + ", ".join(problems) + "."
        )


# --------------------------------------------------------------------------------------------------
# REML in closed form


@dataclass
class _Fit:
    beta: np.ndarray  # per arm
    var: np.ndarray  # Var(β_k), the diagonal of the fixed-effects covariance
    sigma2: float
    theta: float  # σ_b² / σ²
    loglik: float  # REML log-likelihood
    n_obs: int
    boundary: bool

    @property
    def se(self) -> np.ndarray:
        return np.sqrt(self.var)

    @property
    def sd_slope(self) -> float:
        return math.sqrt(self.theta * self.sigma2)


def _stats(data: _Data) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = len(data.animals)
    a = data.obs_animal
    s = np.bincount(a, weights=data.t**2, minlength=n)
    u = np.bincount(a, weights=data.t * data.y, minlength=n)
    w = np.bincount(a, weights=data.y**2, minlength=n)
    cnt = np.bincount(a, minlength=n)
    return s, u, w, cnt


def _neg2ll(theta, s, u2, u, wsum, onehot, n_obs):
    """−2 REML log-likelihood (σ² profiled out) for an array of θ values; also β = B/A, A_k and RSS.
    ``onehot`` is the animals × arms indicator, ``u2`` = u², ``wsum`` = Σ w."""
    th = np.reshape(np.asarray(theta, dtype=float), (-1, 1))
    d = 1.0 + th * s
    A = (s / d) @ onehot
    B = (u / d) @ onehot
    df = n_obs - onehot.shape[1]
    rss = np.maximum(wsum - (th * u2 / d).sum(axis=1) - (B * B / A).sum(axis=1), 1e-300)
    val = df * (1.0 + np.log(2.0 * math.pi * rss / df)) + np.log(d).sum(axis=1) + np.log(A).sum(axis=1)
    return val, B / A, A, rss


def _fit_stats(s, u, w, arm, n_obs: int, p: int = 4) -> _Fit:
    """REML fit from the per-animal sums (only animals with s > 0 matter)."""
    use = s > 0
    s, u, w, arm = s[use], u[use], w[use], arm[use]
    if n_obs - p <= 0:
        raise ValueError("Too few measurements to fit the model.")
    onehot = np.zeros((arm.size, p))
    onehot[np.arange(arm.size), arm] = 1.0
    if np.any(onehot.sum(axis=0) == 0):
        raise ValueError("An arm has no measurement after the treatment start day.")
    args = (s, u * u, u, float(w.sum()), onehot, n_obs)
    scale = float(np.median(s))
    grid = np.linspace(math.log(1e-8 / scale), math.log(1e4 / scale), _GRID)
    vals = _neg2ll(np.exp(grid), *args)[0]
    j = int(np.argmin(vals))

    def f(phi):
        return float(_neg2ll(math.exp(phi), *args)[0][0])

    lo, hi = grid[max(j - 1, 0)], grid[min(j + 1, _GRID - 1)]
    res = optimize.minimize_scalar(f, bounds=(lo, hi), method="bounded", options={"xatol": 1e-10})
    theta, best = math.exp(float(res.x)), float(res.fun)
    boundary = False
    v0 = float(_neg2ll(0.0, *args)[0][0])
    if v0 <= best:
        theta, best, boundary = 0.0, v0, True
    _, beta, A, rss = _neg2ll(theta, *args)
    sigma2 = float(rss[0]) / (n_obs - p)
    return _Fit(
        beta=beta[0].copy(),
        var=sigma2 / A[0],
        sigma2=sigma2,
        theta=theta,
        loglik=-0.5 * best,
        n_obs=n_obs,
        boundary=boundary,
    )


def _fit(data: _Data) -> _Fit:
    s, u, w, cnt = _stats(data)
    return _fit_stats(s, u, w, data.animal_arm, int(cnt.sum()))


# --------------------------------------------------------------------------------------------------
# Growth rates


@dataclass(frozen=True)
class ArmRate:
    """One arm's growth rate β (ln relative volume per day) with SE and Wald 95 % CI, and its data."""

    role: str
    arm: str
    rate: float | None
    se: float | None
    ci95: tuple[float | None, float | None]
    n_animals: int
    n_observations: int

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class GrowthRates:
    """The fit of the model with the data from ``t0`` to ``last_day``."""

    roles: DesignRoles
    arms: tuple[ArmRate, ...]  # control, A, B, A+B
    sd_random_slope: float | None  # σ_b, ln units per day
    sd_random_slope_relative: float | None  # σ_b/σ: what SynergyLMM's lmmModel_estimates calls sd_ranef
    sd_residual: float | None  # σ
    reml_log_likelihood: float | None
    random_slope_at_zero: bool  # REML put σ_b on the boundary 0
    n_animals: int
    n_observations: int
    t0: float
    last_day: float | None
    times: tuple[float, ...]  # distinct t = day − t0 in the fit
    excluded: tuple[dict[str, Any], ...] = ()
    ignored_rows: dict[str, int] = field(default_factory=dict)
    model: str = MODEL_TEXT
    units: str = "ln(relative tumor volume) per day"
    analysis_version: str = ANALYSIS_VERSION

    def rate(self, role: str) -> float | None:
        return self.arms[ROLES.index(role)].rate

    def to_dict(self) -> dict[str, Any]:
        return {
            "roles": self.roles.to_dict(),
            "arms": [a.to_dict() for a in self.arms],
            "sd_random_slope": json_float(self.sd_random_slope),
            "sd_random_slope_relative": json_float(self.sd_random_slope_relative),
            "sd_residual": json_float(self.sd_residual),
            "reml_log_likelihood": json_float(self.reml_log_likelihood),
            "random_slope_at_zero": self.random_slope_at_zero,
            "n_animals": self.n_animals,
            "n_observations": self.n_observations,
            "t0": json_float(self.t0),
            "last_day": json_float(self.last_day),
            "times": jsonable(self.times),
            "excluded": [jsonable(e) for e in self.excluded],
            "ignored_rows": dict(self.ignored_rows),
            "model": self.model,
            "units": self.units,
            "analysis_version": self.analysis_version,
        }


def _growth_rates(data: _Data, fit: _Fit) -> GrowthRates:
    arms = []
    for k, role in enumerate(ROLES):
        in_arm = data.animal_arm == k
        n_obs = int(np.sum(in_arm[data.obs_animal])) if data.obs_animal.size else 0
        n_anim = int(np.sum(np.bincount(data.obs_animal, minlength=len(data.animals))[in_arm] > 0))
        b, se = float(fit.beta[k]), float(math.sqrt(fit.var[k]))
        arms.append(ArmRate(role, data.roles.arm(role), b, se, (b - Z95 * se, b + Z95 * se), n_anim, n_obs))
    return GrowthRates(
        roles=data.roles,
        arms=tuple(arms),
        sd_random_slope=fit.sd_slope,
        sd_random_slope_relative=math.sqrt(fit.theta),
        sd_residual=math.sqrt(fit.sigma2),
        reml_log_likelihood=fit.loglik,
        random_slope_at_zero=fit.boundary,
        n_animals=int(np.unique(data.obs_animal).size),
        n_observations=fit.n_obs,
        t0=data.t0,
        last_day=float(data.obs_day.max()) if data.obs_day.size else None,
        times=tuple(float(x) for x in np.unique(data.t)),
        excluded=tuple(data.excluded),
        ignored_rows=dict(data.ignored_rows),
    )


def _load(rows, roles, t0, until_day, min_animals, min_measurements) -> _Data:
    if not isinstance(roles, DesignRoles):
        missing = [r for r in ROLES if not roles.get(r)]
        if missing:
            raise ValueError(f"roles must name an arm for {', '.join(ROLE_LABELS[r] for r in missing)}.")
        roles = DesignRoles(*(str(roles[r]) for r in ROLES), recognised=False)
        if len(set(roles.arms())) != 4:
            raise ValueError(
                "The four roles (control, drug A, drug B, combination) need four different arms."
            )
    data = _prepare(rows, roles, t0, until_day)
    _check_enough(data, min_animals, min_measurements)
    return data


def fit_growth_rates(
    rows: Iterable[Sequence[Any]],
    roles: DesignRoles | Mapping[str, str],
    *,
    t0: float,
    until_day: float | None = None,
    min_animals: int = 3,
    min_measurements: int = 3,
) -> GrowthRates:
    """Fit the exponential-growth mixed model (module docstring) to ``rows`` = ``(animal, arm, day,
    volume)`` with days from ``t0`` (treatment start, the baseline of the relative volume) to
    ``until_day`` (default: all) and return each arm's growth rate with SE, σ_b, σ and the counts.

    ``roles`` is a :class:`DesignRoles` (from :func:`recognise_design`) or a mapping role → arm name.
    Raises ``ValueError`` when an arm has fewer than ``min_animals`` animals with ≥ ``min_measurements``
    measurements from ``t0`` on (baseline included), naming the arm(s), or on inconsistent rows.
    """
    data = _load(rows, roles, t0, until_day, min_animals, min_measurements)
    return _growth_rates(data, _fit(data))


# --------------------------------------------------------------------------------------------------
# Synergy tests


@dataclass(frozen=True)
class SynergyTest:
    """One reference model on one day: δ (ln units per day) with SE, z and p; the combination index
    CI = exp(δ·t) with its 95 % CI; the synergy score SS = −δ/SE with its 95 % CI."""

    reference: str  # "bliss" or "hsa"
    delta: float | None
    se: float | None
    z: float | None
    p: float | None
    combination_index: float | None
    combination_index_ci95: tuple[float | None, float | None]
    synergy_score: float | None
    synergy_score_ci95: tuple[float | None, float | None]
    hsa_arm: str | None = None  # the single agent compared with (HSA only)

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class SynergyDay:
    """The refit with the data up to ``day`` (``time`` = day − t0) and its tests."""

    day: float
    time: float
    n_animals: int
    n_observations: int
    rates: tuple[float | None, ...]  # control, A, B, A+B
    rate_se: tuple[float | None, ...]
    sd_random_slope: float | None
    sd_residual: float | None
    bliss: SynergyTest | None
    hsa: SynergyTest | None
    note: str | None = None  # why the day could not be fitted

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": json_float(self.day),
            "time": json_float(self.time),
            "n_animals": self.n_animals,
            "n_observations": self.n_observations,
            "rates": jsonable(self.rates),
            "rate_se": jsonable(self.rate_se),
            "sd_random_slope": json_float(self.sd_random_slope),
            "sd_residual": json_float(self.sd_residual),
            "bliss": self.bliss.to_dict() if self.bliss else None,
            "hsa": self.hsa.to_dict() if self.hsa else None,
            "note": self.note,
        }


@dataclass(frozen=True)
class SynergyOverTime:
    roles: DesignRoles
    t0: float
    min_day: float
    hsa_role: str  # "a" or "b": the single agent with the lower rate in the fit with all the data
    days: tuple[SynergyDay, ...]
    test: str = "Wald z (fixed-effects covariance of the REML fit), two-sided"
    interpretation: str = "CI < 1 and SS > 0: synergy; CI = 1, SS = 0: additivity; CI > 1, SS < 0: antagonism"
    analysis_version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "roles": self.roles.to_dict(),
            "t0": json_float(self.t0),
            "min_day": json_float(self.min_day),
            "hsa_role": self.hsa_role,
            "hsa_arm": self.roles.arm(self.hsa_role),
            "days": [d.to_dict() for d in self.days],
            "test": self.test,
            "interpretation": self.interpretation,
            "analysis_version": self.analysis_version,
        }


def _weights(reference: str, hsa_role: str) -> np.ndarray:
    if reference == "bliss":
        return _BLISS_W
    w = np.zeros(4)
    w[3] = 1.0
    w[ROLES.index(hsa_role)] = -1.0
    return w


def _wald(fit: _Fit, w: np.ndarray) -> tuple[float, float, float, float]:
    delta = float(w @ fit.beta)
    se = float(math.sqrt(w**2 @ fit.var))
    z = delta / se if se > 0 else math.nan
    p = math.erfc(abs(z) / math.sqrt(2.0)) if se > 0 else math.nan  # 2·(1 − Φ(|z|))
    return delta, se, z, p


def _test(fit: _Fit, reference: str, hsa_role: str, time: float, roles: DesignRoles) -> SynergyTest:
    delta, se, z, p = _wald(fit, _weights(reference, hsa_role))
    lo, hi = delta - Z95 * se, delta + Z95 * se
    ss = -z if se > 0 else None
    return SynergyTest(
        reference=reference,
        delta=delta,
        se=se,
        z=json_float(z),
        p=json_float(p),
        combination_index=json_float(math.exp(delta * time)),
        combination_index_ci95=(json_float(math.exp(lo * time)), json_float(math.exp(hi * time))),
        synergy_score=json_float(ss),
        synergy_score_ci95=(json_float(-hi / se), json_float(-lo / se)) if se > 0 else (None, None),
        hsa_arm=roles.arm(hsa_role) if reference == "hsa" else None,
    )


def _hsa_role(fit: _Fit) -> str:
    # SynergyLMM: which.min(fixef[2:3]) on the model with all the data (ties → drug A)
    return "a" if fit.beta[1] <= fit.beta[2] else "b"


def _synergy_days(data: _Data, full: _Fit, min_day: float) -> SynergyOverTime:
    hsa_role = _hsa_role(full)
    out = []
    for day in np.unique(data.obs_day):
        if day < min_day:
            continue
        time = float(day - data.t0)
        sub = data.until(time)
        n_anim = int(np.unique(sub.obs_animal).size)
        try:
            fit = _fit(sub)
        except ValueError as exc:
            out.append(
                SynergyDay(
                    float(day),
                    time,
                    n_anim,
                    int(sub.t.size),
                    (None,) * 4,
                    (None,) * 4,
                    None,
                    None,
                    None,
                    None,
                    note=str(exc),
                )
            )
            continue
        out.append(
            SynergyDay(
                day=float(day),
                time=time,
                n_animals=n_anim,
                n_observations=fit.n_obs,
                rates=tuple(float(b) for b in fit.beta),
                rate_se=tuple(float(x) for x in fit.se),
                sd_random_slope=fit.sd_slope,
                sd_residual=math.sqrt(fit.sigma2),
                bliss=_test(fit, "bliss", hsa_role, time, data.roles),
                hsa=_test(fit, "hsa", hsa_role, time, data.roles),
            )
        )
    return SynergyOverTime(data.roles, data.t0, float(min_day), hsa_role, tuple(out))


def synergy_over_time(
    rows: Iterable[Sequence[Any]],
    roles: DesignRoles | Mapping[str, str],
    *,
    t0: float,
    min_day: float,
    until_day: float | None = None,
    min_animals: int = 3,
    min_measurements: int = 3,
) -> SynergyOverTime:
    """For every measurement day d with ``min_day`` ≤ d (≤ ``until_day``), refit the model with the
    data from ``t0`` to d and test Bliss independence and the highest single agent (module docstring):
    δ, SE, z, p, the combination index exp(δ·(d − t0)) with its 95 % CI and the synergy score −δ/SE.
    The single agent of HSA is the one with the lower rate in the fit with all the data (SynergyLMM).
    The arm-size rule (``ValueError``) applies to all the data; a day whose refit is impossible (an arm
    not yet measured after ``t0``) is reported with a ``note`` and no tests.
    """
    data = _load(rows, roles, t0, until_day, min_animals, min_measurements)
    return _synergy_days(data, _fit(data), float(min_day))


# --------------------------------------------------------------------------------------------------
# Diagnostics


def _ppoints(n: int) -> np.ndarray:
    """R's ``ppoints(n)`` (used by ``qqnorm``): (i − a)/(n + 1 − 2a), a = 3/8 if n ≤ 10 else 1/2."""
    a = 0.375 if n <= 10 else 0.5
    return (np.arange(1, n + 1) - a) / (n + 1 - 2 * a)


def _qq(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(order, theoretical normal quantiles) for a QQ plot of ``values``."""
    order = np.argsort(values, kind="stable")
    return order, stats.norm.ppf(_ppoints(values.size))


def _shapiro(x: np.ndarray) -> float | None:
    if x.size < 3 or np.ptp(x) == 0:
        return None
    return json_float(stats.shapiro(x).pvalue)


@dataclass(frozen=True)
class Diagnostics:
    """Model checks of the fit with all the data.

    ``residuals``: one row per measurement: animal, arm, day, fitted (β + b_i)·t, residual (observed −
    fitted, the conditional residual nlme reports), pearson (residual/σ). ``qq_residuals``: the Pearson
    residuals sorted, with the normal quantiles (R ``qqnorm`` positions). ``random_slopes``: one row per
    animal: the BLUP b_i, its normal quantile, Cook's distance and whether it is influential.
    Cook's distance D_i = (β − β₍₋ᵢ₎)ᵀ Var(β)⁻¹ (β − β₍₋ᵢ₎) / p from leave-one-animal-out refits
    (SynergyLMM ``CookDistance(type = "fixef")``); influential: D_i > 3 × the mean of the non-zero
    D (SynergyLMM's default threshold)."""

    residuals: tuple[dict[str, Any], ...]
    qq_residuals: tuple[dict[str, Any], ...]
    random_slopes: tuple[dict[str, Any], ...]
    cook_threshold: float | None
    influential: tuple[Hashable, ...]
    shapiro_p_residuals: float | None
    shapiro_p_random_slopes: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "residuals": [jsonable(r) for r in self.residuals],
            "qq_residuals": [jsonable(r) for r in self.qq_residuals],
            "random_slopes": [jsonable(r) for r in self.random_slopes],
            "cook_threshold": json_float(self.cook_threshold),
            "influential": jsonable(self.influential),
            "shapiro_p_residuals": json_float(self.shapiro_p_residuals),
            "shapiro_p_random_slopes": json_float(self.shapiro_p_random_slopes),
        }


def _diagnostics(data: _Data, fit: _Fit) -> Diagnostics:
    s, u, w, cnt = _stats(data)
    arm = data.animal_arm
    beta_i = fit.beta[arm]
    blup = fit.theta * (u - s * beta_i) / (1.0 + fit.theta * s)
    a = data.obs_animal
    fitted = (beta_i[a] + blup[a]) * data.t
    resid = data.y - fitted
    sigma = math.sqrt(fit.sigma2)
    pearson = resid / sigma if sigma > 0 else np.full_like(resid, np.nan)
    arms = data.roles.arms()
    res_rows = tuple(
        {
            "animal": data.animals[a[j]],
            "arm": arms[arm[a[j]]],
            "day": float(data.obs_day[j]),
            "fitted": float(fitted[j]),
            "residual": float(resid[j]),
            "pearson": float(pearson[j]),
        }
        for j in range(resid.size)
    )
    order, q = _qq(pearson)
    qq_rows = tuple(
        {
            "animal": data.animals[a[j]],
            "day": float(data.obs_day[j]),
            "theoretical": float(qj),
            "sample": float(pearson[j]),
        }
        for j, qj in zip(order, q, strict=True)
    )
    # Cook's distance: leave-one-animal-out refits
    present = np.flatnonzero(cnt > 0)
    p = 4
    cook = np.full(len(data.animals), np.nan)
    for i in present:
        keep = np.ones(len(data.animals), dtype=bool)
        keep[i] = False
        try:
            f_i = _fit_stats(s[keep], u[keep], w[keep], arm[keep], int(cnt[keep].sum()))
        except ValueError:
            continue
        d = fit.beta - f_i.beta
        cook[i] = float(np.sum(d**2 / fit.var)) / p
    finite = cook[present][np.isfinite(cook[present])]
    nz = finite[finite != 0]
    thr = 3.0 * float(nz.mean()) if nz.size else None
    b_present = blup[present]
    order_b, qb = _qq(b_present)
    q_of = {int(present[j]): float(qv) for j, qv in zip(order_b, qb, strict=True)}
    slope_rows = []
    influential = []
    for i in present:
        infl = bool(thr is not None and np.isfinite(cook[i]) and cook[i] > thr)
        if infl:
            influential.append(data.animals[i])
        slope_rows.append(
            {
                "animal": data.animals[i],
                "arm": arms[arm[i]],
                "random_slope": float(blup[i]),
                "theoretical": q_of[int(i)],
                "cook_distance": json_float(cook[i]),
                "influential": infl,
            }
        )
    return Diagnostics(
        residuals=res_rows,
        qq_residuals=qq_rows,
        random_slopes=tuple(slope_rows),
        cook_threshold=thr,
        influential=tuple(influential),
        shapiro_p_residuals=_shapiro(pearson),
        shapiro_p_random_slopes=_shapiro(b_present) if fit.theta > 0 else None,
    )


def diagnose(
    rows: Iterable[Sequence[Any]],
    roles: DesignRoles | Mapping[str, str],
    *,
    t0: float,
    until_day: float | None = None,
    min_animals: int = 3,
    min_measurements: int = 3,
) -> Diagnostics:
    """Residuals vs fitted, normal QQ of the residuals and of the random slopes, Shapiro–Wilk p-values
    and Cook's distance per animal with the influential animals (see :class:`Diagnostics`)."""
    data = _load(rows, roles, t0, until_day, min_animals, min_measurements)
    return _diagnostics(data, _fit(data))


# --------------------------------------------------------------------------------------------------
# Power


def _simulate_pvalues(
    s_design: np.ndarray,
    t_obs: np.ndarray,
    obs_animal: np.ndarray,
    arm: np.ndarray,
    beta: np.ndarray,
    sd_b: float,
    sigma: float,
    w: np.ndarray,
    n_sim: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """p-values of the Wald test of contrast ``w`` in ``n_sim`` data sets simulated from the model
    on one design (times ``t_obs`` of animals ``obs_animal``, arms ``arm`` per animal)."""
    n_anim = arm.size
    mean = beta[arm][obs_animal] * t_obs
    b = rng.normal(0.0, sd_b, size=(n_sim, n_anim)) if sd_b > 0 else np.zeros((n_sim, n_anim))
    eps = rng.normal(0.0, sigma, size=(n_sim, t_obs.size))
    y = mean[None, :] + b[:, obs_animal] * t_obs[None, :] + eps
    ind = np.zeros((t_obs.size, n_anim))
    ind[np.arange(t_obs.size), obs_animal] = 1.0
    U = (y * t_obs[None, :]) @ ind
    W = (y**2) @ ind
    pvals = np.empty(n_sim)
    for k in range(n_sim):
        fit = _fit_stats(s_design, U[k], W[k], arm, t_obs.size)
        pvals[k] = _wald(fit, w)[3]
    return pvals


def _analytic_power(delta: float, se: float, alpha: float) -> float:
    if not se > 0:
        return math.nan
    zc = float(stats.norm.ppf(1 - alpha / 2))
    lam = abs(delta) / se
    return float(stats.norm.sf(zc - lam) + stats.norm.cdf(-zc - lam))


@dataclass(frozen=True)
class PostHocPower:
    """Post hoc power of one synergy test on the fitted design (SynergyLMM ``PostHocPwr``): the share
    of ``n_sim`` simulated data sets (logRTV = β̂·t + b·t + ε with the fitted β̂, σ_b, σ, on the same
    animals and days) whose refit gives p < ``alpha``; with its Monte Carlo SE, and the analytic Wald
    power |δ̂|/SE(δ̂) of the fit for comparison."""

    reference: str
    day: float | None
    alpha: float
    n_sim: int
    seed: int
    power: float
    power_mc_se: float
    power_analytic: float | None
    delta: float
    se: float

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


def _post_hoc(data: _Data, fit: _Fit, reference: str, alpha: float, n_sim: int, seed: int, hsa_role: str):
    if n_sim < 1:
        raise ValueError("n_sim must be ≥ 1")
    w = _weights(reference, hsa_role)
    s, _, _, cnt = _stats(data)
    rng = np.random.default_rng(seed)
    pv = _simulate_pvalues(
        s,
        data.t,
        data.obs_animal,
        data.animal_arm,
        fit.beta,
        fit.sd_slope,
        math.sqrt(fit.sigma2),
        w,
        n_sim,
        rng,
    )
    power = float(np.mean(pv < alpha))
    delta, se, _, _ = _wald(fit, w)
    return PostHocPower(
        reference=reference,
        day=float(data.obs_day.max()) if data.obs_day.size else None,
        alpha=alpha,
        n_sim=n_sim,
        seed=seed,
        power=power,
        power_mc_se=math.sqrt(power * (1 - power) / n_sim),
        power_analytic=json_float(_analytic_power(delta, se, alpha)),
        delta=delta,
        se=se,
    )


def post_hoc_power(
    rows: Iterable[Sequence[Any]],
    roles: DesignRoles | Mapping[str, str],
    *,
    t0: float,
    until_day: float | None = None,
    reference: str = "bliss",
    alpha: float = 0.05,
    n_sim: int = 500,
    seed: int = 0,
    min_animals: int = 3,
    min_measurements: int = 3,
) -> PostHocPower:
    """Post hoc power of the ``reference`` ("bliss" or "hsa") test at the last day (``until_day``, default
    all the data) by simulation from the fitted model, seeded (see :class:`PostHocPower`)."""
    if reference not in REFERENCES:
        raise ValueError(f"reference must be one of {REFERENCES}")
    data = _load(rows, roles, t0, until_day, min_animals, min_measurements)
    fit = _fit(data)
    return _post_hoc(data, fit, reference, alpha, n_sim, seed, _hsa_role(fit))


@dataclass(frozen=True)
class SampleSizePower:
    """A priori power of the ``reference`` test for a planned study with n animals per arm, measured at
    ``times`` (days after the treatment start; the baseline at t0 as well), with the rates ``rates``
    (control, A, B, A+B) and the variance components ``sd_random_slope``, ``sd_residual`` (default: those
    of the observed fit). ``curve``: per n, the simulated power (``n_sim`` data sets, seeded), its Monte
    Carlo SE and the analytic Wald power (Var(β̂_k) = σ²(1 + θS)/(nS), S = Σ t², θ = σ_b²/σ²; the
    Helms/``PwrSampleSize`` exemplary-data approach with a z instead of an F(1, ddf) reference).
    ``n_for_target``: the smallest n in the curve whose simulated power reaches ``target``."""

    reference: str
    rates: tuple[float, float, float, float]
    sd_random_slope: float
    sd_residual: float
    times: tuple[float, ...]
    alpha: float
    n_sim: int
    seed: int
    target: float
    delta: float
    curve: tuple[dict[str, Any], ...]
    n_for_target: int | None
    n_for_target_analytic: int | None

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.__dict__.items()}


def sample_size_power(
    growth: GrowthRates,
    *,
    animals_per_arm: Iterable[int] = range(3, 13),
    times: Sequence[float] | None = None,
    reference: str = "bliss",
    rates: Sequence[float] | None = None,
    sd_random_slope: float | None = None,
    sd_residual: float | None = None,
    alpha: float = 0.05,
    target: float = 0.8,
    n_sim: int = 200,
    seed: int = 0,
) -> SampleSizePower:
    """A priori power curve over ``animals_per_arm`` for a planned combination study (see
    :class:`SampleSizePower`); defaults come from the observed fit ``growth``: its rates, σ_b, σ and
    measurement times. The HSA single agent is the one with the lower planned rate."""
    if reference not in REFERENCES:
        raise ValueError(f"reference must be one of {REFERENCES}")
    if n_sim < 1:
        raise ValueError("n_sim must be ≥ 1")
    beta = np.asarray(rates if rates is not None else [a.rate for a in growth.arms], dtype=float)
    if beta.shape != (4,) or not np.all(np.isfinite(beta)):
        raise ValueError("rates must be four numbers: control, drug A, drug B, combination")
    sd_b = float(growth.sd_random_slope if sd_random_slope is None else sd_random_slope)
    sigma = float(growth.sd_residual if sd_residual is None else sd_residual)
    if not (sd_b >= 0 and sigma > 0):
        raise ValueError("The standard deviations must be ≥ 0 (random slope) and > 0 (residual).")
    tt = np.asarray(
        sorted({float(x) for x in (times if times is not None else growth.times) if float(x) > 0})
    )
    if tt.size < 2:
        raise ValueError("A planned study needs at least two measurement times after the treatment start.")
    ns = sorted({int(n) for n in animals_per_arm})
    if not ns or ns[0] < 2:
        raise ValueError("animals_per_arm must be integers ≥ 2")
    hsa_role = "a" if beta[1] <= beta[2] else "b"
    w = _weights(reference, hsa_role)
    delta = float(w @ beta)
    theta = (sd_b / sigma) ** 2
    S = float(np.sum(tt**2))
    rng = np.random.default_rng(seed)
    curve = []
    for n in ns:
        arm = np.repeat(np.arange(4), n)
        obs_animal = np.repeat(np.arange(4 * n), tt.size)
        t_obs = np.tile(tt, 4 * n)
        s_design = np.full(4 * n, S)
        pv = _simulate_pvalues(s_design, t_obs, obs_animal, arm, beta, sd_b, sigma, w, n_sim, rng)
        pw = float(np.mean(pv < alpha))
        var_k = sigma**2 * (1.0 + theta * S) / (n * S)
        se_delta = math.sqrt(float(np.sum(w**2)) * var_k)
        curve.append(
            {
                "n_per_arm": n,
                "power": pw,
                "power_mc_se": math.sqrt(pw * (1 - pw) / n_sim),
                "power_analytic": json_float(_analytic_power(delta, se_delta, alpha)),
            }
        )
    reach = [c["n_per_arm"] for c in curve if c["power"] >= target]
    reach_a = [c["n_per_arm"] for c in curve if (c["power_analytic"] or 0) >= target]
    return SampleSizePower(
        reference=reference,
        rates=tuple(float(b) for b in beta),
        sd_random_slope=sd_b,
        sd_residual=sigma,
        times=tuple(float(x) for x in tt),
        alpha=alpha,
        n_sim=n_sim,
        seed=seed,
        target=target,
        delta=delta,
        curve=tuple(curve),
        n_for_target=reach[0] if reach else None,
        n_for_target_analytic=reach_a[0] if reach_a else None,
    )


# --------------------------------------------------------------------------------------------------
# Everything at once (the job)


@dataclass(frozen=True)
class CombinationAnalysis:
    growth: GrowthRates
    synergy: SynergyOverTime
    diagnostics: Diagnostics
    post_hoc_power: PostHocPower
    sample_size: SampleSizePower
    analysis_version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "growth": self.growth.to_dict(),
            "synergy": self.synergy.to_dict(),
            "diagnostics": self.diagnostics.to_dict(),
            "post_hoc_power": self.post_hoc_power.to_dict(),
            "sample_size": self.sample_size.to_dict(),
            "analysis_version": self.analysis_version,
        }


def analyse_combination(
    rows: Iterable[Sequence[Any]],
    roles: DesignRoles | Mapping[str, str],
    *,
    t0: float,
    min_day: float | None = None,
    until_day: float | None = None,
    alpha: float = 0.05,
    n_sim_post_hoc: int = 500,
    n_sim_sample_size: int = 200,
    animals_per_arm: Iterable[int] = range(3, 13),
    seed: int = 0,
    min_animals: int = 3,
    min_measurements: int = 3,
) -> CombinationAnalysis:
    """Growth rates, synergy over time (from ``min_day``, default the first day after ``t0``),
    diagnostics, post hoc power of the Bliss test at the last day and the a priori power curve, from one
    reading of ``rows`` (one fit with all the data shared by all parts)."""
    data = _load(rows, roles, t0, until_day, min_animals, min_measurements)
    fit = _fit(data)
    growth = _growth_rates(data, fit)
    first = float(data.obs_day.min()) if data.obs_day.size else float(t0)
    syn = _synergy_days(data, fit, first if min_day is None else float(min_day))
    diag = _diagnostics(data, fit)
    ph = _post_hoc(data, fit, "bliss", alpha, n_sim_post_hoc, seed, _hsa_role(fit))
    ss = sample_size_power(
        growth, animals_per_arm=animals_per_arm, alpha=alpha, n_sim=n_sim_sample_size, seed=seed
    )
    return CombinationAnalysis(growth, syn, diag, ph, ss)
