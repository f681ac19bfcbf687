"""Pages of the assays app: upload, plate list, plate page, imports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from assays import labels, readers, services
from assays.analysis import kinetics
from assays.analysis.curves import CurveFitError, get_model
from assays.analysis.elisa import ElisaSettings
from assays.analysis.parameters import parameter_rows
from assays.analysis.potency import PotencySettings
from assays.analysis.qc import AcceptanceCriteria
from assays.analysis.timecourse import Observation, summarise_time_course
from assays.api.plates import original_response
from assays.errors import RunInputError
from assays.exports import XLSX_TYPE, plate_long_csv, run_result_csv, run_result_xlsx
from assays.figures import (
    EXPORT_CONFIG,
    plate_heatmap,
    potency_figure,
    read_name,
    read_unit,
    recovery_figure,
    row_labels,
    series_traces_figure,
    signal_label,
    sparkline_grid,
    standard_curve_figure,
    time_course_figure,
    well_trace_figure,
)
from assays.filters import PlateFilter, PlateImportFilter, RunFilter
from assays.forms import (
    REFERENCE_CHOICES,
    ReanalyseForm,
    ReductionForm,
    RunCellLineForm,
    RunForm,
    add_input_error,
)
from assays.models import AssayRun, Layout, LayoutWell, Plate, PlateImport, Read, RunResult
from assays.selectors import (
    _excluded_for,
    dilution_linearity_table,
    flag_words,
    read_matrices,
    read_values,
    run_inputs_with_reads,
    run_standard_points,
    run_version_diff,
)
from assays.signing import KIND as RUN_VERSION
from il2portal import formatting, signing
from il2portal.audit import audit_trail
from il2portal.models import Lot
from il2portal.queries import count_of
from il2portal.review_views import review_card, role_of
from il2portal.tenancy import current_lab, get_scoped_or_404

PAGE_SIZE = 50  # rows of a list page; the page links keep the list's filters


def _page(request, queryset):
    """The ?page= of a list (the last page for a number past it, the first for anything else)."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def upload(request):
    return render(
        request, "assays/upload.html", {"formats": readers.FORMATS, "current": current_lab(request)}
    )


@login_required
def plate_list(request):
    lab = current_lab(request)
    base = Plate.objects.filter(lab=lab).select_related("stored_file", "uploaded_by").order_by("-created_at")
    filterset = PlateFilter(request.GET, queryset=base)
    page = _page(request, filterset.qs)
    reads = {}
    for plate_id, label in Read.objects.filter(plate__in=[p.pk for p in page]).values_list(
        "plate_id", "label"
    ):
        reads.setdefault(plate_id, []).append(label)
    for plate in page:
        plate.read_labels = reads.get(plate.pk, [])
    vendors = list(
        Plate.objects.filter(lab=lab).order_by("vendor").values_list("vendor", flat=True).distinct()
    )
    return render(request, "assays/plate_list.html", {"page": page, "filter": filterset, "vendors": vendors})


def _read_settings(read) -> list[tuple[str, str]]:
    """What the file says about a read (excitation, bandwidth, gain, temperature, kinetic interval, read
    times ...), for the page."""
    meta = read.metadata or {}
    out = []

    def num(value) -> str:
        return f"{value:g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)

    def span(values, unit: str) -> str | None:
        nums = [v for v in values or [] if isinstance(v, int | float) and not isinstance(v, bool)]
        if not nums:
            return None
        lo, hi = min(nums), max(nums)
        return f"{lo:g}{unit}" if lo == hi else f"{lo:g}–{hi:g}{unit} ({len(nums)} readings)"

    for key, label, unit in (
        ("excitation_nm", "Excitation", " nm"),
        ("bandwidth_nm", "Bandwidth", " nm"),
        ("excitation_bandwidth_nm", "Excitation bandwidth", " nm"),
        ("gain", "Gain", ""),
        ("flashes", "Flashes", ""),
        ("read_height_mm", "Read height", " mm"),
        ("cutoff_nm", "Cutoff filter", " nm"),
        ("temperature_c", "Temperature", " °C"),
        ("temperatures_c", "Temperatures", " °C"),
        ("interval_s", "Interval", " s"),
        ("run_time_s", "Run time", " s"),
        ("declared_time_points", "Declared time points", ""),
        ("read_times_s", "Read times", " s"),
        ("well_time_offsets_s", "Well read offsets", " s"),
        ("spectrum_nm", "Spectrum", " nm"),
        ("scan", "Scan", ""),
        ("technology", "Technology", ""),
        ("start_time", "Read at", ""),
        ("data_type", "SoftMax Pro data type", ""),
    ):
        value = meta.get(key)
        if value in (None, "", [], {}):
            continue
        if key == "spectrum_nm" and isinstance(value, list) and len(value) == 3 and None not in value:
            out.append((label, f"{value[0]:g}–{value[1]:g} nm, step {value[2]:g}"))
        elif isinstance(value, list):
            text = span(value, unit)
            if text:
                out.append((label, text))
        elif isinstance(value, dict):
            text = span(list(value.values()), unit)
            if text:
                out.append((label, text))
        else:
            out.append((label, f"{num(value)}{unit}"))
    return out


