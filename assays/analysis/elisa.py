"""ELISA plate pipeline (pure): from per-well readings and plate-map roles to a run result.

Steps (DOMAIN.md section 3-4):
1. Reference-wavelength correction per well: signal = OD450 - OD570 (``WellSignal.reference``).
2. Blank subtraction: the mean of the blank wells and zero standards (nominal 0) is subtracted from every
   well. The zero standard is a blank, not a point of the fit.
3. Replicates: wells sharing a role and group; mean of the blank-subtracted signals; %CV of the corrected
   signals *before* blank subtraction (the measurement's precision; subtracting a constant would inflate
   the CV of low levels).
4. Standard curve: ``curves.fit_curve`` on the non-zero standards (every replicate, or the replicate means
   with ``fit_on="means"``), default 4PL with 1/Y^2 weighting.
5. Back-calculation of each standard level's mean signal, % recovery, ICH M10 judgement, LLOQ / ULOQ
   (``qc.evaluate_standards``; anchors allowed and not judged; truncation when an end standard fails).
6. Samples: interpolated concentration from the mean signal, reported = interpolated x dilution factor.
   Outside LLOQ-ULOQ (or beyond an asymptote) the concentrations are None and the flag is ``below_range`` /
   ``above_range``; above-range samples go on the re-assay (higher dilution) list. Otherwise a replicate CV
   above the limit gives ``high_cv`` (concentration still reported).
7. QCs (role ``qc``): back-calculated and judged by ``qc.evaluate_qcs``. Plate QC: Z' and signal/background
   from positive/negative control wells when present (S/B otherwise = top standard / blank, raw signals).
8. Run acceptance: a converged curve, accepted standards, accepted QCs and Z' >= the minimum when computed.
9. Dilution linearity (``dilution.dilution_linearity``): every sample measured at two or more dilutions, its
   dilution-corrected concentrations side by side, % difference from their mean (limit
   ``linearity_max_pct``, default 20 %), hook (prozone) pattern and the dilution to report. Informational:
   it does not change run acceptance.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from . import ANALYSIS_VERSION
from ._util import clean, finite_or_none, quiet_numpy
from .curves import WEIGHTINGS, CurveFitError, FitResult, _check_options, fit_curve, get_model, select_model
from .dilution import DEFAULT_MAX_PCT, dilution_linearity
from .qc import (
    AcceptanceCriteria,
    QCEvaluation,
    StandardsEvaluation,
    cv_pct,
    evaluate_qcs,
    evaluate_standards,
    signal_to_background,
    z_prime,
)

ROLES = ("standard", "sample", "qc", "blank", "positive_control", "negative_control", "empty")


@dataclass(frozen=True)
class WellSignal:
    """One well's reading and its plate-map role.

    value: primary reading (e.g. OD450), None when the reader flagged the well (``flag``: saturated,
    masked, missing, invalid). reference: reference-wavelength reading (e.g. OD570) or None.
    nominal: concentration of a standard / QC; dilution_factor and sample: for samples.
    anchor: a standard outside the intended range, fitted but not judged. excluded: left out by the user.
    """

    well: str
    role: str
    value: float | None
    group: str | None = None
    nominal: float | None = None
    unit: str | None = None
    dilution_factor: float | None = None
    sample: str | None = None
    excluded: bool = False
    reference: float | None = None
    anchor: bool = False
    flag: str | None = None


@dataclass(frozen=True)
class ElisaSettings:
    """Analysis settings; ``from_dict`` accepts a run's ``settings`` (API.md "Assay runs")."""

    model: str = "4PL"
    weighting: str = "1/y2"
    fit_on: str = "points"
    reference_subtraction: bool = True
    blank_subtraction: bool = True
    acceptance: AcceptanceCriteria = field(default_factory=AcceptanceCriteria)
    linearity_max_pct: float = DEFAULT_MAX_PCT

    def __post_init__(self) -> None:
        _check_options(get_model(self.model), self.weighting, self.fit_on)
        if not self.linearity_max_pct > 0:
            raise ValueError("linearity_max_pct must be a positive percentage.")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ElisaSettings:
        data = dict(data or {})
        model = data.get("model") or "4PL"
        get_model(model)
        weighting = data.get("weighting") or "1/y2"
        if weighting not in WEIGHTINGS:
            raise CurveFitError("unknown_weighting", f"Unknown weighting {weighting!r}.")
        if model == "loglog" and "weighting" not in data:
            weighting = "none"
        blank = data.get("blank_subtraction", True)
        if isinstance(blank, str):
            blank = blank.lower() not in ("none", "no", "false", "off", "")
        ref = data.get("reference_subtraction", True)
        if "reference_wavelength_nm" in data and data["reference_wavelength_nm"] in (None, "", 0):
            ref = False
        return cls(
            model=model,
            weighting=weighting,
            fit_on=data.get("fit_on") or "points",
            reference_subtraction=bool(ref),
            blank_subtraction=bool(blank),
            acceptance=AcceptanceCriteria.from_dict(data.get("acceptance")),
            # settings stored before 1.3 have no linearity limit: the default
            linearity_max_pct=float(data.get("linearity_max_pct") or DEFAULT_MAX_PCT),
        )


