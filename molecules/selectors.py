"""Reads of the molecules app: every fitted curve of the lab's reporter bioassays as one observation
(run, cells, lot, molecule, EC50 with its SE, relative potency, QC), read from the newest succeeded
version of each run in a fixed number of queries. Selectivity, potency monitoring, lot release and the
molecule page are computed from these; nothing here fits a curve.

A curve belongs to a molecule through the lot its wells name in the run's layout: the reference
standard's curve through the standard wells' lot, a test sample's curve through the lot of the sample
wells of that name (the analysis names a curve by the wells' sample, or their group when no sample)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from assays.models import AssayRun, LayoutWell, RunResult
from il2portal.models import Lot


@dataclass
class Observation:
    """One fitted curve of one run (its newest succeeded version)."""

    run_id: int
    run_name: str
    version: int
    n_versions: int
    date: dt.date
    analyst: str
    cell_line_id: int | None
    cell_line: str | None
    cd25: bool | None
    lot_id: int | None
    lot_number: str | None
    article_id: int | None
    article: str | None
    article_kind: str | None
    role: str  # "reference" | "test"
    sample: str
    unit: str | None
    ec50: float | None
    log10_ec50: float | None
    se_log10_ec50: float | None
    ec50_se: float | None
    ec50_ci95: list | None
    df: int | None
    top: float | None
    bottom: float | None
    hill: float | None
    fit_flags: list = field(default_factory=list)
    z_prime: float | None = None
    accepted: bool | None = None
    reasons: list = field(default_factory=list)
    relative_potency: float | None = None
    rp_ci95: list | None = None
    log10_rp: float | None = None
    se_log10_rp: float | None = None
    rp_df: int | None = None
    similar: bool | None = None
    rp_withheld: str | None = None
    reference: str | None = None  # the reference curve's molecule (for an RP)

    @property
    def run_url(self) -> str:
        return reverse("assays:run-detail", args=[self.run_id]) + f"?version={self.version}"

    @property
    def article_url(self) -> str | None:
        return reverse("test-article-detail", args=[self.article_id]) if self.article_id else None

    @property
    def cells(self) -> str:
        if self.cell_line is None:
            return "cells not set"
        return f"{self.cell_line} ({'CD25⁺' if self.cd25 else 'CD25⁻'})"


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _curve_name_lots(layout_wells) -> dict[int, dict]:
    """{layout id: {"reference": lot, <sample name>: lot}} from the wells that name a lot."""
    out: dict[int, dict] = defaultdict(dict)
    for lw in layout_wells:
        if lw.role == LayoutWell.Role.STANDARD:
            out[lw.layout_id].setdefault("reference", lw.lot)
        else:
            out[lw.layout_id].setdefault(("test", lw.sample or lw.group or "sample"), lw.lot)
    return out


def bioassay_runs(lab, *, article_ids=None, run_ids=None):
    """The lab's reporter-bioassay runs (optionally those whose layout names a lot of the given
    articles, or the given runs), with cells and analyst."""
    runs = AssayRun.objects.filter(lab=lab, kind=AssayRun.Kind.BIOASSAY)
    if run_ids is not None:
        runs = runs.filter(pk__in=list(run_ids))
    if article_ids is not None:
        runs = runs.filter(layout__wells__lot__test_article_id__in=list(article_ids)).distinct()
    return runs.select_related("cell_line", "created_by")


def observations(lab, *, article_ids=None, run_ids=None) -> list[Observation]:
    """Every curve of the lab's bioassay runs (their newest succeeded versions), oldest run first.
    Four queries whatever the number of runs and curves."""
    runs = list(bioassay_runs(lab, article_ids=article_ids, run_ids=run_ids).order_by("created_at", "pk"))
    if not runs:
        return []
    newest_ok = (
        RunResult.objects.filter(run=OuterRef("run"), status=RunResult.Status.SUCCEEDED)
        .order_by("-version")
        .values("version")[:1]
    )
    versions = {
        v.run_id: v
        for v in RunResult.objects.filter(run__in=[r.pk for r in runs], version=Subquery(newest_ok)).only(
            "run_id", "version", "result"
        )
    }
    counts = dict(
        RunResult.objects.filter(run__in=[r.pk for r in runs])
        .values("run")
        .annotate(n=Max("version"))
        .values_list("run", "n")
    )
    wells = LayoutWell.objects.filter(
        Q(role=LayoutWell.Role.STANDARD) | Q(role=LayoutWell.Role.SAMPLE),
        layout_id__in={r.layout_id for r in runs},
        lot__isnull=False,
    ).select_related("lot__test_article")
    lots = _curve_name_lots(wells)
    zone = timezone.get_current_timezone()
    out: list[Observation] = []
    for run in runs:
        version = versions.get(run.pk)
        result = version.result if version is not None else None
        if not isinstance(result, dict):
            continue
        qc = result.get("qc") or {}
        potency = {p.get("sample"): p for p in result.get("potency") or [] if isinstance(p, dict)}
        unit = next((s.get("unit") for s in result.get("standards") or [] if s.get("unit")), None)
        ref_lot = lots.get(run.layout_id, {}).get("reference")
        for curve in result.get("curves") or []:
            if not isinstance(curve, dict):
                continue
            role = curve.get("role") or "test"
            sample = str(curve.get("sample") or "")
            lot = ref_lot if role == "reference" else lots.get(run.layout_id, {}).get(("test", sample))
            params = curve.get("parameters") or {}
            ses = curve.get("standard_errors") or {}
            rp = potency.get(sample) if role == "test" else None
            article = lot.test_article if lot is not None else None
            out.append(
                Observation(
                    run_id=run.pk,
                    run_name=run.name,
                    version=version.version,
                    n_versions=counts.get(run.pk, version.version),
                    date=timezone.localtime(run.created_at, zone).date(),
                    analyst=(run.created_by.get_full_name() or run.created_by.username)
                    if run.created_by
                    else "",
                    cell_line_id=run.cell_line_id,
                    cell_line=run.cell_line.name if run.cell_line else None,
                    cd25=run.cell_line.cd25 if run.cell_line else None,
                    lot_id=lot.pk if lot else None,
                    lot_number=lot.lot_number if lot else None,
                    article_id=article.pk if article else None,
                    article=article.name if article else None,
                    article_kind=article.kind if article else None,
                    role=role,
                    sample=sample,
                    unit=unit,
                    ec50=_number(params.get("ec50")),
                    log10_ec50=_number(params.get("log_ec50")),
                    se_log10_ec50=_number(ses.get("log_ec50")),
                    ec50_se=_number(ses.get("ec50")),
                    ec50_ci95=curve.get("ec50_ci95"),
                    df=curve.get("df"),
                    top=_number(params.get("top")),
                    bottom=_number(params.get("bottom")),
                    hill=_number(params.get("hill_slope")),
                    fit_flags=list(curve.get("flags") or []),
                    z_prime=_number(qc.get("z_prime")),
                    accepted=qc.get("accepted"),
                    reasons=list(qc.get("reasons") or []),
                    relative_potency=_number(rp.get("relative_potency")) if rp else None,
                    rp_ci95=rp.get("ci95") if rp else None,
                    log10_rp=_number(rp.get("log10_rp")) if rp else None,
                    se_log10_rp=_number(rp.get("se_log10_rp")) if rp else None,
                    rp_df=rp.get("df") if rp else None,
                    similar=rp.get("similar") if rp else None,
                    rp_withheld=rp.get("withheld") if rp else None,
                    reference=ref_lot.test_article.name if ref_lot is not None else None,
                )
            )
    return out


def lots_of(lab, article_ids) -> list[Lot]:
    return list(Lot.objects.filter(lab=lab, test_article_id__in=list(article_ids)).order_by("lot_number"))


# ---- receptor selectivity ------------------------------------------------------------------------

#: fit flags that leave a curve's EC50 not estimable (the flag's words are the reason)
NOT_ESTIMABLE = {
    "no_convergence",
    "ec50_outside_range",
    "parameter_at_bound",
    "singular_covariance",
    "too_few_points",
    "constant_signal",
    "curve_not_fitted",
}


def ec50_estimate(o: Observation | None):
    """The selectivity module's EC50 of one curve; not estimable (with the reason in words) when the
    molecule was not tested or the fit does not give an EC50."""
    from assays.analysis.selectivity import EC50Estimate
    from assays.labels import flag_description

    if o is None:
        return EC50Estimate.not_estimable("not tested on these cells")
    bad = [f for f in o.fit_flags if f in NOT_ESTIMABLE]
    if bad or o.log10_ec50 is None:
        return EC50Estimate.not_estimable(
            "; ".join(flag_description(f) for f in bad) or "the fit gives no EC50"
        )
    return EC50Estimate(
        log10_ec50=o.log10_ec50,
        se_log10=o.se_log10_ec50,
        df=o.df if isinstance(o.df, int) and o.df > 0 else None,
        ec50=o.ec50,
        se_ec50=o.ec50_se,
    )


def molecule_key(o: Observation) -> str:
    """A molecule in a selectivity table: the article and lot (two lots of one article are two rows)."""
    if o.article is None:
        return o.sample
    return f"{o.article} · {o.lot_number}"


@dataclass
class SelectivityPair:
    date: dt.date
    pos: Observation  # any curve of the CD25⁺ run (run, cells)
    neg: Observation
    result: dict  # assays.analysis.selectivity.SelectivityResult.to_dict(), rows with article ids
    rows: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.pos.run_id}-{self.neg.run_id}"


def _by_run(obs: list[Observation]) -> dict[int, list[Observation]]:
    runs: dict[int, list[Observation]] = defaultdict(list)
    for o in obs:
        runs[o.run_id].append(o)
    return runs


def selectivity_pair(pos_curves: list[Observation], neg_curves: list[Observation]) -> SelectivityPair:
    """Selectivity of every molecule of a CD25⁺ run and a CD25⁻ run (the wild type: the reference
    standard when it is wild-type IL-2, else the first wild-type curve)."""
    from assays.analysis.selectivity import MoleculeEC50s, analyse_selectivity

    pos = {molecule_key(o): o for o in pos_curves}
    neg = {molecule_key(o): o for o in neg_curves}
    names = list(dict.fromkeys([*pos, *neg]))
    wild = [
        o
        for o in [*pos_curves, *neg_curves]
        if o.article_kind == "il2_wild_type" and molecule_key(o) in pos and molecule_key(o) in neg
    ]
    wild.sort(key=lambda o: o.role != "reference")
    wild_type = molecule_key(wild[0]) if wild else None
    result = analyse_selectivity(
        [MoleculeEC50s(n, ec50_estimate(pos.get(n)), ec50_estimate(neg.get(n))) for n in names],
        wild_type=wild_type,
    ).to_dict()
    for row in result["molecules"]:
        o = pos.get(row["molecule"]) or neg.get(row["molecule"])
        row["article_id"] = o.article_id
        row["article"] = o.article or o.sample
        row["lot"] = o.lot_number
        row["unit"] = o.unit
    return SelectivityPair(
        date=pos_curves[0].date, pos=pos_curves[0], neg=neg_curves[0], result=result, rows=result["molecules"]
    )


def selectivity_pairs(obs: list[Observation]) -> tuple[list[SelectivityPair], list[Observation]]:
    """(pairs, runs without cells): every CD25⁺ run paired with every CD25⁻ run of the same day, newest
    day first; the runs that do not name their cells are returned so that a page can say which."""
    runs = _by_run(obs)
    unset = [curves[0] for curves in runs.values() if curves[0].cd25 is None]
    days: dict[dt.date, dict[bool, list[list[Observation]]]] = defaultdict(lambda: {True: [], False: []})
    for curves in runs.values():
        if curves[0].cd25 is not None:
            days[curves[0].date][curves[0].cd25].append(curves)
    pairs = [
        selectivity_pair(p, n)
        for day in sorted(days, reverse=True)
        for p in days[day][True]
        for n in days[day][False]
    ]
    return pairs, unset


# ---- potency over time (Levey–Jennings, Westgard) -----------------------------------------------

#: what a control chart can follow: (label, on a log scale, how the value is read)
METRICS = {
    "ec50": ("EC50", True),
    "relative_potency": ("Relative potency", True),
    "top": ("Top", False),
    "bottom": ("Bottom", False),
    "hill": ("Hill slope", False),
    "z_prime": ("Z′", False),
}


def metric_value(o: Observation, metric: str) -> float | None:
    value = getattr(o, metric)
    if METRICS[metric][1] and value is not None and value <= 0:
        return None
    return value


@dataclass
class ControlChart:
    metric: str
    label: str
    log: bool
    unit: str | None
    points: list  # [{"o": Observation, "value", "z", "status", "rules", "completes", "baseline"}]
    limits: dict | None  # LeveyJennings.to_dict()
    error: str | None = None

    @property
    def flagged(self) -> list:
        return [p for p in self.points if p["status"] in ("rejection", "warning")]


@dataclass
class ChartChoice:
    curves: list
    role: str
    metric: str
    cell_line_id: int | None


def chart_curves(
    mine: list[Observation],
    *,
    role=None,
    metric=None,
    lot=None,
    cell_line_id=None,
    analyst=None,
    date_from=None,
    date_to=None,
) -> ChartChoice:
    """Which of a molecule's curves a control chart follows. Unless told: its reference-standard curves
    when it is a reference standard (its EC50), else its test curves (their relative potency, or EC50
    when no run gave one), on the cells most of them were measured on (one chart is one assay)."""
    role = role or ("reference" if any(o.role == "reference" for o in mine) else "test")
    curves = [o for o in mine if o.role == role]
    if lot:
        curves = [o for o in curves if (o.lot_number or "").lower() == lot.strip().lower()]
    if analyst:
        curves = [o for o in curves if analyst.strip().lower() in o.analyst.lower()]
    if date_from:
        curves = [o for o in curves if o.date >= date_from]
    if date_to:
        curves = [o for o in curves if o.date <= date_to]
    if cell_line_id is None:
        counts: dict = defaultdict(int)
        for o in curves:
            counts[o.cell_line_id] += 1
        cell_line_id = max(counts, key=counts.get) if counts else None
    curves = [o for o in curves if o.cell_line_id == cell_line_id]
    if not metric:
        metric = (
            "ec50"
            if role == "reference" or not any(o.relative_potency for o in curves)
            else "relative_potency"
        )
    return ChartChoice(curves, role, metric, cell_line_id)


def control_chart(curves: list[Observation], metric: str, *, baseline: int = 10) -> ControlChart:
    """A Levey–Jennings chart of one metric over ``curves`` (in time order) with the Westgard flags; the
    baseline is the first ``baseline`` curves that have a value."""
    from assays.analysis.monitoring import levey_jennings, westgard

    label, log = METRICS[metric]
    curves = sorted(curves, key=lambda o: (o.date, o.run_id))
    values = [metric_value(o, metric) for o in curves]
    have = [i for i, v in enumerate(values) if v is not None]
    chosen = have[:baseline]
    unit = next((o.unit for o in curves if o.unit), None) if metric == "ec50" else None
    points = [
        {
            "o": o,
            "value": v,
            "z": None,
            "status": "missing" if v is None else "in_control",
            "rules": [],
            "completes": [],
            "baseline": i in chosen,
        }
        for i, (o, v) in enumerate(zip(curves, values, strict=True))
    ]
    try:
        lj = levey_jennings(values, chosen, log=log)
    except ValueError as exc:
        return ControlChart(metric, label, log, unit, points, None, error=str(exc))
    for point, flags in zip(points, westgard(lj.z_scores(values)), strict=True):
        point.update(z=flags.z, status=flags.status, rules=list(flags.rules), completes=list(flags.completes))
    return ControlChart(metric, label, log, unit, points, lj.to_dict())
