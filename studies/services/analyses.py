"""Growth and survival analyses of a study: the job that computes one, the computations (also used by
the dashboard's live summaries, :mod:`studies.live`), and the stored versions."""

from __future__ import annotations

import math

from django.db import transaction

from il2portal.jobs import job_create
from studies import selectors
from studies.analysis import ANALYSIS_VERSION
from studies.analysis.growth import AnimalSeries, ResponseCriteria, compare_growth_rates, summarise_growth
from studies.analysis.mixed import fit_log_volume_mixed_model
from studies.analysis.survival import analyse_survival
from studies.models import AnalysisResult, Animal, Study
from studies.services.common import StudyError, sha256_of

GROWTH_SETTINGS = {
    "baseline_day",
    "mean",
    "log_offset",
    "tgd_volume_mm3",
    "tgd_method",
    "response_criteria",
    "mean_curve_min_pct",
    "tgi_min_control_n",
}
SURVIVAL_SETTINGS = {"ci_method", "median_rule", "pairwise", "at_risk_step"}
EXPOSURE_SETTINGS = {"response"}


def _refuse_without_groups(any_in_a_group: bool) -> None:
    """Growth and survival compare groups: a study none of whose animals is in a group has nothing to
    analyse (raises :class:`StudyError` ``no_groups``)."""
    if not any_in_a_group:
        raise StudyError("no_groups", "No animal is in a group yet: randomise or assign animals first.")


def analysis_request(*, study: Study, kind: str, settings: dict | None, user):
    """Create the job that analyses ``study`` (``kind`` growth, survival or exposure); refused
    (:class:`StudyError` ``no_groups``) while no animal is in a group, and an exposure analysis
    (``no_serum``) while no serum sample is linked."""
    _refuse_without_groups(Animal.objects.filter(study=study, arm__isnull=False).exists())
    if kind == "immune":
        from studies.models import FlowSample

        if not FlowSample.objects.filter(study=study).exists():
            raise StudyError(
                "no_flow",
                "No flow cytometry sample of this study's mice is stored: import a statistics table first.",
            )
    if kind == "exposure":
        from studies.models import SerumSample

        if not SerumSample.objects.filter(study=study).exists():
            raise StudyError(
                "no_serum",
                "No serum sample is linked to this study's animals: link them on its Serum samples page.",
            )
    return job_create(
        lab=study.lab, user=user, kind=f"study_{kind}", params={"study": study.pk, "settings": settings or {}}
    )


def nice_step(tmax: float, target: int = 6) -> float:
    """A round step (1, 2, 5 × 10^k days) giving about ``target`` columns up to ``tmax``."""
    if tmax <= 0:
        return 1.0
    raw = tmax / target
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return float(m * mag)
    return float(10 * mag)


def growth_result(data, settings: dict, include_unassigned: bool):
    animals, control, names, default_baseline = selectors.growth_inputs(
        data, include_unassigned=include_unassigned
    )
    baseline = settings.get("baseline_day", default_baseline)
    crit = ResponseCriteria(**(settings.get("response_criteria") or {}))
    try:
        result = summarise_growth(
            animals,
            control,
            group_names=names,
            baseline_day=baseline,
            mean=settings.get("mean", "arithmetic"),
            log_offset=float(settings.get("log_offset", 1.0)),
            tgd_volume_mm3=float(settings.get("tgd_volume_mm3", 1000.0)),
            tgd_method=settings.get("tgd_method", "km"),
            criteria=crit,
            mean_curve_min_fraction=float(settings.get("mean_curve_min_pct", data.study.mean_curve_min_pct))
            / 100.0,
            tgi_min_control_n=int(settings.get("tgi_min_control_n", 3)),
        )
    except ValueError as exc:
        raise StudyError("analysis_error", str(exc)) from None
    return result, animals, control, names


def growth_compute(data, settings: dict | None = None) -> tuple[dict, dict, str]:
    """Growth result (API shape) for loaded study data; returns (result, inputs, sha256)."""
    settings = dict(settings or {})
    result, animals, control, names = growth_result(data, settings, include_unassigned=False)
    out = result.to_dict()
    out["control_name"] = names.get(control)
    out["time_origin"] = "day0"
    out["statistics"] = {
        "growth_rate": compare_growth_rates(animals, control_group=control).to_dict()
        if control is not None
        else None
    }
    inputs = _growth_payload(animals, control)
    return out, inputs, _growth_sha(data, inputs, settings)