@dataclass(frozen=True)
class StandardRow:
    group: str
    nominal: float
    unit: str | None
    wells: tuple[str, ...]
    mean_signal: float | None
    cv_pct: float | None
    back_calculated: float | None
    recovery_pct: float | None
    passed: bool | None
    anchor: bool = False
    limit: str | None = None
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "group": self.group,
                "nominal": self.nominal,
                "unit": self.unit,
                "wells": list(self.wells),
                "mean_signal": self.mean_signal,
                "cv_pct": self.cv_pct,
                "back_calculated": self.back_calculated,
                "recovery_pct": self.recovery_pct,
                "passed": self.passed,
                "anchor": self.anchor,
                "limit": self.limit,
                "reasons": list(self.reasons),
            }
        )


@dataclass(frozen=True)
class SampleRow:
    sample: str | None
    group: str
    dilution_factor: float
    wells: tuple[str, ...]
    mean_signal: float | None
    cv_pct: float | None
    concentration: float | None
    reported_concentration: float | None
    unit: str | None
    flag: str | None
    flags: tuple[str, ...] = ()
    interpolated: float | None = None
    lloq: float | None = None
    uloq: float | None = None
    replicates: tuple[dict[str, Any], ...] = ()
    sd_concentration: float | None = None
    n_quantified: int = 0

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "sample": self.sample,
                "group": self.group,
                "dilution_factor": self.dilution_factor,
                "wells": list(self.wells),
                "mean_signal": self.mean_signal,
                "cv_pct": self.cv_pct,
                "concentration": self.concentration,
                "reported_concentration": self.reported_concentration,
                "unit": self.unit,
                "flag": self.flag,
                "flags": list(self.flags),
                "lloq": self.lloq,
                "uloq": self.uloq,
                "replicates": [dict(r) for r in self.replicates],
                "sd_concentration": self.sd_concentration,
                "n_quantified": self.n_quantified,
            }
        )


@dataclass(frozen=True)
class QCRow:
    """One QC level (wells sharing a QC group and nominal concentration).

    ``back_calculated`` is read from the level's mean signal (x dilution factor), ``bias_pct`` =
    100 (back-calculated / nominal - 1), both for information; the acceptance judges every well on its own
    (``results``: one QC result per well, so QC-L/M/H in duplicate are six results, ICH M10 run rule).
    ``passed``: at least ``min_qc_level_passed_fraction`` of the level's wells pass.
    """

    level: str
    nominal: float
    unit: str | None
    dilution_factor: float
    wells: tuple[str, ...]
    mean_signal: float | None
    cv_pct: float | None
    back_calculated: float | None
    bias_pct: float | None
    n: int
    n_passed: int
    passed: bool
    results: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "level": self.level,
                "group": self.level,
                "nominal": self.nominal,
                "unit": self.unit,
                "dilution_factor": self.dilution_factor,
                "wells": list(self.wells),
                "mean_signal": self.mean_signal,
                "cv_pct": self.cv_pct,
                "back_calculated": self.back_calculated,
                "bias_pct": self.bias_pct,
                "n": self.n,
                "n_passed": self.n_passed,
                "passed": self.passed,
                "results": [dict(r) for r in self.results],
            }
        )


