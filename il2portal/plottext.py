"""Plain text in Plotly figures.

plotly.js renders a subset of HTML in every text it draws (titles, legend entries, hover labels, tick
labels, annotations), ``<a href>`` and ``<span style>`` included: a group named
``<a href="https://evil.example">Vehicle</a>`` would be a clickable link in a chart legend. Figures keep
the few formatting tags the portal itself writes (line breaks, bold, italics, sub/superscripts and
Plotly's ``<extra>``); every other ``<`` and ``>`` becomes an entity, which plotly.js shows as the
character itself. Pure Python, used by the figure builders of every app through :func:`plain_text`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

_OWN_TAGS = re.compile(r"(</?(?:br|b|i|em|sup|sub|extra)\s*/?>)", re.IGNORECASE)


def escape_text(text: str) -> str:
    """``text`` with every ``<``/``>`` that is not one of the portal's own formatting tags escaped."""
    if "<" not in text and ">" not in text:
        return text
    parts = _OWN_TAGS.split(text)
    return "".join(
        part if i % 2 else part.replace("<", "&lt;").replace(">", "&gt;") for i, part in enumerate(parts)
    )


def sanitize(value: Any) -> Any:
    """A copy of a figure (dicts, lists, strings, numbers) with every string passed through
    :func:`escape_text`; keys are left alone."""
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, dict):
        return {k: sanitize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [sanitize(v) for v in value]
    return value


def plain_text(builder: Callable[..., dict]) -> Callable[..., dict]:
    """Decorator for a function returning a figure dict: user text in it cannot become markup."""

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        figure = builder(*args, **kwargs)
        return sanitize(figure) if figure is not None else None

    wrapper.plain_text = True  # checked by the tests for every figure a page draws
    return wrapper
