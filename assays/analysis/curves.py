"""Dose-response / standard-curve models and least-squares fitting.

Models (parameters use GraphPad Prism's names and meanings; ``X = log10(x)``):

* ``4PL``  Y = Bottom + (Top - Bottom) / (1 + 10^((LogEC50 - X) * HillSlope))
  (Prism "log(agonist) vs. response -- variable slope"). A falling curve has HillSlope < 0.
  Generic / SoftMax / Gen5 form y = D + (A - D) / (1 + (x/C)^B): rising curve A = Bottom, D = Top,
  B = HillSlope, C = EC50. drc ``LL.4``: c + (d - c) / (1 + exp(b (ln x - ln e))): HillSlope = -b,
  c = Bottom, d = Top, e = EC50.
* ``5PL``  Y = Bottom + (Top - Bottom) / (1 + 10^((LogXb - X) * HillSlope))^S with
  LogXb = LogEC50 + (1/HillSlope) * log10(2^(1/S) - 1) (Prism "asymmetric sigmoidal, 5PL"), so LogEC50
  is the true midpoint and S (``asymmetry``) = 1 gives the 4PL.
* ``linear``  y = slope * x + intercept (x on the linear scale).
* ``loglog``  log10 y = intercept + slope * log10 x (SoftMax Pro "log-log"), fitted by least squares in
  log-log space; zero doses and non-positive signals cannot be used and are dropped with a flag.

Both sigmoids are evaluated in x-space, so a zero dose is a legitimate point: its model value is the
low-dose asymptote (Bottom for a rising curve, Top for a falling one) and it informs that asymptote, as in
drc (Ritz et al. 2015, PLoS ONE 10:e0146021) and R ``nls``.

Fitting minimises sum(((y - f) / sigma)^2). Weighting (Prism, "Weighting method" in nonlinear regression):
``none`` (sigma = 1), ``1/y`` (weight 1/Yhat, sigma = sqrt(Yhat)) and ``1/y2`` (weight 1/Yhat^2,
sigma = Yhat), the weights coming from the *fitted curve*, recomputed and the model refitted until the
parameters are stable (iteratively reweighted least squares). scipy's ``sigma`` and drc's ``weights`` are
standard deviations, not Prism weights. Yhat is floored at ``SIGMA_FLOOR_FRACTION`` * max|y| so a
blank-subtracted curve whose bottom is ~0 cannot get infinite weights.

Standard errors are the Gauss-Newton / J^T J ones, cov = s^2 (J^T J)^-1 with s^2 = SS / (n - p), as
reported by R ``nls``, ``scipy.optimize.curve_fit`` and Prism ("asymptotic standard errors"). drc's default
covariance (from the Hessian of the RSS, i.e. J^T J - sum r_i d2f_i) differs slightly; it is available as
``FitResult.vcov("hessian")`` and is what ``FitResult.ed()`` uses by default, so ED values equal drc's
``ED()``. The EC50 95 % CI is LogEC50 +/- t(0.975, df) * SE, back-transformed (asymmetric on the EC50 scale,
as Prism); SE(EC50) is the delta method ln(10) * EC50 * SE(LogEC50).

Bounds keep every fit finite: LogEC50 within ``EC50_BOUND_DECADES`` of the tested doses, asymptotes within
``ASYMPTOTE_BOUND_SPANS`` response spans of the data, |HillSlope| <= ``HILL_BOUND``. A parameter that ends on
its bound is not estimable from the data: it is reported as None (with the EC50 when an asymptote or
LogEC50 is on a bound) and the fit is flagged, never reported as an absurd number.

Single curves are fitted with scipy's bounded trust-region solver (``least_squares``, TRF); many curves at
once with ``fit_many``'s vectorised Levenberg-Marquardt. Both share starting values, bounds, weighting and
the summary code, and agree to ~1e-7 of (|parameter| + SE).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from scipy import optimize, special, stats

from ._util import clean, finite_or_none, quiet_numpy

LN10 = math.log(10.0)
WEIGHTINGS = ("none", "1/y", "1/y2")
FIT_ON = ("points", "means")
SIGMA_FLOOR_FRACTION = 1e-3
#: log10 EC50 may lie at most this many decades outside the tested (positive) dose range.
EC50_BOUND_DECADES = 3.0
#: asymptotes may lie at most this many observed spans beyond the observed response range.
ASYMPTOTE_BOUND_SPANS = 5.0
HILL_BOUND = 20.0
ASYMMETRY_BOUNDS = (0.01, 100.0)
#: a sigmoid whose tested doses cover less than this fraction of its Bottom-to-Top span gets "no_plateau".
MIN_COVERAGE = 0.5
IRLS_MAX_ITER = 50
IRLS_RTOL = 1e-9

FLAG_DESCRIPTIONS = {
    "no_plateau": "the tested doses do not reach both plateaus (asymptote or EC50 extrapolated or at a bound)",
    "ec50_outside_range": "the EC50 lies outside the tested dose range",
    "no_convergence": "the fit did not converge",
    "too_few_points": "no residual degrees of freedom (as many points as parameters)",
    "constant_signal": "all responses are equal: nothing to fit",
    "non_finite_input": "points with NaN / infinite dose or response were left out",
    "parameter_at_bound": "the Hill slope or asymmetry stopped at its bound",
    "singular_covariance": "standard errors could not be computed (parameters not identifiable)",
    "points_dropped": "zero doses or non-positive responses cannot be used on log-log axes and were left out",
}


class CurveFitError(ValueError):
    """Bad input for a curve fit. ``code`` is machine-readable, ``message`` is for a person."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


# --------------------------------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------------------------------


def _cols(theta: np.ndarray) -> list[np.ndarray]:
    """Split a parameter vector (p,) or batch (m, p) into broadcastable columns of shape (1,) / (m, 1)."""
    theta = np.asarray(theta, dtype=float)
    return [theta[..., i : i + 1] for i in range(theta.shape[-1])]


