"""Assay monitoring and lot release: Levey–Jennings limits, Westgard rules, combination of potency runs.

Pure Python (numpy, scipy); no Django. Formulas, sources and choices are in ``docs/science-monitoring.md``.

* Levey–Jennings (Levey & Jennings 1950, Am J Clin Pathol 20:1059): centre = mean of a baseline, limits
  mean +/- 1, 2, 3 SD (sample SD, ddof = 1). EC50s and relative potencies are log-normal: with ``log=True``
  mean and SD are of log10(value) and the limits are reported on both scales (10^(mean +/- k SD)).
* Westgard multirule (Westgard, Barry, Hunt & Groth 1981, Clin Chem 27:493; westgard.com "Westgard Rules")
  on z-scores in time order: 1-2s (warning), 1-3s, 2-2s, R-4s, 4-1s, 10-x (rejection). "Exceeds" is strict
  (|z| > 2, not >=). Missing points are skipped: windows run over consecutive *observed* control values.
  R-4s is applied to consecutive points of the one series (a single control level over runs), as asked of
  this portal; Westgard applies it within a run across control levels.
* Combination of independent potency runs (Ph. Eur. 5.3 "Statistical analysis of results of biological
  assays and tests", section 6; USP <1034> section 4): Cochran's homogeneity chi-square; weighted mean
  (homogeneous, t on the sum of the runs' df), semi-weighted mean (heterogeneous, w' = 1/(s^2 + s_b^2),
  t ~ 2, Ph. Eur. 6.2.4; see the docs for what was checked against the text) and unweighted mean (t on
  n - 1 df). Everything is on the log10 scale (the portal's ``log10_rp`` / ``se_log10_rp``);
  back-transformed results (geometric means) do not depend on the log base. Reportable RP in %, checked against a specification on the point estimate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from ._util import clean

__all__ = [
    "DEFAULT_RULES",
    "REJECTION_RULES",
    "CombinedEstimate",
    "LeveyJennings",
    "LotRelease",
    "PointFlags",
    "RunEstimate",
    "combine_potency",
    "levey_jennings",
    "run_estimate_from_ci",
    "westgard",
]


# --------------------------------------------------------------------------------------------------
# Levey–Jennings


def _as_float(value: Any) -> float:
    """float(value); None -> NaN. Anything else that is not a number is an error."""
    if value is None:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number.") from None


def _baseline_indices(n: int, baseline: Sequence[Any]) -> list[int]:
    items = list(baseline)
    if items and all(isinstance(b, (bool, np.bool_)) for b in items):
        if len(items) != n:
            raise ValueError(f"The baseline mask has {len(items)} entries for {n} values; they must match.")
        return [i for i, b in enumerate(items) if b]
    idx: list[int] = []
    for b in items:
        if isinstance(b, (bool, np.bool_)) or not isinstance(b, (int, np.integer)):
            raise ValueError(
                "The baseline must be a boolean mask or a list of integer indices, not a mixture."
            )
        i = int(b)
        if not 0 <= i < n:
            raise ValueError(f"Baseline index {i} is outside the series (0 to {n - 1}).")
        if i in idx:
            raise ValueError(f"Baseline index {i} is listed twice.")
        idx.append(i)
    return sorted(idx)


@dataclass(frozen=True)
class LeveyJennings:
    """Levey–Jennings centre and limits from a baseline.

    ``mean`` and ``sd`` are on the working scale: the values themselves, or log10 of them when ``log``.
    ``center`` and the ``*_value`` limits are on the values' scale (for ``log`` the geometric mean and
    10^(mean +/- k SD)). ``sd_factor`` (``log`` only) is the geometric SD, 10^sd.
    """

    mean: float
    sd: float
    n_baseline: int
    baseline_indices: tuple[int, ...]
    log: bool

    @property
    def center(self) -> float:
        return 10.0**self.mean if self.log else self.mean

    def limit(self, k: float) -> tuple[float, float]:
        """(lower, upper) = mean -/+ k SD on the working scale."""
        return (self.mean - k * self.sd, self.mean + k * self.sd)

    def limit_value(self, k: float) -> tuple[float, float]:
        """(lower, upper) on the values' scale (back-transformed when ``log``)."""
        lo, hi = self.limit(k)
        return (10.0**lo, 10.0**hi) if self.log else (lo, hi)

    def z_scores(self, values: Sequence[float | None]) -> list[float | None]:
        """z = (x - mean) / sd for each value (x = log10(value) when ``log``); None for a missing value
        (None, NaN, inf). With ``log`` a value <= 0 is an error (it has no logarithm)."""
        out: list[float | None] = []
        for i, v in enumerate(values):
            x = _as_float(v)
            if not math.isfinite(x):
                out.append(None)
                continue
            if self.log:
                if x <= 0:
                    raise ValueError(f"Value {x:g} at position {i} is not positive: it has no logarithm.")
                x = math.log10(x)
            out.append((x - self.mean) / self.sd)
        return out

    def to_dict(self) -> dict[str, Any]:
        limits = []
        for k in (1, 2, 3):
            lo, hi = self.limit(k)
            lo_v, hi_v = self.limit_value(k)
            limits.append({"k": k, "lower": lo, "upper": hi, "lower_value": lo_v, "upper_value": hi_v})
        return clean(
            {
                "scale": "log10" if self.log else "linear",
                "mean": self.mean,
                "sd": self.sd,
                "center": self.center,
                "sd_factor": 10.0**self.sd if self.log else None,
                "n_baseline": self.n_baseline,
                "baseline_indices": list(self.baseline_indices),
                "limits": limits,
            }
        )


