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
from studies.analysis.growth import AnimalSeries
from studies.analysis.mixed import fit_log_volume_mixed_model
from studies.models import AnalysisResult


def growth_mixed_model(growth: dict) -> dict:
    """The mixed model (``to_dict()``) of a growth result in the API shape: its per-animal series
    (randomised animals only), ``control_group``, ``baseline_day`` (start of the fitted period) and
    ``log_offset``."""
    animals = [
        AnimalSeries(a["animal"], a["group"], tuple(zip(a["days"], a["volumes"], strict=True)))
        for a in growth.get("animals", [])
    ]
    return fit_log_volume_mixed_model(
        animals,
        control_group=growth.get("control_group"),
        log_offset=float(growth.get("log_offset", 1.0)),
        start_day=growth.get("baseline_day"),
        group_names={g["group"]: g["name"] for g in growth.get("groups", [])},
    ).to_dict()


@job_kind("study_growth")
def run_study_growth(job) -> dict:
    result = services.analysis_job(job, "growth")
    mixed = growth_mixed_model(result)
    # Completes the version stored a moment ago, in the same transaction (job handlers run atomically),
    # so no stored growth analysis is ever seen without its mixed model; nothing is overwritten.
    record = AnalysisResult.objects.select_for_update().get(pk=result["analysis_id"])
    record.result = {**record.result, "mixed_model": mixed}
    record.save(update_fields=["result"])
    return {**result, "mixed_model": mixed}


@job_kind("study_survival")
def run_study_survival(job) -> dict:
    return services.analysis_job(job, "survival")
