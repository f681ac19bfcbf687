"""Pages of the assays app: upload, plate list, plate page, imports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from assays import readers
from assays.api.plates import original_response
from assays.exports import plate_long_csv
from assays.figures import plate_heatmap, row_labels
from assays.filters import PlateFilter
from assays.models import Layout, LayoutWell, Plate, PlateImport, Read
from assays.selectors import read_matrices
from il2portal.audit import audit_trail
from il2portal.models import Lot
from il2portal.tenancy import current_lab, get_scoped_or_404


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
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    reads = {}
    for plate_id, label in Read.objects.filter(plate__in=[p.pk for p in page]).values_list(
        "plate_id", "label"
    ):
        reads.setdefault(plate_id, []).append(label)
    for plate in page:
        plate.read_labels = reads.get(plate.pk, [])
    vendors = sorted(set(Plate.objects.filter(lab=lab).values_list("vendor", flat=True)))
    return render(request, "assays/plate_list.html", {"page": page, "filter": filterset, "vendors": vendors})


@login_required
def plate_detail(request, pk: int):
    plate = get_scoped_or_404(
        Plate.objects.select_related("stored_file", "uploaded_by", "plate_import"), request, pk=pk
    )
    panels = []
    for index, matrix in enumerate(read_matrices(plate)):
        read = matrix["read"]
        title = read.label
        if read.wavelength_nm and f"{read.wavelength_nm:g}" not in read.label:
            title += f" · {read.wavelength_nm:g} nm"
        if matrix["n_times"] > 1:
            title += f" · last of {matrix['n_times']} time points ({matrix['time_s']:g} s)"
        panels.append(
            {
                "read": read,
                "id": f"heatmap-{index}",
                "figure": plate_heatmap(matrix["values"], matrix["flags"], title=title),
                "data_id": f"heatmap-{index}-data",
                "rows": [
                    (label, list(zip(values, flags, strict=True)))
                    for label, values, flags in zip(
                        row_labels(plate.rows), matrix["values"], matrix["flags"], strict=True
                    )
                ],
                "n_times": matrix["n_times"],
            }
        )
    return render(
        request,
        "assays/plate_detail.html",
        {
            "plate": plate,
            "panels": panels,
            "columns": range(1, plate.columns + 1),
            "other_plates": Plate.objects.filter(stored_file=plate.stored_file).exclude(pk=plate.pk),
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
    status = request.GET.get("status")
    if status in ("failed", "succeeded"):
        imports = imports.filter(status=status)
    page = Paginator(imports, 50).get_page(request.GET.get("page"))
    return render(
        request, "assays/import_list.html", {"page": page, "formats": readers.FORMATS, "status": status}
    )


# ---------------------------------------------------------------------------------------------- layouts


@login_required
def layout_list(request):
    lab = current_lab(request)
    layouts = (
        Layout.objects.filter(lab=lab)
        .annotate(n_wells=Count("wells"), n_runs=Count("runs", distinct=True))
        .select_related("created_by")
    )
    return render(request, "assays/layout_list.html", {"layouts": layouts})


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
            "roles": LayoutWell.Role.choices,
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
        (
            row_labels(layout.rows)[r],
            [by_well.get(f"{row_labels(layout.rows)[r]}{c + 1}") for c in range(layout.columns)],
        )
        for r in range(layout.rows)
    ]
    return render(
        request,
        "assays/layout_detail.html",
        {
            "layout": layout,
            "grid": grid,
            "wells": wells,
            "columns": range(1, layout.columns + 1),
            "runs": layout.runs.order_by("-created_at")[:20],
            "history": audit_trail(layout),
        },
    )