def levey_jennings(
    values: Sequence[float | None], baseline: Sequence[bool] | Sequence[int], *, log: bool = False
) -> LeveyJennings:
    """Levey–Jennings mean, SD (ddof = 1) and +/-1, 2, 3 SD limits from the baseline points of ``values``.

    values: the series in time order (None / NaN for a missing value).
    baseline: a boolean mask as long as ``values``, or a list of indices into it; the baseline's missing
        values are left out (``n_baseline`` counts the finite ones).
    log: work on log10(value) (EC50, relative potency: log-normal); baseline values must then be > 0.

    Raises ValueError when fewer than 2 finite baseline values remain or when they are all equal (SD 0:
    every later point would be infinitely many SDs away).
    """
    vals = [_as_float(v) for v in values]
    idx = _baseline_indices(len(vals), baseline)
    used: list[int] = []
    xs: list[float] = []
    for i in idx:
        x = vals[i]
        if not math.isfinite(x):
            continue
        if log:
            if x <= 0:
                raise ValueError(
                    f"Baseline value {x:g} at position {i} is not positive: a log-scale baseline needs values > 0."
                )
            x = math.log10(x)
        used.append(i)
        xs.append(x)
    if len(xs) < 2:
        raise ValueError(
            f"The baseline has {len(xs)} finite value{'s' if len(xs) != 1 else ''} "
            f"({len(idx)} selected); a mean and SD need at least 2."
        )
    arr = np.asarray(xs)
    mean = float(arr.mean())
    sd = float(arr.std(ddof=1))
    if not sd > 1e-12 * max(1.0, abs(mean)):
        raise ValueError(
            f"All {len(xs)} baseline values are equal (SD = 0): control limits would have no width. "
            "Choose a baseline with real run-to-run variation."
        )
    return LeveyJennings(mean=mean, sd=sd, n_baseline=len(xs), baseline_indices=tuple(used), log=log)


# --------------------------------------------------------------------------------------------------
# Westgard rules

# rule -> (window length, test on the window's z-scores)
_RULES: dict[str, tuple[int, Any]] = {
    "1-2s": (1, lambda w: abs(w[0]) > 2),
    "1-3s": (1, lambda w: abs(w[0]) > 3),
    "2-2s": (2, lambda w: all(z > 2 for z in w) or all(z < -2 for z in w)),
    "R-4s": (2, lambda w: (w[0] > 2 and w[1] < -2) or (w[0] < -2 and w[1] > 2)),
    "4-1s": (4, lambda w: all(z > 1 for z in w) or all(z < -1 for z in w)),
    "10-x": (10, lambda w: all(z > 0 for z in w) or all(z < 0 for z in w)),
}
DEFAULT_RULES: tuple[str, ...] = tuple(_RULES)
REJECTION_RULES: frozenset[str] = frozenset(DEFAULT_RULES) - {"1-2s"}


