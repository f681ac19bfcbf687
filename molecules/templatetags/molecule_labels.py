from django import template

from molecules import labels

register = template.Library()
register.filter("selectivity_flag", labels.selectivity_flag)
register.filter("westgard_rule", labels.westgard_rule)
register.filter("release_method", labels.release_method)
register.filter("chart_status", labels.chart_status)


@register.filter
def without(flags, code):
    """The flags other than ``code`` (the wild type's own flag says nothing in its row)."""
    return [f for f in flags or [] if f != code]