def _reduction_table(s) -> list[tuple[str, list]]:
    """Per well: max slope (5 points), time to max, AUC, mean, last (the portal's own reductions)."""
    rows = []
    names = ("max_slope", "time_to_max", "auc", "mean", "last")
    columns = [kinetics.reduce_rows(s.axis, s.values, name) for name in names]
    for i, well in enumerate(s.wells):
        rows.append((well, [col[i] for col in columns]))
    return rows


def _heatmap_unit(read, reduction: str | None) -> str:
    """The unit of a plate heatmap's values: the read's (OD, RLU, RFU), per second for a maximum
    slope, times seconds for an area under the curve, seconds for a time to maximum."""
    unit = read_unit(read.kind)
    if reduction == "time_to_max":
        return "s"
    if reduction == "max_slope":
        return f"{unit}/s" if unit else "per s"
    if reduction == "auc":
        return f"{unit}·s" if unit else "× s"
    return unit


@login_required
def plate_detail(request, pk: int):
    plate = get_scoped_or_404(
        Plate.objects.select_related("stored_file", "uploaded_by", "plate_import"), request, pk=pk
    )
    reduction_form = ReductionForm(request.GET)
    reduction, reduction_kw = reduction_form.chosen()
    chosen_well = (request.GET.get("well") or "").strip().upper()
    panels = []
    for index, matrix in enumerate(read_matrices(plate)):
        read = matrix["read"]
        title = read.label
        if read.wavelength_nm and f"{read.wavelength_nm:g}" not in read.label:
            title += f" · {read.wavelength_nm:g} nm"
        panel = {"read": read, "n_times": matrix["n_times"], "settings": _read_settings(read)}
        values, flags = matrix["values"], matrix["flags"]
        if "series" in matrix:
            s = matrix["series"]
            shown = matrix["shown_as"]
            if reduction:
                values = [[None] * plate.columns for _ in range(plate.rows)]
                flags = [[None] * plate.columns for _ in range(plate.rows)]
                for well, (value, flag) in read_values(read, reduction, **reduction_kw).items():
                    r, c = readers.parse_well(well)
                    if r < plate.rows and c < plate.columns:
                        values[r][c], flags[r][c] = value, ("" if value is not None else flag)
                shown = kinetics.describe(reduction, **reduction_kw)
            title += f" · {shown}"
            axis_name = "wavelengths" if read.mode == "spectral" else "time points"
            panel.update(
                shown=shown,
                axis_summary=f"{len(s.wells)} wells × {len(s.axis)} {axis_name}"
                + (
                    f", {s.axis[0]:g}–{s.axis[-1]:g} {'nm' if read.mode == 'spectral' else 's'}"
                    if s.axis
                    else ""
                ),
                traces_id=f"traces-{index}",
                traces_data_id=f"traces-{index}-data",
                traces=series_traces_figure(
                    s, mode=read.mode, title=f"{read.label}: every well", unit=read_unit(read.kind)
                ),
                sparklines=sparkline_grid(s, plate.rows, plate.columns),
                reductions=_reduction_table(s) if read.mode == "kinetic" else None,
            )
            if read.mode == "kinetic" and s.wells:
                well = chosen_well if chosen_well in s.wells else s.wells[0]
                panel.update(
                    well=well,
                    wells=s.wells,
                    well_trace_id=f"well-trace-{index}",
                    well_trace_data_id=f"well-trace-{index}-data",
                    well_trace=well_trace_figure(s, well, mode=read.mode, unit=read_unit(read.kind)),
                )
        elif matrix["n_times"] > 1:
            title += f" · last of {matrix['n_times']} time points ({matrix['time_s']:g} s)"
        panel.update(
            id=f"heatmap-{index}",
            figure=plate_heatmap(values, flags, title=title, unit=_heatmap_unit(read, reduction)),
            data_id=f"heatmap-{index}-data",
            rows=[
                (label, list(zip(vals, fls, strict=True)))
                for label, vals, fls in zip(row_labels(plate.rows), values, flags, strict=True)
            ],
        )
        panels.append(panel)
    return render(
        request,
        "assays/plate_detail.html",
        {
            "plate": plate,
            "panels": panels,
            "columns": range(1, plate.columns + 1),
            "other_plates": Plate.objects.filter(stored_file=plate.stored_file).exclude(pk=plate.pk),
            "runs": plate.runs.order_by("-created_at").only("id", "name", "kind", "created_at")[:20],
            "has_series": any("traces" in p for p in panels),
            "reduction": reduction or "",
            "reduction_kw": reduction_kw,
            "reduction_form": reduction_form,
            "history": audit_trail(plate),
        },
    )


