"""Plate and run quality control: precision, assay window, recovery and ICH M10 acceptance.

Sources:
* Z' factor: Zhang, Chung & Oldenburg (1999) J Biomol Screen 4:67-73, Z' = 1 - 3 (sd_pos + sd_neg) /
  |mean_pos - mean_neg|, sample standard deviations (ddof = 1); >= 0.5 is an excellent assay.
* ICH M10 Bioanalytical Method Validation and Study Sample Analysis (2022), section 7 (ligand-binding
  assays) -- the same figures as FDA BMV 2018 for LBAs: >= 6 non-zero calibration levels, back-calculated
  standards within +/-20 % of nominal (+/-25 % at the LLOQ and ULOQ), >= 75 % of the standards passing with
  at least 6 levels; anchor points outside the range are allowed and not judged; QCs within +/-20 %, at least
  2/3 of all QCs and 50 % at each level; the range is truncated to the next passing standard when an end
  standard fails. Replicate %CV <= 20 % (<= 25 % at the range ends) is the usual LBA precision limit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from assays.readers.base import parse_well

from ._util import clean, finite_or_none


def _finite(values: Iterable[Any] | None) -> np.ndarray:
    if values is None:
        return np.empty(0)
    arr = np.asarray([math.nan if v is None else v for v in values], dtype=float).ravel()
    return arr[np.isfinite(arr)]


def cv_pct(values: Iterable[float | None]) -> float | None:
    """Coefficient of variation, 100 * SD / |mean| (sample SD, ddof = 1), of the finite values.

    None with fewer than two values or a zero mean.
    """
    v = _finite(values)
    if v.size < 2:
        return None
    mean = float(v.mean())
    if mean == 0:
        return None
    return float(100.0 * v.std(ddof=1) / abs(mean))


def z_prime(pos: Iterable[float | None], neg: Iterable[float | None]) -> float | None:
    """Z' = 1 - 3 (sd_pos + sd_neg) / |mean_pos - mean_neg| (Zhang et al. 1999), sample SDs (ddof = 1).

    None when either control has fewer than two values or the means are equal.
    """
    p, n = _finite(pos), _finite(neg)
    if p.size < 2 or n.size < 2:
        return None
    window = abs(float(p.mean() - n.mean()))
    if window == 0:
        return None
    return float(1.0 - 3.0 * (p.std(ddof=1) + n.std(ddof=1)) / window)


def signal_to_background(signal: Iterable[float | None], background: Iterable[float | None]) -> float | None:
    """mean(signal) / mean(background); None when either is empty or the background mean is 0."""
    s, b = _finite(signal), _finite(background)
    if s.size == 0 or b.size == 0 or b.mean() == 0:
        return None
    return float(s.mean() / b.mean())


def recovery_pct(back_calculated: float | None, nominal: float | None) -> float | None:
    """% recovery = 100 * back-calculated / nominal (relative error = recovery - 100)."""
    bc, nom = finite_or_none(back_calculated), finite_or_none(nominal)
    if bc is None or nom is None or nom == 0:
        return None
    return 100.0 * bc / nom


@dataclass(frozen=True)
class AcceptanceCriteria:
    """Run acceptance settings; defaults are ICH M10 (2022) for ligand-binding assays.

    Percentages are of nominal (tolerances) or of the standards (``min_standards_passed_pct``).
    """

    min_levels: int = 6
    standard_tolerance_pct: float = 20.0
    standard_end_tolerance_pct: float = 25.0
    min_standards_passed_pct: float = 75.0
    qc_tolerance_pct: float = 20.0
    min_qc_passed_fraction: float = 2.0 / 3.0
    min_qc_level_passed_fraction: float = 0.5
    max_cv_pct: float = 20.0
    max_cv_end_pct: float = 25.0
    min_z_prime: float = 0.5

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> AcceptanceCriteria:
        """Criteria from a settings dict (e.g. a run's ``settings.acceptance``); unknown keys are an error."""
        if not data:
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"Unknown acceptance setting(s): {', '.join(unknown)}.")
        values: dict[str, Any] = {}
        for key, value in data.items():
            try:
                values[key] = int(value) if key == "min_levels" else float(value)
            except (TypeError, ValueError):
                raise ValueError(f"Acceptance setting {key!r} must be a number.") from None
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return clean(asdict(self))


