"""Exposure–response per animal: serum IL-2 exposure against tumour response, by rank correlation.

Each animal contributes one pair: its exposure (AUC0–last, AUC0–∞ or Cmax from :mod:`studies.analysis.pk`)
and its response (its growth rate from the mixed model, or its best % change in tumour volume).

Method
------
* **Spearman's rank correlation** ρ over all animals (Spearman 1904): Pearson's correlation of the
  ranks, ties given their average rank (``scipy.stats.spearmanr``). Rank-based, so it needs no
  assumption on the shape of the relation and is insensitive to one very high exposure.
* **p** (two-sided, H0: ρ = 0) from t = ρ·sqrt((n − 2)/(1 − ρ²)) on n − 2 df — scipy's default, the
  same as R ``cor.test(method = "spearman", exact = FALSE)``. R's default for n < 1290 without ties is
  the exact null distribution (Algorithm AS 89), which differs from this for small n; with ties R
  also uses the t approximation.
* **Per arm**: n, the median exposure and median response, and ρ and p within the arm when it has at
  least 3 animals (``None`` otherwise). Arms in first-seen order.
* A pair with a missing exposure or response (e.g. AUC0–∞ not estimable, an animal without a growth
  rate) is left out and listed in ``excluded`` with the reason. Fewer than 3 usable pairs: ``ValueError``.
  An animal listed twice: ``ValueError``. A constant exposure or response: ρ and p are ``None`` with the
  flag ``constant_exposure`` / ``constant_response`` (the correlation is undefined).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from . import ANALYSIS_VERSION
from ._common import json_float, jsonable

MIN_PAIRS = 3


@dataclass(frozen=True)
class ExposureResponsePair:
    """One animal: its arm (id and display name), its exposure and its response (``None`` if missing)."""

    animal_id: Hashable
    arm_id: Hashable
    arm_name: str
    exposure: float | None
    response: float | None


@dataclass(frozen=True)
class Correlation:
    n: int
    rho: float | None
    p: float | None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return jsonable({"n": self.n, "rho": self.rho, "p": self.p, "flags": list(self.flags)})


@dataclass(frozen=True)
class ArmExposureResponse:
    arm_id: Hashable
    arm_name: str
    n: int
    median_exposure: float
    median_response: float
    correlation: Correlation | None

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "arm_id": self.arm_id,
                "arm_name": self.arm_name,
                "n": self.n,
                "median_exposure": self.median_exposure,
                "median_response": self.median_response,
                "correlation": self.correlation.to_dict() if self.correlation else None,
            }
        )


@dataclass(frozen=True)
class ExposureResponseResult:
    exposure_metric: str
    response_metric: str
    overall: Correlation
    arms: tuple[ArmExposureResponse, ...]
    points: tuple[ExposureResponsePair, ...]
    excluded: tuple[tuple[Hashable, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "analysis_version": ANALYSIS_VERSION,
                "method": "spearman",
                "p_method": "t approximation, n - 2 df (R cor.test exact = FALSE)",
                "exposure_metric": self.exposure_metric,
                "response_metric": self.response_metric,
                "overall": self.overall.to_dict(),
                "arms": [a.to_dict() for a in self.arms],
                "points": [
                    {
                        "animal_id": p.animal_id,
                        "arm_id": p.arm_id,
                        "arm_name": p.arm_name,
                        "exposure": p.exposure,
                        "response": p.response,
                    }
                    for p in self.points
                ],
                "excluded": [{"animal_id": a, "reason": r} for a, r in self.excluded],
            }
        )


EXACT_MAX_N = 7  # exact permutation p up to 7! = 5040 orderings (R: exact below 1290 without ties)


def spearman(x: Sequence[float], y: Sequence[float]) -> Correlation:
    """Spearman's ρ and its two-sided p: exact (all orderings) for up to ``EXACT_MAX_N`` animals without
    ties, else the t approximation (R cor.test(exact = FALSE)); ``None`` with a flag when x or y is
    constant."""
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xa.size != ya.size:
        raise ValueError("exposure and response must have the same length")
    n = int(xa.size)
    if n < MIN_PAIRS:
        raise ValueError(f"A rank correlation needs at least {MIN_PAIRS} animals with both values; got {n}.")
    flags = []
    if np.all(xa == xa[0]):
        flags.append("constant_exposure")
    if np.all(ya == ya[0]):
        flags.append("constant_response")
    if flags:
        return Correlation(n=n, rho=None, p=None, flags=tuple(flags))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", stats.ConstantInputWarning)
        res = stats.spearmanr(xa, ya)
    rho, p = json_float(res.statistic), json_float(res.pvalue)
    ties = np.unique(xa).size < n or np.unique(ya).size < n
    if n <= EXACT_MAX_N and not ties and rho is not None:
        # R's cor.test(method = "spearman") is exact for small n without ties: the t approximation
        # would give p = 0 for ρ = ±1 with 5 animals, where the exact p is 2/5! = 0.0167. Every ordering
        # of the ranks at once (7! = 5040 rows): ρ = 1 − 6 Σd² / (n (n² − 1)).
        ry = stats.rankdata(ya)[np.argsort(stats.rankdata(xa))]  # y's ranks in x's rank order
        perms = np.array(list(itertools.permutations(range(1, n + 1))), dtype=float)
        rhos = 1 - 6 * ((perms - ry) ** 2).sum(axis=1) / (n * (n * n - 1))
        p = json_float(float(np.mean(np.abs(rhos) >= abs(rho) - 1e-12)))
    return Correlation(n=n, rho=rho, p=p)


def analyse_exposure_response(
    pairs: Sequence[ExposureResponsePair],
    *,
    exposure_metric: str = "auc_last",
    response_metric: str = "growth_rate",
) -> ExposureResponseResult:
    """Spearman correlation of exposure and response over all animals and within each arm."""
    ids = [p.animal_id for p in pairs]
    dup = sorted({str(i) for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"Animal(s) listed twice: {', '.join(dup)}.")
    usable: list[ExposureResponsePair] = []
    excluded: list[tuple[Hashable, str]] = []
    for p in pairs:
        e, r = json_float(p.exposure), json_float(p.response)
        if e is None:
            excluded.append((p.animal_id, "no exposure"))
        elif r is None:
            excluded.append((p.animal_id, "no response"))
        else:
            usable.append(ExposureResponsePair(p.animal_id, p.arm_id, p.arm_name, e, r))
    if len(usable) < MIN_PAIRS:
        raise ValueError(
            f"Exposure–response needs at least {MIN_PAIRS} animals with both an exposure and a response; "
            f"{len(usable)} {'has' if len(usable) == 1 else 'have'} both."
        )
    overall = spearman([p.exposure for p in usable], [p.response for p in usable])
    arm_names: dict[Hashable, str] = {}
    for p in usable:
        arm_names.setdefault(p.arm_id, p.arm_name)
    arms = []
    for arm_id, arm_name in arm_names.items():
        members = [p for p in usable if p.arm_id == arm_id]
        ex = [p.exposure for p in members]
        re = [p.response for p in members]
        arms.append(
            ArmExposureResponse(
                arm_id=arm_id,
                arm_name=arm_name,
                n=len(members),
                median_exposure=float(np.median(ex)),
                median_response=float(np.median(re)),
                correlation=spearman(ex, re) if len(members) >= MIN_PAIRS else None,
            )
        )
    return ExposureResponseResult(
        exposure_metric=exposure_metric,
        response_metric=response_metric,
        overall=overall,
        arms=tuple(arms),
        points=tuple(usable),
        excluded=tuple(excluded),
    )


__all__ = [
    "ArmExposureResponse",
    "Correlation",
    "ExposureResponsePair",
    "ExposureResponseResult",
    "analyse_exposure_response",
    "spearman",
]