@login_required
def plate_original(request, pk: int):
    plate = get_scoped_or_404(Plate.objects.select_related("stored_file"), request, pk=pk)
    return original_response(plate.stored_file)


@login_required
def plate_csv(request, pk: int):
    plate = get_scoped_or_404(Plate, request, pk=pk)
    response = HttpResponse(plate_long_csv(plate), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plate-{plate.pk}-long.csv"'
    return response


@login_required
def import_list(request):
    lab = current_lab(request)
    imports = (
        PlateImport.objects.filter(lab=lab)
        .select_related("stored_file", "created_by")
        .prefetch_related("plates")
        .order_by("-created_at")
    )
    filterset = PlateImportFilter(request.GET, queryset=imports)
    return render(
        request,
        "assays/import_list.html",
        {"page": _page(request, filterset.qs), "filter": filterset, "formats": readers.FORMATS},
    )


# ---------------------------------------------------------------------------------------------- layouts


@login_required
def layout_list(request):
    lab = current_lab(request)
    # each count is its own subquery: two counts over joins would multiply the rows (wells x runs)
    # before counting; "used" leaves out wells marked empty
    layouts = (
        Layout.objects.filter(lab=lab)
        .annotate(
            n_wells=count_of(
                LayoutWell.objects.filter(layout=OuterRef("pk")).exclude(role=LayoutWell.Role.EMPTY)
            ),
            n_runs=count_of(AssayRun.objects.filter(layout=OuterRef("pk"))),
        )
        .select_related("created_by")
        .order_by("name", "pk")
    )
    return render(request, "assays/layout_list.html", {"page": _page(request, layouts)})


@login_required
def layout_new(request):
    lab = current_lab(request)
    source = None
    initial = {"rows": 8, "columns": 12, "wells": []}
    if request.GET.get("from"):
        source = get_scoped_or_404(Layout.objects.prefetch_related("wells"), request, pk=request.GET["from"])
        initial = {
            "rows": source.rows,
            "columns": source.columns,
            "wells": [_layout_well_dict(w) for w in source.wells.all()],
        }
    return render(
        request,
        "assays/layout_editor.html",
        {
            "initial": initial,
            "source": source,
            "rows": initial["rows"],
            "columns": initial["columns"],
            "roles": [(value, labels.role_name(value)) for value in LayoutWell.Role.values],
            "geometries": sorted(readers.PLATE_GEOMETRIES.items()),
            "lots": Lot.objects.filter(lab=lab).select_related("test_article"),
        },
    )


def _layout_well_dict(w: LayoutWell) -> dict:
    return {
        "well": w.well,
        "role": w.role,
        "group": w.group,
        "sample": w.sample,
        "concentration": w.concentration,
        "unit": w.unit,
        "dilution_factor": w.dilution_factor,
        "lot": w.lot_id,
    }


@login_required
def layout_detail(request, pk: int):
    layout = get_scoped_or_404(Layout.objects.select_related("created_by"), request, pk=pk)
    wells = list(layout.wells.select_related("lot__test_article"))
    by_well = {w.well: w for w in wells}
    grid = [
        (label, [by_well.get(readers.well_name(r, c)) for c in range(layout.columns)])
        for r, label in enumerate(row_labels(layout.rows))
    ]
    return render(
        request,
        "assays/layout_detail.html",
        {
            "layout": layout,
            "grid": grid,
            "wells": wells,
            "n_used": sum(1 for w in wells if w.role != LayoutWell.Role.EMPTY),
            "columns": range(1, layout.columns + 1),
            "runs": layout.runs.order_by("-created_at")[:20],
            "history": audit_trail(layout),
        },
    )


# ---------------------------------------------------------------------------------------------- runs


@login_required
def run_list(request):
    lab = current_lab(request)
    runs_qs = (
        AssayRun.objects.filter(lab=lab)
        .select_related("layout", "created_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=RunResult.objects.order_by("version").only(
                    "id", "run_id", "version", "status", "created_at", "summary"
                ),
            )
        )
        .annotate(n_plates=Count("plates", distinct=True))
        .order_by("-created_at")
    )
    filterset = RunFilter(request.GET, queryset=runs_qs)
    series = (
        AssayRun.objects.filter(lab=lab)
        .exclude(series="")
        .values("series")
        .annotate(n=Count("id"))
        .order_by("series")
    )
    return render(
        request,
        "assays/run_list.html",
        {"page": _page(request, filterset.qs), "filter": filterset, "series": series},
    )