@dataclass(frozen=True)
class StandardLevel:
    """One calibration level as judged. ``passed`` is None for anchors and zero standards (not judged);
    ``limit`` marks the level that is the LLOQ / ULOQ after any truncation."""

    nominal: float
    back_calculated: float | None
    recovery_pct: float | None
    cv_pct: float | None
    anchor: bool
    passed: bool | None
    limit: str | None
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return clean(asdict(self))


@dataclass(frozen=True)
class StandardsEvaluation:
    levels: tuple[StandardLevel, ...]
    lloq: float | None
    uloq: float | None
    n_levels: int
    n_passed: int
    passed_pct: float | None
    accepted: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "levels": [lv.to_dict() for lv in self.levels],
                "lloq": self.lloq,
                "uloq": self.uloq,
                "n_levels": self.n_levels,
                "n_passed": self.n_passed,
                "passed_pct": self.passed_pct,
                "accepted": self.accepted,
                "reasons": list(self.reasons),
            }
        )


def _fmt(v: float) -> str:
    return f"{v:.4g}"


def _judge(bc, rec, cv, tol, cv_limit) -> list[str]:
    """Reasons a level fails at the given tolerances (empty list: passes)."""
    if bc is None or rec is None:
        return ["no back-calculated concentration (response outside the curve)"]
    reasons = []
    if abs(rec - 100.0) > tol + 1e-9:
        reasons.append(f"recovery {rec:.1f} % outside {100 - tol:g}-{100 + tol:g} %")
    if cv is not None and cv > cv_limit + 1e-9:
        reasons.append(f"replicate CV {cv:.1f} % > {cv_limit:g} %")
    return reasons


