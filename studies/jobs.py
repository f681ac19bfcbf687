"""Job kinds of the studies app: growth and survival analyses of a study (``job.params["study"]``).

Each run stores a new :class:`studies.models.AnalysisResult` version; the job's result is that
analysis (API.md "Studies") plus its ``analysis_id`` and ``version``.
"""

from __future__ import annotations

from il2portal.jobs import job_kind
from studies import services


@job_kind("study_growth")
def run_study_growth(job) -> dict:
    return services.analysis_job(job, "growth")


@job_kind("study_survival")
def run_study_survival(job) -> dict:
    return services.analysis_job(job, "survival")