@login_required
def run_new(request):
    lab = current_lab(request)
    form = RunForm(request.POST if request.method == "POST" else None, lab=lab)
    if form.is_valid():
        data = form.cleaned_data
        try:
            run, _version = services.run_create(
                lab=lab,
                user=request.user,
                kind=data["kind"],
                layout=data["layout"],
                plates=list(data["plates"]),
                name=data["name"] or f"{data['layout'].name} run",
                settings=form.run_settings(),
                series=data["series"],
                timepoint_h=data["timepoint_h"],
                cell_line=data["cell_line"],
            )
        except RunInputError as exc:
            add_input_error(form, exc)
        else:
            return redirect("assays:run-detail", pk=run.pk)
    if not form.is_bound:  # ?layout= from "Analyse plates with it" on a layout's page, and the like
        form.initial = {name: request.GET.get(name) for name in form.fields if name in request.GET}
        form.initial["plates"] = request.GET.getlist("plates")
    return render(request, "assays/run_new.html", {"form": form})


@login_required
def run_detail(request, pk: int):
    run = get_scoped_or_404(
        AssayRun.objects.select_related("layout", "created_by", "cell_line"), request, pk=pk
    )
    versions = list(RunResult.objects.filter(run=run).select_related("created_by", "job").order_by("version"))
    cells_form = RunCellLineForm(initial={"cell_line": run.cell_line_id}, lab=run.lab_id)
    if request.method == "POST" and request.POST.get("form") == "cell_line":
        cells_form = RunCellLineForm(request.POST, lab=run.lab_id)
        if cells_form.is_valid():
            line = cells_form.cleaned_data["cell_line"]
            try:
                services.run_update(run=run, user=request.user, cell_line=line)
            except RunInputError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, f"The run's cells are now {line}." if line else "Cleared the run's cells."
                )
            return redirect("assays:run-detail", pk=run.pk)
    form = ReanalyseForm(request.POST) if request.method == "POST" and "form" not in request.POST else None
    if form is not None and form.is_valid():
        try:
            version = services.run_reanalyse(
                run=run,
                user=request.user,
                excluded_wells=form.cleaned_data["excluded_wells"],
                settings=form.changed_settings(),
                reason=form.cleaned_data["reason"],
            )
        except RunInputError as exc:
            add_input_error(form, exc)
        else:
            messages.success(
                request, f"Version {version.version} is being computed; earlier versions are kept."
            )
            return redirect("assays:run-detail", pk=run.pk)
    wanted = request.GET.get("version")
    version = next((v for v in versions if str(v.version) == wanted), versions[-1] if versions else None)
    reviews = signing.reviews_of(RUN_VERSION, [v.pk for v in versions])
    for v in versions:
        v.review = reviews.get(v.pk)
    review = None
    if version is not None:
        review = review_card(
            request, lab=run.lab, kind=RUN_VERSION, obj=version, review=reviews.get(version.pk),
            role=role_of(request, run.lab),
        )  # fmt: skip
    result = (version.result or {}) if version else {}
    plates = list(run.plates.order_by("pk"))
    names = {p.pk: p.name for p in plates}
    for key in ("samples", "standards", "qcs"):
        for row in result.get(key, []) or []:
            row["plate_name"] = names.get(row.get("plate"), "")
    criteria = _acceptance(version)
    # the group column says something only where the layout named groups (else it is "<sample>@<dilution>")
    show_group = any(
        row.get("group") != f"{row.get('sample') or 'sample'}@{(row.get('dilution_factor') or 1):g}"
        for row in result.get("samples", []) or []
        if row.get("dilution_factor") is not None or run.kind == AssayRun.Kind.ELISA
    )
    for row in result.get("samples", []) or []:
        if row.get("flag"):
            row["flag_text"] = flag_words(row["flag"], criteria.max_cv_pct)
    unit = next((s.get("unit") for s in result.get("standards", []) if s.get("unit")), "") or ""
    figures = []
    inputs = run_inputs_with_reads(run, version.settings, version.excluded_wells) if result else []
    signal = _signal_label(run, version, result, inputs)
    many = len(plates) > 1
    tokens_in_form = set()
    if result:
        tokens_in_form = {w.strip() for w in version.excluded_wells or []}
    if result and run.kind == AssayRun.Kind.ELISA:
        points = run_standard_points(run, version, [(p, items) for p, items, _, _ in inputs])
        for plate_id, plate_points in points.items():
            for point in plate_points:
                point["token"] = f"{plate_id}:{point['well']}" if many else point["well"]
        per_plate = result.get("plates") or []
        if len(per_plate) > 1 and all(p.get("curve") for p in per_plate):
            for plate_result in per_plate:
                sub = {
                    **result,
                    "curve": plate_result["curve"],
                    "qc": plate_result.get("qc") or {},
                    "standards": [
                        s for s in result.get("standards", []) if s.get("plate") == plate_result["plate"]
                    ],
                    "samples": [
                        s for s in result.get("samples", []) if s.get("plate") == plate_result["plate"]
                    ],
                }
                figures.append(
                    (
                        "curve",
                        standard_curve_figure(
                            sub,
                            points.get(plate_result["plate"], []),
                            title=f"Standard curve · {plate_result['name']}",
                            unit=unit,
                            signal=signal,
                        ),
                    )
                )
        else:
            all_points = [p for plate_points in points.values() for p in plate_points]
            figures.append(
                (
                    "curve",
                    standard_curve_figure(
                        result, all_points, title="Standard curve", unit=unit, signal=signal
                    ),
                )
            )
        if any(s.get("recovery_pct") is not None for s in result.get("standards", [])):
            figures.append(
                (
                    "recovery",
                    recovery_figure(
                        result,
                        plates=[(p.pk, p.name) for p in plates],
                        unit=unit,
                        tolerance_pct=criteria.standard_tolerance_pct,
                    ),
                )
            )
    elif result:
        points = [
            {
                "series": (result.get("curves") or [{}])[0].get("sample"),
                "dose": s.get("nominal"),
                "response": s.get("mean_signal"),
            }
            for s in result.get("standards", [])
        ]
        points += [
            {"series": s.get("sample"), "dose": s.get("dose"), "response": s.get("mean_signal")}
            for s in result.get("samples", [])
        ]
        figures.append(("potency", potency_figure(result, points, unit=unit, response=signal)))
    for plate, items, primary, _ in inputs:
        figures.append(
            (
                "platemap",
                _run_plate_map(plate, items, primary, many=many, excluded=tokens_in_form),
            )
        )
    if form is None:
        form = ReanalyseForm(initial={"excluded_wells": ", ".join(version.excluded_wells) if version else ""})
    diff = None
    if version and version.version > 1:
        previous = next((v for v in versions if v.version == version.version - 1), None)
        if previous is not None:
            diff = run_version_diff(previous.result, version.result, words=True)
            diff["inputs"] = _input_changes(previous, version)
            for row in diff["samples"]:
                row["plate_name"] = names.get(row["plate"], "")
    return render(
        request,
        "assays/run_detail.html",
        {
            "run": run,
            "cells_form": cells_form,
            "version": version,
            "versions": versions,
            "result": result,
            "plates": plates,
            "unit": unit,
            "fit": _fit_in_words(result, version) if run.kind == AssayRun.Kind.ELISA and result else {},
            "curve_parameters": curve_parameters(result, unit=unit, plates=names),
            "linearity": dilution_linearity_table(result, names) if run.kind == AssayRun.Kind.ELISA else None,
            "signal": signal,
            "token_plate_prefix": many,
            "show_group": show_group,
            "criteria": criteria,
            "ich_m10": criteria == AcceptanceCriteria(),
            "qc_rule": _qc_rule(criteria, result) if result.get("qcs") else None,
            "figures": [
                {
                    "id": f"fig-{i}",
                    "data_id": f"fig-{i}-data",
                    "kind": kind,
                    "clickable": kind in ("curve", "platemap"),
                    "wide": kind == "recovery" and many,
                    "figure": {**fig, "config": EXPORT_CONFIG},
                }
                for i, (kind, fig) in enumerate(figures)
            ],
            "diff": diff,
            "newest": versions[-1] if versions else None,
            "reanalyse_form": form,
            "history": audit_trail(run),
            "busy": version is not None and version.status in ("queued", "running"),
            "review": review,
            "reviews": reviews,
        },
    )


