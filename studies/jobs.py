"""Job handlers of the studies app (registered in ``StudiesConfig.ready``): growth and survival
analyses of a study (``job.params["study"]``).

Each run stores a new :class:`studies.models.AnalysisResult` version; the job's result is that
analysis (API.md "Studies") plus its ``analysis_id`` and ``version``. The growth analysis also carries
``mixed_model``: the linear mixed model of log10 volume with day × treatment
(:func:`studies.analysis.mixed.fit_log_volume_mixed_model`), fitted to exactly the animals, volumes,
control group, baseline day and log offset of the stored growth result.
"""

from __future__ import annotations

from studies import services


def run_study_growth(job) -> dict:
    return services.analysis_job(job, "growth")


def run_study_survival(job) -> dict:
    return services.analysis_job(job, "survival")
