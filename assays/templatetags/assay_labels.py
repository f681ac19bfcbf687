"""Template filters giving the words of :mod:`assays.labels` for stored codes:
``{{ plate.vendor|format_name }}``, ``{{ curve.model|model_name }}``, ``{{ curve.weighting|weighting_phrase }}``,
``{{ code|flag_description }}``, ``{{ well.role|role_name }}``."""

from __future__ import annotations

from django import template

from assays import labels

register = template.Library()

register.filter("format_name", labels.format_name)
register.filter("model_name", labels.model_name)
register.filter("weighting_name", labels.weighting_name)
register.filter("weighting_phrase", labels.weighting_phrase)
register.filter("role_name", labels.role_name)
register.filter("flag_description", labels.flag_description)
register.filter("dilution_flag", labels.dilution_flag)


@register.filter
def flag_descriptions(codes) -> str:
    """A list of flags spelled out, separated by semicolons (a tooltip)."""
    if isinstance(codes, str):
        codes = [codes]
    return "; ".join(labels.flag_description(c) for c in codes or [] if c)