@dataclass(frozen=True)
class RunQC:
    z_prime: float | None
    signal_to_background: float | None
    standards_passed_pct: float | None
    accepted: bool
    reasons: tuple[str, ...]
    lloq: float | None = None
    uloq: float | None = None
    unit: str | None = None
    blank_mean: float | None = None
    qc_samples: QCEvaluation | None = None

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "z_prime": self.z_prime,
                "signal_to_background": self.signal_to_background,
                "standards_passed_pct": self.standards_passed_pct,
                "accepted": self.accepted,
                "reasons": list(self.reasons),
                "lloq": self.lloq,
                "uloq": self.uloq,
                "unit": self.unit,
                "blank_mean": self.blank_mean,
                "qc_samples": self.qc_samples.to_dict() if self.qc_samples else None,
            }
        )


@dataclass(frozen=True)
class ElisaResult:
    """A run result; ``to_dict()`` is API.md's run ``result`` (plus ``reassay`` and a few extra keys)."""

    curve: FitResult | None
    standards: tuple[StandardRow, ...]
    samples: tuple[SampleRow, ...]
    qc: RunQC
    reassay: tuple[dict[str, Any], ...] = ()
    standards_evaluation: StandardsEvaluation | None = None
    settings: ElisaSettings | None = None
    analysis_version: str = ANALYSIS_VERSION
    qcs: tuple[QCRow, ...] = ()
    model_selection: dict[str, Any] = field(default_factory=dict)
    dilution_linearity: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "curve": self.curve.to_dict() if self.curve is not None else None,
                "model_selection": dict(self.model_selection),
                "standards": [s.to_dict() for s in self.standards],
                "samples": [s.to_dict() for s in self.samples],
                "qcs": [q.to_dict() for q in self.qcs],
                "qc": self.qc.to_dict(),
                "reassay": [dict(r) for r in self.reassay],
                "dilution_linearity": [dict(r) for r in self.dilution_linearity],
                "analysis_version": self.analysis_version,
            }
        )


# --------------------------------------------------------------------------------------------------


def _signal(w: WellSignal, settings: ElisaSettings) -> float | None:
    v = finite_or_none(w.value)
    if v is None:
        return None
    ref = finite_or_none(w.reference)
    if settings.reference_subtraction and ref is not None:
        v -= ref
    return v


def _active(wells: Iterable[WellSignal]) -> list[WellSignal]:
    """The wells the analysis uses: not excluded by the user, not empty."""
    return [w for w in wells if not w.excluded and w.role != "empty"]


def _blank(
    active: Sequence[WellSignal], raw: Mapping[str, float | None], settings: ElisaSettings
) -> tuple[list[float], float | None, float]:
    """Step 2: the blanks (blank wells and zero standards) among the active wells, their mean, and the
    offset subtracted from every signal (the mean with blank subtraction, else 0)."""
    values = [
        raw[w.well]
        for w in active
        if raw[w.well] is not None and (w.role == "blank" or (w.role == "standard" and float(w.nominal) == 0))
    ]
    mean = _mean(values)
    return values, mean, (mean if settings.blank_subtraction and mean is not None else 0.0)


