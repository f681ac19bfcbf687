"""Writes of the molecules app: a lot release, computed from the stored relative potencies of the
lot's independent runs and stored with them as a new version."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction

from assays.analysis import ANALYSIS_VERSION
from assays.analysis.monitoring import RunEstimate, combine_potency
from molecules.models import LotRelease
from molecules.selectors import Observation, observations


class ReleaseInputError(ValueError):
    """Bad input for a lot release; ``field`` names where."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def exclusion_reason(o: Observation) -> str | None:
    """Why a run's relative potency cannot count towards a release (system suitability), in words."""
    if o.accepted is False:
        return "run not accepted: " + ("; ".join(o.reasons) or "acceptance criteria not met")
    if o.similar is False:
        return "not similar to the reference standard (parallelism failed)"
    if o.relative_potency is None or o.log10_rp is None or o.se_log10_rp is None:
        return o.rp_withheld or "no relative potency"
    return None


def release_candidates(lab, lot, cell_line=None) -> list[Observation]:
    """The lot's test curves (one per run, newest succeeded version), optionally on one cell line."""
    found = [
        o
        for o in observations(lab, article_ids=[lot.test_article_id])
        if o.lot_id == lot.pk and o.role == "test"
    ]
    if cell_line is not None:
        found = [o for o in found if o.cell_line_id == cell_line.pk]
    one_per_run: dict[int, Observation] = {}
    for o in found:
        one_per_run.setdefault(o.run_id, o)
    return list(one_per_run.values())


@transaction.atomic
def lot_release_create(
    *, lab, user, lot, cell_line, runs, reason: str = "", method: str = "auto"
) -> LotRelease:
    """Combine the relative potencies of ``runs`` (independent runs that tested ``lot`` on
    ``cell_line``) into the lot's reportable potency and judge it against the article's specification.
    Nothing is stored unless every check passes."""
    article = lot.test_article
    if lot.lab_id != lab.pk:
        raise ReleaseInputError("lot", "belongs to another lab.")
    if cell_line is None:
        raise ReleaseInputError("cell_line", "Choose the cells the release runs were done on.")
    if cell_line.lab_id != lab.pk:
        raise ReleaseInputError("cell_line", "belongs to another lab.")
    if article.release_low_pct is None or article.release_high_pct is None:
        raise ReleaseInputError(
            "specification", f"Set {article.name}'s release specification (low and high %) first."
        )
    if article.release_low_pct > article.release_high_pct:
        raise ReleaseInputError(
            "specification",
            f"The specification's low end ({article.release_low_pct:g} %) is above its high end "
            f"({article.release_high_pct:g} %).",
        )
    runs = list(runs)
    if not runs:
        raise ReleaseInputError("runs", "Choose the runs to combine.")
    if any(r.lab_id != lab.pk for r in runs):
        raise ReleaseInputError("runs", "A run belongs to another lab.")
    seen: set[int] = set()
    twice = sorted({r.name for r in runs if r.pk in seen or seen.add(r.pk)})
    if twice:
        raise ReleaseInputError(
            "runs",
            f"{', '.join(twice)} {'is' if len(twice) == 1 else 'are'} listed twice: a release combines independent runs.",
        )
    unset = sorted(r.name for r in runs if r.cell_line_id is None)
    if unset:
        raise ReleaseInputError(
            "runs", f"These runs do not name their cells: {', '.join(unset)}. Set them on each run's page."
        )
    other = sorted(r.name for r in runs if r.cell_line_id != cell_line.pk)
    if other:
        raise ReleaseInputError(
            "runs",
            f"These runs were not done on {cell_line.name}: {', '.join(other)}. A release combines one assay.",
        )
    found = {o.run_id: o for o in release_candidates(lab, lot, cell_line)}
    missing = sorted(r.name for r in runs if r.pk not in found)
    if missing:
        raise ReleaseInputError(
            "runs",
            f"Lot {lot.lot_number} has no analysed curve in: {', '.join(missing)} (is the lot named in the "
            "run's layout, and has the analysis succeeded?).",
        )
    chosen = [found[r.pk] for r in sorted(runs, key=lambda r: (r.created_at, r.pk))]
    inputs = [
        {
            "run": o.run_id,
            "version": o.version,
            "name": o.run_name,
            "date": o.date.isoformat(),
            "relative_potency": o.relative_potency,
            "ci95": o.rp_ci95,
            "log10_rp": o.log10_rp,
            "se_log10_rp": o.se_log10_rp,
            "df": o.rp_df,
            "z_prime": o.z_prime,
            "excluded": exclusion_reason(o),
        }
        for o in chosen
    ]
    settings = {
        "specification_pct": [article.release_low_pct, article.release_high_pct],
        "min_runs": article.release_min_runs,
        "method": method,
        "alpha": 0.05,
        "cell_line": cell_line.name,
    }
    estimates = [
        RunEstimate(
            run=str(i["run"]),
            log10_rp=i["log10_rp"],
            se=i["se_log10_rp"],
            df=i["df"] if isinstance(i["df"], int) and i["df"] >= 1 else None,
            excluded=i["excluded"],
        )
        for i in inputs
    ]
    try:
        combined = combine_potency(
            estimates,
            specification=(article.release_low_pct, article.release_high_pct),
            min_runs=article.release_min_runs,
            method=method,
        )
    except ValueError as exc:
        message = str(exc)
        excluded = [f"{i['name']} ({i['excluded']})" for i in inputs if i["excluded"]]
        if excluded:
            message += " Left out: " + "; ".join(excluded) + "."
        raise ReleaseInputError("runs", message) from None
    result = combined.to_dict()
    body = json.dumps({"inputs": inputs, "settings": settings}, sort_keys=True, default=str)
    locked = type(lot).objects.select_for_update().filter(pk=lot.pk).first()  # numbers concurrent versions
    last = LotRelease.objects.filter(lot=locked).order_by("-version").first()
    return LotRelease.objects.create(
        lab=lab,
        lot=lot,
        version=(last.version + 1) if last else 1,
        cell_line=cell_line,
        inputs=inputs,
        settings=settings,
        result=result,
        passed=(result.get("specification") or {}).get("passes"),
        analysis_version=ANALYSIS_VERSION,
        inputs_sha256=hashlib.sha256(body.encode()).hexdigest(),
        reason=(reason or "").strip()[:300],
        created_by=user,
    )
