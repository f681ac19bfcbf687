"""IL-2 receptor selectivity (pure): EC50s on CD25+ and CD25- cells, their ratio, and the shift vs wild type.

The same molecules are tested on CD25+ cells (trimeric IL-2Rαβγ, e.g. CTLL-2) and on CD25- cells (dimeric
IL-2Rβγ, e.g. YT or NK-92). Each EC50 comes from a 4PL fit (``curves.FitResult``): its log10 EC50, the SE
of the log10 EC50 and the fit's residual degrees of freedom, plus the EC50 and its (delta-method) SE on the
linear scale. docs/science-selectivity.md has the formulas with a worked example.

* EC50 per cell type: 10^(log10 EC50 ± q · SE), q = t(0.975, df) of the fit, or z = 1.96 when no df is
  given (as ``curves`` computes the fit's own CI).
* Selectivity ratio R = EC50(CD25-) / EC50(CD25+): log10 R = log10 EC50- − log10 EC50+, SE = sqrt(se+² + se-²)
  (the two cell types are separate, independent fits). 95 % CI = 10^(log10 R ± q · SE), q from Student's t
  with the Welch–Satterthwaite df  (se+² + se-²)² / (se+⁴/df+ + se-⁴/df-)  when both fits give their df,
  else the normal quantile (flag ``normal_approximation``). A large R means the molecule needs CD25: it is
  far more potent on CD25+ cells. Wild-type IL-2 typically has R ≈ 10–100.
* Shift vs the wild type measured alongside: the "fold loss of CD25 dependence" F = R_wt / R_molecule. A
  "not-alpha" mutein that loses potency on CD25+ cells only has a smaller R than wild type, so F > 1 (F = 50:
  fifty-fold less CD25-dependent). log10 F = log10 R_wt − log10 R_mol, SE = sqrt of the sum of the four log
  SEs squared (four independent fits), df by Welch–Satterthwaite over the four, CI back-transformed. Not
  computed for the wild type itself (flag ``is_wild_type``) nor without an estimable wild type in the same
  set (``no_wild_type`` / ``wild_type_not_estimable``).
* Fieller's interval (Fieller 1954, J R Stat Soc B 16:175) for the linear-scale ratio EC50- / EC50+ from the
  linear EC50s and their SEs (independent, covariance 0): with a = EC50-, b = EC50+, ρ = a/b,
  g = q² s_b² / b², the limits are [ρ ± (q/b) · sqrt(s_a² (1 − g) + ρ² s_b²)] / (1 − g). q is Student's t
  with the Welch–Satterthwaite df of the pivot a − ρ b, (s_a² + ρ² s_b²)² / (s_a⁴/df_a + ρ⁴ s_b⁴/df_b), or z
  without df. When g ≥ 1 the denominator is not significantly different from zero and the confidence set is
  unbounded: the limits are None and the flag is ``fieller_unbounded``. It is reported beside the
  log-scale CI: the two agree when both EC50s are precise; they part when an SE is large.

A molecule whose EC50 cannot be estimated on a cell type (no plateau, EC50 at a bound, …) carries
``not_estimable_cd25_pos`` / ``not_estimable_cd25_neg`` and the reason given; its ratio and shift are None.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scipy import stats

from . import ANALYSIS_VERSION
from ._util import clean, finite_or_none

LN10 = math.log(10.0)
CELL_TYPES = ("cd25_pos", "cd25_neg")


# --------------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class EC50Estimate:
    """One EC50 from a fit on one cell type.

    log10_ec50, se_log10: the fit's log10 EC50 and its SE. df: the fit's residual degrees of freedom (None:
    normal quantiles). ec50, se_ec50: the linear EC50 and its SE, for Fieller's interval; when not given,
    ec50 = 10^log10_ec50 and se_ec50 = ln(10) · ec50 · se_log10 (the delta method, as ``curves`` reports it).
    reason: why the EC50 is not estimable (then log10_ec50 may be None).
    """

    log10_ec50: float | None
    se_log10: float | None = None
    df: float | None = None
    ec50: float | None = None
    se_ec50: float | None = None
    reason: str | None = None

    @classmethod
    def not_estimable(cls, reason: str) -> EC50Estimate:
        return cls(log10_ec50=None, reason=reason)

    @classmethod
    def from_fit(cls, fit: Mapping[str, Any] | None, reason: str | None = None) -> EC50Estimate:
        """From a stored 4PL fit (``FitResult.to_dict()``: ``parameters.log_ec50``, ``standard_errors``,
        ``df``); a failed fit or a withheld EC50 is not estimable, with the fit's flags as the reason."""
        fit = fit or {}
        params = fit.get("parameters") or {}
        ses = fit.get("standard_errors") or {}
        log_ec50 = finite_or_none(params.get("log_ec50"))
        if log_ec50 is None:
            why = reason or ", ".join(fit.get("flags") or []) or "no EC50 in the fit"
            return cls.not_estimable(why)
        return cls(
            log10_ec50=log_ec50,
            se_log10=finite_or_none(ses.get("log_ec50")),
            df=finite_or_none(fit.get("df")) or None,
            ec50=finite_or_none(params.get("ec50")),
            se_ec50=finite_or_none(ses.get("ec50")),
        )

    @property
    def estimable(self) -> bool:
        return finite_or_none(self.log10_ec50) is not None

    @property
    def linear(self) -> float | None:
        if self.ec50 is not None:
            return finite_or_none(self.ec50)
        return 10.0**self.log10_ec50 if self.estimable else None

    @property
    def linear_se(self) -> float | None:
        if self.se_ec50 is not None:
            return finite_or_none(self.se_ec50)
        if self.linear is None or finite_or_none(self.se_log10) is None:
            return None
        return LN10 * self.linear * self.se_log10


