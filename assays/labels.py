"""The words pages use for the codes the assays app stores: one place, used by templates (through the
``assay_labels`` template filters), views and forms. A code never reaches a page: a format key
(``softmax_pro``) is "SoftMax Pro text export", a flag (``below_range``) is "< LLOQ", a weighting
(``1/y2``) is "1/Y²".

Pure Python (no Django). An unknown code reads as words too (underscores become spaces), so a code
added to the science layer without a label here is still readable; tests/assays/test_labels.py lists
the codes the science layer can store and checks each has its label.
"""

from __future__ import annotations

from assays.analysis.curves import FLAG_DESCRIPTIONS
from assays.readers.formats import FORMATS

#: plate-reader export formats (``Plate.vendor``, ``PlateImport.vendor``): the readers' own names, shorter
#: where the reader's name describes the columns
FORMAT_NAMES: dict[str, str] = {f.key: f.name for f in FORMATS} | {"long_csv": "Long table (well, value)"}

#: curve models (``settings.model``, ``curve.model``)
MODEL_NAMES: dict[str, str] = {
    "4PL": "4PL",
    "5PL": "5PL",
    "linear": "linear",
    "loglog": "log–log linear",
}

#: weightings of the standard-curve fit (``settings.weighting``, ``curve.weighting``), as Prism writes them
WEIGHTING_NAMES: dict[str, str] = {"1/y2": "1/Y²", "1/y": "1/Y", "none": "none"}

#: curve models and weightings spelled out (the run workbook's Parameters and Settings sheets)
MODEL_WORDS: dict[str, str] = {
    "4PL": "4-parameter logistic (4PL)",
    "5PL": "5-parameter logistic (5PL)",
    "linear": "straight line",
    "loglog": "log-log line",
    "parallel-4PL": "parallel 4PL (shared Bottom, Top, Hill slope)",
}

WEIGHTING_WORDS: dict[str, str] = {
    "none": "none (equal weights)",
    "1/y": "1/Y (relative weighting)",
    "1/y2": "1/Y² (relative weighting, squared)",
}


#: the weighting choices of the run forms (what the weighting is for, where it helps)
WEIGHTING_CHOICES: dict[str, str] = {"1/y2": "1/Y² (immunoassays)", "1/y": "1/Y", "none": "none"}

#: a sample's flag in a results table ({max_cv} is the run's acceptance criterion)
SAMPLE_FLAG_WORDS: dict[str, str] = {
    "below_range": "below LLOQ",
    "above_range": "above ULOQ: re-assay diluted",
    "high_cv": "replicate CV > {max_cv:g} %",
    "no_curve": "no standard curve",
    "no_signal": "no reading",
}

#: a sample flag spelled out (tooltips, where the table cell says it short)
SAMPLE_FLAG_DESCRIPTIONS: dict[str, str] = {
    "below_range": "below the lower limit of quantification (LLOQ) of the standard curve",
    "above_range": "above the upper limit of quantification (ULOQ): re-assay at a higher dilution",
    "high_cv": "the replicates' CV is above the run's acceptance limit",
    "no_curve": "no standard curve was fitted",
    "no_signal": "the well has no reading",
}

#: a curve's flags, as sentences (the curve fit's own descriptions), and the model-selection flag
CURVE_FLAG_DESCRIPTIONS: dict[str, str] = {
    **FLAG_DESCRIPTIONS,
    "5pl_not_justified": "the 5PL did not fit significantly better than the 4PL (F test): the 4PL was kept",
    "curve_not_fitted": "no curve could be fitted to this sample",
    "no_confidence_interval": "the confidence interval of the EC50 could not be computed",
}

#: a sample's dilution-linearity flags (``result.dilution_linearity[].flags``), short for a table cell
DILUTION_FLAG_WORDS: dict[str, str] = {
    "non_linear": "not linear: > ±{max_pct:g} % from the mean",
    "hook_rising": "hook suspected: rises with dilution",
    "hook_top": "least diluted at the top of the curve",
    "too_few_in_range": "fewer than two dilutions in range",
}

