"""Naming rules: a sample name written as a pattern of named fields and literal text, e.g.
"{animal} d{day} {hours}h" or "{animal}_{tissue}_d{day}", turned into a regular expression. Each field
must appear exactly once; spaces in the rule match any run of spaces; case does not matter; everything
else is literal (a "." is a dot, not a wildcard)."""

from __future__ import annotations

import re

from studies.services.common import StudyError

MAX_RULE = 200


def naming_pattern(rule: str, fields: dict[str, str], *, example: str) -> re.Pattern:
    """``fields``: {name: regular expression with the named group}."""
    rule = (rule or "").strip()
    if not rule:
        raise StudyError("invalid_rule", f"Write a naming rule, e.g. {example}.")
    if len(rule) > MAX_RULE:
        raise StudyError("invalid_rule", f"A naming rule has at most {MAX_RULE} characters.")
    names = re.findall(r"\{([^{}]*)\}", rule)
    allowed = ", ".join(f"{{{f}}}" for f in fields)
    unknown = sorted({n for n in names if n not in fields})
    if unknown:
        raise StudyError("invalid_rule", f"Unknown field {{{unknown[0]}}} in the rule: use {allowed}.")
    for name in fields:
        if names.count(name) != 1:
            raise StudyError("invalid_rule", f"The rule must hold {{{name}}} exactly once.")
    tokens = re.split("(" + "|".join(re.escape(f"{{{f}}}") for f in fields) + ")", rule)
    regex = "".join(
        fields[t[1:-1]]
        if t[1:-1] in fields and t.startswith("{")
        else "".join(r"\s+" if part.isspace() else re.escape(part) for part in re.split(r"(\s+)", t) if part)
        for t in tokens
    )
    return re.compile(regex, re.IGNORECASE)
