"""The inputs and the stored result of a study's combination-synergy analysis (SynergyLMM's model:
studies.analysis.synergy). The design's roles come from the arms' treatments (control, A, B, A+B),
or are set by hand in the settings; the treatment start t0 is the arms' dosing start day."""

from __future__ import annotations

from studies.models import ArmTreatment
from studies.services.common import StudyError, sha256_of

SYNERGY_SETTINGS = {"roles", "t0", "min_day"}


def synergy_design(data, settings: dict | None = None) -> tuple[dict, list[dict]]:
    """(roles {control, a, b, combination} → arm name, the arms as the recogniser reads them)."""
    from studies.analysis.synergy import recognise_design

    settings = dict(settings or {})
    agents: dict[int, set[str]] = {a.pk: set() for a in data.arms}
    for t in ArmTreatment.objects.filter(arm__in=[a.pk for a in data.arms]).select_related("test_article"):
        if t.test_article is not None:  # a treatment that names no test article is no agent to combine
            agents[t.arm_id].add(t.test_article.name)
    arms = [{"name": a.name, "is_control": a.is_control, "treatments": agents[a.pk]} for a in data.arms]
    try:
        roles = recognise_design(arms, roles=settings.get("roles"))
    except ValueError as exc:
        raise StudyError("not_a_combination", f"This study is not a combination design: {exc}") from None
    return roles.to_dict(), arms


def synergy_rows(data) -> list[tuple[str, str, float, float]]:
    names = {a.pk: a.name for a in data.arms}
    return [
        (animal.tag, names[animal.arm_id], float(r.day), float(r.volume_mm3))
        for animal in data.animals
        if animal.arm_id is not None
        for r in data.measurements.get(animal.pk, [])
        if r.volume_mm3 is not None
    ]


def synergy_t0(data, settings: dict) -> float:
    if settings.get("t0") is not None:
        return float(settings["t0"])
    starts = sorted({a.dosing_start_day for a in data.arms if a.dosing_start_day is not None})
    if not starts:
        raise StudyError("no_t0", "No arm has a dosing start day: set it on the groups, or give t0.")
    return float(starts[0])


def synergy_compute(data, settings: dict | None = None) -> tuple[dict, dict, str]:
    from studies.analysis.synergy import analyse_combination

    settings = dict(settings or {})
    roles, arms = synergy_design(data, settings)
    rows = synergy_rows(data)
    t0 = synergy_t0(data, settings)
    try:
        result = analyse_combination(
            rows,
            {k: roles[k] for k in ("control", "a", "b", "combination")},
            t0=t0,
            min_day=settings.get("min_day"),
        ).to_dict()
    except ValueError as exc:
        raise StudyError("invalid_synergy", f"The combination model cannot be fitted: {exc}") from None
    rate = {a["arm"]: a["rate"] for a in result["growth"]["arms"]}
    result["animals"] = [
        {
            "animal": s["animal"],
            "arm": s["arm"],
            "random_slope": s["random_slope"],
            "growth_rate": rate[s["arm"]] + s["random_slope"]
            if s.get("random_slope") is not None and rate.get(s["arm"]) is not None
            else None,
        }
        for s in result["diagnostics"]["random_slopes"]
    ]
    result["roles"] = roles
    inputs = {"rows": rows, "roles": roles, "t0": t0}
    return result, inputs, sha256_of({"inputs": inputs, "settings": settings})


def synergy_inputs_sha(data, settings: dict | None = None) -> str | None:
    settings = dict(settings or {})
    try:
        roles, _arms = synergy_design(data, settings)
        t0 = synergy_t0(data, settings)
    except StudyError:
        return None
    inputs = {"rows": synergy_rows(data), "roles": roles, "t0": t0}
    return sha256_of({"inputs": inputs, "settings": settings})