def evaluate_standards(
    nominal: Sequence[float],
    back_calculated: Sequence[float | None],
    *,
    cv_pct: Sequence[float | None] | None = None,
    anchor: Sequence[bool] | None = None,
    criteria: AcceptanceCriteria | None = None,
) -> StandardsEvaluation:
    """Judge calibration standards (one entry per level) against ICH M10 and find the LLOQ / ULOQ.

    nominal: nominal concentrations; back_calculated: concentration read back from the curve for each
    level (None when the response had no inverse); cv_pct: replicate %CV per level (optional);
    anchor: True for anchor points (outside the intended range: listed, not judged).

    The lowest and highest judged levels are held to the end tolerance (+/-25 %, CV <= 25 %), the others to
    +/-20 % (CV <= 20 %). When an end level fails, the range is truncated: the next level inwards becomes the
    candidate limit and is judged at the end tolerance, until one passes. LLOQ / ULOQ are the nominal
    concentrations of the passing end levels. The run's calibration is accepted when >= ``min_levels``
    levels pass and >= 75 % of the judged levels pass.
    """
    crit = criteria or AcceptanceCriteria()
    nom = [float(v) for v in nominal]
    n = len(nom)
    if len(back_calculated) != n:
        raise ValueError("nominal and back_calculated must have the same length.")
    cvs = list(cv_pct) if cv_pct is not None else [None] * n
    anc = [bool(a) for a in anchor] if anchor is not None else [False] * n
    if len(cvs) != n or len(anc) != n:
        raise ValueError("cv_pct and anchor must have one entry per level.")
    order = sorted(range(n), key=lambda i: nom[i])
    bcs = [finite_or_none(v) for v in back_calculated]
    recs = [recovery_pct(bcs[i], nom[i]) for i in range(n)]
    cvv = [finite_or_none(v) for v in cvs]

    judged = [i for i in order if not anc[i] and nom[i] > 0]
    passed: dict[int, bool] = {}
    reasons: dict[int, list[str]] = {i: [] for i in range(n)}
    limit: dict[int, str] = {}

    lo, hi = 0, len(judged) - 1
    # truncate from the bottom: the lowest remaining level must pass at the end tolerance
    while lo <= hi:
        i = judged[lo]
        why = _judge(bcs[i], recs[i], cvv[i], crit.standard_end_tolerance_pct, crit.max_cv_end_pct)
        if not why:
            break
        passed[i] = False
        reasons[i] = [*why, "LLOQ candidate failed: range truncated to the next passing standard"]
        lo += 1
    while hi >= lo:
        i = judged[hi]
        why = _judge(bcs[i], recs[i], cvv[i], crit.standard_end_tolerance_pct, crit.max_cv_end_pct)
        if not why:
            break
        passed[i] = False
        reasons[i] = [*why, "ULOQ candidate failed: range truncated to the next passing standard"]
        hi -= 1
    lloq = uloq = None
    if lo <= hi:
        passed[judged[lo]] = passed[judged[hi]] = True
        limit[judged[lo]] = "LLOQ"
        limit[judged[hi]] = "ULOQ" if hi != lo else "LLOQ/ULOQ"
        lloq, uloq = nom[judged[lo]], nom[judged[hi]]
        for i in judged[lo + 1 : hi]:
            why = _judge(bcs[i], recs[i], cvv[i], crit.standard_tolerance_pct, crit.max_cv_pct)
            passed[i] = not why
            reasons[i] = why

    levels = []
    for i in order:
        if anc[i]:
            why = ["anchor point: not judged"]
        elif nom[i] <= 0:
            why = ["zero standard (blank): not judged"]
        else:
            why = reasons[i]
        levels.append(
            StandardLevel(
                nominal=nom[i],
                back_calculated=bcs[i],
                recovery_pct=recs[i],
                cv_pct=cvv[i],
                anchor=anc[i],
                passed=passed.get(i),
                limit=limit.get(i),
                reasons=tuple(why),
            )
        )
    n_judged = len(judged)
    n_passed = sum(1 for i in judged if passed.get(i))
    pct = 100.0 * n_passed / n_judged if n_judged else None
    run_reasons = []
    if n_judged < crit.min_levels:
        run_reasons.append(f"only {n_judged} calibration level(s); at least {crit.min_levels} are required")
    elif n_passed < crit.min_levels:
        run_reasons.append(f"only {n_passed} calibration level(s) pass; at least {crit.min_levels} must")
    if pct is not None and pct < crit.min_standards_passed_pct - 1e-9:
        run_reasons.append(
            f"{n_passed} of {n_judged} standards pass ({pct:.0f} %); at least {crit.min_standards_passed_pct:g} % must"
        )
    if lloq is None:
        run_reasons.append("no passing standard: no quantification range")
    return StandardsEvaluation(
        levels=tuple(levels),
        lloq=lloq,
        uloq=uloq,
        n_levels=n_judged,
        n_passed=n_passed,
        passed_pct=pct,
        accepted=not run_reasons,
        reasons=tuple(run_reasons),
    )


@dataclass(frozen=True)
class QCResult:
    """One QC result (one well, or one QC sample's mean). ``bias_pct`` = 100 (measured / nominal - 1)."""

    nominal: float
    measured: float | None
    recovery_pct: float | None
    passed: bool
    reasons: tuple[str, ...]
    well: str | None = None
    bias_pct: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return clean(asdict(self))


@dataclass(frozen=True)
class QCLevelSummary:
    nominal: float
    n: int
    n_passed: int
    passed_fraction: float
    passed: bool

    def to_dict(self) -> dict[str, Any]:
        return clean(asdict(self))


@dataclass(frozen=True)
class QCEvaluation:
    results: tuple[QCResult, ...]
    levels: tuple[QCLevelSummary, ...]
    n: int
    n_passed: int
    passed_fraction: float | None
    accepted: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "results": [r.to_dict() for r in self.results],
                "levels": [lv.to_dict() for lv in self.levels],
                "n": self.n,
                "n_passed": self.n_passed,
                "passed_fraction": self.passed_fraction,
                "accepted": self.accepted,
                "reasons": list(self.reasons),
            }
        )