@dataclass(frozen=True)
class PointFlags:
    """Westgard result for one point of the series.

    rules: every rule whose violating window contains this point (in ``DEFAULT_RULES`` order).
    completes: the rules whose violating window ends at this point: the run is judged here.
    status: "missing" (no value), "rejection" (completes a rejection rule), "warning" (1-2s only) or
        "in_control". A point inside an earlier part of a window keeps its own status (it was in control when
        measured) and lists the rule in ``rules``.
    """

    index: int
    z: float | None
    rules: tuple[str, ...]
    completes: tuple[str, ...]

    @property
    def status(self) -> str:
        if self.z is None:
            return "missing"
        if any(r in REJECTION_RULES for r in self.completes):
            return "rejection"
        if "1-2s" in self.completes:
            return "warning"
        return "in_control"

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "index": self.index,
                "z": self.z,
                "rules": list(self.rules),
                "completes": list(self.completes),
                "status": self.status,
            }
        )


def westgard(z: Sequence[float | None], rules: Sequence[str] = DEFAULT_RULES) -> list[PointFlags]:
    """Apply Westgard rules to z-scores in time order; one ``PointFlags`` per input point.

    z: (value - mean) / SD per run, e.g. ``LeveyJennings.z_scores``; None / NaN / inf is a missing point.
    rules: which of ``DEFAULT_RULES`` to apply ("1-2s" warning; "1-3s", "2-2s", "R-4s", "4-1s", "10-x"
        rejection).

    Windows (2-2s: 2, R-4s: 2, 4-1s: 4, 10-x: 10 points) slide over the consecutive *observed* points: a
    missing point is skipped and neither breaks nor fills a window. Limits are exceeded strictly (z > 2).
    Overlapping windows each count (three points beyond +2 SD complete 2-2s at the second and the third).
    """
    unknown = [r for r in rules if r not in _RULES]
    if unknown:
        raise ValueError(
            f"Unknown Westgard rule(s) {', '.join(map(repr, unknown))}; known: {', '.join(_RULES)}."
        )
    chosen = [r for r in DEFAULT_RULES if r in set(rules)]
    zs: list[float | None] = []
    for v in z:
        x = _as_float(v)
        zs.append(x if math.isfinite(x) else None)
    observed = [i for i, v in enumerate(zs) if v is not None]
    in_window: list[set[str]] = [set() for _ in zs]
    completed: list[set[str]] = [set() for _ in zs]
    for rule in chosen:
        length, test = _RULES[rule]
        for end in range(length - 1, len(observed)):
            window = observed[end - length + 1 : end + 1]
            if test([zs[i] for i in window]):
                for i in window:
                    in_window[i].add(rule)
                completed[window[-1]].add(rule)
    order = {r: k for k, r in enumerate(DEFAULT_RULES)}
    return [
        PointFlags(
            index=i,
            z=zs[i],
            rules=tuple(sorted(in_window[i], key=order.__getitem__)),
            completes=tuple(sorted(completed[i], key=order.__getitem__)),
        )
        for i in range(len(zs))
    ]


# --------------------------------------------------------------------------------------------------
# Combination of independent potency runs (lot release)

LEVEL = 0.95  # confidence level of every interval here (Ph. Eur. 5.3 and USP <1034> use 95 %)
SEMI_WEIGHTED_T = 2.0  # Ph. Eur. 5.3 section 6.2.4 approximates t by 2 for the semi-weighted mean


@dataclass(frozen=True)
class RunEstimate:
    """One independent run's relative potency: log10 RP, its standard error and degrees of freedom.

    excluded: why the run is left out of the combination (failed system suitability: Z', similarity,
    acceptance...), in words; None when it counts. An excluded run may lack an estimate.
    """

    run: str
    log10_rp: float | None
    se: float | None
    df: int | None = None
    excluded: str | None = None