@dataclass(frozen=True)
class MoleculeEC50s:
    """A molecule's EC50 on CD25+ cells (e.g. CTLL-2) and on CD25- cells (e.g. YT, NK-92)."""

    molecule: str
    cd25_pos: EC50Estimate
    cd25_neg: EC50Estimate


# --------------------------------------------------------------------------------------------------
# Statistics


def welch_satterthwaite(variances: Sequence[float], dfs: Sequence[float | None]) -> float | None:
    """(Σ v_i)² / Σ (v_i² / df_i); None when any df is missing (use normal quantiles then)."""
    if any(d is None or not d > 0 for d in dfs):
        return None
    num = sum(variances) ** 2
    den = sum(v * v / d for v, d in zip(variances, dfs, strict=True))
    if den <= 0:
        # every variance is zero: no spread to borrow df from; the smallest df is the honest choice
        return float(min(dfs))
    return num / den


def quantile(level: float, df: float | None) -> float:
    """Two-sided quantile: t(0.5 + level/2, df), or the normal one when df is None."""
    p = 0.5 + level / 2.0
    return float(stats.norm.ppf(p)) if df is None else float(stats.t.ppf(p, df))


@dataclass(frozen=True)
class LogRatio:
    """A ratio estimated on the log10 scale: estimate 10^log10, SE of log10, df, CI back-transformed."""

    estimate: float | None
    log10: float | None
    se_log10: float | None
    df: float | None
    ci95: tuple[float, float] | None

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "estimate": self.estimate,
                "log10": self.log10,
                "se_log10": self.se_log10,
                "df": self.df,
                "ci95": list(self.ci95) if self.ci95 else None,
            }
        )


def _log_ratio(
    log10: float, ses: Sequence[float | None], dfs: Sequence[float | None], level: float
) -> LogRatio:
    if any(finite_or_none(s) is None for s in ses):
        return LogRatio(10.0**log10, log10, None, None, None)
    variances = [float(s) ** 2 for s in ses]
    se = math.sqrt(sum(variances))
    df = welch_satterthwaite(variances, dfs)
    q = quantile(level, df)
    return LogRatio(10.0**log10, log10, se, df, (10.0 ** (log10 - q * se), 10.0 ** (log10 + q * se)))


