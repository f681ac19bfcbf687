"""Words for the codes the molecules app's analyses store (flags, rules, methods)."""

from __future__ import annotations

SELECTIVITY_FLAG_WORDS = {
    "not_estimable_cd25_pos": "EC50 on CD25⁺ cells not estimable",
    "not_estimable_cd25_neg": "EC50 on CD25⁻ cells not estimable",
    "no_wild_type": "no wild-type IL-2 measured alongside: no shift computed",
    "wild_type_not_estimable": "the wild type's ratio is not estimable: no shift computed",
    "is_wild_type": "wild type (the comparator)",
    "fieller_unbounded": "Fieller interval unbounded (the CD25⁺ EC50 is too uncertain)",
    "no_confidence_interval": "no confidence interval (a standard error is missing)",
    "normal_approximation": "CI from the normal distribution (degrees of freedom unknown)",
}

WESTGARD_RULES = {
    "1-2s": "one point beyond 2 SD (warning)",
    "1-3s": "one point beyond 3 SD",
    "2-2s": "two consecutive points beyond 2 SD on the same side",
    "R-4s": "consecutive points 4 SD apart (one above +2 SD, the next below −2 SD)",
    "4-1s": "four consecutive points beyond 1 SD on the same side",
    "10-x": "ten consecutive points on the same side of the mean",
}

RELEASE_METHODS = {
    "weighted": "weighted mean (runs homogeneous)",
    "semi_weighted": "semi-weighted mean (runs not homogeneous)",
    "unweighted": "unweighted mean",
}

STATUS_WORDS = {
    "in_control": "in control",
    "warning": "warning",
    "rejection": "rejected",
    "missing": "no value",
}


def _words(code) -> str:
    return "" if code is None else str(code).replace("_", " ")


def selectivity_flag(code) -> str:
    return SELECTIVITY_FLAG_WORDS.get(code, _words(code))


def westgard_rule(code) -> str:
    return WESTGARD_RULES.get(code, _words(code))


def release_method(code) -> str:
    return RELEASE_METHODS.get(code, _words(code))


def chart_status(code) -> str:
    return STATUS_WORDS.get(code, _words(code))