def run_estimate_from_ci(
    run: str,
    rp: float,
    lower: float,
    upper: float,
    *,
    df: int | None = None,
    excluded: str | None = None,
) -> RunEstimate:
    """A ``RunEstimate`` from a relative potency and its 95 % confidence limits (ratios, or all three in %).

    SE(log10 RP) = (log10 upper - log10 lower) / (2 t), t = t(0.975, df) (normal quantile when df is None):
    Ph. Eur. 5.3 section 6.2.1 (weight W = 4 t^2 / L^2 = 1 / SE^2, L the length of the log interval), which
    also serves an asymmetric (Fieller) interval.
    """
    for name, v in (("relative potency", rp), ("lower limit", lower), ("upper limit", upper)):
        if not (isinstance(v, (int, float, np.number)) and math.isfinite(v) and v > 0):
            raise ValueError(f"Run {run}: the {name} must be a positive number, not {v!r}.")
    if not lower < upper:
        raise ValueError(f"Run {run}: the lower limit {lower:g} is not below the upper limit {upper:g}.")
    if not lower <= rp <= upper:
        raise ValueError(
            f"Run {run}: the relative potency {rp:g} lies outside its interval {lower:g}-{upper:g}."
        )
    q = _quantile(_check_df(run, df))
    se = (math.log10(upper) - math.log10(lower)) / (2.0 * q)
    return RunEstimate(run=str(run), log10_rp=math.log10(rp), se=se, df=df, excluded=excluded)


def _check_df(run: str, df: Any) -> int | None:
    if df is None:
        return None
    if isinstance(df, bool) or not isinstance(df, (int, np.integer)) or df < 1:
        raise ValueError(f"Run {run}: degrees of freedom must be a positive integer or None, not {df!r}.")
    return int(df)


def _quantile(df: float | None) -> float:
    """Two-sided 95 % quantile: Student t with ``df`` degrees of freedom, the normal when df is None."""
    p = 0.5 + LEVEL / 2.0
    return float(stats.norm.ppf(p)) if df is None else float(stats.t.ppf(p, df))


@dataclass(frozen=True)
class CombinedEstimate:
    """One combination of the included runs, on the log10 scale and back-transformed to % RP.

    method: "weighted" (Ph. Eur. 6.2.3), "semi_weighted" (6.2.4) or "unweighted" (6.3).
    df: degrees of freedom of ``t`` (None: the normal quantile, or the fixed t ~ 2 of the semi-weighted mean).
    weights_pct: each included run's share of the total weight, in the order of ``LotRelease.included``.
    between_run_variance: s_b^2 (semi-weighted only).
    """

    method: str
    log10_rp: float
    se: float
    df: int | None
    t: float
    weights_pct: tuple[float, ...]
    between_run_variance: float | None = None

    @property
    def ci_log10(self) -> tuple[float, float]:
        return (self.log10_rp - self.t * self.se, self.log10_rp + self.t * self.se)

    @property
    def rp_pct(self) -> float:
        return 100.0 * 10.0**self.log10_rp

    @property
    def ci_pct(self) -> tuple[float, float]:
        lo, hi = self.ci_log10
        return (100.0 * 10.0**lo, 100.0 * 10.0**hi)

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "method": self.method,
                "log10_rp": self.log10_rp,
                "se_log10_rp": self.se,
                "df": self.df,
                "t": self.t,
                "ci_log10": self.ci_log10,
                "rp_pct": self.rp_pct,
                "ci_pct": self.ci_pct,
                "weights_pct": self.weights_pct,
                "between_run_variance": self.between_run_variance,
            }
        )