@dataclass(frozen=True)
class FiellerInterval:
    """Fieller's confidence interval of a ratio a/b of two independent estimates.

    ``ci95`` is None when unbounded (g ≥ 1) or not computable; ``g`` = q² s_b² / b²."""

    estimate: float | None
    ci95: tuple[float, float] | None
    g: float | None
    df: float | None
    unbounded: bool

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "estimate": self.estimate,
                "ci95": list(self.ci95) if self.ci95 else None,
                "g": self.g,
                "df": self.df,
                "unbounded": self.unbounded,
            }
        )


def fieller_interval(
    num: float,
    se_num: float,
    den: float,
    se_den: float,
    *,
    df: float | None = None,
    df_num: float | None = None,
    df_den: float | None = None,
    level: float = 0.95,
) -> FiellerInterval:
    """Fieller (1954) interval for num/den, independent estimates (covariance 0).

    ``df``: the t quantile's degrees of freedom when known (e.g. one pooled error term); otherwise, with both
    ``df_num`` and ``df_den``, the Welch–Satterthwaite df of the pivot num − ρ·den; otherwise normal.
    Limits: [ρ ± (q/den) sqrt(se_num² (1 − g) + ρ² se_den²)] / (1 − g), g = q² se_den² / den².
    """
    if den == 0:
        return FiellerInterval(None, None, None, df, True)
    rho = num / den
    if df is None and df_num is not None and df_den is not None:
        df = welch_satterthwaite([se_num**2, (rho * se_den) ** 2], [df_num, df_den])
    q = quantile(level, df)
    g = (q * se_den / den) ** 2
    if g >= 1.0:
        return FiellerInterval(rho, None, g, df, True)
    half = (q / abs(den)) * math.sqrt(se_num**2 * (1.0 - g) + rho**2 * se_den**2)
    low, high = (rho - half) / (1.0 - g), (rho + half) / (1.0 - g)
    return FiellerInterval(rho, (low, high), g, df, False)


# --------------------------------------------------------------------------------------------------
# Results


def _ec50_summary(e: EC50Estimate, level: float) -> dict[str, Any]:
    if not e.estimable:
        return {
            "estimable": False,
            "ec50": None,
            "ci95": None,
            "log10_ec50": None,
            "se_log10": None,
            "df": None,
            "se_ec50": None,
            "reason": e.reason or "not estimable",
        }
    ci = None
    se = finite_or_none(e.se_log10)
    if se is not None:
        q = quantile(level, e.df)
        ci = [10.0 ** (e.log10_ec50 - q * se), 10.0 ** (e.log10_ec50 + q * se)]
    return {
        "estimable": True,
        "ec50": 10.0**e.log10_ec50,
        "ci95": ci,
        "log10_ec50": e.log10_ec50,
        "se_log10": se,
        "df": e.df,
        "se_ec50": e.linear_se,
        "reason": None,
    }


@dataclass(frozen=True)
class MoleculeSelectivity:
    """One molecule's selectivity (see the module docstring for every number)."""

    molecule: str
    is_wild_type: bool
    cd25_pos: dict[str, Any]
    cd25_neg: dict[str, Any]
    ratio: LogRatio | None
    ratio_fieller: FiellerInterval | None
    fold_loss_cd25_dependence: LogRatio | None
    wild_type: str | None
    flags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "molecule": self.molecule,
                "is_wild_type": self.is_wild_type,
                "cd25_pos": dict(self.cd25_pos),
                "cd25_neg": dict(self.cd25_neg),
                "ratio": self.ratio.to_dict() if self.ratio else None,
                "ratio_fieller": self.ratio_fieller.to_dict() if self.ratio_fieller else None,
                "fold_loss_cd25_dependence": (
                    self.fold_loss_cd25_dependence.to_dict() if self.fold_loss_cd25_dependence else None
                ),
                "wild_type": self.wild_type,
                "flags": list(self.flags),
            }
        )


@dataclass(frozen=True)
class SelectivityResult:
    molecules: tuple[MoleculeSelectivity, ...]
    wild_type: str | None
    level: float = 0.95
    analysis_version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return clean(
            {
                "level": self.level,
                "wild_type": self.wild_type,
                "ratio_definition": "EC50(CD25-) / EC50(CD25+)",
                "shift_definition": "fold loss of CD25 dependence = ratio(wild type) / ratio(molecule)",
                "molecules": [m.to_dict() for m in self.molecules],
                "analysis_version": self.analysis_version,
            }
        )


