"""The assays' records in audit trail exports (il2portal.audit): a run with its plates, layout and
result versions; every assay record of a lab (registered with il2portal.registry)."""

from __future__ import annotations

from assays.models import AssayRun, CellLine, Layout, Plate, RunResult
from assays.signing import KIND as RUN_VERSION
from il2portal.audit import AuditScope, HistorySource, SignatureSource, VersionSource


def _version(v: RunResult) -> tuple[str, str, str]:
    status = RunResult.Status(v.status).label.lower() if v.status in RunResult.Status.values else v.status
    return f"{v.run.name} v{v.version}", f"version {v.version} ({status})", v.reason


def run_sources(run: AssayRun) -> list:
    """A run, the plates it analyses, its layout and its result versions (re-analyses)."""
    plate_ids = list(run.plates.values_list("id", flat=True))
    return [
        HistorySource(AssayRun.history.filter(id=run.pk), "assay run"),
        HistorySource(Plate.history.filter(id__in=plate_ids), "plate"),
        HistorySource(Layout.history.filter(id=run.layout_id), "layout"),
        VersionSource(RunResult.objects.filter(run=run), "run result", _version, related=("run",)),
        SignatureSource(RUN_VERSION, run.lab_id, RunResult.objects.filter(run=run).values("pk")),
    ]


def run_scope(request, pk: int) -> AuditScope:
    """The trail of run ``pk`` of the caller's labs (its page and ``GET /api/v1/audit/?run=``); another
    lab's run is not found."""
    from il2portal.tenancy import get_scoped_or_404

    run = get_scoped_or_404(AssayRun.objects.select_related("lab"), request, pk=pk)
    return AuditScope(
        run.lab, run_sources(run), f"Assay run {run.name}", f"run-{run.pk}-audit-trail",
        title=f"Audit trail of run {run.name}",
    )  # fmt: skip


def lab_sources(lab) -> list:
    return [
        HistorySource(AssayRun.history.filter(lab_id=lab.id), "assay run"),
        HistorySource(Plate.history.filter(lab_id=lab.id), "plate"),
        HistorySource(Layout.history.filter(lab_id=lab.id), "layout"),
        HistorySource(CellLine.history.filter(lab_id=lab.id), "cell line"),
        VersionSource(RunResult.objects.filter(run__lab_id=lab.id), "run result", _version, related=("run",)),
    ]
