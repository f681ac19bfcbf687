"""The studies' records in audit trail exports (il2portal.audit): a study and everything under it;
every study record of a lab (registered with il2portal.registry)."""

from __future__ import annotations

from il2portal.audit import AuditScope, HistorySource, SignatureSource, VersionSource
from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    FlowReadout,
    Measurement,
    SerumSample,
    Study,
)
from studies.signing import KIND as STUDY_ANALYSIS


def _analysis(a: AnalysisResult) -> tuple[str, str, str]:
    kind = AnalysisResult.Kind(a.kind).label if a.kind in AnalysisResult.Kind.values else a.kind
    return f"{kind} analysis v{a.version}", f"version {a.version} (analysis {a.analysis_version})", ""


def _event_name(h) -> str:
    kind = dict(Event.Kind.choices).get(h.kind, h.kind)
    return f"{kind} of {h.animal.tag} on {h.date}"


def _sources(study_filter: dict, arm_filter: dict) -> list:
    return [
        HistorySource(Arm.history.filter(**study_filter), "group"),
        HistorySource(
            ArmTreatment.history.filter(**arm_filter),
            "treatment",
            related=("arm",),
            name=lambda h: f"{h.arm.name}: treatment {h.order}",
        ),  # fmt: skip
        HistorySource(Animal.history.filter(**study_filter), "animal", name=lambda h: h.tag),
        HistorySource(
            Measurement.history.filter(**study_filter),
            "measurement",
            related=("animal",),
            name=lambda h: f"{h.animal.tag} on {h.date}",
        ),  # fmt: skip
        HistorySource(
            Dose.history.filter(**study_filter),
            "dose",
            related=("animal", "arm"),
            name=lambda h: f"{h.animal.tag} on {h.date} ({h.arm.name})",
        ),  # fmt: skip
        HistorySource(Event.history.filter(**study_filter), "event", related=("animal",), name=_event_name),
        HistorySource(
            SerumSample.history.filter(**study_filter),
            "serum sample",
            related=("animal",),
            name=lambda h: f"{h.sample} ({h.animal.tag})",
        ),  # fmt: skip
        VersionSource(AnalysisResult.objects.filter(**study_filter), "analysis", _analysis),
    ]


def study_sources(study: Study) -> list:
    """A study and everything under it: groups, treatments, animals, measurements (their corrections
    with reasons), events, doses, serum samples and analysis versions."""
    arm_ids = Arm.history.filter(study_id=study.pk).values("id")  # also groups deleted since
    return [
        HistorySource(Study.history.filter(id=study.pk), "study"),
        *_sources({"study_id": study.pk}, {"arm_id__in": arm_ids}),
        SignatureSource(
            STUDY_ANALYSIS, study.lab_id, AnalysisResult.objects.filter(study=study).values("pk")
        ),
    ]


def study_scope(request, pk: int) -> AuditScope:
    """The trail of study ``pk`` of the caller's labs (its page and ``GET /api/v1/audit/?study=``);
    another lab's study is not found."""
    from il2portal.tenancy import get_scoped_or_404

    study = get_scoped_or_404(Study.objects.select_related("lab"), request, pk=pk)
    return AuditScope(
        study.lab, study_sources(study), f"Study {study.name}", f"study-{study.pk}-audit-trail",
        title=f"Audit trail of {study.name}",
    )  # fmt: skip


def lab_sources(lab) -> list:
    return [
        HistorySource(Study.history.filter(lab_id=lab.id), "study"),
        *_sources({"lab_id": lab.id}, {"lab_id": lab.id}),
        HistorySource(FlowReadout.history.filter(lab_id=lab.id), "flow readout"),
    ]
