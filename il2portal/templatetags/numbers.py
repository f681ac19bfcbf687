"""Every page's number filters: the template side of :mod:`il2portal.formatting` (one formatting policy).

Registered as a template builtin (settings.TEMPLATES), so every template has them without ``{% load %}``:

* ``{{ p|pval }}`` a p-value in a table cell, ``{{ p|p_equals }}`` in a sentence;
* ``{{ hr|hr_ci }}`` a hazard ratio with its CI (``{"hr", "ci95"}``);
* ``{{ x|quantity:unit }}`` a concentration, EC50 or dose with its unit, 3 significant figures;
* ``{{ x|number }}`` / ``{{ x|number:4 }}`` a measured number (signals take 4 figures);
* ``{{ x|percent }}`` a percentage from data, ``{{ x|signed_percent }}`` a bias (+3.2 %);
* ``{{ mean|mean_sem:sem }}`` a mean with its SEM ("1897 ± 411", "22.20 ± 0.44").
"""

from __future__ import annotations

from django import template

from il2portal import formatting

register = template.Library()


@register.filter
def pval(value) -> str:
    """A p-value in a table cell: "0.0013", "< 0.0001", "—"."""
    return formatting.p_value(value)


@register.filter
def p_equals(value) -> str:
    """A p-value in a sentence: "p = 0.0737", "p < 0.0001", "p n/a"."""
    return formatting.p_equals(value)


@register.filter
def hr_ci(hazard_ratio: dict) -> str:
    """A hazard ratio with its 95 % CI, ``{"hr", "ci95": [low, high]}``: "0.047 (0.006–0.31)"."""
    low, high = hazard_ratio.get("ci95") or (None, None)
    return formatting.ratio_ci(hazard_ratio.get("hr"), low, high)


@register.filter
def percent(value) -> str:
    """A percentage computed from data, one decimal: "45.3 %"."""
    return formatting.percent(value)


@register.filter
def signed_percent(value) -> str:
    """A bias or change with its sign, one decimal: "+3.2 %"."""
    return formatting.signed_percent(value)


@register.filter
def quantity(value, unit: str = "") -> str:
    """An amount or concentration with its unit: "9.26 pg/mL", "293 pg/mL", "0.005 mg/kg"."""
    return formatting.quantity(value, unit or "")


@register.filter
def number(value, digits=3) -> str:
    """A measured number to ``digits`` significant figures (3 unless given): "0.123", "1.235"."""
    try:
        digits = int(digits)
    except (TypeError, ValueError):
        digits = 3
    return formatting.number(value, max(1, min(digits, 15)))


@register.filter
def mean_sem(mean, sem) -> str:
    """A mean and its SEM: the SEM to 2 significant figures, the mean to its decimal place."""
    return formatting.mean_sem(mean, sem)