def _input_changes(previous: RunResult, version: RunResult) -> list[str]:
    """What the user changed between two versions, in words: wells excluded or put back, settings."""
    changes = []
    added = [w for w in version.excluded_wells if w not in previous.excluded_wells]
    restored = [w for w in previous.excluded_wells if w not in version.excluded_wells]
    if added:
        changes.append(f"excluded {', '.join(added)}")
    if restored:
        changes.append(f"put back {', '.join(restored)}")
    old, new = previous.settings or {}, version.settings or {}
    words = {
        "model": labels.MODEL_NAMES,
        "weighting": labels.WEIGHTING_NAMES,
        "reference_wavelength_nm": dict(REFERENCE_CHOICES),
    }

    def said(key, value):
        if value is None:
            return "default"
        if isinstance(value, float):
            return formatting.number(value, 4)
        return str(words.get(key, {}).get(value, value))

    for key in sorted(set(old) | set(new)):
        if key != "acceptance" and old.get(key) != new.get(key):
            changes.append(f"{key.replace('_', ' ')}: {said(key, old.get(key))} → {said(key, new.get(key))}")
    if (old.get("acceptance") or {}) != (new.get("acceptance") or {}):
        changes.append("acceptance criteria changed")
    return changes


def _read_dict(read) -> dict | None:
    return (
        None
        if read is None
        else {"kind": read.kind, "wavelength_nm": read.wavelength_nm, "label": read.label}
    )


