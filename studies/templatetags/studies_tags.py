"""Template helpers of the studies pages."""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from il2portal import formatting

register = template.Library()


@register.filter
def json_data(value, element_id: str):
    """Like Django's ``json_script`` (same escaping of <, > and &), but fast on the large figure
    payloads of a 200-animal study: compact separators and str.replace instead of str.translate."""
    text = json.dumps(value, separators=(",", ":"))
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text))


@register.filter
def pval(value) -> str:
    """A p-value in a table cell (il2portal.formatting.p_value): "0.0013", "< 0.0001", "—"."""
    return formatting.p_value(value)


@register.filter
def p_equals(value) -> str:
    """A p-value in a sentence (il2portal.formatting.p_equals): "p = 0.0737", "p < 0.0001", "p n/a"."""
    return formatting.p_equals(value)


@register.filter
def hr_ci(hazard_ratio: dict) -> str:
    """A hazard ratio with its 95 % CI, ``{"hr", "ci95": [low, high]}`` (il2portal.formatting.ratio_ci):
    "0.047 (0.006–0.31)"."""
    low, high = hazard_ratio.get("ci95") or (None, None)
    return formatting.ratio_ci(hazard_ratio.get("hr"), low, high)


@register.filter
def percent(value) -> str:
    """A percentage computed from data, one decimal (il2portal.formatting.percent): "45.3 %"."""
    return formatting.percent(value)


@register.filter
def quantity(value, unit: str = "") -> str:
    """An amount or concentration with its unit (il2portal.formatting.quantity): "0.005 mg/kg"."""
    return formatting.quantity(value, unit or "")
