"""Run result versions as signable records (il2portal.signing, registered in AssayConfig.ready)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from assays.models import AssayRun, RunResult

KIND = "run_version"


def get(lab, pk: int, lock: bool = False) -> RunResult | None:
    qs = RunResult.objects.filter(pk=pk, run__lab=lab).select_related("run", "created_by")
    if lock:
        # the run's row too: a re-analysis (which locks the run) and a signature wait for each other
        AssayRun.objects.select_for_update().filter(
            pk=RunResult.objects.filter(pk=pk).values("run_id")[:1]
        ).first()
        qs = qs.select_for_update(of=("self",))
    return qs.first()


def describe(objs) -> dict[int, tuple[str, str]]:
    out = {}
    for v in objs:
        url = reverse("assays:run-detail", args=[v.run_id]) + f"?version={v.version}"
        out[v.pk] = (f"{v.run.name} v{v.version}", url)
    return out


def describe_ids(pks) -> dict[int, tuple[str, str]]:
    return describe(RunResult.objects.filter(pk__in=list(pks)).select_related("run"))


def author_ids(pks) -> dict[int, int | None]:
    return dict(RunResult.objects.filter(pk__in=list(pks)).values_list("pk", "created_by_id"))


def superseded(pks) -> set[int]:
    """Those of these versions that a newer version of their run replaces."""
    newer = RunResult.objects.filter(run_id=OuterRef("run_id"), version__gt=OuterRef("version"))
    return set(RunResult.objects.filter(pk__in=list(pks)).filter(Exists(newer)).values_list("pk", flat=True))


def author_id(obj: RunResult):
    return obj.created_by_id


def version(obj: RunResult) -> int:
    return obj.version


def problem(obj: RunResult) -> str:
    if obj.status != RunResult.Status.SUCCEEDED:
        return (
            f"Version {obj.version} has not succeeded ({obj.status}): only a finished analysis can be signed."
        )
    newest = (
        RunResult.objects.filter(run_id=obj.run_id)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    if newest != obj.version:
        return f"Version {obj.version} is not the newest version of this run (version {newest} is): sign that one."
    return ""


def manifest(obj: RunResult) -> dict:
    """What a signature on a run version binds: the run and its cells, the version's inputs (plates'
    data by their hash, layout, exclusions, settings), the analysis version and the result."""
    run = obj.run
    return {
        "record": "assays.RunResult",
        "run": run.pk,
        "kind": run.kind,
        "version": obj.version,
        "layout": run.layout_id,
        "plates": sorted(run.plates.values_list("pk", flat=True)),
        "cell_line": run.cell_line_id,
        "timepoint_h": run.timepoint_h,
        "settings": obj.settings,
        "excluded_wells": obj.excluded_wells,
        "inputs_sha256": obj.inputs_sha256,
        "analysis_version": obj.analysis_version,
        "result": obj.result,
    }
