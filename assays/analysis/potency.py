"""Cell-based potency (IL-2 reporter bioassay, luminescence): fold induction, plate QC, per-sample 4PL,
relative potency by constrained (parallel) 4PL, similarity by equivalence testing.

* Fold induction = (RLU - background) / (mean untreated RLU - background), background = mean of the
  cell-free (``blank``) wells when subtraction is on; untreated = ``negative_control`` wells.
* Plate QC: Z' (Zhang et al. 1999) and signal/background = mean(positive) / mean(negative) on raw RLU;
  edge effect = median of edge negative controls vs interior ones.
* Every curve (reference = the layout's ``standard`` wells, and each test sample) is fitted with a 4PL
  (``curves.fit_many``, one batched fit).
* Relative potency (USP <1032>/<1034>, Finney 1978 "Statistical Method in Biological Assay"): reference and
  test are fitted jointly with a shared Bottom, Top and HillSlope and separate LogEC50:
  parameters (bottom, top, hill_slope, log_ec50_ref, log10_rp) with log_ec50_test = log_ec50_ref - log10_rp,
  so RP = EC50_ref / EC50_test = 10^log10_rp. Its 95 % CI is log10_rp +/- t(0.975, n - 5) * SE (J^T J
  covariance, delta method on the log scale), back-transformed: asymmetric on the RP scale.
* Similarity (parallelism) by equivalence testing (USP <1032>): from the *unconstrained* fits, the 90 % CI
  of each of (test - reference) upper asymptote, (test - reference) lower asymptote and the slope ratio
  test/reference must lie inside its margin. Default margins (a settings choice, to be set per assay from
  historical reference-vs-reference data as USP <1032> recommends): asymptote differences within +/-20 % of
  the reference span |Top_ref - Bottom_ref|, slope ratio within 0.80-1.25 (the customary bioequivalence
  ratio bounds). CIs: difference +/- t(0.95, Welch-Satterthwaite df) * sqrt(SE_t^2 + SE_r^2); slope ratio
  exp(log|ratio| +/- t * sqrt((SE_t/h_t)^2 + (SE_r/h_r)^2)) (delta method). The extra-sum-of-squares F test
  of parallel vs separate fits (the legacy "non-parallelism" test) is reported and can be selected with
  ``similarity="f_test"`` (similar when p >= alpha).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from . import ANALYSIS_VERSION
from ._util import clean, finite_or_none, quiet_numpy
from .curves import (
    WEIGHTINGS,
    CurveFitError,
    FitResult,
    FourPL,
    _irls_single,
    fit_many,
)
from .qc import AcceptanceCriteria, cv_pct, edge_effect, signal_to_background, z_prime

ROLES = ("standard", "sample", "qc", "blank", "positive_control", "negative_control", "empty")
_FOUR = FourPL()


def fold_induction(
    values: Sequence[float | None],
    untreated: Sequence[float | None],
    background: Sequence[float | None] | None = None,
) -> np.ndarray:
    """(value - mean background) / (mean untreated - mean background); background optional (cell-free wells)."""
    v = np.asarray([math.nan if x is None else x for x in values], dtype=float)
    u = np.asarray([math.nan if x is None else x for x in untreated], dtype=float)
    u = u[np.isfinite(u)]
    if u.size == 0:
        raise ValueError("Fold induction needs at least one untreated (negative control) value.")
    b = 0.0
    if background is not None:
        bb = np.asarray([math.nan if x is None else x for x in background], dtype=float)
        bb = bb[np.isfinite(bb)]
        b = float(bb.mean()) if bb.size else 0.0
    denom = float(u.mean()) - b
    if denom == 0:
        raise ValueError("Untreated signal equals the background: fold induction undefined.")
    return (v - b) / denom


@dataclass(frozen=True)
class DoseWell:
    """One bioassay well. role: standard (reference), sample (test), positive_control, negative_control
    (untreated cells), blank (cell-free background), qc, empty. dose: concentration of the test article."""

    well: str
    role: str
    value: float | None
    dose: float | None = None
    sample: str | None = None
    group: str | None = None
    unit: str | None = None
    excluded: bool = False


@dataclass(frozen=True)
class PotencySettings:
    """Settings; ``from_dict`` accepts a run's ``settings`` (unknown keys are ignored by design: runs carry
    ELISA keys too)."""

    weighting: str = "none"
    response: str = "fold_induction"  # or "signal"
    background_subtraction: bool = True
    similarity: str = "equivalence"  # or "f_test"
    asymptote_margin_pct: float = 20.0
    slope_ratio_margin: tuple[float, float] = (0.8, 1.25)
    equivalence_level: float = 0.90
    f_test_alpha: float = 0.05
    rp_level: float = 0.95
    rows: int = 8
    columns: int = 12
    acceptance: AcceptanceCriteria = field(default_factory=AcceptanceCriteria)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> PotencySettings:
        data = dict(data or {})
        kw: dict[str, Any] = {}
        if data.get("weighting"):
            if data["weighting"] not in WEIGHTINGS:
                raise CurveFitError("unknown_weighting", f"Unknown weighting {data['weighting']!r}.")
            kw["weighting"] = data["weighting"]
        if data.get("model") not in (None, "4PL"):
            raise CurveFitError("unsupported_model", "Relative potency uses the parallel 4PL model only.")
        for key in ("response", "similarity"):
            if data.get(key):
                kw[key] = str(data[key])
        blank = data.get("blank_subtraction", data.get("background_subtraction"))
        if blank is not None:
            kw["background_subtraction"] = (
                blank.lower() not in ("none", "no", "false", "off", "")
                if isinstance(blank, str)
                else bool(blank)
            )
        for key in ("asymptote_margin_pct", "equivalence_level", "f_test_alpha", "rp_level"):
            if data.get(key) is not None:
                kw[key] = float(data[key])
        if data.get("slope_ratio_margin") is not None:
            lo, hi = data["slope_ratio_margin"]
            kw["slope_ratio_margin"] = (float(lo), float(hi))
        for key in ("rows", "columns"):
            if data.get(key):
                kw[key] = int(data[key])
        kw["acceptance"] = AcceptanceCriteria.from_dict(data.get("acceptance"))
        out = cls(**kw)
        if out.response not in ("fold_induction", "signal"):
            raise ValueError("response must be 'fold_induction' or 'signal'.")
        if out.similarity not in ("equivalence", "f_test"):
            raise ValueError("similarity must be 'equivalence' or 'f_test'.")
        return out


# --------------------------------------------------------------------------------------------------
# Parallel (constrained) 4PL
# --------------------------------------------------------------------------------------------------


class ParallelFourPL:
    """Reference and test 4PL sharing bottom, top, hill_slope; params
    (bottom, top, hill_slope, log_ec50_ref, log10_rp), log_ec50_test = log_ec50_ref - log10_rp.

    ``x`` is a (2, n) array: row 0 the doses, row 1 an indicator (1 for test points, 0 for reference).
    """

    name = "parallel-4PL"
    param_names = ("bottom", "top", "hill_slope", "log_ec50_ref", "log10_rp")

    @staticmethod
    def _four(x, params):
        params = np.asarray(params, dtype=float)
        test = x[1]
        lm = params[3] - params[4] * test
        return params[:3], lm, test

    def fn(self, x, params):
        return self.fn_jac(x, params)[0]

    def fit_fn(self, x, params):
        return self.fn_jac(x, params)[0]

    def fit_jac(self, x, params):
        return self.fn_jac(x, params)[1]

    def fn_jac(self, x, params):
        (b, t, h), lm, test = self._four(x, params)
        theta = np.stack(
            [np.full_like(lm, b), np.full_like(lm, t), np.full_like(lm, h), lm], axis=1
        )  # per point
        f, jac4 = _FOUR.fn_jac(x[0][:, None], theta)  # (n, 1), (n, 1, 4)
        f, jac4 = f[:, 0], jac4[:, 0, :]
        jac = np.concatenate([jac4, (-jac4[:, 3] * test)[:, None]], axis=1)
        return f, jac


_PARALLEL = ParallelFourPL()


@dataclass(frozen=True)
class EquivalenceTest:
    parameter: str
    estimate: float | None
    ci: tuple[float, float] | None
    margin: tuple[float, float] | None
    passed: bool

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "parameter": self.parameter,
                "estimate": self.estimate,
                "ci": self.ci,
                "margin": self.margin,
                "passed": self.passed,
            }
        )


@dataclass(frozen=True)
class PotencyEstimate:
    sample: str
    reference: str
    relative_potency: float | None
    ci95: tuple[float, float] | None
    similar: bool | None
    log10_rp: float | None = None
    se_log10_rp: float | None = None
    df: int | None = None
    parallel_fit: dict[str, Any] = field(default_factory=dict)
    equivalence: tuple[EquivalenceTest, ...] = ()
    f_test: dict[str, float | None] = field(default_factory=dict)
    similarity_method: str = "equivalence"
    flags: tuple[str, ...] = ()
    withheld: str | None = None  # why relative_potency is None, in words

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "sample": self.sample,
                "reference": self.reference,
                "relative_potency": self.relative_potency,
                "ci95": self.ci95,
                "similar": self.similar,
                "log10_rp": self.log10_rp,
                "se_log10_rp": self.se_log10_rp,
                "withheld": self.withheld,
                "df": self.df,
                "parallel_fit": self.parallel_fit,
                "similarity": {
                    "method": self.similarity_method,
                    "equivalence": [e.to_dict() for e in self.equivalence],
                    "f_test": self.f_test,
                },
                "flags": list(self.flags),
            }
        )


def _welch_df(se_a: float, df_a: int, se_b: float, df_b: int) -> float:
    num = (se_a**2 + se_b**2) ** 2
    den = se_a**4 / max(df_a, 1) + se_b**4 / max(df_b, 1)
    return num / den if den > 0 else float(df_a + df_b)


@quiet_numpy
def equivalence_tests(
    ref: FitResult, test: FitResult, settings: PotencySettings | None = None
) -> tuple[EquivalenceTest, ...]:
    """90 % CIs (``equivalence_level``) of upper / lower asymptote differences and the slope ratio, each
    compared with its margin (see the module docstring)."""
    s = settings or PotencySettings()
    q = 0.5 + s.equivalence_level / 2.0
    out = []
    rp, tp = ref.parameters, test.parameters
    rs, ts = ref.standard_errors, test.standard_errors
    span = None
    if rp.get("top") is not None and rp.get("bottom") is not None:
        span = abs(rp["top"] - rp["bottom"])
    for key, label in (("top", "upper_asymptote_difference"), ("bottom", "lower_asymptote_difference")):
        vals = (rp.get(key), tp.get(key), rs.get(key), ts.get(key))
        if None in vals or span is None:
            out.append(EquivalenceTest(label, None, None, None, False))
            continue
        r, t, ser, set_ = (float(v) for v in vals)
        est = t - r
        se = math.hypot(ser, set_)
        tq = float(stats.t.ppf(q, _welch_df(set_, test.df, ser, ref.df)))
        ci = (est - tq * se, est + tq * se)
        m = s.asymptote_margin_pct / 100.0 * span
        out.append(EquivalenceTest(label, est, ci, (-m, m), bool(-m <= ci[0] and ci[1] <= m)))
    vals = (rp.get("hill_slope"), tp.get("hill_slope"), rs.get("hill_slope"), ts.get("hill_slope"))
    if None in vals or vals[0] == 0 or vals[1] == 0:
        out.append(EquivalenceTest("slope_ratio", None, None, s.slope_ratio_margin, False))
    else:
        hr, ht, ser, set_ = (float(v) for v in vals)
        ratio = ht / hr
        if ratio <= 0:
            out.append(EquivalenceTest("slope_ratio", ratio, None, s.slope_ratio_margin, False))
        else:
            se_log = math.hypot(set_ / ht, ser / hr)
            tq = float(stats.t.ppf(q, _welch_df(set_ / abs(ht), test.df, ser / abs(hr), ref.df)))
            ci = (float(ratio * np.exp(-tq * se_log)), float(ratio * np.exp(tq * se_log)))
            lo, hi = s.slope_ratio_margin
            out.append(EquivalenceTest("slope_ratio", ratio, ci, (lo, hi), bool(lo <= ci[0] and ci[1] <= hi)))
    return tuple(out)


@quiet_numpy
def relative_potency(
    ref_dose: Sequence[float],
    ref_response: Sequence[float],
    test_dose: Sequence[float],
    test_response: Sequence[float],
    *,
    settings: PotencySettings | None = None,
    sample: str = "test",
    reference: str = "reference",
    ref_fit: FitResult | None = None,
    test_fit: FitResult | None = None,
) -> PotencyEstimate:
    """Relative potency of a test preparation against the reference by the parallel 4PL (module docstring),
    with equivalence-test similarity and the legacy F test. Unconstrained fits are computed unless given."""
    s = settings or PotencySettings()
    rx = np.asarray(ref_dose, dtype=float)
    ry = np.asarray(ref_response, dtype=float)
    tx = np.asarray(test_dose, dtype=float)
    ty = np.asarray(test_response, dtype=float)
    keep_r = np.isfinite(rx) & np.isfinite(ry)
    keep_t = np.isfinite(tx) & np.isfinite(ty)
    rx, ry, tx, ty = rx[keep_r], ry[keep_r], tx[keep_t], ty[keep_t]
    if np.any(rx < 0) or np.any(tx < 0):
        raise CurveFitError("negative_dose", "Doses must not be negative.")
    if ref_fit is None or test_fit is None:
        width = max(rx.size, tx.size)
        pad = np.full((2, width), np.nan)
        padx = np.full((2, width), np.nan)
        pad[0, : ry.size], pad[1, : ty.size] = ry, ty
        padx[0, : rx.size], padx[1, : tx.size] = rx, tx
        ref_fit, test_fit = fit_many(padx, pad, model="4PL", weighting=s.weighting)
    flags: list[str] = []
    if not ref_fit.ok or not test_fit.ok:
        flags.append("curve_not_fitted")
        which = "reference" if not ref_fit.ok else "test"
        return PotencyEstimate(
            sample,
            reference,
            None,
            None,
            None,
            flags=tuple(flags),
            withheld=f"the {which} curve could not be fitted",
        )

    x = np.concatenate([np.stack([rx, np.zeros_like(rx)]), np.stack([tx, np.ones_like(tx)])], axis=1)
    y = np.concatenate([ry, ty])
    n = y.size
    rt, tt = np.asarray(ref_fit.theta), np.asarray(test_fit.theta)
    same_direction = np.sign(rt[2]) == np.sign(tt[2])
    hill0 = (rt[2] + tt[2]) / 2.0 if same_direction else rt[2]
    theta0 = np.array([(rt[0] + tt[0]) / 2.0, (rt[1] + tt[1]) / 2.0, hill0, rt[3], rt[3] - tt[3]])
    ymin, ymax = float(y.min()), float(y.max())
    span = max(ymax - ymin, np.finfo(float).tiny)
    pos = np.concatenate([rx[rx > 0], tx[tx > 0]])
    lxmin, lxmax = math.log10(pos.min()), math.log10(pos.max())
    width = lxmax - lxmin + 6.0
    lo = np.array([ymin - 5 * span, ymin - 5 * span, -20.0, lxmin - 3.0, -width])
    hi = np.array([ymax + 5 * span, ymax + 5 * span, 20.0, lxmax + 3.0, width])
    theta0 = np.clip(theta0, lo + 1e-9 * (hi - lo), hi - 1e-9 * (hi - lo))
    theta, ok, sigma = _irls_single(_PARALLEL, x, y, y, theta0, lo, hi, s.weighting)
    if not ok:
        flags.append("no_convergence")
    f, jac = _PARALLEL.fn_jac(x, theta)
    r = (y - f) / sigma
    jw = jac / sigma[:, None]
    rss = float(r @ r)
    df = n - 5
    se_log = None
    ci = None
    if df > 0:
        try:
            cov = np.linalg.inv(jw.T @ jw) * rss / df
            var = float(cov[4, 4])
            se_log = math.sqrt(var) if var >= 0 and math.isfinite(var) else None
        except np.linalg.LinAlgError:
            se_log = None
    log_rp = float(theta[4])
    width_at = (np.abs(theta - lo) <= 1e-6 * (hi - lo)) | (np.abs(hi - theta) <= 1e-6 * (hi - lo))
    at_bound = [_PARALLEL.param_names[j] for j in (0, 1, 3, 4) if width_at[j]]
    if at_bound:
        flags.append("parameter_at_bound")
    if se_log is not None:
        tq = float(stats.t.ppf(0.5 + s.rp_level / 2.0, df))
        bounds = np.power(10.0, np.array([log_rp - tq * se_log, log_rp + tq * se_log]))
        ci = (float(bounds[0]), float(bounds[1])) if np.all(np.isfinite(bounds)) else None
    else:
        flags.append("no_confidence_interval")
    rp = None if at_bound else 10.0**log_rp
    withheld = None
    if at_bound:
        # RP is withheld, and with it every number it is made of or derived from: its log, SE and CI,
        # and the parallel fit's EC50s (RP = EC50_ref / EC50_test) and shared parameters
        withheld = (
            f"the parallel fit stopped on the bound of {', '.join(at_bound)}: the test curve lies too far "
            "from the reference (or a plateau is missing) for a relative potency"
        )
        ci = None

    # legacy F test: parallel (5 parameters) vs separate (8 parameters) fits
    f_test: dict[str, float | None] = {"f_statistic": None, "p_value": None, "df_num": 3, "df_den": n - 8}
    rss_sep = (ref_fit.rss or 0.0) + (test_fit.rss or 0.0)
    if n - 8 > 0 and rss_sep > 0:
        f_stat = max((rss - rss_sep) / 3.0, 0.0) / (rss_sep / (n - 8))
        f_test.update(f_statistic=f_stat, p_value=float(stats.f.sf(f_stat, 3, n - 8)))
    f_test["alpha"] = s.f_test_alpha
    eq = equivalence_tests(ref_fit, test_fit, s)
    if s.similarity == "f_test":
        similar = f_test["p_value"] is not None and f_test["p_value"] >= s.f_test_alpha
    else:
        similar = all(e.passed for e in eq)
    if at_bound:
        parallel_fit: dict[str, Any] = {"rss": rss, "at_bound": at_bound}
    else:
        parallel_fit = {
            "bottom": float(theta[0]),
            "top": float(theta[1]),
            "hill_slope": float(theta[2]),
            "ec50_reference": 10.0 ** float(theta[3]),
            "ec50_test": 10.0 ** float(theta[3] - theta[4]),
            "rss": rss,
        }
    return PotencyEstimate(
        sample=sample,
        reference=reference,
        relative_potency=rp,
        ci95=ci,
        similar=bool(similar),
        log10_rp=None if at_bound else log_rp,
        se_log10_rp=None if at_bound else se_log,
        withheld=withheld,
        df=df,
        parallel_fit=parallel_fit,
        equivalence=eq,
        f_test=f_test,
        similarity_method=s.similarity,
        flags=tuple(flags),
    )


# --------------------------------------------------------------------------------------------------
# Plate pipeline
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PotencyResult:
    """Bioassay run result; ``to_dict()`` is API.md's run ``result`` with ``curves`` and ``potency``."""

    reference: FitResult | None
    curves: tuple[tuple[str, str, FitResult], ...]  # (sample, role "reference" | "test", fit)
    potency: tuple[PotencyEstimate, ...]
    standards: tuple[dict[str, Any], ...]
    samples: tuple[dict[str, Any], ...]
    qc: dict[str, Any]
    analysis_version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        curves = []
        for sample, role, fit in self.curves:
            d = fit.to_dict()
            d["sample"] = sample
            d["role"] = role
            curves.append(d)
        return clean(
            {
                "curve": self.reference.to_dict() if self.reference is not None else None,
                "standards": list(self.standards),
                "samples": list(self.samples),
                "qc": self.qc,
                "curves": curves,
                "potency": [p.to_dict() for p in self.potency],
                "analysis_version": self.analysis_version,
            }
        )


