"""The demo study's flow cytometry (simulated, seeded): a FlowJo-style statistics table of the tumors of
every mouse alive at its last measurement, harvested on the last measured day, named "M21_tumor_d30.fcs"
and read with the naming rule "{animal}_{tissue}_d{day}". Per sample, counts down the gating tree
Live/CD45+ → CD3+ → CD4+ / CD8+ (→ Ki-67+), CD4+ → CD25+FoxP3+ (Tregs), CD3− → NK1.1+, drawn from
binomials with per-arm probabilities: the IL-2 mutein raises CD8⁺ and NK cells without expanding Tregs,
anti-PD-1 raises Ki-67⁺ CD8⁺; so the CD8/Treg ratio is highest in the mutein arms, as a not-alpha
mutein should do."""

from __future__ import annotations

import random

from studies.models import Animal, Measurement, Study

RULE = "{animal}_{tissue}_d{day}"
PATHS = {
    "live": "Live",
    "cd45": "Live/CD45+",
    "cd3": "Live/CD45+/CD3+",
    "cd4": "Live/CD45+/CD3+/CD4+",
    "treg": "Live/CD45+/CD3+/CD4+/CD25+FoxP3+",
    "cd8": "Live/CD45+/CD3+/CD8+",
    "ki67": "Live/CD45+/CD3+/CD8+/Ki-67+",
    "cd3neg": "Live/CD45+/CD3-",
    "nk": "Live/CD45+/CD3-/NK1.1+",
}
# per arm kind: P(CD3+ | CD45+), P(CD8+ | CD3+), P(CD4+ | CD3+), P(Treg | CD4+), P(Ki-67+ | CD8+), P(NK | CD3-)
PROFILES = {
    "control": (0.30, 0.30, 0.50, 0.28, 0.25, 0.10),
    "antibody": (0.38, 0.36, 0.46, 0.24, 0.45, 0.11),
    "mutein": (0.42, 0.48, 0.40, 0.17, 0.40, 0.20),
    "combination": (0.48, 0.55, 0.36, 0.14, 0.55, 0.22),
}


def _profile(animal: Animal) -> tuple:
    kinds = (
        {t.test_article.kind for t in animal.arm.treatments.all() if t.test_article} if animal.arm else set()
    )
    if "il2_mutein" in kinds and "antibody" in kinds:
        return PROFILES["combination"]
    if "il2_mutein" in kinds:
        return PROFILES["mutein"]
    if "antibody" in kinds:
        return PROFILES["antibody"]
    return PROFILES["control"]


def statistics_csv(study: Study, seed: int = 31) -> bytes:
    """The FlowJo table (CSV): a sample column, then "<path> | Count" columns, and FlowJo's Mean and SD
    rows at the bottom."""
    rng = random.Random(seed)
    last_day = {}
    for m in Measurement.objects.filter(study=study).order_by("date"):
        last_day[m.animal_id] = study.day_of(m.date)
    animals = Animal.objects.filter(study=study, arm__isnull=False).prefetch_related(
        "arm__treatments__test_article"
    )
    header = ["", *(f"{PATHS[k]} | Count" for k in PATHS)]
    lines = [",".join(header)]
    for animal in sorted(animals, key=lambda a: a.tag):
        if animal.pk not in last_day:
            continue
        p_cd3, p_cd8, p_cd4, p_treg, p_ki, p_nk = (
            min(max(p * (1 + rng.gauss(0, 0.12)), 0.01), 0.95) for p in _profile(animal)
        )
        live = rng.randint(40_000, 60_000)
        cd45 = _binom(rng, live, 0.35)
        cd3 = _binom(rng, cd45, p_cd3)
        cd8 = _binom(rng, cd3, p_cd8)
        cd4 = _binom(rng, cd3 - cd8, p_cd4 / (1 - p_cd8))
        counts = {
            "live": live,
            "cd45": cd45,
            "cd3": cd3,
            "cd4": cd4,
            "treg": _binom(rng, cd4, p_treg),
            "cd8": cd8,
            "ki67": _binom(rng, cd8, p_ki),
            "cd3neg": cd45 - cd3,
            "nk": _binom(rng, cd45 - cd3, p_nk),
        }
        name = f"{animal.tag}_tumor_d{last_day[animal.pk]}.fcs"
        lines.append(",".join([name, *(str(counts[k]) for k in PATHS)]))
    lines.append(",".join(["Mean", *([""] * len(PATHS))]))
    lines.append(",".join(["SD", *([""] * len(PATHS))]))
    return ("\n".join(lines) + "\n").encode()


def _binom(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw by its normal approximation (n is in the thousands)."""
    mean, sd = n * p, (n * p * (1 - p)) ** 0.5
    return max(0, min(n, round(rng.gauss(mean, sd))))


SPLEENS = ("M01", "M02", "M21", "M22")  # two vehicle, two IL-2 mutein mice


def spleen_fcs(study: Study, seed: int = 14) -> tuple[dict[str, bytes], bytes]:
    """Small simulated FCS 3.1 files of four mice's spleens (2,000 events each) and the FlowJo workspace
    that gates them, both written by studies.analysis.flow_demo (FlowKit); the mutein mice's spleens
    have more CD8⁺ and NK cells and fewer Tregs."""
    from studies.analysis.flow_demo import Fractions, make_demo

    last_day = {}
    for m in (
        Measurement.objects.filter(study=study, animal__tag__in=SPLEENS)
        .select_related("animal")
        .order_by("date")
    ):
        last_day[m.animal.tag] = study.day_of(m.date)
    samples = {}
    for tag in SPLEENS:
        if tag not in last_day:
            continue
        mutein = tag.startswith("M2")
        samples[f"{tag}_spleen_d{last_day[tag]}.fcs"] = Fractions(
            cd45=0.9,
            cd3=0.36 if mutein else 0.33,
            cd8=0.45 if mutein else 0.36,
            treg=0.09 if mutein else 0.14,
            nk=0.09 if mutein else 0.05,
            ki67=0.2 if mutein else 0.1,
        )
    demo = make_demo(samples, n_events=2000, seed=seed)
    return demo.fcs, demo.workspace