def _signal_label(run: AssayRun, version: RunResult | None, result: dict, inputs: list) -> str:
    """The curve's y-axis title from the reads the run used: "OD450 − OD570, blank-subtracted",
    "Fold induction over background" (a bioassay's default response)."""
    if not inputs:
        return "Signal"
    settings = (version.settings if version else {}) or {}
    _, _, primary, reference = inputs[0]
    try:  # the subtraction as the analysis read it from the same settings
        parsed = (
            PotencySettings.from_dict(settings)
            if run.kind == AssayRun.Kind.BIOASSAY
            else ElisaSettings.from_dict(settings)
        )
    except (CurveFitError, TypeError, ValueError):
        return "Signal"
    if run.kind == AssayRun.Kind.BIOASSAY:
        if (settings.get("response") or "fold_induction") == "fold_induction":
            return "Fold induction over background"
        return signal_label(_read_dict(primary), blank_subtracted=parsed.background_subtraction)
    qcs = [result.get("qc") or {}] + [p.get("qc") or {} for p in result.get("plates") or []]
    blank_on = parsed.blank_subtraction and any(q.get("blank_mean") is not None for q in qcs)
    return signal_label(_read_dict(primary), _read_dict(reference), blank_subtracted=blank_on)


def _token(plate: Plate, well: str, many: bool) -> str:
    """What a click on a well puts in the run's excluded-wells field: ``B3``, or ``<plate id>:B3`` on a
    run of several plates (the form's syntax, assays.selectors._excluded_for)."""
    return f"{plate.pk}:{well}" if many else well


def _run_plate_map(plate: Plate, items: list, primary, *, many: bool, excluded: set[str]) -> dict:
    """The run's plate map: the read the run analysed (before any subtraction), wells off the layout
    blank, each well's exclusion token for click-to-exclude (``<plate id>:B3`` on a run of several
    plates), the wells this version excluded crossed out."""
    values = [[None] * plate.columns for _ in range(plate.rows)]
    flags = [[None] * plate.columns for _ in range(plate.rows)]
    tokens = [
        [_token(plate, f"{label}{c + 1}", many) for c in range(plate.columns)]
        for label in row_labels(plate.rows)
    ]
    for item in items:
        r, c = readers.parse_well(item.well)
        if r < plate.rows and c < plate.columns:
            values[r][c] = item.value
            flags[r][c] = getattr(item, "flag", None) if item.value is None else None
    shown = {_token(plate, well, many) for well in _excluded_for(plate, sorted(excluded))}
    unit = read_unit(primary.kind) if primary is not None else ""
    name = read_name(primary.kind, primary.wavelength_nm, primary.label) if primary is not None else "signal"
    return plate_heatmap(
        values,
        flags,
        title=f"Plate map · {plate.name} · {name}",
        subtitle="as read, before any subtraction; click a well to exclude it from the next version",
        unit=unit,
        tokens=tokens,
        excluded=shown,
    )


def curve_parameters(result: dict, *, unit: str = "", plates: dict | None = None) -> list[dict]:
    """Per fitted curve (each sample's of a bioassay, each plate's standard curve of an ELISA): Bottom,
    Top, Hill slope and EC50 with their 95 % confidence intervals, formatted (formatting.quantity; the
    EC50 with its unit). The EC50's interval is the stored one (``ec50_ci95``); the others are Wald
    intervals, estimate ± t(0.975, df) × SE, from the stored standard errors."""
    if not result:
        return []
    if result.get("curves"):
        sources = [
            (c.get("sample") or f"curve {i + 1}", "reference" if c.get("role") == "reference" else "test", c)
            for i, c in enumerate(result["curves"])
        ]
    else:
        per_plate = [p for p in result.get("plates") or [] if p.get("curve")]
        if len(per_plate) > 1:
            sources = [
                (p.get("name") or (plates or {}).get(p.get("plate"), ""), "standard curve", p["curve"])
                for p in per_plate
            ]
        elif result.get("curve"):
            sources = [("Standards", "standard curve", result["curve"])]
        else:
            sources = []
    rows = []
    for name, role, curve in sources:
        if not get_model(curve.get("model") or "4PL").sigmoid:  # a log-log line: slope and intercept
            continue
        # estimates and intervals as the run workbook's Parameters sheet has them (one function)
        found = {r["key"]: r for r in parameter_rows(curve)}

        def cell(key, with_unit="", found=found):
            row = found.get(key) or {}
            value, low, high = row.get("estimate"), row.get("ci95_low"), row.get("ci95_high")
            ci = (low, high) if low is not None and high is not None else None
            return {
                "value": value,
                "text": formatting.quantity(value, with_unit),
                "ci": ci,
                "ci_text": f"{formatting.quantity(low)} – {formatting.quantity(high, with_unit)}"
                if ci
                else "—",
            }

        cells = {
            "bottom": cell("bottom"),
            "top": cell("top"),
            "hill_slope": cell("hill_slope"),
            "ec50": cell("ec50", unit),
        }
        rows.append(
            {
                "name": name,
                "role": role,
                "model": curve.get("model") or "",
                "n": curve.get("n"),
                **cells,
                "params": [{"key": key, **value} for key, value in cells.items()],
                "r_squared": curve.get("r_squared"),
            }
        )
    return rows