def _levels(wells: Sequence[DoseWell], response: dict[str, float | None], raw: dict[str, float | None]):
    """[(dose, wells, responses, raw values)] ascending by dose."""
    by: dict[float, list[DoseWell]] = {}
    for w in wells:
        by.setdefault(float(w.dose), []).append(w)
    out = []
    for dose in sorted(by):
        ws = [w for w in by[dose] if response[w.well] is not None]
        out.append((dose, ws, [response[w.well] for w in ws], [raw[w.well] for w in ws]))
    return out


@quiet_numpy
def analyse_potency(
    wells: Sequence[DoseWell], settings: PotencySettings | Mapping[str, Any] | None = None
) -> PotencyResult:
    """Analyse one reporter-bioassay plate: response, plate QC, per-curve 4PL, RP of every test sample."""
    if not isinstance(settings, PotencySettings):
        settings = PotencySettings.from_dict(settings)
    crit = settings.acceptance
    for w in wells:
        if w.role not in ROLES:
            raise ValueError(f"Well {w.well}: unknown role {w.role!r}.")
        if w.role in ("standard", "sample") and finite_or_none(w.dose) is None:
            raise ValueError(f"Well {w.well}: a {w.role} well needs a dose.")
        if w.role in ("standard", "sample") and float(w.dose) < 0:
            raise ValueError(f"Well {w.well}: negative dose.")
    active = [w for w in wells if not w.excluded and w.role != "empty"]
    raw = {w.well: finite_or_none(w.value) for w in active}
    reasons: list[str] = []

    blanks = [raw[w.well] for w in active if w.role == "blank" and raw[w.well] is not None]
    background = float(np.mean(blanks)) if (settings.background_subtraction and blanks) else 0.0
    untreated = [raw[w.well] for w in active if w.role == "negative_control" and raw[w.well] is not None]
    denom = None
    if settings.response == "fold_induction":
        if untreated and float(np.mean(untreated)) - background != 0:
            denom = float(np.mean(untreated)) - background
        else:
            reasons.append("no untreated (negative control) wells: responses are background-subtracted RLU")

    def resp(w: DoseWell) -> float | None:
        v = raw[w.well]
        if v is None:
            return None
        v -= background
        return v / denom if denom else v

    response = {w.well: resp(w) for w in active}
    pos = [raw[w.well] for w in active if w.role == "positive_control"]
    neg = [raw[w.well] for w in active if w.role == "negative_control"]
    zp = z_prime(pos, neg) if pos and neg else None
    sb = signal_to_background(pos, neg) if pos and neg else None
    edge = None
    neg_wells = [w for w in active if w.role == "negative_control"]
    if neg_wells:
        edge = edge_effect(
            [w.well for w in neg_wells],
            [raw[w.well] for w in neg_wells],
            rows=settings.rows,
            columns=settings.columns,
        )
    if zp is not None and zp < crit.min_z_prime:
        reasons.append(f"Z' {zp:.2f} < {crit.min_z_prime:g}")

    ref_wells = [w for w in active if w.role == "standard"]
    ref_name = next((w.sample or w.group for w in ref_wells if (w.sample or w.group)), None) or "reference"
    tests: dict[str, list[DoseWell]] = {}
    for w in active:
        if w.role == "sample":
            tests.setdefault(str(w.sample or w.group or "sample"), []).append(w)
    unit = next((w.unit for w in ref_wells + [w for ws in tests.values() for w in ws] if w.unit), None)

    names = [ref_name, *tests]
    series = [ref_wells, *tests.values()]
    width = max((len(s) for s in series), default=0)
    X = np.full((len(series), max(width, 1)), np.nan)
    Y = np.full_like(X, np.nan)
    for i, ws in enumerate(series):
        for j, w in enumerate(ws):
            if response[w.well] is not None:
                X[i, j] = float(w.dose)
                Y[i, j] = response[w.well]
    fits = fit_many(X, Y, model="4PL", weighting=settings.weighting) if ref_wells else []
    curves = tuple((names[i], "reference" if i == 0 else "test", fits[i]) for i in range(len(fits)))
    ref_fit = fits[0] if fits else None
    if ref_fit is None:
        reasons.append("no reference standard wells")
    elif not ref_fit.ok:
        reasons.append(f"reference curve could not be fitted ({', '.join(ref_fit.flags)})")
    else:
        if "no_convergence" in ref_fit.flags:
            reasons.append("reference curve fit did not converge")
        if "no_plateau" in ref_fit.flags:
            reasons.append("reference curve does not show both plateaus")

    potency = []
    if ref_fit is not None and ref_fit.ok:
        rx = [float(w.dose) for w in ref_wells if response[w.well] is not None]
        ry = [response[w.well] for w in ref_wells if response[w.well] is not None]
        for i, (name, ws) in enumerate(tests.items(), start=1):
            tx = [float(w.dose) for w in ws if response[w.well] is not None]
            ty = [response[w.well] for w in ws if response[w.well] is not None]
            potency.append(
                relative_potency(
                    rx,
                    ry,
                    tx,
                    ty,
                    settings=settings,
                    sample=name,
                    reference=ref_name,
                    ref_fit=ref_fit,
                    test_fit=fits[i],
                )
            )

    std_rows = []
    for dose, ws, vals, raws in _levels(ref_wells, response, raw):
        std_rows.append(
            {
                "group": ws[0].group if ws and ws[0].group else f"{ref_name}@{dose:g}",
                "nominal": dose,
                "unit": unit,
                "wells": [w.well for w in ws],
                "mean_signal": float(np.mean(vals)) if vals else None,
                "cv_pct": cv_pct(raws),
                "back_calculated": None,
                "recovery_pct": None,
                "passed": None,
            }
        )
    sample_rows = []
    for name, ws_all in tests.items():
        for dose, ws, vals, raws in _levels(ws_all, response, raw):
            cv = cv_pct(raws)
            sample_rows.append(
                {
                    "sample": name,
                    "group": ws[0].group if ws and ws[0].group else f"{name}@{dose:g}",
                    "dilution_factor": None,
                    "dose": dose,
                    "wells": [w.well for w in ws],
                    "mean_signal": float(np.mean(vals)) if vals else None,
                    "cv_pct": cv,
                    "concentration": None,
                    "reported_concentration": None,
                    "unit": unit,
                    "flag": "high_cv" if cv is not None and cv > crit.max_cv_pct else None,
                }
            )
    qc = {
        "z_prime": zp,
        "signal_to_background": sb,
        "standards_passed_pct": None,
        "accepted": not [r for r in reasons if "no untreated" not in r],
        "reasons": reasons,
        "background": background if blanks else None,
        "untreated_mean": float(np.mean(untreated)) if untreated else None,
        "response": "fold_induction" if denom else "signal",
        "edge_effect": edge.to_dict() if edge else None,
    }
    return PotencyResult(
        reference=ref_fit,
        curves=curves,
        potency=tuple(potency),
        standards=tuple(std_rows),
        samples=tuple(sample_rows),
        qc=qc,
    )


__all__ = [
    "DoseWell",
    "EquivalenceTest",
    "ParallelFourPL",
    "PotencyEstimate",
    "PotencyResult",
    "PotencySettings",
    "analyse_potency",
    "equivalence_tests",
    "fold_induction",
    "relative_potency",
]
