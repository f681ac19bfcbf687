"""What every study service shares: the errors they raise (a batch's row errors, a refused request),
the limits of a request, the lab's today, the parsers of a row's values, and the insert of checked rows
that turns a concurrent duplicate into a named conflict.

Batches (measurements, events, animals) are all-or-nothing: every row is checked first and a
:class:`BatchError` lists every bad row with its field; nothing is stored unless all rows are good.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from studies.models import Animal, Study

MAX_BATCH_ROWS = 5000  # measurements or events per request
REASON_MAX_LENGTH = 100  # django-simple-history's history_change_reason is a CharField(max_length=100)


# --------------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class RowError:
    index: int
    field: str
    message: str
    code: str = "invalid_row"


@dataclass
class BatchError(Exception):
    """Rows that cannot be stored. ``errors`` are sorted by row; the first one is the headline."""

    errors: list[RowError] = field(default_factory=list)

    def __post_init__(self):
        self.errors.sort(key=lambda e: e.index)
        super().__init__(self.headline())

    @property
    def code(self) -> str:
        return self.errors[0].code if self.errors else "invalid_row"

    def headline(self, label=lambda i: f"rows[{i}]") -> str:
        if not self.errors:
            return "The batch is not valid."
        first = self.errors[0]
        more = len(self.errors) - 1
        tail = f" ({more} more row error{'s' if more > 1 else ''})" if more else ""
        return f"{label(first.index)}.{first.field}: {first.message}{tail}"

    def detail(self) -> dict:
        rows: dict[str, dict[str, list[str]]] = {}
        for e in self.errors:
            rows.setdefault(str(e.index), {}).setdefault(e.field, []).append(e.message)
        return {
            "rows": rows,
            "errors": [
                {"row": e.index, "field": e.field, "code": e.code, "message": e.message} for e in self.errors
            ],
        }


class StudyError(Exception):
    """A request that cannot be carried out (e.g. no animal fits a randomisation window)."""

    def __init__(self, code: str, message: str, detail: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail or {}


# --------------------------------------------------------------------------------------------------
# Small parsers shared by every interface


def lab_today(lab) -> dt.date:
    try:
        tz = ZoneInfo(lab.time_zone or "UTC")
    except Exception:  # an unknown zone name: fall back to UTC rather than fail a page
        tz = dt.UTC
    return timezone.now().astimezone(tz).date()


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("a date (YYYY-MM-DD) is required")
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def parse_number(value) -> float | None:
    """A float, ``None`` for empty; decimal commas are accepted ("5,2")."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        try:
            f = float(value)
        except OverflowError:
            raise ValueError(f"{value!r} is too large") from None
    else:
        text = str(value).strip().replace("\u00a0", "")
        if not text:
            return None
        if re.fullmatch(r"-?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            f = float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(f):
        raise ValueError("a finite number is required")
    return f


def sha256_of(payload) -> str:
    """SHA-256 of a JSON payload (keys sorted): what an analysis or a randomisation depended on."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


# --------------------------------------------------------------------------------------------------
# Rows of a batch


def batch_check_size(rows: Sequence, what: str) -> None:
    """Refuse an empty batch, and one of more than :data:`MAX_BATCH_ROWS` rows, before reading a row."""
    if not rows:
        raise BatchError([RowError(0, "animal", f"No rows: send at least one {what}.", "empty_batch")])
    if len(rows) > MAX_BATCH_ROWS:
        message = f"At most {MAX_BATCH_ROWS} rows per batch."
        raise BatchError([RowError(MAX_BATCH_ROWS, "animal", message, "batch_too_large")])


def animals_by_tag(study: Study, rows: Sequence) -> dict[str, Animal]:
    """The study's animals that the rows of a batch name (``animal``: the tag), in one query."""
    tags = {str(r.get("animal", "")).strip() for r in rows if isinstance(r, dict)}
    return {a.tag: a for a in Animal.objects.filter(study=study, tag__in=tags)}


def batch_row_animal(
    i: int, row, *, fields: Sequence[str], also: Iterable[str], animals: dict[str, Animal], errors: list
) -> Animal | None:
    """The animal row ``i`` of a batch names, once the row is an object of known ``fields`` (or ``also``)
    that names an animal of the study; None, with the row's error added to ``errors``, otherwise."""
    if not isinstance(row, dict):
        errors.append(RowError(i, "animal", "Each row must be an object.", "invalid_row"))
        return None
    unknown = sorted(set(row) - set(fields) - set(also))
    if unknown:
        message = f"unknown field; expected {', '.join(fields)}."
        errors.append(RowError(i, unknown[0], message, "unknown_field"))
        return None
    tag = str(row.get("animal", row.get("tag", "")) or "").strip()
    if not tag:
        errors.append(RowError(i, "animal", "the animal's tag is required.", "required"))
        return None
    animal = animals.get(tag)
    if animal is None:
        errors.append(RowError(i, "animal", f"No animal tagged {tag!r} in this study.", "unknown_animal"))
    return animal


def check_row_date(errors, i, when, animal, study, today, *, what="measurement") -> bool:
    if when > today + dt.timedelta(days=1):
        errors.append(RowError(i, "date", f"{when} is in the future (today is {today}).", "future_date"))
        return False
    implant = animal.implanted_on or study.implanted_on
    if implant and when < implant:
        errors.append(
            RowError(
                i,
                "date",
                f"{when} is before {animal.tag}'s implant on {implant}; no {what} before implant.",
                f"{what}_before_implant",
            )
        )
        return False
    if animal.exit_date and when > animal.exit_date:
        errors.append(
            RowError(
                i,
                "date",
                f"{animal.tag} left the study on {animal.exit_date} ({animal.get_status_display()}); "
                f"no {what} after that.",
                f"{what}_after_exit",
            )
        )
        return False
    return True


def insert_or_conflict(objs: list, model, user, code: str, what: str, name_clashes=None) -> list:
    """Insert validated rows (with history). Validation saw no clash, but a request running at the same
    moment may have stored the same animal-day first: the unique constraint then refuses the insert and the
    batch fails as a conflict (409) naming the code, instead of a server error. Nothing is stored.
    ``name_clashes()`` (run after the failed insert) may name the rows that clash."""
    try:
        with transaction.atomic():
            return bulk_create_with_history(objs, model, default_user=user)
    except IntegrityError:
        clashes = name_clashes() if name_clashes else []
        if clashes:
            raise BatchError(clashes) from None
        raise BatchError(
            [
                RowError(
                    0,
                    "animal",
                    f"{what} was stored by another request at the same moment; nothing from this batch "
                    "was stored. Reload and check before sending it again.",
                    code,
                )
            ]
        ) from None
