"""il2portal.formatting: one rule per kind of number, and its edges (missing, NaN, 0, 1, tiny, negative,
infinite)."""

from __future__ import annotations

import ast
import math
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from il2portal import formatting
from il2portal.formatting import p_equals, p_value, percent, quantity, ratio, ratio_ci

EDGES = [None, math.nan, np.nan]


def test_it_imports_nothing_but_the_standard_library():
    tree = ast.parse(Path(formatting.__file__).read_text())
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert names <= {"__future__", "math", "typing"}


# ---- p-values


@pytest.mark.parametrize(
    "p,text",
    [
        (0.0013, "0.0013"),
        (0.001349, "0.00135"),
        (0.06581, "0.0658"),
        (0.07371, "0.0737"),
        (0.0496, "0.0496"),  # not "0.050": two digits would round it across 0.05
        (0.342, "0.342"),
        (0.5, "0.5"),  # trailing zeros dropped
        (0.05, "0.05"),
        (0.0001, "0.0001"),
        (0.000123, "0.000123"),
        (0.0000999, "< 0.0001"),
        (1e-20, "< 0.0001"),
        (0.0, "< 0.0001"),
        (0.9994, "0.999"),
        (0.9995, "> 0.999"),
        (1.0, "> 0.999"),
        (1 + 1e-12, "> 0.999"),  # rounding noise of an adjustment capped at 1
        (np.float64(0.0213), "0.0213"),
        (Decimal("0.0213"), "0.0213"),
    ],
)
def test_it_writes_p_values_as_journals_do(p, text):
    assert p_value(p) == text


@pytest.mark.parametrize("p", [*EDGES, -0.01, -1e-20, 1.5, math.inf, -math.inf, "n/a", True])
def test_it_writes_a_dash_for_what_is_not_a_p_value(p):
    assert p_value(p) == "—"


@pytest.mark.parametrize(
    "p,text",
    [(0.0013, "p = 0.0013"), (1e-9, "p < 0.0001"), (1.0, "p > 0.999"), (None, "p n/a"), (math.nan, "p n/a")],
)
def test_it_states_a_p_value_in_a_sentence(p, text):
    assert p_equals(p) == text


def test_it_never_writes_a_p_value_with_an_exponent_or_a_run_of_zeros():
    for p in np.geomspace(1e-12, 1, 400):
        text = p_value(p)
        assert "e" not in text and "0.0000" not in text, (p, text)


# ---- ratios


@pytest.mark.parametrize(
    "value,text",
    [
        (0.047, "0.047"),
        (0.0063, "0.0063"),
        (0.31, "0.31"),
        (2.4981, "2.50"),
        (1, "1.00"),
        (12.345, "12.35"),
        (0, "0"),
        (1e-20, "< 0.001"),
        (5000, "> 1000"),
        (math.inf, "∞"),
        (-0.5, "—"),
        (-math.inf, "—"),
        (None, "—"),
        (math.nan, "—"),
    ],
)
def test_it_writes_ratios_with_two_significant_digits_or_two_decimals(value, text):
    assert ratio(value) == text


def test_it_writes_a_hazard_ratio_and_its_confidence_interval():
    assert ratio_ci(0.047, 0.006, 0.31) == "0.047 (0.006–0.31)"
    assert ratio_ci(2.4981, 0.9166, 6.8089) == "2.50 (0.92–6.81)"
    assert ratio_ci(None, None, None) == "— (—–—)"
    assert ratio_ci(0.5, 0.1, math.inf) == "0.50 (0.10–∞)"


def test_it_adds_digits_until_an_estimate_differs_from_its_limits():
    assert ratio_ci(1.004, 0.998, 1.0101) == "1.004 (0.998–1.010)"
    assert ratio_ci(0.0471, 0.0468, 0.31) == "0.0471 (0.0468–0.310)"
    assert ratio_ci(1.0, 1.0, 1.0) == "1.00 (1.00–1.00)"  # equal numbers stay equal
    # at most three digits more
    assert ratio_ci(1.0000001, 1.0, 1.1) == "1.00000 (1.00000–1.10000)"


# ---- concentrations and amounts