def _log10_dose(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(log10 x with 0 in place of log10 0, mask of zero doses)."""
    x = np.asarray(x, dtype=float)
    zero = x == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        lx = np.log10(np.where(zero, 1.0, x))
    return lx, zero


def _sigmoid_exponent(x: np.ndarray, h: np.ndarray, lm: np.ndarray, c: Any = 0.0) -> np.ndarray:
    """u = ln(10) * (h * (L - log10 x) + c); at x = 0, u = +inf for h > 0 and -inf for h < 0."""
    lx, zero = _log10_dose(x)
    u = LN10 * (h * (lm - lx) + c)
    at_zero = np.where(h > 0, np.inf, np.where(h < 0, -np.inf, 0.0))
    return np.where(zero, at_zero, u)


class CurveModel(ABC):
    """A curve model: ``fn(x, params)``, ``inverse(y, params)`` and what the fitter needs.

    ``params`` is a vector in ``param_names`` order, or a batch of shape (m, n_params) (x then has
    shape (n,) or (m, n)). ``fit_fn``/``fit_jac``/``transform_y`` give the function actually fitted (the
    same as ``fn`` except for log-log, fitted in log space).
    """

    name: ClassVar[str] = ""
    param_names: ClassVar[tuple[str, ...]] = ()
    sigmoid: ClassVar[bool] = False

    @property
    def n_params(self) -> int:
        return len(self.param_names)

    # model -------------------------------------------------------------------------------------
    @abstractmethod
    def fn(self, x: Any, params: Any) -> np.ndarray:
        """Model response at dose(s) ``x``."""

    @abstractmethod
    def jac(self, x: Any, params: Any) -> np.ndarray:
        """Jacobian of ``fn`` with respect to the parameters."""

    @abstractmethod
    def inverse(self, y: Any, params: Any) -> np.ndarray:
        """Dose giving response ``y``; NaN where there is none (see ``range_flag``)."""

    @abstractmethod
    def range_flag(self, y: float, params: Any) -> str | None:
        """For a response with no inverse: ``below_range`` (dose would be < 0 / below the low-dose
        asymptote) or ``above_range`` (beyond the high-dose asymptote)."""

    # fitting -----------------------------------------------------------------------------------
    def transform_y(self, y: np.ndarray) -> np.ndarray:
        return np.asarray(y, dtype=float)

    def fit_fn(self, x: Any, params: Any) -> np.ndarray:
        return self.fn(x, params)

    def fit_jac(self, x: Any, params: Any) -> np.ndarray:
        return self.jac(x, params)

    def usable(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Points this model can use (finite input already checked)."""
        return np.ones(np.broadcast(x, y).shape, dtype=bool)

    @abstractmethod
    def start(self, x: np.ndarray, y: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Starting values, batch (m, n) arrays in -> (m, p); ``y`` is in fit space."""

    def bounds(self, x: np.ndarray, y: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = y.shape[0]
        return np.full((m, self.n_params), -np.inf), np.full((m, self.n_params), np.inf)

    def fit_fn_jac(self, x: Any, params: Any) -> tuple[np.ndarray, np.ndarray]:
        """(fit_fn, fit_jac) together (models override this to share work)."""
        return self.fit_fn(x, params), self.fit_jac(x, params)

    #: keys of the reported parameters, in order
    report_keys: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def report_table(self, theta: np.ndarray, se: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Reported parameters and their standard errors for a batch: theta, se (m, p) -> two (m, k)
        arrays in ``report_keys`` order, NaN where a value does not apply."""


def _level_means_batch(x: np.ndarray, y: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean response of the replicates sharing each point's dose, batch (m, n); NaN where masked.

    Sort-and-bincount: O(m n log n) time and O(m n) memory. (An indicator matrix of points x dose levels,
    or a points x points "same dose" matrix, is n x n when every dose is distinct: 5 GB at n = 25,000.)
    """
    xb = np.broadcast_to(x, mask.shape)
    m, n = mask.shape
    if n == 0:
        return np.full(mask.shape, np.nan)
    key = np.where(mask, xb, np.inf)  # masked points sort last and are never read back
    order = np.argsort(key, axis=1, kind="stable")
    sorted_key = np.take_along_axis(key, order, axis=1)
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = sorted_key[:, 1:] != sorted_key[:, :-1]
    group_sorted = np.cumsum(starts, axis=1) - 1 + (np.arange(m) * n)[:, None]  # ids unique across rows
    group = np.empty_like(group_sorted)
    np.put_along_axis(group, order, group_sorted, axis=1)
    flat = group.ravel()
    sums = np.bincount(flat, weights=np.where(mask, y, 0.0).ravel(), minlength=m * n)
    counts = np.bincount(flat, weights=mask.ravel().astype(float), minlength=m * n)
    with np.errstate(invalid="ignore", divide="ignore"):
        level = (sums / counts)[group]
    return np.where(mask, level, np.nan)


class FourPL(CurveModel):
    """Four-parameter logistic (Prism "log(agonist) vs. response -- variable slope").

    Parameters (``params`` order):
        bottom      response at the lower plateau (response units)
        top         response at the upper plateau (response units)
        hill_slope  steepness; > 0 rising with dose, < 0 falling (Prism sign; drc b = -hill_slope)
        log_ec50    log10 of the dose giving a response half-way between bottom and top (dose units)

    Y = bottom + (top - bottom) / (1 + 10^((log_ec50 - log10 x) * hill_slope)); at x = 0 this is the
    low-dose asymptote. Inverse: x = EC50 * ((y - bottom) / (top - y))^(1 / hill_slope), i.e. the generic
    C * [(A - D)/(y - D) - 1]^(1/B), defined only for y strictly between the asymptotes.
    """

    name = "4PL"
    param_names = ("bottom", "top", "hill_slope", "log_ec50")
    sigmoid = True

    def _split(self, params):
        b, t, h, lm = _cols(params)
        return b, t, h, lm, np.ones_like(h), np.zeros_like(h)

    def fraction(self, x: Any, params: Any) -> np.ndarray:
        """(y - bottom) / (top - bottom) at dose x."""
        _, _, h, lm, s, c = self._split(params)
        u = _sigmoid_exponent(x, h, lm, c)
        return np.exp(-s * np.logaddexp(0.0, u))

    def fn(self, x, params):
        b, t, *_ = self._split(params)
        return b + (t - b) * self.fraction(x, params)

    def jac(self, x, params):
        return self.fn_jac(x, params)[1]

    def fn_jac(self, x, params):
        """Model values and Jacobian (..., n, 4) together; the hot path of the batched fitter."""
        params = np.asarray(params, dtype=float)
        b, t, h, lm = (params[..., i : i + 1] for i in range(4))
        x = np.asarray(x, dtype=float)
        zero = x == 0
        any_zero = bool(zero.any())
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            lx = np.log10(np.where(zero, 1.0, x)) if any_zero else np.log10(x)
            d = lm - lx
            u = (LN10 * h) * d
            if any_zero:
                u = np.where(zero, np.where(h > 0, np.inf, np.where(h < 0, -np.inf, 0.0)), u)
            g = 1.0 / (1.0 + np.exp(u))
        span = t - b
        k = (-LN10 * span) * (g - g * g)  # d y / d u; exactly 0 at x = 0 (g is 0 or 1 there)
        jac = np.empty((*g.shape, 4))
        jac[..., 0] = 1.0 - g
        jac[..., 1] = g
        jac[..., 2] = k * d
        jac[..., 3] = k * h
        if any_zero:
            jac[..., 2] = np.where(zero, 0.0, jac[..., 2])
        return b + span * g, jac

    def fit_fn_jac(self, x, params):
        return self.fn_jac(x, params)

    def _x_from_fraction(self, g: np.ndarray, params) -> np.ndarray:
        """Dose at which the curve has gone a fraction g of the way from bottom to top."""
        _, _, h, lm, s, c = (np.asarray(v).ravel()[0] for v in self._split(params))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            arg = np.power(g, -1.0 / s) - 1.0
            logx = lm + c / h - np.log10(arg) / h
            x = np.power(10.0, logx)
        ok = (g > 0) & (g < 1) & np.isfinite(x)
        return np.where(ok, x, np.nan)

    def inverse(self, y, params):
        b, t = float(params[0]), float(params[1])
        y = np.asarray(y, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            g = (y - b) / (t - b)
        return self._x_from_fraction(g, params)

    def range_flag(self, y, params):
        b, t, h = float(params[0]), float(params[1]), float(params[2])
        g = (float(y) - b) / (t - b) if t != b else math.nan
        if not math.isfinite(g):
            return "below_range"
        # position along the dose axis: 0 at x = 0, 1 at x = infinity
        q = g if h > 0 else 1.0 - g
        return "below_range" if q <= 0.5 else "above_range"

    def effective_dose(self, p: float, params) -> float:
        """Dose giving p % of the effect, measured from the zero-dose asymptote towards the high-dose one
        (drc ``ED(type="relative")``): ED_p = EC50 * (p / (100 - p))^(1 / |HillSlope|) for the 4PL."""
        q = p / 100.0
        h = float(params[2])
        g = q if h > 0 else 1.0 - q
        return float(self._x_from_fraction(np.asarray(g), params))

    def start(self, x, y, mask):
        """Prism/DOMAIN starting values: Bottom = min(mean y), Top = max(mean y), LogEC50 = log10 of the
        dose whose mean y is nearest the midpoint, HillSlope = +1 / -1 by direction."""
        means = _level_means_batch(x, y, mask)
        bottom = np.nanmin(np.where(mask, means, np.nan), axis=1)
        top = np.nanmax(np.where(mask, means, np.nan), axis=1)
        mid = (bottom + top) / 2.0
        pos = mask & (x > 0)
        dist = np.where(pos, np.abs(means - mid[:, None]), np.inf)
        idx = np.argmin(dist, axis=1)
        rows = np.arange(x.shape[0])
        with np.errstate(divide="ignore", invalid="ignore"):
            log_ec50 = np.log10(np.where(pos.any(axis=1), x[rows, idx], 1.0))
        xm = np.where(mask, x, np.nan)
        i_lo = np.nanargmin(np.where(mask, xm, np.inf), axis=1)
        i_hi = np.nanargmax(np.where(mask, xm, -np.inf), axis=1)
        rising = means[rows, i_hi] >= means[rows, i_lo]
        hill = np.where(rising, 1.0, -1.0)
        return np.stack([bottom, top, hill, log_ec50], axis=1)

    def bounds(self, x, y, mask):
        ymin = np.nanmin(np.where(mask, y, np.nan), axis=1)
        ymax = np.nanmax(np.where(mask, y, np.nan), axis=1)
        span = np.maximum(ymax - ymin, np.finfo(float).tiny)
        pos = mask & (x > 0)
        with np.errstate(divide="ignore"):
            lxmin = np.log10(np.nanmin(np.where(pos, x, np.nan), axis=1))
            lxmax = np.log10(np.nanmax(np.where(pos, x, np.nan), axis=1))
        a_lo = ymin - ASYMPTOTE_BOUND_SPANS * span
        a_hi = ymax + ASYMPTOTE_BOUND_SPANS * span
        m = y.shape[0]
        lo = np.stack([a_lo, a_lo, np.full(m, -HILL_BOUND), lxmin - EC50_BOUND_DECADES], axis=1)
        hi = np.stack([a_hi, a_hi, np.full(m, HILL_BOUND), lxmax + EC50_BOUND_DECADES], axis=1)
        return lo, hi

    report_keys = ("bottom", "top", "hill_slope", "ec50", "log_ec50", "asymmetry")

    def report_table(self, theta, se):
        theta = np.atleast_2d(theta)
        se = np.atleast_2d(se)
        m = theta.shape[0]
        ec50 = np.power(10.0, theta[:, 3])
        asym = theta[:, 4] if theta.shape[1] > 4 else np.full(m, np.nan)
        asym_se = se[:, 4] if theta.shape[1] > 4 else np.full(m, np.nan)
        vals = np.stack([theta[:, 0], theta[:, 1], theta[:, 2], ec50, theta[:, 3], asym], axis=1)
        ses = np.stack([se[:, 0], se[:, 1], se[:, 2], LN10 * ec50 * se[:, 3], se[:, 3], asym_se], axis=1)
        return vals, ses


class FivePL(FourPL):
    """Five-parameter logistic (Prism "asymmetric sigmoidal, 5PL", Gottschalk & Dunn 2005).

    Parameters: bottom, top, hill_slope, log_ec50 as for the 4PL (log_ec50 is the true midpoint) and
        asymmetry   S > 0, Prism's asymmetry factor; S = 1 is the 4PL.

    Y = bottom + (top - bottom) / (1 + 10^((LogXb - X) * hill_slope))^S,
    LogXb = log_ec50 + log10(2^(1/S) - 1) / hill_slope. The generic 5PL y = D + (A - D)/(1 + (x/C)^B)^G is
    the same family (with B < 0 its D = bottom, A = top, C = Xb, G = S); its EC50 = C (2^(1/G) - 1)^(1/B).
    Inverse: X = LogXb - log10(g^(-1/S) - 1) / hill_slope with g = (y - bottom) / (top - bottom).
    """

    name = "5PL"
    param_names = ("bottom", "top", "hill_slope", "log_ec50", "asymmetry")

    def _split(self, params):
        b, t, h, lm, s = _cols(params)
        return b, t, h, lm, s, np.log10(np.power(2.0, 1.0 / s) - 1.0)

    def jac(self, x, params):
        return self.fn_jac(x, params)[1]

    def fn_jac(self, x, params):
        b, t, h, lm, s, c = self._split(params)
        u = _sigmoid_exponent(x, h, lm, c)
        sp = np.logaddexp(0.0, u)
        g = np.exp(-s * sp)
        dgdu = -s * g * special.expit(u)
        lx, zero = _log10_dose(x)
        span = t - b
        d_h = np.where(zero, 0.0, span * dgdu * LN10 * (lm - lx))
        d_l = span * dgdu * LN10 * h
        two = np.power(2.0, 1.0 / s)
        du_ds = -two * math.log(2.0) / (s**2 * (two - 1.0))
        with np.errstate(invalid="ignore"):
            dg_ds = np.where(zero, 0.0, -sp * g + dgdu * du_ds)
        d_s = span * dg_ds
        return b + span * g, np.stack(np.broadcast_arrays(1.0 - g, g, d_h, d_l, d_s), axis=-1)

    def start(self, x, y, mask):
        p4 = super().start(x, y, mask)
        return np.concatenate([p4, np.ones((p4.shape[0], 1))], axis=1)

    def bounds(self, x, y, mask):
        lo, hi = super().bounds(x, y, mask)
        m = y.shape[0]
        lo = np.concatenate([lo, np.full((m, 1), ASYMMETRY_BOUNDS[0])], axis=1)
        hi = np.concatenate([hi, np.full((m, 1), ASYMMETRY_BOUNDS[1])], axis=1)
        return lo, hi


class Linear(CurveModel):
    """Straight line y = slope * x + intercept (x on the linear scale).

    Parameters: slope (response per dose unit), intercept (response at x = 0).
    Inverse x = (y - intercept) / slope; a negative dose is reported as ``below_range``.
    """

    name = "linear"
    param_names = ("slope", "intercept")

    def fn(self, x, params):
        s, i = _cols(params)
        return s * np.asarray(x, dtype=float) + i

    def jac(self, x, params):
        s, i = _cols(params)
        x = np.asarray(x, dtype=float)
        return np.stack(np.broadcast_arrays(x + 0 * s, np.ones_like(x) + 0 * i), axis=-1)

    def inverse(self, y, params):
        s, i = float(params[0]), float(params[1])
        y = np.asarray(y, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            x = (y - i) / s
        return np.where(np.isfinite(x) & (x >= 0), x, np.nan)

    def range_flag(self, y, params):
        return "below_range"

    def _ols(self, x, y, mask):
        w = mask.astype(float)
        n = w.sum(axis=1)
        xm = (w * np.where(mask, x, 0)).sum(axis=1) / n
        ym = (w * np.where(mask, y, 0)).sum(axis=1) / n
        dx = np.where(mask, x - xm[:, None], 0.0)
        dy = np.where(mask, y - ym[:, None], 0.0)
        sxx = (dx * dx).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            slope = np.where(sxx > 0, (dx * dy).sum(axis=1) / sxx, 0.0)
        return np.stack([slope, ym - slope * xm], axis=1)

    def start(self, x, y, mask):
        return self._ols(x, y, mask)

    report_keys = (*FourPL.report_keys, "slope", "intercept")

    def report_table(self, theta, se):
        theta = np.atleast_2d(theta)
        se = np.atleast_2d(se)
        none = np.full((theta.shape[0], 6), np.nan)
        return np.concatenate([none, theta[:, :2]], axis=1), np.concatenate([none, se[:, :2]], axis=1)


class LogLog(Linear):
    """Log-log line (SoftMax Pro "Log-Log"): log10 y = intercept + slope * log10 x, i.e. y = 10^intercept x^slope.

    Parameters: slope (dimensionless), intercept (log10 response at x = 1).
    Fitted by least squares on (log10 x, log10 y); inverse x = 10^((log10 y - intercept) / slope).
    """

    name = "loglog"

    def transform_y(self, y):
        y = np.asarray(y, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(y > 0, np.log10(np.where(y > 0, y, 1.0)), np.nan)

    def usable(self, x, y):
        return (np.asarray(x) > 0) & (np.asarray(y) > 0)

    def _lx(self, x):
        x = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(np.where(x > 0, x, np.nan))

    def fit_fn(self, x, params):
        return super().fn(self._lx(x), params)

    def fit_jac(self, x, params):
        return super().jac(self._lx(x), params)

    def fn(self, x, params):
        return np.power(10.0, self.fit_fn(x, params))

    def jac(self, x, params):  # d y / d params on the response scale
        y = self.fn(x, params)
        return self.fit_jac(x, params) * (LN10 * y)[..., None]

    def inverse(self, y, params):
        s, i = float(params[0]), float(params[1])
        y = np.asarray(y, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            x = np.power(10.0, (np.log10(np.where(y > 0, y, np.nan)) - i) / s)
        return np.where(np.isfinite(x) & (x > 0), x, np.nan)

    def start(self, x, y, mask):
        return self._ols(np.where(mask, self._lx(x), 0.0), y, mask)


MODELS: dict[str, CurveModel] = {m.name: m for m in (FourPL(), FivePL(), Linear(), LogLog())}


def get_model(name: str) -> CurveModel:
    """The model registered under ``name`` ("4PL", "5PL", "linear", "loglog"); CurveFitError otherwise."""
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        raise CurveFitError(
            "unknown_model", f"Unknown curve model {name!r}; use one of {sorted(MODELS)}."
        ) from None


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EffectiveDose:
    """Dose giving p % of the effect (drc ``ED()``, delta method).

    ``ci95`` is drc's Wald interval on the dose scale, dose +/- t(0.975, df) * SE; ``ci95_log`` is the
    interval computed on log10(dose) and back-transformed (asymmetric, never below zero).
    """

    p: float
    dose: float | None
    se: float | None
    ci95: tuple[float, float] | None
    log10_dose: float | None
    se_log10: float | None
    ci95_log: tuple[float, float] | None

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "p": self.p,
                "dose": self.dose,
                "se": self.se,
                "ci95": self.ci95,
                "log10_dose": self.log10_dose,
                "se_log10": self.se_log10,
                "ci95_log": self.ci95_log,
            }
        )


@dataclass(frozen=True)
class FitResult:
    """A fitted curve. ``parameters``/``standard_errors`` use Prism's names; see the module docstring.

    ``theta`` is the fitted parameter vector in the model's ``param_names`` order (kept even where a
    reported parameter is withheld as ``None`` because it sits on a bound), ``covariance`` its J^T J
    covariance matrix. A failed fit (``fit_many`` on a bad curve) has ``theta`` None and explains why in
    ``flags``.
    """

    model: str
    weighting: str
    n: int
    df: int
    parameters: dict[str, float | None]
    standard_errors: dict[str, float | None]
    ec50_ci95: tuple[float, float] | None
    rss: float | None
    sy_x: float | None
    r_squared: float | None
    aic: float | None
    flags: tuple[str, ...]
    fit_on: str = "points"
    n_levels: int = 0
    theta: tuple[float, ...] | None = None
    covariance: np.ndarray | None = field(default=None, compare=False)
    dose_range: tuple[float | None, float | None] | None = None
    x_data: Any = field(default=(), repr=False, compare=False)  # doses fitted
    y_data: Any = field(default=(), repr=False, compare=False)  # responses fitted (fit space)
    sigma_data: Any = field(default=(), repr=False, compare=False)  # final sigma (weights)

    @property
    def ok(self) -> bool:
        return self.theta is not None

    @property
    def curve_model(self) -> CurveModel:
        return get_model(self.model)

    @quiet_numpy
    def predict(self, x: Any) -> np.ndarray:
        """Model response at dose(s) x (NaN for a failed fit)."""
        x = np.asarray(x, dtype=float)
        if self.theta is None:
            return np.full(x.shape, np.nan)
        return np.asarray(self.curve_model.fn(x, np.asarray(self.theta)), dtype=float).reshape(x.shape)

    @quiet_numpy
    def inverse(self, y: float) -> tuple[float | None, str | None]:
        """Dose for response y: ``(x, None)`` or ``(None, "below_range" | "above_range")``.

        No extrapolation: a response outside the open interval between the fitted asymptotes has no dose.
        ``below_range`` means the dose would be below anything measurable (at or beyond the zero-dose
        asymptote), ``above_range`` beyond the high-dose asymptote -- whatever the curve's direction.
        """
        try:
            yv = None if y is None else float(y)
        except (TypeError, ValueError):
            raise CurveFitError("invalid_input", f"Response {y!r} is not a number.") from None
        if self.theta is None or yv is None or not math.isfinite(yv):
            return None, None
        theta = np.asarray(self.theta)
        x = float(self.curve_model.inverse(np.asarray(yv), theta))
        if math.isfinite(x):
            return x, None
        return None, self.curve_model.range_flag(yv, theta)

    @quiet_numpy
    def vcov(self, kind: str = "jtj") -> np.ndarray | None:
        """Covariance matrix of ``theta``.

        ``"jtj"``: s^2 (J^T J)^-1 (Gauss-Newton; R nls, curve_fit, Prism; the reported standard errors).
        ``"hessian"``: s^2 (J^T J - sum_i r_i d2f_i)^-1, the observed-information form that drc uses by
        default (its vcov is built from the Hessian of the residual sum of squares). Residuals and
        Jacobian are weighted (divided by sigma) for weighted fits; s^2 = SS / df.
        """
        if kind not in ("jtj", "hessian"):
            raise CurveFitError("invalid_input", "vcov kind must be 'jtj' or 'hessian'.")
        if self.theta is None or self.covariance is None:
            return None
        if kind == "jtj":
            return np.asarray(self.covariance)
        model = self.curve_model
        th = np.asarray(self.theta)
        x = np.asarray(self.x_data)
        yf = np.asarray(self.y_data)
        sig = np.asarray(self.sigma_data)
        jac = model.fit_jac(x, th) / sig[:, None]
        res = (yf - model.fit_fn(x, th)) / sig
        second = np.zeros((th.size, th.size))
        for j in range(th.size):
            step = 1e-6 * max(abs(th[j]), 1e-3)
            e = np.zeros(th.size)
            e[j] = step
            d_jac = (model.fit_jac(x, th + e) - model.fit_jac(x, th - e)) / (2.0 * step) / sig[:, None]
            second[j] = res @ d_jac
        second = (second + second.T) / 2.0
        info = jac.T @ jac - second
        try:
            return np.linalg.inv(info) * (float(res @ res) / self.df)
        except np.linalg.LinAlgError:
            return None

    @quiet_numpy
    def ed(self, p: float, level: float = 0.95, *, vcov: str = "hessian") -> EffectiveDose:
        """Effective dose ED_p with delta-method SE and CIs, as drc ``ED(fit, p, interval="delta")``.

        p is the percentage of the effect from the zero-dose asymptote towards the high-dose asymptote
        (ED10 of a falling curve: 10 % below the top). 4PL: ED_p = EC50 (p/(100-p))^(1/|HillSlope|).
        ``vcov="hessian"`` (default) uses drc's covariance so the numbers equal drc's; ``"jtj"`` uses the
        covariance behind the reported standard errors.
        """
        if not 0 < p < 100:
            raise CurveFitError("invalid_input", "p must lie strictly between 0 and 100.")
        model = self.curve_model
        if self.theta is None or not model.sigmoid:
            return EffectiveDose(p, None, None, None, None, None, None)
        theta = np.asarray(self.theta)

        def log_ed(th: np.ndarray) -> float:
            return math.log10(model.effective_dose(p, th))

        dose = model.effective_dose(p, theta)
        se = se_log = ci = ci_log = None
        cov = self.vcov(vcov) if self.df > 0 else None
        if cov is not None and math.isfinite(dose):
            grad = _numeric_grad(log_ed, theta)
            var_log = float(grad @ cov @ grad)
            if var_log >= 0 and math.isfinite(var_log):
                se_log = math.sqrt(var_log)
                se = LN10 * dose * se_log
                t = float(stats.t.ppf(0.5 + level / 2.0, self.df))
                ci = (dose - t * se, dose + t * se)
                with np.errstate(over="ignore"):
                    lo_hi = dose * np.power(10.0, np.array([-t * se_log, t * se_log]))
                ci_log = (float(lo_hi[0]), float(lo_hi[1])) if np.all(np.isfinite(lo_hi)) else None
        ld = math.log10(dose) if dose > 0 else None
        return EffectiveDose(p, finite_or_none(dose), se, ci, ld, se_log, ci_log)

    def to_dict(self, unknowns: Sequence[float] | None = None) -> dict[str, Any]:
        """API.md fit result: ``{model, weighting, n, df, parameters, standard_errors, ec50_ci95, rss,
        sy_x, r_squared, aic, flags, unknowns: [{y, x, flag}]}``, JSON-safe."""
        rows = []
        for y in unknowns or []:
            x, flag = self.inverse(y)
            rows.append({"y": y, "x": x, "flag": flag})
        return clean(
            {
                "model": self.model,
                "weighting": self.weighting,
                "n": self.n,
                "df": self.df,
                "parameters": self.parameters,
                "standard_errors": self.standard_errors,
                "ec50_ci95": list(self.ec50_ci95) if self.ec50_ci95 is not None else None,
                "rss": self.rss,
                "sy_x": self.sy_x,
                "r_squared": self.r_squared,
                "aic": self.aic,
                "flags": list(self.flags),
                "unknowns": rows,
            }
        )


def _numeric_grad(f: Callable[[np.ndarray], float], theta: np.ndarray) -> np.ndarray:
    """Central-difference gradient, step 1e-6 relative."""
    grad = np.zeros(theta.size)
    for j in range(theta.size):
        step = 1e-6 * max(abs(theta[j]), 1e-3)
        up, down = theta.copy(), theta.copy()
        up[j] += step
        down[j] -= step
        grad[j] = (f(up) - f(down)) / (2.0 * step)
    return grad


def _failed(model: str, weighting: str, n: int, flags: Sequence[str], fit_on: str = "points") -> FitResult:
    m = get_model(model)
    empty = dict.fromkeys(m.report_keys)
    return FitResult(
        model=model,
        weighting=weighting,
        n=n,
        df=max(n - m.n_params, 0),
        parameters=dict(empty),
        standard_errors=dict(empty),
        ec50_ci95=None,
        rss=None,
        sy_x=None,
        r_squared=None,
        aic=None,
        flags=tuple(flags),
        fit_on=fit_on,
    )


# --------------------------------------------------------------------------------------------------
# Input handling
# --------------------------------------------------------------------------------------------------


def _check_options(model: CurveModel, weighting: str, fit_on: str = "points") -> None:
    if weighting not in WEIGHTINGS:
        raise CurveFitError(
            "unknown_weighting", f"Unknown weighting {weighting!r}; use one of {list(WEIGHTINGS)}."
        )
    if fit_on not in FIT_ON:
        raise CurveFitError("invalid_input", f"fit_on must be one of {list(FIT_ON)}, not {fit_on!r}.")
    if isinstance(model, LogLog) and weighting != "none":
        raise CurveFitError(
            "unsupported_weighting",
            "The log-log model is fitted on log10 responses, which already stabilises the variance; "
            "use weighting 'none'.",
        )


def _as_float_array(values: Any, what: str) -> np.ndarray:
    try:
        if isinstance(values, np.ndarray):
            arr = values.astype(float)
        else:
            arr = np.asarray([math.nan if v is None else v for v in values], dtype=float)
    except (TypeError, ValueError):
        raise CurveFitError("invalid_input", f"{what} must be numbers.") from None
    return arr


def level_means(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Distinct doses (ascending) and the mean response at each (replicate means)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    levels, inv = np.unique(x, return_inverse=True)
    sums = np.bincount(inv, weights=y, minlength=levels.size)
    counts = np.bincount(inv, minlength=levels.size)
    return levels, sums / counts


# --------------------------------------------------------------------------------------------------
# Fitting engines
# --------------------------------------------------------------------------------------------------


def _sigma(yhat: np.ndarray, y: np.ndarray, mask: np.ndarray, weighting: str) -> np.ndarray:
    """Prism weights from the fitted curve as scipy-style SDs: 1/Yhat -> sqrt(Yhat), 1/Yhat^2 -> Yhat."""
    if weighting == "none":
        return np.ones_like(yhat)
    scale = np.nanmax(np.where(mask, np.abs(y), np.nan), axis=-1, keepdims=True)
    floor = SIGMA_FLOOR_FRACTION * np.where(np.isfinite(scale) & (scale > 0), scale, 1.0)
    a = np.maximum(np.abs(yhat), floor)
    return np.sqrt(a) if weighting == "1/y" else a


def _interior(theta: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    width = np.where(np.isfinite(hi - lo), hi - lo, 1.0)
    return np.clip(theta, lo + 1e-9 * width, hi - 1e-9 * width)


def _scipy_fit(model, x, yf, sigma, theta0, lo, hi) -> tuple[np.ndarray, bool]:
    """One weighted least-squares fit with scipy's bounded trust-region reflective solver (straight lines:
    the exact weighted linear least-squares solution)."""
    if isinstance(model, Linear):
        design = model.fit_jac(x, theta0) / sigma[:, None]
        sol, *_ = np.linalg.lstsq(design, yf / sigma, rcond=None)
        return sol, bool(np.all(np.isfinite(sol)))

    def fun(p):
        return (model.fit_fn(x, p) - yf) / sigma

    def jac(p):
        return model.fit_jac(x, p) / sigma[:, None]

    try:
        res = optimize.least_squares(
            fun,
            _interior(theta0, lo, hi),
            jac=jac,
            bounds=(lo, hi),
            method="trf",
            x_scale="jac",
            ftol=1e-12,
            xtol=1e-12,
            gtol=1e-12,
            max_nfev=1000,
        )
    except (ValueError, np.linalg.LinAlgError, FloatingPointError):
        return np.asarray(theta0, dtype=float), False
    ok = bool(res.status > 0 and np.all(np.isfinite(res.x)))
    return res.x, ok


def _lm_batch(model, x, yf, mask, sigma, theta, lo, hi, max_iter=300, ftol=1e-14, xtol=1e-12, gtol=1e-10):
    """Vectorised Levenberg-Marquardt (Marquardt 1963 diagonal scaling), all curves advancing together.

    Each curve has its own damping lambda (/10 after a successful step, x10 after a rejected one). Box
    bounds are handled by an active set: a parameter sitting on a bound with the gradient pushing outwards
    is held fixed for that step; steps are projected onto the box. ``mask`` marks the points that exist, so
    ragged curves share one rectangular (m, n) batch. A curve stops when its scaled gradient
    (max_j |J_j . r| / (|J_j| |r|), MINPACK's gtol) <= gtol, when the actual and predicted relative cost
    reductions are <= ftol, or when the relative step is <= xtol. Returns (theta, converged).
    """
    m, p = theta.shape
    theta = np.clip(theta.astype(float), lo, hi)
    shared_x = x.ndim == 1

    plain = bool(mask.all() and np.all(sigma == 1.0))

    def evaluate(rows, th):
        xs = x if shared_x else x[rows]
        f, jac = model.fit_fn_jac(xs, th)
        if plain:
            return yf[rows] - f, jac
        msk = mask[rows]
        sig = sigma[rows]
        with np.errstate(invalid="ignore"):
            r = np.where(msk, (yf[rows] - f) / sig, 0.0)
            jac = np.where(msk[..., None], jac / sig[..., None], 0.0)
        return r, jac

    every = np.arange(m)
    r, jac = evaluate(every, theta)
    cost = np.einsum("mn,mn->m", r, r)
    lam = np.full(m, 1e-3)
    active = np.isfinite(cost)
    converged = np.zeros(m, dtype=bool)
    converged[cost == 0] = True
    active &= cost > 0
    eye = np.eye(p, dtype=bool)
    ar = np.arange(p)
    for _ in range(max_iter):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        if idx.size == m:
            idx = every  # (plain indexing below still copies; cheap relative to the model evaluation)
        th = theta[idx]
        ja = jac[idx]
        ra = r[idx]
        jt = np.swapaxes(ja, 1, 2)
        a = jt @ ja
        g = (jt @ ra[..., None])[..., 0]
        c_old = cost[idx]
        # active set: a parameter on a bound whose gradient points outwards is frozen
        frozen = ((th <= lo[idx]) & (g < 0)) | ((th >= hi[idx]) & (g > 0))
        g = np.where(frozen, 0.0, g)
        diag = a[:, ar, ar]
        at_min = np.all(g * g <= (gtol * gtol) * diag * c_old[:, None], axis=1)
        d = np.maximum(diag, 1e-12 * diag.max(axis=1, keepdims=True) + 1e-300)
        aug = a.copy()
        if frozen.any():
            keep = ~(frozen[:, :, None] | frozen[:, None, :])
            aug = np.where(keep, aug, 0.0) + np.where(eye & frozen[:, :, None], 1.0, 0.0)
        aug[:, ar, ar] += lam[idx, None] * d
        try:
            step = np.linalg.solve(aug, g[..., None])[..., 0]
        except np.linalg.LinAlgError:
            step = np.zeros_like(th)
            for k in range(idx.size):
                step[k] = np.linalg.lstsq(aug[k], g[k], rcond=None)[0]
        new = np.clip(th + step, lo[idx], hi[idx])
        delta = new - th
        predicted = (
            2.0 * np.einsum("mi,mi->m", delta, g) - (delta[:, None, :] @ a @ delta[..., None])[:, 0, 0]
        )
        r_new, jac_new = evaluate(idx, new)
        c_new = np.einsum("mn,mn->m", r_new, r_new)
        better = np.isfinite(c_new) & (c_new <= c_old)
        small_f = (np.abs(c_old - c_new) <= ftol * c_old) & (predicted <= ftol * c_old)
        small_x = better & np.all(np.abs(delta) <= xtol * (np.abs(th) + xtol), axis=1)
        upd = idx[better]
        theta[upd] = new[better]
        cost[upd] = c_new[better]
        r[upd] = r_new[better]
        jac[upd] = jac_new[better]
        lam[idx] = np.where(better, np.maximum(lam[idx] / 10.0, 1e-12), lam[idx] * 10.0)
        stuck = lam[idx] > 1e16  # no step reduces the cost: a (possibly constrained) minimum
        done = at_min | small_f | small_x | stuck
        converged[idx[done]] = True
        active[idx[done]] = False
    return theta, converged


def _irls_batch(model, x, y, yf, mask, theta0, lo, hi, weighting):
    """Fit, then (for 1/y, 1/y2) recompute the weights from the fitted curve and refit until stable."""
    sigma = np.ones_like(yf)
    theta, conv = _lm_batch(model, x, yf, mask, sigma, theta0, lo, hi)
    if weighting == "none":
        return theta, conv, sigma
    m = theta.shape[0]
    active = np.ones(m, dtype=bool)
    stable = np.zeros(m, dtype=bool)
    xs = np.broadcast_to(x, yf.shape)
    for _ in range(IRLS_MAX_ITER):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        yhat = model.fn(xs[idx], theta[idx])
        sigma[idx] = _sigma(yhat, y[idx], mask[idx], weighting)
        new, c = _lm_batch(model, xs[idx], yf[idx], mask[idx], sigma[idx], theta[idx], lo[idx], hi[idx])
        change = np.max(np.abs(new - theta[idx]) / (np.abs(theta[idx]) + 1e-12), axis=1)
        theta[idx] = new
        conv[idx] = c
        done = change < IRLS_RTOL
        stable[idx[done]] = True
        active[idx[done]] = False
    # weights consistent with the final parameters
    sigma = _sigma(model.fn(xs, theta), y, mask, weighting)
    return theta, conv & stable, sigma


def _irls_single(model, x, y, yf, theta0, lo, hi, weighting):
    sigma = np.ones_like(yf)
    theta, ok = _scipy_fit(model, x, yf, sigma, theta0, lo, hi)
    if weighting == "none":
        return theta, ok, sigma
    mask = np.ones_like(yf, dtype=bool)
    stable = False
    for _ in range(IRLS_MAX_ITER):
        sigma = _sigma(model.fn(x, theta), y, mask, weighting)
        new, ok = _scipy_fit(model, x, yf, sigma, theta, lo, hi)
        change = float(np.max(np.abs(new - theta) / (np.abs(theta) + 1e-12)))
        theta = new
        if change < IRLS_RTOL:
            stable = True
            break
    sigma = _sigma(model.fn(x, theta), y, mask, weighting)
    return theta, ok and stable, sigma


# --------------------------------------------------------------------------------------------------
# Summaries (shared by fit_curve and fit_many)
# --------------------------------------------------------------------------------------------------


def _distinct_levels(xs: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Number of distinct doses per row of a masked (m, n) batch."""
    srt = np.sort(np.where(mask, xs, np.inf), axis=1)
    fin = np.isfinite(srt)
    new = fin[:, 1:] & (srt[:, 1:] != srt[:, :-1])
    return fin[:, :1].sum(axis=1) + new.sum(axis=1)


def _summarize(model, weighting, fit_on, x, y, yf, mask, sigma, theta, lo, hi, converged, extra_flags):
    """Statistics and FitResults for a batch of fitted curves (arrays (m, n), theta (m, p)), vectorised."""
    m, p = theta.shape
    xs = np.broadcast_to(x, yf.shape)
    f = model.fit_fn(xs, theta)
    with np.errstate(invalid="ignore"):
        r = np.where(mask, (yf - f) / sigma, 0.0)
    n = mask.sum(axis=1)
    df = n - p
    rss = np.einsum("mn,mn->m", r, r)
    jac = np.where(mask[..., None], model.fit_jac(xs, theta) / sigma[..., None], 0.0)
    a = np.swapaxes(jac, 1, 2) @ jac
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = np.where(df > 0, rss / np.maximum(df, 1), np.nan)
        # covariance s^2 (J^T J)^-1, inverted after scaling to unit diagonal; ill-conditioned -> NaN
        d = np.sqrt(np.diagonal(a, axis1=1, axis2=2))
        good = np.all(np.isfinite(a), axis=(1, 2)) & np.all(d > 0, axis=1) & (df > 0)
        dd = np.where(good[:, None], d, 1.0)
        scaled = np.where(good[:, None, None], a / (dd[:, :, None] * dd[:, None, :]), np.eye(p))
        eig = np.linalg.eigvalsh(scaled)
        good &= np.all(np.isfinite(eig), axis=1) & (eig[:, 0] > 1e-14 * eig[:, -1])
        scaled = np.where(good[:, None, None], scaled, np.eye(p))
        cov = np.linalg.inv(scaled) / (dd[:, :, None] * dd[:, None, :]) * s2[:, None, None]
        cov = np.where(good[:, None, None], cov, np.nan)
        cov.flags.writeable = False
        se = np.sqrt(np.maximum(np.diagonal(cov, axis1=1, axis2=2), 0.0))
        se = np.where(good[:, None], se, np.nan)
        w = np.where(mask, 1.0 / sigma**2, 0.0)
        sw = w.sum(axis=1)
        ybar = np.einsum("mn,mn->m", w, np.where(mask, yf, 0.0)) / sw
        sst = np.einsum("mn,mn->m", w, np.where(mask, (yf - ybar[:, None]) ** 2, 0.0))
        r2 = 1.0 - rss / sst
        # Gaussian log-likelihood of a (weighted) least-squares fit, as R's logLik.nls; AIC counts sigma.
        logw = np.where(mask, np.log(np.where(mask, w, 1.0)), 0.0).sum(axis=1)
        loglik = -0.5 * n * (math.log(2 * math.pi) + 1.0 - np.log(n) - logw / n + np.log(rss))
        aic = -2.0 * loglik + 2.0 * (p + 1)
        sy_x = np.sqrt(s2)
    pos = mask & (xs > 0)
    xmin_pos = np.min(np.where(pos, xs, np.inf), axis=1)
    xmin_pos = np.where(np.isfinite(xmin_pos), xmin_pos, np.nan)
    xmax = np.max(np.where(mask, xs, -np.inf), axis=1)
    has_zero = np.any(mask & (xs == 0), axis=1)
    levels = _distinct_levels(xs, mask)
    t975 = np.where(df > 0, stats.t.ppf(0.975, np.maximum(df, 1)), np.nan)

    flag_cols: list[tuple[str, np.ndarray]] = [("no_convergence", ~np.asarray(converged, dtype=bool))]
    flag_cols.append(("too_few_points", df <= 0))
    flag_cols.append(("singular_covariance", ~good & (df > 0)))
    withheld = np.zeros((m, p), dtype=bool)
    ci = np.full((m, 2), np.nan)
    if model.sigmoid:
        width = hi - lo
        at_bound = (np.abs(theta - lo) <= 1e-6 * width) | (np.abs(hi - theta) <= 1e-6 * width)
        withheld[:, [0, 1, 3]] = at_bound[:, [0, 1, 3]]
        # the EC50 is the midpoint between the asymptotes: meaningless when either sits on a bound
        withheld[:, 3] |= at_bound[:, 0] | at_bound[:, 1]
        x_low = np.where(has_zero, 0.0, xmin_pos)
        q = model.fraction(np.stack([x_low, xmax], axis=1), theta)
        coverage = np.abs(q[:, 1] - q[:, 0])
        no_plateau = withheld.any(axis=1) | ~(coverage >= MIN_COVERAGE)
        flag_cols.append(("no_plateau", no_plateau))
        hill_bound = at_bound[:, 2] | (at_bound[:, 4] if p > 4 else False)
        flag_cols.append(("parameter_at_bound", hill_bound))
        ec50 = 10.0 ** theta[:, 3]
        outside = ~withheld[:, 3] & ((ec50 < xmin_pos) | (ec50 > xmax))
        flag_cols.append(("ec50_outside_range", outside))
        half = t975 * se[:, 3]
        with np.errstate(over="ignore", invalid="ignore"):
            ci = np.stack([10.0 ** (theta[:, 3] - half), 10.0 ** (theta[:, 3] + half)], axis=1)
        ci[withheld[:, 3]] = np.nan
    flag_lists = [list(e) for e in extra_flags]
    for name, col in flag_cols:
        for k in np.flatnonzero(col):
            flag_lists[k].append(name)

    vals, ses = model.report_table(theta, se)
    keys = model.report_keys
    if withheld.any():
        for j, name in enumerate(model.param_names):
            for key in (name, "ec50") if name == "log_ec50" else (name,):
                if key in keys:
                    col = keys.index(key)
                    vals[withheld[:, j], col] = np.nan
                    ses[withheld[:, j], col] = np.nan
    vals_l, ses_l = _none_rows(vals), _none_rows(ses)
    ci_ok = np.all(np.isfinite(ci), axis=1).tolist()
    theta_l, ci_l = theta.tolist(), ci.tolist()
    n_l, df_l, lev_l = n.tolist(), df.tolist(), levels.tolist()
    stats_l = _none_rows(np.stack([rss, sy_x, r2, aic, xmin_pos, xmax], axis=1))
    good_l = good.tolist()
    full = mask.all(axis=1).tolist()
    common = {"model": model.name, "weighting": weighting, "fit_on": fit_on}
    results = []
    new = object.__new__
    for k in range(m):
        if full[k]:
            xd, yd, sd = xs[k], yf[k], sigma[k]
        else:
            xd, yd, sd = xs[k][mask[k]], yf[k][mask[k]], sigma[k][mask[k]]
        st = stats_l[k]
        # Same fields as FitResult(...); filled directly because building 10^4 frozen dataclasses
        # through __init__ costs more than the fits themselves.
        res = new(FitResult)
        res.__dict__.update(
            common,
            n=n_l[k],
            df=df_l[k],
            parameters=dict(zip(keys, vals_l[k], strict=True)),
            standard_errors=dict(zip(keys, ses_l[k], strict=True)),
            ec50_ci95=tuple(ci_l[k]) if ci_ok[k] else None,
            rss=st[0],
            sy_x=st[1],
            r_squared=st[2],
            aic=st[3],
            flags=tuple(dict.fromkeys(flag_lists[k])) if flag_lists[k] else (),
            n_levels=lev_l[k],
            theta=tuple(theta_l[k]),
            covariance=cov[k] if good_l[k] else None,
            dose_range=(st[4], st[5]),
            x_data=xd,
            y_data=yd,
            sigma_data=sd,
        )
        results.append(res)
    return results


def _none_rows(arr: np.ndarray) -> list[list[float | None]]:
    """Rows of a 2-D float array as lists of Python floats, NaN/inf replaced by None."""
    rows = arr.tolist()
    for i, j in zip(*np.nonzero(~np.isfinite(arr)), strict=True):
        rows[i][j] = None
    return rows


# --------------------------------------------------------------------------------------------------
# Public fitting API
# --------------------------------------------------------------------------------------------------


@quiet_numpy
def fit_curve(
    x: Any, y: Any, *, model: str = "4PL", weighting: str = "none", fit_on: str = "points"
) -> FitResult:
    """Fit one dose-response / standard curve.

    x: doses / concentrations (>= 0; zero doses are used, see module docstring); y: responses.
    model: "4PL" | "5PL" | "linear" | "loglog"; weighting: "none" | "1/y" | "1/y2" (Prism weights from the
    fitted curve, iterated); fit_on: "points" (every replicate) or "means" (replicate means per dose, as
    BioTek Gen5 does).

    Points with a NaN / infinite dose or response are left out (flag ``non_finite_input``). Raises
    :class:`CurveFitError` for a negative dose (``negative_dose``), fewer distinct doses than parameters
    (``too_few_points``), constant responses (``constant_signal``) or unknown options.
    """
    m = get_model(model)
    _check_options(m, weighting, fit_on)
    xa = _as_float_array(x, "Doses").ravel()
    ya = _as_float_array(y, "Responses").ravel()
    if xa.size != ya.size:
        raise CurveFitError("invalid_input", f"x has {xa.size} values but y has {ya.size}.")
    flags = []
    finite = np.isfinite(xa) & np.isfinite(ya)
    if not finite.all():
        flags.append("non_finite_input")
    if np.any(xa[finite] < 0):
        raise CurveFitError("negative_dose", "Doses / concentrations must not be negative.")
    xa, ya = xa[finite], ya[finite]
    usable = m.usable(xa, ya)
    if not usable.all():
        flags.append("points_dropped")
        xa, ya = xa[usable], ya[usable]
    if fit_on == "means" and xa.size:
        xa, ya = level_means(xa, ya)
    _check_fittable(m, xa, ya)
    yf = m.transform_y(ya)
    X, Yf, mask = xa[None, :], yf[None, :], np.ones((1, xa.size), dtype=bool)
    lo, hi = (b[0] for b in m.bounds(X, Yf, mask))
    if isinstance(m, FivePL):  # start the 5PL from the 4PL fit (S = 1)
        four = MODELS["4PL"]
        t4, _, _ = _irls_single(four, xa, ya, yf, four.start(X, Yf, mask)[0], lo[:4], hi[:4], weighting)
        theta0 = np.append(t4, 1.0)
    else:
        theta0 = m.start(X, Yf, mask)[0]
    theta, ok, sigma = _irls_single(m, xa, ya, yf, theta0, lo, hi, weighting)
    return _summarize(
        m,
        weighting,
        fit_on,
        xa,
        ya[None],
        Yf,
        mask,
        sigma[None],
        theta[None],
        lo[None],
        hi[None],
        [ok],
        [flags],
    )[0]


def _check_fittable(m: CurveModel, x: np.ndarray, y: np.ndarray) -> None:
    levels = np.unique(x).size
    if levels < m.n_params:
        raise CurveFitError(
            "too_few_points",
            f"The {m.name} model has {m.n_params} parameters but only {levels} distinct dose(s) are usable.",
        )
    if np.ptp(y) <= 1e-12 * max(float(np.max(np.abs(y))), 1e-300):
        raise CurveFitError("constant_signal", "All responses are equal: there is no curve to fit.")


@quiet_numpy
def fit_many(X: Any, Y: Any, *, model: str = "4PL", weighting: str = "none") -> list[FitResult]:
    """Fit many curves at once (vectorised Levenberg-Marquardt; same answers as one-at-a-time fits).

    X: doses, shape (n,) shared by every curve or (m, n); Y: responses (m, n). NaN in X or Y marks a
    missing point, so curves may be ragged. Never raises for one bad curve: it comes back as a FitResult
    with ``theta`` None and a flag (``too_few_points``, ``constant_signal``). Raises CurveFitError for a
    negative dose or mismatched shapes.
    """
    m = get_model(model)
    _check_options(m, weighting)
    ya = np.atleast_2d(np.asarray(Y, dtype=float))
    xa = np.asarray(X, dtype=float)
    try:
        xb = np.array(np.broadcast_to(xa, ya.shape), dtype=float)
    except ValueError:
        raise CurveFitError(
            "invalid_input", f"X shape {xa.shape} does not match Y shape {ya.shape}."
        ) from None
    finite = np.isfinite(xb) & np.isfinite(ya)
    if np.any(xb[finite] < 0):
        raise CurveFitError("negative_dose", "Doses / concentrations must not be negative.")
    mask = finite & m.usable(np.where(finite, xb, 1.0), np.where(finite, ya, 1.0))
    extra: list[list[str]] = [[] for _ in range(ya.shape[0])]
    for k in np.flatnonzero(~finite.all(axis=1)):
        extra[k].append("non_finite_input")
    for k in np.flatnonzero((finite & ~mask).any(axis=1)):
        extra[k].append("points_dropped")
    yf = np.where(mask, m.transform_y(np.where(mask, ya, 1.0)), np.nan)
    results: list[FitResult | None] = [None] * ya.shape[0]
    levels = _distinct_levels(xb, mask)
    ymax = np.max(np.where(mask, ya, -np.inf), axis=1)
    ymin = np.min(np.where(mask, ya, np.inf), axis=1)
    scale = np.maximum(np.maximum(np.abs(ymax), np.abs(ymin)), 1e-300)
    too_few = levels < m.n_params
    constant = ~too_few & ~(ymax - ymin > 1e-12 * scale)
    good = []
    for k in range(ya.shape[0]):
        if too_few[k] or constant[k]:
            code = "too_few_points" if too_few[k] else "constant_signal"
            results[k] = _failed(m.name, weighting, int(mask[k].sum()), [*extra[k], code])
        else:
            good.append(k)
    if good:
        g = np.asarray(good)
        xg = xa if (xa.ndim == 1 and xa.shape[0] == ya.shape[1] and not np.isnan(xa).any()) else xb[g]
        yg, yfg, mg = ya[g], yf[g], mask[g]
        xfull = np.broadcast_to(xg, yg.shape)
        lo, hi = m.bounds(xfull, yfg, mg)
        if isinstance(m, FivePL):
            four = MODELS["4PL"]
            t4, _, _ = _irls_batch(
                four, xg, yg, yfg, mg, four.start(xfull, yfg, mg), lo[:, :4], hi[:, :4], weighting
            )
            theta0 = np.concatenate([t4, np.ones((g.size, 1))], axis=1)
        else:
            theta0 = m.start(xfull, yfg, mg)
        theta, conv, sigma = _irls_batch(m, xg, yg, yfg, mg, theta0, lo, hi, weighting)
        fitted = _summarize(
            m, weighting, "points", xg, yg, yfg, mg, sigma, theta, lo, hi, conv, [extra[k] for k in good]
        )
        for k, res in zip(good, fitted, strict=True):
            results[k] = res
    return results  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------------
# Model selection
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelComparison:
    """4PL vs 5PL: extra-sum-of-squares F test (Motulsky & Christopoulos 2004, ch. 22) and AIC."""

    preferred: str
    f_statistic: float | None
    p_value: float | None
    aic_4pl: float | None
    aic_5pl: float | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return clean(self.__dict__)


@quiet_numpy
def compare_models(
    fit4: FitResult, fit5: FitResult, *, criterion: str = "f_test", alpha: float = 0.05, min_levels: int = 6
) -> ModelComparison:
    """Prefer the 5PL only with >= ``min_levels`` dose levels and a better fit: by the extra-sum-of-squares
    F test, F = ((SS4 - SS5)/(df4 - df5)) / (SS5/df5), p < alpha (``criterion="f_test"``), or by a lower
    AIC (``criterion="aic"``). Otherwise the 4PL."""
    if criterion not in ("f_test", "aic"):
        raise CurveFitError("invalid_input", "criterion must be 'f_test' or 'aic'.")
    f_stat = p_val = None
    if fit4.rss is not None and fit5.rss is not None and fit5.df > 0 and fit4.df > fit5.df and fit5.rss > 0:
        f_stat = ((fit4.rss - fit5.rss) / (fit4.df - fit5.df)) / (fit5.rss / fit5.df)
        p_val = float(stats.f.sf(f_stat, fit4.df - fit5.df, fit5.df)) if f_stat >= 0 else 1.0
    aic4, aic5 = fit4.aic, fit5.aic

    def result(pref: str, reason: str) -> ModelComparison:
        return ModelComparison(pref, f_stat, p_val, aic4, aic5, reason)

    if not fit5.ok or "no_convergence" in fit5.flags:
        return result("4PL", "the 5PL fit failed or did not converge")
    if not fit4.ok:
        return result("5PL", "the 4PL fit failed")
    if fit5.n_levels < min_levels:
        return result("4PL", f"a 5PL needs at least {min_levels} concentration levels ({fit5.n_levels} here)")
    if criterion == "f_test":
        if p_val is not None and p_val < alpha:
            return result("5PL", f"extra-sum-of-squares F test p < {alpha:g}")
        if p_val is None:
            return result("4PL", "the 5PL does not fit better (no extra-sum-of-squares F test possible)")
        return result(
            "4PL",
            f"the 5PL does not fit significantly better (extra-sum-of-squares F test p ≥ {alpha:g})",
        )
    if aic4 is not None and aic5 is not None and aic5 < aic4:
        return result("5PL", f"AIC {aic5:.3f} < {aic4:.3f}")
    return result("4PL", "the 5PL does not have a lower AIC")


def select_model(
    x: Any,
    y: Any,
    *,
    weighting: str = "none",
    fit_on: str = "points",
    criterion: str = "f_test",
    alpha: float = 0.05,
    min_levels: int = 6,
) -> tuple[FitResult, ModelComparison]:
    """Fit the 4PL and, with >= ``min_levels`` dose levels, the 5PL; return the fit
    :func:`compare_models` prefers and the comparison (its ``reason`` says why, in words)."""
    fit4 = fit_curve(x, y, model="4PL", weighting=weighting, fit_on=fit_on)
    if fit4.n_levels < min_levels:
        reason = f"a 5PL needs at least {min_levels} concentration levels ({fit4.n_levels} here)"
        return fit4, ModelComparison("4PL", None, None, fit4.aic, None, reason)
    try:
        fit5 = fit_curve(x, y, model="5PL", weighting=weighting, fit_on=fit_on)
    except CurveFitError as exc:
        return fit4, ModelComparison("4PL", None, None, fit4.aic, None, f"the 5PL fit failed: {exc.message}")
    comparison = compare_models(fit4, fit5, criterion=criterion, alpha=alpha, min_levels=min_levels)
    return (fit5 if comparison.preferred == "5PL" else fit4), comparison


def fit_best(
    x: Any,
    y: Any,
    *,
    weighting: str = "none",
    fit_on: str = "points",
    criterion: str = "f_test",
    alpha: float = 0.05,
) -> FitResult:
    """Fit the 4PL and, with >= 6 dose levels, the 5PL; return the one :func:`compare_models` prefers."""
    return select_model(x, y, weighting=weighting, fit_on=fit_on, criterion=criterion, alpha=alpha)[0]