def standard_signals(
    wells: Sequence[WellSignal], settings: ElisaSettings | Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Each non-zero standard well's signal as ``analyse_elisa`` fits the curve to it (steps 1 and 2:
    reference-wavelength and blank subtracted, the blank taken from the wells not excluded), for the
    standard-curve figure. Excluded wells are included and marked: [{well, nominal, signal, excluded}]."""
    if not isinstance(settings, ElisaSettings):
        settings = ElisaSettings.from_dict(settings)
    active = _active(wells)
    _, _, offset = _blank(active, {w.well: _signal(w, settings) for w in active}, settings)
    out = []
    for w in wells:
        if w.role != "standard" or not w.nominal:
            continue
        signal = _signal(w, settings)
        out.append(
            {
                "well": w.well,
                "nominal": w.nominal,
                "signal": None if signal is None else signal - offset,
                "excluded": w.excluded,
            }
        )
    return out


def _dilution(w: WellSignal) -> float:
    df = finite_or_none(w.dilution_factor)
    return df if df else 1.0


def _group_key(w: WellSignal) -> str:
    if w.group:
        return str(w.group)
    if w.role in ("standard", "qc") and w.nominal is not None:
        return f"{w.role}:{w.nominal:g}"
    if w.role == "sample":
        return f"{w.sample or 'sample'}@{_dilution(w):g}"
    return w.role


def _identity(w: WellSignal) -> tuple:
    """What makes wells replicates: the group and what the layout says is in the well. Wells that share
    a group name but differ in nominal concentration (standards, QCs) or in sample / dilution are not
    replicates of each other (a QC group "QC" over three levels is three levels)."""
    if w.role in ("standard", "qc"):
        return (w.group or None, float(w.nominal))
    if w.role == "sample":
        return (w.group or None, w.sample or None, _dilution(w))
    return (w.group or None,)


def _detail(w: WellSignal) -> str:
    if w.role in ("standard", "qc"):
        return f"{float(w.nominal):g}"
    return f"{w.sample + ' ' if w.sample else ''}1:{_dilution(w):g}"


def _groups(wells: Iterable[WellSignal], role: str) -> dict[str, list[WellSignal]]:
    """Replicate groups of one role, named by the layout's group (with the level or sample and dilution
    added where one group name covers wells that are not replicates)."""
    by_identity: dict[tuple, list[WellSignal]] = {}
    for w in wells:
        if w.role == role:
            by_identity.setdefault(_identity(w), []).append(w)
    names = Counter(_group_key(ws[0]) for ws in by_identity.values())
    out: dict[str, list[WellSignal]] = {}
    for ws in by_identity.values():
        name = _group_key(ws[0])
        out[f"{name} ({_detail(ws[0])})" if names[name] > 1 else name] = ws
    return out


MODEL_LABELS = {"4PL": "4PL", "5PL": "5PL", "linear": "linear", "loglog": "log-log"}


def _selection(requested: str, curve: FitResult | None, comparison=None, error: str | None = None) -> dict:
    """What was fitted and why, in words (``summary``), with the 4PL-vs-5PL test when one was made."""
    req = MODEL_LABELS.get(requested, requested)
    out: dict[str, Any] = {"requested": requested, "fitted": curve.model if curve is not None else None}
    if curve is None:
        out["summary"] = f"no curve fitted ({req} requested): {error or 'the fit failed'}"
        return out
    fitted = MODEL_LABELS.get(curve.model, curve.model)
    if comparison is not None:
        out.update(
            reason=comparison.reason,
            f_statistic=comparison.f_statistic,
            p_value=comparison.p_value,
            aic_4pl=comparison.aic_4pl,
            aic_5pl=comparison.aic_5pl,
        )
    if curve.model == requested:
        extra = f": {comparison.reason}" if comparison is not None else ""
        out["summary"] = f"{fitted} fitted, as requested{extra}"
    else:
        why = comparison.reason if comparison is not None else "it could not be fitted"
        out["summary"] = f"{fitted} fitted: {req} requested, but {why}"
    return out


def _asymptotes(curve: FitResult | None) -> tuple[float | None, float | None]:
    """(zero-dose, high-dose) asymptotes of a sigmoid standard curve on the fitted signal scale; (None, None)
    for a straight-line or log-log curve. Prism's 4PL/5PL: the curve tends to Top at high dose when
    HillSlope > 0, to Bottom when HillSlope < 0 (a falling, competitive ELISA)."""
    if curve is None or not curve.ok or not curve.curve_model.sigmoid:
        return None, None
    # the fitted values (theta), also where a reported parameter is withheld because it sits on a bound
    p = dict(zip(curve.curve_model.param_names, curve.theta, strict=False))
    bottom, top, hill = (finite_or_none(p.get(k)) for k in ("bottom", "top", "hill_slope"))
    if bottom is None or top is None or not hill:
        return None, None
    return (bottom, top) if hill > 0 else (top, bottom)


def _sd(values: Sequence[float]) -> float | None:
    """Sample SD (n - 1), as R ``sd()`` and Prism; None below two values."""
    return float(statistics.stdev(values)) if len(values) >= 2 else None


def _mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if len(values) else None


@quiet_numpy
def analyse_elisa(
    wells: Sequence[WellSignal], settings: ElisaSettings | Mapping[str, Any] | None = None
) -> ElisaResult:
    """Run the ELISA pipeline on one plate's wells (see the module docstring for every step)."""
    if not isinstance(settings, ElisaSettings):
        settings = ElisaSettings.from_dict(settings)
    crit = settings.acceptance
    for w in wells:
        if w.role not in ROLES:
            raise ValueError(f"Well {w.well}: unknown role {w.role!r}; use one of {', '.join(ROLES)}.")
        if w.role in ("standard", "qc") and finite_or_none(w.nominal) is None:
            raise ValueError(f"Well {w.well}: a {w.role} needs a nominal concentration.")
        if w.role in ("standard", "qc") and float(w.nominal) < 0:
            raise ValueError(f"Well {w.well}: negative nominal concentration.")
    active = _active(wells)
    raw = {w.well: _signal(w, settings) for w in active}
    blank_vals, blank_mean, offset = _blank(active, raw, settings)

    def corrected(w: WellSignal) -> float | None:
        v = raw[w.well]
        return None if v is None else v - offset

    reasons: list[str] = []
    if settings.blank_subtraction and blank_mean is None:
        reasons.append("no blank or zero-standard wells: signals not blank-subtracted")

    # standards ---------------------------------------------------------------------------------
    std_groups = _groups(active, "standard")
    unit = next((w.unit for g in std_groups.values() for w in g if w.unit), None)
    levels = []
    for key, ws in std_groups.items():
        used = [w for w in ws if raw[w.well] is not None]
        levels.append(
            {
                "group": key,
                "nominal": float(ws[0].nominal),
                "unit": ws[0].unit or unit,
                "wells": tuple(w.well for w in used),
                "x": [float(w.nominal) for w in used],
                "y": [corrected(w) for w in used],
                "mean": _mean([corrected(w) for w in used]),
                "cv": cv_pct([raw[w.well] for w in used]),
                "anchor": any(w.anchor for w in ws),
            }
        )
    levels.sort(key=lambda lv: lv["nominal"])
    fit_levels = [lv for lv in levels if lv["nominal"] > 0]
    xs = [x for lv in fit_levels for x in lv["x"]]
    ys = [y for lv in fit_levels for y in lv["y"]]

    curve: FitResult | None = None
    comparison = None
    fit_error = None
    try:
        if settings.model == "5PL":
            # DOMAIN.md §3: the 5PL only with >= 6 levels and when it fits better (extra-sum-of-squares F);
            # otherwise the 4PL is kept and ``model_selection`` says why, in words
            curve, comparison = select_model(xs, ys, weighting=settings.weighting, fit_on=settings.fit_on)
            if curve.model != "5PL":
                curve = replace(curve, flags=(*curve.flags, "5pl_not_justified"))
        else:
            curve = fit_curve(
                xs, ys, model=settings.model, weighting=settings.weighting, fit_on=settings.fit_on
            )
    except CurveFitError as exc:
        fit_error = exc.message
        reasons.append(f"standard curve could not be fitted: {exc.message}")
    selection = _selection(settings.model, curve, comparison, fit_error)
    if curve is not None and "no_convergence" in curve.flags:
        reasons.append("standard curve fit did not converge")

    back: list[float | None] = []
    for lv in fit_levels:
        x = None
        if curve is not None and lv["mean"] is not None:
            x, _ = curve.inverse(lv["mean"])
        back.append(x)
    evaluation = None
    if fit_levels:
        evaluation = evaluate_standards(
            [lv["nominal"] for lv in fit_levels],
            back,
            cv_pct=[lv["cv"] for lv in fit_levels],
            anchor=[lv["anchor"] for lv in fit_levels],
            criteria=crit,
        )
        if curve is not None:
            reasons.extend(evaluation.reasons)
    else:
        reasons.append("no standards with a non-zero nominal concentration")
    judged = {lv.nominal: lv for lv in evaluation.levels} if evaluation else {}
    lloq = evaluation.lloq if evaluation else None
    uloq = evaluation.uloq if evaluation else None

    std_rows = []
    for lv in levels:
        j = judged.get(lv["nominal"]) if lv["nominal"] > 0 else None
        std_rows.append(
            StandardRow(
                group=lv["group"],
                nominal=lv["nominal"],
                unit=lv["unit"],
                wells=lv["wells"],
                mean_signal=lv["mean"],
                cv_pct=lv["cv"],
                back_calculated=j.back_calculated if j else None,
                recovery_pct=j.recovery_pct if j else None,
                passed=j.passed if j else None,
                anchor=lv["anchor"],
                limit=j.limit if j else None,
                reasons=j.reasons if j else (("zero standard: used as blank",) if lv["nominal"] == 0 else ()),
            )
        )

    # samples ---------------------------------------------------------------------------------------
    sample_rows = []
    reassay = []
    for key, ws in _groups(active, "sample").items():
        used = [w for w in ws if raw[w.well] is not None]
        df = _dilution(ws[0])
        mean = _mean([corrected(w) for w in used])
        cv = cv_pct([raw[w.well] for w in used])
        flags: list[str] = []
        interp = None
        if curve is None:
            flags.append("no_curve")
        elif mean is None:
            if any(w.flag == "saturated" for w in ws):
                flags.append("above_range")
            else:
                flags.append("no_signal")
        else:
            interp, range_flag = curve.inverse(mean)
            if range_flag:
                flags.append(range_flag)
            elif lloq is not None and interp < lloq * (1 - 1e-9):
                flags.append("below_range")
            elif uloq is not None and interp > uloq * (1 + 1e-9):
                flags.append("above_range")
        if cv is not None and cv > crit.max_cv_pct + 1e-9:
            flags.append("high_cv")
        out_of_range = any(f in flags for f in ("below_range", "above_range", "no_curve", "no_signal"))
        conc = None if out_of_range else interp
        # each replicate well back-calculated on its own (x dilution): the spread of the reported value.
        # Withheld with the sample's own concentration: a well's number is never shown for a sample that
        # is reported out of range.
        replicates = []
        for w in used:
            well_conc, well_flag = (None, None)
            if curve is not None:
                well_conc, well_flag = curve.inverse(corrected(w))
                if well_conc is not None and lloq is not None and well_conc < lloq * (1 - 1e-9):
                    well_conc, well_flag = None, "below_range"
                elif well_conc is not None and uloq is not None and well_conc > uloq * (1 + 1e-9):
                    well_conc, well_flag = None, "above_range"
            replicates.append(
                {
                    "well": w.well,
                    "signal": corrected(w),
                    "concentration": None if (conc is None or well_conc is None) else well_conc * df,
                    "flag": well_flag,
                }
            )
        quantified = [r["concentration"] for r in replicates if r["concentration"] is not None]
        sample_rows.append(
            SampleRow(
                sample=ws[0].sample,
                group=key,
                dilution_factor=df,
                wells=tuple(w.well for w in used),
                mean_signal=mean,
                cv_pct=cv,
                concentration=conc,
                reported_concentration=None if conc is None else conc * df,
                unit=unit,
                flag=flags[0] if flags else None,
                flags=tuple(flags),
                interpolated=interp,
                lloq=None if lloq is None else lloq * df,
                uloq=None if uloq is None else uloq * df,
                replicates=tuple(replicates),
                sd_concentration=_sd(quantified) if conc is not None else None,
                n_quantified=len(quantified) if conc is not None else 0,
            )
        )
        if "above_range" in flags:
            if uloq is not None:
                why = (
                    f"above the ULOQ ({uloq:g} {unit or ''} x dilution {df:g}): re-assay at a higher dilution"
                )
            else:
                why = "above the top of the curve: re-assay at a higher dilution"
            reassay.append({"sample": ws[0].sample, "group": key, "dilution_factor": df, "reason": why})

    # dilution linearity ---------------------------------------------------------------------------
    zero_dose, high_dose = _asymptotes(curve)
    linearity = dilution_linearity(
        [r.to_dict() for r in sample_rows],
        max_pct=settings.linearity_max_pct,
        zero_dose_asymptote=zero_dose,
        high_dose_asymptote=high_dose,
    )

    # QC samples -----------------------------------------------------------------------------------
    # every QC well is one QC result (QC-L/M/H in duplicate: six results; ICH M10 / FDA "4-6-20" rule:
    # >= 2/3 within +/-20 % and >= 50 % at each level); a saturated QC well is a failed result, a well
    # without a reading (masked, missing) or excluded by the user is not a result
    qc_eval = None
    qc_rows: list[QCRow] = []
    qc_groups = sorted(_groups(active, "qc").items(), key=lambda kv: (float(kv[1][0].nominal), kv[0]))
    if qc_groups:
        noms, meas, names = [], [], []
        for _key, ws in qc_groups:
            df = _dilution(ws[0])
            for w in ws:
                if raw[w.well] is None and w.flag != "saturated":
                    continue
                x = None
                if curve is not None and raw[w.well] is not None:
                    x, _ = curve.inverse(corrected(w))
                noms.append(float(w.nominal))
                meas.append(None if x is None else x * df)
                names.append(w.well)
        qc_eval = evaluate_qcs(noms, meas, criteria=crit, wells=names, unit=unit)
        reasons.extend(qc_eval.reasons)
        by_well = {r.well: r for r in qc_eval.results}
        for key, ws in qc_groups:
            df = _dilution(ws[0])
            nominal = float(ws[0].nominal)
            used = [w for w in ws if raw[w.well] is not None]
            mean = _mean([corrected(w) for w in used])
            x = None
            if curve is not None and mean is not None:
                x, _ = curve.inverse(mean)
            back = None if x is None else x * df
            results = [by_well[w.well] for w in ws if w.well in by_well]
            n_passed = sum(r.passed for r in results)
            qc_rows.append(
                QCRow(
                    level=key,
                    nominal=nominal,
                    unit=next((w.unit for w in ws if w.unit), None) or unit,
                    dilution_factor=df,
                    wells=tuple(r.well for r in results),
                    mean_signal=mean,
                    cv_pct=cv_pct([raw[w.well] for w in used]),
                    back_calculated=back,
                    bias_pct=None if back is None or nominal == 0 else 100.0 * (back / nominal - 1.0),
                    n=len(results),
                    n_passed=n_passed,
                    passed=bool(results)
                    and n_passed / len(results) >= crit.min_qc_level_passed_fraction - 1e-12,
                    results=tuple(
                        {
                            "well": r.well,
                            "signal": raw[r.well] - offset if raw[r.well] is not None else None,
                            "back_calculated": r.measured,
                            "bias_pct": r.bias_pct,
                            "passed": r.passed,
                            "reasons": list(r.reasons),
                        }
                        for r in results
                    ),
                )
            )

    # plate QC -------------------------------------------------------------------------------------
    pos = [raw[w.well] for w in active if w.role == "positive_control"]
    neg = [raw[w.well] for w in active if w.role == "negative_control"]
    zp = z_prime(pos, neg) if pos and neg else None
    if pos and neg:
        sb = signal_to_background(pos, neg)
    elif levels and blank_vals:
        top = max(levels, key=lambda lv: lv["nominal"])
        sb = signal_to_background([raw[w] for w in top["wells"]], blank_vals)
    else:
        sb = None
    if zp is not None and zp < crit.min_z_prime:
        reasons.append(f"Z' {zp:.2f} < {crit.min_z_prime:g}")

    accepted = curve is not None and not reasons_blocking(reasons)
    qc = RunQC(
        z_prime=zp,
        signal_to_background=sb,
        standards_passed_pct=evaluation.passed_pct if evaluation else None,
        accepted=accepted,
        reasons=tuple(reasons),
        lloq=lloq,
        uloq=uloq,
        unit=unit,
        blank_mean=blank_mean,
        qc_samples=qc_eval,
    )
    return ElisaResult(
        curve=curve,
        standards=tuple(std_rows),
        samples=tuple(sample_rows),
        qc=qc,
        reassay=tuple(reassay),
        standards_evaluation=evaluation,
        settings=settings,
        qcs=tuple(qc_rows),
        model_selection=selection,
        dilution_linearity=tuple(linearity),
    )


_INFORMATIONAL = ("signals not blank-subtracted",)


def reasons_blocking(reasons: Sequence[str]) -> bool:
    """True when any reason rejects the run (informational notes do not)."""
    return any(not any(note in r for note in _INFORMATIONAL) for r in reasons)


def back_calculate(
    curve: FitResult, signals: Sequence[float | None]
) -> list[tuple[float | None, str | None]]:
    """Inverse-predict several signals: [(concentration or None, flag or None)]."""
    out = []
    for s in signals:
        v = finite_or_none(s)
        out.append(curve.inverse(v) if v is not None else (None, None))
    return out


__all__ = [
    "QCRow",
    "ElisaResult",
    "ElisaSettings",
    "RunQC",
    "SampleRow",
    "StandardRow",
    "WellSignal",
    "analyse_elisa",
    "back_calculate",
    "standard_signals",
]