@pytest.mark.parametrize(
    "value,unit,text",
    [
        (1.2345, "ng/mL", "1.23 ng/mL"),
        (0.012345, "ng/mL", "0.0123 ng/mL"),
        (12.345, "ng/mL", "12.3 ng/mL"),
        (123.45, "ng/mL", "123 ng/mL"),
        (1234.5, "ng/mL", "1234 ng/mL"),  # integer digits are never dropped
        (10, "mg/kg", "10 mg/kg"),  # trailing zeros dropped
        (0.5, "mg/kg", "0.5 mg/kg"),
        (1, "", "1"),
        (0, "µg", "0 µg"),
        (0.001, "M", "0.001 M"),
        (1.234e-5, "M", "1.23 × 10⁻⁵ M"),
        (1e-20, "M", "1.00 × 10⁻²⁰ M"),
        (2.5e7, "pg/mL", "2.50 × 10⁷ pg/mL"),
        (-0.0123, "ng/mL", "-0.0123 ng/mL"),
        (9.996, "ng/mL", "10 ng/mL"),
        (None, "ng/mL", "—"),
        (math.nan, "ng/mL", "—"),
        (math.inf, "ng/mL", "—"),
        (-math.inf, "ng/mL", "—"),
    ],
)
def test_it_writes_concentrations_to_three_or_four_significant_figures(value, unit, text):
    assert quantity(value, unit) == text


# ---- percentages


@pytest.mark.parametrize(
    "value,text",
    [
        (45.26, "45.3 %"),
        (100, "100.0 %"),
        (0, "0.0 %"),
        (1, "1.0 %"),
        (-12.34, "-12.3 %"),
        (-0.04, "0.0 %"),  # no negative zero
        (1e-20, "0.0 %"),
        (None, "—"),
        (math.nan, "—"),
        (math.inf, "—"),
    ],
)
def test_it_writes_percentages_to_one_decimal(value, text):
    assert percent(value) == text


# ---- measured numbers (signals, fitted parameters) and signed percentages


@pytest.mark.parametrize(
    "value,digits,text",
    [
        (1.23456, 4, "1.235"),  # an OD to 4 figures
        (123456.7, 4, "123457"),  # an RLU keeps its integer digits
        (0.009675000000000003, 4, "0.009675"),  # float noise from arithmetic never shows
        (0.1, 4, "0.1"),  # trailing zeros dropped
        (9.2626, 3, "9.26"),
        (292.9542, 3, "293"),
        (-3.456, 3, "-3.46"),
        (0.0004567, 3, "4.57 × 10⁻⁴"),
        (2.2e7, 3, "2.20 × 10⁷"),
        (0, 3, "0"),
        (1e-300, 3, "1.00 × 10⁻³⁰⁰"),
        (0.99996, 4, "1"),  # rounds up into the next decade without a stray zero
    ],
)
def test_it_writes_measured_numbers_to_significant_figures(value, digits, text):
    assert formatting.number(value, digits) == text


@pytest.mark.parametrize("value", [*EDGES, math.inf, -math.inf, "abc", True])
def test_it_writes_a_dash_for_a_missing_number(value):
    assert formatting.number(value) == "—"
    assert formatting.quantity(value, "pg/mL") == "—"  # no unit after a dash


@pytest.mark.parametrize(
    "value,text", [(3.21, "+3.2 %"), (-12.04, "-12.0 %"), (0.0, "0.0 %"), (-0.04, "0.0 %"), (None, "—")]
)
def test_it_writes_a_bias_with_its_sign(value, text):
    assert formatting.signed_percent(value) == text


def test_every_template_has_the_number_filters_without_loading_them():
    from django.template import engines

    template = engines["django"].from_string(
        "{{ a|quantity:'pg/mL' }}|{{ b|number:4 }}|{{ c|pval }}|{{ d|percent }}|{{ e|signed_percent }}|{{ f|hr_ci }}"
    )
    text = template.render(
        {
            "a": 292.9542,
            "b": 1.23456,
            "c": 1e-9,
            "d": 45.26,
            "e": 3.21,
            "f": {"hr": 0.0473, "ci95": [0.0063, 0.31]},
        }
    )
    assert text == "293 pg/mL|1.235|&lt; 0.0001|45.3 %|+3.2 %|0.047 (0.0063–0.31)"


def test_no_page_template_rounds_numbers_its_own_way():
    """Results go through the number filters; ``floatformat`` with 3+ decimals or ``-4`` is how the pages
    used to print "9.2626 pg/mL" and "292.9542"."""
    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        f"{path.relative_to(root)}: {m.group(0)}"
        for path in root.rglob("*.html")
        for line in path.read_text().splitlines()
        for m in re.finditer(r'floatformat:"?-?[3-9]g?"?', line.replace("r_squared|floatformat:4", ""))
    ]  # R² is written to 4 decimals, as Prism and R's summary do
    assert offenders == []
