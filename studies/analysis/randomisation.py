"""Balanced allocation of tumor-bearing animals to treatment groups (DOMAIN.md §7).

When tumors reach the randomisation window (typically 50–100 mm³) the eligible animals are allocated by
**random search**: ``n_iter`` uniformly random allocations are drawn (in numpy batches: a row of random
keys per candidate, ``argsort`` gives a permutation, consecutive blocks of the permutation fill the
groups) and the allocation with the smallest objective is kept:

    objective = max_g |mean_g − mean_all| / sd_all  +  w · max_g |sd_g − sd_all| / sd_all

mean/sd (SD with n − 1) over the animals allocated, per group g and all groups together, w =
``sd_weight`` (default 0.5); groups of one animal have no SD and do not enter the second term. Dividing
by sd_all makes the objective unitless (0 = perfectly balanced means and SDs). This is the usual
"minimise between-group differences in mean and SD" approach of tumor-study software (e.g. the
"Matched distribution" / best-of-many-random-allocations methods); each candidate is a genuine random
allocation, so the result is a restricted randomisation, not a deterministic sort.

Eligibility: animals named in ``exclude`` (dead, already assigned, … with the caller's reason), animals
without a volume (unmeasured) and animals outside [``min_volume``, ``max_volume``] are excluded with a
reason. If no animal is eligible :class:`RandomisationError` is raised. Capacities are never exceeded;
if there are fewer eligible animals than places the groups are filled evenly (group sizes differ by at
most one, earlier groups first, within their capacities); surplus animals are left unassigned.

Deterministic for a given seed and input (animals are processed in order of ``str(animal_id)``, so input
order does not matter). When ``seed`` is None a seed is drawn and returned so that the allocation can be
reproduced.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import ANALYSIS_VERSION
from ._common import json_float, jsonable

OBJECTIVE_NAME = "max|mean_g-mean_all|/sd_all + w*max|sd_g-sd_all|/sd_all"
_BATCH_CELLS = 2_000_000


class RandomisationError(ValueError):
    """Randomisation impossible (no eligible animal, bad groups …); ``message`` is for a person."""

    def __init__(self, message: str, detail: Mapping[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.detail = dict(detail or {})


@dataclass(frozen=True)
class GroupStat:
    group: Hashable
    n: int
    mean: float | None
    sd: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": jsonable(self.group),
            "n": self.n,
            "mean": json_float(self.mean),
            "sd": json_float(self.sd),
        }


@dataclass(frozen=True)
class RandomisationResult:
    assignment: Mapping[Hashable, Hashable]
    seed: int
    objective: float
    objective_name: str
    group_stats: tuple[GroupStat, ...]
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    table: tuple[Mapping[str, Any], ...]
    excluded: tuple[Mapping[str, Any], ...]
    unassigned: tuple[Hashable, ...] = ()
    n_iter: int = 0
    sd_weight: float = 0.5
    window: tuple[float, float] = (0.0, math.inf)
    analysis_version: str = ANALYSIS_VERSION
    flags: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "assignment": [{"animal": jsonable(a), "group": jsonable(g)} for a, g in self.assignment.items()],
            "seed": int(self.seed),
            "objective": json_float(self.objective),
            "objective_name": self.objective_name,
            "sd_weight": self.sd_weight,
            "n_iter": self.n_iter,
            "window": [json_float(self.window[0]), json_float(self.window[1])],
            "group_stats": [g.to_dict() for g in self.group_stats],
            "before": jsonable(self.before),
            "after": jsonable(self.after),
            "table": [jsonable(r) for r in self.table],
            "excluded": [jsonable(e) for e in self.excluded],
            "unassigned": [jsonable(a) for a in self.unassigned],
            "flags": list(self.flags),
            "analysis_version": self.analysis_version,
        }


def _sd(v: np.ndarray) -> float | None:
    return float(v.std(ddof=1)) if v.size >= 2 else None


def even_fill(n: int, capacities: Sequence[int]) -> list[int]:
    """Group sizes for n animals: as even as possible, never above capacity, earlier groups first."""
    counts = [0] * len(capacities)
    for _ in range(min(n, sum(capacities))):
        open_ = [i for i, c in enumerate(capacities) if counts[i] < c]
        i = min(open_, key=lambda j: (counts[j], j))
        counts[i] += 1
    return counts


def objective_values(volumes: np.ndarray, sizes: Sequence[int], sd_weight: float = 0.5) -> np.ndarray:
    """Objective for each row of ``volumes`` (candidates × animals in allocation order: the first
    ``sizes[0]`` go to group 0, …). Vectorised over candidates."""
    v = np.atleast_2d(np.asarray(volumes, dtype=float))
    sizes_a = np.asarray(sizes, dtype=int)
    total = int(sizes_a.sum())
    v = v[:, :total]
    starts = np.concatenate([[0], np.cumsum(sizes_a)[:-1]])
    nonempty = sizes_a > 0
    starts, sz = starts[nonempty], sizes_a[nonempty]
    sums = np.add.reduceat(v, starts, axis=1)
    sumsq = np.add.reduceat(v * v, starts, axis=1)
    means = sums / sz
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.where(sz > 1, (sumsq - sz * means**2) / np.maximum(sz - 1, 1), 0.0)
    sds = np.sqrt(np.clip(var, 0.0, None))
    mean_all = v.mean(axis=1, keepdims=True)
    sd_all = v.std(axis=1, ddof=1, keepdims=True) if total > 1 else np.zeros((v.shape[0], 1))
    scale = np.where(sd_all > 0, sd_all, 1.0)
    term_mean = np.max(np.abs(means - mean_all), axis=1) / scale[:, 0]
    multi = sz > 1
    if multi.any():
        term_sd = np.max(np.abs(sds[:, multi] - sd_all), axis=1) / scale[:, 0]
    else:
        term_sd = np.zeros(v.shape[0])
    return term_mean + sd_weight * term_sd


def randomise(
    animals: Sequence[tuple[Hashable, float | None]],
    groups: Sequence[tuple[Hashable, int]],
    *,
    min_volume: float,
    max_volume: float,
    seed: int | None = None,
    n_iter: int = 10000,
    exclude: Mapping[Hashable, str] | None = None,
    sd_weight: float = 0.5,
) -> RandomisationResult:
    """Allocate eligible animals ``(animal_id, volume_mm3)`` to ``groups`` ``(group_id, capacity)``
    by random search (module docstring). Raises :class:`RandomisationError` when impossible."""
    exclude = dict(exclude or {})
    if not groups:
        raise RandomisationError("No groups to randomise into.")
    gids = [g for g, _ in groups]
    if len(set(gids)) != len(gids):
        raise RandomisationError("A group is listed twice.", {"groups": jsonable(gids)})
    caps = []
    for g, c in groups:
        if isinstance(c, bool) or not isinstance(c, (int, np.integer)) or c < 1:
            raise RandomisationError(f"Group {g!r}: capacity must be a whole number ≥ 1, not {c!r}.")
        caps.append(int(c))
    if not (math.isfinite(min_volume) and math.isfinite(max_volume)) or min_volume > max_volume:
        raise RandomisationError(f"Volume window [{min_volume}, {max_volume}] mm³ is not valid.")
    if n_iter < 1:
        raise RandomisationError("n_iter must be ≥ 1.")
    ids = [a for a, _ in animals]
    if len(set(ids)) != len(ids):
        raise RandomisationError("An animal is listed twice.")

    excluded: list[dict[str, Any]] = []
    categories: dict[str, int] = {}
    eligible: list[tuple[Hashable, float]] = []
    vol_of: dict[Hashable, float | None] = {}
    window = f"{min_volume:g}–{max_volume:g} mm³"
    for a, vol in sorted(animals, key=lambda x: str(x[0])):
        v = json_float(vol)
        vol_of[a] = v
        if a in exclude:
            cat, reason = "excluded", str(exclude[a])
        elif v is None:
            cat, reason = "unmeasured", "unmeasured: no tumor volume"
        elif v < min_volume:
            cat, reason = "below the window", f"volume {v:g} mm³ below the window {window}"
        elif v > max_volume:
            cat, reason = "above the window", f"volume {v:g} mm³ above the window {window}"
        else:
            eligible.append((a, v))
            continue
        excluded.append({"animal": a, "reason": reason})
        categories[cat] = categories.get(cat, 0) + 1
    if not eligible:
        summary = ", ".join(f"{k}: {n}" for k, n in categories.items()) or "no animals given"
        raise RandomisationError(
            f"No animal fits the randomisation window {window} ({summary}).",
            {"excluded": jsonable(excluded)},
        )

    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    seed = int(seed)
    rng = np.random.default_rng(seed)
    n = len(eligible)
    sizes = even_fill(n, caps)
    total = sum(sizes)
    vols = np.array([v for _, v in eligible], dtype=float)

    batch = max(1, min(n_iter, _BATCH_CELLS // max(n, 1)))
    best_obj, best_perm, first_obj = math.inf, None, None
    done = 0
    while done < n_iter:
        b = min(batch, n_iter - done)
        perms = np.argsort(rng.random((b, n)), axis=1)
        obj = objective_values(vols[perms], sizes, sd_weight)
        if first_obj is None:
            first_obj = float(obj[0])
        i = int(np.argmin(obj))
        if obj[i] < best_obj:
            best_obj, best_perm = float(obj[i]), perms[i].copy()
        done += b

    assignment: dict[Hashable, Hashable] = {}
    stats: list[GroupStat] = []
    pos = 0
    for g, size in zip(gids, sizes, strict=True):
        members = best_perm[pos : pos + size]
        pos += size
        for j in sorted(members, key=lambda j: str(eligible[j][0])):
            assignment[eligible[j][0]] = g
        gv = vols[members]
        stats.append(GroupStat(g, int(size), float(gv.mean()) if size else None, _sd(gv)))
    unassigned = tuple(eligible[j][0] for j in best_perm[total:])
    flags = []
    if n < sum(caps):
        flags.append(f"fewer eligible animals ({n}) than places ({sum(caps)}): groups filled evenly")
    if unassigned:
        flags.append(f"{len(unassigned)} eligible animal(s) left unassigned: all places filled")

    alloc = vols[best_perm[:total]]
    before = {
        "n_animals": len(animals),
        "n_eligible": n,
        "mean": float(vols.mean()),
        "sd": _sd(vols),
        "min": float(vols.min()),
        "max": float(vols.max()),
        "random_allocation_objective": first_obj,
    }
    after = {
        "n_assigned": total,
        "mean": float(alloc.mean()) if total else None,
        "sd": _sd(alloc),
        "objective": best_obj,
        "group_stats": [s.to_dict() for s in stats],
    }
    excl_reason = {e["animal"]: e["reason"] for e in excluded}
    table = []
    for a, _ in sorted(animals, key=lambda x: str(x[0])):
        if a in assignment:
            table.append(
                {
                    "animal": a,
                    "volume": vol_of[a],
                    "status": "assigned",
                    "group": assignment[a],
                    "reason": None,
                }
            )
        elif a in excl_reason:
            table.append(
                {
                    "animal": a,
                    "volume": vol_of[a],
                    "status": "excluded",
                    "group": None,
                    "reason": excl_reason[a],
                }
            )
        else:
            table.append(
                {
                    "animal": a,
                    "volume": vol_of[a],
                    "status": "unassigned",
                    "group": None,
                    "reason": "not needed: all places filled",
                }
            )
    return RandomisationResult(
        assignment,
        seed,
        best_obj,
        OBJECTIVE_NAME,
        tuple(stats),
        before,
        after,
        tuple(table),
        tuple(excluded),
        unassigned,
        int(n_iter),
        float(sd_weight),
        (float(min_volume), float(max_volume)),
        ANALYSIS_VERSION,
        tuple(flags),
    )
