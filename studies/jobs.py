"""Job kinds of the studies app: growth and survival analyses of a study (``job.params["study"]``).

Each run stores a new :class:`studies.models.AnalysisResult` version; the job's result is that
analysis (API.md "Studies") plus its ``analysis_id`` and ``version``. The growth analysis also carries
``mixed_model``: the linear mixed model of log10 volume with day × treatment
(:func:`studies.analysis.mixed.fit_log_volume_mixed_model`), fitted to exactly the animals, volumes,
control group, baseline day and log offset of the stored growth result.
"""

from __future__ import annotations

from il2portal.jobs import job_kind
from studies import services


@job_kind("study_growth", label="Tumor growth analysis")
def run_study_growth(job) -> dict:
    return services.analysis_job(job, "growth")


@job_kind("study_survival", label="Survival analysis")
def run_study_survival(job) -> dict:
    return services.analysis_job(job, "survival")


from studies import live  # noqa: E402,F401  (registers "study_live_refresh")