@dataclass(frozen=True)
class LotRelease:
    """Combined relative potency of a lot from independent runs, and its release decision.

    reportable_method: the estimate that is reported ("weighted" when homogeneous, "semi_weighted" when not,
    or "unweighted" when the caller asked for it); ``estimates`` holds every estimate computed.
    specification: (low %, high %) or None; ``passes`` judges the point estimate (within the range, limits
    included), ``ci_within`` whether the whole 95 % interval lies inside it (reported, not required).
    """

    included: tuple[RunEstimate, ...]
    excluded: tuple[RunEstimate, ...]
    chi2: float
    chi2_df: int
    chi2_p: float
    alpha: float
    reportable_method: str
    method_basis: str  # "homogeneous", "heterogeneous" or "requested"
    estimates: dict[str, CombinedEstimate]
    specification: tuple[float, float] | None
    min_runs: int

    @property
    def homogeneous(self) -> bool:
        return self.chi2_p >= self.alpha

    @property
    def reportable(self) -> CombinedEstimate:
        return self.estimates[self.reportable_method]

    @property
    def passes(self) -> bool | None:
        if self.specification is None:
            return None
        low, high = self.specification
        return low <= self.reportable.rp_pct <= high

    @property
    def ci_within(self) -> bool | None:
        if self.specification is None:
            return None
        low, high = self.specification
        lo, hi = self.reportable.ci_pct
        return low <= lo and hi <= high

    def to_dict(self) -> dict[str, Any]:
        shares = self.reportable.weights_pct
        return clean(
            {
                "n_runs": len(self.included) + len(self.excluded),
                "n_included": len(self.included),
                "n_excluded": len(self.excluded),
                "min_runs": self.min_runs,
                "log_base": 10,
                "level": LEVEL,
                "included": [
                    {
                        "run": r.run,
                        "log10_rp": r.log10_rp,
                        "se_log10_rp": r.se,
                        "df": r.df,
                        "rp_pct": 100.0 * 10.0**r.log10_rp,
                        "weight_pct": share,
                    }
                    for r, share in zip(self.included, shares, strict=True)
                ],
                "excluded": [
                    {
                        "run": r.run,
                        "reason": r.excluded,
                        "log10_rp": r.log10_rp,
                        "rp_pct": None if r.log10_rp is None else 100.0 * 10.0**r.log10_rp,
                    }
                    for r in self.excluded
                ],
                "homogeneity": {
                    "test": "cochran_chi2",
                    "chi2": self.chi2,
                    "df": self.chi2_df,
                    "p_value": self.chi2_p,
                    "alpha": self.alpha,
                    "homogeneous": self.homogeneous,
                },
                "method": self.reportable_method,
                "method_basis": self.method_basis,
                "reportable": self.reportable.to_dict(),
                "estimates": {k: e.to_dict() for k, e in self.estimates.items()},
                "specification": None
                if self.specification is None
                else {
                    "low_pct": self.specification[0],
                    "high_pct": self.specification[1],
                    "passes": self.passes,
                    "ci_within": self.ci_within,
                },
            }
        )


def _shares(w: np.ndarray) -> tuple[float, ...]:
    return tuple(float(x) for x in 100.0 * w / w.sum())


def _weighted(
    m: np.ndarray, w: np.ndarray, df: int | None, t: float, method: str, s_b2=None
) -> CombinedEstimate:
    return CombinedEstimate(
        method=method,
        log10_rp=float((w * m).sum() / w.sum()),
        se=float(1.0 / math.sqrt(w.sum())),
        df=df,
        t=t,
        weights_pct=_shares(w),
        between_run_variance=s_b2,
    )