def _ratio_parts(m: MoleculeEC50s) -> tuple[float, list, list] | None:
    if not (m.cd25_pos.estimable and m.cd25_neg.estimable):
        return None
    return (
        m.cd25_neg.log10_ec50 - m.cd25_pos.log10_ec50,
        [m.cd25_pos.se_log10, m.cd25_neg.se_log10],
        [m.cd25_pos.df, m.cd25_neg.df],
    )


def molecule_selectivity(
    m: MoleculeEC50s, wild_type: MoleculeEC50s | None = None, *, level: float = 0.95
) -> MoleculeSelectivity:
    """Selectivity of one molecule, and its fold loss of CD25 dependence vs ``wild_type`` (measured
    alongside; None: not computed, flag ``no_wild_type``)."""
    flags: list[str] = []
    if not m.cd25_pos.estimable:
        flags.append("not_estimable_cd25_pos")
    if not m.cd25_neg.estimable:
        flags.append("not_estimable_cd25_neg")
    parts = _ratio_parts(m)
    ratio = fieller = None
    if parts is not None:
        log10, ses, dfs = parts
        ratio = _log_ratio(log10, ses, dfs, level)
        if ratio.ci95 is None:
            flags.append("no_confidence_interval")
        elif ratio.df is None:
            flags.append("normal_approximation")
        a, sa = m.cd25_neg.linear, m.cd25_neg.linear_se
        b, sb = m.cd25_pos.linear, m.cd25_pos.linear_se
        if None not in (a, sa, b, sb):
            fieller = fieller_interval(a, sa, b, sb, df_num=m.cd25_neg.df, df_den=m.cd25_pos.df, level=level)
            if fieller.unbounded:
                flags.append("fieller_unbounded")
    is_wt = wild_type is not None and wild_type.molecule == m.molecule
    shift = None
    if is_wt:
        flags.append("is_wild_type")
    elif wild_type is None:
        flags.append("no_wild_type")
    elif _ratio_parts(wild_type) is None:
        flags.append("wild_type_not_estimable")
    elif parts is not None:
        wt_log, wt_ses, wt_dfs = _ratio_parts(wild_type)
        log10, ses, dfs = parts
        shift = _log_ratio(wt_log - log10, [*wt_ses, *ses], [*wt_dfs, *dfs], level)
    return MoleculeSelectivity(
        molecule=m.molecule,
        is_wild_type=is_wt,
        cd25_pos=_ec50_summary(m.cd25_pos, level),
        cd25_neg=_ec50_summary(m.cd25_neg, level),
        ratio=ratio,
        ratio_fieller=fieller,
        fold_loss_cd25_dependence=shift,
        wild_type=None if wild_type is None else wild_type.molecule,
        flags=tuple(flags),
    )


def analyse_selectivity(
    molecules: Sequence[MoleculeEC50s], *, wild_type: str | None = None, level: float = 0.95
) -> SelectivityResult:
    """Every molecule's selectivity; ``wild_type`` names the wild-type IL-2 among ``molecules`` (measured
    alongside, on the same cells and days). A name not among them counts as no wild type."""
    if not 0 < level < 1:
        raise ValueError("level must lie strictly between 0 and 1.")
    names = [m.molecule for m in molecules]
    if len(set(names)) != len(names):
        raise ValueError("Each molecule may appear once.")
    wt = next((m for m in molecules if wild_type is not None and m.molecule == wild_type), None)
    return SelectivityResult(
        molecules=tuple(molecule_selectivity(m, wt, level=level) for m in molecules),
        wild_type=wt.molecule if wt else None,
        level=level,
    )


__all__ = [
    "EC50Estimate",
    "FiellerInterval",
    "LogRatio",
    "MoleculeEC50s",
    "MoleculeSelectivity",
    "SelectivityResult",
    "analyse_selectivity",
    "fieller_interval",
    "molecule_selectivity",
    "quantile",
    "welch_satterthwaite",
]
