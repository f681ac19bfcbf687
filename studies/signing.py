"""Study analyses (growth, survival, synergy, exposure, immune) as signable records
(il2portal.signing, registered in StudiesConfig.ready)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from studies.models import AnalysisResult, Study

KIND = "study_analysis"


def get(lab, pk: int, lock: bool = False) -> AnalysisResult | None:
    qs = AnalysisResult.objects.filter(pk=pk, lab=lab).select_related("study", "created_by")
    if lock:
        Study.objects.select_for_update().filter(
            pk=AnalysisResult.objects.filter(pk=pk).values("study_id")[:1]
        ).first()
        qs = qs.select_for_update(of=("self",))
    return qs.first()


def describe(objs) -> dict[int, tuple[str, str]]:
    out = {}
    for a in objs:
        url = reverse("studies:review", args=[a.study_id]) + f"#analysis-{a.pk}"
        out[a.pk] = (f"{a.study.name}: {a.get_kind_display()} analysis v{a.version}", url)
    return out


def describe_ids(pks) -> dict[int, tuple[str, str]]:
    return describe(AnalysisResult.objects.filter(pk__in=list(pks)).select_related("study"))


def author_ids(pks) -> dict[int, int | None]:
    return dict(AnalysisResult.objects.filter(pk__in=list(pks)).values_list("pk", "created_by_id"))


def superseded(pks) -> set[int]:
    """Those of these analyses that a newer analysis of the same kind of their study replaces."""
    newer = AnalysisResult.objects.filter(
        study_id=OuterRef("study_id"), kind=OuterRef("kind"), version__gt=OuterRef("version")
    )
    return set(
        AnalysisResult.objects.filter(pk__in=list(pks)).filter(Exists(newer)).values_list("pk", flat=True)
    )


def author_id(obj: AnalysisResult):
    return obj.created_by_id


def version(obj: AnalysisResult) -> int:
    return obj.version


def problem(obj: AnalysisResult) -> str:
    newest = (
        AnalysisResult.objects.filter(study_id=obj.study_id, kind=obj.kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    if newest != obj.version:
        return (
            f"Version {obj.version} is not the newest {obj.get_kind_display()} analysis of this study "
            f"(version {newest} is): sign that one."
        )
    return ""


def manifest(obj: AnalysisResult) -> dict:
    """What a signature on a study analysis binds: the study, the kind and version, its inputs' hash
    (the measurements, events and doses it read), settings, analysis version and result."""
    return {
        "record": "studies.AnalysisResult",
        "study": obj.study_id,
        "kind": obj.kind,
        "version": obj.version,
        "settings": obj.settings,
        "inputs_sha256": obj.inputs_sha256,
        "analysis_version": obj.analysis_version,
        "result": obj.result,
    }