def combine_potency(
    runs: Sequence[RunEstimate],
    *,
    specification: tuple[float, float] | None = None,
    min_runs: int = 3,
    alpha: float = 0.05,
    method: str = "auto",
) -> LotRelease:
    """Combine independent runs' log10 relative potencies into a reportable RP (Ph. Eur. 5.3 section 6).

    runs: one ``RunEstimate`` per independent run (``run_estimate_from_ci`` builds one from an RP and its
        95 % CI); a run with ``excluded`` set is listed with its reason and left out.
    specification: release range (low %, high %) of the reportable RP, e.g. (80, 125); None: no decision.
    min_runs: the fewest included runs a reportable value needs (>= 2).
    alpha: homogeneity is rejected when Cochran's chi-square p < alpha.
    method: "auto" (Ph. Eur.: weighted mean when homogeneous, semi-weighted mean when not) or "unweighted".

    The unweighted mean is computed in every case; the weighted mean only when the runs are homogeneous,
    the semi-weighted one only when they are not.
    """
    if method not in ("auto", "unweighted"):
        raise ValueError(f"Unknown combination method {method!r}; use 'auto' or 'unweighted'.")
    if isinstance(min_runs, bool) or not isinstance(min_runs, int) or min_runs < 2:
        raise ValueError(
            f"min_runs must be an integer of at least 2 (a combination needs 2 runs), not {min_runs!r}."
        )
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie between 0 and 1, not {alpha!r}.")
    if specification is not None:
        low, high = (float(v) for v in specification)
        if not (math.isfinite(low) and math.isfinite(high)) or low <= 0 or high <= 0:
            raise ValueError(
                f"The specification limits must be positive percentages, not {low:g} and {high:g}."
            )
        if low > high:
            raise ValueError(f"The specification's low limit {low:g} % is above its high limit {high:g} %.")
        specification = (low, high)

    seen: set[str] = set()
    included: list[RunEstimate] = []
    excluded: list[RunEstimate] = []
    for r in runs:
        name = str(r.run)
        if name in seen:
            raise ValueError(f"Run {name} is listed twice.")
        seen.add(name)
        if r.excluded is not None:
            if not str(r.excluded).strip():
                raise ValueError(f"Run {name}: an exclusion needs a reason in words.")
            excluded.append(r)
            continue
        m, se = r.log10_rp, r.se
        if m is None or not math.isfinite(m):
            raise ValueError(f"Run {name} has no relative potency estimate; exclude it with a reason.")
        if se is None or not (math.isfinite(se) and se > 0):
            raise ValueError(f"Run {name}: the standard error of log10 RP must be positive, not {se!r}.")
        _check_df(name, r.df)
        included.append(r)

    if len(included) < min_runs:
        why = "; ".join(f"run {r.run}: {r.excluded}" for r in excluded)
        raise ValueError(
            f"A reportable value needs at least {min_runs} valid independent runs; {len(included)} "
            f"remain of {len(included) + len(excluded)}"
            + (f", {len(excluded)} excluded ({why})." if excluded else ".")
        )

    n = len(included)
    m = np.array([r.log10_rp for r in included], dtype=float)
    s2 = np.array([r.se for r in included], dtype=float) ** 2
    w = 1.0 / s2
    m_w = float((w * m).sum() / w.sum())
    chi2 = float((w * (m - m_w) ** 2).sum())
    p = float(stats.chi2.sf(chi2, n - 1))
    homogeneous = p >= alpha

    estimates: dict[str, CombinedEstimate] = {}
    if homogeneous:
        dfs = [r.df for r in included]
        df_sum = None if any(d is None for d in dfs) else int(sum(dfs))
        estimates["weighted"] = _weighted(m, w, df_sum, _quantile(df_sum), "weighted")
    else:
        s_b2 = float(((m - m.mean()) ** 2).sum() / (n - 1) - s2.mean())
        s_b2 = max(s_b2, 0.0)
        estimates["semi_weighted"] = _weighted(
            m, 1.0 / (s2 + s_b2), None, SEMI_WEIGHTED_T, "semi_weighted", s_b2
        )
    estimates["unweighted"] = CombinedEstimate(
        method="unweighted",
        log10_rp=float(m.mean()),
        se=float(m.std(ddof=1) / math.sqrt(n)),
        df=n - 1,
        t=_quantile(n - 1),
        weights_pct=tuple(100.0 / n for _ in range(n)),
    )
    if method == "unweighted":
        chosen, basis = "unweighted", "requested"
    else:
        chosen = "weighted" if homogeneous else "semi_weighted"
        basis = "homogeneous" if homogeneous else "heterogeneous"
    return LotRelease(
        included=tuple(included),
        excluded=tuple(excluded),
        chi2=chi2,
        chi2_df=n - 1,
        chi2_p=p,
        alpha=alpha,
        reportable_method=chosen,
        method_basis=basis,
        estimates=estimates,
        specification=specification,
        min_runs=min_runs,
    )
