"""Job handlers of the studies app (registered in ``StudiesConfig.ready``): growth and survival
analyses of a study (``job.params["study"]``).

Each run stores a new :class:`studies.models.AnalysisResult` version; the job's result is that
analysis (API.md "Studies") plus its ``analysis_id`` and ``version``. The growth analysis also carries
``mixed_model``: the linear mixed model of log10 volume with day × treatment
(:func:`studies.analysis.mixed.fit_log_volume_mixed_model`), fitted to exactly the animals, volumes,
control group, baseline day and log offset of the stored growth result.
"""

from __future__ import annotations

from il2portal.jobs import JobFailed
from studies.models import Study
from studies.services.analyses import analysis_run
from studies.services.common import StudyError


def analysis_job(job, kind: str) -> dict:
    """Body of the study_growth / study_survival job kinds."""
    study = Study.objects.filter(pk=job.params.get("study"), lab=job.lab).first()
    if study is None:
        raise JobFailed("The study no longer exists.")
    try:
        record = analysis_run(
            study=study, kind=kind, settings=job.params.get("settings") or {}, job=job, user=job.created_by
        )
    except StudyError as exc:
        raise JobFailed(exc.message) from None
    return {
        **record.result,
        "study": study.pk,
        "kind": kind,
        "analysis_id": record.pk,
        "version": record.version,
        "analysis_version": record.analysis_version,
        "inputs_sha256": record.inputs_sha256,
    }


def run_study_growth(job) -> dict:
    return analysis_job(job, "growth")


def run_study_survival(job) -> dict:
    return analysis_job(job, "survival")


def run_study_synergy(job) -> dict:
    return analysis_job(job, "synergy")


def run_study_immune(job) -> dict:
    return analysis_job(job, "immune")


def run_study_exposure(job) -> dict:
    return analysis_job(job, "exposure")


def run_flow_fcs(job) -> dict:
    """Gate the FCS files of a flow import (``job.params["import"]``) with their workspace or GatingML."""
    from studies.models import FlowImport
    from studies.services.flow import flow_fcs_run

    record = (
        FlowImport.objects.filter(pk=job.params.get("import"), lab=job.lab).select_related("study").first()
    )
    if record is None:
        raise JobFailed("The flow import no longer exists.")
    try:
        return flow_fcs_run(record)
    except StudyError as exc:
        raise JobFailed(exc.message) from None


def flow_fcs_failed(job, message: str) -> None:
    """After a failed flow_fcs job (its transaction rolled back): the import says why; its bytes stay."""
    from studies.models import FlowImport

    FlowImport.objects.filter(pk=job.params.get("import"), lab=job.lab).update(
        status=FlowImport.Status.FAILED, error_message=message[:5000]
    )
