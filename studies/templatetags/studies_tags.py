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