def _growth_payload(animals, control) -> dict:
    return {
        "animals": [
            {
                "animal": a.animal_id,
                "group": a.group_id,
                "volumes": list(a.volumes),
                "weights": list(a.weights),
            }
            for a in animals
        ],
        "control": control,
    }


def _growth_sha(data, inputs: dict, settings: dict) -> str:
    return sha256_of(
        {
            "inputs": inputs,
            "settings": settings,
            "formula": data.study.volume_formula,
            "mean_curve_min_pct": data.study.mean_curve_min_pct,
        }
    )


def growth_inputs_sha(data, settings: dict | None = None) -> str:
    """SHA-256 of what a growth analysis of ``data`` would read (to tell a stale result), without
    computing it: the same hash :func:`growth_compute` stores."""
    animals, control, _names, _baseline = selectors.growth_inputs(data)
    return _growth_sha(data, _growth_payload(animals, control), dict(settings or {}))


def growth_mixed_model(growth: dict) -> dict:
    """The linear mixed model of log10 volume with day × treatment
    (:func:`studies.analysis.mixed.fit_log_volume_mixed_model`, ``to_dict()``) of a growth result in the API shape: its per-animal series
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
        group_names={
            **{g["group"]: g["name"] for g in growth.get("groups", [])},
            **({growth["control_group"]: growth["control_name"]} if growth.get("control_name") else {}),
        },
    ).to_dict()


def _survival_payload(subjects, control) -> dict:
    return {
        "subjects": [
            {"animal": s.animal_id, "group": s.group_id, "time_days": s.time_days, "event": s.event}
            for s in subjects
        ],
        "reference": control,
    }


def survival_inputs_sha(data, settings: dict | None = None) -> str:
    """SHA-256 of what a survival analysis of ``data`` would read (to tell a stale result)."""
    subjects, control, _skipped = selectors.survival_inputs(data)
    return sha256_of({"inputs": _survival_payload(subjects, control), "settings": dict(settings or {})})


def survival_compute(data, settings: dict | None = None) -> tuple[dict, dict, str]:
    settings = dict(settings or {})
    subjects, control, skipped = selectors.survival_inputs(data)
    tmax = max((s.time_days for s in subjects), default=0.0)
    step = settings.get("at_risk_step") or nice_step(tmax)
    result = analyse_survival(
        subjects,
        reference_group=control,
        ci_method=settings.get("ci_method", "log-log"),
        median_rule=settings.get("median_rule", "midpoint"),
        pairwise=settings.get("pairwise", "all"),
        at_risk_step=float(step),
        group_names={a.pk: a.name for a in data.arms},
    )
    out = result.to_dict()
    out["reference"] = control
    out["flags"] += [
        {"code": "no_follow_up", "message": f"{tag}: no measurement and no event; left out.", "group": None}
        for tag in skipped
    ]
    inputs = _survival_payload(subjects, control)
    out["subjects"] = inputs["subjects"]
    return out, inputs, sha256_of({"inputs": inputs, "settings": settings})


@transaction.atomic
def analysis_run(
    *, study: Study, kind: str, settings: dict | None = None, job=None, user=None
) -> AnalysisResult:
    """Compute and store a new version of ``kind`` for ``study``."""
    data = selectors.load_study_data(study)
    _refuse_without_groups(any(a.arm_id for a in data.animals))  # the job may run after a change
    if kind == "growth":
        result, _inputs, sha = growth_compute(data, settings)
        result["mixed_model"] = growth_mixed_model(result)
    elif kind == "survival":
        result, _inputs, sha = survival_compute(data, settings)
    elif kind == "synergy":
        from studies.services.synergy import synergy_compute

        result, _inputs, sha = synergy_compute(data, settings)
    elif kind == "immune":
        from studies.services.immune import immune_compute

        result, _inputs, sha = immune_compute(study, data, settings)
    elif kind == "exposure":
        from studies.services.exposure import exposure_compute

        result, _inputs, sha = exposure_compute(study, settings)
    else:
        raise StudyError("invalid_kind", f"Unknown analysis kind {kind!r}.")
    # The study's row lock numbers concurrent analyses one after another (the first version has no
    # row to lock, and a locked last version would be read by both transactions).
    Study.objects.select_for_update().filter(pk=study.pk).first()
    last = (
        AnalysisResult.objects.filter(study=study, kind=kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return AnalysisResult.objects.create(
        lab=study.lab,
        study=study,
        kind=kind,
        version=(last or 0) + 1,
        settings=settings or {},
        result=result,
        analysis_version=ANALYSIS_VERSION,
        inputs_sha256=sha,
        job=job,
        created_by=user,
    )
