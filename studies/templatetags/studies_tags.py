"""Template helpers of the studies pages (the number filters are builtins: il2portal.templatetags.numbers)."""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def json_data(value, element_id: str):
    """Like Django's ``json_script`` (same escaping of <, > and &), but fast on the large figure
    payloads of a 200-animal study: compact separators and str.replace instead of str.translate."""
    text = json.dumps(value, separators=(",", ":"))
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text))


PK_FLAG_WORDS = {
    "zero_imputed_at_dose": "0 assumed at the dose",
    "all_below_lloq": "every sample below the LLOQ",
    "no_positive_concentration": "no measurable concentration",
    "auc_extrapolated_high": "more than 20 % of AUC0–∞ extrapolated",
    "too_few_points": "fewer than 3 points after Cmax",
    "lambda_z_not_positive": "concentrations not falling after Cmax",
    "low_adj_r_squared": "log-linear fit poor (adj. R² < 0.9)",
    "short_span": "fit spans less than 2 half-lives",
}


@register.filter
def pk_flag(code) -> str:
    """A serum NCA flag or half-life reason in words (``lambda_z_short_span`` → "fit spans …")."""
    code = str(code or "")
    return (
        PK_FLAG_WORDS.get(code) or PK_FLAG_WORDS.get(code.removeprefix("lambda_z_")) or code.replace("_", " ")
    )
