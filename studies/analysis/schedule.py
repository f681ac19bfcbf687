"""Dosing schedules as written in protocols ("q3d×5") turned into day offsets.

Grammar (case-insensitive, spaces ignored, ``×``, ``x`` or ``*`` before the number of doses):

* ``q<n>d×<k>``: every n days, k doses (``qd`` = every day). ``q3d×5`` → 0, 3, 6, 9, 12.
* ``q<n>w×<k>`` / ``qw×<k>``: every n weeks.
* ``biw×<k>``: twice weekly (days 0 and 3 of each week); ``tiw×<k>``: three times weekly (0, 2, 4).
* ``once``, ``single``, ``sd``: one dose on day 0.
* ``d0,3,7`` or ``days 0,3,7``: explicit offsets.
* Components joined with ``+`` (combination arms: ``q3d×5 + q3d×3``) give the union of their days.

A component without a dose count (``q3d``) repeats until ``until_offset`` (inclusive), which the caller
must then give (e.g. the planned end of the study); otherwise :class:`ScheduleError` is raised.
Offsets are days from the first dose (the arm's dosing start).
"""

from __future__ import annotations

import re

MAX_DOSES = 400

_COUNT = r"(?:[x×*](?P<count>\d+))?"
_PATTERNS = [
    ("every_days", re.compile(r"^q(?P<n>\d*)d" + _COUNT + r"$")),
    ("every_weeks", re.compile(r"^q(?P<n>\d*)w(?:k)?" + _COUNT + r"$")),
    ("biw", re.compile(r"^biw" + _COUNT + r"$")),
    ("tiw", re.compile(r"^tiw" + _COUNT + r"$")),
    ("once", re.compile(r"^(?:once|single|sd|x1|×1)$")),
    ("explicit", re.compile(r"^(?:days?|d)(?P<days>\d+(?:[,;]\d+)*)$")),
]


class ScheduleError(ValueError):
    """A schedule that cannot be read; the message is for a person."""


def _weekly(pattern: tuple[int, ...], count: int | None, until: int | None, text: str) -> list[int]:
    out: list[int] = []
    week = 0
    while True:
        for d in pattern:
            day = 7 * week + d
            if count is not None and len(out) >= count:
                return out
            if count is None and day > until:  # type: ignore[operator]
                return out
            out.append(day)
        week += 1
        if len(out) > MAX_DOSES:
            raise ScheduleError(f"{text!r} gives more than {MAX_DOSES} doses.")


def _component(text: str, until_offset: int | None) -> list[int]:
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        if kind == "once":
            return [0]
        if kind == "explicit":
            return sorted({int(d) for d in re.split(r"[,;]", m.group("days"))})
        count = int(m.group("count")) if m.groupdict().get("count") else None
        if count is not None and count < 1:
            raise ScheduleError(f"{text!r}: the number of doses must be at least 1.")
        if count is None and until_offset is None:
            raise ScheduleError(
                f"{text!r} has no number of doses: write e.g. {text}×5, or give the end of dosing."
            )
        if count is not None and count > MAX_DOSES:
            raise ScheduleError(f"{text!r} gives more than {MAX_DOSES} doses.")
        if kind in ("every_days", "every_weeks"):
            n = int(m.group("n") or 1)
            if n < 1:
                raise ScheduleError(f"{text!r}: the interval must be at least 1.")
            step = n if kind == "every_days" else 7 * n
            if count is None:
                return list(range(0, int(until_offset) + 1, step))  # type: ignore[arg-type]
            return [i * step for i in range(count)]
        pattern_days = (0, 3) if kind == "biw" else (0, 2, 4)
        return _weekly(pattern_days, count, until_offset, text)
    raise ScheduleError(
        f"Cannot read the schedule {text!r}: use e.g. q3d×5, qd×10, q7d×3, biw×4, once or d0,3,7 "
        "(combine arms with +)."
    )


def dose_offsets(schedule: str, *, until_offset: int | None = None) -> list[int]:
    """Sorted day offsets (from the first dose) of every dose in ``schedule`` (module docstring)."""
    if schedule is None or not str(schedule).strip():
        raise ScheduleError("The schedule is empty.")
    cleaned = str(schedule).lower().replace(" ", "").replace("\u00a0", "")
    days: set[int] = set()
    for part in cleaned.split("+"):
        if not part:
            raise ScheduleError(f"Cannot read the schedule {schedule!r}: an empty part around '+'.")
        days.update(_component(part, until_offset))
    return sorted(days)