#: the dilution-linearity flags spelled out
DILUTION_FLAG_DESCRIPTIONS: dict[str, str] = {
    "non_linear": "a dilution-corrected concentration differs from the sample's mean by more than the limit",
    "hook_rising": (
        "the dilution-corrected concentration rises at every dilution step: hook (prozone) effect or "
        "matrix interference at the low dilutions"
    ),
    "hook_top": (
        "the least-diluted well is above the range or at the top of the curve: a possible hook (prozone), "
        "so it is not used"
    ),
    "too_few_in_range": "fewer than two dilutions are within the quantification range: linearity not judged",
}

#: the flags of the IL-2 receptor selectivity analysis (``assays.analysis.selectivity``)
SELECTIVITY_FLAG_DESCRIPTIONS: dict[str, str] = {
    "not_estimable_cd25_pos": "the EC50 on CD25-positive cells could not be estimated",
    "not_estimable_cd25_neg": "the EC50 on CD25-negative cells could not be estimated",
    "no_wild_type": "no wild-type IL-2 measured alongside: the shift is not computed",
    "wild_type_not_estimable": "the wild type's selectivity ratio could not be estimated: the shift is not computed",
    "is_wild_type": "the wild-type IL-2 itself: the reference of the shift",
    "fieller_unbounded": (
        "Fieller's interval is unbounded: the CD25-positive EC50 is not significantly different from zero "
        "on the linear scale"
    ),
    "normal_approximation": "a fit gave no degrees of freedom: the interval uses the normal quantile",
}

#: roles of a layout's wells
ROLE_NAMES: dict[str, str] = {
    "standard": "standard",
    "sample": "sample",
    "qc": "QC",
    "blank": "blank",
    "positive_control": "positive control",
    "negative_control": "negative control",
    "empty": "empty",
}


def _words(code) -> str:
    return "" if code is None else str(code).replace("_", " ")


def format_name(key) -> str:
    """``softmax_pro`` → "SoftMax Pro text export"; empty for no format."""
    if not key:
        return ""
    return FORMAT_NAMES.get(key, _words(key))


def model_name(key) -> str:
    """``loglog`` → "log–log linear"."""
    if not key:
        return ""
    return MODEL_NAMES.get(key, _words(key))


def weighting_name(key) -> str:
    """``1/y2`` → "1/Y²"."""
    if not key:
        return ""
    return WEIGHTING_NAMES.get(key, _words(key))


def weighting_phrase(key) -> str:
    """``1/y2`` → "1/Y² weighting"; ``none`` → "unweighted"."""
    if not key:
        return ""
    if key == "none":
        return "unweighted"
    return f"{weighting_name(key)} weighting"


def sample_flag(code, max_cv: float = 20) -> str:
    """A sample's flag in a table cell: ``below_range`` → "< LLOQ"."""
    if not code:
        return ""
    return SAMPLE_FLAG_WORDS.get(code, _words(code)).format(max_cv=max_cv)


def flag_description(code) -> str:
    """Any flag of the analyses, spelled out (a tooltip, a note)."""
    if not code:
        return ""
    return (
        SAMPLE_FLAG_DESCRIPTIONS.get(code)
        or CURVE_FLAG_DESCRIPTIONS.get(code)
        or DILUTION_FLAG_DESCRIPTIONS.get(code)
        or SELECTIVITY_FLAG_DESCRIPTIONS.get(code)
        or _words(code)
    )


def dilution_flag(code, max_pct: float = 20) -> str:
    """A dilution-linearity flag in a table cell: ``hook_rising`` → "hook suspected: rises with dilution"."""
    if not code:
        return ""
    return DILUTION_FLAG_WORDS.get(code, _words(code)).format(max_pct=max_pct)


def role_name(code) -> str:
    """``qc`` → "QC"; ``positive_control`` → "positive control"."""
    if not code:
        return ""
    return ROLE_NAMES.get(code, _words(code))
