"""assays.labels: every code the science layer and the readers can store has words for a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from assays import labels
from assays.models import LayoutWell
from assays.readers.formats import FORMATS

ANALYSIS = Path(labels.__file__).resolve().parent / "analysis"


def _stored_flags() -> set[str]:
    """The flags the analyses append or return (``flags.append("below_range")``, ``return "above_range"``)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in ANALYSIS.glob("*.py"))
    found = set(re.findall(r'flags\.append\("([a-z0-9_]+)"\)', text))
    found |= set(re.findall(r'return "((?:below|above)_range)"', text))
    found |= set(re.findall(r'flag_cols\.append\(\("([a-z0-9_]+)"', text))
    return found


def test_every_flag_the_analyses_store_has_its_own_words():
    flags = _stored_flags()
    assert {"below_range", "above_range", "high_cv", "no_convergence", "no_plateau"} <= flags
    for code in flags:
        words = labels.flag_description(code)
        assert "_" not in words and words != code.replace("_", " "), code


def test_sample_flags_in_a_table_cell():
    assert labels.sample_flag("below_range") == "below LLOQ"
    assert labels.sample_flag("above_range") == "above ULOQ: re-assay diluted"
    assert labels.sample_flag("high_cv", max_cv=15) == "replicate CV > 15 %"
    assert labels.sample_flag("high_cv", max_cv=12.5) == "replicate CV > 12.5 %"
    assert labels.sample_flag("") == "" and labels.sample_flag(None) == ""
    assert (
        labels.sample_flag("some_new_flag") == "some new flag"
    )  # a code without a label still reads as words


def test_every_format_a_reader_names_has_a_name_without_underscores():
    for f in FORMATS:
        name = labels.format_name(f.key)
        assert name and "_" not in name, f.key
    assert labels.format_name("softmax_pro") == "SoftMax Pro text export"
    assert labels.format_name("long_csv") == "Long table (well, value)"
    assert labels.format_name("") == "" and labels.format_name(None) == ""


@pytest.mark.parametrize(
    "key,name,phrase",
    [("1/y2", "1/Y²", "1/Y² weighting"), ("1/y", "1/Y", "1/Y weighting"), ("none", "none", "unweighted")],
)
def test_weightings_as_prism_writes_them(key, name, phrase):
    assert labels.weighting_name(key) == name
    assert labels.weighting_phrase(key) == phrase


def test_models_and_roles():
    assert labels.model_name("loglog") == "log–log linear"
    assert labels.model_name("4PL") == "4PL" and labels.model_name("5PL") == "5PL"
    assert labels.role_name("qc") == "QC"
    assert labels.role_name("positive_control") == "positive control"
    for role in LayoutWell.Role.values:
        assert role in labels.ROLE_NAMES and "_" not in labels.role_name(role)


def test_the_template_filters_give_the_same_words():
    html = Template(
        "{% load assay_labels %}{{ fmt|format_name }}|{{ w|weighting_phrase }}|{{ m|model_name }}|"
        "{{ r|role_name }}|{{ flags|flag_descriptions }}|{{ one|flag_descriptions }}"
    ).render(
        Context(
            {
                "fmt": "softmax_pro",
                "w": "1/y2",
                "m": "loglog",
                "r": "qc",
                "flags": ["below_range", "high_cv"],
                "one": "above_range",
            }
        )
    )
    parts = html.split("|")
    assert parts[:4] == ["SoftMax Pro text export", "1/Y² weighting", "log–log linear", "QC"]
    assert (
        parts[4].startswith("below the lower limit of quantification (LLOQ)")
        and "; the replicates" in parts[4]
    )
    assert parts[5].startswith("above the upper limit of quantification (ULOQ)")
