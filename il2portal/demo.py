"""Demo data for ``make run``: the core's test articles and lots, then each app's loader
(``register_demo`` in its ``AppConfig.ready``). Every loader is idempotent."""

from __future__ import annotations

from il2portal import registry
from il2portal.models import Lot, SignaturePolicy, TestArticle

DEMO_ARTICLES = [
    ("Aldesleukin (rhIL-2)", TestArticle.Kind.IL2_WILD_TYPE, "", "", [("AL-2403", 1.1, "mg/mL", 1.8e7)]),
    (
        "IL-2 not-alpha mutein",
        TestArticle.Kind.IL2_MUTEIN,
        "",
        "R38A/F42K",
        [("MUT-0117", 0.85, "mg/mL", None)],
    ),
    ("IL-2–Fc fusion", TestArticle.Kind.IL2_FUSION, "", "", [("FC-0021", 2.0, "mg/mL", None)]),
    ("Anti-mouse PD-1 (RMP1-14)", TestArticle.Kind.ANTIBODY, "PD-1", "", [("PD1-7788", 6.4, "mg/mL", None)]),
    ("Anti-CD3 (OKT3)", TestArticle.Kind.ANTIBODY, "CD3", "", [("CD3-115", 1.0, "mg/mL", None)]),
    ("Anti-CD28 (CD28.2)", TestArticle.Kind.ANTIBODY, "CD28", "", [("CD28-42", 1.0, "mg/mL", None)]),
    ("PBS", TestArticle.Kind.VEHICLE, "", "", []),
]


def load_core_demo(*, lab, user) -> list[str]:
    made = []
    for name, kind, target, mutations, lots in DEMO_ARTICLES:
        article, created = TestArticle.objects.get_or_create(
            lab=lab,
            name=name,
            defaults={"kind": kind, "target": target, "mutations": mutations, "created_by": user},
        )
        for number, conc, unit, activity in lots:
            Lot.objects.get_or_create(
                lab=lab,
                test_article=article,
                lot_number=number,
                defaults={
                    "concentration": conc,
                    "concentration_unit": unit,
                    "specific_activity_iu_per_mg": activity,
                },
            )
        if created:
            made.append(f"test article {name}")
    # a regulated lab's rule: run versions are reviewed and approved, study analyses reviewed
    for kind, steps in (("run_version", "review_approve"), ("study_analysis", "review")):
        _policy, created = SignaturePolicy.objects.get_or_create(
            lab=lab, record_kind=kind, defaults={"steps": steps}
        )
        if created:
            made.append(f"signature rule for {kind.replace('_', ' ')}s")
    return made


def load_demo_data(*, lab, user) -> list[str]:
    made = load_core_demo(lab=lab, user=user)
    for load in registry.demo_loaders():
        made += load(lab=lab, user=user)
    return made