def _fit_in_words(result: dict, version: RunResult | None) -> dict:
    """What the page says about the fitted curve: which model and why (per plate when plates have their own
    curve), and the curve's flags as sentences rather than tokens."""
    requested = ((version.settings if version else {}) or {}).get("model") or "4PL"
    per_plate = [p for p in result.get("plates") or [] if p.get("curve")]
    sources = per_plate if len(per_plate) > 1 else [{"curve": result.get("curve"), **result}]
    lines = []
    for source in sources:
        curve = source.get("curve") or {}
        selection = source.get("model_selection") or {}
        summary = selection.get("summary")
        if not summary and curve:  # results stored before analysis 1.2 have only the flag
            summary = (
                f"{labels.model_name(curve.get('model'))} fitted: {labels.model_name(requested)} requested, but "
                "the 5PL was not justified (re-analyse for the F test)"
                if "5pl_not_justified" in (curve.get("flags") or [])
                else f"{labels.model_name(curve.get('model'))} fitted"
            )
        if summary and selection.get("p_value") is not None:  # the test's p as journals write it
            summary = summary.replace("F test p ", f"F test {formatting.p_equals(selection['p_value'])} ", 1)
        flags = [labels.flag_description(f) for f in curve.get("flags") or [] if f != "5pl_not_justified"]
        lines.append(
            {"plate": source.get("name") if len(sources) > 1 else None, "summary": summary, "flags": flags}
        )
    fitted = sorted({(p.get("curve") or {}).get("model") for p in sources if p.get("curve")})
    notable = any(line["flags"] for line in lines) or any(f != requested for f in fitted) or not fitted
    return {
        "lines": lines,
        "requested": labels.model_name(requested),
        "fitted": ", ".join(labels.model_name(f) for f in fitted),
        "notable": notable,
    }


def _acceptance(version: RunResult | None) -> AcceptanceCriteria:
    """The acceptance criteria the version was analysed with (its settings' ``acceptance``)."""
    try:
        return AcceptanceCriteria.from_dict(((version.settings if version else {}) or {}).get("acceptance"))
    except (ValueError, TypeError):
        return AcceptanceCriteria()


def _qc_rule(crit: AcceptanceCriteria, result: dict) -> dict:
    """The ICH M10 run rule on QCs with this run's criteria, and how the run fared against it."""
    summary = (result.get("qc") or {}).get("qc_samples") or {}
    return {
        "tolerance": crit.qc_tolerance_pct,
        "overall_pct": 100 * crit.min_qc_passed_fraction,
        "level_pct": 100 * crit.min_qc_level_passed_fraction,
        "n": summary.get("n"),
        "n_passed": summary.get("n_passed"),
        "accepted": summary.get("accepted"),
        "per_plate": summary.get("per_plate", False),
    }