def evaluate_qcs(
    nominal: Sequence[float],
    measured: Sequence[float | None],
    *,
    criteria: AcceptanceCriteria | None = None,
    wells: Sequence[str | None] | None = None,
    unit: str | None = None,
) -> QCEvaluation:
    """Judge QC results (one entry per QC result) against ICH M10: each within +/-20 % of nominal; at least
    2/3 of all QCs and 50 % at each concentration level must pass. A QC with no measured value fails.

    ``wells`` names each result (kept in the output); ``unit`` is written into the reasons."""
    crit = criteria or AcceptanceCriteria()
    if len(nominal) != len(measured):
        raise ValueError("nominal and measured must have the same length.")
    names = list(wells) if wells is not None else [None] * len(nominal)
    if len(names) != len(nominal):
        raise ValueError("wells must have one entry per QC result.")
    results = []
    for nom, meas, well in zip(nominal, measured, names, strict=True):
        rec = recovery_pct(meas, nom)
        if rec is None:
            why = ["no measured concentration (response outside the curve)"]
        elif abs(rec - 100.0) > crit.qc_tolerance_pct + 1e-9:
            why = [
                f"recovery {rec:.1f} % outside {100 - crit.qc_tolerance_pct:g}-{100 + crit.qc_tolerance_pct:g} %"
            ]
        else:
            why = []
        results.append(
            QCResult(
                float(nom),
                finite_or_none(meas),
                rec,
                not why,
                tuple(why),
                well=well,
                bias_pct=None if rec is None else rec - 100.0,
            )
        )
    levels = []
    for nom in sorted({r.nominal for r in results}):
        at = [r for r in results if r.nominal == nom]
        k = sum(r.passed for r in at)
        frac = k / len(at)
        levels.append(
            QCLevelSummary(nom, len(at), k, frac, frac >= crit.min_qc_level_passed_fraction - 1e-12)
        )
    n = len(results)
    k = sum(r.passed for r in results)
    frac = k / n if n else None
    reasons = []
    if frac is not None and frac < crit.min_qc_passed_fraction - 1e-12:
        reasons.append(
            f"{k} of {n} QCs pass ({100 * frac:.0f} %); at least {100 * crit.min_qc_passed_fraction:.0f} % must"
        )
    for lv in levels:
        if not lv.passed:
            reasons.append(
                f"QC level {_fmt(lv.nominal)}{' ' + unit if unit else ''}: {lv.n_passed} of {lv.n} pass; "
                f"at least {100 * crit.min_qc_level_passed_fraction:.0f} % must"
            )
    return QCEvaluation(tuple(results), tuple(levels), n, k, frac, not reasons, tuple(reasons))


# --------------------------------------------------------------------------------------------------
# Plate geometry and edge effects
# --------------------------------------------------------------------------------------------------


def is_edge_well(well: str, rows: int = 8, columns: int = 12) -> bool:
    """True for the outer ring of a rows x columns plate."""
    r, c = parse_well(well)  # zero-based
    return r in (0, rows - 1) or c in (0, columns - 1)


@dataclass(frozen=True)
class EdgeEffect:
    """Median of edge-well controls vs interior-well controls (same role, usually negative controls)."""

    edge_median: float | None
    interior_median: float | None
    ratio: float | None
    difference_pct: float | None
    n_edge: int
    n_interior: int

    def to_dict(self) -> dict[str, Any]:
        return clean(asdict(self))


def edge_effect(
    wells: Sequence[str], values: Sequence[float | None], *, rows: int = 8, columns: int = 12
) -> EdgeEffect:
    """Edge effect = median(edge wells) / median(interior wells); ``difference_pct`` = 100 (ratio - 1).

    Pass the wells of one control type (e.g. negative controls spread over the plate).
    """
    edge, interior = [], []
    for well, value in zip(wells, values, strict=True):
        v = finite_or_none(value)
        if v is None:
            continue
        (edge if is_edge_well(well, rows, columns) else interior).append(v)
    e = float(np.median(edge)) if edge else None
    i = float(np.median(interior)) if interior else None
    ratio = e / i if e is not None and i not in (None, 0.0) else None
    return EdgeEffect(e, i, ratio, None if ratio is None else 100.0 * (ratio - 1.0), len(edge), len(interior))
