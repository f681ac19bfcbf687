"""Pages of the molecules app: receptor selectivity, potency over time, lot release, cell lines and
molecules side by side. Every number is read from stored run results (molecules.selectors) and the
pure functions of assays.analysis (selectivity, monitoring); nothing is fitted here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render

from assays import services as assay_services
from assays.errors import RunInputError
from assays.forms import CellLineForm
from assays.models import AssayRun, CellLine
from il2portal.models import Lot, TestArticle
from il2portal.tenancy import current_lab_or_404, get_scoped_or_404
from molecules import services
from molecules.comparison import molecule_summaries
from molecules.figures import control_chart_figure, selectivity_figure
from molecules.forms import CompareForm, MonitoringForm, ReleaseForm
from molecules.labels import WESTGARD_RULES
from molecules.models import LotRelease
from molecules.selectors import (
    METRICS,
    chart_curves,
    control_chart,
    observations,
    selectivity_pair,
    selectivity_pairs,
)
from molecules.services import ReleaseInputError, exclusion_reason, release_candidates

FIGURE_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def _figure(fig: dict) -> dict:
    return {**fig, "config": FIGURE_CONFIG}


@login_required
def cell_lines(request):
    lab = current_lab_or_404(request)
    form = CellLineForm()
    if request.method == "POST":
        form = CellLineForm(request.POST)
        if form.is_valid():
            try:
                line = assay_services.cell_line_create(lab=lab, user=request.user, **form.cleaned_data)
            except RunInputError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"Added {line.name}.")
                return redirect("molecules:cell-lines")
    lines = CellLine.objects.filter(lab=lab).order_by("name")
    counts = dict(
        AssayRun.objects.filter(lab=lab, cell_line__isnull=False)
        .values_list("cell_line")
        .annotate(n=Count("id"))
        .values_list("cell_line", "n")
    )
    for line in lines:
        line.n_runs = counts.get(line.pk, 0)
    return render(request, "molecules/cell_lines.html", {"lines": lines, "form": form})


@login_required
def selectivity(request):
    """Pairs of a CD25⁺ and a CD25⁻ run of the same day (or two runs chosen with ?pos=&neg=)."""
    lab = current_lab_or_404(request)
    errors: list[str] = []
    chosen = None
    obs = observations(lab)
    pairs, unset = selectivity_pairs(obs)
    pos_id, neg_id = request.GET.get("pos"), request.GET.get("neg")
    if pos_id or neg_id:
        by_run = {}
        for o in obs:
            by_run.setdefault(str(o.run_id), []).append(o)
        pos, neg = by_run.get(pos_id or ""), by_run.get(neg_id or "")
        if pos is None or neg is None:
            errors.append(
                "Choose two analysed bioassay runs of your lab: one on CD25⁺ and one on CD25⁻ cells."
            )
        else:
            missing = [c[0].run_name for c in (pos, neg) if c[0].cd25 is None]
            if missing:
                errors.append(
                    f"{' and '.join(missing)} {'does' if len(missing) == 1 else 'do'} not name the cells: set them "
                    "on the run page. Without the cells the portal cannot tell CD25⁺ from CD25⁻."
                )
            elif pos[0].cd25 is not True or neg[0].cd25 is not False:
                errors.append(
                    f"The first run must be on CD25⁺ cells and the second on CD25⁻ cells ({pos[0].run_name}: "
                    f"{pos[0].cells}; {neg[0].run_name}: {neg[0].cells})."
                )
            else:
                chosen = selectivity_pair(pos, neg)
    elif pairs:
        wanted = request.GET.get("pair")
        chosen = next((p for p in pairs if p.key == wanted), pairs[0])
    figure = None
    if chosen is not None:
        unit = next((r["unit"] for r in chosen.rows if r.get("unit")), None)
        figure = _figure(
            selectivity_figure(
                chosen.rows, unit=unit, pos_cells=chosen.pos.cell_line, neg_cells=chosen.neg.cell_line
            )
        )
    runs = sorted({(o.run_id, o.run_name, o.cells, o.cd25) for o in obs}, key=lambda r: r[1])
    return render(
        request,
        "molecules/selectivity.html",
        {
            "pairs": pairs,
            "pair": chosen,
            "unset": unset,
            "errors": errors,
            "figure": figure,
            "runs": runs,
            "pos_id": pos_id,
            "neg_id": neg_id,
        },
        status=400 if errors else 200,
    )


def chart_for(lab, data: dict, *, article=None):
    """The control chart a monitoring form (or the API) asks for, and the molecule's curves it drew from."""
    article = article or data.get("article")
    obs = observations(lab, article_ids=[article.pk] if article else None)
    mine = [o for o in obs if article is None or o.article_id == article.pk]
    cell_line = data.get("cell_line")
    choice = chart_curves(
        mine,
        role=data.get("role"),
        metric=data.get("metric"),
        lot=data.get("lot"),
        cell_line_id=cell_line.pk if cell_line else None,
        analyst=data.get("analyst"),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    chart = control_chart(choice.curves, choice.metric, baseline=data.get("baseline") or 10)
    return chart, choice, mine


@login_required
def monitoring(request):
    lab = current_lab_or_404(request)
    form = MonitoringForm(request.GET or None, lab=lab)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    article = data.get("article")
    if article is None and not form.errors:
        # the lab's reference standard: the molecule whose curves are most often the reference
        from collections import Counter

        refs = Counter(o.article_id for o in observations(lab) if o.role == "reference" and o.article_id)
        if refs:
            article = TestArticle.objects.filter(lab=lab, pk=refs.most_common(1)[0][0]).first()
    chart = figure = None
    role = metric = None
    lots = cells = analysts = []
    if article is not None and not form.errors:
        chart, choice, mine = chart_for(lab, data, article=article)
        role, metric = choice.role, choice.metric
        lots = sorted({o.lot_number for o in mine if o.lot_number})
        cells = sorted({o.cell_line for o in mine if o.cell_line})
        analysts = sorted({o.analyst for o in mine if o.analyst})
        title = f"{article.name}: {chart.label}" + (
            " of the reference standard" if role == "reference" else ""
        )
        figure = _figure(control_chart_figure(chart, title=title))
    return render(
        request,
        "molecules/monitoring.html",
        {
            "form": form,
            "article": article,
            "chart": chart,
            "figure": figure,
            "role": role,
            "metric": metric,
            "metrics": METRICS,
            "lots": lots,
            "cells": cells,
            "analysts": analysts,
            "cell_line_id": choice.cell_line_id if chart else None,
            "rules": list(WESTGARD_RULES.items()),
        },
        status=400 if form.errors else 200,
    )


@login_required
def release_new(request, pk: int):
    lot = get_scoped_or_404(Lot.objects.select_related("test_article"), request, pk=pk)
    lab = lot.lab
    candidates = release_candidates(lab, lot)
    choices = [(o.run_id, o.run_name) for o in candidates]
    counts: dict[int, int] = {}
    for o in candidates:
        if o.cell_line_id:
            counts[o.cell_line_id] = counts.get(o.cell_line_id, 0) + 1
    initial_cells = max(counts, key=counts.get) if counts else None
    # ticked at first: the newest runs on the cells most of the lot's runs were done on
    same_cells = [o.run_id for o in candidates if o.cell_line_id == initial_cells]
    form = ReleaseForm(
        request.POST or None,
        lab=lab,
        run_choices=choices,
        initial={"cell_line": initial_cells, "runs": same_cells[-lot.test_article.release_min_runs :]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            release = services.lot_release_create(
                lab=lab,
                user=request.user,
                lot=lot,
                cell_line=data["cell_line"],
                runs=list(AssayRun.objects.filter(lab=lab, pk__in=data["runs"])),
                reason=data["reason"],
                method=data["method"],
            )
        except ReleaseInputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Lot {lot.lot_number}: release version {release.version} stored.")
            return redirect("molecules:release-detail", pk=release.pk)
    rows = [{"o": o, "excluded": exclusion_reason(o)} for o in candidates]
    return render(
        request,
        "molecules/release_new.html",
        {"lot": lot, "article": lot.test_article, "form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


@login_required
def release_detail(request, pk: int):
    release = get_scoped_or_404(
        LotRelease.objects.select_related("lot__test_article", "cell_line", "created_by"), request, pk=pk
    )
    versions = list(
        LotRelease.objects.filter(lot=release.lot)
        .order_by("-version")
        .only("pk", "version", "passed", "created_at")
    )
    return render(
        request,
        "molecules/release_detail.html",
        {
            "release": release,
            "versions": versions,
            "result": release.result,
            "article": release.lot.test_article,
        },
    )


@login_required
def compare(request):
    lab = current_lab_or_404(request)
    form = CompareForm(request.GET or None, lab=lab)
    summaries = []
    if form.is_bound and form.is_valid():
        summaries = molecule_summaries(lab, form.cleaned_data["ids"])
    return render(
        request,
        "molecules/compare.html",
        {
            "form": form,
            "summaries": summaries,
            "articles": TestArticle.objects.filter(lab=lab).order_by("kind", "name"),
        },
        status=400 if form.errors else 200,
    )