@login_required
def run_export(request, pk: int, fmt: str):
    run = get_scoped_or_404(AssayRun, request, pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404("Exports are .csv or .xlsx.")
    versions = RunResult.objects.filter(run=run, status="succeeded").order_by("-version")
    wanted = request.GET.get("version", "")
    if wanted and not wanted.isdigit():
        raise Http404("version must be a version number.")
    version = versions.filter(version=int(wanted)).first() if wanted else versions.first()
    if version is None:
        raise Http404("This run has no result to export yet.")
    stem = f"run-{run.pk}-v{version.version}"
    if fmt == "xlsx":
        plates = list(run.plates.order_by("pk"))
        all_versions = list(
            RunResult.objects.filter(run=run).select_related("created_by").order_by("version")
        )
        review = signing.reviews_of(RUN_VERSION, [version.pk]).get(version.pk)
        run_info = {
            "Run": run.name,
            "Kind": run.get_kind_display(),
            "Layout": run.layout.name,
            "Plates": ", ".join(p.name for p in plates),
            "Series": run.series or "",
            "Time point (h)": run.timepoint_h,
            "Version exported": version.version,
            "Analysis version": version.analysis_version,
            "Excluded wells": ", ".join(version.excluded_wells) or "none",
            "Inputs SHA-256": version.inputs_sha256,
            "Review": (review.status_text if review else "not submitted"),
            "Exported (UTC)": timezone.now().strftime("%Y-%m-%d %H:%M:%S"),
        }
        body = run_result_xlsx(
            version.result,
            run_info={k: v for k, v in run_info.items() if v not in ("", None)},
            settings=version.settings,
            versions=all_versions,
            plate_names={p.pk: p.name for p in plates},
            kind=run.kind,
            signatures=signing.signature_export_rows(
                RUN_VERSION, all_versions, lambda v: f"{run.name} v{v.version}"
            ),
        )
        response = HttpResponse(body, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    response = HttpResponse(run_result_csv(version.result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response


@login_required
def time_course_query(request):
    """A time course named by ``?series=``: works for any series text, also one stored before series
    names were checked (e.g. with a '/' in it, which no path segment can carry)."""
    series = request.GET.get("series", "")
    if not series:  # the time courses are listed with the runs
        return redirect("assays:run-list")
    return time_course(request, series)


@login_required
def time_course(request, series: str):
    lab = current_lab(request)
    if "\x00" in series or len(series) > 200:  # no stored series holds these (PostgreSQL refuses NUL)
        raise Http404("No runs in this series.")
    series_runs = list(
        AssayRun.objects.filter(lab=lab, series=series)
        .prefetch_related(
            Prefetch("versions", queryset=RunResult.objects.filter(status="succeeded").order_by("version"))
        )
        .order_by("timepoint_h")
    )
    if not series_runs:
        raise Http404("No runs in this series.")
    observations, missing = [], []
    for run in series_runs:
        versions = list(run.versions.all())
        if run.timepoint_h is None or not versions:
            missing.append(run)
            continue
        for sample in versions[-1].result.get("samples", []):
            observations.append(
                Observation(
                    condition=sample.get("sample") or sample.get("group"),
                    time_h=run.timepoint_h,
                    value=sample.get("reported_concentration"),
                    flag=sample.get("flag"),
                    unit=sample.get("unit"),
                    run=run.pk,
                    replicates=tuple(
                        r["concentration"]
                        for r in sample.get("replicates") or []
                        if r.get("concentration") is not None
                    ),
                )
            )
    courses = [c.to_dict() for c in summarise_time_course(observations)]
    for course in courses:  # what a cell shows: mean ± SD (n and of what), or why there is no number
        course["cells"] = [
            _time_course_cell(mean, sd, n, spread, flags)
            for mean, sd, n, spread, flags in zip(
                course["mean"], course["sd"], course["n"], course["spread"], course["flags"], strict=True
            )
        ]
    for course in courses:
        course["peak_text"] = formatting.number(course["peak"], 4)
        course["auc_text"] = formatting.number(course["auc"], 4)
    unit = next((c["unit"] for c in courses if c.get("unit")), "")
    spreads = {s for c in courses for s, m in zip(c["spread"], c["mean"], strict=True) if m is not None}
    return render(
        request,
        "assays/time_course.html",
        {
            "series": series,
            "runs": series_runs,
            "courses": courses,
            "missing": missing,
            "unit": unit,
            "spreads": spreads,
            "figure": time_course_figure(courses, unit=unit) if courses else None,
        },
    )


def _time_course_cell(mean, sd, n, spread, flags) -> tuple[str, str]:
    """(the number(s), what n is) of one time point: "1237 ± 220", "3 wells"."""
    if mean is None:
        return ("<LLOQ" if "below_range" in flags else (">ULOQ" if "above_range" in flags else "—")), ""
    if sd is None:
        return formatting.number(mean, 4), ""
    return (
        f"{formatting.number(mean, 4)} ± {formatting.number(sd, 2)}",
        f"{n} {'runs' if spread == 'runs' else 'wells'}",
    )


@require_safe
@login_required
def run_audit(request, pk: int, fmt: str = "html"):
    """The run's full audit trail (the run, its plates and layout, every result version), print-ready
    or as CSV; read only."""
    from assays.audit import run_scope
    from il2portal.audit_views import trail_response

    scope = run_scope(request, pk)  # the same trail as GET /api/v1/audit/?run=
    return trail_response(
        request, lab=scope.lab, sources=scope.sources, title=scope.title,
        subject=scope.subject, back_url=reverse("assays:run-detail", args=[pk]),
        back_label="Back to the run", csv_url=reverse("assays:run-audit-csv", args=[pk]),
        filename=scope.filename, fmt=fmt,
    )  # fmt: skip
